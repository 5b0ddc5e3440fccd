// Requisição HTTP and Notificar Grupo Interno in a real n8n, on the web chat: a local API answers JSON
// (success, 500, too slow), the saved field reaches the next message, the error path is taken with
// status/message/excerpt, and the team is notified on Telegram, WhatsApp and an HTTP endpoint.
import { readFileSync } from 'fs';
import { join } from 'path';

import { startSimulator, type RecordedRequest, type Simulator } from '../simulators/base';
import { TELEGRAM_TEST_BOT as BOT, startTelegramSimulator, type TelegramSimulator } from '../simulators/telegram';
import { DEFAULT_TEMPLATES, startWhatsAppSimulator, type MessageTemplate, type WhatsAppSimulator } from '../simulators/whatsapp';
import { activateWorkflow, api, createCredential, e2eState, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const API_KEY = 'chave-secreta-do-erp';
const TEAM_CHAT = '-1001234567890';
const BLOCKED_CHAT = -1009999999999;
/** A team-alert template with one body variable, approved on the simulated WhatsApp account. */
const TEAM_TEMPLATE: MessageTemplate = {
	id: '1000000000000099',
	name: 'alerta_equipe',
	language: 'pt_BR',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [{ type: 'BODY', text: 'Alerta do atendimento: {{1}}' }],
};

let erp: Simulator;
let telegram: TelegramSimulator;
let whatsapp: WhatsAppSimulator;
let headerCredential: Record<string, unknown>;
let telegramCredential: Record<string, unknown>;
let whatsappCredential: Record<string, unknown>;

/** The provider's API (and the team's alert endpoint): records requests, answers per path. */
async function startErp(): Promise<Simulator> {
	return await startSimulator(async (request: RecordedRequest) => {
		switch (request.path) {
			case '/fatura':
				return {
					status: 200,
					body: { data: { fatura: { valor: 89.9, vencimento: '10/07/2026' } }, items: [{ id: `FAT-${request.query.protocolo ?? ''}` }] },
				};
			case '/quebrado':
				return { status: 500, body: { erro: 'falha interna no ERP', detalhe: 'banco indisponível' } };
			case '/lento':
				// longer than the card's 1 s limit; unref'd so a pending answer does not keep jest alive
				await new Promise((resolve) => setTimeout(resolve, 3000).unref());
				return { status: 200, body: { data: { fatura: { valor: 1 } } } };
			case '/alertas':
				return { status: 202, body: { recebido: true } };
			default:
				return { status: 404, body: { erro: 'rota desconhecida' } };
		}
	});
}

/**
 * Início → Consultar fatura (GET <route>?protocolo={{protocolo}}, X-Api-Key from a Header Auth
 * credential, saves valor_fatura and item_id) → Sucesso: message with {{var.…}} → notify Telegram,
 * WhatsApp and the HTTP endpoint → Fim; Erro: apology → Fim do erro.
 */
function httpFlow(path: string, route: string, timeoutSeconds: number): WorkflowJson {
	return {
		name: `E2E Requisição HTTP ${route}`,
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path, companyName: 'NetRápida' }, { webhookId: `${path}-hook` }),
			testNode(
				2,
				'Consultar fatura',
				'requisicaoHttp',
				{
					method: 'GET',
					url: `${erp.url}${route}`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
					queryParameters: { values: [{ name: 'protocolo', value: '{{protocolo}}' }] },
					responseMapping: {
						values: [
							{ variable: 'valor_fatura', path: 'data.fatura.valor' },
							{ variable: 'item_id', path: 'items[0].id' },
						],
					},
					timeoutSeconds,
				},
				{ credentials: headerCredential },
			),
			testNode(3, 'Fatura', 'enviarMensagem', { text: 'Protocolo {{protocolo}}: fatura de R$ {{var.valor_fatura}} ({{var.item_id}}).' }),
			testNode(
				4,
				'Avisar Telegram',
				'notificarGrupo',
				{ destination: 'telegram', chatId: TEAM_CHAT, message: '🔔 {{protocolo}} consultou a fatura de R$ {{var.valor_fatura}} ({{nome_empresa}})' },
				{ credentials: telegramCredential },
			),
			testNode(
				5,
				'Avisar WhatsApp',
				'notificarGrupo',
				{ destination: 'whatsapp', phone: '(11) 98765-4321', message: 'Atendimento {{protocolo}}: fatura {{var.item_id}}' },
				{ credentials: whatsappCredential },
			),
			testNode(6, 'Avisar sistema', 'notificarGrupo', { destination: 'http', url: `${erp.url}/alertas`, message: 'Fatura consultada: {{var.item_id}}' }),
			testNode(7, 'Fim', 'encerrarAtendimento', { finalMessage: 'Até logo.' }),
			testNode(8, 'Desculpa', 'enviarMensagem', { text: 'Não consegui consultar sua fatura agora (protocolo {{protocolo}}).' }),
			testNode(9, 'Fim do erro', 'encerrarAtendimento', { finalMessage: '', resolved: false, reason: 'erp_indisponivel' }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Consultar fatura', type: 'main', index: 0 }]] },
			'Consultar fatura': { main: [[{ node: 'Fatura', type: 'main', index: 0 }], [{ node: 'Desculpa', type: 'main', index: 0 }]] },
			Fatura: { main: [[{ node: 'Avisar Telegram', type: 'main', index: 0 }]] },
			'Avisar Telegram': { main: [[{ node: 'Avisar WhatsApp', type: 'main', index: 0 }]] },
			'Avisar WhatsApp': { main: [[{ node: 'Avisar sistema', type: 'main', index: 0 }]] },
			'Avisar sistema': { main: [[{ node: 'Fim', type: 'main', index: 0 }]] },
			Desculpa: { main: [[{ node: 'Fim do erro', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function activate(path: string, route: string, timeoutSeconds = 5): Promise<{ id: string; url: string }> {
	const id = await activateWorkflow(httpFlow(path, route, timeoutSeconds));
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	return { id, url };
}

type Item = { json: Record<string, unknown> };
type RunData = Record<string, Array<{ data: { main: Item[][] } }>>;

/** The items "Consultar fatura" put on each output, in the newest finished execution of the workflow. */
async function requestOutputs(workflowId: string): Promise<Item[][]> {
	const newest = await waitFor(async () => {
		const list = (await api<{ data: Array<{ id: string; status: string }> }>('GET', `/executions?workflowId=${workflowId}&limit=1`)).data;
		return list[0]?.status === 'success' ? list[0] : undefined;
	}, 15_000, 'a execução terminar');
	const execution = await api<{ data: { resultData: { runData: RunData } } }>('GET', `/executions/${newest.id}?includeData=true`);
	return execution.data.resultData.runData['Consultar fatura'][0].data.main;
}

function journal(): string {
	return readFileSync(join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl'), 'utf8');
}

beforeAll(async () => {
	[erp, telegram, whatsapp] = await Promise.all([
		startErp(),
		startTelegramSimulator(),
		startWhatsAppSimulator({ templates: [...DEFAULT_TEMPLATES, TEAM_TEMPLATE] }),
	]);
	telegram.blockChat(BLOCKED_CHAT);
	const headerId = await createCredential('Chave do ERP', 'httpHeaderAuth', { name: 'X-Api-Key', value: API_KEY });
	headerCredential = { httpHeaderAuth: { id: headerId, name: 'Chave do ERP' } };
	const telegramId = await createCredential('Telegram da equipe', 'atendimentoTelegramApi', { botToken: BOT.token, baseUrl: telegram.url });
	telegramCredential = { atendimentoTelegramApi: { id: telegramId, name: 'Telegram da equipe' } };
	whatsappCredential = await whatsAppSimulatorCredential(whatsapp.url, 'WhatsApp da equipe');
});

afterAll(async () => {
	await Promise.all([erp?.close(), telegram?.close(), whatsapp?.close()]);
});

test('success: GET with the protocolo, the saved field in the next message, the team notified on Telegram, WhatsApp and HTTP', async () => {
	const { id } = await activate('e2e-http-ok', '/fatura');
	const customer = new WebchatCustomer(`${e2eState().baseUrl}/webhook/e2e-http-ok`);
	await customer.say('quero minha fatura');
	const [invoice, goodbye] = await customer.next(2, 20_000);
	const protocolo = /^Protocolo (\S+):/.exec((invoice as { text: string }).text)?.[1] ?? '';
	expect(invoice).toEqual({ kind: 'text', text: `Protocolo ${protocolo}: fatura de R$ 89.9 (FAT-${protocolo}).` });
	expect(goodbye).toEqual({ kind: 'text', text: 'Até logo.' });

	// the API got the protocolo in the query and the key from the credential
	const call = erp.requests.find((request) => request.path === '/fatura' && request.query.protocolo === protocolo);
	expect(call).toMatchObject({ method: 'GET', headers: { 'x-api-key': API_KEY } });

	// the team, never the customer
	const toGroup = telegram.sent.filter((message) => String(message.chatId) === TEAM_CHAT);
	expect(toGroup.map((message) => message.params.text)).toEqual([`🔔 ${protocolo} consultou a fatura de R$ 89.9 (NetRápida)`]);
	const toTeamPhone = whatsapp.sent.filter((message) => message.to === '5511987654321');
	expect(toTeamPhone.map((message) => message.body)).toEqual([
		expect.objectContaining({ type: 'text', text: { preview_url: false, body: `Atendimento ${protocolo}: fatura FAT-${protocolo}` } }),
	]);
	const alert = erp.requests.find((request) => request.path === '/alertas');
	expect(alert?.method).toBe('POST');
	expect(alert?.json).toMatchObject({
		texto: `Fatura consultada: FAT-${protocolo}`,
		protocolo,
		canal: 'webchat',
		contato: { id: customer.session },
		variaveis: { valor_fatura: 89.9, item_id: `FAT-${protocolo}` },
		card: 'Avisar sistema',
	});
	expect((await customer.history()).length).toBe(2);

	// the item carries what was saved; the conversation records the call and the notifications, no secret
	const [success, failure] = await requestOutputs(id);
	expect(failure).toEqual([]);
	expect(success[0].json.requisicaoHttp).toEqual({ sucesso: true, status: 200, variaveis: { valor_fatura: 89.9, item_id: `FAT-${protocolo}` } });
	expect(success[0].json.atendimento).toMatchObject({ protocolo, variaveis: { valor_fatura: 89.9, item_id: `FAT-${protocolo}` } });
	const log = journal();
	expect(log).toMatch(/"type":"requisicao_http","node":"Consultar fatura","data":\{"metodo":"GET","host":"127\.0\.0\.1:\d+","sucesso":true,"status":200/);
	for (const destino of ['telegram', 'whatsapp', 'http']) {
		expect(log).toMatch(new RegExp(`"type":"notificacao_grupo","node":"Avisar [^"]+","data":\\{"destino":"${destino}","para":"[^"]+","texto":"[^"]*${protocolo}[^"]*","enviada":true`));
	}
	expect(log).not.toContain(API_KEY);
	expect(log).not.toContain(BOT.token);
});

test('HTTP 500 goes out of "Erro" with status, message and body excerpt', async () => {
	const { id, url } = await activate('e2e-http-500', '/quebrado');
	const customer = new WebchatCustomer(url);
	await customer.say('fatura');
	const [apology] = await customer.next(1, 20_000);
	expect((apology as { text: string }).text).toMatch(/^Não consegui consultar sua fatura agora \(protocolo \d{8}-/);
	const [success, failure] = await requestOutputs(id);
	expect(success).toEqual([]);
	expect(failure[0].json.requisicaoHttp).toEqual({
		sucesso: false,
		erro: 'http',
		status: 500,
		mensagem: 'O serviço respondeu HTTP 500 (Internal Server Error).',
		trechoResposta: '{"erro":"falha interna no ERP","detalhe":"banco indisponível"}',
	});
	expect(JSON.stringify(failure)).not.toContain(API_KEY);
});

test('a server slower than the 1 s limit goes out of "Erro" as a timeout', async () => {
	const { id, url } = await activate('e2e-http-lento', '/lento', 1);
	const customer = new WebchatCustomer(url);
	const started = Date.now();
	await customer.say('fatura');
	const [apology] = await customer.next(1, 20_000);
	expect(Date.now() - started).toBeLessThan(3000);
	expect((apology as { text: string }).text).toMatch(/^Não consegui consultar sua fatura agora/);
	const [, failure] = await requestOutputs(id);
	expect(failure[0].json.requisicaoHttp).toEqual({ sucesso: false, erro: 'timeout', mensagem: 'O serviço não respondeu em 1 s.' });
	expect(erp.requests.some((request) => request.path === '/lento')).toBe(true);
});

test('a refused notification is recorded and, with "continue on error", the flow goes on; WhatsApp by template', async () => {
	const path = 'e2e-notificar-falha';
	const workflow: WorkflowJson = {
		name: 'E2E Notificar falha',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path }, { webhookId: `${path}-hook` }),
			testNode(
				2,
				'Avisar grupo removido',
				'notificarGrupo',
				{ destination: 'telegram', chatId: String(BLOCKED_CHAT), message: 'Atendimento {{protocolo}}' },
				{ credentials: telegramCredential, onError: 'continueRegularOutput' },
			),
			testNode(
				3,
				'Avisar por template',
				'notificarGrupo',
				{
					destination: 'whatsapp',
					phone: '+55 21 99876-5432',
					whatsAppFormat: 'template',
					templateName: 'alerta_equipe',
					message: 'cliente {{protocolo}}\nprecisa de ajuda',
				},
				{ credentials: whatsappCredential },
			),
			testNode(4, 'Fim', 'encerrarAtendimento', { finalMessage: 'Já avisamos a equipe.' }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Avisar grupo removido', type: 'main', index: 0 }]] },
			'Avisar grupo removido': { main: [[{ node: 'Avisar por template', type: 'main', index: 0 }]] },
			'Avisar por template': { main: [[{ node: 'Fim', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
	await activateWorkflow(workflow);
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	const customer = new WebchatCustomer(url);
	await customer.say('socorro');
	expect(await customer.next(1, 20_000)).toEqual([{ kind: 'text', text: 'Já avisamos a equipe.' }]);

	expect(telegram.sent.filter((message) => String(message.chatId) === String(BLOCKED_CHAT))).toEqual([]);
	const template = whatsapp.sent.find((message) => message.to === '5521998765432');
	expect(template?.body).toMatchObject({
		type: 'template',
		template: { name: 'alerta_equipe', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text' }] }] },
	});
	const parameter = (template?.body.template as { components: Array<{ parameters: Array<{ text: string }> }> }).components[0].parameters[0].text;
	expect(parameter).toMatch(/^cliente \d{8}-\S+ precisa de ajuda$/);
	expect(journal()).toMatch(
		new RegExp(`"type":"notificacao_grupo","node":"Avisar grupo removido","data":\\{"destino":"telegram","para":"${BLOCKED_CHAT}","texto":"Atendimento [^"]+","enviada":false,"motivo":"O usuário bloqueou o bot`),
	);
});

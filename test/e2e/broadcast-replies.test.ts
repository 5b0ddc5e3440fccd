// Replies to a campaign in a real n8n with the WhatsApp simulator: Mensagem Omnichannel → Enfileirar
// Envio → Processar Fila send a template whose quick replies carry the campaign and the recipient; the
// customer taps a button of the template he received; "Template Interativo" (Rotear resposta de
// disparo, Campanha "e2e-respostas-nova-*") sends the tap of the current campaign out of the button's
// output, and a tap on an older campaign's template, or on a template sent to someone else, out of
// "Outra campanha". The reply is recorded in the send log. Every queued job is sent (nothing stays queued).
import { randomUUID } from 'crypto';

import { BROADCAST_TEMPLATES } from '../support/whatsapp-broadcast-templates';
import { WHATSAPP_TEST_ACCOUNT as ACCOUNT, deliver, messagesWebhook, startWhatsAppSimulator, verifyWebhook, type SentMessage, type WhatsAppSimulator } from '../simulators/whatsapp';
import { activateWorkflow, campaignLogRows, e2eState, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';

jest.setTimeout(180_000);

const RUN = randomUUID().slice(0, 8);
const NEW_CAMPAIGN = `e2e-respostas-nova-${RUN}`;
const OLD_CAMPAIGN = `e2e-respostas-antiga-${RUN}`;
const [SEND_PATH, LOGS_PATH, TRIGGER_PATH] = ['e2e-respostas-disparar', 'e2e-respostas-logs', 'e2e-respostas-wa'];
const BUTTONS = { values: [{ label: 'Já voltou' }, { label: 'Continua sem internet' }] };

const ANA = { clienteId: '3101', waId: '5511987653101' };
const BIA = { clienteId: '3102', waId: '5511987653102' };
const CARLA = { clienteId: '3103', waId: '5511987653103' };
const DORA_WA_ID = '5511987653104';

let whatsapp: WhatsAppSimulator;
let triggerUrl: string;

interface SendSummary {
	enviadas: number;
	falhas: number;
	restantes: number;
}
interface LogRow {
	idCliente: string;
	status: string;
	resposta?: string;
	respondidoEm?: string;
}

function webhook(index: number, name: string, path: string, method: 'GET' | 'POST', responseData: string) {
	return testNode(index, name, 'n8n-nodes-base.webhook', { httpMethod: method, path, responseMode: 'lastNode', responseData, options: {} }, { typeVersion: 2, webhookId: randomUUID() });
}

const to = (...names: string[]) => ({ main: names.map((node) => [{ node, type: 'main', index: 0 }]) });

/** Webhook (POST { campanha, linhas }) → one item per line → Mensagem Omnichannel → Enfileirar Envio → Processar Fila. */
function sendFlow(credentials: Record<string, unknown>): WorkflowJson {
	return {
		name: 'E2E respostas - disparar',
		nodes: [
			webhook(1, 'Disparar', SEND_PATH, 'POST', 'firstEntryJson'),
			testNode(2, 'Uma por linha', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.linhas', include: 'noOtherFields', options: {} }),
			testNode(
				3,
				'Mensagem Omnichannel',
				'mensagemOmnichannel',
				{
					template: 'aviso_conexao_offline|pt_BR',
					variables: { values: [{ variable: 1, value: '={{ $json.nome }}' }, { variable: 2, value: '={{ $json.destinatario.login }}' }, { variable: 3, value: 'hoje' }] },
				},
				{ credentials },
			),
			testNode(4, 'Enfileirar Envio', 'enfileirarEnvio', { campaign: "={{ $('Disparar').first().json.body.campanha }}", templateCategory: 'utility', options: {} }),
			testNode(5, 'Processar Fila', 'processarFila', { ratePerSecond: 20, concurrency: 5, maxDurationSeconds: 20, maxAttempts: 3, options: {} }, { credentials }),
		],
		connections: { Disparar: to('Uma por linha'), 'Uma por linha': to('Mensagem Omnichannel'), 'Mensagem Omnichannel': to('Enfileirar Envio'), 'Enfileirar Envio': to('Processar Fila') },
		settings: { executionOrder: 'v1' },
	};
}

/** The provider's WhatsApp flow: taps of the current campaign by button; an older campaign's elsewhere. */
function repliesFlow(credentials: Record<string, unknown>): WorkflowJson {
	const text = (index: number, name: string, message: string) => testNode(index, name, 'enviarMensagem', { messageType: 'text', text: message });
	return {
		name: 'E2E respostas - WhatsApp',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: TRIGGER_PATH }, { credentials, webhookId: randomUUID() }),
			testNode(2, 'Resposta ao aviso', 'templateInterativo', { mode: 'routeReply', campaign: 'e2e-respostas-nova-*', buttons: BUTTONS }),
			text(3, 'Que bom', 'Nova campanha: que bom que voltou!'),
			text(4, 'Vamos verificar', 'Nova campanha: vamos verificar a sua conexão.'),
			text(5, 'Outra campanha', 'Esse aviso é antigo: a sua conexão já foi verificada.'),
			text(6, 'Outra mensagem', 'Olá! Como posso ajudar?'),
		],
		connections: {
			'Início do Atendimento': to('Resposta ao aviso'),
			'Resposta ao aviso': to('Que bom', 'Vamos verificar', 'Outra campanha', 'Outra mensagem'),
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Webhook (GET ?campanha) → Logs Omnichannel. */
function logsFlow(): WorkflowJson {
	return {
		name: 'E2E respostas - logs',
		nodes: [webhook(1, 'Consultar', LOGS_PATH, 'GET', 'allEntries'), testNode(2, 'Logs Omnichannel', 'logsOmnichannel', { campaign: '={{ $json.query.campanha }}', status: 'all' })],
		connections: { Consultar: to('Logs Omnichannel') },
		settings: { executionOrder: 'v1' },
	};
}

function line(customer: { clienteId: string; waId: string }, nome: string) {
	return { nome, destinatario: { clienteId: customer.clienteId, login: `login${customer.clienteId}`, telefone: `+${customer.waId}` } };
}

async function broadcast(campanha: string, linhas: unknown[]): Promise<SendSummary> {
	const response = await fetch(`${e2eState().baseUrl}/webhook/${SEND_PATH}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ campanha, linhas }),
	});
	const body = await response.text();
	if (!response.ok) throw new Error(`disparo ${campanha} → ${response.status}: ${body}`);
	return JSON.parse(body) as SendSummary;
}

async function logsOf(campaign: string): Promise<LogRow[]> {
	return await campaignLogRows<LogRow>(LOGS_PATH, campaign);
}

/** The template of `campaign` the simulator accepted for `waId` (the job id rides in biz_opaque_callback_data). */
function templateFor(campaign: string, waId: string): SentMessage {
	const found = whatsapp.sent.find((message) => message.waId === waId && String(message.body.biz_opaque_callback_data ?? '').startsWith(`${campaign}:`));
	if (!found) throw new Error(`nenhum template da campanha ${campaign} para ${waId}`);
	return found;
}

async function tap(message: Record<string, unknown>): Promise<void> {
	expect((await deliver(triggerUrl, messagesWebhook(message), ACCOUNT.appSecret)).status).toBe(200);
}

async function textTo(waId: string): Promise<string> {
	const answer = await waitFor(async () => whatsapp.sent.find((message) => message.waId === waId && message.type === 'text'), 20_000, `a resposta para ${waId}`);
	return (answer.body.text as { body: string }).body;
}

beforeAll(async () => {
	whatsapp = await startWhatsAppSimulator({ templates: BROADCAST_TEMPLATES });
	const credentials = await whatsAppSimulatorCredential(whatsapp.url, 'WhatsApp simulador (respostas)');
	triggerUrl = `${e2eState().baseUrl}/webhook/${TRIGGER_PATH}`;
	await activateWorkflow(repliesFlow(credentials));
	await activateWorkflow(sendFlow(credentials));
	await activateWorkflow(logsFlow());
	await waitFor(async () => ((await verifyWebhook(triggerUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 60_000, 'o webhook do WhatsApp');
});

afterAll(async () => {
	await whatsapp.close();
});

test('the older campaign and the current one are sent with buttons that carry the campaign and the recipient; nothing stays queued', async () => {
	expect(await broadcast(OLD_CAMPAIGN, [line(BIA, 'Bia')])).toEqual(expect.objectContaining({ enviadas: 1, falhas: 0, restantes: 0 }));
	expect(await broadcast(NEW_CAMPAIGN, [line(ANA, 'Ana'), line(CARLA, 'Carla')])).toEqual(expect.objectContaining({ enviadas: 2, falhas: 0, restantes: 0 }));

	const template = templateFor(NEW_CAMPAIGN, ANA.waId).body.template as { components: Array<Record<string, unknown>> };
	const jobId = `${NEW_CAMPAIGN}:cliente:${ANA.clienteId}/login:login${ANA.clienteId}`;
	expect(template.components.filter((component) => component.type === 'button')).toEqual([
		{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: `atd1|1|${jobId}` }] },
		{ type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: `atd1|2|${jobId}` }] },
	]);
});

test("a tap on the current campaign's template goes out of the button's output, and the send log records the reply", async () => {
	await tap(whatsapp.tapTemplateButton(templateFor(NEW_CAMPAIGN, ANA.waId), 'Continua sem internet'));
	expect(await textTo(ANA.waId)).toBe('Nova campanha: vamos verificar a sua conexão.');

	const rows = await waitFor(async () => {
		const found = await logsOf(NEW_CAMPAIGN);
		return found.some((row) => row.resposta) ? found : undefined;
	}, 15_000, 'a resposta no log');
	expect(rows.find((row) => row.idCliente === ANA.clienteId)).toEqual(expect.objectContaining({ status: 'sucesso', resposta: 'Continua sem internet', respondidoEm: expect.any(String) }));
	expect(rows.find((row) => row.idCliente === CARLA.clienteId)).not.toHaveProperty('resposta');
});

test('a tap on an older campaign\'s template goes out of "Outra campanha"', async () => {
	await tap(whatsapp.tapTemplateButton(templateFor(OLD_CAMPAIGN, BIA.waId), 'Já voltou'));
	expect(await textTo(BIA.waId)).toBe('Esse aviso é antigo: a sua conexão já foi verificada.');
	const [row] = await waitFor(async () => {
		const found = await logsOf(OLD_CAMPAIGN);
		return found[0]?.resposta ? found : undefined;
	}, 15_000, 'a resposta da campanha antiga no log');
	expect(row.resposta).toBe('Já voltou');
});

test('a tap on a template sent to someone else (forwarded) does not count for the campaign', async () => {
	// Dora taps the buttons of Carla's template (same payload): the campaign is not hers.
	await tap(whatsapp.tapTemplateButton(templateFor(NEW_CAMPAIGN, CARLA.waId), 'Já voltou', { from: DORA_WA_ID }));
	expect(await textTo(DORA_WA_ID)).toBe('Esse aviso é antigo: a sua conexão já foi verificada.');
	expect((await logsOf(NEW_CAMPAIGN)).find((row) => row.idCliente === CARLA.clienteId)).not.toHaveProperty('resposta');
});

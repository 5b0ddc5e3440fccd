// The shipped broadcast template (workflows/status-logins-broadcast.json) in a real n8n against the IXC
// and WhatsApp simulators: Status Logins → Mensagem Omnichannel → Enfileirar Envio, the scheduled
// Processar Fila, Logs Omnichannel; each recipient once, a campaign run again sends nothing new, and a
// run killed half-way (SIGKILL while WhatsApp accepts a message) resumes with every recipient exactly
// once. Replies to the broadcast (template buttons) are routed by Template Interativo.
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

import { OFFLINE_NOTICE_TEMPLATE, BROADCAST_TEMPLATES } from '../support/whatsapp-broadcast-templates';
import { isoDate } from '../simulators/brazil-formats';
import { startIxcSimulator, type IxcSimulator } from '../simulators/ixc';
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	statusWebhook,
	templateButtonMessage,
	textMessage,
	verifyWebhook,
	type SentMessage,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { simulatorCredentialData } from './erp-client';
import {
	activateWorkflow,
	createCredential,
	e2eState,
	restartN8n,
	sleep,
	testNode,
	waitFor,
	whatsAppSimulatorCredential,
	type TemplateCredentials,
	type WorkflowJson,
} from './n8n-client';

jest.setTimeout(300_000);

const REPLIES_PATH = 'e2e-disparos-respostas';
const [ENQUEUE_PATH, SEND_PATH, LOGS_PATH] = ['e2e-disparos-enfileirar', 'e2e-disparos-fila', 'e2e-disparos-logs'];
const BUTTONS = { values: [{ label: 'Já voltou' }, { label: 'Continua sem internet' }] };

let ixc: IxcSimulator;
let whatsapp: WhatsAppSimulator;
let repliesUrl: string;

interface EnqueueSummary {
	campanha: string;
	adicionados: number;
	duplicados: number;
	ignorados: { total: number };
}
interface SendSummary {
	enviadas: number;
	falhas: number;
	restantes: number;
}
interface LogRow {
	idCliente: string;
	contato: string;
	status: string;
	mensagem: string;
	campanha: string;
	entrega?: string;
	idEnvio?: string;
	idMensagemWhatsApp?: string;
}

/** A trigger of the template swapped for a webhook with the same name (the public API cannot run a Manual or Schedule Trigger). */
function webhookNode(node: Record<string, unknown>, path: string, method: 'GET' | 'POST', responseData: 'firstEntryJson' | 'allEntries'): Record<string, unknown> {
	return {
		...node,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: method, path, responseMode: 'lastNode', responseData, options: {} },
	};
}

/**
 * The shipped template as the test drives it: the Manual and Schedule triggers become webhooks (the
 * campaign and the login situation come in the query), the sender is slowed down to 2 messages/s so a
 * run can be killed half-way, and a webhook is put before Logs Omnichannel.
 */
function broadcastTemplate(): WorkflowJson {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'status-logins-broadcast.json'), 'utf8')) as WorkflowJson;
	workflow.name = 'E2E Disparos - Status Logins';
	const parameters = (name: string) => workflow.nodes.find((node) => node.name === name)!.parameters as Record<string, unknown>;
	workflow.nodes = workflow.nodes.map((node) => {
		if (node.name === 'Disparar agora') return webhookNode(node, ENQUEUE_PATH, 'POST', 'firstEntryJson');
		if (node.name === 'Agenda de envio') return webhookNode(node, SEND_PATH, 'POST', 'firstEntryJson');
		return node;
	});
	const loginFilters = parameters('Status Logins').loginFilters as Record<string, unknown>;
	loginFilters.online = `={{ $('Disparar agora').first().json.query.situacao || ${JSON.stringify(loginFilters.online)} }}`;
	parameters('Enfileirar Envio').campaign = "={{ $('Disparar agora').first().json.query.campanha }}";
	Object.assign(parameters('Processar Fila'), { ratePerSecond: 2, maxDurationSeconds: 40, options: { requestTimeoutSeconds: 5, inFlightGraceSeconds: 15 } });
	Object.assign(parameters('Logs Omnichannel'), { campaign: '={{ $json.query.campanha }}', from: '' });
	workflow.nodes.push(testNode(90, 'Consultar logs', 'n8n-nodes-base.webhook', { httpMethod: 'GET', path: LOGS_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, { typeVersion: 2, webhookId: randomUUID() }));
	workflow.connections['Consultar logs'] = { main: [[{ node: 'Logs Omnichannel', type: 'main', index: 0 }]] };
	return workflow;
}

/**
 * The provider's WhatsApp flow, as README describes it: a tap on the broadcast's button opens an
 * atendimento that "Template Interativo" (Rotear resposta de disparo) routes; any other first message
 * gets the template again, sent and waited for.
 */
function repliesFlow(credentials: Record<string, unknown>): WorkflowJson {
	const text = (index: number, name: string, message: string) => testNode(index, name, 'enviarMensagem', { messageType: 'text', text: message });
	const to = (...names: string[]) => ({ main: names.map((node) => (node ? [{ node, type: 'main', index: 0 }] : [])) });
	return {
		name: 'E2E Disparos - respostas',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: REPLIES_PATH }, { credentials, webhookId: randomUUID() }),
			testNode(2, 'Resposta ao aviso', 'templateInterativo', { mode: 'routeReply', buttons: BUTTONS }),
			text(3, 'Que bom', 'Que bom que a conexão voltou, {{nome_usuario}}!'),
			text(4, 'Vamos verificar', 'Vamos verificar a sua conexão. Protocolo {{protocolo}}.'),
			testNode(
				5,
				'Perguntar pelo template',
				'templateInterativo',
				{
					mode: 'sendAndWait',
					template: 'aviso_conexao_offline|pt_BR',
					variables: { values: [{ variable: 1, value: '{{nome_usuario}}' }, { variable: 2, value: 'seu acesso' }, { variable: 3, value: 'hoje' }] },
					buttons: BUTTONS,
					maxAttempts: 2,
					invalidMessage: 'Não entendi. Toque em uma opção:',
					maxAttemptsMessage: 'Vou chamar um atendente.',
				},
				{ credentials },
			),
			text(6, 'Que bom (pergunta)', 'Ótimo, {{nome_usuario}}!'),
			text(7, 'Vamos verificar (pergunta)', 'Certo, vamos verificar.'),
		],
		connections: {
			'Início do Atendimento': to('Resposta ao aviso'),
			'Resposta ao aviso': to('Que bom', 'Vamos verificar', 'Perguntar pelo template'),
			'Perguntar pelo template': to('Que bom (pergunta)', 'Vamos verificar (pergunta)'),
		},
		settings: { executionOrder: 'v1' },
	};
}

async function call<T>(method: 'GET' | 'POST', path: string, query: Record<string, string>): Promise<T> {
	const url = new URL(`${e2eState().baseUrl}/webhook/${path}`);
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	const response = await fetch(url, { method });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
	return JSON.parse(text) as T;
}

const enqueue = async (campanha: string, situacao?: string) => await call<EnqueueSummary>('POST', ENQUEUE_PATH, { campanha, ...(situacao ? { situacao } : {}) });
const runSender = async () => await call<SendSummary>('POST', SEND_PATH, {});
const logsOf = async (campanha: string) => await call<LogRow[]>('GET', LOGS_PATH, { campanha });

/** Template messages the simulator accepted for `campaign` (the job id `<campaign>:<recipient>` rides in biz_opaque_callback_data). */
function sentFor(campaign: string): SentMessage[] {
	return whatsapp.sent.filter((message) => String(message.body.biz_opaque_callback_data ?? '').startsWith(`${campaign}:`));
}

function bodyParameters(message: SentMessage): string[] {
	const template = message.body.template as { components: Array<{ type: string; parameters: Array<{ text: string }> }> };
	return template.components.find((component) => component.type === 'body')!.parameters.map((parameter) => parameter.text);
}

async function webhooksReady(): Promise<void> {
	await waitFor(async () => ((await verifyWebhook(repliesUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 60_000, 'o webhook do WhatsApp');
	await waitFor(async () => ((await fetch(`${e2eState().baseUrl}/webhook/${LOGS_PATH}?campanha=nenhuma`)).ok ? true : undefined), 60_000, 'o webhook dos logs');
}

beforeAll(async () => {
	ixc = await startIxcSimulator();
	whatsapp = await startWhatsAppSimulator({ templates: BROADCAST_TEMPLATES });
	repliesUrl = `${e2eState().baseUrl}/webhook/${REPLIES_PATH}`;
	// Status callbacks (sent, delivered, read) reach the pack through the WhatsApp trigger.
	whatsapp.statusWebhook = { url: repliesUrl, appSecret: ACCOUNT.appSecret };
	const whatsAppCredentials = await whatsAppSimulatorCredential(whatsapp.url, 'WhatsApp simulador (disparos)');
	const erpName = 'ERP IXC simulador (disparos)';
	const erpId = await createCredential(erpName, 'atendimentoErpApi', simulatorCredentialData('ixc', ixc.url) as unknown as Record<string, unknown>);
	await activateWorkflow(repliesFlow(whatsAppCredentials));
	const installation: TemplateCredentials = {
		atendimentoErpApi: { id: erpId, name: erpName },
		atendimentoWhatsAppApi: whatsAppCredentials.atendimentoWhatsAppApi as { id: string; name: string },
	};
	await activateWorkflow(broadcastTemplate(), installation);
	await webhooksReady();
});

afterAll(async () => {
	await whatsapp.close();
	await ixc.close();
});

test('queues the offline logins of the concentrator, sends each one once, logs deliveries; the same campaign again sends nothing', async () => {
	const queued = await enqueue('e2e-offline');
	expect(queued).toEqual(expect.objectContaining({ campanha: 'e2e-offline', adicionados: 2, duplicados: 0 }));
	expect(queued.ignorados.total).toBe(0);

	const run = await runSender();
	expect(run).toEqual(expect.objectContaining({ enviadas: 2, falhas: 0, restantes: 0 }));
	const sent = sentFor('e2e-offline');
	expect(sent.map((message) => message.body.to).sort()).toEqual(['+5549999991234', '+5598985120338']);
	const joao = sent.find((message) => message.body.to === '+5549999991234')!;
	expect(joao.body.template).toEqual(expect.objectContaining({ name: OFFLINE_NOTICE_TEMPLATE.name, language: { code: 'pt_BR' } }));
	const disconnected = isoDate(-3).split('-').reverse().join('/');
	expect(bodyParameters(joao)).toEqual(['JOAO PEREIRA', 'joao.pereira', `${disconnected} 23:40`]);

	// Meta's status callbacks (sent, delivered, read) reach the trigger and update the log.
	expect((await whatsapp.flushStatusWebhooks()).every((delivery) => delivery.status === 200)).toBe(true);
	const logs = await waitFor(async () => {
		const rows = await logsOf('e2e-offline');
		return rows.length === 2 && rows.every((row) => row.entrega === 'read') ? rows : undefined;
	}, 15_000, 'as leituras no log');
	expect(logs.map((row) => [row.idCliente, row.contato, row.status]).sort()).toEqual([
		['102', '+55 (49) 99999-1234', 'sucesso'],
		['103', '+55 (98) 98512-0338', 'sucesso'],
	]);

	const again = await enqueue('e2e-offline');
	expect(again).toEqual(expect.objectContaining({ adicionados: 0, duplicados: 2 }));
	expect(await runSender()).toEqual(expect.objectContaining({ enviadas: 0, restantes: 0 }));
	expect(sentFor('e2e-offline')).toHaveLength(2);
	expect(await logsOf('e2e-offline')).toHaveLength(2);
});

test("a tap on the broadcast's button opens an atendimento that goes out of that button's output; another message gets the template and waits", async () => {
	const joao = sentFor('e2e-offline').find((message) => message.body.to === '+5549999991234')!;
	// The tap of a broadcast queued before buttons carried the campaign (broadcast-replies.test.ts taps the
	// payloads): WhatsApp echoes the button's text when the send set no payload. João's wa_id has no 9th digit (DDD 49).
	const tap = templateButtonMessage('Continua sem internet', 'Continua sem internet', joao.wamid, { from: joao.waId });
	expect((await deliver(repliesUrl, messagesWebhook(tap), ACCOUNT.appSecret)).status).toBe(200);
	const answer = await waitFor(async () => whatsapp.sent.find((message) => message.to === joao.waId && message.type === 'text'), 15_000, 'a resposta ao João');
	expect((answer.body.text as { body: string }).body).toMatch(/^Vamos verificar a sua conexão\. Protocolo \d{8}-/);

	const waId = '5511987650077';
	const fromCustomer = async (message: Record<string, unknown>) => expect((await deliver(repliesUrl, messagesWebhook(message), ACCOUNT.appSecret)).status).toBe(200);
	const sentToCustomer = async (count: number) =>
		await waitFor(async () => {
			const messages = whatsapp.sent.filter((message) => message.to === waId);
			return messages.length >= count ? messages : undefined;
		}, 15_000, `${count} mensagens para ${waId}`);
	await fromCustomer(textMessage('oi', { from: waId }));
	const [prompt] = await sentToCustomer(1);
	expect(prompt.body.template).toEqual({
		name: 'aviso_conexao_offline',
		language: { code: 'pt_BR' },
		components: [
			{ type: 'body', parameters: [{ type: 'text', text: 'Maria Silva' }, { type: 'text', text: 'seu acesso' }, { type: 'text', text: 'hoje' }] },
			{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'botao_1' }] },
			{ type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'botao_2' }] },
		],
	});
	await fromCustomer(textMessage('hein?', { from: waId }));
	// Within the 24-hour window the buttons go again as an interactive message ("Continua sem internet" is too long for a reply button: a list).
	const reAsk = (await sentToCustomer(2))[1];
	expect(reAsk.body).toMatchObject({ type: 'interactive', interactive: { type: 'list', body: { text: 'Não entendi. Toque em uma opção:' } } });
	await fromCustomer(templateButtonMessage('botao_1', 'Já voltou', prompt.wamid, { from: waId }));
	const done = (await sentToCustomer(3))[2];
	expect((done.body.text as { body: string }).body).toBe('Ótimo, Maria Silva!');
});

test('a run killed half-way (SIGKILL while WhatsApp accepts a message) resumes: every recipient exactly once, log consistent', async () => {
	const campaign = 'e2e-interrompida';
	const queued = await enqueue(campaign, 'all');
	expect(queued).toEqual(expect.objectContaining({ adicionados: 6, duplicados: 0 }));
	await whatsapp.flushStatusWebhooks();
	const statusesBefore = whatsapp.statuses.length;

	// n8n dies the moment WhatsApp accepts the 3rd message: it never reads the answer (the in-flight case).
	const { pid } = e2eState();
	let accepted = 0;
	const stopListening = whatsapp.onSent((message) => {
		if (String(message.body.biz_opaque_callback_data ?? '').startsWith(`${campaign}:`) && ++accepted === 3) process.kill(pid, 'SIGKILL');
	});
	const interrupted = runSender().then(
		() => 'respondeu',
		() => 'conexão perdida',
	);
	await waitFor(async () => {
		try {
			process.kill(pid, 0);
			return undefined;
		} catch {
			return true;
		}
	}, 60_000, 'o n8n morrer');
	stopListening();
	expect(await interrupted).toBe('conexão perdida');
	expect(sentFor(campaign)).toHaveLength(3);

	await restartN8n('SIGKILL');
	await webhooksReady();
	// Meta retries the status callbacks n8n could not take while it was down.
	const deliveries = await whatsapp.flushStatusWebhooks();
	const statuses = whatsapp.statuses.slice(statusesBefore);
	expect(deliveries).toHaveLength(statuses.length);
	const lost = statuses.filter((_, index) => deliveries[index].status !== 200);
	expect(lost.length).toBeGreaterThan(0);
	for (const status of lost) expect((await deliver(repliesUrl, statusWebhook(status), ACCOUNT.appSecret)).status).toBe(200);

	// The scheduled sender runs again; the killed run's claims are released when their lease ends.
	await waitFor(
		async () => {
			const run = await runSender();
			if (run.restantes === 0) return run;
			await sleep(3000);
			return undefined;
		},
		150_000,
		'a fila esvaziar',
	);
	const sent = sentFor(campaign);
	const jobIds = sent.map((message) => String(message.body.biz_opaque_callback_data));
	expect(jobIds).toHaveLength(6);
	expect(new Set(jobIds).size).toBe(6);

	const logs = await logsOf(campaign);
	expect(logs).toHaveLength(6);
	expect(logs.every((row) => row.status === 'sucesso')).toBe(true);
	expect(new Set(logs.map((row) => row.idEnvio)).size).toBe(6);
	expect(logs.map((row) => row.idEnvio).sort()).toEqual([...jobIds].sort());
	expect(logs.map((row) => row.idMensagemWhatsApp).sort()).toEqual(sent.map((message) => message.wamid).sort());
	expect(logs.map((row) => row.idCliente).sort()).toEqual(['101', '102', '103', '104', '104', '105']);
});

// Campaign control in a real n8n against the WhatsApp simulator (issue 17): a campaign paused in the middle
// of a Processar Fila run sends nothing more; n8n killed (SIGKILL) while it is paused comes back with it
// still paused and sending nothing; resumed, every recipient gets the message exactly once; a cancelled
// campaign's remaining recipients end "cancelado" in the log and are never sent, even if enqueued again.
// A 131049 that WhatsApp reports later, in a `failed` status webhook, reschedules the recipient after
// Processar Fila's delay. Each test leaves nothing queued in the shared n8n.
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	startWhatsAppSimulator,
	statusObject,
	statusWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { activateWorkflow, campaignLogRows, e2eState, restartN8n, templateWithTrigger, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson, postToWebhook as post } from './n8n-client';

jest.setTimeout(300_000);

const ENQUEUE_PATH = 'e2e-controle-enfileirar';
const SEND_PATH = 'e2e-controle-enviar';
const CONTROL_PATH = 'e2e-controle-campanha';
const LOGS_PATH = 'e2e-controle-logs';
const TRIGGER_PATH = 'e2e-controle-wa';

/** 131049's delay (0.003 h = 10.8 s): long enough to see the recipient wait, short enough to see it sent again. */
const MARKETING_DELAY_HOURS = 0.003;
const MARKETING_DELAY_MS = MARKETING_DELAY_HOURS * 60 * 60 * 1000;

let simulator: WhatsAppSimulator;
let baseUrl: string;

function webhook(index: number, name: string, path: string, method: 'GET' | 'POST', responseData: string) {
	return testNode(index, name, 'n8n-nodes-base.webhook', { httpMethod: method, path, responseMode: 'lastNode', responseData, options: {} }, { typeVersion: 2, webhookId: `${path}-hook` });
}

function flow(name: string, path: string, method: 'GET' | 'POST', responseData: string, nodes: Array<Record<string, unknown>>): WorkflowJson {
	const all = [webhook(1, 'Receber', path, method, responseData), ...nodes];
	const names = all.map((node) => (node as { name: string }).name);
	const connections = Object.fromEntries(names.slice(0, -1).map((from, index) => [from, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }]));
	return { name, nodes: all, connections, settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' } };
}

/** POST { campanha, linhas } → Split Out → Enfileirar Envio. */
const enqueueFlow = () =>
	flow('E2E controle - enfileirar', ENQUEUE_PATH, 'POST', 'firstEntryJson', [
		testNode(2, 'Uma por linha', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.linhas', include: 'noOtherFields', options: {} }),
		testNode(3, 'Enfileirar Envio', 'enfileirarEnvio', { campaign: "={{ $('Receber').first().json.body.campanha }}", templateCategory: 'utility' }),
	]);

/** POST { ritmo, duracao } → Processar Fila (one send at a time, so a pause finds at most one on its way). */
const sendFlow = (credentials: Record<string, unknown>) =>
	flow('E2E controle - enviar', SEND_PATH, 'POST', 'firstEntryJson', [
		testNode(
			2,
			'Processar Fila',
			'processarFila',
			{ ratePerSecond: '={{ $json.body.ritmo }}', concurrency: 1, maxDurationSeconds: '={{ $json.body.duracao }}', maxAttempts: 5, options: { marketingLimitDelayHours: MARKETING_DELAY_HOURS } },
			{ credentials },
		),
	]);

const OPERATIONS = ['progress', 'pause', 'resume', 'cancel'] as const;

/** POST { campanha, motivo } to …/<operation> → Controlar Campanha with that operation (chosen in the card, as users do). */
const controlFlow = (operation: (typeof OPERATIONS)[number]) =>
	flow(`E2E controle - campanha ${operation}`, `${CONTROL_PATH}-${operation}`, 'POST', 'firstEntryJson', [
		testNode(2, 'Controlar Campanha', 'controlarCampanha', {
			operation,
			campaign: '={{ $json.body.campanha }}',
			reason: '={{ $json.body.motivo ?? "" }}',
			etaRatePerSecond: 5,
		}),
	]);

const logsFlow = () =>
	flow('E2E controle - logs', LOGS_PATH, 'GET', 'allEntries', [
		testNode(2, 'Logs Omnichannel', 'logsOmnichannel', { campaign: '={{ $json.query.campanha }}', status: 'all', exportCsv: false }),
	]);

/** `count` recipients with their own phones, 11 98766-<first…>. */
function rows(count: number, first: number) {
	return Array.from({ length: count }, (_, index) => {
		const clienteId = String(first + index);
		return {
			destinatario: { clienteId, login: '1', telefone: `(11) 9${String(87_660_000 + first + index)}` },
			mensagem: { name: 'retomar_atendimento', language: 'pt_BR', bodyParameters: [`Cliente ${clienteId}`], previewText: `Olá Cliente ${clienteId}! Podemos continuar o seu atendimento?` },
		};
	});
}

/** The wa_id the simulator records for row `n` of `rows`. */
const waIdOf = (n: number) => `55119${String(87_660_000 + n)}`;

interface LogRow {
	idCliente: string;
	status: string;
	motivo?: string;
	codigoErro?: number;
	idEnvio?: string;
	idMensagemWhatsApp?: string;
}

async function logs(campaign: string): Promise<LogRow[]> {
	return await campaignLogRows<LogRow>(LOGS_PATH, campaign);
}

/** Messages the simulator accepted for the recipients `first…first+count-1`, by wa_id. */
function sendsTo(first: number, count: number): Map<string, number> {
	const wanted = new Set(Array.from({ length: count }, (_, index) => waIdOf(first + index)));
	const sends = new Map<string, number>();
	for (const message of simulator.sent) if (wanted.has(message.waId)) sends.set(message.waId, (sends.get(message.waId) ?? 0) + 1);
	return sends;
}
const total = (sends: Map<string, number>) => [...sends.values()].reduce((sum, count) => sum + count, 0);

async function webhooksReady(): Promise<void> {
	await waitFor(async () => ((await fetch(`${baseUrl}/webhook/${LOGS_PATH}?campanha=nenhuma`)).ok ? true : undefined), 60_000, 'o webhook dos logs');
}

beforeAll(async () => {
	baseUrl = e2eState().baseUrl;
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp controle');
	await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E controle - WhatsApp', { channel: 'whatsapp', path: TRIGGER_PATH }, credentials));
	await activateWorkflow(enqueueFlow());
	await activateWorkflow(sendFlow(credentials));
	for (const operation of OPERATIONS) await activateWorkflow(controlFlow(operation));
	await activateWorkflow(logsFlow());
	await webhooksReady();
});

afterAll(async () => {
	await simulator?.close();
});

test('pause mid-run sends nothing more, survives a SIGKILL of n8n, and a resume sends everyone exactly once', async () => {
	const campaign = `e2e-pausa-${Date.now()}`;
	const first = 100;
	const count = 30;
	expect(await post(ENQUEUE_PATH, { campanha: campaign, linhas: rows(count, first) })).toMatchObject({ adicionados: count });

	// a slow run (4 msg/s); pause once a few went out
	const running = post<Record<string, unknown>>(SEND_PATH, { ritmo: 4, duracao: 40 });
	await waitFor(async () => (total(sendsTo(first, count)) >= 4 ? true : undefined), 30_000, 'os primeiros envios');
	const paused = await post(`${CONTROL_PATH}-pause`, { campanha: campaign });
	expect(paused).toMatchObject({ operacao: 'pausar', estadoAnterior: 'ativa', situacao: 'pausada', campanha: campaign });
	const atPause = total(sendsTo(first, count));
	const summary = await running;
	// at most the one send already on its way when the pause came finished after it
	const afterRun = total(sendsTo(first, count));
	expect(afterRun - atPause).toBeLessThanOrEqual(1);
	expect(afterRun).toBeLessThan(count);
	expect(summary).toMatchObject({ encerradaPor: 'semEnviosPendentes', campanhas: expect.arrayContaining([expect.objectContaining({ campanha: campaign, situacao: 'pausada', pendentes: count - afterRun })]) });
	expect(String(summary.situacao)).toContain(`em campanhas pausadas: ${count - afterRun}`);

	// n8n dies while the campaign is paused: after the restart it is still paused and a run sends nothing of it
	await restartN8n('SIGKILL');
	await webhooksReady();
	const progress = await post(`${CONTROL_PATH}-progress`, { campanha: campaign });
	expect(progress).toMatchObject({ situacao: 'pausada', enviadas: afterRun, pendentes: count - afterRun, previsao: 'pausada: retome para continuar' });
	await post(SEND_PATH, { ritmo: 20, duracao: 3 });
	expect(total(sendsTo(first, count))).toBe(afterRun);

	// resumed: the rest go out, each recipient exactly once, nobody lost
	expect(await post(`${CONTROL_PATH}-resume`, { campanha: campaign })).toMatchObject({ estadoAnterior: 'pausada', situacao: 'em andamento' });
	const resumed = await post(SEND_PATH, { ritmo: 20, duracao: 30 });
	expect(resumed).toMatchObject({ enviadas: count - afterRun, campanhas: expect.arrayContaining([expect.objectContaining({ campanha: campaign, situacao: 'concluída', enviadas: count, pendentes: 0 })]) });
	const sends = sendsTo(first, count);
	expect(sends.size).toBe(count);
	expect([...sends.values()].every((times) => times === 1)).toBe(true);
	const rowsNow = await logs(campaign);
	expect(rowsNow.filter((row) => row.status === 'sucesso')).toHaveLength(count);
});

test('cancel mid-run: the rest end "cancelado" with the reason, are never sent, and enqueueing again adds nobody', async () => {
	const campaign = `e2e-cancela-${Date.now()}`;
	const first = 200;
	const count = 20;
	await post(ENQUEUE_PATH, { campanha: campaign, linhas: rows(count, first) });
	const running = post(SEND_PATH, { ritmo: 4, duracao: 40 });
	await waitFor(async () => (total(sendsTo(first, count)) >= 3 ? true : undefined), 30_000, 'os primeiros envios');
	const cancelled = await post<Record<string, number | string>>(`${CONTROL_PATH}-cancel`, { campanha: campaign, motivo: 'aviso enviado por engano' });
	expect(cancelled).toMatchObject({ operacao: 'cancelar', estadoAnterior: 'ativa', situacao: 'cancelada', pendentes: expect.any(Number) });
	await running;
	const sent = total(sendsTo(first, count));
	expect(sent).toBeLessThan(count);

	const rowsNow = await logs(campaign);
	const cancelledRows = rowsNow.filter((row) => row.status === 'cancelado');
	expect(rowsNow.filter((row) => row.status === 'sucesso')).toHaveLength(sent);
	expect(cancelledRows).toHaveLength(count - sent);
	expect(new Set(cancelledRows.map((row) => row.motivo))).toEqual(new Set(['Campanha cancelada antes do envio: aviso enviado por engano.']));

	// the same campaign again: nothing comes back, nothing new is queued, nothing is sent
	expect(await post(ENQUEUE_PATH, { campanha: campaign, linhas: rows(count + 2, first) })).toMatchObject({ adicionados: 0, duplicados: count, naoAdicionadosCampanhaCancelada: 2 });
	await post(SEND_PATH, { ritmo: 20, duracao: 3 });
	expect(total(sendsTo(first, count + 2))).toBe(sent);
	expect(await post(`${CONTROL_PATH}-progress`, { campanha: campaign })).toMatchObject({ situacao: 'cancelada', enviadas: sent, canceladas: count - sent, pendentes: 0 });
});

test('a 131049 reported later in a failed status webhook reschedules the recipient after Processar Fila\'s delay', async () => {
	const campaign = `e2e-131049-tardio-${Date.now()}`;
	const first = 300;
	await post(ENQUEUE_PATH, { campanha: campaign, linhas: rows(1, first) });
	expect(await post(SEND_PATH, { ritmo: 5, duracao: 3 })).toMatchObject({ enviadas: 1 });
	const [message] = simulator.sent.filter((sent) => sent.waId === waIdOf(first));
	const jobId = `${campaign}:cliente:${first}/login:1`;
	const failedAt = Date.now();
	const status = statusObject({ id: message.wamid, status: 'failed', recipientId: waIdOf(first), errorCode: 131049, bizOpaqueCallbackData: jobId });
	const delivery = await deliver(`${baseUrl}/webhook/${TRIGGER_PATH}`, statusWebhook(status), ACCOUNT.appSecret);
	expect(delivery.status).toBe(200);

	const rescheduled = await waitFor(async () => (await logs(campaign)).find((row) => row.status === 'reagendado'), 20_000, 'a linha reagendado');
	expect(rescheduled).toMatchObject({ codigoErro: 131049, motivo: expect.stringMatching(/^Limite de marketing por usuário \(131049\), informado na entrega: nova tentativa em \d{2}\/\d{2}\/\d{4} às \d{2}:\d{2}\.$/) });
	// not due yet: a run now sends nothing
	expect(await post(SEND_PATH, { ritmo: 5, duracao: 2 })).toMatchObject({ enviadas: 0 });
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, failedAt + MARKETING_DELAY_MS + 1_500 - Date.now())));
	expect(await post(SEND_PATH, { ritmo: 5, duracao: 3 })).toMatchObject({ enviadas: 1 });
	expect(simulator.sent.filter((sent) => sent.waId === waIdOf(first))).toHaveLength(2);
	expect((await logs(campaign)).map((row) => row.status)).toEqual(['sucesso', 'reagendado']);
});

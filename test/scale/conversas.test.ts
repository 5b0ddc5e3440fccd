// The welcome menu (boas-vindas + Comercial submenu) on WhatsApp in a real n8n queue-mode cluster: many
// contacts at once, every reply delivered once and in order per contact; a burst from one contact. The
// customer-message → bot-reply latency at the simulator is printed (not asserted: it goes to the bench).
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import {
	COMERCIAL_CONVERSATION,
	LatencyRecorder,
	closeConversationStore,
	customerSays,
	differing,
	everyoneSays,
	executionsOf,
	kindOf,
	publish,
	sentByContact,
	sleep,
	templateWithTrigger,
	waitFor,
	waitForReplies,
	webhookUrl,
	whatsAppConversation,
	whatsAppCredential,
	type WorkflowJson,
} from './cluster-client';

jest.setTimeout(600_000);

const PATH = 'escala-boas-vindas';
const PAUSED_PATH = 'escala-rajada';
const BURST_PAUSE_SECONDS = 8;

let simulator: WhatsAppSimulator;
let url: string;
let pausedUrl: string;
let pausedWorkflowId: string;

/**
 * The welcome template with an 8 s pause (Criar Delay) before the welcome, so that a burst sent one message after
 * the other (each through the webhook processor and the queue) surely arrives before the menu.
 */
function withPauseBeforeWelcome(workflow: WorkflowJson): WorkflowJson {
	const trigger = 'Início do Atendimento';
	const pause = { id: '0e5ca1e0-0000-4000-8000-000000000090', name: 'Pausa', type: 'n8n-nodes-atendimento.criarDelay', typeVersion: 1, position: [0, 300], parameters: { amount: BURST_PAUSE_SECONDS, unit: 'seconds' } };
	return { ...workflow, nodes: [...workflow.nodes, pause], connections: { ...workflow.connections, [trigger]: { main: [[{ node: 'Pausa', type: 'main', index: 0 }]] }, Pausa: workflow.connections[trigger] } };
}

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppCredential(simulator, 'WhatsApp escala');
	await publish(templateWithTrigger('boas-vindas.json', 'Escala boas-vindas', { channel: 'whatsapp', path: PATH }, credentials));
	pausedWorkflowId = await publish(withPauseBeforeWelcome(templateWithTrigger('boas-vindas.json', 'Escala rajada', { channel: 'whatsapp', path: PAUSED_PATH }, credentials)));
	url = webhookUrl(PATH);
	pausedUrl = webhookUrl(PAUSED_PATH);
	for (const target of [url, pausedUrl]) {
		await waitFor(async () => ((await verifyWebhook(target, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 60_000, `o webhook ${target}`);
	}
});

afterAll(async () => {
	await simulator?.close();
	await closeConversationStore();
});

/** Each contact says `message(waId)` at once; resolves when all got `replies` messages in total. */
async function everyoneSaysAndWaits(waIds: string[], message: (waId: string) => Record<string, unknown>, replies: number, latency: LatencyRecorder, timeoutMs: number) {
	await everyoneSays(url, waIds, message, (waId) => latency.sent(waId));
	await waitForReplies(simulator, waIds, replies, timeoutMs);
}

/** The whole Comercial conversation for `count` contacts at once, step by step; returns the latency figures. */
async function conversationsAtOnce(count: number, firstNumber: number, timeoutMs: number) {
	const waIds = Array.from({ length: count }, (_, index) => String(firstNumber + index));
	const latency = new LatencyRecorder(simulator);
	const started = Date.now();
	await everyoneSaysAndWaits(waIds, customerSays.hello, 2, latency, timeoutMs);
	await everyoneSaysAndWaits(waIds, customerSays.comercial, 3, latency, timeoutMs);
	await everyoneSaysAndWaits(waIds, customerSays.yes, 4, latency, timeoutMs);
	const elapsed = Date.now() - started;
	latency.stop();
	await sleep(3_000); // anything doubled would arrive now
	expect(differing(simulator, waIds, COMERCIAL_CONVERSATION)).toEqual([]);
	return { ...latency.percentiles(), elapsed };
}

function report(label: string, figures: { n: number; p50: number; p95: number; max: number; elapsed: number }) {
	process.stdout.write(
		`\n[scale] latência ${label}: p50 ${figures.p50} ms, p95 ${figures.p95} ms, máx ${figures.max} ms (${figures.n} passos; ${Math.round(figures.elapsed / 1000)} s no total)\n`,
	);
}

test('20 contacts at once: the whole menu conversation, every reply once and in order', async () => {
	report('20 contatos ao mesmo tempo', await conversationsAtOnce(20, 5511970000000, 120_000));
});

test('200 contacts at once: the whole menu conversation, every reply once and in order', async () => {
	report('200 contatos ao mesmo tempo', await conversationsAtOnce(200, 5511971000000, 480_000));
});

test('a burst of 20 messages from one contact: nothing lost, in order, one execution started', async () => {
	const waId = '5511972000001';
	const before = (await executionsOf(pausedWorkflowId)).length;
	const started = Date.now();
	for (let index = 1; index <= 20; index++) {
		expect((await deliver(pausedUrl, messagesWebhook(textMessage(`mensagem ${index}`, { from: waId })), ACCOUNT.appSecret)).status).toBe(200);
	}
	// The whole burst arrived while the flow was still in its pause, before the menu.
	expect(Date.now() - started).toBeLessThan(BURST_PAUSE_SECONDS * 1000);
	await waitForReplies(simulator, [waId], 2, 60_000);
	await sleep(3_000);
	expect(sentByContact(simulator, [waId]).get(waId)!.map(kindOf)).toEqual(['text:Olá', 'interactive:list']);
	const conversation = await waitFor(async () => {
		const current = await whatsAppConversation(waId);
		return current?.state === 'waiting' ? current : undefined;
	}, 30_000, 'a conversa esperando no menu');
	const fromCustomer = conversation.history.filter((entry) => entry.from === 'cliente');
	expect(fromCustomer.map((entry) => entry.text)).toEqual(Array.from({ length: 20 }, (_, index) => `mensagem ${index + 1}`));
	expect(fromCustomer.map((entry) => entry.status)).toEqual(['inicio', ...Array.from({ length: 19 }, () => 'contexto')]);
	// The execution waits at the menu: n8n's public API lists waiting executions.
	expect((await executionsOf(pausedWorkflowId)).length - before).toBe(1);
});

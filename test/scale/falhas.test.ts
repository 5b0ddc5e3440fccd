// Processes of the queue-mode cluster stopping under live conversations: a conversation parked by one worker
// and resumed by the other, a worker SIGKILLed while it runs resumes, the main restarted while 100
// conversations wait, and "Sem resposta" deadlines firing exactly once across all processes (also when the
// worker that parked the conversation died).
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	startWhatsAppSimulator,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import {
	COMERCIAL_CONVERSATION,
	closeConversationStore,
	customerSays,
	differing,
	everyoneSays,
	executionsStartedBy,
	publish,
	sleep,
	startProcess,
	stopProcess,
	templateWithTrigger,
	waitFor,
	waitForReplies,
	waitUntilParked,
	webhookUrl,
	whatsAppCredential,
	withNodeParameters,
	clusterState,
	type Role,
} from './cluster-client';

jest.setTimeout(600_000);

const PATH = 'escala-falhas';
const DEADLINE_PATH = 'escala-prazo';
/** "Sem resposta" of the menu in the deadline flow. */
const DEADLINE_MS = 6_000;
/** n8n's own resume of a waiting execution comes 60 s after the pack's deadline (docs/arquitetura.md §5). */
const N8N_RESERVE_MS = 60_000;
const CONVERSATION = COMERCIAL_CONVERSATION;
const TIMED_OUT = ['text:Olá', 'interactive:list', 'text:Como'];

let simulator: WhatsAppSimulator;
let url: string;
let deadlineUrl: string;

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppCredential(simulator, 'WhatsApp falhas');
	await publish(templateWithTrigger('boas-vindas.json', 'Escala falhas', { channel: 'whatsapp', path: PATH }, credentials));
	await publish(withNodeParameters(templateWithTrigger('boas-vindas.json', 'Escala prazo', { channel: 'whatsapp', path: DEADLINE_PATH }, credentials), 'Menu principal', { timeoutMinutes: DEADLINE_MS / 60_000 }));
	url = webhookUrl(PATH);
	deadlineUrl = webhookUrl(DEADLINE_PATH);
	for (const target of [url, deadlineUrl]) {
		await waitFor(async () => ((await verifyWebhook(target, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 60_000, `o webhook ${target}`);
	}
});

afterEach(async () => {
	// Whatever a test stopped, the next one finds the whole cluster running.
	for (const role of ['main', 'webhook', 'worker1', 'worker2'] as Role[]) {
		if (!clusterState().pids[role]) await startProcess(role);
	}
});

afterAll(async () => {
	await simulator?.close();
	await closeConversationStore();
});

function contacts(count: number, first: number): string[] {
	return Array.from({ length: count }, (_, index) => String(first + index));
}

const { hello, comercial, yes } = customerSays;

test('a conversation parked by worker 1 is resumed on worker 2 (worker logs: the same execution started on each)', async () => {
	const [waId] = contacts(1, 5511973000001);
	await stopProcess('worker2');
	const before = new Set(executionsStartedBy('worker1'));
	await everyoneSays(url, [waId], hello);
	await waitForReplies(simulator, [waId], 2, 60_000);
	const parkedBy1 = executionsStartedBy('worker1').filter((id) => !before.has(id));
	expect(parkedBy1).toHaveLength(1);

	await startProcess('worker2');
	await stopProcess('worker1');
	await everyoneSays(url, [waId], comercial);
	await waitForReplies(simulator, [waId], 3, 60_000);
	// The menu's execution went on in worker 2 (the Comercial submenu is a sub-execution started there too).
	expect(executionsStartedBy('worker2')).toContain(parkedBy1[0]);
	await startProcess('worker1');
	await everyoneSays(url, [waId], yes);
	await waitForReplies(simulator, [waId], 4, 60_000);
	await sleep(2_000);
	expect(differing(simulator, [waId], CONVERSATION)).toEqual([]);
});

test('a worker SIGKILLed while it runs resumes: every conversation continues, nothing lost or doubled', async () => {
	const waIds = contacts(20, 5511973100000);
	await everyoneSays(url, waIds, hello);
	await waitForReplies(simulator, waIds, 2, 120_000);
	// Only worker 1 runs while the answers arrive; it dies with resumes in its hands, and worker 2 comes up after.
	await stopProcess('worker2');
	const before = executionsStartedBy('worker1').length;
	await everyoneSays(url, waIds, comercial);
	await waitFor(() => (executionsStartedBy('worker1').length > before ? true : undefined), 30_000, 'o worker 1 pegar uma retomada');
	await stopProcess('worker1', 'SIGKILL');
	await startProcess('worker2');
	await waitForReplies(simulator, waIds, 3, 120_000);
	await startProcess('worker1');
	await everyoneSays(url, waIds, yes);
	await waitForReplies(simulator, waIds, 4, 120_000);
	await sleep(3_000);
	expect(differing(simulator, waIds, CONVERSATION)).toEqual([]);
});

test('the main restarted while 100 conversations wait: all continue', async () => {
	const waIds = contacts(100, 5511973200000);
	await everyoneSays(url, waIds, hello);
	await waitForReplies(simulator, waIds, 2, 240_000);
	await stopProcess('main');
	await startProcess('main');
	await everyoneSays(url, waIds, comercial);
	await waitForReplies(simulator, waIds, 3, 240_000);
	await everyoneSays(url, waIds, yes);
	await waitForReplies(simulator, waIds, 4, 240_000);
	await sleep(3_000);
	expect(differing(simulator, waIds, CONVERSATION)).toEqual([]);
});

test('"Sem resposta" deadlines fire exactly once across all processes (timeout replies counted at the simulator)', async () => {
	const waIds = contacts(20, 5511973300000);
	await everyoneSays(deadlineUrl, waIds, hello);
	await waitForReplies(simulator, waIds, 2, 60_000);
	const parkedAt = Date.now();
	await waitForReplies(simulator, waIds, 3, DEADLINE_MS + 30_000);
	expect(Date.now() - parkedAt).toBeLessThan(DEADLINE_MS + 30_000);
	// Past n8n's own resume of the waiting executions (the reserve), nothing more may come.
	await sleep(N8N_RESERVE_MS + 10_000 - (Date.now() - parkedAt));
	expect(differing(simulator, waIds, TIMED_OUT)).toEqual([]);
});

test('a deadline still fires once, on time, when the worker that parked the conversation died', async () => {
	const waIds = contacts(5, 5511973400000);
	await stopProcess('worker2');
	await everyoneSays(deadlineUrl, waIds, hello);
	await waitForReplies(simulator, waIds, 2, 60_000);
	const parkedAt = Date.now();
	// The worker dies once the parks are saved: this is the death of the process that armed the deadlines, not a
	// crash in the middle of a step (the test above).
	await waitUntilParked(waIds);
	await stopProcess('worker1', 'SIGKILL');
	await startProcess('worker2');
	// On time: by the deadline plus worker 2's start (~20 s on a 2-core machine), well before n8n's reserve (+60 s).
	await waitForReplies(simulator, waIds, 3, Math.max(0, DEADLINE_MS + 40_000 - (Date.now() - parkedAt)));
	await sleep(Math.max(0, N8N_RESERVE_MS + 10_000 - (Date.now() - parkedAt)));
	expect(differing(simulator, waIds, TIMED_OUT)).toEqual([]);
});

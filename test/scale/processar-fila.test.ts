// Processar Fila running on both workers of the queue-mode cluster at the same time, over one campaign: each
// recipient gets its message exactly once (a send is never taken by two runs), and the worker logs show the
// runs in different workers.
import { testNode } from '../e2e/n8n-client';
import { startWhatsAppSimulator, type WhatsAppSimulator } from '../simulators/whatsapp';
import { executionsStartedBy, publish, sleep, waitFor, webhookUrl, whatsAppCredential, type Role, type WorkflowJson } from './cluster-client';

jest.setTimeout(300_000);

const ENQUEUE_PATH = 'escala-fila-enfileirar';
const SEND_PATH = 'escala-fila-enviar';
const CAMPAIGN = 'escala-dois-workers';
const RECIPIENTS = 200;

let simulator: WhatsAppSimulator;

function webhook(path: string): Record<string, unknown> {
	return testNode(1, 'Receber', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} }, { typeVersion: 2, webhookId: `${path}-hook` });
}

function enqueueFlow(): WorkflowJson {
	return {
		name: 'Escala fila - enfileirar',
		nodes: [
			webhook(ENQUEUE_PATH),
			testNode(2, 'Uma por linha', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.linhas', include: 'noOtherFields', options: {} }),
			testNode(3, 'Enfileirar Envio', 'enfileirarEnvio', { campaign: CAMPAIGN, templateCategory: 'utility' }),
		],
		connections: {
			Receber: { main: [[{ node: 'Uma por linha', type: 'main', index: 0 }]] },
			'Uma por linha': { main: [[{ node: 'Enfileirar Envio', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

function sendFlow(credentials: Record<string, unknown>): WorkflowJson {
	return {
		name: 'Escala fila - enviar',
		nodes: [webhook(SEND_PATH), testNode(2, 'Processar Fila', 'processarFila', { ratePerSecond: 10, concurrency: 5, maxDurationSeconds: 120, maxAttempts: 5 }, { credentials })],
		connections: { Receber: { main: [[{ node: 'Processar Fila', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

function rows(count: number) {
	return Array.from({ length: count }, (_, index) => {
		const clienteId = String(9000 + index);
		return {
			destinatario: { clienteId, login: '1', telefone: `(11) 9${60_000_000 + index}` },
			mensagem: { name: 'retomar_atendimento', language: 'pt_BR', bodyParameters: [`Cliente ${clienteId}`], previewText: `Olá Cliente ${clienteId}! Podemos continuar o seu atendimento?` },
		};
	});
}

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
	const response = await fetch(webhookUrl(path), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const text = await response.text();
	expect({ status: response.status, text }).toMatchObject({ status: 200 });
	return JSON.parse(text) as Record<string, unknown>;
}

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppCredential(simulator, 'WhatsApp fila');
	await publish(enqueueFlow());
	await publish(sendFlow(credentials));
	// Registered once it stops answering 404 (an empty list of rows ends the flow with nothing to return: 500).
	await waitFor(async () => ((await fetch(webhookUrl(ENQUEUE_PATH), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"linhas":[]}' })).status !== 404 ? true : undefined), 60_000, 'o webhook de enfileirar');
});

afterAll(async () => {
	await simulator?.close();
});

/** Starts a send run; resolves with the worker whose log shows it started and the pending answer. */
async function startRun(): Promise<{ role: Role; answer: Promise<Record<string, unknown>> }> {
	const before = { worker1: executionsStartedBy('worker1').length, worker2: executionsStartedBy('worker2').length };
	const answer = post(SEND_PATH, {});
	const role = await waitFor<Role>(
		() => (executionsStartedBy('worker1').length > before.worker1 ? 'worker1' : executionsStartedBy('worker2').length > before.worker2 ? 'worker2' : undefined),
		60_000,
		'o envio começar num worker',
	);
	return { role, answer };
}

test('Processar Fila on both workers at once: each recipient gets its message once', async () => {
	expect(await post(ENQUEUE_PATH, { linhas: rows(RECIPIENTS) })).toMatchObject({ adicionados: RECIPIENTS });
	// Runs are started one after the other until both workers run one: Bull hands a new job to the worker that
	// has waited longest, so the second run nearly always lands on the other worker.
	const runs: Array<{ role: Role; answer: Promise<Record<string, unknown>> }> = [];
	while (runs.length < 4 && new Set(runs.map((run) => run.role)).size < 2) runs.push(await startRun());
	expect(new Set(runs.map((run) => run.role))).toEqual(new Set(['worker1', 'worker2']));
	const summaries = await Promise.all(runs.map(async (run) => await run.answer));
	await sleep(2_000);

	const expected = Array.from({ length: RECIPIENTS }, (_, index) => `55119${60_000_000 + index}`).sort();
	const received = simulator.sent.filter((message) => message.type === 'template').map((message) => message.waId).sort();
	expect(received).toEqual(expected); // every recipient once: none missing, none twice
	expect(summaries.reduce((total, summary) => total + Number(summary.enviadas), 0)).toBe(RECIPIENTS);
	// The runs on the two workers each sent part of the campaign, at the same time.
	const sentBy = (role: Role) => runs.reduce((total, run, index) => total + (run.role === role ? Number(summaries[index].enviadas) : 0), 0);
	expect(sentBy('worker1')).toBeGreaterThan(0);
	expect(sentBy('worker2')).toBeGreaterThan(0);
});

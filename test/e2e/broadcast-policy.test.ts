// Processar Fila against the WhatsApp simulator in a real n8n, one policy code at a time: 131049 (Meta's
// per-user marketing limit) puts the recipient back for the configured delay with a "reagendado" log
// row saying when; 131026 (undeliverable) is terminal with its reason; 130429 (the number's throughput)
// lowers the pace, retries the limited messages and climbs back to the configured rate. Enfileirar
// Envio's summary estimates the campaign's cost and the log gives each message's cost and motivo.
import { startWhatsAppSimulator, type WhatsAppSimulator } from '../simulators/whatsapp';
import { activateWorkflow, campaignLogRows, e2eState, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson, postToWebhook as post } from './n8n-client';

jest.setTimeout(180_000);

const ENQUEUE_PATH = 'e2e-politica-enfileirar';
const SEND_PATH = 'e2e-politica-enviar';
const LOGS_PATH = 'e2e-politica-logs';

let simulator: WhatsAppSimulator;
let baseUrl: string;

function webhook(index: number, name: string, path: string, method: 'GET' | 'POST', responseData: string) {
	return testNode(index, name, 'n8n-nodes-base.webhook', { httpMethod: method, path, responseMode: 'lastNode', responseData, options: {} }, { typeVersion: 2, webhookId: `${path}-hook` });
}

/** Webhook (POST { campanha, categoria, linhas }) → Split Out → Enfileirar Envio; answers with the summary. */
function enqueueFlow(): WorkflowJson {
	return {
		name: 'E2E política - enfileirar',
		nodes: [
			webhook(1, 'Receber linhas', ENQUEUE_PATH, 'POST', 'firstEntryJson'),
			testNode(2, 'Uma por linha', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.linhas', include: 'noOtherFields', options: {} }),
			testNode(3, 'Enfileirar Envio', 'enfileirarEnvio', {
				campaign: "={{ $('Receber linhas').first().json.body.campanha }}",
				templateCategory: "={{ $('Receber linhas').first().json.body.categoria }}",
				options: { usdToBrl: 5 },
			}),
		],
		connections: {
			'Receber linhas': { main: [[{ node: 'Uma por linha', type: 'main', index: 0 }]] },
			'Uma por linha': { main: [[{ node: 'Enfileirar Envio', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

/**
 * 131049's delay in the test (0.003 h = 10.8 s, the option takes fractions): longer than the 131049 test's runs
 * (3 s), short enough to see the recipient sent again, so the test leaves nothing queued for the e2e files that
 * run after it in the same n8n.
 */
const MARKETING_DELAY_HOURS = 0.003;
const SHORT_RUN_SECONDS = 3;
const MARKETING_DELAY_MS = MARKETING_DELAY_HOURS * 60 * 60 * 1000;

/** Webhook (POST { ritmo, duracao? }) → Processar Fila (131049 waits MARKETING_DELAY_HOURS); answers with the run's summary. */
function sendFlow(credentials: Record<string, unknown>): WorkflowJson {
	return {
		name: 'E2E política - enviar',
		nodes: [
			webhook(1, 'Enviar', SEND_PATH, 'POST', 'firstEntryJson'),
			testNode(
				2,
				'Processar Fila',
				'processarFila',
				{ ratePerSecond: '={{ $json.body.ritmo }}', concurrency: 10, maxDurationSeconds: '={{ $json.body.duracao ?? 60 }}', maxAttempts: 5, options: { marketingLimitDelayHours: MARKETING_DELAY_HOURS } },
				{ credentials },
			),
		],
		connections: { Enviar: { main: [[{ node: 'Processar Fila', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

function logsFlow(): WorkflowJson {
	return {
		name: 'E2E política - logs',
		nodes: [
			webhook(1, 'Consultar', LOGS_PATH, 'GET', 'allEntries'),
			testNode(2, 'Logs Omnichannel', 'logsOmnichannel', { campaign: '={{ $json.query.campanha }}', status: 'all', exportCsv: false }),
		],
		connections: { Consultar: { main: [[{ node: 'Logs Omnichannel', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

function rows(count: number, first: number) {
	return Array.from({ length: count }, (_, index) => {
		const clienteId = String(first + index);
		return {
			destinatario: { clienteId, login: '1', telefone: `(11) 9${String(87_650_000 + first + index)}` },
			mensagem: { name: 'retomar_atendimento', language: 'pt_BR', bodyParameters: [`Cliente ${clienteId}`], previewText: `Olá Cliente ${clienteId}! Podemos continuar o seu atendimento?` },
		};
	});
}

interface LogRow {
	idCliente: string;
	status: string;
	mensagem: string;
	motivo?: string;
	codigoErro?: number;
	custo?: number;
	categoria?: string;
	janela24h?: string;
}

async function logs(campaign: string): Promise<LogRow[]> {
	return await campaignLogRows<LogRow>(LOGS_PATH, campaign);
}

beforeAll(async () => {
	baseUrl = e2eState().baseUrl;
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp política');
	await activateWorkflow(enqueueFlow());
	await activateWorkflow(sendFlow(credentials));
	await activateWorkflow(logsFlow());
	await waitFor(async () => ((await fetch(`${baseUrl}/webhook/${LOGS_PATH}?campanha=nenhuma`)).ok ? true : undefined), 30_000, 'o webhook dos logs');
});

afterAll(async () => {
	await simulator?.close();
});

test('131049: the recipient is rescheduled after the configured delay, with the date in the log; the cost is estimated and logged', async () => {
	const summary = await post<Record<string, unknown>>(ENQUEUE_PATH, { campanha: 'e2e-131049', categoria: 'marketing', linhas: rows(2, 7100) });
	// 2 marketing messages × US$ 0.0625 × R$ 5
	expect(summary).toMatchObject({ adicionados: 2, custoEstimado: { moeda: 'BRL', total: 0.63, porCategoria: { marketing: { mensagens: 2, precoPorMensagem: 0.3125 } } } });

	simulator.failNextWithCode(131049, 1);
	const before = Date.now();
	const run = await post<Record<string, unknown>>(SEND_PATH, { ritmo: 5, duracao: SHORT_RUN_SECONDS });
	expect(run).toMatchObject({ enviadas: 1, falhas: 0, adiadasLimiteMarketing: 1, restantes: 1, situacao: 'na fila: 1' });

	const rowsNow = await logs('e2e-131049');
	const rescheduled = rowsNow.filter((row) => row.status === 'reagendado');
	expect(rescheduled).toHaveLength(1);
	expect(rescheduled[0]).toMatchObject({ codigoErro: 131049, categoria: 'marketing', janela24h: 'desconhecido', custo: 0 });
	// "nova tentativa em dd/MM/yyyy às HH:mm", the delay later in the workflow's time zone
	const match = /^Limite de marketing por usuário \(131049\): nova tentativa em (\d{2})\/(\d{2})\/(\d{4}) às (\d{2}):(\d{2})\.$/.exec(rescheduled[0].motivo ?? '');
	expect(match).not.toBeNull();
	const [, day, month, year, hour, minute] = match!.map(Number);
	const retryAt = Date.UTC(year, month - 1, day, hour + 3, minute); // America/Sao_Paulo is UTC−3
	expect(Math.abs(retryAt - (before + MARKETING_DELAY_MS))).toBeLessThan(3 * 60 * 1000);
	expect(rowsNow.find((row) => row.status === 'sucesso')).toMatchObject({ categoria: 'marketing', custo: 0.3125, motivo: 'aceita pelo WhatsApp (aguardando a entrega)' });

	// a run now sends nothing: the rescheduled recipient is not due yet
	const sendsBefore = simulator.sent.length;
	expect(await post(SEND_PATH, { ritmo: 5, duracao: SHORT_RUN_SECONDS })).toMatchObject({ enviadas: 0, restantes: 1 });
	expect(simulator.sent.length).toBe(sendsBefore);

	// once the delay is over, the next run sends it, and the queue is empty again
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, before + MARKETING_DELAY_MS + 1_000 - Date.now())));
	expect(await post(SEND_PATH, { ritmo: 5, duracao: SHORT_RUN_SECONDS })).toMatchObject({ enviadas: 1, falhas: 0, restantes: 0 });
	expect(simulator.sent.length).toBe(sendsBefore + 1);
});

test('131026: terminal at once, with its reason in the log', async () => {
	await post(ENQUEUE_PATH, { campanha: 'e2e-131026', categoria: 'utility', linhas: rows(1, 7200) });
	simulator.failNextWithCode(131026, 1);
	const sendsBefore = simulator.sent.length;
	const run = await post<Record<string, unknown>>(SEND_PATH, { ritmo: 5 });
	expect(run).toMatchObject({ enviadas: 0, falhas: 1, reagendadas: 0 });
	expect(simulator.sent.length).toBe(sendsBefore);
	expect(await logs('e2e-131026')).toEqual([
		expect.objectContaining({
			status: 'falha',
			codigoErro: 131026,
			motivo: 'número sem WhatsApp (131026)',
			mensagem: expect.stringMatching(/^Mensagem não entregue: o número não tem WhatsApp/),
			categoria: 'utility',
			custo: 0,
		}),
	]);
});

test('130429: the pace drops, the limited messages are retried, and the pace climbs back to the configured rate', async () => {
	await post(ENQUEUE_PATH, { campanha: 'e2e-130429', categoria: 'utility', linhas: rows(150, 7300) });
	simulator.failNextWithCode(130429, 8);
	const run = await post<Record<string, number>>(SEND_PATH, { ritmo: 20 });
	// nothing left: the first test's rescheduled recipient was sent once its delay was over
	expect(run).toMatchObject({ enviadas: 150, falhas: 0, reagendadas: 8, restantes: 0, taxaConfigurada: 20, situacao: 'nada pendente' });
	expect(run.ritmoMinimo).toBeLessThan(20);
	expect(run.ritmoFinal).toBe(20);
	const rowsNow = await logs('e2e-130429');
	expect(rowsNow).toHaveLength(150);
	expect(rowsNow.every((row) => row.status === 'sucesso')).toBe(true);
});

test('131056: only that contact waits (4^X s, here 1 s) and goes out again in the same run; the others are not held back', async () => {
	await post(ENQUEUE_PATH, { campanha: 'e2e-131056', categoria: 'utility', linhas: rows(3, 7400) });
	const accepted: Array<{ waId: string; at: number }> = [];
	const stopListening = simulator.onSent((message) => accepted.push({ waId: message.waId, at: Date.now() }));
	simulator.failNextWithCode(131056, 1);
	const startedAt = Date.now();
	try {
		const run = await post<Record<string, unknown>>(SEND_PATH, { ritmo: 5 });
		expect(accepted[0].at - startedAt).toBeLessThan(1_000);
		expect(run).toMatchObject({ enviadas: 3, falhas: 0, restantes: 0 });
	} finally {
		stopListening();
	}
	// three recipients, each accepted once; the limited one waited its 1 s (a retry without the wait would come
	// 2 sends after the others, 400 ms at 5 msg/s) and did not hold the others back (the run took ~1 s, not 3)
	expect(new Set(accepted.map((entry) => entry.waId)).size).toBe(3);
	expect(accepted).toHaveLength(3);
	expect(accepted[2].at - accepted[0].at).toBeGreaterThanOrEqual(600);
	const rowsNow = await logs('e2e-131056');
	expect(rowsNow.map((row) => row.status)).toEqual(['sucesso', 'sucesso', 'sucesso']);
});

// Enfileirar Envio and Logs Omnichannel in a real n8n: rows posted to a Webhook are queued (one per
// customer and login, +55 E.164), a contact who sent /bloquear on WhatsApp, a landline, an invalid
// number and a customer without phone are skipped into the send log; running again queues nothing;
// WhatsApp status callbacks (to the "Início do Atendimento" trigger) update the log without starting
// executions; the log is queried with filters and exported as CSV.
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	statusObject,
	statusWebhook,
	textMessage,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import {
	activateWorkflow,
	campaignLogRows,
	e2eState,
	executionsOf,
	templateWithTrigger,
	testNode,
	waitFor,
	whatsAppSimulatorCredential,
	type WorkflowJson,
} from './n8n-client';

jest.setTimeout(120_000);

const ENQUEUE_PATH = 'e2e-envio-enfileirar';
const LOGS_PATH = 'e2e-envio-logs';
const CSV_PATH = 'e2e-envio-csv';
const TRIGGER_PATH = 'e2e-envio-wa';

let simulator: WhatsAppSimulator;
let baseUrl: string;
let triggerId: string;

function webhook(index: number, name: string, path: string, method: 'GET' | 'POST', responseData: string, extra: Record<string, unknown> = {}) {
	return testNode(
		index,
		name,
		'n8n-nodes-base.webhook',
		{ httpMethod: method, path, responseMode: 'lastNode', responseData, options: {}, ...extra },
		{ typeVersion: 2, webhookId: `${path}-hook` },
	);
}

/** Webhook (POST { linhas }) → Split Out → Enfileirar Envio (default campaign); answers with the summaries. */
function enqueueFlow(): WorkflowJson {
	return {
		name: 'E2E envio - enfileirar',
		nodes: [
			webhook(1, 'Receber linhas', ENQUEUE_PATH, 'POST', 'allEntries'),
			testNode(2, 'Uma por linha', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.linhas', include: 'noOtherFields', options: {} }),
			testNode(3, 'Enfileirar Envio', 'enfileirarEnvio', {}),
		],
		connections: {
			'Receber linhas': { main: [[{ node: 'Uma por linha', type: 'main', index: 0 }]] },
			'Uma por linha': { main: [[{ node: 'Enfileirar Envio', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

/** Webhook (GET ?campanha&status) → Logs Omnichannel: rows as JSON, or the CSV file. */
function logsFlow(path: string, exportCsv: boolean): WorkflowJson {
	const responseData = exportCsv ? 'firstEntryBinary' : 'allEntries';
	return {
		name: `E2E envio - logs ${exportCsv ? 'CSV' : 'JSON'}`,
		nodes: [
			webhook(1, 'Consultar', path, 'GET', responseData, exportCsv ? { responseBinaryPropertyName: 'data' } : {}),
			testNode(2, 'Logs Omnichannel', 'logsOmnichannel', {
				campaign: '={{ $json.query.campanha }}',
				status: '={{ $json.query.status || "all" }}',
				exportCsv,
			}),
		],
		connections: { Consultar: { main: [[{ node: 'Logs Omnichannel', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

function row(clienteId: string, login: string, telefone: string) {
	return {
		destinatario: { clienteId, login, telefone },
		mensagem: {
			name: 'status_logins',
			language: 'pt_BR',
			bodyParameters: [`Cliente ${clienteId}`],
			previewText: `Olá, Cliente ${clienteId}! Sua conexão foi restabelecida.`,
		},
	};
}

const ROWS = [
	row('9001', '1', '(11) 98765-9001'),
	row('9001', '2', '(11) 98765-9001'),
	row('9002', '1', '(11) 3456-9002'),
	row('9003', '1', '11 98765-9003'),
	row('9004', '1', '(20) 98765-9004'),
	row('9005', '1', ''),
];

interface Summary {
	campanha: string;
	recebidos: number;
	adicionados: number;
	duplicados: number;
	ignorados: Record<string, number>;
	fila: Record<string, number>;
	custoEstimado?: unknown;
}

interface LogRow {
	idCliente: string;
	contato: string;
	status: string;
	mensagem: string;
	dataEnvio: string;
	entrega?: string;
	idMensagemWhatsApp?: string;
	idEnvio?: string;
}

async function enqueue(): Promise<Summary[]> {
	const response = await fetch(`${baseUrl}/webhook/${ENQUEUE_PATH}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ linhas: ROWS }),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Summary[];
}

async function logs(campaign: string, status = 'all'): Promise<LogRow[]> {
	return await campaignLogRows<LogRow>(LOGS_PATH, campaign, status);
}

async function deliverToTrigger(payload: unknown) {
	const result = await deliver(`${baseUrl}/webhook/${TRIGGER_PATH}`, payload, ACCOUNT.appSecret);
	expect(result.status).toBe(200);
	return result;
}

beforeAll(async () => {
	baseUrl = e2eState().baseUrl;
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp envios');
	triggerId = await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E envio - WhatsApp', { channel: 'whatsapp', path: TRIGGER_PATH }, credentials));
	await activateWorkflow(enqueueFlow());
	await activateWorkflow(logsFlow(LOGS_PATH, false));
	await activateWorkflow(logsFlow(CSV_PATH, true));
	const verify = `${baseUrl}/webhook/${TRIGGER_PATH}?hub.mode=subscribe&hub.verify_token=${ACCOUNT.verifyToken}&hub.challenge=1`;
	await waitFor(async () => ((await fetch(verify)).ok ? true : undefined), 30_000, 'o webhook do WhatsApp');
	await waitFor(async () => ((await fetch(`${baseUrl}/webhook/${LOGS_PATH}?campanha=nenhuma`)).ok ? true : undefined), 30_000, 'o webhook dos logs');
});

afterAll(async () => {
	await simulator?.close();
});

test('queues each customer/login once, skips and logs the rest, and status callbacks update the log', async () => {
	// The customer 9003 asked not to be messaged, on WhatsApp (the wa_id as WhatsApp sends it).
	await deliverToTrigger(messagesWebhook(textMessage('/bloquear', { from: '5511987659003' })));
	await waitFor(async () => (simulator.sent.some((message) => message.to === '5511987659003') ? true : undefined), 20_000, 'a confirmação do /bloquear');

	const [first] = await enqueue();
	expect(first.campanha).toMatch(/^status-logins-\d{4}-\d{2}-\d{2}$/);
	expect(first).toEqual({
		campanha: first.campanha,
		recebidos: 6,
		adicionados: 2,
		duplicados: 0,
		ignorados: { total: 4, optOut: 1, semTelefone: 1, telefoneFixo: 1, telefoneInvalido: 1 },
		fila: { aguardando: 2, enviando: 0, enviados: 0, falhas: 0 },
		custoEstimado: expect.objectContaining({ moeda: 'BRL', porCategoria: { marketing: { mensagens: 2, precoPorMensagem: 0.3375 } }, total: 0.68 }),
	});
	const campaign = first.campanha;

	// Running the campaign again never queues a recipient twice.
	const [second] = await enqueue();
	expect(second).toMatchObject({ campanha: campaign, adicionados: 0, duplicados: 2, fila: { aguardando: 2 } });

	const skipped = await logs(campaign, 'ignorado');
	expect(skipped).toHaveLength(8);
	expect(new Set(skipped.map((entry) => `${entry.idCliente}|${entry.contato}|${entry.mensagem}`))).toEqual(
		new Set([
			'9002|+55 (11) 3456-9002|Telefone fixo: o WhatsApp precisa de um celular.',
			'9003|+55 (11) 98765-9003|O contato pediu para não receber mensagens (opt-out).',
			'9004|(20) 98765-9004|Telefone inválido: o DDD 20 não existe.',
			'9005||Sem telefone celular no cadastro.',
		]),
	);
	expect(skipped[0].dataEnvio).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-03:00$/);

	// A sender died after its request reached WhatsApp: the callbacks carry the job id.
	const jobId = `${campaign}:cliente:9001/login:1`;
	const executionsBefore = (await executionsOf(triggerId)).length;
	const sent = await deliverToTrigger(
		statusWebhook(statusObject({ id: 'wamid.e2e-envio-1', status: 'sent', recipientId: '5511987659001', bizOpaqueCallbackData: jobId })),
	);
	expect(JSON.parse(sent.body)).toMatchObject({ mensagens: 0, status: 1 });
	await deliverToTrigger(statusWebhook(statusObject({ id: 'wamid.e2e-envio-1', status: 'read', recipientId: '5511987659001' })));
	expect((await executionsOf(triggerId)).length).toBe(executionsBefore);

	expect(await logs(campaign, 'sucesso')).toEqual([
		expect.objectContaining({
			idCliente: '9001',
			contato: '+55 (11) 98765-9001',
			status: 'sucesso',
			entrega: 'read',
			mensagem: 'Mensagem lida pelo contato.',
			idMensagemWhatsApp: 'wamid.e2e-envio-1',
			idEnvio: jobId,
		}),
	]);
	const [third] = await enqueue();
	expect(third.fila).toEqual({ aguardando: 1, enviando: 0, enviados: 1, falhas: 0 });

	// The whole campaign as a CSV file for Excel.
	const csvResponse = await fetch(`${baseUrl}/webhook/${CSV_PATH}?campanha=${encodeURIComponent(campaign)}`);
	expect(csvResponse.status).toBe(200);
	expect(csvResponse.headers.get('content-type')).toMatch(/^text\/csv/);
	const bytes = Buffer.from(await csvResponse.arrayBuffer());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
	expect(lines[0]).toBe(
		'ID;ID Cliente;Tipo Comunicação;Contato;Data Envio;Status;Mensagem;Campanha;Código do Erro;Entrega;Entrega Em;ID da Mensagem (WhatsApp);Motivo;Categoria;Custo (R$);Janela de 24h;Resposta;Respondido Em',
	);
	expect(lines).toHaveLength(1 + 12 + 1);
	expect(lines.filter((line) => line.includes(";'+55 (11) 98765-9001;") && line.includes(';Sucesso;Mensagem lida pelo contato.;') && line.endsWith(';lida;marketing;0,3375;;;'))).toHaveLength(1);
	expect(lines.filter((line) => line.includes(';Ignorado;'))).toHaveLength(12);
});

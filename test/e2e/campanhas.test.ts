// The campaign page (workflows/campanhas.json, Relatório de Campanhas) in a real n8n and a real Chromium:
// a small campaign is queued and sent to the WhatsApp simulator (one refused with 131026, one landline
// skipped), WhatsApp status callbacks reach the "Início do Atendimento" trigger (delivered, read, one
// delivery failure 131047); then the page, behind the Webhook's Basic Auth, shows the counts, costs,
// the rates chart's points and the failures by reason at 470 px, and its link downloads the campaign's
// CSV. Without the login, or with a wrong one, the Webhook answers 401. Nothing stays queued.
import { readFileSync } from 'fs';
import { join } from 'path';

import { WHATSAPP_TEST_ACCOUNT as ACCOUNT, deliver, startWhatsAppSimulator, statusObject, statusWebhook, type WhatsAppSimulator } from '../simulators/whatsapp';
import { browserSkipReason, openBrowser, type BrowserSession } from './browser';
import { activateWorkflow, createCredential, e2eState, templateWithTrigger, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson, postToWebhook as post } from './n8n-client';

jest.setTimeout(180_000);

const skipReason = browserSkipReason();
if (skipReason) console.warn(`campanhas: teste no navegador PULADO (${skipReason})`);
const testInBrowser = skipReason ? test.skip : test;

const ENQUEUE_PATH = 'e2e-campanhas-enfileirar';
const SEND_PATH = 'e2e-campanhas-enviar';
const TRIGGER_PATH = 'e2e-campanhas-wa';
const PAGE_PATH = 'e2e-campanhas';
const LOGIN = { user: 'gestor', password: 'senha-e2e-campanhas' };
/** Unique per run: the shared n8n keeps the campaigns of the other e2e files (and of earlier runs of the same data folder). */
const CAMPAIGN = `e2e-pagina-${Date.now()}`;
const SCREENSHOT = join(__dirname, '..', '..', '.test-data', 'campanhas-470px.png');

let simulator: WhatsAppSimulator;
let baseUrl: string;
let browser: BrowserSession | undefined;

function webhook(index: number, name: string, path: string) {
	return testNode(index, name, 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} }, { typeVersion: 2, webhookId: `${path}-hook` });
}

/** Webhook (POST { linhas }) → Split Out → Enfileirar Envio (the test's campaign, marketing at US$ 0.0625 × R$ 5). */
function enqueueFlow(): WorkflowJson {
	return {
		name: 'E2E campanhas - enfileirar',
		nodes: [
			webhook(1, 'Receber linhas', ENQUEUE_PATH),
			testNode(2, 'Uma por linha', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.linhas', include: 'noOtherFields', options: {} }),
			testNode(3, 'Enfileirar Envio', 'enfileirarEnvio', { campaign: CAMPAIGN, templateCategory: 'marketing', options: { usdToBrl: 5 } }),
		],
		connections: {
			'Receber linhas': { main: [[{ node: 'Uma por linha', type: 'main', index: 0 }]] },
			'Uma por linha': { main: [[{ node: 'Enfileirar Envio', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

function sendFlow(credentials: Record<string, unknown>): WorkflowJson {
	return {
		name: 'E2E campanhas - enviar',
		nodes: [
			webhook(1, 'Enviar', SEND_PATH),
			testNode(2, 'Processar Fila', 'processarFila', { ratePerSecond: 5, concurrency: 1, maxDurationSeconds: 60, maxAttempts: 3 }, { credentials }),
		],
		connections: { Enviar: { main: [[{ node: 'Processar Fila', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

/** The shipped template on the test's path, its Basic Auth on the test's login. */
function pageFlow(): WorkflowJson {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'campanhas.json'), 'utf8')) as WorkflowJson;
	workflow.name = 'E2E campanhas - página';
	for (const node of workflow.nodes) {
		if (node.type !== 'n8n-nodes-base.webhook') continue;
		(node.parameters as Record<string, unknown>).path = PAGE_PATH;
		node.webhookId = `${PAGE_PATH}-hook`;
	}
	return workflow;
}

const PHONES = [7601, 7602, 7603, 7604, 7605].map((n) => `5511987657${String(n).slice(1)}`);

function rows() {
	const mobile = PHONES.map((phone, index) => ({
		destinatario: { clienteId: String(7601 + index), login: '1', telefone: `(11) ${phone.slice(4, 9)}-${phone.slice(9)}` },
		mensagem: { name: 'retomar_atendimento', language: 'pt_BR', bodyParameters: [`Cliente ${7601 + index}`], previewText: `Olá Cliente ${7601 + index}! Podemos continuar o seu atendimento?` },
	}));
	const landline = { destinatario: { clienteId: '7699', login: '1', telefone: '(11) 3456-7699' }, mensagem: mobile[0].mensagem };
	return [...mobile, landline];
}

async function status(wamid: string, to: string, value: 'delivered' | 'read' | 'failed', errorCode?: number): Promise<void> {
	const result = await deliver(`${baseUrl}/webhook/${TRIGGER_PATH}`, statusWebhook(statusObject({ id: wamid, status: value, recipientId: to, ...(errorCode ? { errorCode } : {}) })), ACCOUNT.appSecret);
	expect(result.status).toBe(200);
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

beforeAll(async () => {
	baseUrl = e2eState().baseUrl;
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp campanhas');
	await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E campanhas - WhatsApp', { channel: 'whatsapp', path: TRIGGER_PATH }, credentials));
	await activateWorkflow(enqueueFlow());
	await activateWorkflow(sendFlow(credentials));
	const loginName = 'Campanhas (e2e)';
	const loginId = await createCredential(loginName, 'httpBasicAuth', LOGIN);
	await activateWorkflow(pageFlow(), { httpBasicAuth: { id: loginId, name: loginName } });
	const authorization = basic(LOGIN.user, LOGIN.password);
	await waitFor(async () => ((await fetch(`${baseUrl}/webhook/${PAGE_PATH}`, { headers: { Authorization: authorization } })).ok ? true : undefined), 30_000, 'a página de campanhas');
});

afterAll(async () => {
	await browser?.close();
	await simulator?.close();
});

test('without the login, or with a wrong password, the page answers 401 and shows nothing', async () => {
	const anonymous = await fetch(`${baseUrl}/webhook/${PAGE_PATH}`);
	expect(anonymous.status).toBe(401);
	// so a browser asks for the login and password
	expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Webhook"');
	expect(await anonymous.text()).not.toContain('<!DOCTYPE html>');
	const wrong = await fetch(`${baseUrl}/webhook/${PAGE_PATH}?csv=${CAMPAIGN}`, { headers: { Authorization: basic(LOGIN.user, 'errada') } });
	// n8n 2.40's Webhook: 401 "Authentication data is wrong!" (403 is for a wrong x-auth-token)
	expect(wrong.status).toBe(401);
	expect(await wrong.text()).not.toContain('ID Cliente');
});

testInBrowser('a small campaign on the page: counts, costs, the rates chart, failures by reason, and its CSV download', async () => {
	// The queue is the shared n8n's: first send what earlier e2e files left queued (broadcast-queue leaves one),
	// so that the failure below hits this campaign and the run counts only it.
	expect(await post<Record<string, unknown>>(SEND_PATH, {})).toMatchObject({ restantes: 0 });
	const summary = await post<Record<string, unknown>>(ENQUEUE_PATH, { linhas: rows() });
	expect(summary).toMatchObject({ campanha: CAMPAIGN, adicionados: 5, ignorados: { total: 1, telefoneFixo: 1 } });

	simulator.failNextWithCode(131026, 1);
	const sendsBefore = simulator.sent.length;
	const run = await post<Record<string, unknown>>(SEND_PATH, {});
	expect(run).toMatchObject({ enviadas: 4, falhas: 1, restantes: 0 });
	const sent = simulator.sent.slice(sendsBefore);
	expect(sent.map((message) => message.to)).toHaveLength(4);
	expect(sent.every((message) => PHONES.includes(message.waId) || PHONES.includes(message.to.replace(/^\+/, '')))).toBe(true);
	// A second later (WhatsApp's status timestamps are whole seconds): three delivered (two of them read),
	// one not delivered: outside the 24-hour window.
	await new Promise((resolve) => setTimeout(resolve, 1_100));
	for (const message of sent.slice(0, 3)) await status(message.wamid, message.waId, 'delivered');
	for (const message of sent.slice(0, 2)) await status(message.wamid, message.waId, 'read');
	await status(sent[3].wamid, sent[3].waId, 'failed', 131047);

	browser = await openBrowser({ width: 470, height: 1000 });
	const { page } = browser;
	await page.setExtraHTTPHeaders({ Authorization: basic(LOGIN.user, LOGIN.password) });
	const response = await page.goto(`${baseUrl}/webhook/${PAGE_PATH}`);
	expect(response?.status()).toBe(200);
	expect(await page.title()).toBe('Campanhas de Disparo');

	const section = page.locator('section', { has: page.locator('h2', { hasText: CAMPAIGN }) });
	await section.scrollIntoViewIfNeeded();
	const figure = async (label: string) => (await section.locator('.numero', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').innerText()).replace(/\s/g, ' ');
	expect({
		enfileiradas: await figure('Enfileiradas'),
		enviadas: await figure('Enviadas'),
		entregues: await figure('Entregues'),
		lidas: await figure('Lidas'),
		falhas: await figure('Falhas'),
		pendentes: await figure('Pendentes'),
		ignoradas: await figure('Ignoradas'),
		taxaEntrega: await figure('Taxa de entrega'),
		taxaLeitura: await figure('Taxa de leitura'),
		custoEstimado: await figure('Custo estimado'),
		custoReal: await figure('Custo real'),
	}).toEqual({
		enfileiradas: '5',
		enviadas: '4',
		entregues: '3',
		lidas: '2',
		falhas: '2',
		pendentes: '0',
		ignoradas: '1',
		taxaEntrega: '75%',
		taxaLeitura: '50%',
		// 5 × US$ 0.0625 × R$ 5 if all delivered; charged: the 3 delivered
		custoEstimado: 'R$ 1,5625',
		custoReal: 'R$ 0,9375',
	});

	// The chart: an SVG drawn by the server, the last point of each series at the campaign's rates.
	const chart = section.locator('svg[role="img"]');
	await expect(chart.isVisible()).resolves.toBe(true);
	const series = async (name: string) => await section.locator(`circle[data-serie="${name}"]`).evaluateAll((circles) => circles.map((circle) => Number(circle.getAttribute('data-taxa'))));
	const delivery = await series('entrega');
	const read = await series('leitura');
	// from the first acceptance (nothing delivered yet) to the last status
	expect(delivery.length).toBeGreaterThanOrEqual(2);
	expect(read).toHaveLength(delivery.length);
	expect(delivery[0]).toBe(0);
	expect(delivery.at(-1)).toBe(75);
	expect(read.at(-1)).toBe(50);
	expect(await section.locator('table.dados tbody tr').count()).toBe(delivery.length);
	expect(await chart.locator('desc').textContent()).toMatch(/75% entregues e 50% lidas de 4 mensagens aceitas\.$/);

	const reasons = await section.locator('table.motivos tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent)));
	expect(reasons).toEqual(
		expect.arrayContaining([
			['número sem WhatsApp (131026)', 'Falha', '1'],
			['falha na entrega: fora da janela de 24 horas (131047)', 'Falha', '1'],
			['Telefone fixo: o WhatsApp precisa de um celular.', 'Ignorada', '1'],
		]),
	);
	expect(reasons).toHaveLength(3);

	// Usable at 470 px: nothing wider than the window.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(470);
	await section.screenshot({ path: SCREENSHOT });

	// The CSV link downloads the campaign's log, the Logs Omnichannel's CSV.
	const [download] = await Promise.all([page.waitForEvent('download'), section.locator('a.csv').click()]);
	expect(download.suggestedFilename()).toBe(`log-${CAMPAIGN}.csv`);
	const bytes = readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
	expect(lines[0]).toBe(
		'ID;ID Cliente;Tipo Comunicação;Contato;Data Envio;Status;Mensagem;Campanha;Código do Erro;Entrega;Entrega Em;ID da Mensagem (WhatsApp);Motivo;Categoria;Custo (R$);Janela de 24h;Resposta;Respondido Em',
	);
	const body = lines.slice(1);
	expect(body).toHaveLength(6);
	expect(body.every((line) => line.includes(`;${CAMPAIGN};`))).toBe(true);
	expect(body.filter((line) => line.includes(';Sucesso;') && line.includes(';Lida;'))).toHaveLength(2);
	expect(body.filter((line) => line.includes(';Sucesso;') && line.includes(';Entregue;'))).toHaveLength(1);
	expect(body.filter((line) => line.includes(';Falha;') && line.includes(`;${CAMPAIGN};131026;`))).toHaveLength(1);
	expect(body.filter((line) => line.includes(';falha na entrega: fora da janela de 24 horas (131047);'))).toHaveLength(1);
	expect(body.filter((line) => line.includes(';Ignorado;'))).toHaveLength(1);
	expect(browser.errors).toEqual([]);

	// The same file fetched directly: an attachment of type CSV (the template's response headers).
	const direct = await fetch(`${baseUrl}/webhook/${PAGE_PATH}?csv=${encodeURIComponent(CAMPAIGN)}`, { headers: { Authorization: basic(LOGIN.user, LOGIN.password) } });
	expect(direct.status).toBe(200);
	expect(direct.headers.get('content-type')).toMatch(/^text\/csv/);
	expect(direct.headers.get('content-disposition')).toBe(`attachment; filename="log-${CAMPAIGN}.csv"`);
	expect(Buffer.from(await direct.arrayBuffer()).equals(bytes)).toBe(true);
});

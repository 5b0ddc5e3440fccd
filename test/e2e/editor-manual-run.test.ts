// A whole conversation in ONE manual execution, driven as n8n 2.40's editor does: the owner's session,
// `POST /rest/workflows/<id>/run` with the body and `push-ref` header of the editor's "Execute workflow",
// then the customer on the trigger's test URL (/webhook-test/<caminho>): the web chat test page and the
// WhatsApp webhook. docs/arquitetura.md §17.
import { randomUUID } from 'crypto';

import { parse as parseFlatted } from 'flatted';

import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	listReplyMessage,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { activateWorkflow, e2eState, templateWithTrigger, waitFor, whatsAppSimulatorCredential } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(180_000);

const { OWNER } = require('../../scripts/lib/n8n-instance.js') as { OWNER: { email: string; password: string } };

/** The editor's browser-id (the session cookie is bound to it) and its push connection's id. */
const BROWSER_ID = 'atendimento-setup';
const PUSH_REF = `e2e-${randomUUID()}`;
let cookie = '';

interface ExecutionSummary {
	id: string;
	mode: string;
	status: string;
}

interface TaskData {
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

/** A kept-alive connection n8n closed while idle fails before reaching n8n: such a request is sent once more. */
async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (error) {
		if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
		return await fetch(url, init);
	}
}

/** n8n's REST API as the editor calls it (owner's session cookie, browser-id, push-ref). */
async function rest<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; response: Response }> {
	const response = await fetchOnce(`${e2eState().baseUrl}/rest${path}`, {
		method,
		headers: { 'Content-Type': 'application/json', 'browser-id': BROWSER_ID, 'push-ref': PUSH_REF, ...(cookie ? { Cookie: cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, response };
}

/** "Execute workflow" on the trigger, as the 2.40 editor's useRunWorkflow sends it. */
async function executeWorkflow(workflowId: string): Promise<void> {
	const run = await rest<{ data: { waitingForWebhook?: boolean } }>('POST', `/workflows/${workflowId}/run`, {
		workflowId,
		startNodes: [],
		triggerToStartFrom: { name: 'Início do Atendimento' },
	});
	expect(run.status).toBe(200);
	expect(run.body.data).toEqual({ waitingForWebhook: true });
}

async function manualExecutions(workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const listed = await rest<{ data: { results: ExecutionSummary[] } }>('GET', `/executions?filter=${filter}`);
	expect(listed.status).toBe(200);
	return listed.body.data.results.filter((execution) => execution.mode === 'manual');
}

/** One execution as the editor opens it: GET /rest/executions/<id>, its data as n8n stores it (flatted). */
async function executionRunData(id: string): Promise<{ status: string; mode: string; runData: Record<string, TaskData[]> }> {
	const found = await rest<{ data: { status: string; mode: string; data: string } }>('GET', `/executions/${id}`);
	expect(found.status).toBe(200);
	const data = parseFlatted(found.body.data.data) as { resultData: { runData: Record<string, TaskData[]> } };
	return { status: found.body.data.status, mode: found.body.data.mode, runData: data.resultData.runData };
}

/** Items on each output of a node's last run. */
function outputCounts(run: TaskData[] | undefined): number[] {
	return (run?.at(-1)?.data?.main ?? []).map((items) => items?.length ?? 0);
}

async function testUrlAnswers(url: string): Promise<number> {
	return (await fetchOnce(url, {})).status;
}

beforeAll(async () => {
	// The editor's sign-in: POST /rest/login; the session cookie is bound to the browser-id header.
	const login = await rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	if (login.status !== 200) throw new Error(`login do dono falhou: ${login.status}`);
	cookie = login.response.headers.getSetCookie().map((entry) => entry.split(';')[0]).join('; ');
});

test('web chat: the test page and a whole conversation (menu, invalid answer, submenu by Executar Fluxo) in one manual execution', async () => {
	const path = 'e2e-teste-editor';
	const workflowId = await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E Teste no editor', { path }));
	const testUrl = `${e2eState().baseUrl}/webhook-test/${path}`;
	// Before "Execute workflow", the test URL is not registered (n8n's own rule).
	expect(await testUrlAnswers(testUrl)).toBe(404);
	await executeWorkflow(workflowId);

	// The test page: served on the test URL, talks to the test URL (its own session, apart from production's).
	const page = await fetch(testUrl);
	expect(page.status).toBe(200);
	expect(page.headers.get('content-type')).toContain('text/html');
	expect(await page.text()).toContain(`"apiUrl":"/webhook-test/${path}"`);

	const customer = new WebchatCustomer(testUrl);
	expect((await customer.say('oi')).status).toBe(200);
	const [welcome, menu] = await customer.next(2);
	expect((welcome as { text: string }).text).toMatch(/Seu protocolo é \d{8}-\d{6}-/);
	expect(menu).toMatchObject({ kind: 'choices', text: 'Como podemos ajudar?' });

	const [execution] = await waitFor(async () => {
		const found = await manualExecutions(workflowId);
		return found.length > 0 ? found : undefined;
	}, 15_000, 'a execução manual');
	// Parked at the menu: the editor sees the card ran, with no output taken (no "Sem resposta" drawn as run).
	const parked = await waitFor(async () => {
		const seen = await executionRunData(execution.id);
		return seen.status === 'waiting' && seen.runData['Menu principal'] ? seen : undefined;
	}, 15_000, 'a execução esperando no menu');
	expect(parked.runData['Boas-vindas']).toHaveLength(1);
	expect(outputCounts(parked.runData['Menu principal']).every((count) => count === 0)).toBe(true);

	// Later messages keep reaching the test URL (before: 404 "webhook is not registered").
	expect((await customer.say('quero pizza')).status).toBe(200);
	const [invalid, again] = await customer.next(2);
	expect((invalid as { text: string }).text).toContain('Opção inválida');
	expect(again).toMatchObject({ kind: 'choices', text: 'Como podemos ajudar?' });
	expect((await customer.click('opcao_1', 'Comercial')).status).toBe(200);
	const [confirm] = await customer.next(1, 20_000);
	expect(confirm).toMatchObject({ kind: 'choices', choices: [{ label: 'Sim' }, { label: 'Não' }] });
	expect((await customer.say('sim')).status).toBe(200);
	const [end] = await customer.next(1, 20_000);
	expect((end as { text: string }).text).toMatch(/^Combinado! .* Protocolo \d{8}-/);

	// ONE manual execution ran the cards, each with its data, and finished.
	const finished = await waitFor(async () => {
		const seen = await executionRunData(execution.id);
		return seen.status === 'success' ? seen : undefined;
	}, 30_000, 'a execução manual terminada');
	expect(finished.mode).toBe('manual');
	expect(await manualExecutions(workflowId)).toHaveLength(1);
	expect(Object.keys(finished.runData)).toEqual(expect.arrayContaining(['Início do Atendimento', 'Boas-vindas', 'Menu principal', 'Demanda - Comercial', 'Vai para Comercial']));
	const menuOutputs = outputCounts(finished.runData['Menu principal']);
	expect(menuOutputs[0]).toBe(1); // Comercial
	expect(menuOutputs.slice(1).every((count) => count === 0)).toBe(true);
	const menuItem = finished.runData['Menu principal'].at(-1)!.data!.main![0]![0].json;
	expect(menuItem).toMatchObject({ atendimento: { protocolo: expect.stringMatching(/^\d{8}-/) } });

	// The conversation is over: the test URL goes, as after any test run in n8n.
	await waitFor(async () => ((await testUrlAnswers(testUrl)) === 404 ? true : undefined), 15_000, 'a URL de teste liberada');
});

describe('WhatsApp on the test path', () => {
	let simulator: WhatsAppSimulator;

	beforeAll(async () => {
		simulator = await startWhatsAppSimulator();
	});

	afterAll(async () => {
		await simulator.close();
	});

	async function sentTo(waId: string, count: number) {
		return await waitFor(async () => {
			const sent = simulator.sent.filter((message) => message.to === waId);
			return sent.length >= count ? sent : undefined;
		}, 20_000, `${count} mensagens para ${waId}`);
	}

	test('the conversation runs in the manual execution; stopping it ends the test, and production starts afresh for the same contact', async () => {
		const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp simulador (teste no editor)');
		const path = 'e2e-teste-editor-wa';
		const workflowId = await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E Teste no editor WhatsApp', { channel: 'whatsapp', path }, credentials));
		const testUrl = `${e2eState().baseUrl}/webhook-test/${path}`;
		const productionUrl = `${e2eState().baseUrl}/webhook/${path}`;
		await executeWorkflow(workflowId);

		const waId = '5511987659901';
		expect((await deliver(testUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret)).status).toBe(200);
		const [welcome] = await sentTo(waId, 2);
		const protocolo = /Seu protocolo é (\d{8}-\d{6}-[0-9A-Z]{4})/.exec((welcome.body.text as { body: string }).body)![1];
		// A second message on the test path: an invalid answer, re-asked by the same execution.
		expect((await deliver(testUrl, messagesWebhook(textMessage('quero pizza', { from: waId })), ACCOUNT.appSecret)).status).toBe(200);
		const afterInvalid = await sentTo(waId, 4);
		expect((afterInvalid[2].body.text as { body: string }).body).toContain('Opção inválida');
		expect(afterInvalid[3].body).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });

		const [execution] = await manualExecutions(workflowId);
		expect(execution).toBeDefined();
		await waitFor(async () => ((await executionRunData(execution.id)).status === 'waiting' ? true : undefined), 15_000, 'a execução esperando');
		expect(await manualExecutions(workflowId)).toHaveLength(1);

		// The builder stops the manual execution: the test conversation ends and the test path goes.
		const stopped = await rest('POST', `/executions/${execution.id}/stop`);
		expect(stopped.status).toBe(200);
		await waitFor(async () => ((await testUrlAnswers(testUrl)) === 404 ? true : undefined), 15_000, 'a URL de teste liberada');
		expect((await deliver(testUrl, messagesWebhook(listReplyMessage('opcao_1', 'Comercial', waId, { from: waId })), ACCOUNT.appSecret)).status).toBe(404);
		expect(simulator.sent.filter((message) => message.to === waId)).toHaveLength(4);

		// The same contact in production: a new conversation (new protocol), not the stopped test's.
		expect((await deliver(productionUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret)).status).toBe(200);
		const inProduction = await sentTo(waId, 6);
		const productionProtocolo = /Seu protocolo é (\d{8}-\d{6}-[0-9A-Z]{4})/.exec((inProduction[4].body.text as { body: string }).body)![1];
		expect(productionProtocolo).not.toBe(protocolo);
		expect(await manualExecutions(workflowId)).toHaveLength(1);
	});
});

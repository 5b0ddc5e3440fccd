// Facebook Messenger and Instagram Direct in a real n8n, against the Messenger Platform simulator: the
// shipped welcome template on both channels (quick replies and a postback answer), the verification
// handshake, signatures, echoes, read/typing indicators, a person who is unavailable (551) and a desk
// (Painel) reply after 24 h going with the HUMAN_AGENT tag.
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import {
	instagramWebhook,
	META_TEST_ACCOUNT as ACCOUNT,
	metaEchoEvent,
	metaPostbackEvent,
	metaQuickReplyEvent,
	metaTextEvent,
	pageWebhook,
	startMetaMessagingSimulator,
	verifyWebhook,
	type MetaMessagingSimulator,
	type MetaSent,
} from '../simulators/meta-messaging';
import {
	activateWorkflow,
	createCredential,
	e2eState,
	executionsOf,
	executionWithData,
	metaSimulatorCredential,
	restartN8n,
	settledExecutionCount,
	sleep,
	templateWithTrigger,
	testNode,
	waitFor,
	withNodeParameters,
} from './n8n-client';

jest.setTimeout(240_000);

let simulator: MetaMessagingSimulator;
let messengerWorkflow: string;
let deadlineWorkflow: string;
let deadlineUrl: string;
let messengerUrl: string;
let instagramUrl: string;
let deskUrl: string;

beforeAll(async () => {
	simulator = await startMetaMessagingSimulator();
	const messenger = await metaSimulatorCredential(simulator.url, 'Messenger simulador', 'messenger');
	const instagram = await metaSimulatorCredential(simulator.url, 'Instagram simulador', 'instagram');
	messengerWorkflow = await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E Messenger', { channel: 'messenger', path: 'e2e-messenger' }, messenger));
	await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E Instagram', { channel: 'instagram', path: 'e2e-instagram' }, instagram));
	// The same Page, with a 3 s "Sem resposta" on the menu: a bot message that goes out after the window closed.
	deadlineWorkflow = await activateWorkflow(
		withNodeParameters(templateWithTrigger('boas-vindas.json', 'E2E Messenger prazo', { channel: 'messenger', path: 'e2e-messenger-prazo' }, messenger), 'Menu principal', { timeoutMinutes: 0.05 }),
	);
	const painel = { atendimentoPainelApi: { id: await createCredential('Painel meta e2e', 'atendimentoPainelApi', { senhasIniciais: 'ana: senha-da-ana-1\n' }), name: 'Painel meta e2e' } };
	await activateWorkflow({
		name: 'E2E Painel meta',
		nodes: [
			testNode(
				1,
				'Painel',
				'painelAtendimento',
				{ path: 'e2e-painel-meta', company: 'Provedor', teams: { values: [{ name: 'Atendimento' }] }, agents: { values: [{ name: 'Ana', login: 'ana', teams: 'Atendimento', role: 'agente' }] }, settings: { sessionHours: 12 }, erpIntegration: false },
				{ webhookId: 'e2e-painel-meta-hook', credentials: painel },
			),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	const base = e2eState().baseUrl;
	messengerUrl = `${base}/webhook/e2e-messenger`;
	instagramUrl = `${base}/webhook/e2e-instagram`;
	deskUrl = `${base}/webhook/e2e-painel-meta`;
	deadlineUrl = `${base}/webhook/e2e-messenger-prazo`;
	await waitFor(async () => ((await verifyWebhook(messengerUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook do Messenger');
	await waitFor(async () => ((await verifyWebhook(instagramUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook do Instagram');
	await waitFor(async () => ((await fetch(deskUrl)).ok ? true : undefined), 30_000, 'o Painel');
});

afterAll(async () => {
	await simulator?.close();
});

/** Messages the bot sent to `recipientId`, waiting until there are `count` of them. */
async function sentTo(recipientId: string, count: number): Promise<MetaSent[]> {
	return await waitFor(async () => {
		const sent = simulator.sent.filter((message) => message.recipientId === recipientId);
		return sent.length >= count ? sent : undefined;
	}, 20_000, `${count} mensagens para ${recipientId}`);
}

const textOf = (sent: MetaSent) => String(sent.message.text ?? '');
const quickReplies = (sent: MetaSent) => (sent.message.quick_replies ?? []) as Array<{ content_type: string; title: string; payload: string }>;

test("Meta's verification handshake answers the raw challenge on both channels; a wrong token gets 403", async () => {
	for (const url of [messengerUrl, instagramUrl]) {
		const ok = await verifyWebhook(url, ACCOUNT.verifyToken, '1158201444');
		expect(ok.status).toBe(200);
		expect(ok.body).toBe('1158201444');
		expect((await verifyWebhook(url, 'errado', '1')).status).toBe(403);
	}
});

test('Messenger: the whole welcome menu by quick replies, the confirmation answered by a postback; seen and typing first', async () => {
	const psid = '24000000000000101';
	expect((await simulator.deliver(messengerUrl, pageWebhook(metaTextEvent(psid, 'oi')))).status).toBe(200);
	const [welcome, menu] = await sentTo(psid, 2);
	expect(welcome.body).toMatchObject({ recipient: { id: psid }, messaging_type: 'RESPONSE' });
	expect(welcome.account).toBe(ACCOUNT.pageId);
	expect(textOf(welcome)).toMatch(/Seu protocolo é \d{8}-\d{6}-/);
	expect(textOf(menu)).toBe('Como podemos ajudar?');
	expect(quickReplies(menu).map((reply) => reply.title)).toEqual(['Comercial', 'Suporte', 'Financeiro', 'Falar com atendente']);
	// Read and typing indicators, without `message`, before the bot's first message.
	const requests = simulator.requests.filter((request) => JSON.stringify(request.json ?? {}).includes(psid)).map((request) => request.json as Record<string, unknown>);
	expect(requests.slice(0, 2)).toEqual([
		{ recipient: { id: psid }, sender_action: 'mark_seen' },
		{ recipient: { id: psid }, sender_action: 'typing_on' },
	]);

	const comercial = quickReplies(menu)[0];
	await simulator.deliver(messengerUrl, pageWebhook(metaQuickReplyEvent(psid, comercial.title, comercial.payload)));
	const confirm = (await sentTo(psid, 3))[2];
	expect(textOf(confirm)).toMatch(/time comercial/);
	const yes = quickReplies(confirm).find((reply) => reply.title === 'Sim')!;
	expect(yes).toBeDefined();
	await simulator.deliver(messengerUrl, pageWebhook(metaPostbackEvent(psid, 'Sim', yes.payload)));
	const end = (await sentTo(psid, 4))[3];
	expect(textOf(end)).toMatch(/^Combinado!/);
});

test('Instagram: the whole welcome menu by quick replies and a postback, sent to /me for the IGSID', async () => {
	const igsid = '9800000000000201';
	const event = (built: Record<string, unknown>) => instagramWebhook({ ...built, recipient: { id: ACCOUNT.instagramAccountId } });
	expect((await simulator.deliver(instagramUrl, event(metaTextEvent(igsid, 'olá')))).status).toBe(200);
	const [welcome, menu] = await sentTo(igsid, 2);
	expect(welcome.object).toBe('instagram');
	expect(welcome.account).toBe('me');
	expect(textOf(welcome)).toMatch(/Seu protocolo é/);
	const comercial = quickReplies(menu).find((reply) => reply.title === 'Comercial')!;
	await simulator.deliver(instagramUrl, event(metaQuickReplyEvent(igsid, comercial.title, comercial.payload)));
	const confirm = (await sentTo(igsid, 3))[2];
	const no = quickReplies(confirm).find((reply) => reply.title === 'Não')!;
	await simulator.deliver(instagramUrl, event(metaPostbackEvent(igsid, 'Não', no.payload)));
	expect(textOf((await sentTo(igsid, 4))[3])).toMatch(/^Tudo bem! Se precisar/);
	expect(simulator.senderActions.filter((action) => action.recipientId === igsid).map((action) => action.action).slice(0, 2)).toEqual(['mark_seen', 'typing_on']);
});

test('echoes of the account\'s own messages are ignored on both channels', async () => {
	const before = await settledExecutionCount(messengerWorkflow);
	const sentBefore = simulator.sent.length;
	expect((await simulator.deliver(messengerUrl, pageWebhook(metaEchoEvent(ACCOUNT.pageId, '24000000000000301', 'eco')))).status).toBe(200);
	expect((await simulator.deliver(instagramUrl, instagramWebhook(metaEchoEvent(ACCOUNT.instagramAccountId, '9800000000000301', 'eco')))).status).toBe(200);
	await sleep(1500);
	expect(simulator.sent.length).toBe(sentBefore);
	expect(await settledExecutionCount(messengerWorkflow)).toBe(before);
});

test('a bad or missing signature is refused with 401 and starts nothing', async () => {
	const psid = '24000000000000401';
	const before = await settledExecutionCount(messengerWorkflow);
	expect((await simulator.deliver(messengerUrl, pageWebhook(metaTextEvent(psid, 'oi')), ACCOUNT.appSecret, { badSignature: true })).status).toBe(401);
	expect((await simulator.deliver(messengerUrl, pageWebhook(metaTextEvent(psid, 'oi')), ACCOUNT.appSecret, { omitSignature: true })).status).toBe(401);
	expect((await simulator.deliver(instagramUrl, instagramWebhook(metaTextEvent(psid, 'oi')), 'outro-segredo')).status).toBe(401);
	await sleep(1000);
	expect(simulator.sent.filter((message) => message.recipientId === psid)).toHaveLength(0);
	expect(await settledExecutionCount(messengerWorkflow)).toBe(before);
});

test('a person who is unavailable (551): one attempt, a clear error, the conversation kept with the reason', async () => {
	const psid = '24000000000000501';
	simulator.block(psid);
	const before = (await executionsOf(messengerWorkflow)).length;
	expect((await simulator.deliver(messengerUrl, pageWebhook(metaTextEvent(psid, 'oi')))).status).toBe(200);
	const failed = await waitFor(async () => {
		const executions = await executionsOf(messengerWorkflow);
		return executions.length > before && executions[0].status === 'error' ? executions[0] : undefined;
	}, 20_000, 'a execução com erro');
	const error = (await executionWithData(failed.id)).data?.resultData?.error;
	expect(error?.message).toMatch(/não está disponível/);
	const sends = simulator.requests.filter((request) => (request.json as { message?: unknown } | undefined)?.message !== undefined && JSON.stringify(request.json).includes(psid));
	expect(sends).toHaveLength(1); // not retried
	const journal = join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl');
	const line = await waitFor(async () => readFileSync(journal, 'utf8').split('\n').find((candidate) => candidate.includes('contato_indisponivel') && candidate.includes(psid)), 5_000, 'o evento contato_indisponivel');
	const conversation = (JSON.parse(line) as { v: { history: Array<{ from: string; status?: string; text?: string }> } }).v;
	expect(conversation.history.some((entry) => entry.from === 'cliente' && entry.text === 'oi')).toBe(true);
	expect(conversation.history.some((entry) => entry.from === 'bot' && entry.status === 'falhou')).toBe(true);
});

test('a bot message after the 24 h window closed fails clearly (10/2018278), once, without a tag', async () => {
	const psid = '24000000000000701';
	await simulator.deliver(deadlineUrl, pageWebhook(metaTextEvent(psid, 'oi')));
	await sentTo(psid, 2);
	const before = (await executionsOf(deadlineWorkflow)).length;
	// Meta's side: the customer's last message is now 25 h old. The menu's "Sem resposta" fires in 3 s.
	simulator.customerWrote(psid, Date.now() - 25 * 60 * 60 * 1000);
	const failed = await waitFor(async () => {
		const executions = await executionsOf(deadlineWorkflow);
		return executions.length >= before && executions[0]?.status === 'error' ? executions[0] : undefined;
	}, 30_000, 'a execução com erro');
	expect((await executionWithData(failed.id)).data?.resultData?.error?.message).toMatch(/janela de 24 horas/);
	const attempts = simulator.requests.filter((request) => JSON.stringify(request.json ?? {}).includes('Como não recebemos resposta') && JSON.stringify(request.json).includes(psid));
	expect(attempts).toHaveLength(1); // not retried
	expect(attempts[0].json).toMatchObject({ messaging_type: 'RESPONSE' });
	expect((attempts[0].json as Record<string, unknown>).tag).toBeUndefined();
	expect(simulator.sent.filter((sent) => sent.recipientId === psid)).toHaveLength(2);
});

test('Painel: an agent replies 25 h after the customer on Messenger, and the reply goes with the HUMAN_AGENT tag', async () => {
	const psid = '24000000000000601';
	await simulator.deliver(messengerUrl, pageWebhook(metaTextEvent(psid, 'oi')));
	const menu = (await sentTo(psid, 2))[1];
	const agent = quickReplies(menu).find((reply) => reply.title === 'Falar com atendente')!;
	await simulator.deliver(messengerUrl, pageWebhook(metaQuickReplyEvent(psid, agent.title, agent.payload)));
	expect(textOf((await sentTo(psid, 3))[2])).toMatch(/Um atendente vai continuar/);

	const session = await login();
	const row = await waitFor(async () => ((await desk(session, 'GET', 'filas')).json.novas as Array<{ id: string; contato: { id: string }; canal: string }>).find((candidate) => candidate.contato.id === psid), 20_000, 'a conversa em Novas');
	expect(row.canal).toBe('messenger');

	// Move the conversation's history 25 h back in the local store's journal (and in Meta's), then restart n8n to load it.
	const journalPath = join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl');
	const lines = readFileSync(journalPath, 'utf8').split('\n').filter(Boolean);
	const last = [...lines].reverse().map((line) => JSON.parse(line) as { t: string; v: { id: string; history: Array<{ at: number }> } }).find((line) => line.t === 'conv' && line.v.id === row.id)!;
	const shift = 25 * 60 * 60 * 1000;
	last.v.history = last.v.history.map((entry) => ({ ...entry, at: entry.at - shift }));
	writeFileSync(journalPath, `${lines.join('\n')}\n${JSON.stringify(last)}\n`);
	simulator.customerWrote(psid, Date.now() - shift);
	await restartN8n();
	await waitFor(async () => ((await fetch(deskUrl)).ok ? true : undefined), 30_000, 'o Painel');

	const detail = (await desk(session, 'GET', 'conversa', { id: row.id })).json;
	expect(detail.janela).toMatchObject({ canal: 'messenger', aberta: false, agenteHumano: true });
	expect((await desk(session, 'POST', 'responder', { conversa: row.id, texto: 'Oi, aqui é a Ana.' })).status).toBe(200);
	const reply = await waitFor(async () => simulator.sent.find((sent) => sent.recipientId === psid && textOf(sent) === 'Oi, aqui é a Ana.'), 10_000, 'a resposta da atendente');
	expect(reply.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
	// The bot's own messages to this customer never carried a tag.
	expect(simulator.sent.filter((sent) => sent.recipientId === psid && sent !== reply).every((sent) => sent.body.messaging_type === 'RESPONSE' && sent.body.tag === undefined)).toBe(true);
});

interface DeskSession {
	cookie: string;
	csrf: string;
}

async function login(): Promise<DeskSession> {
	const response = await fetch(`${deskUrl}?r=entrar`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'ana', senha: 'senha-da-ana-1' }) });
	expect(response.status).toBe(200);
	const json = (await response.json()) as { csrf: string };
	return { cookie: String(response.headers.get('set-cookie')).split(';')[0], csrf: json.csrf };
}

async function desk(session: DeskSession, method: 'GET' | 'POST', r: string, data: Record<string, unknown> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
	const query = method === 'GET' ? `&${new URLSearchParams(Object.entries(data).map(([key, value]) => [key, String(value)]))}` : '';
	const response = await fetch(`${deskUrl}?r=${r}${query}`, {
		method,
		headers: { cookie: session.cookie, ...(method === 'POST' ? { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf } : {}) },
		...(method === 'POST' ? { body: JSON.stringify(data) } : {}),
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

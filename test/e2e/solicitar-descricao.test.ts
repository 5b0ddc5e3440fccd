// Solicitar Descrição in a real n8n: on the web chat (a one-word answer is refused, the description is kept
// on the atendimento item, rendered as {{descricao}} and shown in the desk's conversation view over its HTTP
// API) and on WhatsApp against the simulator (an image is not a description).
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	mediaMessage,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { activateWorkflow, api, chain, createCredential, e2eState, executionsOf, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(180_000);

const PREFIX = 'e2e-descricao';
/** WhatsApp numbers only this file uses (the simulator account is shared by every WhatsApp e2e). */
const WA_ID = '5511955140001';

const QUESTION = 'Descreva em poucas palavras o motivo do seu contato.';
const descriptionNode = (index: number) =>
	testNode(index, 'Descrição', 'solicitarDescricao', { question: QUESTION, invalidMessage: 'Não entendi.', maxAttempts: 3, maxAttemptsMessage: 'Vamos seguir.' });

let simulator: WhatsAppSimulator;
let chatUrl: string;
let chatWorkflowId: string;
let deskUrl: string;
let whatsAppUrl: string;

/** Trigger → Solicitar Descrição → `after` (its output 0). */
function flow(name: string, trigger: Record<string, unknown>, after: Record<string, unknown>): WorkflowJson {
	return { name, nodes: [trigger, descriptionNode(2), after], connections: chain(String(trigger.name), 'Descrição', String(after.name)), settings: { executionOrder: 'v1' } };
}

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const whatsApp = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp descrição');
	const painel = { atendimentoPainelApi: { id: await createCredential('Painel descrição', 'atendimentoPainelApi', { senhasIniciais: 'ana: senha-da-ana-1\n' }), name: 'Painel descrição' } };
	await activateWorkflow({
		name: 'E2E descrição painel',
		nodes: [
			testNode(1, 'Painel', 'painelAtendimento', { path: `${PREFIX}-painel`, teams: { values: [{ name: 'Atendimento' }] }, agents: { values: [{ name: 'Ana', login: 'ana', teams: 'Atendimento', role: 'agente' }] }, erpIntegration: false }, { webhookId: `${PREFIX}-painel-hook`, credentials: painel }),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	chatWorkflowId = await activateWorkflow(
		flow(
			'E2E descrição web chat',
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path: `${PREFIX}-chat` }, { webhookId: `${PREFIX}-chat-hook` }),
			testNode(3, 'Transferir', 'transferirAtendimento', { destination: 'painel', department: 'Atendimento', message: 'Anotado: {{descricao}}. Protocolo {{protocolo}}.' }, { typeVersion: 2 }),
		),
	);
	await activateWorkflow(
		flow(
			'E2E descrição WhatsApp',
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: `${PREFIX}-wa` }, { webhookId: `${PREFIX}-wa-hook`, credentials: whatsApp }),
			testNode(3, 'Recebido', 'enviarMensagem', { messageType: 'text', text: 'Recebemos: {{descricao}}' }),
		),
	);
	const base = e2eState().baseUrl;
	chatUrl = `${base}/webhook/${PREFIX}-chat`;
	deskUrl = `${base}/webhook/${PREFIX}-painel`;
	whatsAppUrl = `${base}/webhook/${PREFIX}-wa`;
	await waitFor(async () => ((await fetch(deskUrl)).ok ? true : undefined), 30_000, 'o Painel');
	await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o web chat');
	await waitFor(async () => ((await verifyWebhook(whatsAppUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook do WhatsApp');
});

afterAll(async () => {
	await simulator?.close();
});

/** The desk's HTTP API as the page calls it: session cookie and CSRF token. */
async function deskAgent(login: string, senha: string) {
	const entered = await fetch(`${deskUrl}?r=entrar`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, senha }) });
	expect(entered.status).toBe(200);
	const cookie = entered.headers.get('set-cookie')!.split(';')[0];
	const csrf = String(((await entered.json()) as { csrf: string }).csrf);
	const get = async (r: string, query: Record<string, string> = {}) =>
		(await (await fetch(`${deskUrl}?${new URLSearchParams({ r, ...query })}`, { headers: { cookie } })).json()) as Record<string, unknown>;
	const post = async (r: string, body: Record<string, unknown>) =>
		await fetch(`${deskUrl}?r=${r}`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie, 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
	return { get, post };
}

test('web chat: one word is refused, the description is saved, on the item, in {{descricao}} and on the desk', async () => {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	expect(WebchatCustomer.texts(await customer.next(1, 20_000))).toEqual([QUESTION]);

	await customer.say('internet');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual(['Não entendi.\nEscreva com mais de uma palavra o que aconteceu.', QUESTION]);

	await customer.say('  a internet cai toda noite depois das 22h  ');
	const [transferring] = WebchatCustomer.texts(await customer.next(1, 20_000));
	expect(transferring).toMatch(/^Anotado: a internet cai toda noite depois das 22h\. Protocolo \d{8}-\d{6}-/);

	// the atendimento item that left the card (saved in the execution's data)
	const execution = await waitFor(async () => {
		for (const { id } of await executionsOf(chatWorkflowId)) {
			const withData = await api<{ data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>> } } }>('GET', `/executions/${id}?includeData=true`);
			const item = withData.data?.resultData?.runData?.['Descrição']?.at(-1)?.data?.main?.[0]?.[0];
			if (item) return item;
		}
		return undefined;
	}, 20_000, 'o item da Descrição na execução');
	expect(execution.json).toMatchObject({ descricao: 'a internet cai toda noite depois das 22h', atendimento: { descricao: 'a internet cai toda noite depois das 22h' } });

	// the desk's conversation view
	const ana = await deskAgent('ana', 'senha-da-ana-1');
	const row = await waitFor(async () => ((await ana.get('filas')).novas as Array<Record<string, unknown>>).find((candidate) => (candidate.contato as { id: string }).id === customer.session), 10_000, 'a conversa em Novas');
	const detail = await ana.get('conversa', { id: String(row.id) });
	expect(detail).toMatchObject({ descricao: 'a internet cai toda noite depois das 22h' });
	// end what was opened: the agent resolves it, the flow has nothing after Transferir
	expect((await ana.post('resolver', { conversa: String(row.id) })).status).toBe(200);
});

test('WhatsApp: an image is not a description; the text is kept and rendered as {{descricao}}', async () => {
	const sentTo = async (count: number) =>
		await waitFor(async () => {
			const sent = simulator.sent.filter((message) => message.to === WA_ID);
			return sent.length >= count ? sent : undefined;
		}, 20_000, `${count} mensagens para ${WA_ID}`);
	const bodies = (sent: Array<{ body: Record<string, unknown> }>) => sent.map((message) => (message.body.text as { body: string } | undefined)?.body);

	await deliver(whatsAppUrl, messagesWebhook(textMessage('oi', { from: WA_ID })), ACCOUNT.appSecret);
	expect(bodies(await sentTo(1))).toEqual([QUESTION]);
	const photo = simulator.addMedia(Buffer.from('not really a jpeg'), 'image/jpeg');
	await deliver(whatsAppUrl, messagesWebhook(mediaMessage('image', { id: photo, mime_type: 'image/jpeg' }, { from: WA_ID })), ACCOUNT.appSecret);
	expect(bodies(await sentTo(3)).slice(1)).toEqual(['Não entendi.\nEscreva a descrição em uma mensagem de texto (imagens, áudios e arquivos não valem como descrição).', QUESTION]);
	await deliver(whatsAppUrl, messagesWebhook(textMessage('roteador piscando vermelho', { from: WA_ID })), ACCOUNT.appSecret);
	// the flow ends after "Recebido" (its last card): nothing stays open for this number
	expect(bodies(await sentTo(4)).at(-1)).toBe('Recebemos: roteador piscando vermelho');
});

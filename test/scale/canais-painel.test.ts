// Two WhatsApp numbers (two credentials) on the same queue-mode cluster: cards run in the workers send each
// reply through the credential of the conversation's trigger (the reply reaches the simulator of that phone
// number id, which refuses any other), and the Painel do Atendente, served by the webhook processor, sees the
// conversations transferred by any worker and answers them on the right number.
import { testNode } from '../e2e/n8n-client';
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	listReplyMessage,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { createCredential, kindOf, publish, sentByContact, sleep, templateWithTrigger, waitFor, waitForReplies, webhookUrl, whatsAppCredential } from './cluster-client';

jest.setTimeout(300_000);

/** The second number: its own phone number id and token, its own simulator. */
const NUMBER_B = { phoneNumberId: '209876543210987', accessToken: 'EAAtestTokenDoSegundoNumero' };
const DESK_PATH = 'escala-painel';

let simulatorA: WhatsAppSimulator;
let simulatorB: WhatsAppSimulator;
let urlA: string;
let urlB: string;
let deskUrl: string;

/** An agent's session on the desk, over HTTP (cookie + CSRF token), as test/e2e/painel.test.ts does. */
class Agent {
	private cookie = '';
	private csrf = '';

	async login(login: string, senha: string): Promise<void> {
		const response = await fetch(`${deskUrl}?r=entrar`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, senha }) });
		expect(response.status).toBe(200);
		this.cookie = response.headers.get('set-cookie')!.split(';')[0];
		this.csrf = String(((await response.json()) as { csrf: string }).csrf);
	}

	async novas(): Promise<Array<{ id: string; canal: string; contato: { id: string } }>> {
		const response = await fetch(`${deskUrl}?r=filas`, { headers: { cookie: this.cookie } });
		return ((await response.json()) as { novas: Array<{ id: string; canal: string; contato: { id: string } }> }).novas;
	}

	async reply(conversa: string, texto: string): Promise<number> {
		const response = await fetch(`${deskUrl}?r=responder`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie: this.cookie, 'X-CSRF-Token': this.csrf },
			body: JSON.stringify({ conversa, texto }),
		});
		return response.status;
	}
}

beforeAll(async () => {
	simulatorA = await startWhatsAppSimulator();
	simulatorB = await startWhatsAppSimulator(NUMBER_B);
	const credentialsA = await whatsAppCredential(simulatorA, 'WhatsApp número A');
	const credentialsB = await whatsAppCredential(simulatorB, 'WhatsApp número B', NUMBER_B);
	await publish(templateWithTrigger('boas-vindas.json', 'Escala número A', { channel: 'whatsapp', path: 'escala-numero-a' }, credentialsA));
	await publish(templateWithTrigger('boas-vindas.json', 'Escala número B', { channel: 'whatsapp', path: 'escala-numero-b' }, credentialsB));
	const painel = await createCredential('Painel escala', 'atendimentoPainelApi', { senhasIniciais: 'ana: senha-da-ana-1\n' });
	await publish({
		name: 'Escala Painel',
		nodes: [
			testNode(1, 'Painel', 'painelAtendimento', {
				path: DESK_PATH,
				company: 'Provedor Escala',
				teams: { values: [{ name: 'Atendimento' }] },
				agents: { values: [{ name: 'Ana', login: 'ana', teams: 'Atendimento', role: 'agente' }] },
				settings: { sessionHours: 12 },
				erpIntegration: false,
			}, { webhookId: `${DESK_PATH}-hook`, credentials: { atendimentoPainelApi: painel } }),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	urlA = webhookUrl('escala-numero-a');
	urlB = webhookUrl('escala-numero-b');
	deskUrl = webhookUrl(DESK_PATH);
	for (const target of [urlA, urlB]) {
		await waitFor(async () => ((await verifyWebhook(target, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 60_000, `o webhook ${target}`);
	}
	await waitFor(async () => ((await fetch(deskUrl)).ok ? true : undefined), 60_000, 'o Painel');
});

afterAll(async () => {
	await simulatorA?.close();
	await simulatorB?.close();
});

test('two numbers: every reply of the cards goes through its own credential, and the desk sees and answers both', async () => {
	const onA = Array.from({ length: 10 }, (_, index) => String(5511974000000 + index));
	const onB = Array.from({ length: 10 }, (_, index) => String(5511974100000 + index));
	const envelopeB = { phoneNumberId: NUMBER_B.phoneNumberId };
	const sayAll = async (message: (waId: string) => Record<string, unknown>) => {
		const answers = await Promise.all([
			...onA.map(async (waId) => (await deliver(urlA, messagesWebhook(message(waId)), ACCOUNT.appSecret)).status),
			...onB.map(async (waId) => (await deliver(urlB, messagesWebhook(message(waId), envelopeB), ACCOUNT.appSecret)).status),
		]);
		expect(answers.filter((status) => status !== 200)).toEqual([]);
	};
	await sayAll((waId) => textMessage('oi', { from: waId }));
	await waitForReplies(simulatorA, onA, 2, 120_000);
	await waitForReplies(simulatorB, onB, 2, 120_000);
	// "Falar com atendente": Transferir para o Painel.
	await sayAll((waId) => listReplyMessage('opcao_4', 'Falar com atendente', waId, { from: waId }));
	await waitForReplies(simulatorA, onA, 3, 120_000);
	await waitForReplies(simulatorB, onB, 3, 120_000);
	await sleep(2_000);
	const transferred = ['text:Olá', 'interactive:list', 'text:Certo'];
	expect([...sentByContact(simulatorA, onA).values()].map((messages) => messages.map(kindOf))).toEqual(onA.map(() => transferred));
	expect([...sentByContact(simulatorB, onB).values()].map((messages) => messages.map(kindOf))).toEqual(onB.map(() => transferred));
	// Nothing crossed: each simulator only answered its own number's contacts.
	expect(simulatorA.sent.filter((message) => onB.includes(message.waId))).toEqual([]);
	expect(simulatorB.sent.filter((message) => onA.includes(message.waId))).toEqual([]);

	const ana = new Agent();
	await ana.login('ana', 'senha-da-ana-1');
	const queue = await waitFor(async () => {
		const novas = await ana.novas();
		const ids = new Set(novas.map((row) => row.contato.id));
		return [...onA, ...onB].every((waId) => ids.has(waId)) ? novas : undefined;
	}, 30_000, 'as 20 conversas em Novas');
	const rowOf = (waId: string) => queue.find((row) => row.contato.id === waId)!;
	expect(await ana.reply(rowOf(onA[0]).id, 'Olá, aqui é a Ana (número A).')).toBe(200);
	expect(await ana.reply(rowOf(onB[0]).id, 'Olá, aqui é a Ana (número B).')).toBe(200);
	await waitFor(() => (simulatorA.sent.some((message) => message.waId === onA[0] && JSON.stringify(message.body).includes('número A')) ? true : undefined), 15_000, 'a resposta pelo número A');
	await waitFor(() => (simulatorB.sent.some((message) => message.waId === onB[0] && JSON.stringify(message.body).includes('número B')) ? true : undefined), 15_000, 'a resposta pelo número B');
	expect(simulatorA.sent.some((message) => JSON.stringify(message.body).includes('número B'))).toBe(false);
	expect(simulatorB.sent.some((message) => JSON.stringify(message.body).includes('número A'))).toBe(false);
});

// Gatilhos por Palavra-chave (like Acelerato's "Gatilhos Conversas") in a real n8n, through the shipped
// template workflows/acelerato.json on the web chat and on the WhatsApp simulator: the greeting after more
// than 1 h without interaction, Comercial / Suporte by keywords, the Comercial menu's "Atendimento" landing
// the conversation in the Painel's Comercial team (seen through the desk's HTTP API), a rule's output run
// into a flow (Executar Fluxo → Suporte), and "Nenhum gatilho".
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { WHATSAPP_TEST_ACCOUNT as ACCOUNT, deliver, messagesWebhook, startWhatsAppSimulator, textMessage, verifyWebhook, type WhatsAppSimulator } from '../simulators/whatsapp';
import { activateWorkflow, createCredential, e2eState, restartN8n, templateWithTrigger, waitFor, whatsAppSimulatorCredential, withNodeParameters, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(300_000);

const GREETING = /^Olá! Bem-vindo\(a\) ao atendimento da Provedor Exemplo\. Seu protocolo é \d{8}-\d{6}-/;
const COMERCIAL_MENU = /^Comercial: digite \*Atendimento\*/;
const SUPORTE_MENU = /^Suporte: digite \*Chamado\*/;
const NOT_FOUND = /^Não encontrei essa opção/;
const ASK_CPF = /^Para abrir o chamado de suporte, informe o CPF/;
const VALID_CPF = '52998224725';
/** WhatsApp numbers of this file only (every WhatsApp e2e writes to the same simulated account). */
const WA = { comercial: '5511977140001', suporte: '5511977140002', nenhum: '5511977140003' };
const SUPERVISOR_PASSWORD = 'gatilhos-supervisor-1';

let simulator: WhatsAppSimulator;
let chatUrl: string;
let whatsAppUrl: string;
let deskUrl: string;

/** The Painel's supervisor over HTTP (cookie + CSRF token), as the desk page does. */
class Supervisor {
	private cookie = '';
	private csrf = '';

	async login(): Promise<void> {
		const response = await fetch(`${deskUrl}?r=entrar`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'supervisor', senha: SUPERVISOR_PASSWORD }) });
		expect(response.status).toBe(200);
		this.cookie = response.headers.get('set-cookie')!.split(';')[0];
		this.csrf = String(((await response.json()) as { csrf: string }).csrf);
	}

	async queues(): Promise<Record<'novas' | 'minhas' | 'pendentes' | 'encerradas', Array<Record<string, unknown>>>> {
		const response = await fetch(`${deskUrl}?r=filas`, { headers: { cookie: this.cookie } });
		return (await response.json()) as never;
	}

	async conversation(id: string): Promise<Record<string, unknown>> {
		const response = await fetch(`${deskUrl}?r=conversa&id=${encodeURIComponent(id)}`, { headers: { cookie: this.cookie } });
		return (await response.json()) as Record<string, unknown>;
	}

	async resolve(id: string): Promise<number> {
		const response = await fetch(`${deskUrl}?r=resolver`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie: this.cookie, 'X-CSRF-Token': this.csrf },
			body: JSON.stringify({ conversa: id }),
		});
		return response.status;
	}

	/** The row of the contact's conversation in "Novas", once it is there. */
	async newRowOf(contactId: string): Promise<Record<string, unknown>> {
		return await waitFor(async () => (await this.queues()).novas.find((row) => (row.contato as { id: string }).id === contactId), 20_000, `a conversa de ${contactId} no Painel`);
	}
}

/** A customer on either channel: says something, reads the bot's next texts. */
interface Customer {
	readonly contactId: string;
	say(text: string): Promise<void>;
	next(count?: number): Promise<string[]>;
}

function webchatCustomer(): Customer {
	const customer = new WebchatCustomer(chatUrl);
	return {
		contactId: customer.session,
		say: async (text) => {
			expect((await customer.say(text)).status).toBe(200);
		},
		next: async (count = 1) => WebchatCustomer.texts(await customer.next(count)),
	};
}

function whatsAppCustomer(waId: string): Customer {
	let seen = simulator.sent.filter((message) => message.to === waId && message.type === 'text').length;
	return {
		contactId: waId,
		say: async (text) => {
			expect((await deliver(whatsAppUrl, messagesWebhook(textMessage(text, { from: waId })), ACCOUNT.appSecret)).status).toBe(200);
		},
		next: async (count = 1) => {
			const texts = await waitFor(async () => {
				const sent = simulator.sent.filter((message) => message.to === waId && message.type === 'text');
				return sent.length >= seen + count ? sent.slice(seen, seen + count).map((message) => (message.body.text as { body: string }).body) : undefined;
			}, 15_000, `${count} mensagem(ns) para ${waId}`);
			seen += count;
			return texts;
		},
	};
}

/** Says `text` and returns the bot's single reply. */
async function reply(customer: Customer, text: string): Promise<string> {
	await customer.say(text);
	return (await customer.next())[0];
}

/** The Suporte path to its end: "suporte" (menu), "chamado" (the Suporte flow asks the CPF), a CPF, then the closing texts. */
async function openTicket(customer: Customer, greetingFirst: boolean): Promise<void> {
	if (greetingFirst) expect(await reply(customer, 'oi')).toMatch(GREETING);
	expect(await reply(customer, 'Preciso de SUPORTE técnico')).toMatch(SUPORTE_MENU);
	expect(await reply(customer, 'Chamado, por favor')).toMatch(ASK_CPF);
	await customer.say(VALID_CPF);
	const [received, closed] = await customer.next(2);
	expect(received).toMatch(/^Obrigado! Registramos o CPF/);
	expect(closed).toMatch(/^Chamado registrado\. Protocolo/);
}

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const whatsApp = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp gatilhos');
	const deskCredential = { id: await createCredential('Painel gatilhos', 'atendimentoPainelApi', { senhasIniciais: `supervisor: ${SUPERVISOR_PASSWORD}` }), name: 'Painel gatilhos' };
	// The shipped Painel (with its Comercial team) on a path of its own.
	const painel = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'painel.json'), 'utf8')) as WorkflowJson;
	painel.name = 'E2E Gatilhos Painel';
	painel.nodes[0].webhookId = 'e2e-gatilhos-painel-hook';
	await activateWorkflow(withNodeParameters(painel, 'Painel de Atendimento', { path: 'e2e-gatilhos-painel' }), { atendimentoPainelApi: deskCredential });
	await activateWorkflow(templateWithTrigger('acelerato.json', 'E2E Gatilhos web chat', { path: 'e2e-gatilhos' }));
	await activateWorkflow(templateWithTrigger('acelerato.json', 'E2E Gatilhos WhatsApp', { channel: 'whatsapp', path: 'e2e-gatilhos-wa' }, whatsApp));
	const base = e2eState().baseUrl;
	chatUrl = `${base}/webhook/e2e-gatilhos`;
	whatsAppUrl = `${base}/webhook/e2e-gatilhos-wa`;
	deskUrl = `${base}/webhook/e2e-gatilhos-painel`;
	await waitFor(async () => ((await fetch(deskUrl)).ok ? true : undefined), 30_000, 'o Painel');
	await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o web chat');
	await waitFor(async () => ((await verifyWebhook(whatsAppUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook do WhatsApp');
});

afterAll(async () => {
	await simulator?.close();
});

describe.each([
	['web chat', () => webchatCustomer()],
	['WhatsApp', () => whatsAppCustomer(WA.comercial)],
])('%s', (channel, newCustomer) => {
	test('greeting on first contact, Comercial by keyword, its menu, then "Atendimento" lands in the Painel\'s Comercial team', async () => {
		const customer = newCustomer();
		const supervisor = new Supervisor();
		await supervisor.login();
		// A contact who never wrote: more than 1 h without interaction, whatever he says.
		expect(await reply(customer, 'Comercial')).toMatch(GREETING);
		expect(await reply(customer, 'quero falar com VENDAS')).toMatch(COMERCIAL_MENU);
		expect(await reply(customer, 'preços')).toMatch(/^Planos: 300 Mega/);
		// "atendimentos" is not the keyword "atendimento" (whole words): no rule.
		expect(await reply(customer, 'atendimentos')).toMatch(NOT_FOUND);
		expect(await reply(customer, 'Atendimento!')).toMatch(/^Um consultor da equipe Comercial vai te atender em instantes\. Protocolo /);

		const row = await supervisor.newRowOf(customer.contactId);
		expect(row).toMatchObject({ canal: channel === 'WhatsApp' ? 'whatsapp' : 'webchat', equipe: 'Comercial', estado: 'nova' });
		const detail = await supervisor.conversation(String(row.id));
		expect(JSON.stringify(detail.historico)).toContain('Atendimento!');
		// The bot stays silent on the desk; resolving ends the atendimento (no flow waits for it).
		await customer.say('alguém aí?');
		await waitFor(async () => (JSON.stringify((await supervisor.conversation(String(row.id))).historico).includes('alguém aí?') ? true : undefined), 10_000, 'a mensagem no Painel');
		expect(await supervisor.resolve(String(row.id))).toBe(200);
		await waitFor(async () => ((await supervisor.queues()).encerradas.some((closed) => closed.id === row.id) ? true : undefined), 10_000, 'a conversa encerrada');
	});
});

test('web chat: Suporte by keyword, its "Chamado" output runs the Suporte flow (Executar Fluxo); a new atendimento within the hour skips the greeting', async () => {
	const customer = webchatCustomer();
	await openTicket(customer, true);
	// The previous atendimento ended seconds ago: less than 1 h without interaction, no greeting.
	expect(await reply(customer, 'suporte')).toMatch(SUPORTE_MENU);
});

test('no rule → "Nenhum gatilho" (the template answers and the card evaluates the next message)', async () => {
	for (const customer of [webchatCustomer(), whatsAppCustomer(WA.nenhum)]) {
		expect(await reply(customer, 'oi')).toMatch(GREETING);
		expect(await reply(customer, 'bom dia, tudo bem?')).toMatch(NOT_FOUND);
		expect(await reply(customer, 'Suporte')).toMatch(SUPORTE_MENU);
		// In the Suporte team the Comercial rules do not apply.
		expect(await reply(customer, 'preços')).toMatch(NOT_FOUND);
		expect(await reply(customer, 'chamado')).toMatch(ASK_CPF);
		await customer.say(VALID_CPF);
		expect((await customer.next(2))[1]).toMatch(/^Chamado registrado/);
	}
});

test('WhatsApp: more than 1 h after the previous atendimento the greeting comes back (journal aged, n8n restarted)', async () => {
	const customer = whatsAppCustomer(WA.suporte);
	await openTicket(customer, true);
	// Within the hour: straight to the Suporte menu, then closed again.
	await openTicket(customer, false);

	// Age the contact's ended atendimento 2 h in the local store's journal and restart n8n to load it.
	const journalPath = join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl');
	const lines = readFileSync(journalPath, 'utf8').split('\n').filter(Boolean);
	type Line = { t: string; v: { id: string; contact: { id: string }; history: Array<{ at: number }>; previousCustomerMessageAt?: number; createdAt: number } };
	const last = [...lines].reverse().map((line) => JSON.parse(line) as Line).find((line) => line.t === 'conv' && line.v.contact?.id === WA.suporte)!;
	const shift = 2 * 60 * 60 * 1000;
	last.v.history = last.v.history.map((entry) => ({ ...entry, at: entry.at - shift }));
	if (last.v.previousCustomerMessageAt) last.v.previousCustomerMessageAt -= shift;
	writeFileSync(journalPath, `${lines.join('\n')}\n${JSON.stringify(last)}\n`);
	await restartN8n();
	await waitFor(async () => ((await verifyWebhook(whatsAppUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 60_000, 'o webhook do WhatsApp');

	expect(await reply(customer, 'suporte')).toMatch(GREETING);
	// End what this test opened.
	expect(await reply(customer, 'suporte')).toMatch(SUPORTE_MENU);
	expect(await reply(customer, 'chamado')).toMatch(ASK_CPF);
	await customer.say(VALID_CPF);
	expect((await customer.next(2))[1]).toMatch(/^Chamado registrado/);
});

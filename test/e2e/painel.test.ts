// Painel do Atendente in a real n8n, over its HTTP contract (plain HTTP with cookies, as the page does):
// two agents in two teams, a web chat and a WhatsApp conversation transferred, live long poll latency,
// replies reaching the customer, forward, resolve and give back continuing the flow by Transferir's
// outputs, the WhatsApp 24 h window, an ERP ticket, and the refused cases.
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { WHATSAPP_TEST_ACCOUNT as ACCOUNT, deliver, messagesWebhook, startWhatsAppSimulator, textMessage, type WhatsAppSimulator } from '../simulators/whatsapp';
import type { Simulator } from '../simulators/base';
import { simulatedErp } from './erp-client';
import { createCredential, e2eState, restartN8n, sleep, waitFor, whatsAppSimulatorCredential } from './n8n-client';
import { activatePainelSetup, HOSTILE } from './painel-flows';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(300_000);

interface Answer {
	status: number;
	json: Record<string, unknown>;
	headers: Headers;
}

/** An agent's browser session, over HTTP: the session cookie and the CSRF token. */
class Agent {
	cookie = '';
	csrf = '';
	constructor(readonly url: string) {}

	async login(login: string, senha: string): Promise<Answer> {
		const answer = await this.call('POST', 'entrar', { login, senha }, false);
		const cookie = answer.headers.get('set-cookie');
		if (answer.status === 200 && cookie) {
			this.cookie = cookie.split(';')[0];
			this.csrf = String(answer.json.csrf);
		}
		return answer;
	}

	async get(r: string, query: Record<string, string | number> = {}): Promise<Answer> {
		const params = new URLSearchParams({ r, ...Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)])) });
		const response = await fetch(`${this.url}?${params}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
		return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
	}

	async post(r: string, body: Record<string, unknown>, withCsrf = true): Promise<Answer> {
		return await this.call('POST', r, body, withCsrf);
	}

	private async call(method: string, r: string, body: Record<string, unknown>, withCsrf: boolean): Promise<Answer> {
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		if (withCsrf && this.csrf) headers['X-CSRF-Token'] = this.csrf;
		const response = await fetch(`${this.url}?r=${r}`, { method, headers, body: JSON.stringify(body) });
		return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
	}

	async queues(): Promise<Record<'novas' | 'minhas' | 'pendentes' | 'encerradas', Array<Record<string, unknown>>> & { cursor: number }> {
		return (await this.get('filas')).json as never;
	}
}

let simulator: WhatsAppSimulator;
let erp: Simulator;
let deskUrl: string;
let shortDeskUrl: string;
let chatUrl: string;
let whatsAppUrl: string;

const PASSWORDS = 'ana: senha-da-ana-1\nbruno: senha-do-bruno-1\n# comentário\n';

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const whatsApp = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp painel');
	const ixc = await simulatedErp('ixc');
	erp = ixc.simulator;
	const painelCredential = { atendimentoPainelApi: { id: await createCredential('Painel e2e', 'atendimentoPainelApi', { senhasIniciais: PASSWORDS }), name: 'Painel e2e' }, ...ixc.credentials };
	({ deskUrl, shortDeskUrl, chatUrl, whatsAppUrl } = await activatePainelSetup('e2e-painel', 'painel', { painel: painelCredential, whatsApp, erp: ixc.credentials }));
});

afterAll(async () => {
	await simulator?.close();
	await erp?.close();
});

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function newAgents(): Promise<{ ana: Agent; bruno: Agent }> {
	const ana = new Agent(deskUrl);
	const bruno = new Agent(deskUrl);
	expect((await ana.login('ana', 'senha-da-ana-1')).status).toBe(200);
	expect((await bruno.login('BRUNO', 'senha-do-bruno-1')).status).toBe(200);
	return { ana, bruno };
}

async function transferredWebchat(agent: Agent): Promise<{ customer: WebchatCustomer; id: string }> {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi, quero falar com alguém');
	const [transferring] = await customer.next(1, 20_000);
	expect((transferring as { text: string }).text).toMatch(/^Transferindo\. Protocolo /);
	const row = await waitFor(async () => (await agent.queues()).novas.find((candidate) => (candidate.contato as { id: string }).id === customer.session), 10_000, 'a conversa em Novas');
	return { customer, id: String(row.id) };
}

test('page and session: the page is served; a wrong password, a missing CSRF token and an expired session are refused', async () => {
	const page = await fetch(deskUrl);
	expect(page.headers.get('content-type')).toMatch(/text\/html/);
	expect(page.headers.get('x-frame-options')).toBe('DENY');
	const html = await page.text();
	expect(html).toContain('Provedor ');
	expect(html).not.toMatch(/<img|<script>alert|<\/script><script>/); // the company name stays text

	const stranger = new Agent(deskUrl);
	expect(await stranger.get('sessao')).toMatchObject({ status: 200, json: { autenticado: false } });
	const wrong = await stranger.login('ana', 'errada');
	expect(wrong).toMatchObject({ status: 401, json: { erro: 'Login ou senha incorretos.' } });
	expect(wrong.headers.get('set-cookie')).toBeNull();
	expect((await stranger.get('filas')).json).toEqual({ erro: 'Sessão expirada. Entre de novo.', sessaoExpirada: true });

	const ana = new Agent(deskUrl);
	const ok = await ana.login('ana', 'senha-da-ana-1');
	expect(ok.headers.get('set-cookie')).toMatch(/^painel_sessao=[A-Za-z0-9_-]{43}; Path=\/webhook\/e2e-painel; Max-Age=43200; HttpOnly; SameSite=Strict$/);
	const session = await ana.get('sessao');
	expect(session.json).toMatchObject({ autenticado: true, atendente: { login: 'ana', equipes: ['Atendimento'], papel: 'agente' }, csrf: ana.csrf });
	expect(session.headers.get('cache-control')).toBe('no-store');
	expect((await ana.post('presenca', { status: 'ausente' }, false))).toMatchObject({ status: 403, json: { erro: 'Sessão inválida: recarregue a página.' } });
	const forged = new Agent(deskUrl);
	forged.cookie = ana.cookie;
	forged.csrf = 'x'.repeat(43);
	expect((await forged.post('presenca', { status: 'ausente' })).status).toBe(403);
	expect((await ana.post('presenca', { status: 'online' })).status).toBe(200);

	// The short Painel's sessions last 3.6 s.
	const hurried = new Agent(shortDeskUrl);
	expect((await hurried.login('ana', 'senha-da-ana-1')).status).toBe(200);
	expect((await hurried.get('filas')).status).toBe(200);
	await sleep(4_000);
	expect(await hurried.get('filas')).toMatchObject({ status: 401, json: { sessaoExpirada: true } });
	// A session of one Painel is nothing on another.
	const crossed = new Agent(shortDeskUrl);
	crossed.cookie = ana.cookie;
	expect((await crossed.get('filas')).status).toBe(401);
});

test('web chat: agent A sees new messages live (latency), replies, forwards to team B; B resolves and the flow continues by "Encerrado pelo atendente"', async () => {
	const { ana, bruno } = await newAgents();
	const { customer, id } = await transferredWebchat(ana);
	// Bruno (Financeiro) neither lists nor opens it.
	expect((await bruno.queues()).novas.some((row) => row.id === id)).toBe(false);
	expect(await bruno.get('conversa', { id })).toMatchObject({ status: 403, json: { erro: 'Esta conversa é de outra equipe.' } });

	const latencies: number[] = [];
	let cursor = (await ana.queues()).cursor;
	for (let sample = 0; sample < 20; sample++) {
		const poll = ana.get('mudancas', { desde: cursor });
		await sleep(60);
		const started = performance.now();
		await customer.say(sample === 0 ? HOSTILE : `mensagem ${sample}`);
		let answer = await poll;
		while (!(answer.json.mudancas as Array<{ conversa: string }>).some((change) => change.conversa === id)) {
			cursor = Number(answer.json.cursor);
			answer = await ana.get('mudancas', { desde: cursor });
		}
		latencies.push(performance.now() - started);
		cursor = Number(answer.json.cursor);
	}
	const p50 = percentile(latencies, 50);
	const p95 = percentile(latencies, 95);
	console.log(`Latência mensagem do cliente → long poll do Painel (20 amostras): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
	expect(p95).toBeLessThan(2_000);

	const detail = await ana.get('conversa', { id });
	expect(detail.headers.get('content-type')).toMatch(/application\/json/);
	const history = detail.json.historico as Array<{ de: string; texto?: string; tipo: string; evento?: { tipo: string } }>;
	expect(history.find((entry) => entry.de === 'cliente' && entry.texto === HOSTILE)).toBeDefined(); // data, as typed
	expect(history.some((entry) => entry.de === 'bot' && entry.texto?.startsWith('Transferindo.'))).toBe(true);
	expect(history.some((entry) => entry.evento?.tipo === 'transferida')).toBe(true);
	expect(detail.json).toMatchObject({ estado: 'nova', equipe: 'Atendimento', naoLidas: 20, motivoChegada: 'Transferido pelo fluxo (card Transferir)' });

	expect((await ana.post('responder', { conversa: id, texto: 'Olá! Aqui é a Ana.' })).status).toBe(200);
	expect(await customer.next(1)).toEqual([{ kind: 'text', text: 'Olá! Aqui é a Ana.' }]);
	const queues = await ana.queues();
	expect(queues.minhas.find((row) => row.id === id)).toMatchObject({ atendente: 'ana', estado: 'aberta', naoLidas: 0 });
	expect((await bruno.post('assumir', { conversa: id })).status).toBe(403);

	expect((await ana.post('encaminhar', { conversa: id, equipe: 'Financeiro' })).status).toBe(200);
	expect(await ana.get('conversa', { id })).toMatchObject({ status: 403 });
	const forwarded = await waitFor(async () => (await bruno.queues()).novas.find((row) => row.id === id), 5_000, 'a conversa em Novas do Bruno');
	expect(forwarded).toMatchObject({ equipe: 'Financeiro', estado: 'nova' });
	expect((await bruno.post('assumir', { conversa: id })).status).toBe(200);
	expect((await bruno.post('resolver', { conversa: id })).json).toMatchObject({ ok: true, resultado: 'resumed' });
	expect(WebchatCustomer.texts(await customer.next(2, 20_000))).toEqual([expect.stringMatching(/^Encerrado pela Bruno\. Protocolo /), 'Obrigado pelo contato!']);
	const ended = await waitFor(async () => (await bruno.queues()).encerradas.find((row) => row.id === id), 5_000, 'a conversa em Encerradas');
	expect(ended).toMatchObject({ estado: 'encerrada' });
	expect((await bruno.post('responder', { conversa: id, texto: 'ainda aí?' })).status).toBe(409);
	// The flow ended after "Obrigado": the next message opens a new atendimento (transferred again).
	await customer.say('oi de novo');
	expect(WebchatCustomer.texts(await customer.next(1, 20_000))[0]).toMatch(/^Transferindo\./);
});

test('web chat: giving back to the bot continues by "Devolvido ao bot"', async () => {
	const { ana } = await newAgents();
	const { customer, id } = await transferredWebchat(ana);
	expect((await ana.post('devolver', { conversa: id })).json).toMatchObject({ ok: true, resultado: 'resumed' });
	expect(await customer.next(1, 20_000)).toEqual([{ kind: 'text', text: 'De volta ao bot.' }]);
	expect((await ana.queues()).encerradas.some((row) => row.id === id)).toBe(true);
});

test('WhatsApp: linked customer, reply on the channel, ERP ticket from selected messages, hostile name stays data', async () => {
	const { ana } = await newAgents();
	const waId = '5511987654321';
	await deliver(whatsAppUrl, messagesWebhook(textMessage('minha internet caiu', { from: waId }), { contactName: HOSTILE }), ACCOUNT.appSecret);
	const row = await waitFor(async () => (await ana.queues()).novas.find((candidate) => (candidate.contato as { id: string }).id === waId), 20_000, 'a conversa do WhatsApp');
	expect(row).toMatchObject({ canal: 'whatsapp', contato: { nome: HOSTILE } });
	const id = String(row.id);
	const detail = (await ana.get('conversa', { id })).json;
	expect(detail).toMatchObject({ janela: { canal: 'whatsapp', aberta: true }, cliente: { documento: expect.stringMatching(/\*/) } });
	// Contracts and open invoices come from the ERP (the Painel has the ERP credential).
	const cliente = detail.cliente as { contratos: Array<Record<string, unknown>>; faturasAbertas: unknown[] };
	expect(cliente.contratos).toEqual(expect.arrayContaining([{ id: expect.any(String), plano: expect.any(String), situacao: expect.any(String) }]));
	expect(Array.isArray(cliente.faturasAbertas)).toBe(true);

	expect((await ana.post('responder', { conversa: id, texto: 'Vou verificar, um instante.' })).status).toBe(200);
	await waitFor(async () => simulator.sent.find((sent) => sent.to === waId && JSON.stringify(sent.body).includes('Vou verificar')), 10_000, 'a resposta no WhatsApp');

	const history = (await ana.get('conversa', { id })).json.historico as Array<{ id: string; de: string; texto?: string }>;
	const selected = history.filter((entry) => entry.de === 'cliente').map((entry) => entry.id);
	const departments = await ana.get('departamentos', { conversa: id });
	expect(departments.status).toBe(200);
	const ticket = await ana.post('chamado', { conversa: id, mensagens: selected, assunto: 'Sem internet', departamento: (departments.json.departamentos as Array<{ id: string }>)[0]?.id });
	expect(ticket.status).toBe(200);
	expect(ticket.json.protocolo).toEqual(expect.any(String));
	expect((await ana.get('conversa', { id })).json.chamados).toEqual([{ protocolo: ticket.json.protocolo, em: expect.any(Number) }]);
	expect((await ana.post('chamado', { conversa: id, chamadoExistente: '12345' })).json).toEqual({ protocolo: '12345' });
	// Resolved, the contact is the bot's again: other e2e files write from this number to the same WhatsApp account.
	expect((await ana.post('resolver', { conversa: id })).status).toBe(200);
	await waitFor(async () => simulator.sent.find((sent) => sent.to === waId && JSON.stringify(sent.body).includes('Obrigado pelo contato')), 10_000, 'o fim do atendimento no WhatsApp');
});

test('WhatsApp 24 h window: 25 h after the last customer message free text is refused and a template goes out', async () => {
	const { ana } = await newAgents();
	const waId = '5511900001111';
	await deliver(whatsAppUrl, messagesWebhook(textMessage('preciso de ajuda', { from: waId }), { contactName: 'Cliente Antigo' }), ACCOUNT.appSecret);
	const row = await waitFor(async () => (await ana.queues()).novas.find((candidate) => (candidate.contato as { id: string }).id === waId), 20_000, 'a conversa do WhatsApp');
	const id = String(row.id);

	// Move the conversation's history 25 h back in the local store's journal, then restart n8n to load it.
	const journalPath = join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl');
	const lines = readFileSync(journalPath, 'utf8').split('\n').filter(Boolean);
	const last = [...lines].reverse().map((line) => JSON.parse(line) as { t: string; v: { id: string; history: Array<{ at: number }> } }).find((line) => line.t === 'conv' && line.v.id === id)!;
	const shift = 25 * 60 * 60 * 1000;
	last.v.history = last.v.history.map((entry) => ({ ...entry, at: entry.at - shift }));
	writeFileSync(journalPath, `${lines.join('\n')}\n${JSON.stringify(last)}\n`);
	await restartN8n();
	await waitFor(async () => ((await fetch(deskUrl)).ok ? true : undefined), 30_000, 'o Painel');

	const detail = (await ana.get('conversa', { id })).json; // the session survived the restart
	expect(detail.janela).toMatchObject({ canal: 'whatsapp', aberta: false });
	expect(await ana.post('responder', { conversa: id, texto: 'Oi?' })).toMatchObject({ status: 409, json: { erro: 'Fora da janela de 24 horas: envie um template.' } });
	const templates = (await ana.get('templates', { conversa: id })).json.templates as Array<{ nome: string; idioma: string; variaveis: number }>;
	const chosen = templates.find((template) => template.nome === 'fatura_disponivel')!;
	expect(chosen).toMatchObject({ idioma: 'pt_BR', variaveis: 3 });
	expect((await ana.post('template', { conversa: id, nome: chosen.nome, idioma: chosen.idioma, variaveis: ['Maria'] })).status).toBe(400);
	expect((await ana.post('template', { conversa: id, nome: chosen.nome, idioma: chosen.idioma, variaveis: ['Maria', 'R$ 99,90', '10/07'] })).status).toBe(200);
	await waitFor(async () => simulator.sent.find((sent) => sent.to === waId && sent.type === 'template'), 10_000, 'o template no WhatsApp');
});

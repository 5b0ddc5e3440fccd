import type { IWebhookFunctions } from 'n8n-workflow';

import { useTemporaryStore } from '../../test/support/temporary-store';
import type { LocalConversationStore } from '../shared/conversation/local-store';
import { handlePainelWebhook } from './webhook';

let store: LocalConversationStore;
useTemporaryStore('painel', (created) => {
	store = created;
});

const PARAMETERS: Record<string, unknown> = {
	path: 'painel',
	company: 'Provedor',
	teams: { values: [{ name: 'Atendimento' }, { name: 'Financeiro' }] },
	agents: { values: [{ name: 'Ana', login: 'ana', teams: 'Atendimento', role: 'agente' }, { name: 'Bruno', login: 'bruno', teams: 'Financeiro', role: 'agente' }, { name: 'Carla', login: 'carla', teams: 'Atendimento', role: 'supervisor' }] },
	settings: { sessionHours: 1 },
	erpIntegration: false,
};

interface Call {
	method?: 'GET' | 'POST';
	r: string;
	body?: Record<string, unknown>;
	query?: Record<string, string>;
	cookie?: string;
	csrf?: string;
	ip?: string;
}

async function call({ method = 'POST', r, body = {}, query = {}, cookie, csrf, ip = '10.0.0.1' }: Call) {
	const answer: { status: number; body: Record<string, unknown>; headers: Record<string, string>; sent?: unknown } = { status: 0, body: {}, headers: {} };
	const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) };
	const context = {
		getNode: () => ({ name: 'Painel de Atendimento' }),
		getNodeParameter: (name: string, fallback: unknown) => PARAMETERS[name] ?? fallback,
		getRequestObject: () => ({ method, headers, ip }),
		getQueryData: () => ({ r, ...query }),
		getBodyData: () => body,
		getHeaderData: () => headers,
		getCredentials: async () => ({ senhasIniciais: 'ana: senha-da-ana-1\nbruno: senha-do-bruno-1\ncarla: senha-da-carla-1' }),
		getResponseObject: () => ({
			status: (status: number) => void (answer.status = status),
			setHeader: (name: string, value: string) => void (answer.headers[name] = value),
			json: (json: Record<string, unknown>) => void (answer.body = json),
			send: (sent: unknown) => void (answer.sent = sent),
		}),
		logger: { warn: () => undefined, error: () => undefined, info: () => undefined, debug: () => undefined },
		helpers: { httpRequest: async () => ({ statusCode: 200, body: {} }) },
	} as unknown as IWebhookFunctions;
	expect(await handlePainelWebhook(context)).toEqual({ noWebhookResponse: true });
	return answer;
}

async function login(user: string, password: string, ip?: string) {
	const answer = await call({ r: 'entrar', body: { login: user, senha: password }, ip });
	return { ...answer, cookie: answer.headers['Set-Cookie']?.split(';')[0], csrf: answer.body.csrf as string };
}

async function deskConversation(team: string): Promise<string> {
	const decision = await store.routeInbound(
		{ type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' },
		{ channel: 'webchat', accountId: 'atendimento', contactId: `s-${team}`, messageId: `m-${team}`, timestamp: Date.now(), content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => `c-${team}`, newProtocolo: () => '20260101-000001' },
	);
	await store.update(decision.action === 'start' ? decision.conversation.id : '', (record) => {
		record.state = 'human';
		record.desk = 'painel';
		record.department = team;
		record.deskStatus = 'nova';
		record.transferredAt = Date.now();
	});
	return `c-${team}`;
}

describe('Painel de Atendimento: refusals', () => {
	it('a wrong password gets a clear 401 and no cookie; the right one a session cookie and a CSRF token', async () => {
		const wrong = await login('ana', 'errada');
		expect(wrong).toMatchObject({ status: 401, body: { erro: 'Login ou senha incorretos.' } });
		expect(wrong.cookie).toBeUndefined();
		const right = await login('ana', 'senha-da-ana-1');
		expect(right.status).toBe(200);
		expect(right.cookie).toMatch(/^painel_sessao=[A-Za-z0-9_-]{43}$/);
		expect(right.headers['Set-Cookie']).toContain('HttpOnly; SameSite=Strict');
		expect(right.body).toMatchObject({ ok: true, atendente: { login: 'ana' } });
	});

	it('a POST without the CSRF token, or with a wrong one, is refused (403)', async () => {
		const { cookie, csrf } = await login('ana', 'senha-da-ana-1');
		expect(await call({ r: 'presenca', body: { status: 'ausente' }, cookie })).toMatchObject({ status: 403, body: { erro: 'Sessão inválida: recarregue a página.' } });
		expect((await call({ r: 'presenca', body: { status: 'ausente' }, cookie, csrf: `${csrf.slice(1)}x` })).status).toBe(403);
		expect((await call({ r: 'presenca', body: { status: 'ausente' }, cookie, csrf })).status).toBe(200);
	});

	it('an expired or unknown session gets 401 sessaoExpirada', async () => {
		const { cookie } = await login('ana', 'senha-da-ana-1');
		const id = cookie!.split('=')[1];
		const session = (await store.touchDeskSession(`painel:${id}`, Date.now(), 60_000))!;
		await store.putDeskSession(`painel:${id}`, { ...session, expiresAt: Date.now() + 20 });
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(await call({ method: 'GET', r: 'filas', cookie })).toMatchObject({ status: 401, body: { sessaoExpirada: true } });
		expect((await call({ method: 'GET', r: 'filas', cookie: `painel_sessao=${'a'.repeat(43)}` })).status).toBe(401);
		expect(await call({ method: 'GET', r: 'sessao' })).toMatchObject({ status: 200, body: { autenticado: false } });
	});

	it('5 failures for a login block it for 15 minutes (429), even with the right password; other logins still enter', async () => {
		for (let attempt = 0; attempt < 5; attempt++) expect((await login('ana', `errada-${attempt}`)).status).toBe(401);
		const blocked = await login('ana', 'senha-da-ana-1');
		expect(blocked).toMatchObject({ status: 429, body: { erro: 'Muitas tentativas. Tente de novo em 15 minutos.' } });
		expect(blocked.cookie).toBeUndefined();
		expect((await login('bruno', 'senha-do-bruno-1')).status).toBe(200);
	});

	it('20 failures from one IP block every login from it', async () => {
		for (let attempt = 0; attempt < 20; attempt++) await login(`ninguem-${attempt}`, 'x', '10.9.9.9');
		expect((await login('bruno', 'senha-do-bruno-1', '10.9.9.9')).status).toBe(429);
		expect((await login('bruno', 'senha-do-bruno-1', '10.9.9.8')).status).toBe(200);
	});

	it("an agent opening another team's conversation by id gets 403, and does not see it in his queues", async () => {
		const theirs = await deskConversation('Financeiro');
		const ours = await deskConversation('Atendimento');
		const { cookie, csrf } = await login('ana', 'senha-da-ana-1');
		expect(await call({ method: 'GET', r: 'conversa', query: { id: theirs }, cookie })).toMatchObject({ status: 403, body: { erro: 'Esta conversa é de outra equipe.' } });
		expect((await call({ r: 'assumir', body: { conversa: theirs }, cookie, csrf })).status).toBe(403);
		expect((await call({ method: 'GET', r: 'conversa', query: { id: ours }, cookie })).status).toBe(200);
		const queues = await call({ method: 'GET', r: 'filas', cookie });
		expect((queues.body.novas as Array<{ id: string }>).map((row) => row.id)).toEqual([ours]);
		expect(queues.headers['Cache-Control']).toBe('no-store');
	});

	it('changes the password (≥ 8 characters), and the initial one no longer enters', async () => {
		const { cookie, csrf } = await login('ana', 'senha-da-ana-1');
		expect((await call({ r: 'senha', body: { atual: 'senha-da-ana-1', nova: 'curta' }, cookie, csrf })).status).toBe(400);
		expect((await call({ r: 'senha', body: { atual: 'errada', nova: 'nova-senha-123' }, cookie, csrf })).status).toBe(400);
		expect((await call({ r: 'senha', body: { atual: 'senha-da-ana-1', nova: 'nova-senha-123' }, cookie, csrf })).status).toBe(200);
		expect((await login('ana', 'senha-da-ana-1')).status).toBe(401);
		expect((await login('ana', 'nova-senha-123')).status).toBe(200);
		expect(JSON.stringify(await store.deskPassword('painel:ana'))).not.toContain('nova-senha-123');
	});
});

describe('Painel de Atendimento: files and supervision', () => {
	it("an agent's file goes to the web chat and the desk serves it (?r=arquivo) only from its conversation, to who may see it", async () => {
		const ours = await deskConversation('Atendimento');
		const ana = await login('ana', 'senha-da-ana-1');
		const pdf = Buffer.from('%PDF-1.4 comprovante');
		const sent = await call({ r: 'responder', body: { conversa: ours, arquivo: { nome: 'comprovante.pdf', tipo: 'application/pdf', base64: pdf.toString('base64') } }, cookie: ana.cookie, csrf: ana.csrf });
		expect(sent).toMatchObject({ status: 200, body: { ok: true } });
		const detail = await call({ method: 'GET', r: 'conversa', query: { id: ours }, cookie: ana.cookie });
		const file = (detail.body.historico as Array<{ de: string; arquivo?: { nome: string; url: string } }>).find((entry) => entry.de === 'atendente')!.arquivo!;
		expect(file.nome).toBe('comprovante.pdf');
		const fileId = /^\?r=arquivo&conversa=c-Atendimento&arquivo=([0-9a-f]{32})$/.exec(file.url)?.[1];
		expect(fileId).toBeDefined();
		const served = await call({ method: 'GET', r: 'arquivo', query: { conversa: ours, arquivo: fileId! }, cookie: ana.cookie });
		expect(served).toMatchObject({ status: 200, sent: pdf, headers: { 'Content-Type': 'application/pdf', 'X-Content-Type-Options': 'nosniff' } });
		// The web chat page got it by URL (kept once in the store, not a second copy).
		const entries = await store.readWebchat('atendimento', 's-Atendimento', 0, 0);
		expect(entries.at(-1)?.message).toMatchObject({ kind: 'media', fileName: 'comprovante.pdf', url: `?arquivo=${fileId}&sessao=s-Atendimento` });

		expect((await call({ method: 'GET', r: 'arquivo', query: { conversa: ours, arquivo: '0'.repeat(32) }, cookie: ana.cookie })).status).toBe(404);
		const bruno = await login('bruno', 'senha-do-bruno-1');
		expect((await call({ method: 'GET', r: 'arquivo', query: { conversa: ours, arquivo: fileId! }, cookie: bruno.cookie })).status).toBe(403);
		// A file of another conversation is not served through this one.
		const theirs = await deskConversation('Financeiro');
		expect((await call({ method: 'GET', r: 'arquivo', query: { conversa: theirs, arquivo: fileId! }, cookie: bruno.cookie })).status).toBe(404);
	});

	it("a reply (a quick reply) has the message variables filled: protocolo, the agent's name", async () => {
		const ours = await deskConversation('Atendimento');
		const ana = await login('ana', 'senha-da-ana-1');
		const sent = await call({ r: 'responder', body: { conversa: ours, texto: 'Sou {{nome_atendente}}; seu protocolo é {{protocolo}}.' }, cookie: ana.cookie, csrf: ana.csrf });
		expect(sent).toMatchObject({ status: 200, body: { ok: true } });
		const entries = await store.readWebchat('atendimento', 's-Atendimento', 0, 0);
		expect(entries.at(-1)?.message).toEqual({ kind: 'text', text: 'Sou Ana; seu protocolo é 20260101-000001.' });
	});

	it("metrics give each agent's and team's CSAT from the agent ratings (Pesquisa de Satisfação), not the company's", async () => {
		const ours = await deskConversation('Atendimento');
		const rating = (alvo: string, nota: number, atendente: string | null, equipe: string | null) => ({ at: Date.now(), type: 'avaliacao', node: 'Pesquisa', data: { alvo, nota, escala: 5, atendente, equipe } });
		await store.update(ours, (record) => {
			record.events.push(rating('empresa', 1, 'ana', 'Atendimento'), rating('atendente', 5, 'ana', 'Atendimento'), rating('atendente', 2, 'ana', 'Atendimento'), rating('atendente', 4, 'ana', 'Atendimento'));
		});
		const carla = await login('carla', 'senha-da-carla-1');
		const metrics = (await call({ method: 'GET', r: 'metricas', cookie: carla.cookie })).body as { porAtendente: Array<Record<string, unknown>>; porEquipe: Array<Record<string, unknown>> };
		// 5, 2, 4 → two of three in 4–5 = 66.7%, average 3.67; the company's 1 does not count
		expect(metrics.porAtendente.find((row) => row.login === 'ana')).toMatchObject({ csat: 66.7, csatRespostas: 3, csatMedia: 3.67 });
		expect(metrics.porEquipe.find((row) => row.equipe === 'Atendimento')).toMatchObject({ csat: 66.7, csatRespostas: 3, csatMedia: 3.67 });
		expect(metrics.porAtendente.find((row) => row.login === 'bruno')).not.toHaveProperty('csat');
	});

	it('the supervisor sees every open conversation; metrics without samples carry no time', async () => {
		const ours = await deskConversation('Atendimento');
		const theirs = await deskConversation('Financeiro');
		const carla = await login('carla', 'senha-da-carla-1');
		const supervision = await call({ method: 'GET', r: 'supervisao', cookie: carla.cookie });
		expect((supervision.body.conversas as Array<{ id: string }>).map((row) => row.id).sort()).toEqual([ours, theirs].sort());
		const metrics = await call({ method: 'GET', r: 'metricas', cookie: carla.cookie });
		expect(metrics.body.primeiraResposta).toEqual({});
		expect((metrics.body.porAtendente as Array<Record<string, unknown>>).find((row) => row.login === 'ana')).toEqual({ login: 'ana', nome: 'Ana', conversas: 0 });
		const ana = await login('ana', 'senha-da-ana-1');
		expect((await call({ method: 'GET', r: 'supervisao', cookie: ana.cookie })).status).toBe(403);
	});
});

describe('Painel de Atendimento: Messenger and Instagram reply windows', () => {
	const DAY = 24 * 60 * 60 * 1000;

	/** A Messenger or Instagram conversation in the desk whose customer last wrote `ageMs` ago. */
	async function metaDeskConversation(channel: 'messenger' | 'instagram', contactId: string, ageMs: number): Promise<string> {
		const decision = await store.routeInbound(
			{ type: channel, accountId: '104000000000001', triggerUrl: 'http://127.0.0.1/webhook/meta' },
			{ channel, accountId: '104000000000001', contactId, messageId: `m-${contactId}`, timestamp: Date.now(), content: { kind: 'text', text: 'oi' } },
			{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => `c-${contactId}`, newProtocolo: () => '20260101-000002' },
		);
		await store.update(decision.action === 'start' ? decision.conversation.id : '', (record) => {
			record.history = record.history.map((entry) => ({ ...entry, at: entry.at - ageMs }));
			record.state = 'human';
			record.desk = 'painel';
			record.department = 'Atendimento';
			record.deskStatus = 'nova';
			record.transferredAt = Date.now();
		});
		return `c-${contactId}`;
	}

	it('3 days after the customer: the window is closed but a human agent may still reply', async () => {
		const id = await metaDeskConversation('messenger', 'psid-3d', 3 * DAY);
		const { cookie, csrf } = await login('ana', 'senha-da-ana-1');
		const detail = await call({ method: 'GET', r: 'conversa', query: { id }, cookie });
		expect(detail.body.janela).toMatchObject({ canal: 'messenger', aberta: false, agenteHumano: true });
		expect((await call({ r: 'responder', body: { conversa: id, texto: 'Oi, aqui é a Ana' }, cookie, csrf })).status).toBe(200);
	});

	it('8 days after the customer: the reply is refused with a clear message, nothing is sent', async () => {
		const id = await metaDeskConversation('instagram', 'igsid-8d', 8 * DAY);
		const { cookie, csrf } = await login('ana', 'senha-da-ana-1');
		expect((await call({ method: 'GET', r: 'conversa', query: { id }, cookie })).body.janela).toMatchObject({ canal: 'instagram', aberta: false, agenteHumano: false });
		expect(await call({ r: 'responder', body: { conversa: id, texto: 'Oi?' }, cookie, csrf })).toMatchObject({
			status: 409,
			body: { erro: 'Mais de 7 dias desde a última mensagem do cliente: o Instagram só permite responder quando ele escrever de novo.' },
		});
		expect((await store.get(id))!.history.some((entry) => entry.from === 'atendente')).toBe(false);
	});
});

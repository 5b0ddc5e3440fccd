import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { safeEqual } from '../shared/channels/signature';
import { bodyVariables, previewText, type WabaTemplate } from '../shared/channels/whatsapp/templates';
import type { OutboundMessage } from '../shared/channels/types';
import { getConversationStore, type ConversationStore } from '../shared/conversation';
import type { DeskChangeType } from '../shared/conversation/desk';
import { appendEvent } from '../shared/conversation/routing';
import type { Conversation } from '../shared/conversation/types';
import {
	checkPassword,
	failureKeys,
	LOGIN_LIMIT,
	loginBlockedMinutes,
	MIN_PASSWORD_LENGTH,
	newPasswordRecord,
	newSession,
	parseCookies,
	parseInitialPasswords,
	SESSION_COOKIE,
	SESSION_IDLE_MS,
	sessionCookie,
} from '../shared/desk/auth';
import { armDeskInactivity, endHumanPart, scheduleDeskInactivity } from '../shared/desk/lifecycle';
import { canSee, queueOf, teamOf, type DeskAgent, type DeskQueue } from '../shared/desk/rules';
import { clienteOf } from '../shared/erp/card/engine';
import { createErpAdapter } from '../shared/erp/adapters';
import { erpCredentialsOf, n8nErpTransport } from '../shared/erp/n8n-transport';
import { errorText, logLine } from '../shared/log';
import { templateVariablesOf } from '../shared/runtime/card';
import { conversationWhatsAppApi, sendToConversation } from '../shared/runtime/send';
import { webchatFileHeaders, webchatFileUrl } from '../shared/channels/webchat/files';
import { renderTemplate } from '../shared/text/template';
import { ratingsOf, summarizeRatings, type Rating } from '../shared/satisfaction/ratings';
import { readSettings, type PainelSettings } from './config';
import { painelPage, painelPageHeaders } from './page';
import { agentMayReply, closedWindowError, detailOf, historyIds, summaryOf, windowOf } from './view';

/** Longest long poll of `?r=mudancas`. */
const LONG_POLL_MS = 25_000;
/** Largest file an agent uploads (base64 in the JSON body). */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const JSON_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

const SESSION_EXPIRED = { erro: 'Sessão expirada. Entre de novo.', sessaoExpirada: true };
const BAD_CSRF = { erro: 'Sessão inválida: recarregue a página.' };

interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

const reply = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body, ...(headers ? { headers } : {}) });

/** One desk request with what every route needs. */
interface Desk {
	context: IWebhookFunctions;
	store: ConversationStore;
	settings: PainelSettings;
	/** Scope of this Painel's records (its path). */
	scope: string;
	basePath: string;
	secure: boolean;
	ip: string;
	now: number;
}

/** A logged-in request. */
interface Authed extends Desk {
	agent: DeskAgent;
	sessionKey: string;
	csrf: string;
}

/** The webhook of the Painel: answers every request itself (never starts an execution). */
export async function handlePainelWebhook(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = context.getResponseObject();
	let answer: Reply;
	try {
		answer = await route(context);
	} catch (error) {
		logLine(context.logger, 'error', `Painel: ${errorText(error)}`, { node: context.getNode().name });
		answer = reply(500, { erro: `Falha no Painel: ${errorText(error)}` });
	}
	response.status(answer.status);
	const headers = { ...(typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? {} : JSON_HEADERS), ...answer.headers };
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	if (typeof answer.body === 'string' || Buffer.isBuffer(answer.body)) response.send(answer.body);
	else response.json(answer.body);
	return { noWebhookResponse: true };
}

async function route(context: IWebhookFunctions): Promise<Reply> {
	const request = context.getRequestObject();
	const query = context.getQueryData() as Record<string, string | undefined>;
	const method = request.method.toUpperCase();
	const path = (context.getNodeParameter('path', 'painel') as string).replace(/^\/+|\/+$/g, '');
	const settings = readSettings(context);
	const store = getConversationStore();
	await armDeskInactivity();
	const forwarded = String(request.headers['x-forwarded-proto'] ?? '').split(',')[0].trim();
	const desk: Desk = {
		context,
		store,
		settings,
		scope: path,
		basePath: `/webhook/${path}`,
		secure: forwarded === 'https' || (request as unknown as { secure?: boolean }).secure === true,
		ip: String(request.headers['x-forwarded-for'] ?? '').split(',')[0].trim() || request.ip || request.socket?.remoteAddress || 'desconhecido',
		now: Date.now(),
	};
	const r = query.r ?? '';
	if (method === 'GET' && !r) return reply(200, painelPage({ titulo: settings.empresa, basePath: desk.basePath }), painelPageHeaders());
	if (method === 'POST' && r === 'entrar') return await login(desk, context.getBodyData());

	const authed = await authenticate(desk);
	// `?r=sessao` is the page's question "am I logged in?": a plain answer, not an error.
	if (!authed) return r === 'sessao' && method === 'GET' ? reply(200, { autenticado: false }) : reply(401, SESSION_EXPIRED);
	if (method === 'POST') {
		const token = context.getHeaderData()['x-csrf-token'];
		if (typeof token !== 'string' || !safeEqual(token, authed.csrf)) return reply(403, BAD_CSRF);
	}
	await publishSettings(desk);
	const body = (context.getBodyData() ?? {}) as IDataObject;
	const handler = (method === 'GET' ? GET_ROUTES : POST_ROUTES)[r];
	if (!handler) return reply(404, { erro: `Rota desconhecida: ${method} ?r=${r}` });
	return await handler(authed, method === 'GET' ? query : body);
}

type Handler = (desk: Authed, input: Record<string, unknown>) => Promise<Reply>;

const GET_ROUTES: Record<string, Handler> = {
	sessao: async (desk) => reply(200, { autenticado: true, atendente: await agentView(desk, desk.agent), csrf: desk.csrf, config: configView(desk.settings) }),
	filas: async (desk) => reply(200, await queues(desk)),
	mudancas: async (desk, query) => {
		const after = Number(query.desde);
		const changes = await desk.store.waitForDeskChanges(Number.isFinite(after) ? after : 0, LONG_POLL_MS);
		const visible: Array<{ conversa: string; tipo: DeskChangeType }> = [];
		for (const change of changes.changes) {
			const conversation = await desk.store.get(change.conversationId);
			if (conversation && canSee(desk.agent, conversation, desk.settings.firstContactTeam)) visible.push({ conversa: change.conversationId, tipo: change.tipo });
		}
		return reply(200, { cursor: changes.cursor, mudancas: visible, ...(changes.reset ? { recarregar: true } : {}) });
	},
	conversa: async (desk, query) =>
		withConversation(desk, query.id, async (conversation) => {
			const detail = detailOf(conversation, desk.agent.login, desk.settings.firstContactTeam, desk.now);
			const erp = await erpCustomer(desk, conversation);
			return reply(200, erp && detail.cliente ? { ...detail, cliente: { ...detail.cliente, ...erp } } : detail);
		}),
	arquivo: async (desk, query) =>
		withConversation(desk, query.conversa, async (conversation) => {
			const fileId = typeof query.arquivo === 'string' ? query.arquivo : '';
			// Only files the history of this conversation points to, of its own contact.
			if (!fileId || !conversation.history.some((entry) => entry.fileId === fileId)) return reply(404, { erro: 'Arquivo não encontrado nesta conversa.' });
			const file = await desk.store.getWebchatFile(conversation.channel.accountId, conversation.contact.id, fileId);
			if (!file) return reply(404, { erro: 'Arquivo expirado ou removido.' });
			return reply(200, file.data, webchatFileHeaders(file));
		}),
	templates: async (desk, query) =>
		withConversation(desk, query.conversa, async (conversation) => {
			if (conversation.channel.type !== 'whatsapp') return reply(409, { erro: 'Templates só existem em conversas do WhatsApp.' });
			const api = await conversationWhatsAppApi(desk.context, conversation);
			const templates = await api.listApprovedTemplates();
			return reply(200, {
				templates: templates.map((template) => ({
					nome: template.name,
					idioma: template.language,
					categoria: template.category ?? '',
					corpo: previewText(template, []),
					variaveis: bodyVariables(template).length,
				})),
			});
		}),
	departamentos: async (desk, query) =>
		withConversation(desk, query.conversa, async () => {
			if (!desk.settings.erp) return reply(409, { erro: 'A integração com o ERP está desligada no nó Painel de Atendimento.' });
			const adapter = createErpAdapter(await erpCredentialsOf(desk.context), n8nErpTransport(desk.context));
			return reply(200, { departamentos: (await adapter.listarDepartamentos()).map((department) => ({ id: department.id, nome: department.nome })) });
		}),
	supervisao: async (desk) => (desk.agent.papel === 'supervisor' ? reply(200, await supervision(desk)) : reply(403, { erro: 'Só supervisores veem esta página.' })),
	metricas: async (desk, query) => (desk.agent.papel === 'supervisor' ? reply(200, await metrics(desk, query)) : reply(403, { erro: 'Só supervisores veem esta página.' })),
};

const POST_ROUTES: Record<string, Handler> = {
	sair: async (desk) => {
		await desk.store.deleteDeskSession(desk.sessionKey);
		return reply(200, { ok: true }, { 'Set-Cookie': sessionCookie('', { path: desk.basePath, maxAgeSeconds: 0, secure: desk.secure }) });
	},
	senha: async (desk, body) => {
		const current = typeof body.atual === 'string' ? body.atual : '';
		const next = typeof body.nova === 'string' ? body.nova : '';
		if (next.length < MIN_PASSWORD_LENGTH) return reply(400, { erro: `A nova senha precisa de pelo menos ${MIN_PASSWORD_LENGTH} caracteres.` });
		const line = (await initialPasswords(desk)).get(desk.agent.login);
		const key = `${desk.scope}:${desk.agent.login}`;
		if (!(await checkPassword(await desk.store.deskPassword(key), line, current))) return reply(400, { erro: 'Senha atual incorreta.' });
		await desk.store.setDeskPassword(key, await newPasswordRecord(next, line, desk.now));
		return reply(200, { ok: true });
	},
	presenca: async (desk, body) => {
		const status = body.status === 'ausente' ? 'ausente' : 'online';
		await desk.store.setDeskPresence(`${desk.scope}:${desk.agent.login}`, { status, lastSeen: desk.now });
		return reply(200, { ok: true, status });
	},
	lido: async (desk, body) =>
		act(desk, body.conversa, undefined, (record) => {
			record.readBy = { ...record.readBy, [desk.agent.login]: Date.now() };
		}),
	assumir: async (desk, body) =>
		withOpenConversation(desk, body.conversa, async (conversation) => {
			if (conversation.attendant && conversation.attendant !== desk.agent.login) return reply(409, { erro: 'Outro atendente já assumiu esta conversa.', atendente: conversation.attendant });
			return await act(desk, conversation.id, 'atribuicao', (record) => assign(record, desk.agent.login, desk.agent.login, desk.agent.nome));
		}),
	pendente: async (desk, body) =>
		withOpenConversation(desk, body.conversa, async (conversation) =>
			act(desk, conversation.id, 'estado', (record) => {
				record.deskStatus = 'pendente';
				record.events = appendEvent(record.events, { at: Date.now(), type: 'painel_pendente', data: { por: desk.agent.login } });
			}),
		),
	encaminhar: async (desk, body) =>
		withOpenConversation(desk, body.conversa, async (conversation) => {
			const team = typeof body.equipe === 'string' ? body.equipe.trim() : '';
			const agent = typeof body.atendente === 'string' ? body.atendente.trim().toLowerCase() : '';
			if (!team && !agent) return reply(400, { erro: 'Informe a equipe e/ou o atendente.' });
			if (team && !desk.settings.equipes.includes(team)) return reply(400, { erro: `Equipe desconhecida: ${team}` });
			if (agent && !desk.settings.atendentes.some((candidate) => candidate.login === agent)) return reply(400, { erro: `Atendente desconhecido: ${agent}` });
			return await act(desk, conversation.id, 'atribuicao', (record) => {
				if (team) record.department = team;
				record.attendant = agent || undefined;
				record.attendantName = desk.settings.atendentes.find((candidate) => candidate.login === agent)?.nome;
				record.deskStatus = agent ? 'aberta' : 'nova';
				record.events = appendEvent(record.events, { at: Date.now(), type: 'painel_encaminhada', data: { equipe: team || teamOf(record, desk.settings.firstContactTeam), atendente: agent || null, por: desk.agent.login } });
			});
		}),
	responder: async (desk, body) =>
		withOpenConversation(desk, body.conversa, async (conversation) => {
			// Quick replies carry the message variables ({{protocolo}}, {{nome_cliente}}…): filled here, as the cards do.
			const text = typeof body.texto === 'string' ? messageFor(desk, conversation, body.texto) : '';
			const file = body.arquivo as { nome?: unknown; tipo?: unknown; base64?: unknown } | undefined;
			if (!text && !file) return reply(400, { erro: 'Mensagem vazia.' });
			// Messenger/Instagram between 24 h and 7 days: the send goes with the HUMAN_AGENT tag (runtime/send.ts).
			const window = windowOf(conversation, desk.now);
			if (window && !agentMayReply(window)) return reply(409, { erro: closedWindowError(window) });
			if (!file) return await sendAsAgent(desk, conversation, [{ kind: 'text', text }]);
			const data = typeof file.base64 === 'string' ? file.base64 : '';
			if (!data || Buffer.byteLength(data, 'base64') > MAX_UPLOAD_BYTES) return reply(400, { erro: 'Arquivo vazio ou maior que 10 MB.' });
			const mimeType = typeof file.tipo === 'string' && file.tipo ? file.tipo : 'application/octet-stream';
			const mediaType: 'image' | 'audio' | 'video' | 'document' = mimeType.startsWith('image/') ? 'image' : mimeType.startsWith('audio/') ? 'audio' : mimeType.startsWith('video/') ? 'video' : 'document';
			const fileName = typeof file.nome === 'string' && file.nome.trim() ? file.nome.slice(0, 200) : 'arquivo';
			// Kept in the store (as the web chat's files are) so the desk shows it: `?r=arquivo`.
			const fileId = await desk.store.putWebchatFile(conversation.channel.accountId, conversation.contact.id, { data: Buffer.from(data, 'base64'), mimeType, fileName });
			const media = { kind: 'media' as const, mediaType, mimeType, fileName, ...(text ? { caption: text } : {}) };
			// The web chat page reads the stored file by URL; the other channels upload the bytes.
			const message: OutboundMessage = conversation.channel.type === 'webchat' ? { ...media, url: webchatFileUrl(fileId, conversation.contact.id) } : { ...media, data };
			return await sendAsAgent(desk, conversation, [message], fileId);
		}),
	template: async (desk, body) =>
		withOpenConversation(desk, body.conversa, async (conversation) => {
			if (conversation.channel.type !== 'whatsapp') return reply(409, { erro: 'Templates só existem em conversas do WhatsApp.' });
			const name = typeof body.nome === 'string' ? body.nome : '';
			const language = typeof body.idioma === 'string' ? body.idioma : '';
			const values = Array.isArray(body.variaveis) ? body.variaveis.map((value) => String(value)) : [];
			const templates = await (await conversationWhatsAppApi(desk.context, conversation)).listApprovedTemplates();
			const template: WabaTemplate | undefined = templates.find((candidate) => candidate.name === name && candidate.language === language);
			if (!template) return reply(400, { erro: `Template não encontrado ou não aprovado: ${name} (${language})` });
			const needed = bodyVariables(template).length;
			if (values.length < needed || values.slice(0, needed).some((value) => !value.trim())) return reply(400, { erro: `Preencha as ${needed} variáveis do template.` });
			return await sendAsAgent(desk, conversation, [{ kind: 'template', name, language, bodyParameters: values.slice(0, needed), fallbackText: previewText(template, values) }]);
		}),
	resolver: async (desk, body) =>
		withOpenConversation(desk, body.conversa, async (conversation) => {
			// {{nome_atendente}} is the name of the agent who closes, not his login.
			const text = messageFor(desk, conversation, desk.settings.closeMessage);
			const window = windowOf(conversation, desk.now);
			if (text && agentMayReply(window)) await sendToConversation(desk.context, conversation, [{ kind: 'text', text }], { from: 'atendente', agent: desk.agent.login });
			const result = await endHumanPart(desk.context.helpers.httpRequest, conversation.id, 'resolvido', desk.agent.login);
			return reply(200, { ok: true, resultado: result });
		}),
	devolver: async (desk, body) =>
		withOpenConversation(desk, body.conversa, async (conversation) => {
			const result = await endHumanPart(desk.context.helpers.httpRequest, conversation.id, 'devolvido', desk.agent.login);
			return reply(200, { ok: true, resultado: result });
		}),
	chamado: async (desk, body) =>
		withConversation(desk, body.conversa, async (conversation) => {
			const existing = typeof body.chamadoExistente === 'string' ? body.chamadoExistente.trim() : '';
			let protocolo = existing;
			if (!existing) {
				if (!desk.settings.erp) return reply(409, { erro: 'A integração com o ERP está desligada no nó Painel de Atendimento.' });
				if (!conversation.customer) return reply(409, { erro: 'A conversa não está vinculada a um cliente do ERP.' });
				const selected = new Set(Array.isArray(body.mensagens) ? body.mensagens.map(String) : []);
				const ids = historyIds(conversation.history);
				const lines = conversation.history
					.filter((_, index) => selected.has(ids[index]))
					.map((entry) => `[${new Date(entry.at).toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' })}] ${entry.from}: ${entry.text ?? entry.fileName ?? entry.kind}`);
				if (lines.length === 0) return reply(400, { erro: 'Selecione as mensagens que descrevem o chamado.' });
				const adapter = createErpAdapter(await erpCredentialsOf(desk.context), n8nErpTransport(desk.context));
				const ticket = await adapter.abrirChamado({
					cliente: clienteOf(conversation.customer),
					departamentoId: typeof body.departamento === 'string' && body.departamento ? body.departamento : undefined,
					assunto: (typeof body.assunto === 'string' && body.assunto.trim()) || `Atendimento ${conversation.protocolo}`,
					descricao: [
						`Protocolo do atendimento: ${conversation.protocolo}`,
						...(conversation.description ? [`Descrição do cliente: ${conversation.description}`] : []),
						...lines,
					].join('\n'),
					contato: { nome: conversation.contact.name, telefone: conversation.contact.phone },
				});
				protocolo = ticket.protocolo || ticket.id;
			}
			await desk.store.update(conversation.id, (record) => {
				record.tickets = [...(record.tickets ?? []), { protocolo, em: Date.now() }];
				record.events = appendEvent(record.events, { at: Date.now(), type: 'painel_chamado', data: { protocolo, por: desk.agent.login } });
			});
			await desk.store.publishDeskChange(conversation.id, 'estado');
			return reply(200, { protocolo });
		}),
};

async function login(desk: Desk, body: unknown): Promise<Reply> {
	const { login: rawLogin, senha } = (body ?? {}) as { login?: unknown; senha?: unknown };
	const loginName = typeof rawLogin === 'string' ? rawLogin.trim().toLowerCase() : '';
	const password = typeof senha === 'string' ? senha : '';
	const keys = failureKeys(desk.scope, loginName, desk.ip);
	const blocked = await loginBlockedMinutes(desk.store, keys, desk.now);
	if (blocked !== undefined) return reply(429, { erro: `Muitas tentativas. Tente de novo em ${blocked} ${blocked === 1 ? 'minuto' : 'minutos'}.` });
	const agent = desk.settings.atendentes.find((candidate) => candidate.login === loginName);
	const line = agent ? (await initialPasswords(desk)).get(agent.login) : undefined;
	const stored = agent ? await desk.store.deskPassword(`${desk.scope}:${agent.login}`) : undefined;
	const ok = (await checkPassword(stored, line, password)) && agent !== undefined;
	if (!ok) {
		await desk.store.countDeskLoginFailure(keys, LOGIN_LIMIT.windowMs);
		logLine(desk.context.logger, 'warn', 'Painel: login recusado', { node: desk.context.getNode().name });
		return reply(401, { erro: 'Login ou senha incorretos.' });
	}
	await desk.store.clearDeskLoginFailures([keys[0]]);
	const durationMs = desk.settings.sessionHours * 60 * 60 * 1000;
	const session = newSession(agent.login, desk.now, durationMs);
	await desk.store.putDeskSession(`${desk.scope}:${session.id}`, session);
	await desk.store.setDeskPresence(`${desk.scope}:${agent.login}`, { status: 'online', lastSeen: desk.now });
	const authed: Authed = { ...desk, agent, sessionKey: `${desk.scope}:${session.id}`, csrf: session.csrf };
	return reply(
		200,
		{ ok: true, csrf: session.csrf, atendente: await agentView(authed, agent) },
		{ 'Set-Cookie': sessionCookie(session.id, { path: desk.basePath, maxAgeSeconds: durationMs / 1000, secure: desk.secure }) },
	);
}

/** The request's session, when valid and its agent still exists in the Painel's parameters. */
async function authenticate(desk: Desk): Promise<Authed | undefined> {
	const id = parseCookies(desk.context.getHeaderData().cookie as string | undefined)[SESSION_COOKIE];
	if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
	const sessionKey = `${desk.scope}:${id}`;
	const session = await desk.store.touchDeskSession(sessionKey, desk.now, SESSION_IDLE_MS);
	const agent = session && desk.settings.atendentes.find((candidate) => candidate.login === session.login);
	if (!session || !agent) return undefined;
	return { ...desk, agent, sessionKey, csrf: session.csrf };
}

/** The credential's initial passwords, read per request (never cached). */
async function initialPasswords(desk: Desk): Promise<Map<string, string>> {
	const credential = await desk.context.getCredentials('atendimentoPainelApi');
	return parseInitialPasswords(String(credential.senhasIniciais ?? ''));
}

/** Writes the general settings other nodes read (Transferir's inactivity timer), when they changed. */
async function publishSettings(desk: Desk): Promise<void> {
	const settings = { inactivityMs: desk.settings.inactivityMinutes * 60_000, inactivityMessage: desk.settings.inactivityMessage, firstContactTeam: desk.settings.firstContactTeam };
	const current = await desk.store.deskSettings();
	if (JSON.stringify(current) !== JSON.stringify(settings)) await desk.store.setDeskSettings(settings);
}

async function agentView(desk: Desk, agent: DeskAgent) {
	const [presence] = await desk.store.deskPresence([`${desk.scope}:${agent.login}`]);
	return { login: agent.login, nome: agent.nome, equipes: agent.papel === 'supervisor' ? desk.settings.equipes : agent.equipes, papel: agent.papel, status: presence?.status ?? 'online' };
}

function configView(settings: PainelSettings) {
	return {
		empresa: settings.empresa,
		equipes: settings.equipes,
		respostasRapidas: settings.quickReplies,
		atendentes: settings.atendentes.map((agent) => ({ login: agent.login, nome: agent.nome, equipes: agent.equipes })),
		erp: settings.erp,
	};
}

async function queues(desk: Authed) {
	const cursor = (await desk.store.waitForDeskChanges(Number.MAX_SAFE_INTEGER, 0)).cursor;
	const lists: Record<DeskQueue, Array<ReturnType<typeof summaryOf>>> = { novas: [], minhas: [], pendentes: [], encerradas: [] };
	for (const conversation of await desk.store.listDeskConversations(desk.now - 7 * 24 * 60 * 60 * 1000)) {
		const queue = queueOf(desk.agent, conversation, desk.settings.firstContactTeam, desk.now);
		if (queue) lists[queue].push(summaryOf(conversation, desk.agent.login, desk.settings.firstContactTeam));
	}
	const waiting = (row: ReturnType<typeof summaryOf>) => row.clienteEsperaDesde ?? row.ultimaMensagem?.em ?? 0;
	for (const queue of ['novas', 'minhas', 'pendentes'] as const) lists[queue].sort((a, b) => waiting(a) - waiting(b));
	lists.encerradas.sort((a, b) => (b.ultimaMensagem?.em ?? 0) - (a.ultimaMensagem?.em ?? 0));
	return { ...lists, cursor };
}

/** Runs `then` on a conversation the agent may see; 404 unknown, 403 another team's. */
async function withConversation(desk: Authed, id: unknown, then: (conversation: Conversation) => Promise<Reply>): Promise<Reply> {
	const conversation = typeof id === 'string' && id ? await desk.store.get(id) : undefined;
	if (!conversation || conversation.desk !== 'painel') return reply(404, { erro: 'Conversa não encontrada.' });
	if (!canSee(desk.agent, conversation, desk.settings.firstContactTeam)) return reply(403, { erro: 'Esta conversa é de outra equipe.' });
	return await then(conversation);
}

/** Like withConversation, for actions that need the human part still open (409 once it ended). */
async function withOpenConversation(desk: Authed, id: unknown, then: (conversation: Conversation) => Promise<Reply>): Promise<Reply> {
	return await withConversation(desk, id, async (conversation) => {
		if (conversation.deskEndedAt !== undefined || conversation.state !== 'human') return reply(409, { erro: 'Esta conversa já foi encerrada.' });
		return await then(conversation);
	});
}

/** Applies `mutate` to a conversation the agent may see and announces the change (`change` undefined: none). */
async function act(desk: Authed, id: unknown, change: DeskChangeType | undefined, mutate: (record: Conversation) => void): Promise<Reply> {
	return await withConversation(desk, id, async (conversation) => {
		const updated = await desk.store.update(conversation.id, mutate);
		if (change) await desk.store.publishDeskChange(conversation.id, change);
		return reply(200, { ok: true, conversa: updated && summaryOf(updated, desk.agent.login, desk.settings.firstContactTeam) });
	});
}

function assign(record: Conversation, login: string, by: string, name?: string): void {
	record.attendant = login;
	record.attendantName = name;
	if (record.deskStatus !== 'pendente') record.deskStatus = 'aberta';
	record.events = appendEvent(record.events, { at: Date.now(), type: 'painel_atribuida', data: { atendente: login, por: by } });
}

/** Sends agent messages on the customer's channel (with this node's context), auto-assigning and timing the first reply. */
async function sendAsAgent(desk: Authed, conversation: Conversation, messages: OutboundMessage[], fileId?: string): Promise<Reply> {
	try {
		await sendToConversation(desk.context, conversation, messages, { from: 'atendente', agent: desk.agent.login });
	} catch (error) {
		await desk.store.publishDeskChange(conversation.id, 'mensagem');
		return reply(502, { erro: `O canal recusou a mensagem: ${errorText(error)}` });
	}
	let assigned = false;
	await desk.store.update(conversation.id, (record) => {
		assigned = false;
		if (fileId) {
			// The history entry of the file just sent (the last attendant file without an id) points to it.
			const entry = [...record.history].reverse().find((candidate) => candidate.from === 'atendente' && candidate.fileName !== undefined && candidate.fileId === undefined);
			if (entry) entry.fileId = fileId;
		}
		record.firstAgentReplyAt ??= Date.now();
		record.readBy = { ...record.readBy, [desk.agent.login]: Date.now() };
		if (!record.attendant && desk.settings.autoAssign) {
			assign(record, desk.agent.login, desk.agent.login, desk.agent.nome);
			assigned = true;
		}
	});
	await desk.store.publishDeskChange(conversation.id, assigned ? 'atribuicao' : 'mensagem');
	await scheduleDeskInactivity(conversation.id);
	return reply(200, { ok: true });
}

async function supervision(desk: Authed) {
	const conversations = (await desk.store.listDeskConversations(desk.now)).filter((conversation) => conversation.deskEndedAt === undefined && conversation.state === 'human');
	const waiting = (row: ReturnType<typeof summaryOf>) => row.clienteEsperaDesde ?? row.ultimaMensagem?.em ?? 0;
	const presence = await desk.store.deskPresence(desk.settings.atendentes.map((agent) => `${desk.scope}:${agent.login}`));
	return {
		agentes: desk.settings.atendentes.map((agent, index) => ({
			login: agent.login,
			nome: agent.nome,
			equipes: agent.equipes,
			status: presence[index]?.status ?? 'ausente',
			abertas: conversations.filter((conversation) => conversation.attendant === agent.login).length,
		})),
		equipes: desk.settings.equipes.map((team) => {
			const mine = conversations.filter((conversation) => teamOf(conversation, desk.settings.firstContactTeam) === team);
			return {
				nome: team,
				novas: mine.filter((conversation) => !conversation.attendant && conversation.deskStatus !== 'pendente').length,
				abertas: mine.filter((conversation) => conversation.attendant && conversation.deskStatus !== 'pendente').length,
				pendentes: mine.filter((conversation) => conversation.deskStatus === 'pendente').length,
			};
		}),
		// Every open conversation (for reassignment), oldest waiting first.
		conversas: conversations.map((conversation) => summaryOf(conversation, desk.agent.login, desk.settings.firstContactTeam)).sort((a, b) => waiting(a) - waiting(b)),
	};
}

/**
 * The linked customer's contracts and open invoices from the ERP, when the Painel has the ERP
 * integration on; undefined otherwise. An ERP failure is logged and leaves them out (the desk still opens).
 */
async function erpCustomer(desk: Authed, conversation: Conversation): Promise<{ contratos: Array<{ id: string; plano?: string; situacao: string }>; faturasAbertas: Array<{ valor: number; vencimento: string }> } | undefined> {
	if (!desk.settings.erp || !conversation.customer) return undefined;
	try {
		const adapter = createErpAdapter(await erpCredentialsOf(desk.context), n8nErpTransport(desk.context));
		const cliente = clienteOf(conversation.customer);
		const [contracts, invoices] = await Promise.all([adapter.listarContratos(cliente), adapter.listarFaturasAbertas(cliente)]);
		return {
			contratos: contracts.map((contract) => ({ id: contract.id, ...(contract.plano ? { plano: contract.plano } : {}), situacao: contract.status })),
			faturasAbertas: invoices.map((invoice) => ({ valor: invoice.valor, vencimento: invoice.vencimento })),
		};
	} catch (error) {
		logLine(desk.context.logger, 'warn', `Painel: contratos e faturas do ERP indisponíveis: ${errorText(error)}`, { node: desk.context.getNode().name, protocolo: conversation.protocolo });
		return undefined;
	}
}

/** Median and mean in seconds; without samples, neither (the page shows "—", not a misleading 0 s). */
function stats(values: number[]): { p50Seg?: number; mediaSeg?: number } {
	if (values.length === 0) return {};
	const sorted = [...values].sort((a, b) => a - b);
	return { p50Seg: Math.round(sorted[Math.floor((sorted.length - 1) / 2)] / 1000), mediaSeg: Math.round(values.reduce((sum, value) => sum + value, 0) / values.length / 1000) };
}

async function metrics(desk: Authed, query: Record<string, unknown>) {
	const from = Date.parse(String(query.de ?? '')) || desk.now - 7 * 24 * 60 * 60 * 1000;
	const to = Date.parse(String(query.ate ?? '')) || desk.now;
	const conversations = (await desk.store.listDeskConversations(from)).filter((conversation) => (conversation.transferredAt ?? 0) >= from && (conversation.transferredAt ?? 0) <= to + 24 * 60 * 60 * 1000);
	const firstResponse = (list: Conversation[]) => list.filter((c) => c.firstAgentReplyAt && c.transferredAt).map((c) => c.firstAgentReplyAt! - c.transferredAt!);
	const handling = (list: Conversation[]) => list.filter((c) => c.deskEndedAt && c.transferredAt).map((c) => c.deskEndedAt! - c.transferredAt!);
	// The agents' ratings (Pesquisa de Satisfação) given in these conversations, by the agent and team recorded with each.
	const agentRatings = conversations.flatMap(ratingsOf).filter((rating) => rating.alvo === 'atendente');
	const csatOf = (ratings: Rating[]) => {
		const summary = summarizeRatings(ratings);
		return summary.csat === null ? {} : { csat: summary.csat, csatRespostas: summary.respostas, csatMedia: summary.media };
	};
	const averages = (list: Conversation[]) => {
		const [first, total] = [stats(firstResponse(list)).mediaSeg, stats(handling(list)).mediaSeg];
		return { ...(first !== undefined ? { primeiraRespostaMediaSeg: first } : {}), ...(total !== undefined ? { tempoMedioSeg: total } : {}) };
	};
	return {
		primeiraResposta: stats(firstResponse(conversations)),
		tempoAtendimento: stats(handling(conversations)),
		porAtendente: desk.settings.atendentes.map((agent) => {
			const mine = conversations.filter((conversation) => conversation.attendant === agent.login);
			return { login: agent.login, nome: agent.nome, conversas: mine.length, ...averages(mine), ...csatOf(agentRatings.filter((rating) => rating.atendente === agent.login)) };
		}),
		porEquipe: desk.settings.equipes.map((team) => {
			const mine = conversations.filter((conversation) => teamOf(conversation, desk.settings.firstContactTeam) === team);
			return { equipe: team, conversas: mine.length, ...averages(mine), ...csatOf(agentRatings.filter((rating) => rating.equipe === team)) };
		}),
	};
}

/** A text the agent sends, with the message variables filled; {{nome_atendente}} is the agent's name, not his login. */
function messageFor(desk: { agent: { nome: string } }, conversation: Conversation, text: string): string {
	return renderTemplate(text, { ...templateVariablesOf(conversation), agentName: desk.agent.nome }).trim();
}

import { randomUUID } from 'crypto';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { InboundContent, InboundMessage } from '../../shared/channels/types';
import { FILE_QUERY, FILE_SESSION_QUERY, webchatFileHeaders } from '../../shared/channels/webchat/files';
import { CHAT_MAX_MESSAGE_LENGTH, chatPageHeaders, renderChatPage } from '../../shared/channels/webchat/page';
import { typedChoiceOf, webchatEntriesView, webchatStatusOf } from '../../shared/channels/webchat/render';
import { SessionRateLimiter, sessionsPerMinuteFromEnv } from '../../shared/channels/webchat/session-limit';
import { getConversationStore } from '../../shared/conversation';
import { appendEvent } from '../../shared/conversation/routing';
import { endHumanPart } from '../../shared/desk/lifecycle';
import { fetchRequest } from '../../shared/runtime/deadlines';
import { routeDelivery, type TriggerConfig } from './inbound';
import { respond } from './respond';

const SESSION_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Longest a poll is held open waiting for a new bot message. */
const LONG_POLL_MS = 15_000;
/**
 * While the conversation is with people (status line shown), polls return sooner, so a change of the line
 * ("<nome> entrou na conversa", another agent) shows within seconds even when no message comes.
 */
const STATUS_POLL_MS = 3_000;

/** New sessions per client IP (ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO), created on the first POST. */
let sessionLimiter: SessionRateLimiter | undefined;

/** Replaces the limiter of new sessions (tests). */
export function setWebchatSessionLimiter(next: SessionRateLimiter | undefined): void {
	sessionLimiter = next;
}

/**
 * GET: the chat page, (with `session`) the session's messages after `after` (long polling), or (with
 * `arquivo` and `sessao`) a file sent to that session.
 */
export async function handleWebchatGet(context: IWebhookFunctions, config: TriggerConfig): Promise<IWebhookResponseData> {
	const query = context.getQueryData() as Record<string, string | undefined>;
	if (query[FILE_QUERY] !== undefined) return await serveFile(context, config, query[FILE_QUERY], query[FILE_SESSION_QUERY]);
	if (query.session === undefined) {
		// The test page (test URL) talks to the test URL and keeps its session apart from the production page's.
		const apiUrl = config.channel.test ? new URL(config.channel.triggerUrl).pathname : '';
		const html = renderChatPage({
			apiUrl,
			title: context.getNodeParameter('chatTitle', 'Atendimento') as string,
			companyName: config.channel.companyName,
			primaryColor: context.getNodeParameter('chatColor', '') as string,
			greeting: context.getNodeParameter('chatGreeting', '') as string,
		});
		return respond(context, 200, html, chatPageHeaders());
	}
	if (!SESSION_PATTERN.test(query.session)) return respond(context, 400, { error: 'Sessão inválida.' });
	const after = Number.parseInt(query.after ?? '0', 10);
	const store = getConversationStore();
	const before = webchatStatusOf(await store.currentOf(config.channel, query.session));
	const waitMs = query.wait === '0' ? 0 : before ? STATUS_POLL_MS : LONG_POLL_MS;
	const entries = await store.readWebchat(config.channel.accountId, query.session, Number.isFinite(after) && after >= 0 ? after : 0, waitMs);
	// The status after the wait: a transfer or an agent taking the conversation may have happened meanwhile.
	const status = waitMs === 0 ? before : webchatStatusOf(await store.currentOf(config.channel, query.session));
	return respond(context, 200, { messages: webchatEntriesView(entries), ...(status ? { status } : {}) }, { 'Cache-Control': 'no-store' });
}

/**
 * POST: a customer message from the page: `{session, text}` or `{session, choiceId, title}`; or
 * `{session, encerrar: true}` when the customer starts a new conversation ("Nova conversa") and leaves
 * this one. A typed answer that picks a button of the last question is answered with that button
 * (`escolha: {seq, id}`), so the page marks it like a click.
 */
export async function handleWebchatPost(context: IWebhookFunctions, config: TriggerConfig): Promise<IWebhookResponseData> {
	const body = context.getBodyData() as Record<string, unknown>;
	const session = body.session;
	if (typeof session !== 'string' || !SESSION_PATTERN.test(session)) {
		return respond(context, 400, { error: 'Campo "session" ausente ou inválido.' });
	}
	if (body.encerrar === true) {
		await leaveSession(config, session);
		return respond(context, 200, { ok: true });
	}
	const content = contentOf(body);
	if (typeof content === 'string') return respond(context, 400, { error: content });
	if (!(await getConversationStore().currentOf(config.channel, session))) {
		const limiter = (sessionLimiter ??= new SessionRateLimiter(sessionsPerMinuteFromEnv()));
		// Behind a proxy, n8n's request object gives the client's address (N8N_PROXY_HOPS).
		const request = context.getRequestObject();
		const client = request.ip ?? request.socket?.remoteAddress ?? 'desconhecido';
		if (!limiter.allow(`${config.channel.accountId} ${client}`)) {
			return respond(
				context,
				429,
				{ error: 'Muitas conversas novas a partir do mesmo endereço. Aguarde um minuto e tente de novo.' },
				{ 'Retry-After': String(limiter.retryAfterSeconds()) },
			);
		}
	}

	const message: InboundMessage = {
		channel: 'webchat',
		accountId: config.channel.accountId,
		contactId: session,
		contactName: typeof body.name === 'string' ? body.name.slice(0, 80) : undefined,
		messageId: typeof body.messageId === 'string' && body.messageId ? body.messageId.slice(0, 100) : randomUUID(),
		timestamp: Date.now(),
		content,
	};
	const picked = content.kind === 'text' ? typedChoiceOf(await getConversationStore().readWebchat(config.channel.accountId, session, 0, 0), content.text) : undefined;
	const starts = await routeDelivery(context, config, [message]);
	respond(context, 200, { ok: true, ...(picked ? { escolha: { seq: picked.seq, id: picked.choice.id } } : {}) });
	return starts ? { noWebhookResponse: true, workflowData: [starts] } : { noWebhookResponse: true };
}

/** A file of the session (only the session it was sent to gets it), with safe headers. */
async function serveFile(
	context: IWebhookFunctions,
	config: TriggerConfig,
	fileId: string,
	session: string | undefined,
): Promise<IWebhookResponseData> {
	if (session === undefined || !SESSION_PATTERN.test(session)) return respond(context, 400, { error: 'Sessão inválida.' });
	const file = await getConversationStore().getWebchatFile(config.channel.accountId, session, fileId);
	if (!file) return respond(context, 404, { error: 'Arquivo não encontrado ou expirado.' });
	return respond(context, 200, file.data, webchatFileHeaders(file));
}

/** The message content, or a pt-BR error for the page. */
function contentOf(body: Record<string, unknown>): InboundContent | string {
	if (typeof body.choiceId === 'string' && body.choiceId) {
		const title = typeof body.title === 'string' ? body.title : body.choiceId;
		return { kind: 'choice', id: body.choiceId.slice(0, 100), title: title.slice(0, 100) };
	}
	if (typeof body.text !== 'string' || body.text.trim() === '') return 'Mensagem vazia.';
	if (body.text.length > CHAT_MAX_MESSAGE_LENGTH) return `Mensagem longa demais (máximo ${CHAT_MAX_MESSAGE_LENGTH} caracteres).`;
	return { kind: 'text', text: body.text };
}

/**
 * The customer left the session for a new one ("Nova conversa"): its conversation ends like a customer
 * who goes away, with its history kept in the record. On the Painel, the human part ends as
 * "Encerrado por inatividade" (the parked Transferir goes on by that output); elsewhere the record
 * ends at once (`cliente_saiu`), so it is never left waiting for an answer that cannot come.
 */
async function leaveSession(config: TriggerConfig, session: string): Promise<void> {
	const store = getConversationStore();
	const current = await store.currentOf(config.channel, session);
	if (!current || current.state === 'ended') return;
	const event = { at: Date.now(), type: 'cliente_saiu', data: { motivo: 'nova_conversa' } };
	if (current.state === 'human' && current.desk === 'painel' && current.deskEndedAt === undefined) {
		await store.update(current.id, (record) => {
			record.events = appendEvent(record.events, event);
		});
		await endHumanPart(fetchRequest, current.id, 'inatividade');
		return;
	}
	await store.update(current.id, (record) => {
		if (record.state === 'ended') return;
		record.state = 'ended';
		record.waiter = undefined;
		record.endedAt = Date.now();
		record.endReason = 'cliente_saiu';
		record.events = appendEvent(record.events, event);
	});
	if (current.desk === 'painel') await store.publishDeskChange(current.id, 'estado');
}

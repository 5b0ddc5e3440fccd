import { randomUUID } from 'crypto';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { InboundContent, InboundMessage } from '../../shared/channels/types';
import { FILE_QUERY, FILE_SESSION_QUERY, webchatFileHeaders } from '../../shared/channels/webchat/files';
import { CHAT_MAX_MESSAGE_LENGTH, chatPageHeaders, renderChatPage } from '../../shared/channels/webchat/page';
import { SessionRateLimiter, sessionsPerMinuteFromEnv } from '../../shared/channels/webchat/session-limit';
import { getConversationStore } from '../../shared/conversation';
import { routeDelivery, type TriggerConfig } from './inbound';
import { respond } from './respond';

const SESSION_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Longest a poll is held open waiting for a new bot message. */
const LONG_POLL_MS = 15_000;

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
	const waitMs = query.wait === '0' ? 0 : LONG_POLL_MS;
	const entries = await getConversationStore().readWebchat(
		config.channel.accountId,
		query.session,
		Number.isFinite(after) && after >= 0 ? after : 0,
		waitMs,
	);
	return respond(context, 200, { messages: entries }, { 'Cache-Control': 'no-store' });
}

/** POST: a customer message from the page: `{session, text}` or `{session, choiceId, title}`. */
export async function handleWebchatPost(context: IWebhookFunctions, config: TriggerConfig): Promise<IWebhookResponseData> {
	const body = context.getBodyData() as Record<string, unknown>;
	const session = body.session;
	if (typeof session !== 'string' || !SESSION_PATTERN.test(session)) {
		return respond(context, 400, { error: 'Campo "session" ausente ou inválido.' });
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
	const starts = await routeDelivery(context, config, [message]);
	respond(context, 200, { ok: true });
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

import { randomUUID } from 'crypto';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { InboundContent, InboundMessage } from '../../shared/channels/types';
import { CHAT_MAX_MESSAGE_LENGTH, chatPageHeaders, renderChatPage } from '../../shared/channels/webchat/page';
import { getConversationStore } from '../../shared/conversation';
import { routeDelivery, type TriggerConfig } from './inbound';
import { respond } from './respond';

const SESSION_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Longest a poll is held open waiting for a new bot message. */
const LONG_POLL_MS = 15_000;

/** GET: the chat page, or (with `session`) the session's messages after `after` (long polling). */
export async function handleWebchatGet(context: IWebhookFunctions, config: TriggerConfig): Promise<IWebhookResponseData> {
	const query = context.getQueryData() as Record<string, string | undefined>;
	if (query.session === undefined) {
		const html = renderChatPage({
			apiUrl: '',
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

import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { safeEqual } from '../../shared/channels/signature';
import { getConversationStore } from '../../shared/conversation';
import { INTERNAL_SECRET_HEADER, sendToConversation, type SendCommand } from '../../shared/runtime/send';
import { isOwnConversation, startItem, withTriggerCredential, type StartCommand, type TriggerConfig } from './inbound';
import { respond } from './respond';
import { keepTestRunOpenFor } from '../test-run';

/** True when the request is one of the pack's own internal calls (it carries the secret header). */
export function isInternalCall(context: IWebhookFunctions): boolean {
	return context.getHeaderData()[INTERNAL_SECRET_HEADER] !== undefined;
}

/**
 * The pack's internal calls to the trigger: `send` (a card sends through this channel's credential)
 * and `start` (an extra execution for a new conversation). Authenticated by the installation secret.
 */
export async function handleInternalCall(context: IWebhookFunctions, config: TriggerConfig): Promise<IWebhookResponseData> {
	const store = getConversationStore();
	const secret = context.getHeaderData()[INTERNAL_SECRET_HEADER];
	if (typeof secret !== 'string' || !safeEqual(secret, await store.internalSecret())) {
		return respond(context, 401, { error: 'Segredo interno inválido.' });
	}
	const body = context.getBodyData() as unknown as SendCommand | StartCommand;
	const conversation = await store.get(body.conversationId);
	if (!conversation || !isOwnConversation(conversation, config)) {
		return respond(context, 404, { error: `Atendimento ${body.conversationId} não encontrado.` });
	}
	if (body.command === 'start') {
		await keepTestRunOpenFor(context, conversation.id);
		respond(context, 200, { ok: true });
		return { noWebhookResponse: true, workflowData: [[startItem(conversation, body.message)]] };
	}
	if (body.command === 'send' && config.channel.credential) {
		await sendToConversation(context, withTriggerCredential(conversation, config), body.messages);
		return respond(context, 200, { ok: true });
	}
	return respond(context, 400, { error: 'Comando interno desconhecido.' });
}

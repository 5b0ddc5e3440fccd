import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { MalformedDeliveryError } from '../../shared/channels/errors';
import { parseWhatsAppDelivery } from '../../shared/channels/whatsapp/parse';
import { WHATSAPP_CREDENTIAL_TYPE, whatsAppApi, type WhatsAppCredentials } from '../../shared/channels/whatsapp/api';
import { doorOf } from '../../shared/channels/transport';
import { errorText, logLine } from '../../shared/log';
import type { InboundMessage } from '../../shared/channels/types';
import { getConversationStore } from '../../shared/conversation';
import { recognizeBroadcastReplies } from '../../shared/runtime/broadcast-replies';
import { recordStatuses } from '../../shared/runtime/statuses';
import { routeDelivery, type TriggerConfig } from './inbound';
import { answerMetaVerification, refuseUnsignedMetaDelivery } from './meta-webhook';
import { respond } from './respond';

/** GET: Meta's webhook verification handshake (answers the raw hub.challenge). */
export function handleWhatsAppVerification(context: IWebhookFunctions, credentials: WhatsAppCredentials): IWebhookResponseData {
	return answerMetaVerification(context, credentials.verifyToken);
}

/**
 * POST: a delivery from Meta. The signature is checked on the raw body before anything else; status
 * callbacks are acknowledged without starting executions.
 */
export async function handleWhatsAppDelivery(
	context: IWebhookFunctions,
	config: TriggerConfig,
	credentials: WhatsAppCredentials,
): Promise<IWebhookResponseData> {
	const refused = refuseUnsignedMetaDelivery(context, credentials.appSecret);
	if (refused) return refused;
	let delivery;
	try {
		delivery = parseWhatsAppDelivery(context.getBodyData());
	} catch (error) {
		if (error instanceof MalformedDeliveryError) return respond(context, 400, { error: error.message });
		throw error;
	}
	const markRead = context.getNodeParameter('markAsRead', true) as boolean;
	const turnConfig: TriggerConfig = markRead ? { ...config, onBotTurn: (message) => markReadInBackground(context, credentials, message) } : config;
	const ours = await recognizeBroadcastReplies(await canonicalContacts(delivery.messages.filter((message) => message.accountId === credentials.phoneNumberId)));
	logUnreadable(context, ours);
	logForeignReplies(context, ours);
	const starts = await routeDelivery(context, turnConfig, ours);
	const statuses = delivery.statuses.filter((status) => status.accountId === credentials.phoneNumberId);
	await recordStatuses(config.channel, statuses);
	respond(context, 200, { ok: true, mensagens: ours.length, status: statuses.length });
	return starts ? { noWebhookResponse: true, workflowData: [starts] } : { noWebhookResponse: true };
}

/** A message of a known type that could not be read (e.g. a malformed form reply) is routed as unsupported and logged. */
function logUnreadable(context: IWebhookFunctions, messages: InboundMessage[]): void {
	for (const message of messages) {
		if (message.content.kind === 'unsupported' && message.content.problem) {
			logLine(context.logger, 'warn', `mensagem do WhatsApp ${message.messageId} ilegível (${message.content.originalType}): ${message.content.problem}`, {
				node: context.getNode().name,
			});
		}
	}
}

/** A tap on a broadcast button sent to someone else (forwarded or forged) is routed without its campaign, and logged. */
function logForeignReplies(context: IWebhookFunctions, messages: InboundMessage[]): void {
	for (const message of messages) {
		if (message.broadcastReply?.status === 'outroDestinatario') {
			logLine(context.logger, 'warn', `mensagem do WhatsApp ${message.messageId}: botão de um disparo enviado a outro contato; seguiu sem a campanha`, {
				node: context.getNode().name,
			});
		}
	}
}

/**
 * Each message addressed to its contact's canonical id, so that a contact known by phone and by
 * business-scoped user id (BSUID) stays one contact (conversation, opt-out, tags, desk): a message
 * that carries a BSUID links it with the phone it came with (the first id seen wins); a message with
 * a phone only takes the canonical id that phone was linked to, if any (docs/arquitetura.md §3).
 */
async function canonicalContacts(messages: InboundMessage[]): Promise<InboundMessage[]> {
	const store = getConversationStore();
	return await Promise.all(
		messages.map(async (message) => {
			const ids = message.contactUserId ? [message.contactPhone, message.contactUserId].filter((id): id is string => id !== undefined) : [];
			const canonical = ids.length > 0 ? await store.linkContactIds('whatsapp', ids) : await store.canonicalContactId('whatsapp', message.contactId);
			return canonical && canonical !== message.contactId ? { ...message, contactId: canonical } : message;
		}),
	);
}

/**
 * Marks the customer's message read with the typing indicator ("Marcar como lida e mostrar digitando"),
 * in the background: neither the routing of the message nor the webhook's answer waits for it, and a
 * failure is only logged (warn). docs/apis-externas.md §A.5.
 */
function markReadInBackground(context: IWebhookFunctions, credentials: WhatsAppCredentials, message: InboundMessage): void {
	const api = whatsAppApi(doorOf(context, WHATSAPP_CREDENTIAL_TYPE), credentials);
	api.markRead(message.messageId, true).catch((error: unknown) => {
		logLine(context.logger, 'warn', `não foi possível marcar a mensagem como lida no WhatsApp: ${errorText(error)}`, { node: context.getNode().name });
	});
}

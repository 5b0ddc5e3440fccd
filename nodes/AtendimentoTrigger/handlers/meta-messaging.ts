import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { MalformedDeliveryError } from '../../shared/channels/errors';
import {
	INSTAGRAM_CREDENTIAL_TYPE,
	MESSENGER_CREDENTIAL_TYPE,
	metaAccountOf,
	metaMessagingApi,
	type InstagramCredentials,
	type MessengerCredentials,
} from '../../shared/channels/meta-messaging/api';
import { parseMetaMessagingDelivery, type MetaMessagingChannel } from '../../shared/channels/meta-messaging/parse';
import { doorOf } from '../../shared/channels/transport';
import type { InboundMessage } from '../../shared/channels/types';
import { getConversationStore } from '../../shared/conversation';
import { errorText, logLine } from '../../shared/log';
import { routeDelivery, type TriggerConfig } from './inbound';
import { answerMetaVerification, refuseUnsignedMetaDelivery } from './meta-webhook';
import { respond } from './respond';

/** Facebook Messenger and Instagram Direct: Meta's Messenger Platform (same webhooks as WhatsApp's). */
export type MetaMessagingCredentials = MessengerCredentials | InstagramCredentials;

/** The credential type of each channel of the Messenger Platform. */
export const META_CREDENTIAL_TYPES: Record<MetaMessagingChannel, string> = { messenger: MESSENGER_CREDENTIAL_TYPE, instagram: INSTAGRAM_CREDENTIAL_TYPE };

/** GET: Meta's webhook verification handshake (answers the raw hub.challenge; 403 on a wrong token). */
export function handleMetaMessagingVerification(context: IWebhookFunctions, credentials: MetaMessagingCredentials): IWebhookResponseData {
	return answerMetaVerification(context, credentials.verifyToken);
}

/**
 * POST: a delivery of `channel`. The signature (`X-Hub-Signature-256`, the app secret) is checked on
 * the raw body before anything else; echoes and other events are dropped by the parser; messages of
 * another account are ignored. While the messages are routed, the customer sees them read and the
 * bot typing (`mark_seen`, `typing_on`), except for a contact with a human agent or opted out.
 */
export async function handleMetaMessagingDelivery(
	context: IWebhookFunctions,
	channel: MetaMessagingChannel,
	config: TriggerConfig,
	credentials: MetaMessagingCredentials,
): Promise<IWebhookResponseData> {
	const refused = refuseUnsignedMetaDelivery(context, credentials.appSecret);
	if (refused) return refused;
	let messages: InboundMessage[];
	try {
		messages = parseMetaMessagingDelivery(channel, context.getBodyData()).messages;
	} catch (error) {
		if (error instanceof MalformedDeliveryError) return respond(context, 400, { error: error.message });
		throw error;
	}
	const ours = messages.filter((message) => message.accountId === config.channel.accountId);
	const acknowledged = acknowledgeToCustomers(context, channel, config, credentials, ours);
	const starts = await routeDelivery(context, config, ours);
	respond(context, 200, { ok: true, mensagens: ours.length });
	await acknowledged;
	return starts ? { noWebhookResponse: true, workflowData: [starts] } : { noWebhookResponse: true };
}

/**
 * `mark_seen` then `typing_on` to each contact the bot is about to answer. Never throws: a failure is
 * logged (the customer's message is routed all the same).
 */
async function acknowledgeToCustomers(
	context: IWebhookFunctions,
	channel: MetaMessagingChannel,
	config: TriggerConfig,
	credentials: MetaMessagingCredentials,
	messages: InboundMessage[],
): Promise<void> {
	const contacts = [...new Set(messages.map((message) => message.contactId))];
	if (contacts.length === 0) return;
	const store = getConversationStore();
	const api = metaMessagingApi(doorOf(context, META_CREDENTIAL_TYPES[channel]), metaAccountOf(channel, credentials));
	for (const contactId of contacts) {
		try {
			if ((await store.consentOf(channel, contactId)) === 'out') continue;
			if ((await store.currentOf(config.channel, contactId))?.state === 'human') continue;
			await api.senderAction(contactId, 'mark_seen');
			await api.senderAction(contactId, 'typing_on');
		} catch (error) {
			logLine(context.logger, 'warn', `indicador de leitura/digitação (${channel}) não enviado: ${errorText(error)}`, { node: context.getNode().name });
		}
	}
}

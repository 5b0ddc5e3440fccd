import { NodeOperationError, type ICredentialDataDecryptedObject, type IExecuteFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { CHATWOOT_CREDENTIAL_TYPE, chatwootApi, chatwootDoors, type ChatwootCredentials } from '../channels/chatwoot/api';
import { chatwootInboxKind } from '../channels/chatwoot/render';
import {
	INSTAGRAM_CREDENTIAL_TYPE,
	isUnavailableRecipientError,
	MESSENGER_CREDENTIAL_TYPE,
	metaAccountOf,
	metaMessagingApi,
	type InstagramCredentials,
	type MessengerCredentials,
} from '../channels/meta-messaging/api';
import { STANDARD_WINDOW_MS } from '../channels/meta-messaging/limits';
import type { MetaMessagingChannel } from '../channels/meta-messaging/parse';
import { TELEGRAM_CREDENTIAL_TYPE, telegramApi, type TelegramCredentials } from '../channels/telegram/api';
import { doorOf, platformErrorCode, type ChannelDoor } from '../channels/transport';
import type { ChannelType, OutboundMessage } from '../channels/types';
import { WHATSAPP_CREDENTIAL_TYPE, whatsAppApi, type WhatsAppCredentials } from '../channels/whatsapp/api';
import { webchatFileUrl } from '../channels/webchat/files';
import { getConversationStore, type ConversationStore } from '../conversation';
import { takeSkippedMessages } from '../conversation/checkpoint';
import { appendEvent } from '../conversation/routing';
import { errorText, logLine } from '../log';
import type { ChannelRef, Conversation, HistoryAuthor } from '../conversation/types';
import { templateVariablesOf } from './card';
import { lastCustomerMessageAt, recordSent } from './history';
import { credentialById } from './n8n-engine';
import { isWindowOpen, needsWindow, OUTSIDE_WINDOW_CODE, OutsideWindowError, outsideWindowMessage } from './whatsapp-window';

/** Header that carries the installation's internal secret on the pack's calls to its own trigger. */
export const INTERNAL_SECRET_HEADER = 'x-atendimento-secret';

/** Body of a card's request to the trigger that owns the conversation's channel. */
export interface SendCommand {
	command: 'send';
	conversationId: string;
	messages: OutboundMessage[];
}

/** The node that sends: a card (execute or webhook) or the trigger itself. Its failures name it. */
export type SendingContext = IExecuteFunctions | IWebhookFunctions;

/** Who sends and when the customer last wrote: a channel with reply windows (Messenger, Instagram) needs it. */
export interface SendDelivery {
	from: HistoryAuthor;
	lastCustomerMessageAt?: number;
}

type MessageSender = (contactId: string, message: OutboundMessage, delivery: SendDelivery) => Promise<void>;

/** Opens a door of the sending node with the channel credential holding `data` (another token of the same credential, for Chatwoot's administrator calls). */
type DoorOpener = (data: ICredentialDataDecryptedObject) => ChannelDoor;

/**
 * Each channel that sends through an API: its credential type and how a message goes out through a
 * door opened with that credential. A new channel adds its line here.
 */
const CHANNEL_SENDERS: Partial<Record<ChannelType, { credentialType: string; sender: (open: DoorOpener, data: ICredentialDataDecryptedObject, channel: ChannelRef) => MessageSender }>> = {
	whatsapp: { credentialType: WHATSAPP_CREDENTIAL_TYPE, sender: (open, data) => whatsAppSender(open(data), data) },
	telegram: { credentialType: TELEGRAM_CREDENTIAL_TYPE, sender: (open, data) => telegramSender(open(data), data) },
	messenger: { credentialType: MESSENGER_CREDENTIAL_TYPE, sender: (open, data) => metaSender('messenger')(open(data), data) },
	instagram: { credentialType: INSTAGRAM_CREDENTIAL_TYPE, sender: (open, data) => metaSender('instagram')(open(data), data) },
	chatwoot: { credentialType: CHATWOOT_CREDENTIAL_TYPE, sender: chatwootSender },
};

/**
 * Sends bot messages to the customer of `conversation`, in order. The web chat is written to the
 * store (the page reads it); WhatsApp and Telegram are sent by `context` itself with the channel
 * credential of the trigger that owns the conversation (`channel.credential`), read fresh for this
 * send: a failure is an error of the sending node, a changed credential is used at once. A
 * conversation recorded before the credential was (no `channel.credential`) goes through the
 * trigger's webhook, which holds the credential.
 * Nothing is sent to an opted-out contact unless `ignoreOptOut` (the opt-out confirmation).
 * The messages are recorded in the conversation's history once the channel took them, or as
 * `falhou` when it refused them (`from`: 'bot', or 'atendente' for the attendant API). Returns when
 * the channel took them (undefined when nothing was sent: no messages, or an opted-out contact).
 */
export async function sendToConversation(
	context: SendingContext,
	conversation: Conversation,
	messages: OutboundMessage[],
	options: { ignoreOptOut?: boolean; from?: HistoryAuthor; agent?: string } = {},
): Promise<number | undefined> {
	if (messages.length === 0) return undefined;
	const store = getConversationStore();
	const executionId = executionIdOf(context);
	const fresh = await withoutResent(context, conversation, messages, executionId);
	if (fresh.length === 0) return undefined;
	if (!options.ignoreOptOut && (await store.consentOf(conversation.channel.type, conversation.contact.id)) === 'out') return undefined;
	const from = options.from ?? 'bot';
	let outbound = fresh;
	// the bot's messages only: the Painel checks the window itself before an agent writes
	const botSends = from === 'bot';
	try {
		// outside WhatsApp's 24 h window: the trigger's template instead, or OutsideWindowError (whatsapp-window.ts)
		if (botSends && needsWindow(messages) && !isWindowOpen(conversation, Date.now())) outbound = outsideWindowReplacement(context, conversation);
		try {
			await dispatch(context, conversation, outbound, from);
		} catch (error) {
			// Meta counts the window itself and may close it earlier than the history says
			if (!botSends || platformErrorCode(error) !== OUTSIDE_WINDOW_CODE || !needsWindow(outbound)) throw error;
			outbound = outsideWindowReplacement(context, conversation);
			await dispatch(context, conversation, outbound, from);
		}
	} catch (error) {
		logLine(context.logger, 'warn', `envio ao cliente (${conversation.channel.type}) falhou: ${errorText(error)}`, {
			node: context.getNode().name,
			protocolo: conversation.protocolo,
		});
		await recordSent(conversation, outbound, options.from, 'falhou', options.agent);
		if (isUnavailableRecipientError(error)) {
			// the send's own error is what the card reports; a failure to record the reason is only logged
			await recordUnavailable(conversation, error).catch((recordError: unknown) =>
				logLine(context.logger, 'warn', `motivo de contato indisponível não gravado: ${errorText(recordError)}`, { protocolo: conversation.protocolo }),
			);
		}
		throw error;
	}
	// The customer can see the messages from now on (a waiting card's answers count from here).
	const sentAt = Date.now();
	await recordSent(conversation, outbound, options.from, 'enviada', options.agent, sentAt, botSends ? executionId : undefined);
	return sentAt;
}

/** The id of the execution sending, when there is one (a trigger's webhook has none). */
function executionIdOf(context: SendingContext): string | undefined {
	try {
		return context.getExecutionId() || undefined;
	} catch {
		return undefined;
	}
}

/**
 * `messages` without those the card, run again after its process died, had already sent
 * (checkpoint.ts `skip`): the customer does not get them twice.
 */
async function withoutResent(context: SendingContext, conversation: Conversation, messages: OutboundMessage[], executionId: string | undefined): Promise<OutboundMessage[]> {
	if (!conversation.checkpoint?.skip || conversation.checkpoint.executionId !== executionId) return messages;
	let skipped = 0;
	await getConversationStore().update(conversation.id, (record) => {
		skipped = takeSkippedMessages(record, executionId, messages.length);
	});
	if (skipped > 0) {
		logLine(context.logger, 'info', `${skipped} mensagem(ns) já enviada(s) antes de o processo parar: não reenviada(s)`, { node: context.getNode().name, protocolo: conversation.protocolo });
	}
	return messages.slice(skipped);
}

/**
 * What goes to a WhatsApp customer outside the 24-hour window instead of a card's messages: the
 * trigger's "Modelo fora da janela de 24h", its variables filled; without it, OutsideWindowError.
 */
function outsideWindowReplacement(context: SendingContext, conversation: Conversation): OutboundMessage[] {
	const template = outsideWindowMessage(conversation, templateVariablesOf(conversation));
	if (!template) throw new OutsideWindowError(context.getNode(), lastCustomerMessageAt(conversation));
	logLine(context.logger, 'info', `fora da janela de 24h do WhatsApp: enviado o modelo "${template.kind === 'template' ? template.name : ''}" no lugar da mensagem`, {
		node: context.getNode().name,
		protocolo: conversation.protocolo,
	});
	return [template];
}

/** Hands `messages` to the conversation's channel (see sendToConversation). */
async function dispatch(context: SendingContext, conversation: Conversation, messages: OutboundMessage[], from: HistoryAuthor): Promise<void> {
	const store = getConversationStore();
	if (conversation.channel.type === 'webchat') {
		for (const message of messages) {
			await store.appendWebchat(conversation.channel.accountId, conversation.contact.id, 'bot', await forWebchat(store, conversation, message));
		}
		return;
	}
	if (conversation.channel.credential) {
		await sendThroughChannel(context, conversation.channel, conversation.contact.id, messages, { from, lastCustomerMessageAt: lastCustomerMessageAt(conversation) });
		return;
	}
	const command: SendCommand = { command: 'send', conversationId: conversation.id, messages };
	await context.helpers.httpRequest({
		method: 'POST',
		url: conversation.channel.triggerUrl,
		headers: { [INTERNAL_SECRET_HEADER]: await store.internalSecret() },
		body: command,
		json: true,
		timeout: 30_000,
	});
}

/** Sends `messages` to contact `contactId` with the channel's credential, through `context`. */
async function sendThroughChannel(context: SendingContext, channel: ChannelRef, contactId: string, messages: OutboundMessage[], delivery: SendDelivery): Promise<void> {
	const reference = channel.credential!;
	const channelSender = CHANNEL_SENDERS[channel.type];
	if (channelSender?.credentialType !== reference.type) {
		throw new NodeOperationError(context.getNode(), `A conversa tem uma credencial do tipo "${reference.type}", que não é do canal ${channel.type}`, {
			description: 'O registro da conversa foi alterado fora do n8n. Encerre esta conversa; a próxima mensagem do cliente abre outra.',
		});
	}
	const data = await channelCredentials(context, reference);
	const send = channelSender.sender((fields) => doorOf(context, reference.type, { ...reference, data: fields }), data, channel);
	for (const message of messages) await send(contactId, message, delivery);
}

/**
 * The channel said the person cannot receive messages (Messenger/Instagram 551): the conversation is
 * kept, with an event saying why the bot's messages did not reach the customer.
 */
async function recordUnavailable(conversation: Conversation, error: unknown): Promise<void> {
	await getConversationStore().update(conversation.id, (record) => {
		record.events = appendEvent(record.events, { at: Date.now(), type: 'contato_indisponivel', data: { canal: conversation.channel.type, motivo: errorText(error) } });
	});
}

/** The WhatsApp API of the conversation's channel credential, read now through `context` (template lists). */
export async function conversationWhatsAppApi(context: SendingContext, conversation: Conversation): Promise<ReturnType<typeof whatsAppApi>> {
	const reference = conversation.channel.credential;
	if (conversation.channel.type !== 'whatsapp' || reference?.type !== WHATSAPP_CREDENTIAL_TYPE) {
		throw new NodeOperationError(context.getNode(), 'Esta conversa não é de uma conta do WhatsApp com credencial registrada');
	}
	const data = await channelCredentials(context, reference);
	return whatsAppApi(doorOf(context, reference.type, { ...reference, data }), data as unknown as WhatsAppCredentials);
}

/**
 * The Chatwoot API of the conversation's channel credential, read now through `context` (handoff,
 * labels), with the inbox kind of the conversation.
 */
export async function conversationChatwootApi(context: SendingContext, conversation: Conversation, itemIndex?: number): Promise<ReturnType<typeof chatwootApi>> {
	const reference = conversation.channel.credential;
	if (conversation.channel.type !== 'chatwoot' || reference?.type !== CHATWOOT_CREDENTIAL_TYPE) {
		throw new NodeOperationError(context.getNode(), 'Esta conversa não é de uma caixa do Chatwoot com credencial registrada', { itemIndex });
	}
	const data = await channelCredentials(context, reference);
	return chatwootApi(chatwootDoors(context, reference, data, itemIndex), data as unknown as ChatwootCredentials);
}

function whatsAppSender(door: ChannelDoor, data: ICredentialDataDecryptedObject): MessageSender {
	const api = whatsAppApi(door, data as unknown as WhatsAppCredentials);
	return async (contactId, message) => await api.sendMessage(contactId, message);
}

function telegramSender(door: ChannelDoor, data: ICredentialDataDecryptedObject): MessageSender {
	const api = telegramApi(door, data as unknown as TelegramCredentials);
	return async (contactId, message) => await api.sendMessage(contactId, message);
}

/** Chatwoot: the contact is the conversation; options are shown as the conversation's inbox allows (`channel.variant`). */
function chatwootSender(open: DoorOpener, data: ICredentialDataDecryptedObject, channel: ChannelRef): MessageSender {
	const userToken = typeof data.userToken === 'string' ? data.userToken.trim() : '';
	const api = chatwootApi({ bot: open(data), ...(userToken ? { user: open({ ...data, botToken: userToken }) } : {}) }, data as unknown as ChatwootCredentials);
	return async (contactId, message) => await api.sendMessage(contactId, message, chatwootInboxKind(channel.variant));
}

/**
 * Messenger and Instagram: the bot always answers as a RESPONSE (Meta refuses it after 24 h with
 * 10/2018278, said in pt-BR by the API module); an agent's reply made after 24 h goes with the
 * HUMAN_AGENT tag (the desk refuses it after 7 days, before sending). The bot never tags.
 */
function metaSender(channel: MetaMessagingChannel) {
	return (door: ChannelDoor, data: ICredentialDataDecryptedObject): MessageSender => {
		const api = metaMessagingApi(door, metaAccountOf(channel, data as unknown as MessengerCredentials & InstagramCredentials));
		return async (contactId, message, delivery) => await api.sendMessage(contactId, message, { humanAgent: needsHumanAgentTag(delivery) });
	};
}

/**
 * An attendant's message sent 24 h or more after the customer's last one. Without a customer message
 * on record there is no window to extend: no tag (Meta refuses the send, said in pt-BR).
 */
export function needsHumanAgentTag(delivery: SendDelivery, now = Date.now()): boolean {
	if (delivery.from !== 'atendente' || delivery.lastCustomerMessageAt === undefined) return false;
	return now - delivery.lastCustomerMessageAt >= STANDARD_WINDOW_MS;
}

/** The trigger reads its own credential as any node does; a card reads the trigger's by id. */
async function channelCredentials(context: SendingContext, reference: NonNullable<ChannelRef['credential']>): Promise<ICredentialDataDecryptedObject> {
	if (context.getNode().credentials?.[reference.type]?.id === reference.id) return await context.getCredentials(reference.type);
	return await credentialById(context, reference);
}

/**
 * The web chat page shows files by URL: a binary file is kept in the store, apart from the history,
 * which holds only the URL where the trigger serves it to this session.
 */
async function forWebchat(store: ConversationStore, conversation: Conversation, message: OutboundMessage): Promise<OutboundMessage> {
	if (message.kind !== 'media' || !message.data) return message;
	const { data, ...rest } = message;
	const fileId = await store.putWebchatFile(conversation.channel.accountId, conversation.contact.id, {
		data: Buffer.from(data, 'base64'),
		mimeType: message.mimeType ?? 'application/octet-stream',
		...(message.fileName ? { fileName: message.fileName } : {}),
	});
	return { ...rest, url: webchatFileUrl(fileId, conversation.contact.id) };
}

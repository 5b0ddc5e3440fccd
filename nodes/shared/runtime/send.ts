import type { IHttpRequestOptions } from 'n8n-workflow';

import type { OutboundMessage } from '../channels/types';
import { webchatFileUrl } from '../channels/webchat/files';
import { getConversationStore, type ConversationStore } from '../conversation';
import type { Conversation } from '../conversation/types';
import { localSenderOf } from './local-senders';

/** Header that carries the installation's internal secret on the pack's calls to its own trigger. */
export const INTERNAL_SECRET_HEADER = 'x-atendimento-secret';

/** Body of a card's request to the trigger that owns the conversation's channel. */
export interface SendCommand {
	command: 'send';
	conversationId: string;
	messages: OutboundMessage[];
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** Sends messages with a channel credential at hand (the trigger's), instead of going through the trigger. */
export type ChannelSender = (conversation: Conversation, messages: OutboundMessage[]) => Promise<void>;

/**
 * Sends bot messages to the customer of `conversation`, in order. The web chat is written to the
 * store (the page reads it); WhatsApp and Telegram go through the trigger that owns the channel,
 * which holds the channel credential, so cards need no credential of their own (DESIGN.md §3):
 * directly with its sender when that trigger runs in this process (local-senders.ts), else through
 * its webhook.
 * Nothing is sent to an opted-out contact unless `ignoreOptOut` (the opt-out confirmation).
 */
export async function sendToConversation(
	httpRequest: HttpRequest,
	conversation: Conversation,
	messages: OutboundMessage[],
	options: { ignoreOptOut?: boolean; sender?: ChannelSender } = {},
): Promise<void> {
	if (messages.length === 0) return;
	const store = getConversationStore();
	if (!options.ignoreOptOut && (await store.consentOf(conversation.channel.type, conversation.contact.id)) === 'out') return;
	if (conversation.channel.type === 'webchat') {
		for (const message of messages) {
			await store.appendWebchat(conversation.channel.accountId, conversation.contact.id, 'bot', await forWebchat(store, conversation, message));
		}
		return;
	}
	const sender = options.sender ?? localSenderOf(conversation.channel.triggerUrl);
	if (sender) {
		await sender(conversation, messages);
		return;
	}
	const command: SendCommand = { command: 'send', conversationId: conversation.id, messages };
	await httpRequest({
		method: 'POST',
		url: conversation.channel.triggerUrl,
		headers: { [INTERNAL_SECRET_HEADER]: await store.internalSecret() },
		body: command,
		json: true,
		timeout: 30_000,
	});
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

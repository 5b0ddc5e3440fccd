import type { IHttpRequestOptions } from 'n8n-workflow';

import type { OutboundMessage } from '../channels/types';
import { getConversationStore } from '../conversation';
import type { Conversation, HistoryAuthor } from '../conversation/types';
import { recordSent } from './history';
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
 * The messages are recorded in the conversation's history as they are handed to the channel
 * (`from`: 'bot', or 'atendente' for the attendant API).
 */
export async function sendToConversation(
	httpRequest: HttpRequest,
	conversation: Conversation,
	messages: OutboundMessage[],
	options: { ignoreOptOut?: boolean; sender?: ChannelSender; from?: HistoryAuthor } = {},
): Promise<void> {
	if (messages.length === 0) return;
	const store = getConversationStore();
	if (!options.ignoreOptOut && (await store.consentOf(conversation.channel.type, conversation.contact.id)) === 'out') return;
	await recordSent(conversation, messages, options.from);
	if (conversation.channel.type === 'webchat') {
		for (const message of messages) {
			await store.appendWebchat(conversation.channel.accountId, conversation.contact.id, 'bot', forWebchat(message));
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

/** The web chat page shows files by URL: a binary file becomes a data: URL. */
function forWebchat(message: OutboundMessage): OutboundMessage {
	if (message.kind !== 'media' || !message.data) return message;
	const { data, ...rest } = message;
	return { ...rest, url: `data:${message.mimeType ?? 'application/octet-stream'};base64,${data}` };
}

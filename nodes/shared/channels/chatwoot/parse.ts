/**
 * Parses the events Chatwoot POSTs to an agent bot's `outgoing_url` (docs/apis-externas.md §G).
 * Identity: the account id is `<account>:<inbox>`, the contact id the conversation's display id (the
 * number in every `/conversations/{id}` path), so one Chatwoot conversation is one contact here.
 */
import { normalizeForMatch } from '../../text/normalize';
import { MalformedDeliveryError } from '../errors';
import type { JsonObject } from '../guards';
import { arrayOrEmpty, compact, isObject, optionalId, optionalNumber, optionalObject, optionalString } from '../guards';
import type { InboundContent, InboundMessage } from '../types';
import { chatwootInboxKind, whatsAppTitles, type ChatwootInboxKind } from './render';

/** A conversation status in Chatwoot. */
export type ChatwootStatus = 'open' | 'pending' | 'resolved' | 'snoozed';

/** What an event says about its conversation. */
export interface ChatwootConversationInfo {
	/** Display id (as a string): the contact id here. */
	conversationId: string;
	inboxId?: string;
	status?: ChatwootStatus;
	/** The inbox's channel type (`Channel::Whatsapp`, `Channel::WebWidget`…). */
	channelType?: string;
	inboxKind: ChatwootInboxKind;
	/** Attributes a `conversation_updated` says changed (`changed_attributes`); undefined when it does not say. */
	changedAttributes?: string[];
}

/** One event, as the trigger acts on it. */
export type ChatwootEvent =
	/** A customer message, or an option picked in the web widget (`message_updated` + `submitted_values`). */
	| { kind: 'customer'; event: string; conversation: ChatwootConversationInfo; message: InboundMessage }
	/** A message the customer did not write: an agent's reply, a private note, an activity line, the bot's own echo. */
	| {
			kind: 'other';
			event: string;
			conversation: ChatwootConversationInfo;
			messageId: string;
			author: 'atendente' | 'bot' | 'sistema';
			isPrivate: boolean;
			text?: string;
			agentName?: string;
	  }
	/** A conversation event (`conversation_opened`, `_resolved`, `_updated`, `_status_changed`) or a `message_updated` with no answer. */
	| { kind: 'conversation'; event: string; conversation: ChatwootConversationInfo }
	/** An event the trigger has nothing to do with (`webwidget_triggered`, unknown events). */
	| { kind: 'ignored'; event: string };

const STATUSES = new Set(['open', 'pending', 'resolved', 'snoozed']);
const CONVERSATION_EVENTS = new Set(['conversation_opened', 'conversation_resolved', 'conversation_updated', 'conversation_status_changed', 'conversation_created']);

/**
 * Turns one webhook body into one event; messages get `accountId` (`<account>:<inbox>`). `receivedAt` stamps messages whose `created_at` is missing.
 * Throws `MalformedDeliveryError` when the body is not an object, has no `event`, or a message or
 * conversation event has no conversation id.
 */
export function parseChatwootEvent(body: unknown, accountId: string, receivedAt: number = Date.now()): ChatwootEvent {
	if (!isObject(body)) throw new MalformedDeliveryError('Evento do Chatwoot inválido: o corpo não é um objeto JSON.');
	const event = optionalString(body.event);
	if (!event) throw new MalformedDeliveryError('Evento do Chatwoot inválido: falta "event".');
	if (event === 'message_created' || event === 'message_updated') return parseMessageEvent(event, body, accountId, receivedAt);
	if (CONVERSATION_EVENTS.has(event)) return { kind: 'conversation', event, conversation: conversationInfo(body, 'o corpo') };
	return { kind: 'ignored', event };
}

function conversationInfo(conversation: JsonObject, where: string): ChatwootConversationInfo {
	const conversationId = optionalId(conversation.id) ?? optionalId(conversation.display_id);
	if (!conversationId) throw new MalformedDeliveryError(`Evento do Chatwoot inválido: falta o id da conversa em ${where}.`);
	const status = optionalString(conversation.status);
	const channelType = optionalString(conversation.channel);
	const changed = Array.isArray(conversation.changed_attributes) ? conversation.changed_attributes.filter(isObject).flatMap((change) => Object.keys(change)) : undefined;
	return compact({
		changedAttributes: changed,
		conversationId,
		inboxId: optionalId(conversation.inbox_id),
		status: status && STATUSES.has(status) ? (status as ChatwootStatus) : undefined,
		channelType,
		inboxKind: chatwootInboxKind(channelType),
	});
}

function parseMessageEvent(event: string, body: JsonObject, accountId: string, receivedAt: number): ChatwootEvent {
	const conversationObject = optionalObject(body.conversation);
	if (!conversationObject) throw new MalformedDeliveryError('Evento de mensagem do Chatwoot inválido: falta "conversation".');
	const conversation = conversationInfo(conversationObject, '"conversation"');
	if (!conversation.inboxId) {
		const inboxId = optionalId(optionalObject(body.inbox)?.id);
		if (inboxId) conversation.inboxId = inboxId;
	}
	const id = optionalId(body.id);
	if (!id) throw new MalformedDeliveryError('Evento de mensagem do Chatwoot inválido: falta "id" da mensagem.');
	const timestamp = timestampOf(body.created_at) ?? receivedAt;
	const contact = contactOf(optionalObject(body.sender), optionalObject(optionalObject(conversationObject.meta)?.sender));
	const base = { channel: 'chatwoot' as const, accountId, contactId: conversation.conversationId, timestamp, ...contact };

	if (event === 'message_updated') {
		const submitted = arrayOrEmpty(optionalObject(body.content_attributes)?.submitted_values).filter(isObject)[0];
		if (!submitted) return { kind: 'conversation', event, conversation };
		const value = optionalString(submitted.value) ?? optionalString(submitted.title) ?? '';
		const title = optionalString(submitted.title) ?? value;
		if (!value) return { kind: 'conversation', event, conversation };
		return { kind: 'customer', event, conversation, message: compact({ ...base, messageId: `cw:${id}:resposta`, timestamp: receivedAt, content: { kind: 'choice', id: value, title } }) };
	}

	const type = messageTypeOf(body.message_type);
	const isPrivate = body.private === true;
	const text = optionalString(body.content);
	if (type === 'incoming' && !isPrivate) {
		return { kind: 'customer', event, conversation, message: compact({ ...base, messageId: `cw:${id}`, content: contentOf(text, body.attachments) }) };
	}
	const sender = optionalObject(body.sender);
	const senderType = optionalString(sender?.type)?.toLowerCase();
	const author = type === 'activity' ? 'sistema' : senderType === 'agent_bot' || (type === 'outgoing' && !sender) ? 'bot' : 'atendente';
	return compact({ kind: 'other' as const, event, conversation, messageId: `cw:${id}`, author, isPrivate, text, agentName: author === 'atendente' ? optionalString(sender?.name) : undefined });
}

/** `message_type` is a string at the top level and an integer inside `conversation.messages[]`. */
function messageTypeOf(value: unknown): string | undefined {
	if (typeof value === 'number') return ['incoming', 'outgoing', 'activity', 'template'][value];
	return optionalString(value);
}

function timestampOf(value: unknown): number | undefined {
	const seconds = optionalNumber(value);
	if (seconds !== undefined) return seconds < 1e12 ? seconds * 1000 : seconds;
	const text = optionalString(value);
	const parsed = text ? Date.parse(text) : Number.NaN;
	return Number.isFinite(parsed) ? parsed : undefined;
}

/** Name and phone (E.164 digits) of the customer: the message's sender, else the conversation's. */
function contactOf(sender: JsonObject | undefined, metaSender: JsonObject | undefined): { contactName?: string; contactPhone?: string } {
	const person = sender && optionalString(sender.type)?.toLowerCase() !== 'agent_bot' && optionalString(sender.type)?.toLowerCase() !== 'user' ? sender : metaSender;
	const phone = optionalString(person?.phone_number)?.replace(/\D/g, '');
	return compact({ contactName: optionalString(person?.name), contactPhone: phone || undefined });
}

const FILE_TYPES: Record<string, 'image' | 'audio' | 'video' | 'document'> = { image: 'image', audio: 'audio', video: 'video', file: 'document' };

function contentOf(text: string | undefined, attachments: unknown): InboundContent {
	const attachment = arrayOrEmpty(attachments).filter(isObject)[0];
	if (!attachment) return text !== undefined ? { kind: 'text', text } : { kind: 'unsupported', originalType: 'vazia' };
	const fileType = optionalString(attachment.file_type) ?? 'file';
	if (fileType === 'location') {
		const latitude = optionalNumber(attachment.coordinates_lat) ?? Number(attachment.coordinates_lat);
		const longitude = optionalNumber(attachment.coordinates_long) ?? Number(attachment.coordinates_long);
		if (Number.isFinite(latitude) && Number.isFinite(longitude)) {
			return compact({ kind: 'location', latitude, longitude, name: optionalString(attachment.fallback_title) });
		}
		return { kind: 'unsupported', originalType: 'location' };
	}
	const mediaType = FILE_TYPES[fileType];
	if (!mediaType) return text !== undefined ? { kind: 'text', text } : { kind: 'unsupported', originalType: fileType };
	const url = optionalString(attachment.data_url);
	return compact({ kind: 'media', mediaType, url, fileName: url ? fileNameOf(url) : undefined, caption: text });
}

function fileNameOf(url: string): string | undefined {
	try {
		const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
		return name || undefined;
	} catch {
		return undefined;
	}
}

/**
 * A WhatsApp inbox gives back a tapped button or list row as its TITLE text (the value is dropped):
 * the text becomes the choice whose label, or whose title as rendered for WhatsApp (cut to Meta's
 * limits), it equals, ignoring case and accents. `labels`: the options of the last question the bot
 * sent. Anything else is returned unchanged.
 */
export function choiceFromTitle(message: InboundMessage, labels: string[] | undefined, kind: ChatwootInboxKind): InboundMessage {
	if (message.content.kind !== 'text' || !labels || labels.length === 0) return message;
	const answer = normalizeForMatch(message.content.text);
	if (!answer) return message;
	const rendered = kind === 'whatsapp' ? whatsAppTitles(labels.map((label, index) => ({ id: String(index), label }))) : undefined;
	const index = labels.findIndex((label, position) => normalizeForMatch(label) === answer || (rendered !== undefined && normalizeForMatch(rendered[position]) === answer));
	if (index < 0) return message;
	return { ...message, content: { kind: 'choice', id: labels[index], title: labels[index] } };
}

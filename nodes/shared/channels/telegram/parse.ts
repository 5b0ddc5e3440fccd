/** Parses Telegram Bot API webhook updates (docs/apis-externas.md §B). */
import { MalformedDeliveryError } from '../errors';
import type { JsonObject } from '../guards';
import { arrayOrEmpty, compact, isObject, optionalId, optionalNumber, optionalObject, optionalString } from '../guards';
import type { InboundContent, InboundMessage, ParsedDelivery } from '../types';

export { MalformedDeliveryError } from '../errors';

/** A parsed update; `callbackQueryId` is set for button clicks, which must be answered. */
export type TelegramDelivery = ParsedDelivery & { callbackQueryId?: string };

/** Message fields checked in order to name an unsupported message (`originalType`). */
const OTHER_CONTENT = ['sticker', 'video_note', 'animation', 'poll', 'dice', 'game', 'story', 'invoice'];

/**
 * Turns one update into at most one neutral message. `message` and `callback_query` are read;
 * edited messages and every other update type give an empty delivery. `botId` becomes the
 * account id; `messageId` is `tg:<update_id>`. Callback queries carry no date, so they are
 * stamped with `receivedAt` (now by default). Throws `MalformedDeliveryError` when `update_id`
 * or the chat is missing.
 */
export function parseTelegramUpdate(body: unknown, botId: string, receivedAt: number = Date.now()): TelegramDelivery {
	if (!isObject(body)) throw new MalformedDeliveryError('Update do Telegram inválido: o corpo não é um objeto JSON.');
	const updateId = optionalNumber(body.update_id);
	if (updateId === undefined || !Number.isInteger(updateId)) {
		throw new MalformedDeliveryError('Update do Telegram inválido: falta "update_id" numérico.');
	}
	const base = { channel: 'telegram' as const, accountId: botId, messageId: `tg:${updateId}` };
	if (body.message !== undefined) {
		const message = requireObject(body.message, 'message');
		return single(
			compact({
				...base,
				...sender(message.from),
				contactId: chatId(message, 'message.chat.id'),
				timestamp: messageDate(message),
				content: parseContent(message),
			}),
		);
	}
	if (body.callback_query !== undefined) {
		const query = requireObject(body.callback_query, 'callback_query');
		const callbackQueryId = optionalString(query.id);
		if (!callbackQueryId) throw new MalformedDeliveryError('Update do Telegram inválido: callback_query sem "id".');
		const message = optionalObject(query.message);
		const from = optionalObject(query.from);
		const contactId = optionalId(optionalObject(message?.chat)?.id) ?? optionalId(from?.id);
		if (!contactId) throw new MalformedDeliveryError('Update do Telegram inválido: callback_query sem chat nem remetente.');
		const content = callbackContent(query.data, message);
		return { ...single(compact({ ...base, ...sender(from), contactId, timestamp: receivedAt, content })), callbackQueryId };
	}
	return { messages: [], statuses: [] };
}

function single(message: InboundMessage): TelegramDelivery {
	return { messages: [message], statuses: [] };
}

function requireObject(value: unknown, field: string): JsonObject {
	if (!isObject(value)) throw new MalformedDeliveryError(`Update do Telegram inválido: "${field}" não é um objeto.`);
	return value;
}

function chatId(message: JsonObject, field: string): string {
	const id = optionalId(optionalObject(message.chat)?.id);
	if (!id) throw new MalformedDeliveryError(`Update do Telegram inválido: falta "${field}".`);
	return id;
}

function messageDate(message: JsonObject): number {
	const date = optionalNumber(message.date);
	if (date === undefined) throw new MalformedDeliveryError('Update do Telegram inválido: falta "message.date".');
	return date * 1000;
}

/** `first_name last_name` of the sender, when there is one. */
function sender(from: unknown): { contactName?: string } {
	const user = optionalObject(from);
	const name = [optionalString(user?.first_name), optionalString(user?.last_name)].filter(Boolean).join(' ');
	return name ? { contactName: name } : {};
}

function parseContent(message: JsonObject): InboundContent {
	const caption = optionalString(message.caption);
	if (typeof message.text === 'string') return { kind: 'text', text: message.text };
	const photo = arrayOrEmpty(message.photo).filter(isObject);
	if (photo.length > 0) return media('image', photo[photo.length - 1], caption);
	if (isObject(message.document)) return media('document', message.document, caption);
	if (isObject(message.audio)) return media('audio', message.audio, caption);
	if (isObject(message.voice)) return media('audio', message.voice, caption);
	if (isObject(message.video)) return media('video', message.video, caption);
	const location = optionalObject(message.location) ?? optionalObject(optionalObject(message.venue)?.location);
	if (location) return parseLocation(location, optionalObject(message.venue));
	if (isObject(message.contact)) return parseContact(message.contact);
	return { kind: 'unsupported', originalType: OTHER_CONTENT.find((field) => message[field] !== undefined) ?? 'message' };
}

/** Media by Telegram file_id (photos: the largest size, which Telegram lists last). */
function media(mediaType: 'image' | 'document' | 'audio' | 'video', file: JsonObject, caption?: string): InboundContent {
	return compact({
		kind: 'media',
		mediaType,
		mediaId: optionalString(file.file_id),
		mimeType: optionalString(file.mime_type),
		fileName: optionalString(file.file_name),
		caption,
	});
}

function parseLocation(location: JsonObject, venue: JsonObject | undefined): InboundContent {
	const latitude = optionalNumber(location.latitude);
	const longitude = optionalNumber(location.longitude);
	if (latitude === undefined || longitude === undefined) {
		throw new MalformedDeliveryError('Update do Telegram inválido: localização sem latitude/longitude numéricas.');
	}
	return compact({
		kind: 'location',
		latitude,
		longitude,
		name: optionalString(venue?.title),
		address: optionalString(venue?.address),
	});
}

function parseContact(contact: JsonObject): InboundContent {
	const name = [optionalString(contact.first_name), optionalString(contact.last_name)].filter(Boolean).join(' ');
	const phone = optionalString(contact.phone_number);
	return { kind: 'contact', name, phones: phone ? [phone] : [] };
}

/** A button click: the choice id and the label of the button found in the message's keyboard. */
function callbackContent(data: unknown, message: JsonObject | undefined): InboundContent {
	const id = optionalString(data);
	if (!id) return { kind: 'unsupported', originalType: 'callback_query' };
	const rows = arrayOrEmpty(optionalObject(message?.reply_markup)?.inline_keyboard);
	const button = rows
		.flatMap((row) => arrayOrEmpty(row))
		.filter(isObject)
		.find((candidate) => candidate.callback_data === id);
	return { kind: 'choice', id, title: optionalString(button?.text) ?? id };
}

/**
 * Parses Messenger Platform webhook deliveries, Facebook Messenger (`object: "page"`) and Instagram
 * (`object: "instagram"`), docs/apis-externas.md §H.2. The GET handshake and the signature are
 * WhatsApp's (parseWhatsAppVerification, verifyWhatsAppSignature): the same Meta webhooks.
 */
import { MalformedDeliveryError } from '../errors';
import type { JsonObject } from '../guards';
import { arrayOrEmpty, compact, isObject, optionalId, optionalNumber, optionalObject, optionalString } from '../guards';
import type { InboundContent, InboundMessage, ParsedDelivery } from '../types';

/** The two channels of the Messenger Platform. */
export type MetaMessagingChannel = 'messenger' | 'instagram';

const OBJECT_OF: Record<MetaMessagingChannel, string> = { messenger: 'page', instagram: 'instagram' };
const PLATFORM_NAME: Record<MetaMessagingChannel, string> = { messenger: 'Messenger', instagram: 'Instagram' };

/** Attachment types that are files the bot can receive, as the neutral media types. */
const MEDIA_OF: Record<string, Extract<InboundContent, { kind: 'media' }>['mediaType']> = {
	image: 'image',
	audio: 'audio',
	video: 'video',
	file: 'document',
};

/**
 * Turns one webhook POST body of `channel` into neutral messages. Echoes (`message.is_echo`: the
 * page's own sends, in Messenger's `message_echoes` field and in Instagram's `messages`), deliveries,
 * reads, reactions and other events are skipped, as is a repeated `mid` within the delivery. A
 * quick-reply tap becomes a choice (its payload, with the title the customer sees as text), as does a
 * postback. Events come in `entry[].messaging[]`; the `entry[].changes[] { field, value }` form Meta's
 * reference examples show is read too. Throws `MalformedDeliveryError` on a wrong envelope.
 */
export function parseMetaMessagingDelivery(channel: MetaMessagingChannel, body: unknown): ParsedDelivery {
	const name = PLATFORM_NAME[channel];
	if (!isObject(body)) throw new MalformedDeliveryError(`Entrega do ${name} inválida: o corpo não é um objeto JSON.`);
	if (body.object !== OBJECT_OF[channel]) {
		throw new MalformedDeliveryError(`Entrega do ${name} inválida: object "${String(body.object)}" (esperado "${OBJECT_OF[channel]}").`);
	}
	if (!Array.isArray(body.entry)) throw new MalformedDeliveryError(`Entrega do ${name} inválida: falta a lista "entry".`);
	const delivery: ParsedDelivery = { messages: [], statuses: [] };
	const seen = new Set<string>();
	for (const entry of body.entry) {
		if (!isObject(entry)) throw new MalformedDeliveryError(`Entrega do ${name} inválida: item de "entry" não é um objeto.`);
		const accountId = optionalId(entry.id);
		if (!accountId) throw new MalformedDeliveryError(`Entrega do ${name} inválida: item de "entry" sem "id".`);
		const events = [...arrayOrEmpty(entry.messaging), ...arrayOrEmpty(entry.changes).filter(isObject).map((change) => change.value)];
		for (const event of events) {
			for (const message of parseEvent(channel, accountId, event)) {
				if (seen.has(message.messageId)) continue;
				seen.add(message.messageId);
				delivery.messages.push(message);
			}
		}
	}
	return delivery;
}

function parseEvent(channel: MetaMessagingChannel, accountId: string, event: unknown): InboundMessage[] {
	if (!isObject(event)) throw new MalformedDeliveryError(`Evento do ${PLATFORM_NAME[channel]} inválido: não é um objeto.`);
	const message = optionalObject(event.message);
	const postback = optionalObject(event.postback);
	if (!message && !postback) return []; // delivery, read, reaction, referral, optin…
	if (message?.is_echo === true || message?.is_deleted === true) return [];
	const contactId = optionalId(optionalObject(event.sender)?.id);
	if (!contactId) throw new MalformedDeliveryError(`Evento do ${PLATFORM_NAME[channel]} sem "sender.id".`);
	if (contactId === accountId) return []; // the account's own message without the echo flag
	const timestamp = epochMs(event.timestamp);
	const base = { channel, accountId, contactId, timestamp };
	if (postback) {
		const payload = optionalString(postback.payload);
		const title = optionalString(postback.title);
		const id = payload ?? title;
		if (!id) return [];
		const messageId = optionalString(postback.mid) ?? `postback:${contactId}:${timestamp}:${id}`;
		return [{ ...base, messageId, content: { kind: 'choice', id, title: title ?? id } }];
	}
	const mid = optionalString(message!.mid);
	if (!mid) throw new MalformedDeliveryError(`Mensagem do ${PLATFORM_NAME[channel]} sem "mid".`);
	const text = typeof message!.text === 'string' ? message!.text : undefined;
	const quickReply = optionalString(optionalObject(message!.quick_reply)?.payload);
	if (quickReply) return [{ ...base, messageId: mid, content: { kind: 'choice', id: quickReply, title: text ?? quickReply } }];
	const attachments = arrayOrEmpty(message!.attachments).filter(isObject);
	if (attachments.length === 0) {
		return text !== undefined ? [{ ...base, messageId: mid, content: { kind: 'text', text } }] : [{ ...base, messageId: mid, content: { kind: 'unsupported', originalType: 'message' } }];
	}
	// One message per attachment (Messenger sends several photos in one message); the text is the first one's caption.
	return attachments.map((attachment, index) => ({
		...base,
		messageId: index === 0 ? mid : `${mid}#${index + 1}`,
		content: attachmentContent(attachment, index === 0 ? text : undefined),
	}));
}

function attachmentContent(attachment: JsonObject, caption: string | undefined): InboundContent {
	const type = optionalString(attachment.type) ?? 'unknown';
	const payload = optionalObject(attachment.payload);
	if (type === 'location') {
		const coordinates = optionalObject(payload?.coordinates);
		const latitude = optionalNumber(coordinates?.lat);
		const longitude = optionalNumber(coordinates?.long);
		if (latitude !== undefined && longitude !== undefined) return { kind: 'location', latitude, longitude };
	}
	const mediaType = MEDIA_OF[type];
	if (!mediaType) return { kind: 'unsupported', originalType: type };
	return compact({
		kind: 'media' as const,
		mediaType: mediaType === 'image' && payload?.sticker_id !== undefined ? ('sticker' as const) : mediaType,
		url: optionalString(payload?.url),
		caption,
	});
}

/** Messenger timestamps are epoch milliseconds; some examples (postbacks) show seconds. */
function epochMs(value: unknown): number {
	const number = optionalNumber(value);
	if (number === undefined) return Date.now();
	return number < 1e12 ? number * 1000 : number;
}

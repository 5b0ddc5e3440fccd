/** Parses WhatsApp Cloud API webhook deliveries (docs/apis-externas.md §A.1, §A.3, §A.4). */
import { MalformedDeliveryError } from '../errors';
import type { JsonObject } from '../guards';
import { arrayOrEmpty, compact, isObject, optionalNumber, optionalObject, optionalString } from '../guards';
import type { InboundContent, InboundMessage, ParsedDelivery, StatusUpdate } from '../types';
import { parseFlowReply, UnreadableFlowReply } from './flows';

export { MalformedDeliveryError } from '../errors';

/** The three query parameters of Meta's GET verification request. */
export interface WhatsAppVerification {
	mode: string;
	token: string;
	challenge: string;
}

const STATUSES: ReadonlyArray<StatusUpdate['status']> = ['sent', 'delivered', 'read', 'failed'];
const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;
type MediaType = (typeof MEDIA_TYPES)[number];

/**
 * Reads `hub.mode`, `hub.verify_token` and `hub.challenge` from a GET query (also accepting
 * `hub_mode`-style keys and a nested `hub` object). Undefined when any of them is missing.
 * The caller checks `mode === 'subscribe'`, compares the token with `safeEqual` and answers the
 * challenge as plain text.
 */
export function parseWhatsAppVerification(query: unknown): WhatsAppVerification | undefined {
	if (!isObject(query)) return undefined;
	const mode = queryValue(query, 'mode');
	const token = queryValue(query, 'verify_token');
	const challenge = queryValue(query, 'challenge');
	return mode && token && challenge ? { mode, token, challenge } : undefined;
}

function queryValue(query: JsonObject, name: string): string | undefined {
	const nested = optionalObject(query.hub);
	const raw = query[`hub.${name}`] ?? query[`hub_${name}`] ?? nested?.[name];
	return optionalString(Array.isArray(raw) ? raw[0] : raw);
}

/**
 * Turns one webhook POST body into neutral messages and status updates. Changes of fields other
 * than `messages` (account, template and quality updates) are skipped, as are status values this
 * pack does not track. Throws `MalformedDeliveryError` when the envelope or a required id is missing.
 */
export function parseWhatsAppDelivery(body: unknown): ParsedDelivery {
	if (!isObject(body)) throw new MalformedDeliveryError('Entrega do WhatsApp inválida: o corpo não é um objeto JSON.');
	if (body.object !== undefined && body.object !== 'whatsapp_business_account') {
		throw new MalformedDeliveryError(`Entrega do WhatsApp inválida: object "${String(body.object)}" inesperado.`);
	}
	if (!Array.isArray(body.entry)) throw new MalformedDeliveryError('Entrega do WhatsApp inválida: falta a lista "entry".');
	const delivery: ParsedDelivery = { messages: [], statuses: [] };
	for (const entry of body.entry) {
		if (!isObject(entry) || !Array.isArray(entry.changes)) {
			throw new MalformedDeliveryError('Entrega do WhatsApp inválida: item de "entry" sem a lista "changes".');
		}
		for (const change of entry.changes) {
			if (!isObject(change)) {
				throw new MalformedDeliveryError('Entrega do WhatsApp inválida: item de "changes" não é um objeto.');
			}
			if (change.field !== undefined && change.field !== 'messages') continue;
			parseValue(change.value, delivery);
		}
	}
	return delivery;
}

function parseValue(value: unknown, delivery: ParsedDelivery): void {
	if (!isObject(value)) throw new MalformedDeliveryError('Entrega do WhatsApp inválida: "changes[].value" ausente.');
	const messages = arrayOrEmpty(value.messages);
	const statuses = arrayOrEmpty(value.statuses);
	if (messages.length === 0 && statuses.length === 0) return;
	const accountId = optionalString(optionalObject(value.metadata)?.phone_number_id);
	if (!accountId) throw new MalformedDeliveryError('Entrega do WhatsApp inválida: falta "metadata.phone_number_id".');
	const contacts = arrayOrEmpty(value.contacts).filter(isObject);
	for (const message of messages) delivery.messages.push(parseMessage(message, accountId, contacts));
	for (const status of statuses) {
		const parsed = parseStatus(status, accountId);
		if (parsed) delivery.statuses.push(parsed);
	}
}

function parseMessage(message: unknown, accountId: string, contacts: JsonObject[]): InboundMessage {
	if (!isObject(message)) throw new MalformedDeliveryError('Mensagem do WhatsApp inválida: não é um objeto.');
	const messageId = optionalString(message.id);
	if (!messageId) throw new MalformedDeliveryError('Mensagem do WhatsApp inválida: falta "id".');
	const identity = senderIdentity(message, contacts);
	const contactId = identity.phone ?? identity.userId;
	if (!contactId) throw new MalformedDeliveryError(`Mensagem do WhatsApp ${messageId} sem remetente ("from"/"wa_id"/"from_user_id").`);
	const inbound: InboundMessage = {
		channel: 'whatsapp',
		accountId,
		contactId,
		messageId,
		timestamp: epochMs(message.timestamp, `mensagem ${messageId}`),
		content: parseContent(message, messageId),
	};
	if (identity.name) inbound.contactName = identity.name;
	if (identity.phone && /^\d+$/.test(identity.phone)) inbound.contactPhone = identity.phone;
	if (identity.userId) inbound.contactUserId = identity.userId;
	if (identity.parentUserId) inbound.contactParentUserId = identity.parentUserId;
	if (identity.username) inbound.contactUsername = identity.username;
	const referral = parseReferral(message.referral);
	if (referral) inbound.referral = referral;
	return inbound;
}

/** Who sent a message: phone (`wa_id`/`from`), BSUID, parent BSUID, profile name and username. */
interface SenderIdentity {
	phone?: string;
	userId?: string;
	parentUserId?: string;
	name?: string;
	username?: string;
}

/**
 * The sender of `message` from the message and its `contacts[]` entry. Since 2026 a contact who
 * adopted a username may come with a business-scoped user id (`from_user_id`, `contacts[].user_id`)
 * and no phone (`from`/`wa_id` omitted); both may also come together, and an enrolled business gets
 * a parent BSUID too (docs/apis-externas.md §A.9). The contact entry is the one naming the same
 * phone or BSUID; a lone entry belongs to the message only when it cannot name someone else (a
 * delivery can batch messages of several senders while listing fewer contacts).
 */
function senderIdentity(message: JsonObject, contacts: JsonObject[]): SenderIdentity {
	const from = optionalString(message.from);
	const fromUserId = optionalString(message.from_user_id);
	const names = (candidate: JsonObject) =>
		(from !== undefined && candidate.wa_id === from) || (fromUserId !== undefined && candidate.user_id === fromUserId);
	const loneContact =
		contacts.length === 1 &&
		(from === undefined || contacts[0].wa_id === undefined) &&
		(fromUserId === undefined || contacts[0].user_id === undefined)
			? contacts[0]
			: undefined;
	const contact = contacts.find(names) ?? loneContact;
	const profile = optionalObject(contact?.profile);
	return compact({
		phone: optionalString(contact?.wa_id) ?? from,
		userId: fromUserId ?? optionalString(contact?.user_id),
		parentUserId: optionalString(message.from_parent_user_id) ?? optionalString(contact?.parent_user_id),
		name: optionalString(profile?.name),
		username: optionalString(profile?.username),
	});
}

function parseContent(message: JsonObject, messageId: string): InboundContent {
	const type = optionalString(message.type) ?? 'unknown';
	const payload = optionalObject(message[type]);
	if (type === 'text') {
		const text = typeof payload?.body === 'string' ? payload.body : undefined;
		if (text === undefined) throw new MalformedDeliveryError(`Mensagem de texto do WhatsApp ${messageId} sem "text.body".`);
		return { kind: 'text', text };
	}
	if (type === 'interactive' && payload?.type === 'nfm_reply') return parseFormReply(payload, message.context);
	if (type === 'interactive') return parseInteractive(payload, messageId);
	if (type === 'button') {
		const title = optionalString(payload?.text);
		const id = optionalString(payload?.payload) ?? title;
		if (!id) throw new MalformedDeliveryError(`Resposta de botão do WhatsApp ${messageId} sem "payload".`);
		return { kind: 'choice', id, title: title ?? id };
	}
	if (isMediaType(type)) return parseMedia(type, payload);
	if (type === 'location') return parseLocation(payload, messageId);
	if (type === 'contacts') return parseSharedContact(message.contacts);
	return { kind: 'unsupported', originalType: type };
}

function parseInteractive(payload: JsonObject | undefined, messageId: string): InboundContent {
	const subtype = optionalString(payload?.type) ?? 'unknown';
	if (subtype !== 'button_reply' && subtype !== 'list_reply') {
		return { kind: 'unsupported', originalType: `interactive.${subtype}` };
	}
	const reply = optionalObject(payload?.[subtype]);
	const id = optionalString(reply?.id);
	if (!id) throw new MalformedDeliveryError(`Resposta interativa do WhatsApp ${messageId} sem "${subtype}.id".`);
	return { kind: 'choice', id, title: optionalString(reply?.title) ?? id };
}

/** A submitted WhatsApp Flow; an unreadable one is unsupported content (with the problem), never a failed delivery. */
function parseFormReply(payload: JsonObject, context: unknown): InboundContent {
	try {
		return parseFlowReply(payload, context);
	} catch (error) {
		if (!(error instanceof UnreadableFlowReply)) throw error;
		return { kind: 'unsupported', originalType: 'interactive.nfm_reply', problem: error.message };
	}
}

function isMediaType(type: string): type is MediaType {
	return (MEDIA_TYPES as readonly string[]).includes(type);
}

function parseMedia(mediaType: MediaType, payload: JsonObject | undefined): InboundContent {
	return compact({
		kind: 'media',
		mediaType,
		mediaId: optionalString(payload?.id),
		url: optionalString(payload?.url),
		mimeType: optionalString(payload?.mime_type),
		fileName: optionalString(payload?.filename),
		caption: optionalString(payload?.caption),
	});
}

function parseLocation(payload: JsonObject | undefined, messageId: string): InboundContent {
	const latitude = optionalNumber(payload?.latitude);
	const longitude = optionalNumber(payload?.longitude);
	if (latitude === undefined || longitude === undefined) {
		throw new MalformedDeliveryError(`Localização do WhatsApp ${messageId} sem latitude/longitude numéricas.`);
	}
	return compact({
		kind: 'location',
		latitude,
		longitude,
		name: optionalString(payload?.name),
		address: optionalString(payload?.address),
	});
}

/** A shared contact card: the first card's formatted name and its phones (wa_id when known). */
function parseSharedContact(cards: unknown): InboundContent {
	const card = arrayOrEmpty(cards).find(isObject);
	const name = optionalObject(card?.name);
	const fullName =
		optionalString(name?.formatted_name) ??
		[optionalString(name?.first_name), optionalString(name?.last_name)].filter(Boolean).join(' ');
	const phones = arrayOrEmpty(card?.phones)
		.filter(isObject)
		.map((phone) => optionalString(phone.wa_id) ?? optionalString(phone.phone))
		.filter((phone): phone is string => phone !== undefined);
	return { kind: 'contact', name: fullName, phones };
}

function parseReferral(value: unknown): InboundMessage['referral'] {
	const referral = optionalObject(value);
	if (!referral) return undefined;
	const fields = compact({
		sourceUrl: optionalString(referral.source_url),
		sourceId: optionalString(referral.source_id),
		sourceType: optionalString(referral.source_type),
		headline: optionalString(referral.headline),
		ctwaClid: optionalString(referral.ctwa_clid),
	});
	return Object.keys(fields).length > 0 ? fields : undefined;
}

function parseStatus(status: unknown, accountId: string): StatusUpdate | undefined {
	if (!isObject(status)) throw new MalformedDeliveryError('Status do WhatsApp inválido: não é um objeto.');
	const value = STATUSES.find((known) => known === status.status);
	if (!value) return undefined;
	const messageId = optionalString(status.id);
	if (!messageId) throw new MalformedDeliveryError('Status do WhatsApp inválido: falta "id".');
	const update: StatusUpdate = {
		channel: 'whatsapp',
		accountId,
		messageId,
		recipientId: optionalString(status.recipient_id) ?? optionalString(status.recipient_user_id) ?? '',
		status: value,
		timestamp: epochMs(status.timestamp, `status de ${messageId}`),
	};
	// BSUID sends: `recipient_user_id` always, `recipient_id` only when the phone is known (§A.9).
	const recipientUserId = optionalString(status.recipient_user_id);
	if (recipientUserId) update.recipientUserId = recipientUserId;
	const errors = arrayOrEmpty(status.errors).filter(isObject).map(parseStatusError);
	if (errors.length > 0) update.errors = errors;
	const callbackData = optionalString(status.biz_opaque_callback_data);
	if (callbackData) update.callbackData = callbackData;
	return update;
}

function parseStatusError(error: JsonObject): { code: number; title: string; message?: string } {
	const code = optionalNumber(error.code) ?? 0;
	const title = optionalString(error.title) ?? optionalString(error.message) ?? `Erro ${code}`;
	const message = optionalString(optionalObject(error.error_data)?.details) ?? optionalString(error.message);
	return message ? { code, title, message } : { code, title };
}

/** WhatsApp timestamps are epoch seconds as strings. */
function epochMs(value: unknown, what: string): number {
	const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : optionalNumber(value);
	if (seconds === undefined) {
		throw new MalformedDeliveryError(`Entrega do WhatsApp inválida: ${what} sem "timestamp" válido.`);
	}
	return seconds * 1000;
}

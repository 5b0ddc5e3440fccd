/**
 * Builders of the webhook deliveries Meta sends to a WhatsApp Cloud API app
 * (docs/apis-externas.md §A.1–A.4), their `X-Hub-Signature-256` signature, and helpers that
 * deliver them or run the GET verification handshake against a webhook URL.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { webhookErrorObject } from './whatsapp-errors';

/** Test identity of the simulated WhatsApp account (ids are Meta's sample values). */
export const WHATSAPP_TEST_ACCOUNT = {
	apiVersion: 'v25.0',
	accessToken: 'EAAJB-simulator-access-token',
	appSecret: 'simulator-app-secret',
	verifyToken: 'simulator-verify-token',
	phoneNumberId: '106540352242922',
	displayPhoneNumber: '15550783881',
	wabaId: '102290129340398',
} as const;

/** A JSON object as it travels in a webhook. */
export type WebhookObject = Record<string, unknown>;

/** Fields common to every inbound message builder. */
export interface InboundMessageOptions {
	/** Sender wa_id (default `5511987654321`). */
	from?: string;
	/** Message id (default: a fresh `wamid.…`). */
	id?: string;
	/** Unix seconds (default: now). */
	timestamp?: number;
	/** The message being replied to (buttons and lists always carry it). */
	context?: { from: string; id: string };
	/** Click-to-WhatsApp ad referral, see {@link adReferral}. */
	referral?: WebhookObject;
}

/** Options of the envelope around messages or statuses. */
export interface EnvelopeOptions {
	/** Profile name of the sender (messages only; default `Maria Silva`). */
	contactName?: string;
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	wabaId?: string;
}

/** A fresh message id in Meta's `wamid.` format. */
export function newWamid(): string {
	return `wamid.${randomBytes(24).toString('base64')}`;
}

function inbound(type: string, content: WebhookObject, options: InboundMessageOptions): WebhookObject {
	const message: WebhookObject = {};
	if (options.context) message.context = options.context;
	Object.assign(message, {
		from: options.from ?? '5511987654321',
		id: options.id ?? newWamid(),
		timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
		type,
		...content,
	});
	if (options.referral) message.referral = options.referral;
	return message;
}

/** An inbound text message. */
export function textMessage(body: string, options: InboundMessageOptions = {}): WebhookObject {
	return inbound('text', { text: { body } }, options);
}

/** A tap on a reply button; `replyTo` is the wamid of the message that had the buttons. */
export function buttonReplyMessage(id: string, title: string, replyTo: string, options: InboundMessageOptions = {}): WebhookObject {
	const context = { from: WHATSAPP_TEST_ACCOUNT.displayPhoneNumber, id: replyTo };
	return inbound('interactive', { interactive: { type: 'button_reply', button_reply: { id, title } } }, { context, ...options });
}

/** A choice from a list message; `replyTo` is the wamid of the list message. */
export function listReplyMessage(
	id: string,
	title: string,
	replyTo: string,
	options: InboundMessageOptions & { description?: string } = {},
): WebhookObject {
	const { description, ...messageOptions } = options;
	const context = { from: WHATSAPP_TEST_ACCOUNT.displayPhoneNumber, id: replyTo };
	const row = { id, title, ...(description === undefined ? {} : { description }) };
	return inbound('interactive', { interactive: { type: 'list_reply', list_reply: row } }, { context, ...messageOptions });
}

/** A tap on a template quick-reply button (`type: "button"`). */
export function templateButtonMessage(payload: string, text: string, replyTo: string, options: InboundMessageOptions = {}): WebhookObject {
	const context = { from: WHATSAPP_TEST_ACCOUNT.displayPhoneNumber, id: replyTo };
	return inbound('button', { button: { payload, text } }, { context, ...options });
}

/** Media fields of an inbound image, document, audio, video or sticker. */
export interface InboundMedia {
	id: string;
	mime_type: string;
	sha256?: string;
	caption?: string;
	filename?: string;
	/** `true` on recorded voice notes (audio). */
	voice?: boolean;
	/** Recent payloads carry a download URL; older ones only the id. */
	url?: string;
}

/** An inbound media message carrying a media id (download it with `GET /<ver>/<media-id>`). */
export function mediaMessage(
	type: 'image' | 'document' | 'audio' | 'video' | 'sticker',
	media: InboundMedia,
	options: InboundMessageOptions = {},
): WebhookObject {
	return inbound(type, { [type]: { sha256: randomBytes(32).toString('base64'), ...media } }, options);
}

/** An inbound location; `name`, `address` and `url` are only present for named places. */
export function locationMessage(
	location: { latitude: number; longitude: number; name?: string; address?: string; url?: string },
	options: InboundMessageOptions = {},
): WebhookObject {
	return inbound('location', { location }, options);
}

/** An inbound shared contact card (one or more contacts, Meta's `contacts` message shape). */
export function contactsMessage(contacts: WebhookObject[], options: InboundMessageOptions = {}): WebhookObject {
	return inbound('contacts', { contacts }, options);
}

/** A contact card with a name and one phone, in the shape of the `contacts` message. */
export function contactCard(name: string, phone: string, waId?: string): WebhookObject {
	const [firstName, ...rest] = name.split(' ');
	return {
		name: { formatted_name: name, first_name: firstName, last_name: rest.join(' ') },
		phones: [{ phone, type: 'CELL', ...(waId ? { wa_id: waId } : {}) }],
	};
}

/** A Click-to-WhatsApp ad referral (field names from Meta's messages webhook reference). */
export function adReferral(overrides: WebhookObject = {}): WebhookObject {
	return {
		source_url: 'https://fb.me/2ZulEu42P',
		source_id: '120208964327630012',
		source_type: 'ad',
		headline: 'Internet fibra 500 Mega',
		body: 'Assine hoje e ganhe a instalação',
		media_type: 'image',
		image_url: 'https://scontent.xx.fbcdn.net/v/ad-image.jpg',
		ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-ZABDLaFabh8Bh0K3AO5Oe6qZOUNcCc',
		...overrides,
	};
}

function envelope(value: WebhookObject, options: EnvelopeOptions): WebhookObject {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: options.wabaId ?? WHATSAPP_TEST_ACCOUNT.wabaId,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: {
								display_phone_number: options.displayPhoneNumber ?? WHATSAPP_TEST_ACCOUNT.displayPhoneNumber,
								phone_number_id: options.phoneNumberId ?? WHATSAPP_TEST_ACCOUNT.phoneNumberId,
							},
							...value,
						},
					},
				],
			},
		],
	};
}

/** A messages delivery: the envelope, `contacts` for the sender and the message(s). */
export function messagesWebhook(messages: WebhookObject | WebhookObject[], options: EnvelopeOptions = {}): WebhookObject {
	const list = Array.isArray(messages) ? messages : [messages];
	const waId = String(list[0]?.from ?? '5511987654321');
	return envelope({ contacts: [{ profile: { name: options.contactName ?? 'Maria Silva' }, wa_id: waId }], messages: list }, options);
}

/** Fields of one status callback. */
export interface StatusOptions {
	/** wamid of the outbound message. */
	id: string;
	status: 'sent' | 'delivered' | 'read' | 'failed';
	/** The phone (`recipient_id`); absent for a BSUID send without an available phone. */
	recipientId?: string;
	/** The BSUID (`recipient_user_id`): always on BSUID sends, and on phone sends except `failed`. */
	recipientUserId?: string;
	timestamp?: number;
	/** Error code of a `failed` status (e.g. 131047, 131026). */
	errorCode?: number;
	bizOpaqueCallbackData?: string;
}

/** One status object; `sent` and `delivered` carry `pricing`, `failed` carries `errors`. */
export function statusObject(options: StatusOptions): WebhookObject {
	const status: WebhookObject = {
		id: options.id,
		status: options.status,
		timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
	};
	if (options.recipientId !== undefined) status.recipient_id = options.recipientId;
	if (options.recipientUserId !== undefined) status.recipient_user_id = options.recipientUserId;
	if (options.status === 'sent' || options.status === 'delivered') {
		status.pricing = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'service' };
	}
	if (options.status === 'failed') status.errors = [webhookErrorObject(options.errorCode ?? 131026)];
	if (options.bizOpaqueCallbackData !== undefined) status.biz_opaque_callback_data = options.bizOpaqueCallbackData;
	return status;
}

/** A statuses delivery (no `contacts`, no `messages`). */
export function statusWebhook(statuses: WebhookObject | WebhookObject[], options: EnvelopeOptions = {}): WebhookObject {
	return envelope({ statuses: Array.isArray(statuses) ? statuses : [statuses] }, options);
}

/** A top-level errors delivery (`value.errors`), e.g. 130429. */
export function errorsWebhook(code: number, options: EnvelopeOptions = {}): WebhookObject {
	return envelope({ errors: [webhookErrorObject(code)] }, options);
}

/** `sha256=<hex>`: HMAC-SHA256 of the raw body bytes keyed with the app secret. */
export function signWebhookBody(rawBody: string | Buffer, appSecret: string): string {
	return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** An HTTP answer as a delivery helper saw it. */
export interface DeliveryResult {
	status: number;
	body: string;
	headers: Headers;
}

/** Options of {@link deliver}. */
export interface DeliverOptions {
	/** Sign with a wrong secret. */
	badSignature?: boolean;
	/** Send no signature header at all. */
	omitSignature?: boolean;
}

/** POSTs `payload` to `webhookUrl` as Meta does: JSON body, signed with `X-Hub-Signature-256`. */
export async function deliver(webhookUrl: string, payload: unknown, appSecret: string, options: DeliverOptions = {}): Promise<DeliveryResult> {
	const rawBody = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (!options.omitSignature) {
		headers['x-hub-signature-256'] = signWebhookBody(rawBody, options.badSignature ? `${appSecret}-wrong` : appSecret);
	}
	const response = await fetch(webhookUrl, { method: 'POST', headers, body: rawBody });
	return { status: response.status, body: await response.text(), headers: response.headers };
}

/** Runs Meta's GET verification handshake (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`). */
export async function verifyWebhook(url: string, verifyToken: string, challenge: string): Promise<DeliveryResult> {
	const target = new URL(url);
	target.searchParams.set('hub.mode', 'subscribe');
	target.searchParams.set('hub.verify_token', verifyToken);
	target.searchParams.set('hub.challenge', challenge);
	const response = await fetch(target);
	return { status: response.status, body: await response.text(), headers: response.headers };
}

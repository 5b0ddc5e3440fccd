/**
 * Messenger Platform simulator (Facebook Messenger and Instagram Direct), built from Meta's documented
 * wire shapes (docs/apis-externas.md §H), not from the pack's adapter:
 * - `POST /<ver>/<PAGE_ID|me>/messages`: sends and sender actions, with the limits enforced as Graph
 *   error 100 (13 quick replies, 20-character titles, 1000-character payloads, 640-character button
 *   text, 1–3 buttons; `sender_action` only without `message`; `messaging_type`, tags);
 * - `POST /<ver>/<PAGE_ID|me>/message_attachments`: uploads (JSON with a URL or multipart `filedata`);
 * - the windows: 10/2018278 outside 24 h of the person's last message, unless `MESSAGE_TAG` +
 *   `HUMAN_AGENT` within 7 days; a blocked person (551/1545041); 613 on demand; bearer-token check (190);
 * - webhook builders for `object: page` and `object: instagram` (text, quick reply, postback,
 *   attachments, echoes), signed with the app secret, and `deliver` that also opens the person's window.
 */
import { randomBytes } from 'node:crypto';

import { headerValue, jsonReply, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { deliver as deliverSigned, type DeliverOptions, type DeliveryResult } from './whatsapp-webhooks';

export { verifyWebhook, type DeliveryResult } from './whatsapp-webhooks';

/** Test accounts: a Page (Messenger) and an Instagram professional account. */
export const META_TEST_ACCOUNT = {
	pageId: '104000000000001',
	instagramAccountId: '17841400000000001',
	accessToken: 'EAAtesteMetaToken',
	appSecret: 'meta-app-secret-teste',
	verifyToken: 'meta-verify-teste',
	apiVersion: 'v26.0',
} as const;

export type MetaObject = 'page' | 'instagram';

const WINDOW_MS = 24 * 60 * 60 * 1000;
const HUMAN_AGENT_MS = 7 * 24 * 60 * 60 * 1000;
const TEXT_LIMIT: Record<MetaObject, number> = { page: 2000, instagram: 1000 };
const MESSAGING_TYPES = new Set(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']);
const MESSENGER_TAGS = new Set(['HUMAN_AGENT', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE']);
const SENDER_ACTIONS = new Set(['mark_seen', 'typing_on', 'typing_off']);

/** Graph errors the simulator answers (code, subcode, message). */
export const META_ERRORS = {
	invalidParameter: { code: 100, message: 'Invalid parameter' },
	outsideWindow: { code: 10, subcode: 2018278, message: '(#10) This message is sent outside of allowed window.' },
	unavailable: { code: 551, subcode: 1545041, message: "(#551) This person isn't available right now." },
	rateLimit: { code: 613, message: 'Calls to this API have exceeded the rate limit.' },
	token: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
	temporary: { code: 2, message: 'An unexpected error has occurred. Please retry your request later.' },
} as const;

/** A Graph error envelope `{ error: { message, type, code, error_subcode?, fbtrace_id } }`. */
export function metaErrorReply(error: { code: number; subcode?: number; message: string }, details?: string, httpStatus = 400): SimulatorReply {
	return jsonReply(httpStatus, {
		error: {
			message: details ? `${error.message} ${details}` : error.message,
			type: 'OAuthException',
			code: error.code,
			...(error.subcode !== undefined ? { error_subcode: error.subcode } : {}),
			fbtrace_id: randomBytes(8).toString('base64url'),
		},
	});
}

/** One accepted message send. */
export interface MetaSent {
	object: MetaObject;
	/** Page id, IG account id or `me` as in the path. */
	account: string;
	recipientId: string;
	messageId: string;
	body: Record<string, unknown>;
	message: Record<string, unknown>;
}

/** One accepted sender action. */
export interface MetaSenderAction {
	object: MetaObject;
	recipientId: string;
	action: string;
}

/** A running Messenger Platform simulator. */
export interface MetaMessagingSimulator extends Simulator {
	sent: MetaSent[];
	senderActions: MetaSenderAction[];
	/** Uploaded attachments by id. */
	attachments: Map<string, { type: string; url?: string; data?: Buffer; fileName?: string }>;
	/** The person `userId` wrote at `at` (default now): opens the 24 h window. `deliver` does it for every message it posts. */
	customerWrote(userId: string, at?: number): void;
	/** The person blocked the account: sends get 551/1545041. */
	block(userId: string): void;
	/** The next `count` sends get 613 (rate limit). */
	rateLimitNext(count?: number): void;
	/** The next `count` sends get `error`. */
	failNextWith(error: { code: number; subcode?: number; message: string }, count?: number, httpStatus?: number): void;
	/**
	 * Posts `payload` to `webhookUrl` as Meta does (signed with `appSecret`), after recording each
	 * non-echo message in it as the person's last message (the window).
	 */
	deliver(webhookUrl: string, payload: unknown, appSecret?: string, options?: DeliverOptions): Promise<DeliveryResult>;
}

/** Options: ids and token default to {@link META_TEST_ACCOUNT}. */
export interface MetaMessagingSimulatorOptions {
	accessToken?: string;
	pageId?: string;
	instagramAccountId?: string;
}

/** Starts the simulator on a random loopback port. */
export async function startMetaMessagingSimulator(options: MetaMessagingSimulatorOptions = {}): Promise<MetaMessagingSimulator> {
	const accessToken = options.accessToken ?? META_TEST_ACCOUNT.accessToken;
	const pageId = options.pageId ?? META_TEST_ACCOUNT.pageId;
	const instagramAccountId = options.instagramAccountId ?? META_TEST_ACCOUNT.instagramAccountId;
	const lastMessage = new Map<string, number>();
	const blocked = new Set<string>();
	let nextId = 1;
	const isSend = (request: RecordedRequest) => request.method === 'POST' && request.path.endsWith('/messages');

	function handle(request: RecordedRequest): SimulatorReply {
		if (headerValue(request, 'authorization') !== `Bearer ${accessToken}` && request.query.access_token !== accessToken) return metaErrorReply(META_ERRORS.token, undefined, 401);
		const [version, account, edge, ...rest] = request.path.split('/').filter(Boolean);
		if (!/^v\d+\.\d+$/.test(version ?? '')) return metaErrorReply(META_ERRORS.invalidParameter, `Unknown API version ${version ?? ''}`);
		if (rest.length > 0 || request.method !== 'POST') return metaErrorReply(META_ERRORS.invalidParameter, `Unsupported ${request.method} request to ${request.path}`);
		const object: MetaObject | undefined = account === pageId ? 'page' : account === instagramAccountId || account === 'me' ? 'instagram' : undefined;
		if (!object) return metaErrorReply(META_ERRORS.invalidParameter, `Object with ID '${account}' does not exist`);
		if (edge === 'messages') return send(object, account, request);
		if (edge === 'message_attachments') return upload(request);
		return metaErrorReply(META_ERRORS.invalidParameter, `Unknown edge ${edge ?? ''}`);
	}

	function send(object: MetaObject, account: string, request: RecordedRequest): SimulatorReply {
		const body = request.json as Record<string, unknown> | undefined;
		const recipient = body?.recipient as { id?: unknown } | undefined;
		const recipientId = typeof recipient?.id === 'string' ? recipient.id : undefined;
		if (!body || !recipientId) return metaErrorReply(META_ERRORS.invalidParameter, 'recipient.id is required');
		if (blocked.has(recipientId)) return metaErrorReply(META_ERRORS.unavailable);
		if (body.sender_action !== undefined) {
			if (body.message !== undefined) return metaErrorReply(META_ERRORS.invalidParameter, 'sender_action cannot be sent with message');
			if (!SENDER_ACTIONS.has(String(body.sender_action))) return metaErrorReply(META_ERRORS.invalidParameter, `Unknown sender_action ${String(body.sender_action)}`);
			simulator.senderActions.push({ object, recipientId, action: String(body.sender_action) });
			return jsonReply(200, { recipient_id: recipientId });
		}
		const invalid = invalidMessage(object, body);
		if (invalid) return metaErrorReply(META_ERRORS.invalidParameter, invalid);
		const since = Date.now() - (lastMessage.get(recipientId) ?? Number.NEGATIVE_INFINITY);
		const humanAgent = body.messaging_type === 'MESSAGE_TAG' && body.tag === 'HUMAN_AGENT';
		if (since >= (humanAgent ? HUMAN_AGENT_MS : WINDOW_MS)) return metaErrorReply(META_ERRORS.outsideWindow);
		const messageId = `m_${object}_${nextId++}_${randomBytes(6).toString('hex')}`;
		simulator.sent.push({ object, account, recipientId, messageId, body, message: body.message as Record<string, unknown> });
		return jsonReply(200, { recipient_id: recipientId, message_id: messageId });
	}

	function upload(request: RecordedRequest): SimulatorReply {
		const messageField = request.json !== undefined ? (request.json as { message?: unknown }).message : request.form.message;
		let message: { attachment?: { type?: unknown; payload?: { url?: unknown } } } | undefined;
		try {
			message = typeof messageField === 'string' ? (JSON.parse(messageField) as typeof message) : (messageField as typeof message);
		} catch {
			return metaErrorReply(META_ERRORS.invalidParameter, 'message must be JSON');
		}
		const type = message?.attachment?.type;
		if (typeof type !== 'string' || !['image', 'audio', 'video', 'file'].includes(type)) return metaErrorReply(META_ERRORS.invalidParameter, 'attachment.type must be image, audio, video or file');
		const file = request.files.find((candidate) => candidate.field === 'filedata');
		const url = message?.attachment?.payload?.url;
		if (!file && typeof url !== 'string') return metaErrorReply(META_ERRORS.invalidParameter, 'filedata or payload.url is required');
		const id = String(9_000_000_000 + nextId++);
		simulator.attachments.set(id, { type, ...(typeof url === 'string' ? { url } : {}), ...(file ? { data: file.data, fileName: file.fileName } : {}) });
		return jsonReply(200, { attachment_id: id });
	}

	function invalidMessage(object: MetaObject, body: Record<string, unknown>): string | undefined {
		if (!MESSAGING_TYPES.has(String(body.messaging_type))) return 'messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG';
		if (body.messaging_type === 'MESSAGE_TAG') {
			if (typeof body.tag !== 'string' || !MESSENGER_TAGS.has(body.tag)) return 'MESSAGE_TAG needs a valid tag';
			if (object === 'instagram' && body.tag !== 'HUMAN_AGENT') return `Tag ${body.tag} is not available for Instagram Messaging API`;
		}
		const message = body.message as Record<string, unknown> | undefined;
		if (!message || typeof message !== 'object') return 'message or sender_action is required';
		const hasText = typeof message.text === 'string';
		const attachment = message.attachment as Record<string, unknown> | undefined;
		if (hasText === (attachment !== undefined)) return 'message must have exactly one of text or attachment';
		if (hasText) {
			const text = message.text as string;
			if (text.trim() === '') return 'message.text is empty';
			if (text.length > TEXT_LIMIT[object]) return `message.text longer than ${TEXT_LIMIT[object]} characters`;
		}
		if (message.quick_replies !== undefined) {
			const replies = message.quick_replies;
			if (!Array.isArray(replies) || replies.length < 1 || replies.length > 13) return 'quick_replies must have 1 to 13 items';
			for (const reply of replies as Array<Record<string, unknown>>) {
				if (reply.content_type !== 'text') continue;
				if (typeof reply.title !== 'string' || reply.title === '' || reply.title.length > 20) return 'quick_replies[].title must have 1 to 20 characters';
				if (typeof reply.payload !== 'string' && typeof reply.payload !== 'number') return 'quick_replies[].payload is required';
				if (String(reply.payload).length > 1000) return 'quick_replies[].payload longer than 1000 characters';
			}
		}
		if (attachment) return invalidAttachment(attachment);
		return undefined;
	}

	function invalidAttachment(attachment: Record<string, unknown>): string | undefined {
		const payload = (attachment.payload ?? {}) as Record<string, unknown>;
		if (attachment.type === 'template') {
			if (payload.template_type !== 'button') return undefined;
			if (typeof payload.text !== 'string' || payload.text.length > 640) return 'button template text must have up to 640 characters';
			const buttons = payload.buttons;
			if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) return 'button template must have 1 to 3 buttons';
			for (const button of buttons as Array<Record<string, unknown>>) {
				if (typeof button.title !== 'string' || button.title.length > 20) return 'buttons[].title must have up to 20 characters';
				if (button.type === 'postback' && (typeof button.payload !== 'string' || button.payload.length > 1000)) return 'buttons[].payload must have up to 1000 characters';
			}
			return undefined;
		}
		if (!['image', 'audio', 'video', 'file'].includes(String(attachment.type))) return `Unknown attachment type ${String(attachment.type)}`;
		if (typeof payload.url === 'string') return undefined;
		if (typeof payload.attachment_id === 'string' && simulator.attachments.has(payload.attachment_id)) return undefined;
		return 'attachment.payload needs a url or a known attachment_id';
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.sent.length = 0;
			simulator.senderActions.length = 0;
			simulator.attachments.clear();
			lastMessage.clear();
			blocked.clear();
		},
	});

	const simulator: MetaMessagingSimulator = Object.assign(base, {
		sent: [] as MetaSent[],
		senderActions: [] as MetaSenderAction[],
		attachments: new Map<string, { type: string; url?: string; data?: Buffer; fileName?: string }>(),
		customerWrote(userId: string, at = Date.now()) {
			lastMessage.set(userId, at);
		},
		block(userId: string) {
			blocked.add(userId);
		},
		rateLimitNext(count = 1) {
			base.failNext(count, metaErrorReply(META_ERRORS.rateLimit), isSend);
		},
		failNextWith(error: { code: number; subcode?: number; message: string }, count = 1, httpStatus = 400) {
			base.failNext(count, metaErrorReply(error, undefined, httpStatus), isSend);
		},
		async deliver(webhookUrl: string, payload: unknown, appSecret: string = META_TEST_ACCOUNT.appSecret, deliverOptions: DeliverOptions = {}) {
			for (const userId of writers(payload)) simulator.customerWrote(userId);
			return await deliverSigned(webhookUrl, payload, appSecret, deliverOptions);
		},
	});
	return simulator;
}

/** Senders of the non-echo messages and postbacks of a webhook payload. */
function writers(payload: unknown): string[] {
	const ids: string[] = [];
	const entries = (payload as { entry?: unknown } | undefined)?.entry;
	for (const entry of Array.isArray(entries) ? (entries as Array<{ messaging?: unknown }>) : []) {
		for (const event of Array.isArray(entry.messaging) ? (entry.messaging as Array<Record<string, unknown>>) : []) {
			const message = event.message as { is_echo?: unknown } | undefined;
			if ((message && message.is_echo !== true) || event.postback) ids.push(String((event.sender as { id?: unknown } | undefined)?.id));
		}
	}
	return ids;
}

/* ---------- webhook builders ---------- */

export type MetaEvent = Record<string, unknown>;

let nextMid = 1;
/** A new message id in Meta's `m_…` form. */
export function newMid(): string {
	return `m_${Date.now()}_${nextMid++}_${randomBytes(6).toString('hex')}`;
}

interface EventOptions {
	/** The account the event is for (recipient); default the test Page. */
	account?: string;
	mid?: string;
	timestamp?: number;
}

function event(sender: string, options: EventOptions, body: MetaEvent): MetaEvent {
	return { sender: { id: sender }, recipient: { id: options.account ?? META_TEST_ACCOUNT.pageId }, timestamp: options.timestamp ?? Date.now(), ...body };
}

/** A text message from `sender` (PSID or IGSID). */
export function metaTextEvent(sender: string, text: string, options: EventOptions = {}): MetaEvent {
	return event(sender, options, { message: { mid: options.mid ?? newMid(), text } });
}

/** A quick-reply tap: the title as `text` and the payload in `quick_reply.payload`. */
export function metaQuickReplyEvent(sender: string, title: string, payload: string, options: EventOptions = {}): MetaEvent {
	return event(sender, options, { message: { mid: options.mid ?? newMid(), text: title, quick_reply: { payload } } });
}

/** A postback (button template, Get Started, persistent menu). */
export function metaPostbackEvent(sender: string, title: string, payload: string, options: EventOptions = {}): MetaEvent {
	return event(sender, options, { postback: { mid: options.mid ?? newMid(), title, payload } });
}

/** A message with attachments (`image`, `audio`, `video`, `file`, `reel`…), each with `payload.url`. */
export function metaAttachmentEvent(sender: string, attachments: Array<{ type: string; url: string }>, options: EventOptions & { text?: string } = {}): MetaEvent {
	return event(sender, options, {
		message: { mid: options.mid ?? newMid(), ...(options.text ? { text: options.text } : {}), attachments: attachments.map(({ type, url }) => ({ type, payload: { url } })) },
	});
}

/** An echo of the account's own message to `recipient` (Messenger `message_echoes`; Instagram `messages` with `is_echo`). */
export function metaEchoEvent(account: string, recipient: string, text: string, options: EventOptions = {}): MetaEvent {
	return {
		sender: { id: account },
		recipient: { id: recipient },
		timestamp: options.timestamp ?? Date.now(),
		message: { mid: options.mid ?? newMid(), is_echo: true, app_id: 1517776481860111, text },
	};
}

/** `{ object: "page", entry: [{ id: PAGE_ID, time, messaging: [...] }] }`. */
export function pageWebhook(events: MetaEvent | MetaEvent[], pageId: string = META_TEST_ACCOUNT.pageId): Record<string, unknown> {
	return { object: 'page', entry: [{ id: pageId, time: Date.now(), messaging: Array.isArray(events) ? events : [events] }] };
}

/** `{ object: "instagram", entry: [{ id: IG_ACCOUNT_ID, time, messaging: [...] }] }`. */
export function instagramWebhook(events: MetaEvent | MetaEvent[], accountId: string = META_TEST_ACCOUNT.instagramAccountId): Record<string, unknown> {
	return { object: 'instagram', entry: [{ id: accountId, time: Date.now(), messaging: Array.isArray(events) ? events : [events] }] };
}

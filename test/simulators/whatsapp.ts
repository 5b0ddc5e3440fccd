/**
 * WhatsApp Cloud API (Graph) simulator, docs/apis-externas.md §A:
 * - `POST /<ver>/<PHONE_NUMBER_ID>/messages`: sends (validated with the A.5 limits) and mark-as-read;
 * - `POST /<ver>/<PHONE_NUMBER_ID>/media`, `GET|DELETE /<ver>/<MEDIA_ID>`, `GET <url>`: media (A.6);
 * - `GET /<ver>/<WABA_ID>/message_templates`: the account's templates;
 * - bearer-token check (401, Graph error 190), error injection by code, the 24-hour window
 *   (131047 synchronous or as a `failed` status), undeliverable numbers (131026), Brazil's
 *   9th-digit `wa_id` (F.3) and signed status webhooks posted back to the bot;
 * - WhatsApp Flows (§A "WhatsApp Flows"): flow messages and FLOW template buttons validated, `nfm_reply` built for a sent Flow.
 * Inbound webhook builders live in `whatsapp-webhooks.ts` and are re-exported here.
 */
import { createHash } from 'node:crypto';

import {
	headerValue,
	jsonReply,
	startSimulator,
	type RecordedRequest,
	type Simulator,
	type SimulatorReply,
} from './base';
import { graphErrorReply } from './whatsapp-errors';
import { checkTemplateSend, DEFAULT_TEMPLATES, listTemplates, templateButtonTap, type MessageTemplate } from './whatsapp-templates';
import { BSUID_PATTERN, validateMessageBody } from './whatsapp-validation';
import {
	deliver,
	newWamid,
	statusObject,
	statusWebhook,
	templateButtonMessage,
	WHATSAPP_TEST_ACCOUNT,
	type DeliveryResult,
	type InboundMessageOptions,
	type WebhookObject,
} from './whatsapp-webhooks';

export * from './whatsapp-webhooks';
export { flowReplyMessage, flowTokenOf, type FlowReplyOptions } from './whatsapp-flows';
export * from './whatsapp-bsuid';
export { GRAPH_ERRORS, graphErrorBody } from './whatsapp-errors';
export { DEFAULT_TEMPLATES, type MessageTemplate } from './whatsapp-templates';

/** Where and how the simulator posts status callbacks for the messages it accepts. */
export interface StatusWebhookTarget {
	url: string;
	appSecret: string;
	/** Statuses posted for a successful send, in order (default sent, delivered, read). */
	statuses?: Array<'sent' | 'delivered' | 'read'>;
}

/** Options of {@link startWhatsAppSimulator}; ids default to {@link WHATSAPP_TEST_ACCOUNT}. */
export interface WhatsAppSimulatorOptions {
	accessToken?: string;
	phoneNumberId?: string;
	wabaId?: string;
	templates?: MessageTemplate[];
	statusWebhook?: StatusWebhookTarget;
	/** Answer a `wa_id` without the 9th digit for DDDs outside 11–19, 21, 22, 24, 27, 28 (default true). */
	ninthDigitQuirk?: boolean;
}

/** One outbound message the simulator accepted. */
export interface SentMessage {
	wamid: string;
	/** The addressee as sent: a phone, or a business-scoped user id (BSUID). */
	to: string;
	/** How it was addressed: `to` or `recipient` (a BSUID). */
	by: 'to' | 'recipient';
	/** The phone's canonical wa_id, or the BSUID. */
	waId: string;
	type: string;
	body: Record<string, unknown>;
}

/** An uploaded (or test-provided) media file. */
export interface StoredMedia {
	data: Buffer;
	mimeType: string;
	fileName?: string;
}

/** A running WhatsApp simulator. */
export interface WhatsAppSimulator extends Simulator {
	/** Accepted outbound messages, oldest first. */
	sent: SentMessage[];
	/** wamids marked as read. */
	readReceipts: string[];
	/** wamids marked as read with the typing indicator (`typing_indicator: { type: "text" }`). */
	typingIndicators: string[];
	/**
	 * Sends Meta answered 200 with a wamid but never delivered: a BSUID put in `to` instead of
	 * `recipient` (docs/apis-externas.md §A.9). Not in `sent`, no status callbacks.
	 */
	dropped: SentMessage[];
	/** Status objects produced for accepted messages (also when no status webhook is set). */
	statuses: WebhookObject[];
	media: Map<string, StoredMedia>;
	templates: MessageTemplate[];
	/** Where status callbacks go; `undefined` keeps them in `statuses` only. */
	statusWebhook: StatusWebhookTarget | undefined;
	/** The next `count` sends fail with Graph error `code` in the documented envelope. */
	failNextWithCode(code: number, count?: number, httpStatus?: number): void;
	/** Closes the 24-hour window of `waId`: free-form sends fail with 131047 synchronously or as a `failed` status. */
	closeWindow(waId: string, mode?: 'sync' | 'async'): void;
	openWindow(waId: string): void;
	/**
	 * The customer `id` (wa_id or BSUID) wrote at `at` (epoch ms, default now): from then on the 24-hour
	 * window is enforced for him — a free-form send after `at` + 24 h fails with 131047 (synchronous).
	 */
	customerWrote(id: string, at?: number): void;
	/** The simulator's clock for the 24-hour window (default Date.now). */
	setClock(now: () => number): void;
	/** Sends to `waId` are accepted and then reported `failed` with 131026. */
	markUndeliverable(waId: string): void;
	/** From now on only `token` is accepted (a token rotated in Meta's panel): the old one gets error 190. */
	rotateAccessToken(token: string): void;
	/** Stores a media file as if it had been received, returning its media id. */
	addMedia(data: Buffer, mimeType: string, fileName?: string): string;
	/** Waits for every status callback scheduled so far and returns the bot's answers. */
	flushStatusWebhooks(): Promise<DeliveryResult[]>;
	/**
	 * Calls `listener` the moment an outbound message is accepted (benchmarks time replies with it);
	 * returns the function that removes it.
	 */
	onSent(listener: (message: SentMessage) => void): () => void;
	/**
	 * The customer who received template message `sent` taps its quick reply `text`: the inbound
	 * `type: "button"` message, with the payload the send gave that button (its text when it gave none),
	 * replying to `sent`, from its addressee (`from` overrides him). Throws when the template has no such button.
	 */
	tapTemplateButton(sent: SentMessage, text: string, options?: InboundMessageOptions): WebhookObject;
}

/** WhatsApp's customer-service window (docs/apis-externas.md §A.7). */
const WINDOW_MS = 24 * 60 * 60 * 1000;

const KEEP_NINTH_DIGIT_DDDS = new Set(['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '22', '24', '27', '28']);

/** The `wa_id` WhatsApp answers for `to`: digits only, without the 9th digit where old accounts lack it. */
export function canonicalWaId(to: string, ninthDigitQuirk = true): string {
	const digits = to.replace(/\D/g, '');
	const ddd = digits.slice(2, 4);
	if (ninthDigitQuirk && digits.length === 13 && digits.startsWith('55') && digits[4] === '9' && !KEEP_NINTH_DIGIT_DDDS.has(ddd)) {
		return digits.slice(0, 4) + digits.slice(5);
	}
	return digits;
}

/** Starts a WhatsApp Cloud API simulator on a random loopback port. */
export async function startWhatsAppSimulator(options: WhatsAppSimulatorOptions = {}): Promise<WhatsAppSimulator> {
	let accessToken = options.accessToken ?? WHATSAPP_TEST_ACCOUNT.accessToken;
	const phoneNumberId = options.phoneNumberId ?? WHATSAPP_TEST_ACCOUNT.phoneNumberId;
	const wabaId = options.wabaId ?? WHATSAPP_TEST_ACCOUNT.wabaId;
	const closedWindows = new Map<string, 'sync' | 'async'>();
	/** Last inbound message per customer (only customers a test said wrote have an enforced window). */
	const lastInbound = new Map<string, number>();
	let clock: () => number = Date.now;
	const undeliverable = new Set<string>();
	let deliveries: Array<Promise<DeliveryResult>> = [];
	let nextMediaId = 1_479_537_139_650_973;
	let deliveryChain: Promise<unknown> = Promise.resolve();
	const sentListeners = new Set<(message: SentMessage) => void>();

	// a mark-as-read (with "digitando") is a POST to /messages too, but not a send
	const isSend = (request: RecordedRequest) =>
		request.method === 'POST' && request.path.endsWith('/messages') && (request.json as { status?: unknown } | undefined)?.status !== 'read';

	function handle(request: RecordedRequest, baseUrl: string): SimulatorReply {
		if (headerValue(request, 'authorization') !== `Bearer ${accessToken}`) return graphErrorReply(190);
		const segments = request.path.split('/').filter(Boolean);
		if (segments[0] === 'media-download') return downloadMedia(segments[1]);
		if (!/^v\d+\.\d+$/.test(segments[0] ?? '')) return graphErrorReply(100, `Unknown API version ${segments[0] ?? ''}`);
		const [, objectId, edge] = segments;
		if (segments.length === 3 && request.method === 'POST' && edge === 'messages') return checkPhone(objectId) ?? sendMessage(request);
		if (segments.length === 3 && request.method === 'POST' && edge === 'media') return checkPhone(objectId) ?? uploadMedia(request);
		if (segments.length === 3 && request.method === 'GET' && edge === 'message_templates') {
			return objectId === wabaId ? listTemplates(simulator.templates, request) : unknownObject(objectId);
		}
		if (segments.length === 2 && request.method === 'GET') return mediaUrl(objectId, baseUrl);
		if (segments.length === 2 && request.method === 'DELETE') {
			return simulator.media.delete(objectId) ? jsonReply(200, { success: true }) : unknownObject(objectId);
		}
		return graphErrorReply(100, `Unsupported ${request.method} request to ${request.path}`);
	}

	function checkPhone(objectId: string): SimulatorReply | null {
		return objectId === phoneNumberId ? null : unknownObject(objectId);
	}

	function sendMessage(request: RecordedRequest): SimulatorReply {
		const validated = validateMessageBody(request.json);
		if ('code' in validated) return graphErrorReply(validated.code, validated.details);
		if (validated.kind === 'read') {
			simulator.readReceipts.push(validated.messageId);
			if (validated.typing) simulator.typingIndicators.push(validated.messageId);
			return jsonReply(200, { success: true });
		}
		const body = request.json as Record<string, unknown>;
		const bsuid = BSUID_PATTERN.test(validated.to);
		const waId = bsuid ? validated.to : canonicalWaId(validated.to, options.ninthDigitQuirk ?? true);
		if (bsuid && validated.by === 'to') {
			// Meta: a BSUID in `to` gets HTTP 200 and a wamid, and the message is silently dropped.
			const wamid = newWamid();
			simulator.dropped.push({ wamid, to: validated.to, by: 'to', waId, type: validated.type, body });
			return jsonReply(200, { messaging_product: 'whatsapp', contacts: [{ input: validated.to }], messages: [{ id: wamid }] });
		}
		const windowMode = validated.type === 'template' ? undefined : (closedWindows.get(waId) ?? windowExpired(waId));
		if (windowMode === 'sync') return graphErrorReply(131047);
		if (validated.type === 'template') {
			const template = body.template as Record<string, unknown>;
			const rejection = checkTemplateSend(simulator.templates, template);
			if (rejection) return rejection;
			// one-tap, zero-tap and copy-code authentication templates need a phone number
			if (bsuid && simulator.templates.find((candidate) => candidate.name === template.name)?.category === 'AUTHENTICATION') return graphErrorReply(131062);
		}
		const wamid = newWamid();
		const sent: SentMessage = { wamid, to: validated.to, by: validated.by, waId, type: validated.type, body };
		simulator.sent.push(sent);
		for (const listener of sentListeners) listener(sent);
		const failure = windowMode === 'async' ? 131047 : undeliverable.has(waId) ? 131026 : undefined;
		reportStatuses(wamid, waId, failure, body.biz_opaque_callback_data as string | undefined);
		const contact = bsuid ? { input: validated.to, user_id: waId } : { input: validated.to, wa_id: waId };
		return jsonReply(200, { messaging_product: 'whatsapp', contacts: [contact], messages: [{ id: wamid }] });
	}

	/** 'sync' when the customer's recorded last message is 24 h old or more (see customerWrote). */
	function windowExpired(id: string): 'sync' | undefined {
		const last = lastInbound.get(id);
		return last !== undefined && clock() - last >= WINDOW_MS ? 'sync' : undefined;
	}

	function reportStatuses(wamid: string, waId: string, errorCode: number | undefined, bizOpaqueCallbackData: string | undefined): void {
		const target = simulator.statusWebhook;
		const sequence = errorCode ? (['failed'] as const) : (target?.statuses ?? (['sent', 'delivered', 'read'] as const));
		for (const status of sequence) {
			// a BSUID send: `recipient_user_id`, no `recipient_id` (no phone available)
			const recipient = BSUID_PATTERN.test(waId) ? { recipientUserId: waId } : { recipientId: waId };
			const object = statusObject({ id: wamid, status, ...recipient, errorCode, bizOpaqueCallbackData });
			simulator.statuses.push(object);
			if (!target) continue;
			const delivery = deliveryChain.then(() =>
				deliver(target.url, statusWebhook(object, { phoneNumberId, wabaId }), target.appSecret).catch(
					(error: unknown): DeliveryResult => ({ status: 0, body: String(error), headers: new Headers() }),
				),
			);
			deliveryChain = delivery;
			deliveries.push(delivery);
		}
	}

	function uploadMedia(request: RecordedRequest): SimulatorReply {
		const file = request.files.find((candidate) => candidate.field === 'file');
		if (request.form.messaging_product !== 'whatsapp') return graphErrorReply(100, 'messaging_product must be "whatsapp"');
		if (!file) return graphErrorReply(100, 'file is required');
		const mimeType = request.form.type || file.contentType;
		return jsonReply(200, { id: simulator.addMedia(file.data, mimeType, file.fileName) });
	}

	function mediaUrl(mediaId: string, baseUrl: string): SimulatorReply {
		const media = simulator.media.get(mediaId);
		if (!media) return unknownObject(mediaId);
		return jsonReply(200, {
			messaging_product: 'whatsapp',
			url: `${baseUrl}/media-download/${mediaId}?mid=${mediaId}`,
			mime_type: media.mimeType,
			sha256: createHash('sha256').update(media.data).digest('hex'),
			file_size: media.data.length,
			id: mediaId,
		});
	}

	function downloadMedia(mediaId: string | undefined): SimulatorReply {
		const media = mediaId ? simulator.media.get(mediaId) : undefined;
		if (!media) return { status: 404, body: '' };
		return { status: 200, headers: { 'content-type': media.mimeType }, body: media.data };
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.sent.length = 0;
			simulator.readReceipts.length = 0;
			simulator.typingIndicators.length = 0;
			simulator.dropped.length = 0;
			lastInbound.clear();
			clock = Date.now;
			simulator.statuses.length = 0;
			simulator.media.clear();
			simulator.templates = [...(options.templates ?? DEFAULT_TEMPLATES)];
			simulator.statusWebhook = options.statusWebhook;
			closedWindows.clear();
			undeliverable.clear();
			deliveries = [];
		},
	});

	const simulator: WhatsAppSimulator = Object.assign(base, {
		sent: [] as SentMessage[],
		readReceipts: [] as string[],
		typingIndicators: [] as string[],
		dropped: [] as SentMessage[],
		statuses: [] as WebhookObject[],
		media: new Map<string, StoredMedia>(),
		templates: [...(options.templates ?? DEFAULT_TEMPLATES)],
		statusWebhook: options.statusWebhook,
		failNextWithCode(code: number, count = 1, httpStatus?: number) {
			base.failNext(count, graphErrorReply(code, undefined, httpStatus), isSend);
		},
		closeWindow(waId: string, mode: 'sync' | 'async' = 'sync') {
			closedWindows.set(waId, mode);
		},
		openWindow(waId: string) {
			closedWindows.delete(waId);
		},
		customerWrote(id: string, at?: number) {
			lastInbound.set(id, at ?? clock());
		},
		setClock(now: () => number) {
			clock = now;
		},
		markUndeliverable(waId: string) {
			undeliverable.add(waId);
		},
		rotateAccessToken(token: string) {
			accessToken = token;
		},
		addMedia(data: Buffer, mimeType: string, fileName?: string) {
			const id = String(nextMediaId++);
			simulator.media.set(id, { data, mimeType, fileName });
			return id;
		},
		async flushStatusWebhooks() {
			const results = await Promise.all(deliveries);
			deliveries = [];
			return results;
		},
		onSent(listener: (message: SentMessage) => void) {
			sentListeners.add(listener);
			return () => sentListeners.delete(listener);
		},
		tapTemplateButton(sent: SentMessage, text: string, tapOptions: InboundMessageOptions = {}) {
			const tap = templateButtonTap(simulator.templates, sent, text);
			if (!tap) throw new Error(`O template enviado em ${sent.wamid} não tem o botão de resposta rápida "${text}".`);
			return templateButtonMessage(tap.payload, tap.text, sent.wamid, { from: sent.waId, ...tapOptions });
		},
	});
	return simulator;
}

function unknownObject(objectId: string | undefined): SimulatorReply {
	return graphErrorReply(
		100,
		`Unsupported request - method type: get. Object with ID '${objectId ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
	);
}

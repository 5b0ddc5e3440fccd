/**
 * Telegram Bot API simulator, docs/apis-externas.md §B: `GET|POST /bot<token>/<method>` with
 * parameters in the query, urlencoded, JSON or multipart; answers `{ ok: true, result }` or
 * `{ ok: false, error_code, description[, parameters] }`. Methods: getMe, sendMessage (inline
 * keyboards, `callback_data` ≤ 64 bytes), sendPhoto, sendDocument, sendAudio, answerCallbackQuery,
 * setWebhook, deleteWebhook, getWebhookInfo. Update builders live in `telegram-updates.ts` and are
 * re-exported here. Error descriptions follow real Telegram answers where known; the wording of
 * the rarer 400s is the simulator's own.
 */
import { randomBytes } from 'node:crypto';

import { isPlainObject, jsonReply, requestParams, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { newFileId, TELEGRAM_TEST_BOT, type TelegramObject } from './telegram-updates';

export * from './telegram-updates';

/** The webhook registered with `setWebhook`. */
export interface RegisteredWebhook {
	url: string;
	secret_token?: string;
	allowed_updates?: string[];
	max_connections: number;
}

/** One message the bot sent, as the simulator answered it. */
export interface SentTelegramMessage {
	method: string;
	chatId: number | string;
	params: Record<string, unknown>;
	result: TelegramObject;
}

/** A running Telegram simulator. */
export interface TelegramSimulator extends Simulator {
	sent: SentTelegramMessage[];
	answeredCallbacks: Array<Record<string, unknown>>;
	webhook: RegisteredWebhook | undefined;
	/** The next `count` calls (of `method`, when given) answer 429 with `parameters.retry_after`. */
	rateLimitNext(count: number, retryAfterSeconds: number, method?: string): void;
	/** Sends to `chatId` answer 403 "Forbidden: bot was blocked by the user". */
	blockChat(chatId: number): void;
}

/** Options of {@link startTelegramSimulator}. */
export interface TelegramSimulatorOptions {
	token?: string;
}

const MEDIA_METHODS: Record<string, 'photo' | 'document' | 'audio'> = { sendphoto: 'photo', senddocument: 'document', sendaudio: 'audio' };

/** The `{ ok: false }` answer. */
export function telegramError(errorCode: number, description: string, parameters?: Record<string, unknown>): SimulatorReply {
	return jsonReply(errorCode, { ok: false, error_code: errorCode, description, ...(parameters ? { parameters } : {}) });
}

function ok(result: unknown, description?: string): SimulatorReply {
	return jsonReply(200, { ok: true, result, ...(description ? { description } : {}) });
}

function badRequest(reason: string): SimulatorReply {
	return telegramError(400, `Bad Request: ${reason}`);
}

/** Parses a parameter that may arrive as a JSON string (form encodings) or as an object (JSON bodies). */
function jsonParam(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return Symbol.for('unparseable');
	}
}

/** Checks `reply_markup`; inline buttons need a text and one action, `callback_data` 1–64 bytes. */
export function checkReplyMarkup(raw: unknown): SimulatorReply | null {
	if (raw === undefined) return null;
	const markup = jsonParam(raw);
	if (!isPlainObject(markup)) return badRequest("can't parse reply keyboard markup JSON object");
	if (markup.inline_keyboard === undefined) return null;
	const rows = markup.inline_keyboard;
	if (!Array.isArray(rows) || !rows.every(Array.isArray)) return badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
	for (const button of rows.flat() as unknown[]) {
		if (!isPlainObject(button) || typeof button.text !== 'string' || button.text === '') return badRequest('BUTTON_TEXT_INVALID');
		const actions = ['callback_data', 'url', 'switch_inline_query', 'web_app', 'login_url', 'pay'].filter((key) => button[key] !== undefined);
		if (actions.length === 0) return badRequest('text buttons are unallowed in the inline keyboard');
		if (actions.length > 1) return badRequest('BUTTON_TYPE_INVALID');
		if (button.callback_data !== undefined) {
			const size = typeof button.callback_data === 'string' ? Buffer.byteLength(button.callback_data) : 0;
			if (size < 1 || size > 64) return badRequest('BUTTON_DATA_INVALID');
		}
	}
	return null;
}

/** Starts a Telegram Bot API simulator on a random loopback port. */
export async function startTelegramSimulator(options: TelegramSimulatorOptions = {}): Promise<TelegramSimulator> {
	const token = options.token ?? TELEGRAM_TEST_BOT.token;
	const blockedChats = new Set<string>();
	let nextMessageId = 5000;

	function handle(request: RecordedRequest): SimulatorReply {
		const route = /^\/bot([^/]+)\/([^/]+)$/.exec(request.path);
		if (!route || !route[1].includes(':')) return telegramError(404, 'Not Found');
		if (route[1] !== token) return telegramError(401, 'Unauthorized');
		const method = route[2].toLowerCase();
		const params = requestParams(request);
		if (method === 'getme') return ok(TELEGRAM_TEST_BOT.user);
		if (method === 'sendmessage') return sendMessage(params);
		if (MEDIA_METHODS[method]) return sendMedia(MEDIA_METHODS[method], params, request);
		if (method === 'answercallbackquery') return answerCallbackQuery(params);
		if (method === 'setwebhook') return setWebhook(params);
		if (method === 'deletewebhook') return deleteWebhook();
		if (method === 'getwebhookinfo') return getWebhookInfo();
		return telegramError(404, 'Not Found');
	}

	function checkChat(chatId: unknown): SimulatorReply | null {
		if (chatId === undefined || chatId === '') return badRequest('chat_id is empty');
		if (blockedChats.has(String(chatId))) return telegramError(403, 'Forbidden: bot was blocked by the user');
		return null;
	}

	function record(method: string, params: Record<string, unknown>, content: TelegramObject): SimulatorReply {
		const chatId = /^-?\d+$/.test(String(params.chat_id)) ? Number(params.chat_id) : String(params.chat_id);
		const result: TelegramObject = {
			message_id: nextMessageId++,
			from: TELEGRAM_TEST_BOT.user,
			chat: { id: chatId, type: typeof chatId === 'number' && chatId < 0 ? 'group' : 'private' },
			date: Math.floor(Date.now() / 1000),
			...content,
		};
		const markup = jsonParam(params.reply_markup);
		if (isPlainObject(markup) && markup.inline_keyboard) result.reply_markup = { inline_keyboard: markup.inline_keyboard };
		simulator.sent.push({ method, chatId, params, result });
		return ok(result);
	}

	function sendMessage(params: Record<string, unknown>): SimulatorReply {
		const rejection = checkChat(params.chat_id);
		if (rejection) return rejection;
		const text = params.text;
		if (typeof text !== 'string' || text.trim() === '') return badRequest('message text is empty');
		if ([...text].length > 4096) return badRequest('message is too long');
		if (params.parse_mode !== undefined && !['HTML', 'Markdown', 'MarkdownV2'].includes(String(params.parse_mode))) {
			return badRequest(`unsupported parse_mode "${String(params.parse_mode)}"`);
		}
		return checkReplyMarkup(params.reply_markup) ?? record('sendMessage', params, { text });
	}

	function sendMedia(field: 'photo' | 'document' | 'audio', params: Record<string, unknown>, request: RecordedRequest): SimulatorReply {
		const rejection = checkChat(params.chat_id) ?? checkReplyMarkup(params.reply_markup);
		if (rejection) return rejection;
		const upload = request.files.find((file) => file.field === field);
		const reference = params[field];
		if (!upload && (typeof reference !== 'string' || reference === '')) return badRequest(`there is no ${field} in the request`);
		if (typeof params.caption === 'string' && [...params.caption].length > 1024) return badRequest('message caption is too long');
		if (!upload && field === 'document' && /^https?:\/\//.test(String(reference)) && !/\.(pdf|gif|zip)(\?|$)/i.test(String(reference))) {
			return badRequest('wrong type of the web page content');
		}
		const fileName = upload?.fileName ?? String(reference).split('/').pop() ?? 'file';
		const fileSize = upload?.data.length ?? 34567;
		const file = { file_id: newFileId(), file_unique_id: randomBytes(8).toString('base64url'), file_size: fileSize };
		const content: TelegramObject =
			field === 'photo'
				? { photo: [{ ...file, width: 320, height: 240 }] }
				: { [field]: { ...file, file_name: fileName, mime_type: upload?.contentType ?? 'application/octet-stream', ...(field === 'audio' ? { duration: 1 } : {}) } };
		if (typeof params.caption === 'string' && params.caption !== '') content.caption = params.caption;
		return record(`send${field[0].toUpperCase()}${field.slice(1)}`, params, content);
	}

	function answerCallbackQuery(params: Record<string, unknown>): SimulatorReply {
		if (typeof params.callback_query_id !== 'string' || params.callback_query_id === '') return badRequest('QUERY_ID_INVALID');
		if (typeof params.text === 'string' && [...params.text].length > 200) return badRequest('MESSAGE_TOO_LONG');
		simulator.answeredCallbacks.push(params);
		return ok(true);
	}

	function setWebhook(params: Record<string, unknown>): SimulatorReply {
		const url = typeof params.url === 'string' ? params.url : '';
		if (url === '') return deleteWebhook();
		const secret = params.secret_token;
		if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
			return badRequest('secret token contains unallowed characters');
		}
		const maxConnections = params.max_connections === undefined ? 40 : Number(params.max_connections);
		if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100) return badRequest('invalid max_connections specified');
		const allowedUpdates = jsonParam(params.allowed_updates);
		const already = simulator.webhook?.url === url && simulator.webhook.secret_token === secret;
		simulator.webhook = {
			url,
			...(typeof secret === 'string' ? { secret_token: secret } : {}),
			...(Array.isArray(allowedUpdates) ? { allowed_updates: allowedUpdates as string[] } : {}),
			max_connections: maxConnections,
		};
		return ok(true, already ? 'Webhook is already set' : 'Webhook was set');
	}

	function deleteWebhook(): SimulatorReply {
		const existed = simulator.webhook !== undefined;
		simulator.webhook = undefined;
		return ok(true, existed ? 'Webhook was deleted' : 'Webhook is already deleted');
	}

	function getWebhookInfo(): SimulatorReply {
		const webhook = simulator.webhook;
		if (!webhook) return ok({ url: '', has_custom_certificate: false, pending_update_count: 0 });
		return ok({
			url: webhook.url,
			has_custom_certificate: false,
			pending_update_count: 0,
			max_connections: webhook.max_connections,
			...(webhook.allowed_updates ? { allowed_updates: webhook.allowed_updates } : {}),
		});
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.sent.length = 0;
			simulator.answeredCallbacks.length = 0;
			simulator.webhook = undefined;
			blockedChats.clear();
		},
	});
	const simulator: TelegramSimulator = Object.assign(base, {
		sent: [] as SentTelegramMessage[],
		answeredCallbacks: [] as Array<Record<string, unknown>>,
		webhook: undefined as RegisteredWebhook | undefined,
		rateLimitNext(count: number, retryAfterSeconds: number, method?: string) {
			const matches = method ? (request: RecordedRequest) => request.path.toLowerCase().endsWith(`/${method.toLowerCase()}`) : undefined;
			base.failNext(count, telegramError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, { retry_after: retryAfterSeconds }), matches);
		},
		blockChat(chatId: number) {
			blockedChats.add(String(chatId));
		},
	});
	return simulator;
}

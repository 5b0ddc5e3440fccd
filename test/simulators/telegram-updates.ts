/**
 * Builders of the Telegram `Update` objects a bot receives on its webhook (docs/apis-externas.md
 * §B, "Updates lidos"), and a helper that delivers one with the
 * `X-Telegram-Bot-Api-Secret-Token` header set by `setWebhook`'s `secret_token`.
 */
import { randomBytes } from 'node:crypto';

/** A Telegram object as it travels in JSON. */
export type TelegramObject = Record<string, unknown>;

/** The simulated bot: its `getMe` user and its token. */
export const TELEGRAM_TEST_BOT = {
	token: '7000000001:AAH-simulator_token-0123456789abcdef',
	user: { id: 7000000001, is_bot: true, first_name: 'Atendimento', username: 'atendimento_teste_bot' },
} as const;

/** The default private-chat customer. */
export const TELEGRAM_TEST_USER = { id: 1111111, is_bot: false, first_name: 'Maria', username: 'maria', language_code: 'pt-br' } as const;

let nextUpdateId = 10000;
let nextMessageId = 1365;

/** Who sends the update and in which chat (a private chat with the sender by default). */
export interface UpdateOptions {
	from?: TelegramObject;
	chatId?: number;
	/** Unix seconds (default: now). */
	date?: number;
	updateId?: number;
	messageId?: number;
}

/** A message in the private chat of `options.from` (the customer), sent by `sender` (the customer unless given). */
function message(content: TelegramObject, options: UpdateOptions, sender?: TelegramObject): TelegramObject {
	const customer = options.from ?? TELEGRAM_TEST_USER;
	return {
		message_id: options.messageId ?? nextMessageId++,
		from: sender ?? customer,
		chat: {
			id: options.chatId ?? (customer.id as number),
			type: 'private',
			first_name: customer.first_name,
			...(customer.username ? { username: customer.username } : {}),
		},
		date: options.date ?? Math.floor(Date.now() / 1000),
		...content,
	};
}

function update(field: string, value: TelegramObject, options: UpdateOptions): TelegramObject {
	return { update_id: options.updateId ?? nextUpdateId++, [field]: value };
}

/** A file id in Telegram's opaque style. */
export function newFileId(): string {
	return `AgACAgEAAxkBAAI${randomBytes(18).toString('base64url')}`;
}

/** A text message update. */
export function textUpdate(text: string, options: UpdateOptions = {}): TelegramObject {
	return update('message', message({ text }, options), options);
}

/** A photo message update: `photo` holds the sizes, smallest first. */
export function photoUpdate(caption?: string, options: UpdateOptions = {}): TelegramObject {
	const uniqueId = randomBytes(8).toString('base64url');
	const photo = [
		{ file_id: newFileId(), file_unique_id: `${uniqueId}-s`, width: 90, height: 67, file_size: 1234 },
		{ file_id: newFileId(), file_unique_id: `${uniqueId}-m`, width: 320, height: 240, file_size: 15234 },
		{ file_id: newFileId(), file_unique_id: `${uniqueId}-l`, width: 1280, height: 960, file_size: 123456 },
	];
	return update('message', message({ photo, ...(caption ? { caption } : {}) }, options), options);
}

/** A document message update. */
export function documentUpdate(
	document: { fileName: string; mimeType: string; fileSize?: number; fileId?: string },
	caption?: string,
	options: UpdateOptions = {},
): TelegramObject {
	const content = {
		document: {
			file_id: document.fileId ?? newFileId(),
			file_unique_id: randomBytes(8).toString('base64url'),
			file_name: document.fileName,
			mime_type: document.mimeType,
			file_size: document.fileSize ?? 34567,
		},
		...(caption ? { caption } : {}),
	};
	return update('message', message(content, options), options);
}

/** A location message update (`latitude`/`longitude` are floats). */
export function locationUpdate(latitude: number, longitude: number, options: UpdateOptions = {}): TelegramObject {
	return update('message', message({ location: { latitude, longitude } }, options), options);
}

/** A shared-contact message update; `userId` is set when the contact is a Telegram user (e.g. the sender's own number). */
export function contactUpdate(
	contact: { phoneNumber: string; firstName: string; lastName?: string; userId?: number },
	options: UpdateOptions = {},
): TelegramObject {
	const value: TelegramObject = { phone_number: contact.phoneNumber, first_name: contact.firstName };
	if (contact.lastName) value.last_name = contact.lastName;
	if (contact.userId !== undefined) value.user_id = contact.userId;
	return update('message', message({ contact: value }, options), options);
}

/** A tap on an inline-keyboard button; `messageText` is the text of the message that had the keyboard. */
export function callbackQueryUpdate(data: string, messageText = 'Escolha uma opção:', options: UpdateOptions = {}): TelegramObject {
	const from = options.from ?? TELEGRAM_TEST_USER;
	const query = {
		id: String(BigInt(`0x${randomBytes(8).toString('hex')}`)),
		chat_instance: '-2341234123412341234',
		from,
		message: message({ text: messageText }, options, TELEGRAM_TEST_BOT.user),
		data,
	};
	return update('callback_query', query, options);
}

/** An HTTP answer as {@link deliverUpdate} saw it. */
export interface UpdateDeliveryResult {
	status: number;
	body: string;
}

/** POSTs `update` to `webhookUrl` as Telegram does, with the secret-token header when one is given. */
export async function deliverUpdate(webhookUrl: string, update: TelegramObject, secretToken?: string): Promise<UpdateDeliveryResult> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (secretToken !== undefined) headers['x-telegram-bot-api-secret-token'] = secretToken;
	const response = await fetch(webhookUrl, { method: 'POST', headers, body: JSON.stringify(update) });
	return { status: response.status, body: await response.text() };
}

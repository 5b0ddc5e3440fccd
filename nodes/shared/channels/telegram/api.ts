/**
 * The Telegram Bot API as the pack uses it, through a door (../transport.ts): sending a rendered
 * message, uploading a file, the webhook's lifecycle (setWebhook, deleteWebhook, getWebhookInfo) and
 * answerCallbackQuery. Every call follows the one retry policy of ../transport.ts; failures are
 * NodeApiErrors of the door's node with Telegram's reason in pt-BR. The bot token travels in the URL
 * path, as the API requires: it is added here, at the last moment (`withTelegramToken`), and no
 * error carries the request.
 */
import { createHmac } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

import type { OutboundMessage, WireRequest } from '../types';
import { callWithRetries, UPLOAD_TIMEOUT_MS, type ChannelDoor, type ChannelPlatform } from '../transport';
import { classifyTelegramError } from './errors';
import { renderTelegram } from './render';
import { answerCallbackQuery, deleteWebhookRequest, getWebhookInfoRequest, setWebhookRequest, telegramPath, withTelegramToken } from './requests';

/** The pack's Telegram credential type. */
export const TELEGRAM_CREDENTIAL_TYPE = 'atendimentoTelegramApi';

/** The fields of the Telegram credential. */
export interface TelegramCredentials {
	botToken: string;
	baseUrl?: string;
}

export const TELEGRAM_PLATFORM: ChannelPlatform = { subject: 'O Telegram', target: 'ao Telegram', classify: classifyTelegramError };

/** The bot id: the part of the token before ':'. */
export function telegramBotId(credentials: TelegramCredentials): string {
	return credentials.botToken.split(':')[0];
}

/** The secret Telegram echoes on every webhook call; derived from the token, so it is never stored. */
export function telegramWebhookSecret(credentials: TelegramCredentials): string {
	return createHmac('sha256', credentials.botToken).update('n8n-nodes-atendimento:webhook').digest('hex');
}

type MediaMessage = Extract<OutboundMessage, { kind: 'media' }>;

const UPLOAD_METHOD = {
	image: { method: 'sendPhoto', field: 'photo' },
	document: { method: 'sendDocument', field: 'document' },
	audio: { method: 'sendAudio', field: 'audio' },
	video: { method: 'sendVideo', field: 'video' },
} as const;

/** `getWebhookInfo`'s result, as far as the trigger reads it. */
export interface TelegramWebhookInfo {
	url?: string;
}

export interface TelegramApi {
	/** Sends `message` to chat `chatId`; a binary file is uploaded with it. */
	sendMessage(chatId: string, message: OutboundMessage): Promise<void>;
	/** Sends a binary file to a chat as a multipart upload (sendPhoto, sendDocument…). */
	uploadFile(chatId: string, message: MediaMessage): Promise<void>;
	setWebhook(url: string, secretToken: string): Promise<boolean>;
	deleteWebhook(): Promise<boolean>;
	getWebhookInfo(): Promise<TelegramWebhookInfo>;
	answerCallbackQuery(callbackQueryId: string): Promise<void>;
}

/** The Bot API of the credential's bot, reached through `door`. */
export function telegramApi(door: ChannelDoor, credentials: TelegramCredentials): TelegramApi {
	const baseUrl = (credentials.baseUrl?.trim() || 'https://api.telegram.org').replace(/\/+$/, '');
	const call = async (wire: WireRequest): Promise<{ ok?: boolean; result?: unknown }> => {
		const addressed = withTelegramToken(credentials.botToken, wire);
		const request: IHttpRequestOptions = { method: addressed.method, url: `${baseUrl}${addressed.path}`, body: addressed.body as IHttpRequestOptions['body'], json: true };
		return ((await callWithRetries(door, TELEGRAM_PLATFORM, request)) ?? {}) as { ok?: boolean; result?: unknown };
	};

	const api: TelegramApi = {
		async sendMessage(chatId, message) {
			if (message.kind === 'media' && message.data) {
				await api.uploadFile(chatId, message);
				return;
			}
			for (const wire of renderTelegram(chatId, message)) await call(wire);
		},

		async uploadFile(chatId, message) {
			const { method, field } = UPLOAD_METHOD[message.mediaType];
			const mimeType = message.mimeType ?? 'application/octet-stream';
			const form = new FormData();
			form.append('chat_id', chatId);
			if (message.caption) form.append('caption', message.caption.slice(0, 1024));
			form.append(field, new Blob([Buffer.from(message.data ?? '', 'base64')], { type: mimeType }), message.fileName ?? 'arquivo');
			const url = `${baseUrl}${telegramPath(credentials.botToken, method)}`;
			await callWithRetries(door, TELEGRAM_PLATFORM, { method: 'POST', url, body: form }, UPLOAD_TIMEOUT_MS);
		},

		async setWebhook(url, secretToken) {
			return (await call(setWebhookRequest(url, secretToken))).ok === true;
		},

		async deleteWebhook() {
			return (await call(deleteWebhookRequest())).ok === true;
		},

		async getWebhookInfo() {
			return ((await call(getWebhookInfoRequest())).result ?? {}) as TelegramWebhookInfo;
		},

		async answerCallbackQuery(callbackQueryId) {
			await call(answerCallbackQuery(callbackQueryId));
		},
	};
	return api;
}

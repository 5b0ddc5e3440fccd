/** Telegram Bot API request paths and the webhook management requests (docs/apis-externas.md §B). */
import { InvalidOutboundError } from '../errors';
import { truncate } from '../text';
import type { WireRequest } from '../types';

/** Update types the trigger handles; edited messages are ignored, so they are not subscribed. */
export const TELEGRAM_ALLOWED_UPDATES: readonly string[] = ['message', 'callback_query'];

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
const CALLBACK_ANSWER_MAX = 200;

/**
 * The Bot API path `/bot<token>/<method>`. `method` may come with or without its leading slash
 * (request paths built here carry only `/<method>`). Throws on a token that would change the path.
 */
export function telegramPath(token: string, method: string): string {
	const name = method.replace(/^\//, '');
	if (!/^[A-Za-z]+$/.test(name)) throw new InvalidOutboundError(`Método da API do Telegram inválido: "${method}".`);
	if (typeof token !== 'string' || token === '' || /[\s/?#%]/.test(token)) {
		throw new InvalidOutboundError('Token do bot do Telegram vazio ou inválido: copie-o do @BotFather.');
	}
	return `/bot${token}/${name}`;
}

/** The same request addressed with the bot token, ready for the transport to send. */
export function withTelegramToken(token: string, request: WireRequest): WireRequest {
	return { ...request, path: telegramPath(token, request.path) };
}

/**
 * `setWebhook` with the secret Telegram echoes in `X-Telegram-Bot-Api-Secret-Token`
 * (1–256 characters of `A-Z a-z 0-9 _ -`).
 */
export function setWebhookRequest(
	url: string,
	secretToken: string,
	allowedUpdates: readonly string[] = TELEGRAM_ALLOWED_UPDATES,
): WireRequest {
	if (typeof url !== 'string' || url.trim() === '') throw new InvalidOutboundError('URL do webhook do Telegram vazia.');
	if (!SECRET_TOKEN.test(secretToken)) {
		throw new InvalidOutboundError('Segredo do webhook do Telegram inválido: use de 1 a 256 caracteres entre A-Z, a-z, 0-9, _ e -.');
	}
	return {
		method: 'POST',
		path: '/setWebhook',
		body: { url: url.trim(), secret_token: secretToken, allowed_updates: [...allowedUpdates] },
	};
}

/** `deleteWebhook`, keeping pending updates. */
export function deleteWebhookRequest(): WireRequest {
	return { method: 'POST', path: '/deleteWebhook', body: { drop_pending_updates: false } };
}

/** `getWebhookInfo`. */
export function getWebhookInfoRequest(): WireRequest {
	return { method: 'GET', path: '/getWebhookInfo' };
}

/** `answerCallbackQuery`: stops the button's loading spinner; optional toast text (≤200). */
export function answerCallbackQuery(callbackQueryId: string, text?: string): WireRequest {
	const toast = text?.trim() ? { text: truncate(text, CALLBACK_ANSWER_MAX) } : {};
	return { method: 'POST', path: '/answerCallbackQuery', body: { callback_query_id: callbackQueryId, ...toast } };
}

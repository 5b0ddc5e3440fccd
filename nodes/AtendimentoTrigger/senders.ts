import { createHmac } from 'crypto';
import { NodeApiError, type IHttpRequestOptions, type IWebhookFunctions, type JsonObject } from 'n8n-workflow';

import type { SendErrorClassification } from '../shared/channels/errors';
import { classifyTelegramError } from '../shared/channels/telegram/errors';
import { renderTelegram } from '../shared/channels/telegram/render';
import { withTelegramToken } from '../shared/channels/telegram/requests';
import type { WireRequest } from '../shared/channels/types';
import { classifyWhatsAppError } from '../shared/channels/whatsapp/errors';
import { renderWhatsApp } from '../shared/channels/whatsapp/render';
import type { ChannelSender } from '../shared/runtime/send';

export interface WhatsAppCredentials {
	accessToken: string;
	phoneNumberId: string;
	businessAccountId?: string;
	appSecret: string;
	verifyToken: string;
	apiVersion: string;
	baseUrl: string;
}

export interface TelegramCredentials {
	botToken: string;
	baseUrl: string;
}

/** The bot id: the part of the token before ':'. */
export function telegramBotId(credentials: TelegramCredentials): string {
	return credentials.botToken.split(':')[0];
}

/** The secret Telegram echoes on every webhook call; derived from the token, so it is never stored. */
export function telegramWebhookSecret(credentials: TelegramCredentials): string {
	return createHmac('sha256', credentials.botToken).update('n8n-nodes-atendimento:webhook').digest('hex');
}

const RETRY_DELAYS_MS = [500, 2000];

/**
 * Sends one wire request, retrying transient failures (429, 5xx) twice; a failure that cannot succeed
 * becomes a NodeApiError with the platform's reason in pt-BR.
 */
async function sendWire(
	context: IWebhookFunctions,
	request: IHttpRequestOptions,
	classify: (status: number | undefined, body: unknown) => SendErrorClassification,
	credentialType?: string,
): Promise<unknown> {
	for (let attempt = 0; ; attempt++) {
		const response = (credentialType
			? await context.helpers.httpRequestWithAuthentication.call(context, credentialType, request)
			: await context.helpers.httpRequest(request)) as { statusCode: number; body: unknown };
		if (response.statusCode < 300) return response.body;
		const verdict = classify(response.statusCode, response.body);
		const retryable = verdict.retry !== 'never' && attempt < RETRY_DELAYS_MS.length;
		if (!retryable) {
			throw new NodeApiError(context.getNode(), (response.body ?? {}) as JsonObject, {
				message: verdict.reason,
				httpCode: String(response.statusCode),
			});
		}
		await new Promise((resolve) => setTimeout(resolve, verdict.retryAfterMs ?? RETRY_DELAYS_MS[attempt]));
	}
}

function wireOptions(baseUrl: string, wire: WireRequest): IHttpRequestOptions {
	return {
		method: wire.method,
		url: `${baseUrl.replace(/\/$/, '')}${wire.path}`,
		body: wire.body as IHttpRequestOptions['body'],
		headers: wire.headers,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 20_000,
	};
}

/** Sends through the WhatsApp Cloud API, always to the wa_id received (the 9th-digit issue). */
export function whatsAppSender(context: IWebhookFunctions, credentials: WhatsAppCredentials): ChannelSender {
	return async (conversation, messages) => {
		for (const message of messages) {
			const wires = renderWhatsApp(conversation.contact.id, message, {
				apiVersion: credentials.apiVersion,
				phoneNumberId: credentials.phoneNumberId,
			});
			for (const wire of wires) {
				await sendWire(context, wireOptions(credentials.baseUrl, wire), classifyWhatsAppError, 'atendimentoWhatsAppApi');
			}
		}
	};
}

/** Sends through the Telegram Bot API. */
export function telegramSender(context: IWebhookFunctions, credentials: TelegramCredentials): ChannelSender {
	return async (conversation, messages) => {
		for (const message of messages) {
			for (const wire of renderTelegram(conversation.contact.id, message)) {
				await sendWire(context, wireOptions(credentials.baseUrl, withTelegramToken(credentials.botToken, wire)), classifyTelegramError);
			}
		}
	};
}

/** One Telegram API call (webhook management, answerCallbackQuery). */
export async function callTelegram(
	context: IWebhookFunctions,
	credentials: TelegramCredentials,
	wire: WireRequest,
): Promise<unknown> {
	return await sendWire(context, wireOptions(credentials.baseUrl, withTelegramToken(credentials.botToken, wire)), classifyTelegramError);
}

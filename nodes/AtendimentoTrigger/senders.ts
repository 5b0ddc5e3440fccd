import { createHmac } from 'crypto';
import { NodeApiError, type IHttpRequestOptions, type IWebhookFunctions, type JsonObject } from 'n8n-workflow';

import type { SendErrorClassification } from '../shared/channels/errors';
import { classifyTelegramError } from '../shared/channels/telegram/errors';
import { renderTelegram } from '../shared/channels/telegram/render';
import { withTelegramToken } from '../shared/channels/telegram/requests';
import type { OutboundMessage, WireRequest } from '../shared/channels/types';
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
		const response = await sendOnce(context, request, credentialType);
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

/**
 * One HTTP call. A network failure (no answer at all) becomes a NodeApiError that carries only the
 * error code: the original error holds the request, whose Telegram URL contains the bot token, and
 * errors end up in saved execution data.
 */
async function sendOnce(
	context: IWebhookFunctions,
	request: IHttpRequestOptions,
	credentialType: string | undefined,
): Promise<{ statusCode: number; body: unknown }> {
	try {
		return (credentialType
			? await context.helpers.httpRequestWithAuthentication.call(context, credentialType, request)
			: await context.helpers.httpRequest(request)) as { statusCode: number; body: unknown };
	} catch (error) {
		// Not under the key "code": NodeApiError would swap our pt-BR message for a generic English one.
		const code = String((error as { code?: unknown }).code ?? 'erro_de_rede');
		throw new NodeApiError(context.getNode(), { falhaDeRede: code }, {
			message: 'Não foi possível falar com a API do canal',
			description: `Falha de rede (${code}). Confira a URL base da credencial e a conexão do servidor do n8n.`,
		});
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

type MediaMessage = Extract<OutboundMessage, { kind: 'media' }>;

/** A binary file as a multipart form (the file part named `field`). */
function fileForm(message: MediaMessage, field: string, fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	const mimeType = message.mimeType ?? 'application/octet-stream';
	form.append(field, new Blob([Buffer.from(message.data!, 'base64')], { type: mimeType }), message.fileName ?? 'arquivo');
	return form;
}

function multipartOptions(url: string, form: FormData): IHttpRequestOptions {
	return { method: 'POST', url, body: form, returnFullResponse: true, ignoreHttpStatusErrors: true, timeout: 60_000 };
}

function parsedBody(body: unknown): Record<string, unknown> {
	if (typeof body !== 'string') return (body ?? {}) as Record<string, unknown>;
	try {
		return JSON.parse(body) as Record<string, unknown>;
	} catch {
		return {};
	}
}

/** Uploads a binary file to WhatsApp (`POST /<ver>/<phone-number-id>/media`) and returns the message by media id. */
async function uploadedToWhatsApp(context: IWebhookFunctions, credentials: WhatsAppCredentials, message: MediaMessage): Promise<OutboundMessage> {
	const version = `v${credentials.apiVersion.replace(/^v/i, '')}`;
	const url = `${credentials.baseUrl.replace(/\/$/, '')}/${version}/${credentials.phoneNumberId}/media`;
	const form = fileForm(message, 'file', { messaging_product: 'whatsapp', type: message.mimeType ?? 'application/octet-stream' });
	const body = parsedBody(await sendWire(context, multipartOptions(url, form), classifyWhatsAppError, 'atendimentoWhatsAppApi'));
	const { data: _uploaded, ...rest } = message;
	return { ...rest, mediaId: String(body.id) };
}

/** Sends through the WhatsApp Cloud API, always to the wa_id received (the 9th-digit issue). */
export function whatsAppSender(context: IWebhookFunctions, credentials: WhatsAppCredentials): ChannelSender {
	return async (conversation, messages) => {
		for (const original of messages) {
			const message = original.kind === 'media' && original.data ? await uploadedToWhatsApp(context, credentials, original) : original;
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

const TELEGRAM_UPLOAD = {
	image: { method: 'sendPhoto', field: 'photo' },
	document: { method: 'sendDocument', field: 'document' },
	audio: { method: 'sendAudio', field: 'audio' },
	video: { method: 'sendVideo', field: 'video' },
} as const;

/** Sends a binary file to a Telegram chat as a multipart upload. */
async function uploadToTelegram(context: IWebhookFunctions, credentials: TelegramCredentials, chatId: string, message: MediaMessage): Promise<void> {
	const { method, field } = TELEGRAM_UPLOAD[message.mediaType];
	const path = withTelegramToken(credentials.botToken, { method: 'POST', path: `/${method}` }).path;
	const form = fileForm(message, field, { chat_id: chatId, ...(message.caption ? { caption: message.caption.slice(0, 1024) } : {}) });
	await sendWire(context, multipartOptions(`${credentials.baseUrl.replace(/\/$/, '')}${path}`, form), classifyTelegramError);
}

/** Sends through the Telegram Bot API. */
export function telegramSender(context: IWebhookFunctions, credentials: TelegramCredentials): ChannelSender {
	return async (conversation, messages) => {
		for (const message of messages) {
			if (message.kind === 'media' && message.data) {
				await uploadToTelegram(context, credentials, conversation.contact.id, message);
				continue;
			}
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

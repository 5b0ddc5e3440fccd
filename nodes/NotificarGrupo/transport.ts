/**
 * Sends a team notification through the Telegram Bot API, the WhatsApp Cloud API or an HTTP
 * endpoint. Platform failures become a NodeApiError with a pt-BR reason; nothing in an error
 * carries the bot token, the access token or the endpoint's path (which may hold a secret).
 */
import { NodeApiError, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type JsonObject } from 'n8n-workflow';

import type { SendErrorClassification } from '../shared/channels/errors';
import { classifyTelegramError } from '../shared/channels/telegram/errors';
import { renderTelegram, withTelegramToken } from '../shared/channels/telegram/render';
import type { OutboundMessage, WireRequest } from '../shared/channels/types';
import { classifyWhatsAppError } from '../shared/channels/whatsapp/errors';
import { renderWhatsApp } from '../shared/channels/whatsapp/render';
import { authenticate, type AuthSelection, type AuthenticatedRequest } from '../shared/http/generic-auth';
import { bodyExcerpt, hostOf, sendHttpRequest, type HttpOutcome } from '../shared/http/request';

/** Time limit of each call. */
export const NOTIFICATION_TIMEOUT_MS = 20_000;
/** Waits before the 2nd and 3rd attempts of a send the platform asked to retry (429, 5xx). */
const RETRY_DELAYS_MS = [500, 2000];
/** Longest wait honoured from a platform's `retry_after`. */
const MAX_RETRY_WAIT_MS = 5000;

interface Platform {
	/** As the subject of a sentence: "O Telegram". */
	subject: string;
	/** After "conectar": "ao Telegram". */
	target: string;
	classify: (status: number | undefined, body: unknown) => SendErrorClassification;
}

const TELEGRAM: Platform = { subject: 'O Telegram', target: 'ao Telegram', classify: classifyTelegramError };
const WHATSAPP: Platform = { subject: 'O WhatsApp', target: 'ao WhatsApp', classify: classifyWhatsAppError };

function apiError(context: IExecuteFunctions, itemIndex: number, message: string, description: string, response?: { status: number; body: unknown }): NodeApiError {
	const errorResponse: JsonObject = { message, ...(response ? { httpCode: String(response.status) } : {}) };
	return new NodeApiError(context.getNode(), errorResponse, {
		message,
		description,
		itemIndex,
		...(response ? { httpCode: String(response.status) } : {}),
	});
}

/** A failed outcome as an error: the platform's reason, or the timeout or connection failure. */
function failure(context: IExecuteFunctions, itemIndex: number, platform: Platform, outcome: HttpOutcome, verdict?: SendErrorClassification): NodeApiError {
	if (outcome.kind === 'timeout') {
		return apiError(context, itemIndex, `${platform.subject} não respondeu em ${NOTIFICATION_TIMEOUT_MS / 1000} s`, 'A notificação pode não ter sido entregue. Tente de novo mais tarde.');
	}
	if (outcome.kind === 'network') {
		// the code stays out of the message: NodeApiError would swap a message naming ECONNREFUSED for its English text
		return apiError(
			context,
			itemIndex,
			`Não foi possível conectar ${platform.target}`,
			`${outcome.code ? `Erro de rede ${outcome.code}. ` : ''}Confira a URL base da credencial (ou a URL do endpoint) e a conexão do n8n com a internet.`,
		);
	}
	const excerpt = bodyExcerpt(outcome.body);
	return apiError(
		context,
		itemIndex,
		verdict?.reason ?? `${platform.subject} respondeu HTTP ${outcome.statusCode}`,
		excerpt ? `Resposta: ${excerpt}` : `HTTP ${outcome.statusCode}`,
		{ status: outcome.statusCode, body: outcome.body },
	);
}

/** Sends one request, retrying (twice at most) what the platform says is transient. */
async function deliver(context: IExecuteFunctions, itemIndex: number, prepared: AuthenticatedRequest, platform: Platform): Promise<unknown> {
	for (let attempt = 0; ; attempt++) {
		const outcome = await sendHttpRequest(context, prepared, NOTIFICATION_TIMEOUT_MS);
		if (outcome.kind === 'response' && outcome.statusCode >= 200 && outcome.statusCode < 300) return outcome.body;
		// a request that timed out may have been delivered: not repeated, to avoid a duplicate notification
		if (outcome.kind !== 'response') throw failure(context, itemIndex, platform, outcome);
		const verdict = platform.classify(outcome.statusCode, outcome.body);
		if (verdict.retry !== 'backoff' || attempt >= RETRY_DELAYS_MS.length) throw failure(context, itemIndex, platform, outcome, verdict);
		const wait = Math.min(verdict.retryAfterMs ?? RETRY_DELAYS_MS[attempt], MAX_RETRY_WAIT_MS);
		await new Promise((resolve) => setTimeout(resolve, wait));
	}
}

function wireRequest(baseUrl: string, wire: WireRequest): IHttpRequestOptions {
	return {
		method: wire.method,
		url: `${baseUrl.trim().replace(/\/+$/, '')}${wire.path}`,
		body: wire.body as IDataObject,
		headers: wire.headers,
		json: true,
	};
}

/** Sends `message` to a Telegram chat with the bot of the `atendimentoTelegramApi` credential. */
export async function notifyTelegram(context: IExecuteFunctions, itemIndex: number, chatId: string, message: OutboundMessage): Promise<void> {
	const credentials = await context.getCredentials<{ botToken: string; baseUrl?: string }>('atendimentoTelegramApi', itemIndex);
	for (const wire of renderTelegram(chatId, message)) {
		const request = wireRequest(credentials.baseUrl || 'https://api.telegram.org', withTelegramToken(credentials.botToken, wire));
		await deliver(context, itemIndex, { request }, TELEGRAM);
	}
}

/** Sends `message` to a WhatsApp number with the business number of the `atendimentoWhatsAppApi` credential. */
export async function notifyWhatsApp(context: IExecuteFunctions, itemIndex: number, to: string, message: OutboundMessage): Promise<void> {
	const credentials = await context.getCredentials<{ phoneNumberId: string; apiVersion?: string; baseUrl?: string }>('atendimentoWhatsAppApi', itemIndex);
	const wires = renderWhatsApp(to, message, { apiVersion: credentials.apiVersion || 'v25.0', phoneNumberId: credentials.phoneNumberId });
	for (const wire of wires) {
		const request = wireRequest(credentials.baseUrl || 'https://graph.facebook.com', wire);
		await deliver(context, itemIndex, { request, credentialType: 'atendimentoWhatsAppApi' }, WHATSAPP);
	}
}

/** POSTs `body` as JSON to `url`, with the card's generic credential when one is chosen. Any 2xx is a success. */
export async function notifyHttp(context: IExecuteFunctions, itemIndex: number, url: string, body: IDataObject, auth: AuthSelection): Promise<void> {
	const prepared = await authenticate(context, itemIndex, auth, { method: 'POST', url, body, json: true });
	const platform: Platform = {
		subject: `O endpoint ${hostOf(url)}`,
		target: `ao endpoint ${hostOf(url)}`,
		classify: (status) =>
			status === 429 || (status !== undefined && status >= 500)
				? { retry: 'backoff', reason: `O endpoint ${hostOf(url)} respondeu HTTP ${status}` }
				: { retry: 'never', reason: `O endpoint ${hostOf(url)} respondeu HTTP ${status}` },
	};
	await deliver(context, itemIndex, prepared, platform);
}

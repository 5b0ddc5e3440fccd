/**
 * The WhatsApp Cloud API (Meta Graph API) as the pack uses it, through a door (../transport.ts):
 * sending a rendered message (uploading a binary file first), uploading media, listing the WABA's
 * approved templates page by page, and a single-attempt send for a caller that owns its retries
 * (Processar Fila's queue). Every call but the single attempt follows the one retry policy of
 * ../transport.ts; failures are NodeApiErrors of the door's node with WhatsApp's reason in pt-BR.
 */
import { NodeApiError, NodeOperationError, type IHttpRequestOptions } from 'n8n-workflow';

import { timedRequest, type HttpOutcome } from '../../http/request';
import type { OutboundMessage, WireRequest } from '../types';
import { callWithRetries, UPLOAD_TIMEOUT_MS, type ChannelDoor, type ChannelPlatform } from '../transport';
import { classifyWhatsAppError } from './errors';
import { renderMarkRead, renderWhatsApp } from './render';
import type { WabaTemplate } from './templates';

/** The pack's WhatsApp credential type. */
export const WHATSAPP_CREDENTIAL_TYPE = 'atendimentoWhatsAppApi';

/** The fields of the WhatsApp credential. */
export interface WhatsAppCredentials {
	accessToken: string;
	phoneNumberId: string;
	businessAccountId?: string;
	appSecret: string;
	verifyToken: string;
	apiVersion: string;
	baseUrl: string;
}

/** What the API calls need from the credential (the token is added by n8n, through the door). */
export type WhatsAppAccount = Pick<WhatsAppCredentials, 'phoneNumberId'> & Partial<Pick<WhatsAppCredentials, 'apiVersion' | 'baseUrl' | 'businessAccountId'>>;

/**
 * The headers the credential's `authenticate` adds to each request (`Authorization: Bearer
 * <accessToken>`, credentials/AtendimentoWhatsAppApi.credentials.ts), for a door that sends without
 * n8n's helpers (transport.ts `keepAliveDoor`).
 */
export function whatsAppAuthentication(credentials: Pick<WhatsAppCredentials, 'accessToken'>): Record<string, string> {
	return { Authorization: `Bearer ${String(credentials.accessToken ?? '')}` };
}

export const WHATSAPP_PLATFORM: ChannelPlatform = { subject: 'O WhatsApp', target: 'ao WhatsApp', classify: classifyWhatsAppError };

/** Pages read at most (100 templates each): a WABA has at most a few hundred templates. */
const MAX_TEMPLATE_PAGES = 20;

type MediaMessage = Extract<OutboundMessage, { kind: 'media' }>;

export interface WhatsAppApi {
	/** Sends `message` to `to`, exactly the wa_id received (the 9th-digit issue); a binary file is uploaded first. */
	sendMessage(to: string, message: OutboundMessage): Promise<void>;
	/** Uploads a binary file (`POST /<ver>/<phone-number-id>/media`); resolves with its media id. */
	uploadMedia(message: MediaMessage): Promise<string>;
	/** Every APPROVED template of the account, following Meta's cursor paging. */
	listApprovedTemplates(): Promise<WabaTemplate[]>;
	/** One attempt of a rendered send, its outcome returned whatever it is (the caller owns the retries). */
	sendOnce(wire: WireRequest, timeoutMs: number): Promise<HttpOutcome>;
	/**
	 * Marks inbound message `messageId` as read, with the typing indicator when `typing`. One attempt
	 * within MARK_READ_TIMEOUT_MS (a late indicator is useless); a refusal or failure throws.
	 */
	markRead(messageId: string, typing: boolean): Promise<void>;
}

/** Longest wait for a mark-as-read: the typing indicator lasts 25 s at most. */
export const MARK_READ_TIMEOUT_MS = 5_000;

/** The WhatsApp Cloud API of `account`, reached through `door`. */
export function whatsAppApi(door: ChannelDoor, account: WhatsAppAccount): WhatsAppApi {
	const baseUrl = (account.baseUrl?.trim() || 'https://graph.facebook.com').replace(/\/+$/, '');
	const apiVersion = account.apiVersion?.trim() || 'v25.0';
	const version = apiVersion.replace(/^v?/i, 'v');
	const wireOptions = (wire: WireRequest): IHttpRequestOptions => ({
		method: wire.method,
		url: `${baseUrl}${wire.path}`,
		body: wire.body as IHttpRequestOptions['body'],
		headers: wire.headers,
		json: true,
	});

	const api: WhatsAppApi = {
		async sendMessage(to, original) {
			const message = original.kind === 'media' && original.data ? withoutData(original, await api.uploadMedia(original)) : original;
			for (const wire of renderWhatsApp(to, message, { apiVersion, phoneNumberId: account.phoneNumberId })) {
				await callWithRetries(door, WHATSAPP_PLATFORM, wireOptions(wire));
			}
		},

		async uploadMedia(message) {
			const mimeType = message.mimeType ?? 'application/octet-stream';
			const form = new FormData();
			form.append('messaging_product', 'whatsapp');
			form.append('type', mimeType);
			form.append('file', new Blob([Buffer.from(message.data ?? '', 'base64')], { type: mimeType }), message.fileName ?? 'arquivo');
			const url = `${baseUrl}/${version}/${account.phoneNumberId.trim()}/media`;
			const body = (await callWithRetries(door, WHATSAPP_PLATFORM, { method: 'POST', url, body: form }, UPLOAD_TIMEOUT_MS)) as { id?: unknown };
			return String(body?.id);
		},

		async listApprovedTemplates() {
			const wabaId = String(account.businessAccountId ?? '').trim();
			if (!/^\d+$/.test(wabaId)) {
				throw new NodeOperationError(door.node, 'A credencial do WhatsApp não tem o ID da conta do WhatsApp Business (WABA)', {
					description: 'Preencha "ID da conta do WhatsApp Business (WABA)" na credencial do WhatsApp.',
				});
			}
			const url = `${baseUrl}/${version}/${wabaId}/message_templates`;
			const templates: WabaTemplate[] = [];
			let after: string | undefined;
			for (let page = 0; page < MAX_TEMPLATE_PAGES; page++) {
				const request: IHttpRequestOptions = { method: 'GET', url, qs: { status: 'APPROVED', limit: 100, ...(after ? { after } : {}) }, json: true };
				const body = ((await callWithRetries(door, WHATSAPP_PLATFORM, request).catch((error: unknown) => {
					throw listingError(door, error);
				})) ?? {}) as {
					data?: unknown;
					paging?: { next?: unknown; cursors?: { after?: unknown } };
				};
				const data = Array.isArray(body.data) ? body.data.filter(isTemplate) : [];
				templates.push(...data.filter((template) => String(template.status).toUpperCase() === 'APPROVED'));
				const next = typeof body.paging?.cursors?.after === 'string' ? body.paging.cursors.after : undefined;
				if (!body.paging?.next || !next || data.length === 0) break;
				after = next;
			}
			return templates;
		},

		async sendOnce(wire, timeoutMs) {
			// the send endpoint never redirects: no redirect-following wrapper around each request. An error
			// that is not the platform's answer nor a network failure is thrown (the queue stops on it).
			return await timedRequest(door.send, { ...wireOptions(wire), disableFollowRedirect: true }, timeoutMs);
		},

		async markRead(messageId, typing) {
			const wire = renderMarkRead(messageId, typing, { apiVersion, phoneNumberId: account.phoneNumberId });
			const outcome = await timedRequest(door.send, { ...wireOptions(wire), disableFollowRedirect: true }, MARK_READ_TIMEOUT_MS);
			if (outcome.kind === 'timeout') throw new Error(`o WhatsApp não respondeu em ${MARK_READ_TIMEOUT_MS / 1000} s`);
			if (outcome.kind === 'network') throw new Error(`falha de rede ao falar com o WhatsApp${outcome.code ? ` (${outcome.code})` : ''}`);
			if (outcome.statusCode >= 300) throw new Error(classifyWhatsAppError(outcome.statusCode, outcome.body).reason);
		},
	};
	return api;
}

/** Meta's refusal of the listing says so, and points at the WABA id too. */
function listingError(door: ChannelDoor, error: unknown): unknown {
	if (!(error instanceof NodeApiError) || !error.httpCode) return error;
	const message = `O WhatsApp recusou a listagem de templates (HTTP ${error.httpCode})`;
	return new NodeApiError(door.node, { message, httpCode: error.httpCode }, {
		message,
		description: `${error.message} Confira também o ID da WABA na credencial.`,
		httpCode: error.httpCode,
	});
}

function withoutData(message: MediaMessage, mediaId: string): OutboundMessage {
	const { data: _uploaded, ...rest } = message;
	return { ...rest, mediaId };
}

function isTemplate(value: unknown): value is WabaTemplate {
	const candidate = value as Partial<WabaTemplate> | undefined;
	return typeof candidate?.name === 'string' && typeof candidate.language === 'string' && Array.isArray(candidate.components);
}

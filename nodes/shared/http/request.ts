/**
 * The transport of cards that call a URL the flow author chooses (Requisição HTTP, Notificar Grupo
 * Interno's endpoint): one request through n8n's helpers, whose HTTP status, timeout or network
 * failure comes back as data instead of an exception.
 */
import type { IAdditionalCredentialOptions, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { AuthenticatedRequest } from './generic-auth';

/** What happened to a request. */
export type HttpOutcome =
	| { kind: 'response'; statusCode: number; statusMessage?: string; headers?: Record<string, unknown>; body: unknown; durationMs: number }
	| { kind: 'timeout'; durationMs: number }
	| { kind: 'network'; code?: string; durationMs: number };

/** Longest excerpt of a response body kept on items and in error messages. */
export const BODY_EXCERPT_LENGTH = 500;

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Error codes (`ECONNREFUSED`, `ECONNABORTED`…) along an error's `cause` chain, outermost first. */
function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) codes.push(code);
		current = (current as { cause?: unknown }).cause;
	}
	return codes;
}

/**
 * Classifies a request that threw: a timeout (an axios/undici timeout code, or no answer within the
 * time limit), a network failure with its code (never the error text, which may hold the URL), or
 * undefined when the error carries no network code (a credential n8n could not use, an OAuth token
 * that could not be refreshed…): that is not the service's answer, so the caller rethrows it.
 */
export function failureOf(error: unknown, durationMs: number, timeoutMs: number): HttpOutcome | undefined {
	const codes = errorCodes(error);
	if (codes.some((code) => TIMEOUT_CODES.has(code)) || durationMs >= timeoutMs) return { kind: 'timeout', durationMs };
	return codes.length > 0 ? { kind: 'network', code: codes[codes.length - 1], durationMs } : undefined;
}

/** The start of a response body as text (JSON for objects), or undefined when there is none. */
export function bodyExcerpt(body: unknown, length = BODY_EXCERPT_LENGTH): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : JSON.stringify(body);
	return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** The host of a URL, for events and messages (the path and query may carry tokens). */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return '';
	}
}

interface FullResponse {
	statusCode: number;
	statusMessage?: string;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** Sends one request; resolves with n8n's full response (`returnFullResponse`). */
export type RequestSender = (options: IHttpRequestOptions) => Promise<unknown>;

/**
 * Sends `prepared` with n8n's helpers (`httpRequestWithAuthentication` when a credential was chosen)
 * and a time limit. HTTP statuses, timeouts and network failures are returned, never thrown (other
 * errors are); redirects to another host do not carry the credential.
 */
export async function sendHttpRequest(context: IExecuteFunctions, prepared: AuthenticatedRequest, timeoutMs: number): Promise<HttpOutcome> {
	const credentialOptions: [] | [IAdditionalCredentialOptions] = prepared.credentialsDecrypted ? [{ credentialsDecrypted: prepared.credentialsDecrypted }] : [];
	const send: RequestSender = prepared.credentialType
		? async (options) => await context.helpers.httpRequestWithAuthentication.call(context, prepared.credentialType!, options, ...credentialOptions)
		: async (options) => await context.helpers.httpRequest(options);
	return await timedRequest(send, prepared.request, timeoutMs);
}

/**
 * Sends `request` with `send` and a time limit, asking for the full response whatever its status.
 * HTTP statuses, timeouts and network failures are returned, never thrown (other errors are).
 */
export async function timedRequest(send: RequestSender, request: IHttpRequestOptions, timeoutMs: number): Promise<HttpOutcome> {
	const options: IHttpRequestOptions = {
		...request,
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	const started = Date.now();
	const pending = send(options);
	// the socket timeout restarts with every byte: a hard limit too, for servers that trickle
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<'deadline'>((resolve) => {
		timer = setTimeout(() => resolve('deadline'), timeoutMs + 250);
	});
	pending.catch(() => undefined);
	try {
		const answer = await Promise.race([pending, deadline]);
		const durationMs = Date.now() - started;
		if (answer === 'deadline') return { kind: 'timeout', durationMs };
		const response = answer as FullResponse;
		return { kind: 'response', statusCode: response.statusCode, statusMessage: response.statusMessage, headers: response.headers, body: response.body, durationMs };
	} catch (error) {
		const failure = failureOf(error, Date.now() - started, timeoutMs);
		if (!failure) throw error;
		return failure;
	} finally {
		clearTimeout(timer);
	}
}

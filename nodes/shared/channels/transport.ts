/**
 * The one transport of the channel APIs (whatsapp/api.ts, telegram/api.ts; the next channels are
 * written the same way). Each API module is given a door ({@link ChannelDoor}): n8n's
 * `httpRequestWithAuthentication` bound to the calling node's context and the channel credential.
 * So the same code serves the trigger (webhook), the cards (execute or webhook), Notificar Grupo,
 * Processar Fila and the editor's lists (loadOptions), and every failure is reported against the
 * node that made the call. Processar Fila's door ({@link keepAliveDoor}) sends over kept-alive
 * connections instead (n8n's helper opens one per request; docs/arquitetura.md §8), with the same API
 * module, rendering and error reading.
 *
 * One retry policy for all of them ({@link callWithRetries}): what the platform calls transient (429,
 * 5xx, its rate-limit codes) and connections that never left are retried twice, after 0.5 s and 2 s
 * or after the wait the platform asked for (`Retry-After`, Telegram's `retry_after`) when it is short;
 * nothing else is repeated, since a request that cannot succeed will not succeed later, and a request
 * that timed out may have been delivered (a repeat would be a duplicate message). A caller that owns
 * its retries (Processar Fila's queue) takes a single attempt (`sendOnce` of whatsapp/api.ts).
 */
import {
	NodeApiError,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { keepAliveSender } from '../http/keep-alive';
import { bodyExcerpt, timedRequest, type HttpOutcome, type RequestSender } from '../http/request';
import type { SendErrorClassification } from './errors';

/** How a channel API module reaches its platform, and which node its failures are reported against. */
export interface ChannelDoor {
	node: INode;
	/** The item being handled, for the error (Notificar Grupo). */
	itemIndex?: number;
	send: RequestSender;
}

/** The node (and item) a failure is reported against. */
export type ErrorTarget = Pick<ChannelDoor, 'node' | 'itemIndex'>;

/** Every n8n context that sends to a channel. */
export type ChannelContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

/**
 * The door of `context` with the credential of type `credentialType`: the node's own credential, or
 * `credentialsDecrypted` when the caller loaded one (a card sending with its conversation's channel
 * credential; Processar Fila, which loads its credential once per run).
 */
export function doorOf(context: ChannelContext, credentialType: string, credentialsDecrypted?: ICredentialsDecrypted, itemIndex?: number): ChannelDoor {
	const helpers = context.helpers as IExecuteFunctions['helpers'];
	const extra = credentialsDecrypted ? { credentialsDecrypted } : undefined;
	return {
		node: context.getNode(),
		itemIndex,
		send: async (options) => await helpers.httpRequestWithAuthentication.call(context as IExecuteFunctions, credentialType, options, extra),
	};
}

/**
 * A door over kept-alive connections (../http/keep-alive.ts) for a hot path that sends thousands of
 * requests in one run (Processar Fila), where n8n's helper opens a new connection per request.
 * `authentication` are the headers the credential's `authenticate` adds (whatsapp/api.ts
 * `whatsAppAuthentication`), from the credential the caller read through n8n for this run: the door
 * lives as long as the run, so a rotated token takes effect on the next one.
 */
export function keepAliveDoor(node: INode, authentication: Record<string, string>): ChannelDoor {
	return { node, send: keepAliveSender(authentication) };
}

/** Who answered, for messages in pt-BR, and how its errors are read. */
export interface ChannelPlatform {
	/** As the subject of a sentence: "O Telegram". */
	subject: string;
	/** After "conectar": "ao Telegram". */
	target: string;
	classify: (status: number | undefined, body: unknown) => SendErrorClassification;
	/** What to check when the connection fails (default: the credential's base URL). */
	networkHint?: string;
}

/** Time limit of one call. */
export const CHANNEL_TIMEOUT_MS = 20_000;
/** Time limit of a file upload. */
export const UPLOAD_TIMEOUT_MS = 60_000;
/** Waits before the 2nd and 3rd attempts of a call the platform called transient. */
export const RETRY_DELAYS_MS: readonly number[] = [500, 2000];
/** Longest wait honoured from the platform (`Retry-After`, `retry_after`): a longer one fails at once with its reason. */
export const MAX_RETRY_WAIT_MS = 5000;
/** Connection failures that happen before the request leaves: it surely did not reach the platform. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * One attempt (exported for an API that reads the answer of a failed call: meta-messaging/api.ts), never thrown for an HTTP status, a timeout or a network failure. Any other failure of
 * the request is reported as a network failure without its text: the text of an error of n8n's
 * request helper may hold the URL, and a Telegram URL holds the bot token.
 */
export async function callOnce(door: ChannelDoor, request: IHttpRequestOptions, timeoutMs = CHANNEL_TIMEOUT_MS): Promise<HttpOutcome> {
	const started = Date.now();
	try {
		return await timedRequest(door.send, request, timeoutMs);
	} catch {
		return { kind: 'network', durationMs: Date.now() - started };
	}
}

/**
 * Sends `request` under the retry policy; resolves with the body of the 2xx answer (JSON parsed when
 * it came as text). Throws the platform's reason as a NodeApiError of the door's node.
 */
export async function callWithRetries(door: ChannelDoor, platform: ChannelPlatform, request: IHttpRequestOptions, timeoutMs = CHANNEL_TIMEOUT_MS): Promise<unknown> {
	return await withRetries(door, platform, async () => await callOnce(door, request, timeoutMs), timeoutMs);
}

/** The retry policy around any single attempt (`attempt`): the body of the 2xx answer, or the NodeApiError. */
export async function withRetries(
	door: ErrorTarget,
	platform: ChannelPlatform,
	attemptOnce: () => Promise<HttpOutcome>,
	timeoutMs = CHANNEL_TIMEOUT_MS,
	sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<unknown> {
	for (let attempt = 0; ; attempt++) {
		const outcome = await attemptOnce();
		if (outcome.kind === 'response' && outcome.statusCode >= 200 && outcome.statusCode < 300) return parsedBody(outcome.body);
		const wait = retryWait(platform, outcome, attempt);
		if (wait === undefined) throw channelError(door, platform, outcome, timeoutMs);
		await sleep(wait);
	}
}

/** How long to wait before attempt `attempt + 1` of a failed call, or undefined when it is not repeated. */
export function retryWait(platform: ChannelPlatform, outcome: HttpOutcome, attempt: number): number | undefined {
	if (attempt >= RETRY_DELAYS_MS.length) return undefined;
	if (outcome.kind === 'timeout') return undefined;
	if (outcome.kind === 'network') return NOT_SENT_CODES.has(outcome.code ?? '') ? RETRY_DELAYS_MS[attempt] : undefined;
	const verdict = platform.classify(outcome.statusCode, parsedBody(outcome.body));
	if (verdict.retry !== 'backoff') return undefined;
	const asked = verdict.retryAfterMs ?? retryAfterHeaderMs(outcome.headers);
	if (asked === undefined) return RETRY_DELAYS_MS[attempt];
	return asked <= MAX_RETRY_WAIT_MS ? Math.max(0, asked) : undefined;
}

/** `Retry-After` in seconds (the HTTP-date form is not used by these platforms). */
function retryAfterHeaderMs(headers: Record<string, unknown> | undefined): number | undefined {
	const value = headers?.['retry-after'];
	const seconds = typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN;
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** A failed call as a NodeApiError: the platform's reason, or the timeout or connection failure; never the URL. */
export function channelError(door: ErrorTarget, platform: ChannelPlatform, outcome: HttpOutcome, timeoutMs = CHANNEL_TIMEOUT_MS): NodeApiError {
	const error = (message: string, description: string, httpCode?: string): NodeApiError =>
		// the response body stays out of errorResponse: NodeApiError would take its texts over ours
		new NodeApiError(door.node, { message, ...(httpCode ? { httpCode } : {}) } as JsonObject, {
			message,
			description,
			itemIndex: door.itemIndex,
			...(httpCode ? { httpCode } : {}),
		});
	if (outcome.kind === 'timeout') {
		return error(`${platform.subject} não respondeu em ${Math.round(timeoutMs / 1000)} s`, 'A mensagem pode ter sido entregue ou não: confira antes de repetir.');
	}
	if (outcome.kind === 'network') {
		// the code stays out of the message: NodeApiError would swap a message naming ECONNREFUSED for its English text
		return error(
			`Não foi possível conectar ${platform.target}`,
			`${outcome.code ? `Erro de rede ${outcome.code}. ` : ''}${platform.networkHint ?? 'Confira a URL base da credencial e a conexão do n8n com a internet.'}`,
		);
	}
	const body = parsedBody(outcome.body);
	const excerpt = bodyExcerpt(body);
	const verdict = platform.classify(outcome.statusCode, body);
	const refused = error(verdict.reason, excerpt ? `Resposta: ${excerpt}` : `HTTP ${outcome.statusCode}`, String(outcome.statusCode));
	if (verdict.code !== undefined) refused.context[PLATFORM_CODE] = verdict.code;
	return refused;
}

/** Key of the platform's error code in a channel error's `context`. */
const PLATFORM_CODE = 'codigoDoCanal';

/** The platform's error code (e.g. WhatsApp 131047) of a refusal thrown by the transport, if any. */
export function platformErrorCode(error: unknown): number | undefined {
	const code = error instanceof NodeApiError ? error.context[PLATFORM_CODE] : undefined;
	return typeof code === 'number' ? code : undefined;
}

/** Bodies of multipart calls and of some errors arrive as text: parsed when they are JSON. */
export function parsedBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

async function defaultSleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A request sender ({@link RequestSender}) over kept-alive connections, for a hot path that sends
 * thousands of requests to one API in a run (Processar Fila). n8n's `httpRequest` /
 * `httpRequestWithAuthentication` build a new `http.Agent` for every request (n8n's
 * `@n8n/backend-network`: `convertN8nRequestToAxios` → `setAxiosAgents` → `buildNodeAgents`), so each
 * request opens a new TCP (and TLS) connection; at 1,000 messages/s that is the cost that keeps the
 * rate down (docs/arquitetura.md §8).
 *
 * The agents are kept per origin at module level: an agent is a pool of connections, nothing of a
 * request, a node or a credential stays in it (the caller adds its authentication headers to each
 * request, and keeps them only for its run). Idle connections close after {@link IDLE_SOCKET_MS} (or
 * sooner when the server's `Keep-Alive: timeout` says so) and never hold the process open.
 *
 * What it sends: `method`, `url` (+ `qs`), `headers`, a JSON body (an object, sent as JSON) or a text
 * or Buffer body, `timeout`. It never follows redirects and resolves with the full response
 * (`{ statusCode, statusMessage, headers, body }`, the body JSON-parsed when it is JSON) whatever the
 * status, as `timedRequest` asks. Network failures reject with their Node error (its `code` is what
 * `timedRequest` reads); a request it cannot send (a multipart body) rejects with an error without a
 * code, before anything leaves.
 */
import http from 'node:http';
import https from 'node:https';

import type { IHttpRequestOptions } from 'n8n-workflow';

import type { RequestSender } from './request';

/** How long an idle connection stays open for the next request. */
export const IDLE_SOCKET_MS = 4_000;

/** One pool per origin (`https://graph.facebook.com`). */
const agents = new Map<string, http.Agent>();

function agentOf(url: URL): http.Agent {
	let agent = agents.get(url.origin);
	if (!agent) {
		const options: http.AgentOptions = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' };
		agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
		agents.set(url.origin, agent);
	}
	return agent;
}

interface EncodedBody {
	payload?: Buffer;
	contentType?: string;
}

function encodedBody(body: IHttpRequestOptions['body']): EncodedBody {
	if (body === undefined || body === null) return {};
	if (typeof body === 'string') return { payload: Buffer.from(body, 'utf8'), contentType: 'text/plain; charset=utf-8' };
	if (Buffer.isBuffer(body)) return { payload: body, contentType: 'application/octet-stream' };
	if (body instanceof FormData || body instanceof URLSearchParams || typeof (body as { pipe?: unknown }).pipe === 'function') {
		throw new Error('Corpo de requisição não suportado pelo envio com conexão mantida (só JSON, texto ou Buffer)');
	}
	return { payload: Buffer.from(JSON.stringify(body), 'utf8'), contentType: 'application/json' };
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
	return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function parsedResponseBody(text: string, contentType: string | undefined, json: boolean | undefined): unknown {
	if (text === '' || !(json || contentType?.includes('json'))) return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * A sender whose requests go out over the kept-alive pool of their origin, each with `headers` added
 * (the credential's authentication, e.g. `Authorization: Bearer …`, read by the caller for its run).
 */
export function keepAliveSender(headers: Record<string, string> = {}): RequestSender {
	return async (options) => {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) {
			if (value !== undefined) url.searchParams.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
		const { payload, contentType } = encodedBody(options.body);
		const requestHeaders: Record<string, string | number> = { ...(options.headers as Record<string, string> | undefined), ...headers };
		if (payload && contentType && !hasHeader(requestHeaders, 'content-type')) requestHeaders['Content-Type'] = contentType;
		if (payload) requestHeaders['Content-Length'] = payload.length;
		if (options.json && !hasHeader(requestHeaders, 'accept')) requestHeaders.Accept = 'application/json';
		const agent = agentOf(url);
		const client = url.protocol === 'https:' ? https : http;
		return await new Promise((resolve, reject) => {
			const request = client.request(url, { method: options.method ?? 'GET', headers: requestHeaders, agent, timeout: options.timeout });
			request.on('response', (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('error', reject);
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({
						statusCode: response.statusCode ?? 0,
						statusMessage: response.statusMessage,
						headers: response.headers,
						body: parsedResponseBody(text, response.headers['content-type'], options.json),
					});
				});
			});
			request.on('timeout', () => request.destroy(Object.assign(new Error('Tempo limite da requisição esgotado'), { code: 'ETIMEDOUT' })));
			request.on('error', reject);
			request.end(payload);
		});
	};
}

/** Proxy variables n8n's requests honour (`@n8n/backend-network` reads the same ones). */
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'];

/**
 * Whether requests may leave through {@link keepAliveSender} instead of n8n's helpers: not when n8n
 * is configured to go through a proxy (HTTP(S)_PROXY, ALL_PROXY) or to check destinations
 * (N8N_SSRF_PROTECTION_ENABLED), which only n8n's helpers do. Then the caller keeps n8n's helpers.
 */
export function keepAliveAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
	if (PROXY_VARIABLES.some((name) => Boolean(env[name]))) return false;
	return String(env.N8N_SSRF_PROTECTION_ENABLED ?? '').trim().toLowerCase() !== 'true';
}

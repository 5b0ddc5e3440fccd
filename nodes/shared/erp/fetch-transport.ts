/**
 * An `ErpTransport` on Node's fetch that authenticates like the n8n credential does (same
 * functions), renews the session token once on 401, and throws errors shaped like n8n's
 * (`httpCode`, `response.body`). Used by the credential test and by tests against the simulators;
 * cards use n8n's `httpRequestWithAuthentication` instead.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { authenticateErpRequest, baseUrlOf, fetchSessionToken, usesSessionToken, type ErpCredentials } from './credentials';
import type { ErpTransport } from './types';

/** The error a failed request throws: what adapters read (see `toErpError`). */
export class HttpStatusError extends Error {
	readonly response: { status: number; data: unknown };

	constructor(
		readonly httpCode: number,
		body: unknown,
	) {
		super(`Request failed with status code ${httpCode}`);
		this.name = 'HttpStatusError';
		this.response = { status: httpCode, data: body };
	}
}

function urlOf(options: IHttpRequestOptions): URL {
	const base = (options.baseURL ?? '').replace(/\/+$/, '');
	const url = new URL(options.url.startsWith('http') ? options.url : `${base}${options.url}`);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
	}
	return url;
}

/** n8n's helper drops the body of a GET (e.g. SGP's `token`/`app` fields on a boleto download): so does this transport. */
function bodyOf(options: IHttpRequestOptions, headers: Record<string, string>): string | Buffer | undefined {
	const body = options.body;
	if (body === undefined || body === null || (options.method ?? 'GET') === 'GET' || options.method === 'HEAD') return undefined;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return body as string | Buffer;
	const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
	if (contentType.includes('application/x-www-form-urlencoded')) {
		return new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)])).toString();
	}
	headers['content-type'] = contentType;
	return JSON.stringify(body);
}

/** Plain request through fetch, no authentication. */
export async function fetchRequest(options: IHttpRequestOptions): Promise<unknown> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) headers[name] = String(value);
	const body = bodyOf(options, headers);
	const response = await fetch(urlOf(options), {
		method: options.method ?? 'GET',
		headers,
		body: body as BodyInit | undefined,
		signal: AbortSignal.timeout(options.timeout ?? 15_000),
	});
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	let parsed: unknown = text;
	if (options.encoding === 'arraybuffer') parsed = bytes;
	else if (options.json !== false) {
		try {
			parsed = text === '' ? '' : JSON.parse(text);
		} catch {
			parsed = text;
		}
	}
	if (!response.ok) throw new HttpStatusError(response.status, parsed);
	if (options.returnFullResponse) {
		// As n8n's helper: headers by lower-case name, `set-cookie` as a list (Controllr's session cookie).
		const headersOut: Record<string, unknown> = {};
		response.headers.forEach((value, name) => {
			headersOut[name] = value;
		});
		headersOut['set-cookie'] = response.headers.getSetCookie();
		return { body: parsed, headers: headersOut, statusCode: response.status };
	}
	return parsed;
}

/** An authenticating transport for one credential (tokens cached per transport). */
export function fetchErpTransport(credentials: ErpCredentials): ErpTransport {
	const current: ErpCredentials = { ...credentials, baseUrl: baseUrlOf(credentials) };
	return async (options) => {
		if (usesSessionToken(current.system) && !current.sessionToken) current.sessionToken = await fetchSessionToken(current, fetchRequest);
		try {
			return await fetchRequest(authenticateErpRequest(current, options));
		} catch (error) {
			if (!(error instanceof HttpStatusError) || error.httpCode !== 401 || !usesSessionToken(current.system)) throw error;
			current.sessionToken = await fetchSessionToken(current, fetchRequest);
			return await fetchRequest(authenticateErpRequest(current, options));
		}
	};
}

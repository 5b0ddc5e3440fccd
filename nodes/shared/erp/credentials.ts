/**
 * The "ERP do Provedor" credential's data and how a request is authenticated with it. One
 * credential type holds every ERP (field `system`), so a flow moves from one ERP to another by
 * changing only the credential, and every ERP card picks it up by itself when it is the only one.
 * These functions are shared by the credential class (n8n) and by `fetchErpTransport` (credential
 * test, tests against the simulators), so both authenticate the same way.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ErpSystem } from './types';

/** The decrypted credential, as n8n hands it over. */
export interface ErpCredentials {
	system: ErpSystem;
	/** Root of the ERP, e.g. `https://erp.provedor.com.br` (no `/webservice/v1`, no `/api`). */
	baseUrl: string;
	timeoutSeconds?: number;
	ixcToken?: string;
	/**
	 * IXC's "Imprimir Contrato" resource: its numeric suffix differs per installation (default
	 * `cliente_contrato_imprimir_contrato_17678`).
	 */
	ixcContractPrintResource?: string;
	sgpAuthMode?: 'tokenApp' | 'basic';
	sgpToken?: string;
	sgpApp?: string;
	sgpUser?: string;
	sgpPassword?: string;
	hubsoftClientId?: string;
	hubsoftClientSecret?: string;
	hubsoftUser?: string;
	hubsoftPassword?: string;
	/** ISPFY's per-user token, sent in the `Token` header (docs/apis-externas.md §D.9). */
	ispfyToken?: string;
	mkauthClientId?: string;
	mkauthClientSecret?: string;
	receitanetToken?: string;
	/** Session token of ERPs that log in first (Hubsoft OAuth, MK-Auth JWT); refilled by n8n. */
	sessionToken?: string;
}

/** ERPs that need `sessionToken` (fetched by {@link fetchSessionToken}). */
export function usesSessionToken(system: ErpSystem): boolean {
	return system === 'hubsoft' || system === 'mkauth';
}

/** `sessionToken` value stored for ERPs that have no session, so n8n does not ask again. */
export const NO_SESSION = 'sem-sessao';

export function baseUrlOf(credentials: Pick<ErpCredentials, 'baseUrl'>): string {
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

function basic(user: string, password?: string): string {
	const raw = password === undefined ? user : `${user}:${password}`;
	return `Basic ${Buffer.from(raw).toString('base64')}`;
}

/** Adds the credential's authentication to a request (the credential's `authenticate`). */
export function authenticateErpRequest(credentials: ErpCredentials, options: IHttpRequestOptions): IHttpRequestOptions {
	const headers: IDataObject = { ...(options.headers ?? {}) };
	const authenticated: IHttpRequestOptions = { ...options, headers };
	switch (credentials.system) {
		case 'ixc':
			// IXC's token is `<user_id>:<hash>`, sent whole as Basic (docs/apis-externas.md §C.1).
			headers.Authorization = basic(credentials.ixcToken ?? '');
			break;
		case 'sgp':
			if (credentials.sgpAuthMode === 'basic') {
				headers.Authorization = basic(credentials.sgpUser ?? '', credentials.sgpPassword ?? '');
			} else {
				const body = authenticated.body;
				const fields = { token: credentials.sgpToken ?? '', app: credentials.sgpApp ?? '' };
				authenticated.body = body && typeof body === 'object' && !Buffer.isBuffer(body) ? { ...(body as IDataObject), ...fields } : fields;
			}
			break;
		case 'ispfy':
			headers.Token = credentials.ispfyToken ?? '';
			break;
		case 'hubsoft':
		case 'mkauth':
			headers.Authorization = `Bearer ${credentials.sessionToken ?? ''}`;
			break;
		case 'receitanet': {
			// The OpenAPI 1.1.0 wants `app` in the JSON body; servers before it read the query: both are sent.
			authenticated.qs = { ...(options.qs ?? {}), token: credentials.receitanetToken ?? '', app: 'ura' };
			const body = authenticated.body;
			if (body && typeof body === 'object' && !Buffer.isBuffer(body)) authenticated.body = { ...(body as IDataObject), app: 'ura' };
			break;
		}
	}
	return authenticated;
}

/** Plain HTTP, without authentication (n8n's `this.helpers.httpRequest` or fetch). */
export type PlainHttp = (options: IHttpRequestOptions) => Promise<unknown>;

/**
 * Logs in to ERPs that issue session tokens: Hubsoft's OAuth password grant (`POST /oauth/token`),
 * MK-Auth's `GET /api/` with Basic client_id:client_secret whose body is the raw JWT.
 */
export async function fetchSessionToken(credentials: ErpCredentials, http: PlainHttp): Promise<string> {
	const baseURL = baseUrlOf(credentials);
	const timeout = (credentials.timeoutSeconds ?? 15) * 1000;
	if (credentials.system === 'hubsoft') {
		const answer = (await http({
			method: 'POST',
			baseURL,
			url: '/oauth/token',
			json: true,
			timeout,
			body: {
				grant_type: 'password',
				client_id: credentials.hubsoftClientId,
				client_secret: credentials.hubsoftClientSecret,
				username: credentials.hubsoftUser,
				password: credentials.hubsoftPassword,
			},
		})) as { access_token?: string };
		if (!answer?.access_token) throw new Error('O Hubsoft não devolveu access_token: confira client_id, client_secret, usuário e senha.');
		return answer.access_token;
	}
	if (credentials.system === 'mkauth') {
		const answer = await http({
			method: 'GET',
			baseURL,
			url: '/api/',
			timeout,
			json: false,
			headers: { Authorization: basic(credentials.mkauthClientId ?? '', credentials.mkauthClientSecret ?? '') },
		});
		const token = String(answer ?? '').trim();
		if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) throw new Error('O MK-Auth não devolveu um token JWT: confira client_id e client_secret.');
		return token;
	}
	return NO_SESSION;
}

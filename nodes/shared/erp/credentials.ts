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
	/** RBX ISP (RouterBox) integration key ("Chave de Integração" of Empresa > Parâmetros > Web Services). */
	rbxApiKey?: string;
	/** RBX user recorded as who opened the tickets (`Usuario_Abertura`); left out when empty. */
	rbxUser?: string;
	/** Voalle's token URL (`https://erp:45700`); empty: the URL of the ERP with port 45700. */
	voalleAuthUrl?: string;
	voalleClientId?: string;
	voalleClientSecret?: string;
	/** Voalle's tenant token (`syndata`, Suíte > Configurações > Parâmetros > Integração/Mapa). */
	voalleSyndataToken?: string;
	/** Voalle's App Cliente (Portal V2) `Api_Path`, for the subscriber-portal login; empty: not offered. */
	voallePortalUrl?: string;
	voallePortalVerifyToken?: string;
	voallePortalClientId?: string;
	voallePortalClientSecret?: string;
	/** Controllr (BrByte): a panel user allowed (ACL) to the routes the cards use. */
	controllrUser?: string;
	controllrPassword?: string;
	/** Days an overdue invoice stays "em observação" after a trust unlock (Controllr). */
	controllrObservationDays?: number;
	/** MK Solutions: the webservice profile's user token and its contra-senha (`WSAutenticacao`). */
	mksolutionsUserToken?: string;
	mksolutionsPassword?: string;
	/** MK Solutions: default `cd_processo` / `cd_classificacao_ate` of tickets opened by the bot. */
	mksolutionsProcess?: string;
	mksolutionsClassification?: string;
	/** Session token of ERPs that log in first (Hubsoft OAuth, MK-Auth JWT); refilled by n8n. */
	sessionToken?: string;
}

/** ERPs that need `sessionToken` (fetched by {@link fetchSessionToken}). */
export function usesSessionToken(system: ErpSystem): boolean {
	return system === 'hubsoft' || system === 'mkauth' || system === 'controllr' || system === 'mksolutions' || system === 'voalle';
}

/** MK Solutions' login service: the only call that carries the user token and the contra-senha. */
export const MKSOLUTIONS_LOGIN_PATH = '/mk/WSAutenticacao.rule';

/** Controllr's login route (form `username`, `password`; answers the `BRBOSCookie` session cookie). */
export const CONTROLLR_LOGIN_PATH = '/login';

function hasHeader(headers: IDataObject, name: string): boolean {
	return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
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
		case 'voalle':
			// Only the ERP API gets the token: the App Cliente (Portal V2) login is an absolute URL with its own credentials.
			if (!/^https?:\/\//i.test(options.url)) headers.Authorization = `Bearer ${credentials.sessionToken ?? ''}`;
			break;
		case 'controllr':
			if (options.url === CONTROLLR_LOGIN_PATH) {
				const body = authenticated.body;
				const fields = { username: credentials.controllrUser ?? '', password: credentials.controllrPassword ?? '' };
				authenticated.body = body && typeof body === 'object' && !Buffer.isBuffer(body) ? { ...(body as IDataObject), ...fields } : fields;
			} else if (!hasHeader(headers, 'cookie')) {
				// An adapter that logged in again (an expired session answered 403) sends its own cookie.
				headers.Cookie = `BRBOSCookie=${credentials.sessionToken ?? ''}`;
			}
			break;
		case 'mksolutions': {
			// MK Solutions takes every secret in the query string (docs/apis-externas.md §D.7): never log these URLs.
			const qs: IDataObject = { ...(options.qs ?? {}), sys: 'MK0' };
			if (options.url === MKSOLUTIONS_LOGIN_PATH) {
				Object.assign(qs, { token: credentials.mksolutionsUserToken ?? '', password: credentials.mksolutionsPassword ?? '', cd_servico: '9999' });
			} else if (qs.token === undefined) {
				qs.token = credentials.sessionToken ?? '';
			}
			authenticated.qs = qs;
			break;
		}
		case 'receitanet': {
			// The OpenAPI 1.1.0 wants `app` in the JSON body; servers before it read the query: both are sent.
			authenticated.qs = { ...(options.qs ?? {}), token: credentials.receitanetToken ?? '', app: 'ura' };
			const body = authenticated.body;
			if (body && typeof body === 'object' && !Buffer.isBuffer(body)) authenticated.body = { ...(body as IDataObject), app: 'ura' };
			break;
		}
		case 'rbx': {
			// v2 (`/routerbox/ws_json/`) reads the header; v1 (`/routerbox/ws/`) reads `Autenticacao` inside the service object (docs/apis-externas.md §D.5).
			headers.authentication_key = credentials.rbxApiKey ?? '';
			const body = authenticated.body;
			if (/\/routerbox\/ws\//.test(options.url) && body && typeof body === 'object' && !Buffer.isBuffer(body)) {
				authenticated.body = Object.fromEntries(
					Object.entries(body as IDataObject).map(([service, fields]) => [
						service,
						fields && typeof fields === 'object' && !Array.isArray(fields) ? { Autenticacao: { ChaveIntegracao: credentials.rbxApiKey ?? '' }, ...(fields as IDataObject) } : fields,
					]),
				);
			}
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
	if (credentials.system === 'voalle') {
		const answer = (await http({
			method: 'POST',
			url: `${voalleAuthUrlOf(credentials)}/connect/token`,
			json: true,
			timeout,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: {
				grant_type: 'client_credentials',
				scope: 'syngw',
				client_id: credentials.voalleClientId ?? '',
				client_secret: credentials.voalleClientSecret ?? '',
				syndata: credentials.voalleSyndataToken ?? '',
			},
		})) as { access_token?: string };
		if (!answer?.access_token) throw new Error('O Voalle não devolveu access_token: confira client_id, client_secret (usuário marcado "Usuário integrador") e o syndata.');
		return answer.access_token;
	}
	if (credentials.system === 'mksolutions') return await mkSolutionsSessionToken(credentials, http, baseURL, timeout);
	if (credentials.system === 'controllr') return await controllrSessionCookie(credentials, http, baseURL, timeout);
	return NO_SESSION;
}

/**
 * Voalle serves the token on another port of the same host (45700; the API on 45715): the
 * credential's "URL de autenticação", or the ERP's URL with port 45700.
 */
export function voalleAuthUrlOf(credentials: Pick<ErpCredentials, 'baseUrl' | 'voalleAuthUrl'>): string {
	const given = String(credentials.voalleAuthUrl ?? '').trim().replace(/\/+$/, '');
	if (given) return given;
	const base = baseUrlOf(credentials);
	try {
		const url = new URL(base);
		url.port = '45700';
		return url.origin;
	} catch {
		return base;
	}
}

/** A login refusal, read by `toErpError` as HTTP 401 (kind `autenticacao`). */
function refusedLogin(message: string): Error {
	return Object.assign(new Error(message), { httpCode: 401 });
}

/** MK Solutions: `WSAutenticacao.rule` with the user token and contra-senha answers `{Token, Expire, status}`. */
async function mkSolutionsSessionToken(credentials: ErpCredentials, http: PlainHttp, baseURL: string, timeout: number): Promise<string> {
	const answer = (await http(authenticateErpRequest(credentials, { method: 'GET', baseURL, url: MKSOLUTIONS_LOGIN_PATH, json: true, timeout }))) as { Token?: unknown; status?: unknown };
	const token = typeof answer?.Token === 'string' ? answer.Token : undefined;
	if (!token || String(answer.status ?? 'OK').toUpperCase() === 'ERRO') {
		throw refusedLogin('O MK Solutions recusou o token do usuário e a contra-senha do webservice: confira-os em Integradores > Gerenciador de Webservices.');
	}
	return token;
}

/** Controllr: `POST /login` (form) sets the `BRBOSCookie` session cookie; its value is the session token. */
async function controllrSessionCookie(credentials: ErpCredentials, http: PlainHttp, baseURL: string, timeout: number): Promise<string> {
	const answer = (await http(
		authenticateErpRequest(credentials, {
			method: 'POST',
			baseURL,
			url: CONTROLLR_LOGIN_PATH,
			json: true,
			timeout,
			returnFullResponse: true,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: {},
		}),
	)) as { headers?: Record<string, unknown>; body?: { success?: unknown } };
	const cookie = sessionCookieOf(answer?.headers?.['set-cookie']);
	if (!cookie || answer.body?.success === false) throw refusedLogin('O Controllr recusou o usuário e a senha: confira-os na credencial "ERP do Provedor".');
	return cookie;
}

/** The value of `BRBOSCookie` among `Set-Cookie` headers. */
export function sessionCookieOf(setCookie: unknown): string | undefined {
	const values = Array.isArray(setCookie) ? setCookie.map(String) : typeof setCookie === 'string' ? [setCookie] : [];
	for (const value of values) {
		const match = /(?:^|[;,\s])BRBOSCookie=([^;,\s]+)/i.exec(value);
		if (match) return match[1];
	}
	return undefined;
}

/**
 * The only place that does HTTP for Hubsoft: every call under `/api/v1/integracao` with the
 * credential's base URL and timeout, JSON in and out; the transport authenticates (Bearer token of
 * the OAuth password grant, renewed on 401). Every failure comes out as `ErpError`.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { baseUrlOf, type ErpCredentials } from '../credentials';
import { ErpError, type ArquivoPdf, type ErpAction, type ErpTransport } from '../types';
import { HUBSOFT_NAME, hubsoftFailure, readHubsoftAnswer } from './errors';
import type { HubsoftAnswer } from './wire';

const API_PREFIX = '/api/v1/integracao';

export interface HubsoftApi {
	get<T extends HubsoftAnswer>(action: ErpAction, path: string, qs: IDataObject): Promise<T>;
	send<T extends HubsoftAnswer>(action: ErpAction, method: Extract<IHttpRequestMethods, 'POST' | 'PUT'>, path: string, body: IDataObject): Promise<T>;
	/**
	 * A PDF the API linked to (invoice, contract, NFS-e). Only links on the ERP's own origin are
	 * fetched, because the transport adds the Bearer token; for others `undefined`.
	 */
	pdf(action: ErpAction, link: string, fileName: string): Promise<ArquivoPdf | undefined>;
}

export function hubsoftApi(transport: ErpTransport, credentials: ErpCredentials): HubsoftApi {
	const baseURL = baseUrlOf(credentials);
	const timeout = (credentials.timeoutSeconds ?? 15) * 1000;

	async function call(action: ErpAction, options: Omit<IHttpRequestOptions, 'baseURL' | 'timeout'>): Promise<unknown> {
		try {
			return await transport({ ...options, baseURL, timeout });
		} catch (error) {
			throw hubsoftFailure(error, action);
		}
	}

	function sameOrigin(link: string): boolean {
		try {
			return new URL(link).origin === new URL(baseURL).origin;
		} catch {
			return false;
		}
	}

	return {
		async get<T extends HubsoftAnswer>(action: ErpAction, path: string, qs: IDataObject) {
			const body = await call(action, { method: 'GET', url: `${API_PREFIX}${path}`, qs, json: true, headers: { Accept: 'application/json' } });
			return readHubsoftAnswer(body, action) as T;
		},
		async send<T extends HubsoftAnswer>(action: ErpAction, method: 'POST' | 'PUT', path: string, body: IDataObject) {
			const answer = await call(action, { method, url: `${API_PREFIX}${path}`, body, json: true, headers: { Accept: 'application/json' } });
			return readHubsoftAnswer(answer, action) as T;
		},
		async pdf(action: ErpAction, link: string, fileName: string) {
			if (!sameOrigin(link)) return undefined;
			const data = await call(action, { method: 'GET', url: link, encoding: 'arraybuffer', json: false });
			const bytes = Buffer.isBuffer(data) ? data : data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(String(data ?? ''));
			if (bytes.subarray(0, 4).toString('latin1') !== '%PDF') {
				throw new ErpError('erro_erp', `O ${HUBSOFT_NAME} não devolveu um PDF no link do documento.`, { system: 'hubsoft', action });
			}
			return { fileName, data: bytes.toString('base64'), mimeType: 'application/pdf' };
		},
	};
}

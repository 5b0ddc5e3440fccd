/**
 * The only place the SGP adapter does HTTP. Bodies are objects: the credential adds `token` and
 * `app` to them (or a Basic header), so nothing here touches authentication. URA endpoints take
 * form fields; `/api/ura/chamado/` takes JSON. Every failure becomes an `ErpError`.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { baseUrlOf, type ErpCredentials } from '../credentials';
import type { ErpAction, ErpTransport } from '../types';
import { readSgpAnswer, sgpCallError } from './errors';
import type { JsonRecord } from '../values';

/** Form fields; `undefined` values are left out. */
export type SgpFields = Record<string, string | undefined>;

export interface SgpHttp {
	/** POSTs form-urlencoded `fields` to a URA path and returns the JSON answer. */
	form(action: ErpAction, path: string, fields: SgpFields): Promise<JsonRecord>;
	/** POSTs a JSON body (endpoints that read JSON only, e.g. `/api/ura/chamado/`). */
	json(action: ErpAction, path: string, body: IDataObject): Promise<JsonRecord>;
	/** GETs a file (a boleto PDF) from an absolute URL of the ERP. */
	file(action: ErpAction, url: string): Promise<Buffer>;
}

function definedFields(fields: SgpFields): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as IDataObject;
}

export function sgpHttp(transport: ErpTransport, credentials: ErpCredentials): SgpHttp {
	const common = { baseURL: baseUrlOf(credentials), timeout: (credentials.timeoutSeconds ?? 15) * 1000 };

	async function call(action: ErpAction, options: IHttpRequestOptions): Promise<unknown> {
		try {
			return await transport({ ...common, ...options });
		} catch (error) {
			throw sgpCallError(error, action);
		}
	}

	return {
		async form(action, path, fields) {
			const body = await call(action, {
				method: 'POST',
				url: path,
				json: true,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: definedFields(fields),
			});
			return readSgpAnswer(body, action);
		},
		async json(action, path, body) {
			return readSgpAnswer(await call(action, { method: 'POST', url: path, json: true, body }), action);
		},
		async file(action, url) {
			const body = await call(action, { method: 'GET', url, json: false, encoding: 'arraybuffer' });
			if (Buffer.isBuffer(body)) return body;
			if (body instanceof ArrayBuffer) return Buffer.from(body);
			return Buffer.from(String(body ?? ''), 'binary');
		},
	};
}

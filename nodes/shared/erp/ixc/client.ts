/**
 * The only place that talks HTTP to IXC Provedor (docs/apis-externas.md §C.1): listings are `POST` with
 * the header `ixcsoft: listar` and a `qtype`/`query`/`oper`/`grid_param` body, buttons and inserts are
 * plain `POST`s. Every failure comes out as an `ErpError`; authentication is the credential's.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { baseUrlOf, type ErpCredentials } from '../credentials';
import type { ErpAction, ErpTransport } from '../types';
import { ixcAccessError, ixcErrorMessage, ixcRefusalError, ixcTransportError, jsonObject, unexpectedAnswer } from './errors';
import { listRows, listTotal, type IxcRow } from './mapping';

/** One `grid_param` filter (ANDed with the others and with `qtype`). */
export interface IxcFilter {
	TB: string;
	OP: string;
	P: string;
	P2?: string;
}

/** A listing: `qtype`/`sortname`/`TB` are `table.field`. */
export interface IxcListQuery {
	qtype: string;
	query: string;
	oper?: string;
	sortname?: string;
	sortorder?: 'asc' | 'desc';
	filters?: IxcFilter[];
	/** Rows per page (`rp`). */
	rowsPerPage?: number;
}

/** One page of a listing and the number of rows of the whole listing. */
export interface IxcPage {
	rows: IxcRow[];
	total: number;
}

export interface IxcClient {
	/** The first page of a listing. */
	list(table: string, query: IxcListQuery, action: ErpAction): Promise<IxcRow[]>;
	/** Page `page` (1-based) of a listing, with the listing's `total`, for callers that read page by page. */
	page(table: string, query: IxcListQuery, page: number, action: ErpAction): Promise<IxcPage>;
	/** Every page of a listing (up to {@link MAX_PAGES}). */
	listAll(table: string, query: IxcListQuery, action: ErpAction): Promise<IxcRow[]>;
	/** A button or an insert; the answer's `{"type":"error"}` is left to the caller (it may be a business refusal). */
	call(resource: string, body: IDataObject, action: ErpAction): Promise<Record<string, unknown>>;
	/** A button that answers a file (read as bytes). */
	file(resource: string, body: IDataObject, action: ErpAction): Promise<unknown>;
}

/** Listing pages read at most, so a runaway listing cannot hold a conversation. */
export const MAX_PAGES = 20;

export function createIxcClient(transport: ErpTransport, credentials: ErpCredentials): IxcClient {
	const common = { baseURL: `${baseUrlOf(credentials)}/webservice/v1`, timeout: (credentials.timeoutSeconds ?? 15) * 1000 };

	async function send(options: Omit<IHttpRequestOptions, 'baseURL' | 'timeout'>, action: ErpAction): Promise<unknown> {
		let body: unknown;
		try {
			body = await transport({ ...common, ...options });
		} catch (error) {
			throw ixcTransportError(error, action);
		}
		const accessError = ixcAccessError(body, action);
		if (accessError) throw accessError;
		return body;
	}

	async function listPage(table: string, query: IxcListQuery, page: number, action: ErpAction): Promise<IxcPage> {
		const body: IDataObject = {
			qtype: query.qtype,
			query: query.query,
			oper: query.oper ?? '=',
			page: String(page),
			rp: String(query.rowsPerPage ?? 100),
			sortname: query.sortname ?? `${query.qtype.split('.')[0]}.id`,
			sortorder: query.sortorder ?? 'asc',
		};
		// IXC takes grid_param as a JSON-encoded string, never as an array.
		if (query.filters?.length) body.grid_param = JSON.stringify(query.filters);
		const answer = await send({ method: 'POST', url: `/${table}`, headers: { ixcsoft: 'listar' }, body, json: true }, action);
		const refusal = ixcErrorMessage(answer);
		if (refusal !== undefined) throw ixcRefusalError(refusal, action);
		if (!jsonObject(answer)) throw unexpectedAnswer(action, `listagem de ${table}`);
		return { rows: listRows(answer), total: listTotal(answer) };
	}

	return {
		async list(table, query, action) {
			return (await listPage(table, query, 1, action)).rows;
		},
		page: listPage,
		async listAll(table, query, action) {
			const rows: IxcRow[] = [];
			for (let page = 1; page <= MAX_PAGES; page++) {
				const current = await listPage(table, query, page, action);
				rows.push(...current.rows);
				if (current.rows.length === 0 || rows.length >= current.total || current.rows.length < (query.rowsPerPage ?? 100)) break;
			}
			return rows;
		},
		async call(resource, body, action) {
			const answer = await send({ method: 'POST', url: `/${resource}`, body, json: true }, action);
			const object = jsonObject(answer);
			if (!object) throw unexpectedAnswer(action, resource);
			return object;
		},
		async file(resource, body, action) {
			const answer = await send({ method: 'POST', url: `/${resource}`, body, json: false, encoding: 'arraybuffer' }, action);
			const refusal = ixcErrorMessage(answer);
			if (refusal !== undefined) throw ixcRefusalError(refusal, action);
			return answer;
		},
	};
}

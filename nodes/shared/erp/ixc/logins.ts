/**
 * The "Status Logins" report of IXC Provedor (docs/arquitetura.md §8, docs/apis-externas.md §C.7): RADIUS logins
 * (`radusuarios`) with the report's login filters, read page by page, each page joined with its
 * customers (`cliente`) and contracts (`cliente_contrato`) through one `IN` listing each, never one
 * call per login. Customer and contract filters ride on those two listings: a login whose customer
 * or contract does not pass them is left out.
 */
import type { IxcClient, IxcFilter, IxcListQuery } from './client';
import { field, type IxcRow } from './mapping';

/** `radusuarios.online`: S online, N offline, SS never connected ("sem status"). */
export type OnlineState = 'S' | 'N' | 'SS';

/** Login columns the report can be ordered by. */
export const LOGIN_SORT_FIELDS = ['id', 'login', 'id_cliente', 'ultima_conexao_inicial', 'ultima_conexao_final'] as const;
export type LoginSortField = (typeof LOGIN_SORT_FIELDS)[number];

/** The report's filters ("Informações Login", "Informações Cliente-Contrato", "Ordenação"). */
export interface StatusLoginsQuery {
	login: {
		/** `offlineOrNoStatus` = N or SS (IXC has no OR: sent as `online != S`). */
		online?: OnlineState | 'offlineOrNoStatus';
		ativo?: 'S' | 'N';
		concentradorId?: string;
		/** `YYYY-MM-DD HH:MM:SS` bounds of the start of the last connection (`ultima_conexao_inicial`). */
		connectedAfter?: string;
		connectedBefore?: string;
		/** `YYYY-MM-DD HH:MM:SS` bounds of the last disconnection (`ultima_conexao_final`). */
		disconnectedAfter?: string;
		disconnectedBefore?: string;
	};
	cliente: {
		ativo?: 'S' | 'N';
		/** IXC's city id (`cliente.cidade` is a foreign key, not a name). */
		cidadeId?: string;
	};
	contrato: {
		/** `cliente_contrato.status`: A, P, I, N, D. */
		status?: string;
		/** `cliente_contrato.status_internet`: A, D, CM, CA, FA, AA. */
		statusInternet?: string;
		/** Part of the plan's name (`cliente_contrato.contrato`, "contém"). */
		plano?: string;
	};
	sortBy: LoginSortField;
	sortOrder: 'asc' | 'desc';
	/** Rows per page of every listing (IXC's `rp`). */
	rowsPerPage: number;
	/** Most logins returned; 0 = all. */
	limit: number;
}

/** One login of the report, its customer and contract as the output item carries them. */
export interface StatusLogin {
	/** What "Enfileirar Envio" needs: the customer, the login (id) and the phone to message. */
	destinatario: { clienteId: string; login: string; telefone: string };
	login: {
		id: string;
		login: string;
		ativo: string;
		online: string;
		situacao: 'Online' | 'Offline' | 'Sem status';
		idContrato: string;
		concentrador: string;
		idConcentrador: string;
		ip: string;
		mac: string;
		ultimaConexaoInicial?: string;
		ultimaConexaoFinal?: string;
		motivoDesconexao: string;
	};
	cliente?: { id: string; nome: string; ativo: string; telefoneCelular: string; whatsapp: string; email: string; cidadeId: string };
	contrato?: { id: string; plano: string; status: string; statusInternet: string };
}

/** `YYYY-MM-DD HH:MM:SS` of a datetime column; `undefined` for empty and `0000-00-00 …` values. */
export function dateTimeOf(value: string): string | undefined {
	return /^\d{4}-\d{2}-\d{2}/.test(value) && !value.startsWith('0000') ? value : undefined;
}

const SITUACAO: Record<string, StatusLogin['login']['situacao']> = { S: 'Online', N: 'Offline' };

/** The phone the seed's report messages: `telefone_celular`, else the `whatsapp` column. */
export function recipientPhone(cliente: IxcRow | undefined): string {
	if (!cliente) return '';
	return field(cliente, 'telefone_celular') || field(cliente, 'whatsapp');
}

/** One login row with its customer and contract rows (when found) as the report's item. */
export function mapStatusLogin(login: IxcRow, cliente: IxcRow | undefined, contrato: IxcRow | undefined): StatusLogin {
	const ultimaConexaoInicial = dateTimeOf(field(login, 'ultima_conexao_inicial'));
	const ultimaConexaoFinal = dateTimeOf(field(login, 'ultima_conexao_final'));
	const clienteId = field(login, 'id_cliente');
	return {
		destinatario: { clienteId, login: field(login, 'id'), telefone: recipientPhone(cliente) },
		login: {
			id: field(login, 'id'),
			login: field(login, 'login'),
			ativo: field(login, 'ativo'),
			online: field(login, 'online'),
			situacao: SITUACAO[field(login, 'online').toUpperCase()] ?? 'Sem status',
			idContrato: field(login, 'id_contrato'),
			concentrador: field(login, 'concentrador'),
			idConcentrador: field(login, 'id_concentrador'),
			ip: field(login, 'ip'),
			mac: field(login, 'mac'),
			...(ultimaConexaoInicial ? { ultimaConexaoInicial } : {}),
			...(ultimaConexaoFinal ? { ultimaConexaoFinal } : {}),
			motivoDesconexao: field(login, 'motivo_desconexao'),
		},
		...(cliente
			? {
					cliente: {
						id: field(cliente, 'id'),
						nome: field(cliente, 'razao') || field(cliente, 'fantasia'),
						ativo: field(cliente, 'ativo'),
						telefoneCelular: field(cliente, 'telefone_celular'),
						whatsapp: field(cliente, 'whatsapp'),
						email: field(cliente, 'email'),
						cidadeId: field(cliente, 'cidade'),
					},
				}
			: {}),
		...(contrato
			? {
					contrato: {
						id: field(contrato, 'id'),
						plano: field(contrato, 'contrato'),
						status: field(contrato, 'status'),
						statusInternet: field(contrato, 'status_internet'),
					},
				}
			: {}),
	};
}

const EARLIEST = '1900-01-01 00:00:00';
const LATEST = '9999-12-31 23:59:59';

/**
 * A period on a datetime column as one `BE` (between, inclusive) whose open side is a far date: a
 * null date (`0000-00-00 00:00:00`) never falls inside it.
 */
function period(column: string, after: string | undefined, before: string | undefined): IxcFilter[] {
	return after || before ? [{ TB: `radusuarios.${column}`, OP: 'BE', P: after ?? EARLIEST, P2: before ?? LATEST }] : [];
}

/** The `radusuarios` listing of the login filters. */
export function loginListQuery(query: StatusLoginsQuery): IxcListQuery {
	const filters: IxcFilter[] = [];
	const { online, ativo, concentradorId, connectedAfter, connectedBefore, disconnectedAfter, disconnectedBefore } = query.login;
	if (online === 'offlineOrNoStatus') filters.push({ TB: 'radusuarios.online', OP: '!=', P: 'S' });
	else if (online) filters.push({ TB: 'radusuarios.online', OP: '=', P: online });
	if (ativo) filters.push({ TB: 'radusuarios.ativo', OP: '=', P: ativo });
	if (concentradorId) filters.push({ TB: 'radusuarios.id_concentrador', OP: '=', P: concentradorId });
	filters.push(...period('ultima_conexao_inicial', connectedAfter, connectedBefore), ...period('ultima_conexao_final', disconnectedAfter, disconnectedBefore));
	return {
		// Every login (ids are positive); the filters narrow it down.
		qtype: 'radusuarios.id',
		query: '0',
		oper: '>',
		sortname: `radusuarios.${query.sortBy}`,
		sortorder: query.sortOrder,
		filters,
		rowsPerPage: query.rowsPerPage,
	};
}

/** Customer filters of the report, for the `cliente` listing. */
export function customerFilters(query: StatusLoginsQuery): IxcFilter[] {
	const filters: IxcFilter[] = [];
	if (query.cliente.ativo) filters.push({ TB: 'cliente.ativo', OP: '=', P: query.cliente.ativo });
	if (query.cliente.cidadeId) filters.push({ TB: 'cliente.cidade', OP: '=', P: query.cliente.cidadeId });
	return filters;
}

/** Contract filters of the report, for the `cliente_contrato` listing. */
export function contractFilters(query: StatusLoginsQuery): IxcFilter[] {
	const filters: IxcFilter[] = [];
	if (query.contrato.status) filters.push({ TB: 'cliente_contrato.status', OP: '=', P: query.contrato.status });
	if (query.contrato.statusInternet) filters.push({ TB: 'cliente_contrato.status_internet', OP: '=', P: query.contrato.statusInternet });
	if (query.contrato.plano) filters.push({ TB: 'cliente_contrato.contrato', OP: 'L', P: query.contrato.plano });
	return filters;
}

/** Distinct, numeric ids of `column` in `rows` (IXC's `IN` takes numbers). */
function idsOf(rows: IxcRow[], column: string): string[] {
	return [...new Set(rows.map((row) => field(row, column)).filter((id) => /^\d+$/.test(id) && id !== '0'))];
}

/** Rows of `table` whose id is one of `ids` and that pass `filters`, by id (one listing). */
async function rowsByIds(client: IxcClient, table: string, ids: string[], filters: IxcFilter[]): Promise<Map<string, IxcRow>> {
	if (ids.length === 0) return new Map();
	const rows = await client.listAll(
		table,
		{ qtype: `${table}.id`, query: ids.join(','), oper: 'IN', filters, rowsPerPage: ids.length },
		'listarLogins',
	);
	return new Map(rows.map((row) => [field(row, 'id'), row]));
}

/**
 * The report's logins, page by page (`onPage` receives each page's items, in the report's order).
 * A login is kept when its customer (and contract) passed the customer (contract) filters; with no
 * filter of a kind, a login whose customer or contract is missing is kept without it. Stops at
 * `query.limit` logins when it is above 0. Returns how many logins were delivered.
 */
export async function listStatusLogins(client: IxcClient, query: StatusLoginsQuery, onPage: (logins: StatusLogin[]) => Promise<void> | void): Promise<number> {
	const loginQuery = loginListQuery(query);
	const byCustomer = customerFilters(query);
	const byContract = contractFilters(query);
	let delivered = 0;
	let read = 0;
	for (let page = 1; ; page++) {
		const { rows, total } = await client.page('radusuarios', loginQuery, page, 'listarLogins');
		read += rows.length;
		const [customers, contracts] = await Promise.all([
			rowsByIds(client, 'cliente', idsOf(rows, 'id_cliente'), byCustomer),
			rowsByIds(client, 'cliente_contrato', idsOf(rows, 'id_contrato'), byContract),
		]);
		const logins: StatusLogin[] = [];
		for (const row of rows) {
			const cliente = customers.get(field(row, 'id_cliente'));
			const contrato = contracts.get(field(row, 'id_contrato'));
			if ((byCustomer.length > 0 && !cliente) || (byContract.length > 0 && !contrato)) continue;
			if (query.limit > 0 && delivered + logins.length >= query.limit) break;
			logins.push(mapStatusLogin(row, cliente, contrato));
		}
		if (logins.length > 0) await onPage(logins);
		delivered += logins.length;
		const exhausted = rows.length === 0 || (total > 0 ? read >= total : rows.length < query.rowsPerPage);
		if (exhausted || (query.limit > 0 && delivered >= query.limit)) return delivered;
	}
}

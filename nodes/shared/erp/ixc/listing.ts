/**
 * "Clientes por Filtro" on IXC Provedor (docs/apis-externas.md §C.1, §C.3, §C.4), filtered by IXC
 * itself: open receivables (`fn_areceber`, released, not received or cancelled) due in the range
 * (`data_vencimento` BE), or the active contracts whose internet is not released
 * (`cliente_contrato.status_internet != A`; listing.ts keeps the blocked ones). Each page is joined
 * with its customers and contracts through one `IN` listing each, never one call per row.
 */
import type { ClienteFiltrado, FiltroClientes, PaginaClientes } from '../types';
import type { IxcClient, IxcFilter, IxcListQuery } from './client';
import { field, linkedContractId, mapCliente, mapContrato, mapFatura, type IxcRow } from './mapping';

/** Rows per page of the driving listing. */
export const IXC_LISTING_PAGE = 200;

/** The driving listing of a filter: receivables due in the range, or contracts not released. */
export function ixcListingQuery(filtro: FiltroClientes): { table: string; query: IxcListQuery } {
	if (filtro.tipo === 'faturasAbertas') {
		const filters: IxcFilter[] = [
			{ TB: 'fn_areceber.liberado', OP: '=', P: 'S' },
			{ TB: 'fn_areceber.status', OP: '!=', P: 'C' },
			{ TB: 'fn_areceber.status', OP: '!=', P: 'R' },
			{ TB: 'fn_areceber.data_vencimento', OP: 'BE', P: filtro.vencimentoDe, P2: filtro.vencimentoAte },
		];
		return { table: 'fn_areceber', query: { qtype: 'fn_areceber.id', query: '0', oper: '>', sortname: 'fn_areceber.data_vencimento', sortorder: 'asc', filters, rowsPerPage: IXC_LISTING_PAGE } };
	}
	const filters: IxcFilter[] = [
		{ TB: 'cliente_contrato.status', OP: '=', P: 'A' },
		{ TB: 'cliente_contrato.status_internet', OP: '!=', P: 'A' },
	];
	if (filtro.plano) filters.push({ TB: 'cliente_contrato.contrato', OP: 'L', P: filtro.plano });
	return { table: 'cliente_contrato', query: { qtype: 'cliente_contrato.id', query: '0', oper: '>', filters, rowsPerPage: IXC_LISTING_PAGE } };
}

function idsOf(values: Array<string | undefined>): string[] {
	return [...new Set(values.filter((id): id is string => id !== undefined && /^\d+$/.test(id) && id !== '0'))];
}

async function rowsByIds(client: IxcClient, table: string, ids: string[]): Promise<Map<string, IxcRow>> {
	if (ids.length === 0) return new Map();
	const rows = await client.listAll(table, { qtype: `${table}.id`, query: ids.join(','), oper: 'IN', rowsPerPage: ids.length }, 'listarClientes');
	return new Map(rows.map((row) => [field(row, 'id'), row]));
}

/** Page `pagina` as `listarClientes` answers it. */
export async function ixcCustomersPage(client: IxcClient, filtro: FiltroClientes, pagina: number, today: string): Promise<PaginaClientes> {
	const { table, query } = ixcListingQuery(filtro);
	const { rows, total } = await client.page(table, query, pagina, 'listarClientes');
	const invoices = filtro.tipo === 'faturasAbertas';
	const contractIds = idsOf(rows.map((row) => (invoices ? linkedContractId(row) : field(row, 'id'))));
	const [customers, contracts] = await Promise.all([
		rowsByIds(client, 'cliente', idsOf(rows.map((row) => field(row, 'id_cliente')))),
		invoices ? rowsByIds(client, 'cliente_contrato', contractIds) : Promise.resolve(new Map(rows.map((row) => [field(row, 'id'), row]))),
	]);
	const itens: ClienteFiltrado[] = [];
	for (const row of rows) {
		const customer = customers.get(field(row, 'id_cliente'));
		if (!customer) continue;
		const contractRow = contracts.get((invoices ? linkedContractId(row) : field(row, 'id')) ?? '');
		const cidade = field(customer, 'cidade');
		itens.push({
			cliente: mapCliente(customer),
			...(contractRow ? { contrato: mapContrato(contractRow) } : {}),
			faturas: invoices ? [mapFatura(row, today)] : [],
			...(cidade ? { cidade } : {}),
		});
	}
	const read = (pagina - 1) * IXC_LISTING_PAGE + rows.length;
	return { itens, lidos: rows.length, total, fim: rows.length === 0 || (total > 0 ? read >= total : rows.length < IXC_LISTING_PAGE) };
}

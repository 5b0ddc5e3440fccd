/**
 * "Clientes por Filtro" on SGP (docs/apis-externas.md §D.1): the paginated customer listing
 * `/api/ura/clientes/` (`offset`, `limit` ≤ 100, `paginacao.total`) brings each customer with his
 * contacts, contracts (`contratoStatus`, `servico_plano`) and titles. The URA API filters this
 * listing by document, phone or contract only: due date, blocked contract, city and plan are applied
 * on each page (listing.ts), so the whole base is paged through, bounded by the node's page limit.
 * A listing entry without `titulos` (versions that leave them out) has its contracts' open titles
 * read from `/api/ura/titulos/`.
 */
import type { ClienteFiltrado, Fatura, FiltroClientes, PaginaClientes } from '../types';
import { mapClienteFromListing, mapContrato, mapFatura, isOpenTitle } from './mapping';
import type { SgpHttp } from './request';
import { asRecord, recordsOf, toNumber, toText, type JsonRecord } from '../values';

/** Customers per page of `/api/ura/clientes/` (the documented maximum). */
export const SGP_CUSTOMERS_PAGE = 100;

/** One listing entry as one item per contract (the titles of each contract with it). */
export async function sgpListingItems(entry: JsonRecord, filtro: FiltroClientes, today: string, openTitlesOf: (contratoId: string) => Promise<Fatura[]>): Promise<ClienteFiltrado[]> {
	const cliente = mapClienteFromListing(entry);
	if (!cliente) return [];
	const cidade = toText(asRecord(entry.endereco)?.cidade) ?? toText(entry.endereco_cidade);
	const contracts = recordsOf(entry.contratos)
		.map((contract) => mapContrato({ ...contract, contratoId: contract.contratoId ?? contract.id, clienteId: cliente.id }))
		.filter((contract) => contract !== undefined);
	const listed = Array.isArray(entry.titulos);
	const titles = recordsOf(entry.titulos)
		.filter(isOpenTitle)
		.map((title) => mapFatura(title, today))
		.filter((fatura): fatura is Fatura => fatura !== undefined);
	if (contracts.length === 0) return [{ cliente, faturas: titles, ...(cidade ? { cidade } : {}) }];
	const items: ClienteFiltrado[] = [];
	for (const contrato of contracts) {
		let faturas: Fatura[] = [];
		if (filtro.tipo === 'faturasAbertas') {
			faturas = listed ? titles.filter((fatura) => fatura.contratoId === contrato.id || (fatura.contratoId === undefined && contracts.length === 1)) : await openTitlesOf(contrato.id);
		}
		items.push({ cliente, contrato, faturas, ...(cidade ? { cidade } : {}) });
	}
	return items;
}

/** The ids of a page's customers, to tell a repeated page (an SGP that ignores `offset`) from a new one. */
export type SeenPage = { ids?: string };

/**
 * Page `pagina` of the customer listing as `listarClientes` answers it. `previous` holds the ids of
 * the page read before: an SGP that ignores `offset` answers the same page again, and the listing
 * stops there, saying so, instead of reading it up to the page limit.
 */
export async function sgpCustomersPage(
	http: SgpHttp,
	filtro: FiltroClientes,
	pagina: number,
	today: string,
	openTitlesOf: (contratoId: string) => Promise<Fatura[]>,
	previous: SeenPage = {},
): Promise<PaginaClientes> {
	const offset = (pagina - 1) * SGP_CUSTOMERS_PAGE;
	const answer = await http.form('listarClientes', '/api/ura/clientes/', {
		offset: String(offset),
		limit: String(SGP_CUSTOMERS_PAGE),
		...(filtro.tipo === 'contratosBloqueados' ? { omitir_titulos: '1' } : {}),
	});
	const entries = recordsOf(answer.clientes);
	const ids = entries.map((entry) => toText(entry.id) ?? '').join(',');
	const repeated = pagina > 1 && entries.length > 0 && ids === previous.ids;
	previous.ids = ids;
	if (repeated) return { itens: [], lidos: 0, fim: true, interrompida: 'o SGP devolveu a mesma página de novo (ignora o "offset" da listagem)' };
	const itens: ClienteFiltrado[] = [];
	for (const entry of entries) itens.push(...(await sgpListingItems(entry, filtro, today, openTitlesOf)));
	const total = toNumber(asRecord(answer.paginacao)?.total);
	const fim = entries.length === 0 || (total !== undefined ? offset + entries.length >= total : entries.length < SGP_CUSTOMERS_PAGE);
	return { itens, lidos: entries.length, ...(total !== undefined ? { total } : {}), fim };
}

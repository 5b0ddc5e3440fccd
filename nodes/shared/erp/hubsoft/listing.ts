/**
 * "Clientes por Filtro" on Hubsoft (docs/apis-externas.md §D.2), from the official documentation:
 * - invoices by due date: `GET /financeiro` (contas a receber of every customer) with `tipo_data =
 *   data_vencimento`, `data_inicio`, `data_fim`; without `busca` the API limits the range to 30 days
 *   and documents no offset, so each page is one window of up to 30 days of the asked range;
 * - blocked contracts: `GET /cliente/all` with `limit`/`offset` (every customer with his services;
 *   the API caches this answer and asks to call it a few times a day).
 * Each invoice brings its customer (`cliente`: name, document, phones); the city and the plan are
 * not in it, so those filters apply to blocked contracts only.
 */
import { addDays } from '../calendar';
import type { ClienteFiltrado, FiltroClientes, PaginaClientes } from '../types';
import type { HubsoftApi } from './api';
import { mapCliente, mapContrato, mapFaturaAberta } from './mapping';
import type { HubsoftAnswer, HubsoftCliente, HubsoftFatura, HubsoftServico } from './wire';

/** Days of one `/financeiro` window (the API's limit without `busca`). */
export const HUBSOFT_WINDOW_DAYS = 30;
/** Customers per page of `/cliente/all`. */
export const HUBSOFT_CUSTOMERS_PAGE = 100;

type ListedInvoice = HubsoftFatura & { data_vencimento_br?: string | null; cliente?: (HubsoftCliente & { servico?: HubsoftServico | null }) | null };
type ListedService = HubsoftServico & { endereco_instalacao?: { completo?: string | null; cidade?: string | null } | null };

/** `DD/MM/YYYY` of the due date, whether the answer gives `YYYY-MM-DD` (`/financeiro`) or `DD/MM/YYYY`. */
function brazilianDueDate(raw: ListedInvoice): string | undefined {
	if (raw.data_vencimento_br) return raw.data_vencimento_br;
	const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw.data_vencimento ?? '');
	return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : (raw.data_vencimento ?? undefined);
}

/** The `pagina`-th window of at most 30 days of `[de, ate]`; `undefined` past the end. */
export function dueDateWindow(de: string, ate: string, pagina: number): { inicio: string; fim: string; ultima: boolean } | undefined {
	const inicio = addDays(de, (pagina - 1) * HUBSOFT_WINDOW_DAYS);
	if (inicio > ate) return undefined;
	const end = addDays(inicio, HUBSOFT_WINDOW_DAYS - 1);
	return { inicio, fim: end < ate ? end : ate, ultima: end >= ate };
}

async function invoicesPage(api: HubsoftApi, filtro: Extract<FiltroClientes, { tipo: 'faturasAbertas' }>, pagina: number, today: string): Promise<PaginaClientes> {
	const window = dueDateWindow(filtro.vencimentoDe, filtro.vencimentoAte, pagina);
	if (!window) return { itens: [], lidos: 0, fim: true };
	const answer = await api.get<HubsoftAnswer & { faturas?: ListedInvoice[] }>('listarClientes', '/financeiro', {
		tipo_data: 'data_vencimento',
		data_inicio: window.inicio,
		data_fim: window.fim,
		apenas_quitado: 'nao',
		order_by: 'data_vencimento',
		order_type: 'asc',
		tipo_resultado: 'detalhado',
	});
	const rows = Array.isArray(answer.faturas) ? answer.faturas : [];
	const itens: ClienteFiltrado[] = [];
	for (const row of rows) {
		const fatura = mapFaturaAberta({ ...row, data_vencimento: brazilianDueDate(row) }, today);
		if (!fatura || !row.cliente || row.cliente.id_cliente === undefined) continue;
		const cliente = mapCliente(row.cliente);
		const servico = row.cliente.servico;
		itens.push({ cliente, ...(servico?.id_cliente_servico !== undefined && servico.id_cliente_servico !== null ? { contrato: mapContrato(servico, cliente.id) } : {}), faturas: [fatura] });
	}
	return { itens, lidos: rows.length, fim: window.ultima };
}

async function blockedPage(api: HubsoftApi, pagina: number): Promise<PaginaClientes> {
	const answer = await api.get<HubsoftAnswer & { clientes?: Array<HubsoftCliente & { servicos?: ListedService[] | null }> }>('listarClientes', '/cliente/all', {
		limit: HUBSOFT_CUSTOMERS_PAGE,
		offset: (pagina - 1) * HUBSOFT_CUSTOMERS_PAGE,
		cancelado: 'nao',
		relacoes: 'endereco_instalacao',
	});
	const rows = Array.isArray(answer.clientes) ? answer.clientes : [];
	const itens: ClienteFiltrado[] = [];
	for (const row of rows) {
		const cliente = mapCliente(row);
		for (const servico of row.servicos ?? []) {
			const cidade = servico.endereco_instalacao?.cidade?.trim();
			itens.push({ cliente, contrato: mapContrato(servico, cliente.id), faturas: [], ...(cidade ? { cidade } : {}) });
		}
	}
	return { itens, lidos: rows.length, fim: rows.length < HUBSOFT_CUSTOMERS_PAGE };
}

/** Page `pagina` as `listarClientes` answers it. */
export async function hubsoftCustomersPage(api: HubsoftApi, filtro: FiltroClientes, pagina: number, today: string): Promise<PaginaClientes> {
	return filtro.tipo === 'faturasAbertas' ? await invoicesPage(api, filtro, pagina, today) : await blockedPage(api, pagina);
}

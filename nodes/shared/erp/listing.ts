/**
 * Customers by filter, over every ERP (docs/arquitetura.md §8, "Clientes por Filtro"): reads the
 * adapter's `listarClientes` page by page up to a hard cap, merges the pages into one entry per
 * customer and applies what the ERP could not filter itself (due-date range, blocked contract, city,
 * plan), so every adapter is held to the same result whatever its API filters server-side.
 */
import { ErpError, type ClienteFiltrado, type ErpAdapter, type ErpSystem, type Fatura, type FiltroClientes } from './types';

/**
 * Why an ERP's API cannot list customers by filter (the `nao_suportado` message). Every ERP with an
 * adapter but without `listarClientes` has its line here (checked by listing.test.ts).
 */
export const LISTAGEM_NAO_SUPORTADA: Partial<Record<ErpSystem, string>> = {
	receitanet: 'a API URA do ReceitaNet só consulta um cliente por CPF/CNPJ, telefone ou contrato; não lista a base.',
	voalle: 'a listagem paginada de contratos do Voalle (contract/getpaged) não tem formato nem paginação documentados com segurança; não é oferecida.',
	rbx: 'o filtro livre de ConsultaDocumentosAbertos do RBX não tem sintaxe documentada por vencimento ou bloqueio; não é oferecido.',
	controllr: 'a API do Controllr usada pelo pacote consulta um cliente por documento; não há listagem documentada da base.',
	mksolutions: 'o webservice da MK Solutions só lista clientes por cursor (cd_cliente_inicio), sem telefone nem faturas; não é oferecido.',
	ispfy: 'a listagem de cobranças do ISPFY (/adm/charges) não traz o telefone do cliente (seria uma consulta por cobrança); não é oferecida.',
};

/** Hard limits of one listing, whatever the node asks. */
export const LIMITE_CLIENTES = 10_000;
export const LIMITE_PAGINAS = 500;

export interface OpcoesListagem {
	/** Most customers returned (≤ {@link LIMITE_CLIENTES}). */
	maxClientes: number;
	/** Most pages read from the ERP (≤ {@link LIMITE_PAGINAS}). */
	maxPaginas: number;
	/** Called after each page (progress log). */
	aoLerPagina?: (progresso: { pagina: number; lidos: number; total?: number; clientes: number }) => void;
}

export interface ResultadoListagem {
	clientes: ClienteFiltrado[];
	paginas: number;
	lidos: number;
	/** Why the listing stopped before its end (a limit was reached); `undefined` when it was read to the end. */
	interrompida?: string;
}

/** Lower case, no accents, trimmed: how city and plan are compared. */
export function comparable(value: string | undefined): string {
	return (value ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

function contains(value: string | undefined, wanted: string | undefined): boolean {
	const term = comparable(wanted);
	return term === '' || comparable(value).includes(term);
}

/** The part of an entry that passes `filtro`; `undefined` when nothing of it does. */
export function applyFilter(entry: ClienteFiltrado, filtro: FiltroClientes): ClienteFiltrado | undefined {
	if (!contains(entry.cidade, filtro.cidade)) return undefined;
	if (filtro.plano && !contains(entry.contrato?.plano, filtro.plano)) return undefined;
	if (filtro.tipo === 'contratosBloqueados') {
		return entry.contrato?.status === 'bloqueado' ? { ...entry, faturas: [] } : undefined;
	}
	const faturas = entry.faturas.filter((fatura) => fatura.vencimento >= filtro.vencimentoDe && fatura.vencimento <= filtro.vencimentoAte);
	return faturas.length > 0 ? { ...entry, faturas } : undefined;
}

const byDueDate = (a: Fatura, b: Fatura): number => a.vencimento.localeCompare(b.vencimento) || a.id.localeCompare(b.id);

/** Two entries of one customer as one: invoices joined (no repeats, soonest first), the first contract kept. */
function merge(known: ClienteFiltrado, other: ClienteFiltrado): ClienteFiltrado {
	const faturas = new Map(known.faturas.map((fatura) => [fatura.id, fatura]));
	for (const fatura of other.faturas) if (!faturas.has(fatura.id)) faturas.set(fatura.id, fatura);
	return { ...known, contrato: known.contrato ?? other.contrato, cidade: known.cidade ?? other.cidade, faturas: [...faturas.values()].sort(byDueDate) };
}

/**
 * The customers `filtro` selects, one entry each, in the order the ERP listed them. Throws
 * `ErpError` `nao_suportado` (with the reason) for an ERP whose API cannot list customers.
 */
export async function listarClientesFiltrados(adapter: ErpAdapter, filtro: FiltroClientes, opcoes: OpcoesListagem): Promise<ResultadoListagem> {
	if (!adapter.listarClientes || !adapter.supports('listarClientes')) {
		const motivo = LISTAGEM_NAO_SUPORTADA[adapter.system] ?? 'a API deste ERP não lista clientes.';
		throw new ErpError('nao_suportado', `Clientes por Filtro não está disponível neste ERP: ${motivo}`, { system: adapter.system, action: 'listarClientes' });
	}
	const maxClientes = Math.min(Math.max(1, Math.floor(opcoes.maxClientes)), LIMITE_CLIENTES);
	const maxPaginas = Math.min(Math.max(1, Math.floor(opcoes.maxPaginas)), LIMITE_PAGINAS);
	const clientes = new Map<string, ClienteFiltrado>();
	let lidos = 0;
	for (let pagina = 1; ; pagina++) {
		const page = await adapter.listarClientes(filtro, pagina);
		lidos += page.lidos;
		for (const item of page.itens) {
			const entry = applyFilter(item, filtro);
			if (!entry) continue;
			const known = clientes.get(entry.cliente.id);
			if (known) clientes.set(entry.cliente.id, merge(known, entry));
			else if (clientes.size < maxClientes) clientes.set(entry.cliente.id, { ...entry, faturas: [...entry.faturas].sort(byDueDate) });
			else return { clientes: [...clientes.values()], paginas: pagina, lidos, interrompida: `limite de ${maxClientes} clientes atingido` };
		}
		opcoes.aoLerPagina?.({ pagina, lidos, total: page.total, clientes: clientes.size });
		if (page.interrompida) return { clientes: [...clientes.values()], paginas: pagina, lidos, interrompida: page.interrompida };
		if (page.fim) return { clientes: [...clientes.values()], paginas: pagina, lidos };
		if (pagina >= maxPaginas) return { clientes: [...clientes.values()], paginas: pagina, lidos, interrompida: `limite de ${maxPaginas} páginas lidas do ERP atingido` };
	}
}

/**
 * ReceitaNet "API URA" payloads → canonical model (docs/apis-externas.md §D.6; the vendor's OpenAPI 1.1.0).
 * `/clientes` answers contracts, not customers: each carries `idCliente`, `razaoSocial`, `cpfCnpj`,
 * `contratoId`, `contratoStatus`, `isPromessaPagamento` and `faturasEmAberto [{valor, vencimento}]`
 * — no plan name, no phone, no boleto data. Pure functions: the adapter fetches, these map.
 */
import type { Cliente, Contrato, Fatura, StatusContrato } from '../types';

/** One contract of a `/clientes` answer, as received. */
export type ReceitaNetContract = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	return '';
}

/** Digits (and letters of an alphanumeric CNPJ) of a document, upper-case, no punctuation. */
export function unmaskDocument(document: unknown): string {
	return text(document).toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The contracts of a `/clientes` answer: `contratos` is one object or an array of them. */
export function contractsOf(body: Record<string, unknown>): ReceitaNetContract[] {
	const contratos = body.contratos;
	if (Array.isArray(contratos)) return contratos.filter(isRecord);
	return isRecord(contratos) ? [contratos] : [];
}

/** The contract id to send back (`contratoId`; older payloads had only `idCliente`). */
export function contractIdOf(contract: ReceitaNetContract): string {
	return text(contract.contratoId) || text(contract.idCliente);
}

/** `YYYY-MM-DD` from `2018-11-03` (or `03/11/2018`); undefined otherwise. */
export function dateOf(value: unknown): string | undefined {
	const raw = text(value);
	const iso = /^(\d{4}-\d{2}-\d{2})/.exec(raw)?.[1];
	if (iso) return iso;
	const br = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(raw);
	return br ? `${br[3]}-${br[2]}-${br[1]}` : undefined;
}

/** Groups the contracts of a lookup by customer (`idCliente`, or the document). */
export function groupByCustomer(contracts: ReceitaNetContract[]): ReceitaNetContract[][] {
	const groups = new Map<string, ReceitaNetContract[]>();
	for (const contract of contracts) {
		const key = text(contract.idCliente) || unmaskDocument(contract.cpfCnpj);
		groups.set(key, [...(groups.get(key) ?? []), contract]);
	}
	return [...groups.values()];
}

/**
 * The customer of one or more contracts. ReceitaNet gives no phone: `telefones` holds the number the
 * customer was found by, when the lookup was by phone (the ERP matched it), otherwise nothing.
 */
export function toCliente(contracts: ReceitaNetContract[], foundByPhone?: string): Cliente {
	const [first] = contracts;
	const documento = unmaskDocument(first.cpfCnpj);
	return {
		id: text(first.idCliente) || documento,
		nome: text(first.razaoSocial),
		documento,
		tipoPessoa: documento.length === 14 ? 'juridica' : 'fisica',
		telefones: foundByPhone ? [foundByPhone] : [],
	};
}

const STATUS_BY_CODE: Record<string, StatusContrato> = { '1': 'ativo', '3': 'bloqueado', '4': 'inativo' };
const STATUS_BY_DISPLAY: Record<string, StatusContrato> = { ativo: 'ativo', suspenso: 'bloqueado', bloqueado: 'bloqueado', cancelado: 'inativo' };

/** `contratoStatus` 1 ativo / 3 suspenso (bloqueado) / 4 cancelado (inativo); the display text when the code is unknown. */
export function statusOf(contract: ReceitaNetContract): StatusContrato {
	return STATUS_BY_CODE[text(contract.contratoStatus)] ?? STATUS_BY_DISPLAY[text(contract.contratoStatusDisplay).toLowerCase()] ?? 'inativo';
}

/** The open invoices of a contract; ids are made of contract and due date (the API gives none). */
export function toFaturas(contract: ReceitaNetContract, today: string): Fatura[] {
	const contratoId = contractIdOf(contract);
	const list = Array.isArray(contract.faturasEmAberto) ? contract.faturasEmAberto.filter(isRecord) : [];
	const seen = new Map<string, number>();
	return list.map((invoice) => {
		const vencimento = dateOf(invoice.vencimento) ?? '';
		const base = `${contratoId}-${vencimento}`;
		const count = (seen.get(base) ?? 0) + 1;
		seen.set(base, count);
		const valor = Number(invoice.valor);
		return {
			id: count === 1 ? base : `${base}-${count}`,
			contratoId,
			valor: Number.isFinite(valor) ? valor : 0,
			vencimento,
			vencida: vencimento !== '' && vencimento < today,
		};
	});
}

/**
 * A contract in the canonical form. ReceitaNet has no plan name in this API: the menu shows
 * "Contrato <id>". `isPromessaPagamento` is the payment promise (trust unlock) in force.
 */
export function toContrato(contract: ReceitaNetContract, clienteId: string, today: string): Contrato {
	const id = contractIdOf(contract);
	return {
		id,
		clienteId,
		plano: `Contrato ${id}`,
		status: statusOf(contract),
		financeiroEmAtraso: toFaturas(contract, today).some((invoice) => invoice.vencida),
		desbloqueioConfiancaAtivo: contract.isPromessaPagamento === true,
	};
}

/** `/verificar-acesso` status: 1 connected, 2 disconnected, anything else unknown. */
export function onlineOf(body: Record<string, unknown>): boolean | undefined {
	const status = text(body.status);
	if (status === '1') return true;
	if (status === '2') return false;
	return undefined;
}

/** `/notificacao-pagamento` released the contract (`liberado`, status 1). */
export function wasReleased(body: Record<string, unknown>): boolean {
	return body.liberado === true || (body.liberado === undefined && text(body.status) === '1');
}




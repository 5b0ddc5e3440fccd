/**
 * Controllr payloads → canonical model (pure functions; docs/apis-externas.md §D.8). Ids are
 * numbers, dates Postgres text (`YYYY-MM-DD[ HH:MM:SS]`), money decimal text; phones come as
 * `"Rótulo#-#número,…"`; `contract_status` 0 Desativado, 1 Ativado, 2 Alertado, 3 Pendente,
 * 4 Bloqueado, 5 Cancelado.
 */
import type { Cliente, Conexao, Contrato, Fatura } from '../types';
import { digitsOf, toIsoDate, toNumber, toText, unmaskDocument, type JsonRecord as ControllrRecord } from '../values';

/** One condition of Controllr's `where` (operators: 5 =, 7 IS, 9 LIKE, 10 ILIKE, 21 IN). */
export interface WhereCondition {
	field: string;
	oper: number;
	value: unknown;
}

export const OPER = { equal: 5, is: 7, isNot: 8, ilike: 10, in: 21 } as const;

/** The `where` form field: conditions joined by `{"field":"AND"}`, as JSON. */
export function whereOf(...conditions: WhereCondition[]): string {
	return JSON.stringify(conditions.flatMap((condition, index) => (index === 0 ? [condition] : [{ field: 'AND' }, condition])));
}

/** The numbers of `client_phones` (`"Celular#-#11987654321,Comercial#-#2133334444"`). */
export function phonesOf(value: unknown): string[] {
	const text = toText(value) ?? '';
	const numbers = text
		.split(',')
		.map((entry) => digitsOf(entry.includes('#-#') ? entry.split('#-#').pop()! : entry))
		.filter((phone) => phone.length >= 8);
	return [...new Set(numbers)];
}

export function mapCliente(record: ControllrRecord): Cliente | undefined {
	const id = toText(record.client_pk);
	const nome = toText(record.client_complete_name ?? record.client_name);
	if (!id || !nome) return undefined;
	const documento = unmaskDocument(toText(record.client_doc1) ?? '');
	const email = toText(record.client_mail)?.split(',')[0]?.split('#-#').pop()?.trim();
	return {
		id,
		nome,
		documento,
		tipoPessoa: documento.length > 11 ? 'juridica' : 'fisica',
		telefones: phonesOf(record.client_phones),
		...(email ? { email } : {}),
	};
}

const STATUS: Record<string, Contrato['status']> = { '0': 'inativo', '1': 'ativo', '2': 'ativo', '3': 'inativo', '4': 'bloqueado', '5': 'inativo' };

/** A contract of `contract/list`; `plano` from its items (`svclist`) or its number. */
export function mapContrato(record: ControllrRecord, clienteId: string, plano?: string): Contrato | undefined {
	const id = toText(record.contract_pk);
	if (!id) return undefined;
	const number = toText(record.contract_number) ?? id;
	return {
		id,
		clienteId: toText(record.client_pk) ?? clienteId,
		plano: plano ?? `Contrato ${number}`,
		status: STATUS[toText(record.contract_status) ?? ''] ?? 'inativo',
	};
}

/** The plan of a contract among its items (`plan_name`, else `item_name` of the first item). */
export function planOf(items: ControllrRecord[]): string | undefined {
	const withPlan = items.find((item) => toText(item.plan_name));
	return toText(withPlan?.plan_name) ?? toText(items[0]?.item_name);
}

/** `true` for an invoice that is not paid (`invoice_date_credit` empty) nor deleted. */
export function isOpenInvoice(record: ControllrRecord): boolean {
	return !toText(record.invoice_date_credit) && record.invoice_deleted !== true && record.invoice_deleted !== 't';
}

/** An open invoice. Controllr's list has no boleto line, link or Pix: only due date and amount. */
export function mapFatura(record: ControllrRecord, today: string): Fatura | undefined {
	const id = toText(record.invoice_pk);
	const vencimento = toIsoDate(record.invoice_date_due);
	const valor = toNumber(record.invoice_amount ?? record.invoice_value ?? record.invoice_total);
	if (!id || !vencimento || valor === undefined) return undefined;
	const contratoId = toText(record.contract_pk);
	return { id, ...(contratoId ? { contratoId } : {}), valor, vencimento, vencida: vencimento < today };
}

/** `YYYY-MM-DD` until which an invoice's payment is "em observação", when it is. */
export function observationEndOf(record: ControllrRecord): string | undefined {
	return toText(record.obs_pk) && toText(record.obs_pk) !== '0' ? toIsoDate(record.obs_date_end) : undefined;
}

/** A Controllr date-time (`YYYY-MM-DD HH:MM:SS`, Brasília time) as ISO. */
export function isoDateTime(value: unknown): string | undefined {
	const text = toText(value);
	const match = text ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(text) : null;
	return match ? `${match[1]}T${match[2]}-03:00` : undefined;
}

/**
 * The CPE of the contract (`/aaa_ctl/cpe/list`): `cpe_sessions` counts live RADIUS sessions,
 * `cpe_status` 1 is enabled; the last session of `session_history` tells when it last connected.
 */
export function mapConexao(cpe: ControllrRecord, lastSession: ControllrRecord | undefined, contratoId: string): Conexao {
	const sessions = toNumber(cpe.cpe_sessions) ?? 0;
	const mac = toText(cpe.cpe_mac_last) ?? toText(cpe.cpe_mac);
	const since = isoDateTime(lastSession?.session_date_start);
	const ip = toText(lastSession?.session_v4_ip);
	return {
		login: toText(cpe.cpe_username) ?? toText(cpe.cpe_pk) ?? contratoId,
		online: sessions > 0,
		ativo: toText(cpe.cpe_status) === '1' || cpe.cpe_status === true,
		contratoId,
		...(mac ? { mac } : {}),
		...(since ? { ultimaConexao: since } : {}),
		...(ip && sessions > 0 ? { ip } : {}),
	};
}

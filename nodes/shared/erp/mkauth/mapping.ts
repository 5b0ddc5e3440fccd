/**
 * MK-Auth payloads → canonical model (docs/apis-externas.md §D.3). MK-Auth is login-centric: each record
 * of `cliente/listar` / `cliente/show` is one login (PPPoE), i.e. one contract; a customer is the
 * set of logins that share a `cpf_cnpj`. Pure functions: the adapter fetches, these map.
 */
import type { Cliente, Contrato, Fatura, StatusContrato } from '../types';

/** One object of an MK-Auth answer, as received. */
export type MkAuthRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is MkAuthRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A trimmed string, `''` for null, numbers kept as text. */
function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	return '';
}

const lower = (value: unknown) => text(value).toLowerCase();

/** MK-Auth answers a literal `NULL` (or nothing) where a record does not exist. */
export function isNullBody(body: unknown): boolean {
	if (body === null || body === undefined) return true;
	return typeof body === 'string' && ['', 'NULL'].includes(body.trim().toUpperCase());
}

/** Digits (and letters of an alphanumeric CNPJ) of a document, upper-case, no punctuation. */
export function unmaskDocument(document: unknown): string {
	return text(document).toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The client records of a `cliente/listar` answer (`{"total_registros":1,"clientes":[…]}`). */
export function clientRecordsOf(body: MkAuthRecord): MkAuthRecord[] {
	const list = body.clientes;
	return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** The record of a `cliente/show` answer: the object itself, or the first of `dados` in versions that wrap it. */
export function shownRecordOf(body: MkAuthRecord): MkAuthRecord | undefined {
	if (Array.isArray(body.dados)) return body.dados.find(isRecord);
	return text(body.login) || text(body.uuid_cliente) ? body : undefined;
}

/** The invoices of a `titulo/aberto` answer (`{"Total":0,"titulos":[]}`). */
export function invoiceRecordsOf(body: MkAuthRecord): MkAuthRecord[] {
	const list = body.titulos;
	return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** `YYYY-MM-DD` of an MK-Auth date (`2024-07-15 00:00:00`, `15/07/2024`); undefined for empty or zero dates. */
export function dateOf(value: unknown): string | undefined {
	const raw = text(value);
	const iso = /^(\d{4}-\d{2}-\d{2})/.exec(raw)?.[1];
	if (iso) return iso.startsWith('0000') ? undefined : iso;
	const br = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(raw);
	return br ? `${br[3]}-${br[2]}-${br[1]}` : undefined;
}

/** Reais from MK-Auth's money text (`"110.00"`, `"1.234,56"`). */
export function moneyOf(value: unknown): number {
	if (typeof value === 'number') return value;
	const raw = text(value);
	const normalized = raw.includes(',') ? raw.replace(/\./g, '').replace(',', '.') : raw;
	const amount = Number(normalized);
	return Number.isFinite(amount) ? amount : 0;
}

/** Groups client records by customer document (records without one stand alone, by login). */
export function groupByCustomer(records: MkAuthRecord[]): MkAuthRecord[][] {
	const groups = new Map<string, MkAuthRecord[]>();
	for (const record of records) {
		const key = unmaskDocument(record.cpf_cnpj) || `login:${text(record.login)}`;
		groups.set(key, [...(groups.get(key) ?? []), record]);
	}
	return [...groups.values()];
}

function phonesOf(records: MkAuthRecord[]): string[] {
	const phones = records.flatMap((record) => [record.celular, record.fone, record.celular2].map((phone) => text(phone).replace(/\D/g, '')));
	return [...new Set(phones.filter((phone) => phone.length >= 8))];
}

/** The customer behind one or more logins sharing a document; `id` is the document (or the login without one). */
export function toCliente(records: MkAuthRecord[]): Cliente {
	const [first] = records;
	const documento = unmaskDocument(first.cpf_cnpj);
	const juridica = lower(first.pessoa) === 'juridica' || documento.length === 14;
	const email = records.map((record) => text(record.email)).find(Boolean);
	const login = text(first.login);
	return {
		id: documento || login,
		nome: text(first.nome),
		documento,
		tipoPessoa: juridica ? 'juridica' : 'fisica',
		telefones: phonesOf(records),
		...(email ? { email } : {}),
		...(login ? { codigo: login } : {}),
	};
}

/** `bloqueado` "sim" → bloqueado; `cli_ativado` "n" → inativo; otherwise ativo (MK-Auth has no reduced-speed state in its API). */
export function statusOf(record: MkAuthRecord): StatusContrato {
	if (lower(record.cli_ativado) === 'n') return 'inativo';
	return lower(record.bloqueado) === 'sim' ? 'bloqueado' : 'ativo';
}

function addressOf(record: MkAuthRecord): string | undefined {
	const street = [text(record.endereco), text(record.numero)].filter(Boolean).join(', ');
	const address = [street, text(record.bairro), text(record.cidade)].filter(Boolean).join(' - ');
	return address || undefined;
}

/** One login as a contract: id is `uuid_cliente` (what `cliente/editar` needs), the login kept in `login`. */
export function toContrato(record: MkAuthRecord, clienteId: string): Contrato {
	const login = text(record.login);
	const overdue = text(record.tit_vencidos);
	const lastUnlock = dateOf(record.data_desbloq);
	const endereco = addressOf(record);
	return {
		id: text(record.uuid_cliente) || login,
		clienteId,
		plano: text(record.plano),
		status: statusOf(record),
		...(overdue ? { financeiroEmAtraso: Number(overdue) > 0 } : {}),
		desbloqueioConfiancaAtivo: lower(record.observacao) === 'sim',
		...(lastUnlock ? { ultimoDesbloqueioConfianca: lastUnlock } : {}),
		...(endereco ? { endereco } : {}),
		...(login ? { login } : {}),
	};
}

/** Whether `titulo/aberto` left out what the customer needs (older versions list uuids only): fetch `titulo/show`. */
export function needsInvoiceDetail(titulo: MkAuthRecord): boolean {
	return !dateOf(titulo.datavenc) || titulo.valor === undefined || !(text(titulo.linhadig) || text(titulo.pix) || text(titulo.url));
}

const isPixCode = (value: string) => value.startsWith('000201');

/** An open invoice; `pix_link` (a web page, not a copia-e-cola) is never taken as the Pix code. */
export function toFatura(titulo: MkAuthRecord, contratoId: string | undefined, today: string): Fatura {
	const vencimento = dateOf(titulo.datavenc) ?? '';
	const linhaDigitavel = text(titulo.linhadig).replace(/\D/g, '');
	const pix = text(titulo.pix);
	const pdfUrl = text(titulo.url);
	return {
		id: text(titulo.uuid_lanc) || text(titulo.uuid),
		...(contratoId ? { contratoId } : {}),
		valor: moneyOf(titulo.valor),
		vencimento,
		vencida: vencimento !== '' && vencimento < today,
		...(linhaDigitavel ? { linhaDigitavel } : {}),
		...(isPixCode(pix) ? { pixCopiaECola: pix } : {}),
		...(pdfUrl ? { pdfUrl } : {}),
	};
}

/** The Pix copia-e-cola of a `titulo/show` answer, when it has one. */
export function pixOf(titulo: MkAuthRecord): string | undefined {
	const pix = text(titulo.pix);
	return isPixCode(pix) ? pix : undefined;
}

/** The boleto link of a `titulo/show` answer, when it has one. */
export function pdfUrlOf(titulo: MkAuthRecord): string | undefined {
	return text(titulo.url) || undefined;
}


/** Whether the login was unlocked (`data_desbloq`) in the month of `today`. */
export function unlockedThisMonth(record: MkAuthRecord, today: string): boolean {
	return dateOf(record.data_desbloq)?.slice(0, 7) === today.slice(0, 7);
}

/** Whether the login is blocked (`bloqueado` "sim"). */
export function isBlocked(record: MkAuthRecord): boolean {
	return lower(record.bloqueado) === 'sim';
}

/** Whether a `cliente/editar` answer reports success (`{"status":"success"}`). */
export function isSuccessfulUpdate(body: unknown): boolean {
	return isRecord(body) && ['success', 'sucesso'].includes(lower(body.status));
}



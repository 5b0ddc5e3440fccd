/**
 * Voalle's payloads → canonical model (docs/apis-externas.md §D.4). Pure functions.
 *
 * - `people/txid/{txId}`: `response` is one person `{ id, name, txId, email, phone, cellPhone… }`.
 * - `contract/getpaged`: `response.data[]` with `id`, `contractNumber`, `status` (1 Normal,
 *   2 Demonstração, 3 Cortesia, 4 Cancelado, 5 Suspenso, 6 Bloqueio Financeiro, 7 Bloqueio
 *   Administrativo, 9 Encerrado; some versions write the name) and `stage` (1 Pré-contrato … 5
 *   Cancelado). Voalle has no reduced-speed state.
 * - `getopentitlesbytxid/{txId}`: `response[]{ id, billet{ expirationDate, typefulLine, barcode,
 *   pixQRCode, amount{ value, finalValue } } }`; the amount to charge is `finalValue`.
 * - `getaccesspointstatusbycontract/{id}`: `{ title, inMaintenance, maintenance, active }` (an
 *   object, or a list of them): the access point (POP/OLT), not the subscriber's session.
 */
import { asRecord, recordsOf, toFlag, toIsoDate, toNumber, toText, unmaskDocument, type JsonRecord } from '../values';
import type { Cliente, Contrato, Fatura, PontoDeAcesso, StatusContrato } from '../types';

export type VoalleRecord = JsonRecord;

const digits = (value: unknown) => (toText(value) ?? '').replace(/\D/g, '');

export function toCliente(person: VoalleRecord): Cliente | undefined {
	const id = toText(person.id);
	const documento = unmaskDocument(toText(person.txId) ?? '');
	if (!id || !documento) return undefined;
	const telefones = [...new Set([person.cellPhone, person.cellPhone1, person.phone].map(digits).filter((phone) => phone.length >= 8))];
	const email = toText(person.email);
	// typeTxId 1 = CNPJ, 2 = CPF; the length decides when it is absent (or inverted, as some endpoints have it).
	return {
		id,
		nome: toText(person.name) ?? toText(person.name2) ?? '',
		documento,
		tipoPessoa: documento.length === 14 ? 'juridica' : 'fisica',
		telefones,
		...(email ? { email } : {}),
	};
}

/** Voalle contract status, by code or by the name some versions write. */
const STATUS_BY_CODE: Record<string, StatusContrato> = {
	'1': 'ativo',
	'2': 'ativo',
	'3': 'ativo',
	'4': 'inativo',
	'5': 'suspenso',
	'6': 'bloqueado',
	'7': 'bloqueado',
	'9': 'inativo',
};
const STATUS_BY_NAME: Array<[RegExp, StatusContrato]> = [
	[/bloqueio|bloqueado/i, 'bloqueado'],
	[/suspens/i, 'suspenso'],
	[/cancel|encerrad/i, 'inativo'],
	[/normal|demonstra|cortesia|ativo/i, 'ativo'],
];
/** `stage` 1: pré-contrato (not signed yet); 5: cancelled. */
const STAGE_PRE_CONTRACT = '1';
const STAGE_CANCELLED = '5';

function statusOf(entry: VoalleRecord): { status: StatusContrato; financial: boolean } {
	const raw = toText(entry.status) ?? toText(asRecord(entry.status)?.id) ?? '';
	const name = toText(entry.statusDescription) ?? toText(asRecord(entry.status)?.title) ?? raw;
	const status = STATUS_BY_CODE[raw] ?? STATUS_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? 'inativo';
	const stage = toText(entry.stage) ?? '';
	if (stage === STAGE_CANCELLED) return { status: 'inativo', financial: false };
	if (stage === STAGE_PRE_CONTRACT && status === 'ativo') return { status: 'aguardando_assinatura', financial: false };
	return { status, financial: raw === '6' || /financeiro/i.test(name) };
}

/** Cancelled and closed contracts are not offered to the customer. */
export function isCurrentContract(entry: VoalleRecord): boolean {
	return statusOf(entry).status !== 'inativo';
}

export function toContrato(entry: VoalleRecord, clienteId: string): Contrato | undefined {
	const id = toText(entry.id) ?? toText(entry.contractNumber);
	if (!id) return undefined;
	const number = toText(entry.contractNumber);
	const { status, financial } = statusOf(entry);
	const plano = toText(entry.description) ?? toText(entry.planDescription) ?? toText(entry.title) ?? (number ? `Contrato ${number}` : `Contrato ${id}`);
	return { id, clienteId, plano, status, ...(financial ? { financeiroEmAtraso: true } : {}) };
}

/** The contract number (`contracts/unlock` wants it, not the id). */
export function contractNumberOf(entry: VoalleRecord): string | undefined {
	return toText(entry.contractNumber) ?? toText(entry.id);
}

export function toFatura(title: VoalleRecord, today: string, contratoId?: string): Fatura | undefined {
	const billet = asRecord(title.billet) ?? title;
	const id = toText(title.id);
	const vencimento = toIsoDate(billet.expirationDate);
	const amount = asRecord(billet.amount);
	const valor = toNumber(amount?.finalValue) ?? toNumber(amount?.value) ?? toNumber(billet.amount);
	if (!id || !vencimento || valor === undefined) return undefined;
	const linhaDigitavel = toText(billet.typefulLine);
	const codigoBarras = toText(billet.barcode);
	const pixCopiaECola = toText(billet.pixQRCode);
	const pdfUrl = toText(billet.link) ?? toText(title.link);
	return {
		id,
		...(contratoId ? { contratoId } : {}),
		valor,
		vencimento,
		vencida: vencimento < today,
		...(linhaDigitavel ? { linhaDigitavel } : {}),
		...(codigoBarras ? { codigoBarras } : {}),
		...(pixCopiaECola ? { pixCopiaECola } : {}),
		...(pdfUrl ? { pdfUrl } : {}),
	};
}

/** Ids of the `getcontractbillets/{contractId}` entries (flat `{ id, title, expirationDate… }`). */
export function contractBilletIds(response: unknown): Set<string> {
	return new Set(recordsOf(response).map((entry) => toText(entry.id)).filter((id): id is string => id !== undefined));
}

/** The access point's state; several (a list): down if any is down, in maintenance if any is. */
export function toPontoDeAcesso(response: unknown): PontoDeAcesso | undefined {
	const points = Array.isArray(response) ? recordsOf(response) : [asRecord(response)].filter((entry): entry is VoalleRecord => entry !== undefined);
	if (points.length === 0) return undefined;
	const nome = points.map((point) => toText(point.title)).filter(Boolean).join(', ');
	const manutencao = points.map((point) => toText(point.maintenance)).filter(Boolean).join('; ');
	return {
		...(nome ? { nome } : {}),
		ativo: points.every((point) => toFlag(point.active)),
		emManutencao: points.some((point) => toFlag(point.inMaintenance)),
		...(manutencao ? { manutencao } : {}),
	};
}

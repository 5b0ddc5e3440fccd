/**
 * IXC Provedor rows (docs/apis-externas.md §C.2–C.9) mapped to the canonical model. Pure functions: the
 * row is whatever the webservice listed (values are strings, sometimes numbers), quirks included:
 * masked `cnpj_cpf`, `0000-00-00` null dates, the invoice's contract in one of three columns,
 * `total` as a string or a number, `registros` absent on empty results.
 */
import type { Chamado, Cliente, Conexao, Contrato, Departamento, Fatura, NotaFiscal, StatusContrato } from '../types';
import { compareOpenInvoices } from '../invoices';

/** One listed IXC record. */
export type IxcRow = Record<string, unknown>;

/** A column as trimmed text ('' when absent). */
export function field(row: IxcRow, name: string): string {
	const value = row[name];
	return value === undefined || value === null ? '' : String(value).trim();
}

const onlyDigits = (value: string) => value.replace(/\D/g, '');

/** `YYYY-MM-DD` of a date column, `undefined` for empty and `0000-00-00` values; `DD/MM/YYYY` is converted. */
export function dateOf(value: string): string | undefined {
	const brazilian = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(value);
	const iso = brazilian ? `${brazilian[3]}-${brazilian[2]}-${brazilian[1]}` : value.slice(0, 10);
	return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !iso.startsWith('0000') ? iso : undefined;
}

/** A money column ("26.00", "1234.5") in reais; 0 when it is not a number. */
export function amountOf(value: string): number {
	const number = Number(value.includes(',') && !value.includes('.') ? value.replace(',', '.') : value);
	return Number.isFinite(number) ? number : 0;
}

/** The records of a listing: `registros`, or none when IXC left the key out. */
export function listRows(body: unknown): IxcRow[] {
	const registros = (body as { registros?: unknown } | undefined)?.registros;
	return Array.isArray(registros) ? registros.filter((row): row is IxcRow => !!row && typeof row === 'object') : [];
}

/** `total` of a listing, given as a string or a number. */
export function listTotal(body: unknown): number {
	const total = Number((body as { total?: unknown } | undefined)?.total);
	return Number.isFinite(total) ? total : 0;
}

/** CPF/CNPJ without mask: digits, and upper-case letters of the alphanumeric CNPJ. */
export function unmaskDocument(document: string): string {
	return document.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The mask IXC stores documents with (`XXX.XXX.XXX-XX`, `XX.XXX.XXX/XXXX-XX`); `undefined` for other lengths. */
export function maskDocument(document: string): string | undefined {
	const plain = unmaskDocument(document);
	if (plain.length === 11) return `${plain.slice(0, 3)}.${plain.slice(3, 6)}.${plain.slice(6, 9)}-${plain.slice(9)}`;
	if (plain.length === 14) return `${plain.slice(0, 2)}.${plain.slice(2, 5)}.${plain.slice(5, 8)}/${plain.slice(8, 12)}-${plain.slice(12)}`;
	return undefined;
}

/** Columns of `cliente` that hold phone numbers. */
export const CLIENTE_PHONE_COLUMNS = ['telefone_celular', 'whatsapp', 'fone', 'telefone_comercial'] as const;

export function mapCliente(row: IxcRow): Cliente {
	const documento = unmaskDocument(field(row, 'cnpj_cpf'));
	const telefones = [...new Set(CLIENTE_PHONE_COLUMNS.map((column) => onlyDigits(field(row, column))).filter((phone) => phone.length >= 8))];
	const tipo = field(row, 'tipo_pessoa').toUpperCase();
	const email = field(row, 'email') || field(row, 'hotsite_email');
	return {
		id: field(row, 'id'),
		nome: field(row, 'razao') || field(row, 'fantasia'),
		documento,
		tipoPessoa: tipo === 'J' || (tipo !== 'F' && documento.length === 14) ? 'juridica' : 'fisica',
		telefones,
		...(email ? { email } : {}),
	};
}

/** `true` when one of the customer's phone columns ends with the same 8 digits as `phone`. */
export function hasPhoneEnding(row: IxcRow, phone: string): boolean {
	const last8 = onlyDigits(phone).slice(-8);
	return last8.length === 8 && CLIENTE_PHONE_COLUMNS.some((column) => onlyDigits(field(row, column)).endsWith(last8));
}

/**
 * Canonical status of a `cliente_contrato` row. `status` I (inativo/cancelado) and D (desistiu)
 * end the contract; otherwise `status_internet` decides: A ativo (reduzido when
 * `status_velocidade` is R), AA aguardando assinatura, CM bloqueio manual, CA bloqueio automático
 * and FA/CE financeiro em atraso (both blocked for debt), D desativado.
 */
export function contractStatusOf(row: IxcRow): { status: StatusContrato; financeiroEmAtraso: boolean } {
	const contractStatus = field(row, 'status').toUpperCase();
	if (contractStatus === 'I' || contractStatus === 'D') return { status: 'inativo', financeiroEmAtraso: false };
	switch (field(row, 'status_internet').toUpperCase()) {
		case 'A':
			return { status: field(row, 'status_velocidade').toUpperCase() === 'R' ? 'reduzido' : 'ativo', financeiroEmAtraso: false };
		case 'AA':
			return { status: 'aguardando_assinatura', financeiroEmAtraso: false };
		case 'CM':
			return { status: 'bloqueado', financeiroEmAtraso: false };
		case 'CA':
		case 'FA':
		case 'CE':
			return { status: 'bloqueado', financeiroEmAtraso: true };
		default:
			return { status: 'inativo', financeiroEmAtraso: false };
	}
}

function addressOf(row: IxcRow): string | undefined {
	const street = [field(row, 'endereco'), field(row, 'numero')].filter(Boolean).join(', ');
	const district = field(row, 'bairro');
	if (!street) return undefined;
	return district ? `${street} - ${district}` : street;
}

export function mapContrato(row: IxcRow): Contrato {
	const { status, financeiroEmAtraso } = contractStatusOf(row);
	const id = field(row, 'id');
	const lastTrustUnlock = dateOf(field(row, 'dt_ult_des_bloq_conf'));
	const endereco = addressOf(row);
	return {
		id,
		clienteId: field(row, 'id_cliente'),
		plano: field(row, 'contrato') || `Contrato ${id}`,
		status,
		financeiroEmAtraso,
		desbloqueioConfiancaAtivo: field(row, 'desbloqueio_confianca_ativo').toUpperCase() === 'S',
		...(lastTrustUnlock ? { ultimoDesbloqueioConfianca: lastTrustUnlock } : {}),
		...(endereco ? { endereco } : {}),
	};
}

const CONTRACT_LINK_COLUMNS = ['id_contrato', 'id_contrato_principal', 'id_contrato_avulso'] as const;

/** The contract of a receivable or a sale: `id_contrato`, else `id_contrato_principal`, else `id_contrato_avulso`. */
export function linkedContractId(row: IxcRow): string | undefined {
	return CONTRACT_LINK_COLUMNS.map((column) => field(row, column)).find((value) => value !== '' && value !== '0');
}

/** `true` when any of the contract columns of a receivable or a sale names `contractId`. */
export function isLinkedTo(row: IxcRow, contractId: string): boolean {
	return CONTRACT_LINK_COLUMNS.some((column) => field(row, column) === contractId);
}

/** An open `fn_areceber` row; `today` is `YYYY-MM-DD`. */
export function mapFatura(row: IxcRow, today: string): Fatura {
	const vencimento = dateOf(field(row, 'data_vencimento')) ?? '';
	const open = amountOf(field(row, 'valor_aberto'));
	const barcode = onlyDigits(field(row, 'nn_boleto'));
	const linhaDigitavel = field(row, 'linha_digitavel');
	const contratoId = linkedContractId(row);
	return {
		id: field(row, 'id'),
		...(contratoId ? { contratoId } : {}),
		valor: open > 0 ? open : amountOf(field(row, 'valor')),
		vencimento,
		vencida: vencimento !== '' && vencimento < today,
		...(linhaDigitavel ? { linhaDigitavel } : {}),
		// The Postman notes call nn_boleto the barcode; many IXCs keep the "nosso número" there instead.
		...(barcode.length === 44 ? { codigoBarras: barcode } : {}),
	};
}

/** Overdue invoices first, then by due date, then by id. */
export function sortOpenInvoices(invoices: Fatura[]): Fatura[] {
	return [...invoices].sort((a, b) => compareOpenInvoices(a, b) || a.id.localeCompare(b.id));
}

/** `YYYY-MM-DDTHH:MM:SS` of an IXC date-time, `undefined` for the null date. */
function dateTimeOf(value: string): string | undefined {
	return dateOf(value) && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? value.replace(' ', 'T') : undefined;
}

/** A `radusuarios` row: `online` S/N, SS ("sem status") left unknown. */
export function mapConexao(row: IxcRow): Conexao {
	const online = field(row, 'online').toUpperCase();
	const ip = field(row, 'ip');
	const mac = field(row, 'mac');
	const ultimaConexao = dateTimeOf(field(row, 'ultima_conexao_inicial'));
	const contratoId = field(row, 'id_contrato');
	return {
		login: field(row, 'login'),
		...(online === 'S' ? { online: true } : online === 'N' ? { online: false } : {}),
		ativo: field(row, 'ativo').toUpperCase() === 'S',
		...(ip ? { ip } : {}),
		...(mac ? { mac } : {}),
		...(ultimaConexao ? { ultimaConexao } : {}),
		...(contratoId && contratoId !== '0' ? { contratoId } : {}),
	};
}

/** The login that tells most about a contract's connection: an online one, else an active one, else the first. */
export function pickLogin(rows: IxcRow[]): IxcRow | undefined {
	const is = (row: IxcRow, column: string) => field(row, column).toUpperCase() === 'S';
	return rows.find((row) => is(row, 'online')) ?? rows.find((row) => is(row, 'ativo')) ?? rows[0];
}

/** A `vd_saida` row (sale with its nota fiscal). */
export function mapNotaFiscal(row: IxcRow): NotaFiscal {
	const modelo = field(row, 'modelo_nf');
	return {
		id: field(row, 'id'),
		numero: field(row, 'numero_nf') || field(row, 'id'),
		emissao: dateOf(field(row, 'data_emissao')) ?? '',
		valor: amountOf(field(row, 'valor_total')),
		...(modelo ? { modelo } : {}),
	};
}

/** A `su_ticket_setor` row. */
export function mapDepartamento(row: IxcRow): Departamento {
	return { id: field(row, 'id'), nome: field(row, 'setor') };
}

const TICKET_STATUS: Record<string, string> = { N: 'Novo', P: 'Pendente', EP: 'Em progresso', S: 'Solucionado', C: 'Cancelado' };

/** A `su_ticket` row; the protocol is the ticket id when IXC left `protocolo` empty. */
export function mapChamado(row: IxcRow): Chamado {
	const id = field(row, 'id');
	const status = TICKET_STATUS[field(row, 'su_status').toUpperCase()];
	const assunto = field(row, 'titulo');
	return {
		id,
		protocolo: field(row, 'protocolo') || id,
		...(assunto ? { assunto } : {}),
		...(status ? { status } : {}),
	};
}

/** Text compared without case and accents (subject names). */
export function comparableName(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

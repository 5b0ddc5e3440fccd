/**
 * MK Solutions payloads → canonical model (pure functions; docs/apis-externas.md §D.7). MK is loose:
 * ids come as JSON numbers or strings, dates as `DD/MM/YYYY`, money as Brazilian text
 * (`"1.234,56"`), some keys carry a trailing colon (`"Agendas:"`), and older versions name fields
 * differently (`codconexao` / `CodigoConexao`).
 */
import { addDays, firstDayOfNextMonth } from '../calendar';
import type { Cliente, Conexao, Contrato, Fatura, ResultadoAcao } from '../types';
import { asRecord, digitsOf, recordsOf, toText, unmaskDocument, type JsonRecord as MkRecord } from '../values';
import { isMkError, mkErrorMessage } from './errors';

/** Open invoices due later than this many days are future installments (carnê), not shown. */
export const INVOICE_HORIZON_DAYS = 40;

/** `record[name]`, or `record["name:"]` (MK writes some keys with a colon). */
export function field(record: MkRecord, name: string): unknown {
	return record[name] ?? record[`${name}:`];
}

/** `1234.56` from `"1.234,56"`, `"99,90"`, `"99.90"` or a number. */
export function brMoney(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	const text = toText(value)?.replace(/R\$\s*/i, '');
	if (!text) return undefined;
	const normalized = text.includes(',') ? text.replace(/\./g, '').replace(',', '.') : text;
	const number = Number(normalized);
	return Number.isFinite(number) ? number : undefined;
}

/** `YYYY-MM-DD` from `DD/MM/YYYY[ HH:mm:ss]` or `YYYY-MM-DD…`. */
export function mkDate(value: unknown): string | undefined {
	const text = toText(value);
	if (!text) return undefined;
	const br = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
	if (br) return `${br[3]}-${br[2]}-${br[1]}`;
	return /^(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
}

/** ISO date-time from `DD/MM/YYYY HH:mm:ss` (Brasília time, as MK writes it). */
export function mkDateTime(value: unknown): string | undefined {
	const text = toText(value);
	const match = text ? /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text) : null;
	if (!match) return mkDate(value);
	return `${match[3]}-${match[2]}-${match[1]}T${match[4]}:${match[5]}:${match[6] ?? '00'}-03:00`;
}

/**
 * The customer of `WSMKConsultaDoc`. MK does not echo the document: it is the one asked for.
 * `Outros` holds other records of the same document; the main one is kept.
 */
export function mapCliente(answer: MkRecord, documento: string): Cliente | undefined {
	const id = toText(answer.CodigoPessoa);
	const nome = toText(answer.Nome);
	if (!id || !nome) return undefined;
	const phones = [answer.Fone, answer.Celular, answer.Telefone]
		.map((phone) => digitsOf(toText(phone) ?? ''))
		.filter((phone) => phone.length >= 8);
	const unmasked = unmaskDocument(documento);
	return {
		id,
		nome,
		documento: unmasked,
		tipoPessoa: unmasked.length > 11 ? 'juridica' : 'fisica',
		telefones: [...new Set(phones)],
		...(toText(answer.Email) ? { email: toText(answer.Email) } : {}),
	};
}

/** The contracts of `WSMKContratosPorCliente` (`ContratosAtivos`) or of its V2 (a bare array). */
export function contractRecordsOf(answer: MkRecord): MkRecord[] {
	if (Array.isArray(answer.lista)) return recordsOf(answer.lista);
	return recordsOf(field(answer, 'ContratosAtivos') ?? field(answer, 'Contratos'));
}

/** The connections of `WSMKConexoesPorCliente`. */
export function connectionRecordsOf(answer: MkRecord): MkRecord[] {
	return recordsOf(field(answer, 'Conexoes'));
}

/** `codconexao` (observed) or `CodigoConexao` (as MK's docs name it). */
export function connectionIdOf(connection: MkRecord): string | undefined {
	return toText(connection.codconexao ?? connection.CodigoConexao ?? connection.cd_conexao);
}

function isYes(value: unknown): boolean {
	return /^(s|sim|true|1)$/i.test(toText(value) ?? '');
}

/** A connection is blocked (`bloqueada` "Sim"). */
export function isBlockedConnection(connection: MkRecord): boolean {
	return isYes(connection.bloqueada);
}

const FINANCIAL_REASON = /financ|d[ée]bito|inadimpl|atraso|pend[êe]ncia/i;

/**
 * A contract with the state of its connections: blocked when one of them is. MK's API has no
 * reduced-speed state. V2 contracts carry `status_contrato` (cancelled / suspended read as such).
 */
export function mapContrato(record: MkRecord, connections: MkRecord[], clienteId: string): Contrato | undefined {
	const id = toText(record.codcontrato ?? record.CodigoContrato);
	if (!id) return undefined;
	const mine = connections.filter((connection) => toText(connection.contrato ?? connection.codcontrato) === id);
	const blocked = mine.find(isBlockedConnection);
	const statusText = (toText(record.status_contrato) ?? '').toLowerCase();
	let status: Contrato['status'] = blocked ? 'bloqueado' : 'ativo';
	if (/cancel|encerr|inativ/.test(statusText)) status = 'inativo';
	else if (/suspens/.test(statusText)) status = 'suspenso';
	else if (/bloq/.test(statusText)) status = 'bloqueado';
	const reason = blocked ? toText(blocked.motivo_bloqueio) : undefined;
	const endereco = toText(mine[0]?.endereco);
	const login = toText(mine[0]?.username);
	return {
		id,
		clienteId,
		plano: toText(record.plano_acesso ?? record.descricao_plano) ?? `Contrato ${id}`,
		status,
		...(status === 'bloqueado' && reason !== undefined ? { financeiroEmAtraso: FINANCIAL_REASON.test(reason) } : {}),
		...(endereco ? { endereco } : {}),
		...(login ? { login } : {}),
	};
}

/** `true` when `contratos` of an invoice names the contract (absent: the invoice is kept). */
export function invoiceOfContract(record: MkRecord, contratoId: string): boolean {
	const contracts = record.contratos ?? record.contrato ?? record.cd_contrato;
	if (contracts === undefined || contracts === null || contracts === '') return true;
	const ids = Array.isArray(contracts) ? contracts.map((each) => toText(each)) : (toText(contracts) ?? '').split(/[,;\s]+/);
	return ids.includes(contratoId);
}

/**
 * An invoice of `WSMKFaturasPendentes`; `undefined` for a future installment beyond
 * {@link INVOICE_HORIZON_DAYS} (MK lists the whole carnê) or a record without id / due date.
 */
export function mapFatura(record: MkRecord, today: string, contratoId?: string): Fatura | undefined {
	const id = toText(record.codfatura ?? record.CodigoFatura);
	const vencimento = mkDate(record.data_vencimento ?? record.Vcto);
	if (!id || !vencimento || vencimento > addDays(today, INVOICE_HORIZON_DAYS)) return undefined;
	return {
		id,
		...(contratoId ? { contratoId } : {}),
		valor: brMoney(record.valor_total ?? record.Valor ?? record.valor) ?? 0,
		vencimento,
		vencida: vencimento < today,
	};
}

/** `WSMKSegundaViaCobranca` adds the public boleto link and the updated amount. */
export function withSecondCopy(fatura: Fatura, answer: MkRecord): Fatura {
	if (isMkError(answer)) return fatura;
	const pdfUrl = toText(answer.PathDownload);
	const valor = brMoney(answer.Valor);
	return { ...fatura, ...(pdfUrl ? { pdfUrl } : {}), ...(valor !== undefined ? { valor } : {}) };
}

/** The Pix copia-e-cola of `WSMKRetornarCopieColaPix`; `undefined` when the invoice has none. */
export function pixOf(answer: MkRecord): string | undefined {
	if (isMkError(answer)) return undefined;
	const pix = toText(answer.texto_qrcode);
	return pix && pix.startsWith('000201') ? pix : undefined;
}

/**
 * `WSMKAutoDesbloqueio`: `{status:"OK"}`, or `status:"ERRO"` whose text alone tells why — "Status na
 * conexão incompatível" (the connection is not blocked) or "Operação indisponível para esta
 * conexão" (already used this month: MK allows one self-unlock a month). `undefined` for any other
 * error (the caller raises it).
 */
export function mapTrustUnlock(answer: MkRecord, today: string): ResultadoAcao | undefined {
	if (!isMkError(answer)) return { sucesso: true, mensagem: 'Conexão liberada pelo auto-desbloqueio do MK Solutions.' };
	const said = mkErrorMessage(answer) ?? '';
	if (/indispon[íi]vel/i.test(said)) {
		return { sucesso: false, motivo: 'O auto-desbloqueio já foi usado neste mês: o MK Solutions o libera uma vez por mês.', disponivelEm: firstDayOfNextMonth(today) };
	}
	if (/incompat[íi]vel/i.test(said)) return { sucesso: false, motivo: 'A conexão deste contrato não está bloqueada, então não há o que desbloquear.' };
	return undefined;
}

/**
 * The connection of `WSMKConsultaConexaoAutenticada`: the record under `conexao` or the first of
 * `Agendas` (the key depends on MK's version). An error envelope means no authenticated session.
 */
export function mapConexao(connection: MkRecord, answer: MkRecord, contratoId: string): Conexao {
	const login = toText(connection.username) ?? connectionIdOf(connection) ?? contratoId;
	const base: Conexao = { login, ativo: !isBlockedConnection(connection), contratoId };
	const mac = toText(connection.mac_address);
	if (mac) base.mac = mac;
	const session = isMkError(answer) ? undefined : (asRecord(field(answer, 'conexao')) ?? recordsOf(field(answer, 'Agendas'))[0]);
	if (!session) return { ...base, online: false };
	const ip = toText(session.framedip);
	const stopped = toText(session.dt_hr_parada);
	const resumed = toText(session.dt_hr_retorno);
	const online = !stopped || Boolean(resumed);
	const since = mkDateTime(resumed ?? session.dt_hr_inicio);
	return { ...base, online, ...(ip ? { ip } : {}), ...(since ? { ultimaConexao: since } : {}) };
}

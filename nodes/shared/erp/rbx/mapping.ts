/**
 * RBX ISP (RouterBox) payloads → canonical model (docs/apis-externas.md §D.5). Pure functions. v1
 * values are strings (`"100.00"`, `"1"`), dates `YYYY-MM-DD`.
 *
 * - `ConsultaClientes`: `Codigo, Tipo, CNPJ_CNPF, Nome, TelComercial, TelResidencial, TelCelular, Email…`
 * - `ConsultaContratos`: `Numero, Cliente_Codigo, Plano_Descricao, Situacao_Codigo ("A"),
 *   Situacao_Descricao ("Ativo"), Assinado, Aceite_Eletronico…`; blocked contracts come from
 *   `ConsultaContratosBloqueados` (`Contrato_Numero`), reduced ones from `ConsultaClientesReducao`.
 * - v2 `get_unpaid_document`: `result[]{ id, due_date, value_init, value_up (updated total), contracts[] }`.
 * - v2 `get_online_customer`: `result[]{ contract_id, authentication_username, framed_ipv4_address,
 *   session_start_time, calling_station_id }`; an empty list is offline.
 */
import { asRecord, recordsOf, toIsoDate, toNumber, toText, unmaskDocument, type JsonRecord } from '../values';
import type { Cliente, Conexao, Contrato, Departamento, Fatura, StatusContrato } from '../types';

export type RbxRecord = JsonRecord;

const digits = (value: unknown) => (toText(value) ?? '').replace(/\D/g, '');

export function toCliente(record: RbxRecord): Cliente | undefined {
	const id = toText(record.Codigo);
	const documento = unmaskDocument(toText(record.CNPJ_CNPF) ?? '');
	if (!id || !documento) return undefined;
	const telefones = [...new Set([record.TelCelular, record.TelResidencial, record.TelComercial].map(digits).filter((phone) => phone.length >= 8))];
	const email = toText(record.Email);
	const tipo = toText(record.Tipo)?.toUpperCase();
	return {
		id,
		nome: toText(record.Nome) ?? '',
		documento,
		tipoPessoa: tipo === 'J' || (tipo !== 'F' && documento.length === 14) ? 'juridica' : 'fisica',
		telefones,
		...(email ? { email } : {}),
	};
}

/** Contract states by `Situacao_Descricao` (codes other than `A` are not documented). */
const STATUS_BY_NAME: Array<[RegExp, StatusContrato]> = [
	[/bloquead/i, 'bloqueado'],
	[/suspens/i, 'suspenso'],
	[/cancelad|inativ|encerrad/i, 'inativo'],
	[/aguardando|instala/i, 'inativo'],
	[/ativo/i, 'ativo'],
];

function statusOf(record: RbxRecord): StatusContrato {
	if (toText(record.Situacao_Codigo)?.toUpperCase() === 'A') return 'ativo';
	const name = toText(record.Situacao_Descricao) ?? '';
	return STATUS_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? 'inativo';
}

/** A contract; the blocked and reduced lists (contract numbers) override an "Ativo" situation. */
export function toContrato(record: RbxRecord, clienteId: string, blocked: ReadonlySet<string>, reduced: ReadonlySet<string>): Contrato | undefined {
	const id = toText(record.Numero);
	if (!id) return undefined;
	let status = statusOf(record);
	if (blocked.has(id) && status !== 'inativo') status = 'bloqueado';
	else if (reduced.has(id) && status === 'ativo') status = 'reduzido';
	return { id, clienteId: toText(record.Cliente_Codigo) ?? clienteId, plano: toText(record.Plano_Descricao) ?? `Contrato ${id}`, status };
}

/** Contract numbers of `ConsultaContratosBloqueados` / `ConsultaClientesReducao` rows of one customer. */
export function contractNumbersOf(rows: RbxRecord[], clienteId: string): Set<string> {
	return new Set(
		rows
			.filter((row) => toText(row.Cliente_Codigo) === undefined || toText(row.Cliente_Codigo) === clienteId)
			.map((row) => toText(row.Contrato_Numero))
			.filter((number): number is string => number !== undefined),
	);
}

/** Contract numbers an invoice belongs to (`contracts` as numbers, strings or objects). */
export function invoiceContracts(record: RbxRecord): string[] {
	const contracts = Array.isArray(record.contracts) ? record.contracts : [];
	return contracts
		.map((entry) => toText(entry) ?? toText(asRecord(entry)?.contract_id) ?? toText(asRecord(entry)?.id) ?? toText(asRecord(entry)?.Numero))
		.filter((number): number is string => number !== undefined);
}

export function toFatura(record: RbxRecord, today: string, contratoId?: string): Fatura | undefined {
	const id = toText(record.id);
	const vencimento = toIsoDate(record.due_date);
	const valor = toNumber(record.value_up) ?? toNumber(record.value_init);
	if (!id || !vencimento || valor === undefined) return undefined;
	const contract = contratoId ?? invoiceContracts(record)[0];
	return { id, ...(contract ? { contratoId: contract } : {}), valor, vencimento, vencida: vencimento < today };
}

/** The session of the contract in `get_online_customer` (any session when RBX does not say the contract). */
export function toConexao(sessions: RbxRecord[], contrato: Contrato, lastSession?: RbxRecord): Conexao {
	const session = sessions.find((entry) => toText(entry.contract_id) === contrato.id) ?? sessions.find((entry) => toText(entry.contract_id) === undefined);
	if (session) {
		const ip = toText(session.framed_ipv4_address);
		const mac = toText(session.calling_station_id);
		const start = toText(session.session_start_time);
		return {
			login: toText(session.authentication_username) ?? contrato.login ?? '',
			online: true,
			ativo: contrato.status !== 'bloqueado' && contrato.status !== 'inativo',
			contratoId: contrato.id,
			...(ip ? { ip } : {}),
			...(mac ? { mac } : {}),
			...(start ? { ultimaConexao: start.replace(' ', 'T') } : {}),
		};
	}
	const start = toText(lastSession?.start_time);
	const mac = toText(lastSession?.mac);
	return {
		login: toText(lastSession?.username) ?? contrato.login ?? '',
		online: false,
		ativo: contrato.status !== 'bloqueado' && contrato.status !== 'inativo',
		contratoId: contrato.id,
		...(mac ? { mac } : {}),
		...(start ? { ultimaConexao: start.replace(' ', 'T') } : {}),
	};
}

/** The most recent `radius_extract` entry (by `start_time`). */
export function lastSessionOf(entries: RbxRecord[]): RbxRecord | undefined {
	return [...entries].sort((a, b) => (toText(b.start_time) ?? '').localeCompare(toText(a.start_time) ?? ''))[0];
}

/** `ConsultaTopicos` rows as departments. [UNCERTAIN] field names: `Codigo`/`Descricao`, or `Topico_Codigo`/`Nome`. */
export function toDepartamentos(rows: RbxRecord[]): Departamento[] {
	return rows
		.map((row) => ({ id: toText(row.Codigo) ?? toText(row.Topico_Codigo) ?? toText(row.id), nome: toText(row.Descricao) ?? toText(row.Nome) ?? toText(row.Topico_Descricao) }))
		.filter((entry): entry is Departamento => entry.id !== undefined && entry.nome !== undefined);
}

/** The result array of a v2 answer, with or without the envelope. */
export function resultRows(answer: unknown): RbxRecord[] {
	if (Array.isArray(answer)) return recordsOf(answer);
	return recordsOf(asRecord(answer)?.result);
}

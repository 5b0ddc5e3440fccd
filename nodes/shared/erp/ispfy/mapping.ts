/**
 * ISPFY payloads → the canonical model (pure functions; docs/apis-externas.md §D.9). Sources: the
 * vendor's Postman collection "ISPFY" (routes "Tool": `assinante/info`, `assinante/boleto`,
 * `assinante/ponto/status`, `assinante/ticket`).
 */
import { sortOpenInvoices } from '../invoices';
import type { Cliente, Conexao, Contrato, Departamento, Fatura, StatusContrato } from '../types';
import { asRecord, brazilianMoney, isYes, recordsOf, toIsoDate, toIsoDateTime, toText, unmaskDocument, type IspfyRecord } from './values';

/** The customer of an `assinante/info` (or `assinante/login`) answer; `undefined` when it is not one. */
export function toCliente(info: IspfyRecord | undefined): Cliente | undefined {
	const id = toText(info?.id);
	const documento = unmaskDocument(toText(info?.cpf_cnpj) ?? '');
	if (!info || !id || !documento) return undefined;
	const nome = toText(info.nome_razao) ?? toText(info.fantasia_apelido) ?? '';
	return {
		id,
		nome,
		documento,
		tipoPessoa: documento.length === 14 ? 'juridica' : 'fisica',
		// `info` has no phone or e-mail field (only the partner route "Academia do Provedor" has them).
		telefones: [],
	};
}

/** `ponto/status` entries (an array; anything else is no entry). */
export function pointStatuses(answer: unknown): IspfyRecord[] {
	return recordsOf(Array.isArray(answer) ? answer : asRecord(answer)?.pontos);
}

/** `"2000K/2000K"` → `"2000K/2000K"` normalised (upper case, no spaces) for comparison. */
function speedKey(value: unknown): string | undefined {
	return toText(value)?.toUpperCase().replace(/\s+/g, '');
}

/**
 * A point whose current speed is below the contracted one, outside a plan trial: ISPFY has no
 * "reduced" status, `ponto/status` shows `velocidade_atual` against `plano_contratado_velocidade`.
 */
export function isSpeedReduced(point: IspfyRecord): boolean {
	if (toText(point.plano_teste_nome)) return false;
	const current = speedKey(point.velocidade_atual);
	const contracted = speedKey(point.plano_contratado_velocidade);
	return current !== undefined && contracted !== undefined && current !== contracted;
}

/** `status_contrato` → canonical status. Known values: `livre`, `bloqueado`; the rest by their word. */
export function contractStatus(contract: IspfyRecord, points: IspfyRecord[]): StatusContrato {
	if (toText(contract.contrato_ativo) !== undefined && !isYes(contract.contrato_ativo)) return 'inativo';
	const status = (toText(contract.status_contrato) ?? '').toLowerCase();
	if (status.includes('bloq') || points.some((point) => isYes(point.bloqueado))) return 'bloqueado';
	if (status.includes('suspen')) return 'suspenso';
	if (status.includes('cancel') || status.includes('rescind') || status.includes('inativ')) return 'inativo';
	if (status.includes('reduz') || points.some(isSpeedReduced)) return 'reduzido';
	return 'ativo';
}

/** Open charges of `info` (status `aberto`, not deleted). */
export function openCharges(contract: IspfyRecord): IspfyRecord[] {
	return recordsOf(contract.cobrancas).filter((charge) => (toText(charge.status) ?? '').toLowerCase() === 'aberto' && !toText(charge.data_exclusao));
}

function addressOf(point: IspfyRecord | undefined): string | undefined {
	if (!point) return undefined;
	const parts = [toText(point.endereco), toText(point.numero), toText(point.bairro)].filter(Boolean);
	return parts.length ? parts.join(', ') : undefined;
}

/**
 * The contracts of an `info` answer. `statuses` are the `ponto/status` entries of the customer:
 * they carry the plan name and the speed (a reduced speed is seen there only).
 */
export function toContratos(info: IspfyRecord, statuses: IspfyRecord[], today: string): Contrato[] {
	const clienteId = toText(info.id) ?? '';
	return recordsOf(info.contratos).flatMap((contract) => {
		const id = toText(contract.id);
		if (!id) return [];
		const points = recordsOf(contract.pontos);
		const pointStatus = statuses.filter((status) => toText(status.id_contrato) === id);
		const status = contractStatus(contract, pointStatus);
		const overdue = openCharges(contract).some((charge) => (toIsoDate(charge.data_vencimento) ?? today) < today);
		const plano = toText(pointStatus[0]?.plano_contratado_nome) ?? toText(points[0]?.nome_ponto) ?? `Contrato ${id}`;
		const result: Contrato = { id, clienteId, plano, status };
		if (status === 'bloqueado') result.financeiroEmAtraso = overdue;
		const endereco = addressOf(points[0]);
		if (endereco) result.endereco = endereco;
		const login = toText(points[0]?.usuario);
		if (login) result.login = login;
		return [result];
	});
}

/** `id_cobranca` → `id_contrato` of every charge of `info`. */
export function contractOfCharges(info: IspfyRecord): Map<string, string> {
	const map = new Map<string, string>();
	for (const contract of recordsOf(info.contratos)) {
		for (const charge of recordsOf(contract.cobrancas)) {
			const id = toText(charge.id);
			const contractId = toText(charge.id_contrato) ?? toText(contract.id);
			if (id && contractId) map.set(id, contractId);
		}
	}
	return map;
}

/** Only the digits of a boleto line (ISPFY writes it with dots and spaces). */
function lineDigits(value: unknown): string | undefined {
	const text = toText(value)?.replace(/\D/g, '');
	return text && text.length >= 44 ? text : undefined;
}

/**
 * The open invoices of `assinante/boleto?tipo=linha-detalhes&retorno=json` (`cobrancas[]{id,
 * vencimento DD/MM/YYYY, valor "566,00", linha, link, pix}`), each with its contract from `info`.
 */
export function toFaturas(answer: IspfyRecord, contractOf: Map<string, string>, today: string): Fatura[] {
	const invoices = recordsOf(answer.cobrancas).flatMap((charge): Fatura[] => {
		const id = toText(charge.id);
		const vencimento = toIsoDate(charge.vencimento);
		const valor = brazilianMoney(charge.valor);
		if (!id || !vencimento || valor === undefined) return [];
		const fatura: Fatura = { id, valor, vencimento, vencida: vencimento < today };
		const contratoId = contractOf.get(id);
		if (contratoId) fatura.contratoId = contratoId;
		const linha = lineDigits(charge.linha);
		if (linha) fatura.linhaDigitavel = linha;
		const pix = toText(charge.pix);
		if (pix) fatura.pixCopiaECola = pix;
		return [fatura];
	});
	return sortOpenInvoices(invoices);
}

/** RADIUS session states that mean "connected" ([UNCERTAIN]: the collection shows only `expired` and `none`). */
const ONLINE_STATES = new Set(['active', 'ativo', 'online', 'start', 'started', 'interim-update', 'alive', 'conectado']);
const OFFLINE_STATES = new Set(['expired', 'none', 'stop', 'stopped', 'offline', 'desconectado', '']);

/** The connection of a `ponto/status` entry. */
export function toConexao(point: IspfyRecord, login?: string): Conexao {
	const state = (toText(point.conexao_status) ?? '').toLowerCase();
	const ip = toText(point.ipv4_atual_wan);
	const online = ONLINE_STATES.has(state) ? true : OFFLINE_STATES.has(state) ? false : ip !== undefined;
	const conexao: Conexao = { login: login ?? toText(point.nome_ponto) ?? toText(point.id_ponto) ?? '', online, ativo: !isYes(point.bloqueado) };
	if (ip && online) conexao.ip = ip;
	const ultimaConexao = toIsoDateTime(point.ultimo_login);
	if (ultimaConexao) conexao.ultimaConexao = ultimaConexao;
	const contratoId = toText(point.id_contrato);
	if (contratoId) conexao.contratoId = contratoId;
	return conexao;
}

/** The ticket id of `POST assinante/ticket`: the bare number (`42186`), as JSON or text. */
export function ticketIdOf(answer: unknown): string | undefined {
	const record = asRecord(answer);
	const value = record ? (record.id ?? record.id_ticket) : answer;
	const text = toText(value) ?? (Buffer.isBuffer(value) ? value.toString('utf8').trim() : undefined);
	return text && /^\d+$/.test(text) ? text : undefined;
}

/**
 * Ticket topics of `GET /api/object/suporte/topico` ([UNCERTAIN] shape: the collection has no example;
 * object routes answer a list, or `{data, count, offset, limit}` with `paginaton=true`).
 */
export function toDepartamentos(entries: IspfyRecord[]): Departamento[] {
	return entries.flatMap((entry) => {
		const id = toText(entry.id);
		const nome = toText(entry.nome) ?? toText(entry.descricao) ?? toText(entry.titulo) ?? toText(entry.topico) ?? toText(entry.tag_setor);
		return id && nome ? [{ id, nome }] : [];
	});
}

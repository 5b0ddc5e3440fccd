/**
 * Hubsoft payloads → the canonical ISP model (pure functions, no I/O). Quirks handled here:
 * dates `DD/MM/YYYY` (invoices, notes) and `YYYY-MM-DD HH:MM:SS-03` (connections), amounts that
 * may be strings, `ultima_conexao: []` when there is none, `status_prefixo` as the service status.
 */
import type { Chamado, Cliente, Conexao, Contrato, Departamento, Fatura, NotaFiscal, StatusContrato } from '../types';
import type {
	HubsoftAtendimento,
	HubsoftCliente,
	HubsoftFatura,
	HubsoftNfse,
	HubsoftNotaTelecom,
	HubsoftNotasAnswer,
	HubsoftServico,
	HubsoftTipoAtendimento,
	HubsoftUltimaConexao,
} from './wire';
import { compareOpenInvoices } from '../invoices';

const BRAZIL_TIME_ZONE = 'America/Sao_Paulo';

/** `HH:MM` of `now` in Brasília time. */
export function timeInBrazil(now: Date): string {
	return new Intl.DateTimeFormat('en-GB', { timeZone: BRAZIL_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
}

/** `YYYY-MM-DD` from `DD/MM/YYYY` (a time after it is ignored); `undefined` for anything else. */
export function isoFromBrazilianDate(value: string | null | undefined): string | undefined {
	const match = /^(\d{2})\/(\d{2})\/(\d{4})/.exec((value ?? '').trim());
	return match ? `${match[3]}-${match[2]}-${match[1]}` : undefined;
}

/** ISO date-time from `2019-12-15 18:22:24-03` or, lacking it, `15/12/2019 18:22:24` (no offset known). */
function isoDateTime(withOffset: string | null | undefined, brazilian: string | null | undefined): string | undefined {
	const offsetMatch = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})([+-]\d{2})(?::?(\d{2}))?$/.exec((withOffset ?? '').trim());
	if (offsetMatch) return `${offsetMatch[1]}T${offsetMatch[2]}${offsetMatch[3]}:${offsetMatch[4] ?? '00'}`;
	const brazilianMatch = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2}:\d{2})$/.exec((brazilian ?? '').trim());
	return brazilianMatch ? `${brazilianMatch[3]}-${brazilianMatch[2]}-${brazilianMatch[1]}T${brazilianMatch[4]}` : undefined;
}

/** A CPF/CNPJ as searched and compared: digits and (alphanumeric CNPJ) upper-case letters. */
export function normalizeDocument(value: string | null | undefined): string {
	return (value ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
}

const text = (value: unknown): string | undefined => {
	const trimmed = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	return trimmed === '' ? undefined : trimmed;
};

const amount = (value: number | string | null | undefined): number => {
	const number = typeof value === 'number' ? value : Number(String(value ?? '').replace(',', '.'));
	return Number.isFinite(number) ? number : 0;
};

export function mapCliente(raw: HubsoftCliente): Cliente {
	const documento = normalizeDocument(raw.cpf_cnpj);
	const phones = [raw.telefone_primario, raw.telefone_secundario, raw.telefone_terciario].map((phone) => (phone ?? '').replace(/\D/g, '')).filter((phone) => phone !== '');
	const tipoPessoa = raw.tipo_pessoa === 'pj' || (raw.tipo_pessoa !== 'pf' && documento.length === 14) ? 'juridica' : 'fisica';
	return {
		id: String(raw.id_cliente ?? ''),
		nome: text(raw.nome_razaosocial) ?? '',
		documento,
		tipoPessoa,
		telefones: [...new Set(phones)],
		...(text(raw.email_principal) ? { email: text(raw.email_principal) } : {}),
		...(text(raw.codigo_cliente) ? { codigo: text(raw.codigo_cliente) } : {}),
	};
}

/**
 * Canonical status of a `status_prefixo` (values of the API's `servico_status` filter). Services
 * not yet installed or configured count as inactive; an unknown prefix too.
 */
const STATUS_BY_PREFIX: Record<string, StatusContrato> = {
	servico_habilitado: 'ativo',
	suspenso_debito: 'bloqueado',
	suspenso_parcialmente: 'reduzido',
	franquia_excedida: 'reduzido',
	suspenso_pedido_cliente: 'suspenso',
	aguardando_assinatura_contrato: 'aguardando_assinatura',
	agendado_para_instalacao: 'inativo',
	aguardando_configuracao: 'inativo',
	aguardando_instalacao: 'inativo',
	aguardando_liberacao_ti: 'inativo',
	aguardando_migracao: 'inativo',
	cancelado: 'inativo',
	inativo: 'inativo',
};

export function contractStatus(prefix: string | null | undefined): StatusContrato {
	return STATUS_BY_PREFIX[prefix ?? ''] ?? 'inativo';
}

export function mapContrato(raw: HubsoftServico, clienteId: string): Contrato {
	const status = contractStatus(raw.status_prefixo);
	const endereco = text(raw.endereco_instalacao?.completo);
	const login = text(raw.login);
	return {
		id: String(raw.id_cliente_servico ?? ''),
		clienteId,
		plano: text(raw.nome) ?? '',
		status,
		financeiroEmAtraso: raw.status_prefixo === 'suspenso_debito',
		...(endereco ? { endereco } : {}),
		...(login ? { login } : {}),
	};
}

function lastConnectionOf(raw: HubsoftServico): HubsoftUltimaConexao | undefined {
	const value = raw.ultima_conexao;
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as HubsoftUltimaConexao) : undefined;
}

/**
 * The connection of a service, read with `ultima_conexao=sim`; `undefined` for a service without
 * login. `online` is left out when the RADIUS has no record (`ultima_conexao: []`).
 */
export function mapConexao(raw: HubsoftServico): Conexao | undefined {
	const login = text(raw.login);
	if (!login) return undefined;
	const status = contractStatus(raw.status_prefixo);
	const last = lastConnectionOf(raw);
	const ip = text(last?.ultimo_ipv4) ?? text(raw.ipv4);
	const ultimaConexao = isoDateTime(last?.ultima_conexao_datetime, last?.ultima_conexao);
	return {
		login,
		ativo: status === 'ativo' || status === 'reduzido',
		contratoId: String(raw.id_cliente_servico ?? ''),
		...(typeof last?.conectado === 'boolean' ? { online: last.conectado } : {}),
		...(ip ? { ip } : {}),
		...(ultimaConexao ? { ultimaConexao } : {}),
	};
}

/** An open invoice, `undefined` when it is paid (or has no due date to show). */
export function mapFaturaAberta(raw: HubsoftFatura, today: string): Fatura | undefined {
	const vencimento = isoFromBrazilianDate(raw.data_vencimento);
	if (!vencimento || raw.quitado === true || text(raw.data_pagamento)) return undefined;
	const contratoId = text(raw.cliente?.servico?.id_cliente_servico);
	const linhaDigitavel = text(raw.linha_digitavel);
	const codigoBarras = text(raw.codigo_barras);
	const pixCopiaECola = text(raw.pix_copia_cola);
	const pdfUrl = text(raw.link);
	return {
		id: String(raw.id_fatura ?? ''),
		valor: amount(raw.valor),
		vencimento,
		vencida: vencimento < today,
		...(contratoId ? { contratoId } : {}),
		...(linhaDigitavel ? { linhaDigitavel } : {}),
		...(codigoBarras ? { codigoBarras } : {}),
		...(pixCopiaECola ? { pixCopiaECola } : {}),
		...(pdfUrl ? { pdfUrl } : {}),
	};
}

/** Open invoices of a listing, overdue first, then by due date. */
export function mapFaturasAbertas(raws: HubsoftFatura[], today: string): Fatura[] {
	return raws
		.map((raw) => mapFaturaAberta(raw, today))
		.filter((fatura): fatura is Fatura => fatura !== undefined)
		.sort(compareOpenInvoices);
}

function mapNotaTelecom(raw: HubsoftNotaTelecom): NotaFiscal | undefined {
	const emissao = isoFromBrazilianDate(raw.data_emissao_br);
	if (!emissao || raw.cancelado === true) return undefined;
	const modelo = text(raw.tipo_documento_fiscal?.codigo);
	const pdfUrl = text(raw.link);
	return { id: String(raw.id_nota_fiscal ?? ''), numero: text(raw.numero_nota) ?? '', emissao, valor: amount(raw.valor), ...(modelo ? { modelo } : {}), ...(pdfUrl ? { pdfUrl } : {}) };
}

/** NFS-e ids get a prefix: they are numbered apart from the telecom notes. */
export const NFSE_ID_PREFIX = 'nfse-';

function mapNfse(raw: HubsoftNfse): NotaFiscal | undefined {
	const emissao = isoFromBrazilianDate(raw.data_cadastro_br);
	if (!emissao || text(raw.data_cancelamento_br)) return undefined;
	const pdfUrl = text(raw.link_pdf);
	return { id: `${NFSE_ID_PREFIX}${String(raw.id_nfse ?? '')}`, numero: text(raw.numero) ?? '', emissao, valor: amount(raw.valor), modelo: 'NFS-e', ...(pdfUrl ? { pdfUrl } : {}) };
}

/** Telecom notes (21/22) and NFS-e of a `cliente/nota_fiscal` answer, newest first; cancelled ones left out. */
export function mapNotasFiscais(answer: HubsoftNotasAnswer): NotaFiscal[] {
	const notes = [...(answer.notas_fiscais ?? []).map(mapNotaTelecom), ...(answer.nfses ?? []).map(mapNfse)];
	return notes.filter((note): note is NotaFiscal => note !== undefined).sort((a, b) => b.emissao.localeCompare(a.emissao));
}

export function mapChamado(raw: HubsoftAtendimento): Chamado {
	const assunto = text(raw.tipo_atendimento);
	const status = text(raw.status);
	return { id: String(raw.id_atendimento ?? ''), protocolo: text(raw.protocolo) ?? '', ...(assunto ? { assunto } : {}), ...(status ? { status } : {}) };
}

/** A ticket type, which is what routes a Hubsoft ticket (the API has no department to choose). */
export function mapDepartamento(raw: HubsoftTipoAtendimento): Departamento {
	return { id: String(raw.id_tipo_atendimento ?? ''), nome: text(raw.descricao) ?? '' };
}

/** The `YYYY-MM-DD` of "…realizado com sucesso até a data 26/11/2018" in a trust unlock answer. */
export function trustUnlockUntil(message: string | undefined): string | undefined {
	return isoFromBrazilianDate(/(\d{2}\/\d{2}\/\d{4})/.exec(message ?? '')?.[1]);
}

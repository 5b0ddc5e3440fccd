/**
 * What the bot does on a customer's service: trust unlock (`cliente/desbloqueio_confianca`),
 * diagnosis (client lookup with `ultima_conexao=sim` + overdue invoices) and electronic acceptance
 * of the contract document (`incluir_contrato=sim`, `PUT cliente/contrato/aceitar_contrato`).
 */
import type { ArquivoPdf, Cliente, Contrato, DadosDiagnostico, ResultadoAcao } from '../types';
import type { HubsoftApi } from './api';
import { listFaturasAbertas } from './billing';
import { serviceRecordOf } from './customers';
import { refusalOf } from './errors';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';
import { mapConexao, mapContrato, timeInBrazil, trustUnlockUntil } from './mapping';
import type { HubsoftAnswer, HubsoftContratoDocumento } from './wire';

/**
 * Days asked for: the documented default (the ISP's panel sets the maximum and refuses more). A
 * longer unlock would need a setting the credential does not have.
 */
const TRUST_UNLOCK_DAYS = 1;

/**
 * Trust unlock of one service. Hubsoft's refusals carry no code, so a refusal is a business answer;
 * for a blocked service the usual reason is the period's unlock already used, and it can be asked
 * again on the first day of next month.
 */
export async function trustUnlock(api: HubsoftApi, contrato: Contrato, now: Date = new Date()): Promise<ResultadoAcao> {
	const answer = await api.send<HubsoftAnswer>('desbloqueioConfianca', 'POST', '/cliente/desbloqueio_confianca', {
		id_cliente_servico: contrato.id,
		dias_desbloqueio: String(TRUST_UNLOCK_DAYS),
	});
	const refusal = refusalOf(answer);
	if (refusal !== undefined) {
		const blocked = contrato.status === 'bloqueado' || contrato.status === 'reduzido';
		return { sucesso: false, motivo: refusal, ...(blocked ? { disponivelEm: firstDayOfNextMonth(todayInBrazil(now)) } : {}) };
	}
	const ate = trustUnlockUntil(answer.msg);
	return { sucesso: true, ...(answer.msg ? { mensagem: answer.msg } : {}), ...(ate ? { ate } : {}) };
}

export async function diagnose(api: HubsoftApi, cliente: Cliente, contrato: Contrato): Promise<DadosDiagnostico> {
	const service = await serviceRecordOf(api, cliente, contrato, 'diagnostico', { ultima_conexao: 'sim' });
	const invoices = await listFaturasAbertas(api, cliente, contrato, 'diagnostico');
	const conexao = mapConexao(service);
	return { contrato: mapContrato(service, cliente.id), faturasVencidas: invoices.filter((fatura) => fatura.vencida).length, ...(conexao ? { conexao } : {}) };
}

async function pendingDocuments(api: HubsoftApi, cliente: Cliente, contrato: Contrato, action: 'documentoAceite' | 'aceitarContrato'): Promise<HubsoftContratoDocumento[]> {
	const service = await serviceRecordOf(api, cliente, contrato, action, { incluir_contrato: 'sim' });
	return (service.contratos ?? []).filter((document) => document.aceito === false && document.id_cliente_servico_contrato !== undefined);
}

/** The first contract document awaiting acceptance; `undefined` when none awaits or it has no PDF on the ERP. */
export async function acceptanceDocument(api: HubsoftApi, cliente: Cliente, contrato: Contrato): Promise<ArquivoPdf | undefined> {
	const [document] = await pendingDocuments(api, cliente, contrato, 'documentoAceite');
	if (!document?.link) return undefined;
	return await api.pdf('documentoAceite', document.link, `contrato-${String(document.numero_contrato ?? document.id_cliente_servico_contrato)}.pdf`);
}

/**
 * `data_aceito` (and `hora_aceito` when a time is known) in Brasília time, from the evidence's
 * `YYYY-MM-DD` or ISO date-time; today when it is neither.
 */
export function acceptanceMoment(data: string): { data_aceito: string; hora_aceito?: string } {
	if (/^\d{4}-\d{2}-\d{2}$/.test(data)) return { data_aceito: data };
	const moment = new Date(data);
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(data) || Number.isNaN(moment.getTime())) return { data_aceito: todayInBrazil() };
	return { data_aceito: todayInBrazil(moment), hora_aceito: timeInBrazil(moment) };
}

/** Accepts every pending contract document of the service, with the evidence in the ERP's note. */
export async function acceptContract(
	api: HubsoftApi,
	cliente: Cliente,
	contrato: Contrato,
	evidencia: { telefone?: string; ip?: string; data: string },
): Promise<ResultadoAcao> {
	const pending = await pendingDocuments(api, cliente, contrato, 'aceitarContrato');
	if (pending.length === 0) return { sucesso: false, motivo: 'Não há contrato aguardando aceite neste serviço.' };
	const witnesses = [evidencia.telefone ? `telefone ${evidencia.telefone}` : '', evidencia.ip ? `IP ${evidencia.ip}` : ''].filter(Boolean).join(', ');
	const answer = await api.send<HubsoftAnswer>('aceitarContrato', 'PUT', '/cliente/contrato/aceitar_contrato', {
		ids_cliente_servico_contrato: pending.map((document) => Number(document.id_cliente_servico_contrato)),
		...acceptanceMoment(evidencia.data),
		observacao: `Aceite eletrônico pelo atendimento automático${witnesses ? ` (${witnesses})` : ''}.`,
	});
	const refusal = refusalOf(answer);
	if (refusal !== undefined) return { sucesso: false, motivo: refusal };
	return { sucesso: true, ...(answer.msg ? { mensagem: answer.msg } : {}) };
}

import type { DiagnosticResult } from '../shared/erp/diagnostic';
import type { DadosDiagnostico, StatusContrato } from '../shared/erp/types';

/**
 * How each canonical contract status reads in the Diagnóstico (the Condicional routes on three):
 * - `reduzido` is active: the connection works at reduced speed, usually because of overdue
 *   invoices, which `financeiroEmAtraso` then says;
 * - `suspenso` is blocked (SGP's suspension for debt);
 * - `aguardando_assinatura` is inactive: the service is not enabled until the contract is accepted,
 *   so neither the unlock nor technical support apply (Aceite de Contrato does).
 */
const STATUS: Readonly<Record<StatusContrato, DiagnosticResult['status']>> = {
	ativo: 'ativo',
	reduzido: 'ativo',
	bloqueado: 'bloqueado',
	suspenso: 'bloqueado',
	inativo: 'inativo',
	aguardando_assinatura: 'inativo',
};

/** The ERP's diagnosis data of one contract as the canonical {@link DiagnosticResult}. */
export function toDiagnosticResult(dados: DadosDiagnostico): DiagnosticResult {
	const result: DiagnosticResult = {
		status: STATUS[dados.contrato.status] ?? 'inativo',
		financeiroEmAtraso: dados.faturasVencidas > 0 || dados.contrato.financeiroEmAtraso === true,
		desbloqueioConfiancaAtivo: dados.contrato.desbloqueioConfiancaAtivo === true,
	};
	if (typeof dados.conexao?.online === 'boolean') result.online = dados.conexao.online;
	// The access point's state is an outage, never the subscriber's session: it does not set `online`.
	if (dados.pontoDeAcesso) result.redeEmManutencao = dados.pontoDeAcesso.emManutencao || !dados.pontoDeAcesso.ativo;
	return result;
}

import { parseDiagnosticResult, type DiagnosticResult } from '../../shared/erp/diagnostic';

/**
 * The Diagnóstico outputs, in priority order (the card's outputs appear in this order, and the
 * first that applies wins):
 *
 * 1. inativo — the contract is not active; nothing else about it matters;
 * 2. bloqueado — blocked (usually for debt): the flow offers the unlock or the invoice;
 * 3. desbloqueioConfiancaAtivo — running on a trust unlock (it is active, but owes);
 * 4. financeiroEmAtraso — active with overdue invoices;
 * 5. offline — active, nothing owed, the connection is down: technical support;
 * 6. online — active, nothing owed, connected;
 * 7. ativo — active, nothing owed, the ERP gave no connection state.
 *
 * "Sem diagnóstico" (after these) when the variable holds no diagnosis.
 */
export const DIAGNOSTIC_OUTPUTS = [
	'inativo',
	'bloqueado',
	'desbloqueioConfiancaAtivo',
	'financeiroEmAtraso',
	'offline',
	'online',
	'ativo',
] as const;
export type DiagnosticOutput = (typeof DIAGNOSTIC_OUTPUTS)[number];

const APPLIES: Readonly<Record<DiagnosticOutput, (result: DiagnosticResult) => boolean>> = {
	inativo: (result) => result.status === 'inativo',
	bloqueado: (result) => result.status === 'bloqueado',
	desbloqueioConfiancaAtivo: (result) => result.desbloqueioConfiancaAtivo,
	financeiroEmAtraso: (result) => result.financeiroEmAtraso,
	offline: (result) => result.online === false,
	online: (result) => result.online === true,
	ativo: () => true,
};

/** The output for a stored diagnosis: its index in {@link DIAGNOSTIC_OUTPUTS}, or -1 ("Sem diagnóstico"). */
export function diagnosticOutput(stored: unknown): { output: number; result?: DiagnosticResult } {
	const result = parseDiagnosticResult(stored);
	if (!result) return { output: -1 };
	return { output: DIAGNOSTIC_OUTPUTS.findIndex((name) => APPLIES[name](result)), result };
}

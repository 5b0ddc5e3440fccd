/**
 * The canonical result of the ERP "Diagnóstico" card, whatever the ERP. The card stores it in the
 * conversation variable {@link DIAGNOSTIC_VARIABLE}; the Condicional "Diagnóstico" routes on it.
 */
export interface DiagnosticResult {
	/** Status of the customer's contract (or login) in the ERP. */
	status: 'ativo' | 'inativo' | 'bloqueado';
	/** At least one invoice past its due date. */
	financeiroEmAtraso: boolean;
	/** A trust unlock (desbloqueio de confiança) is in force. */
	desbloqueioConfiancaAtivo: boolean;
	/**
	 * Whether the connection (PPPoE/radius session) is up. Absent when the ERP gave no connection
	 * state (no radius integration, or a contract without login): the Condicional then routes on
	 * the status alone.
	 */
	online?: boolean;
	/**
	 * The access point (POP/OLT) serving the contract is down or under maintenance: an outage. Only
	 * ERPs that report the network instead of the session give it (Voalle, whose API has no
	 * `online`); absent otherwise.
	 */
	redeEmManutencao?: boolean;
}

/** Conversation variable the Diagnóstico card writes and the Condicional reads. */
export const DIAGNOSTIC_VARIABLE = 'diagnostico';

const STATUSES: ReadonlyArray<DiagnosticResult['status']> = ['ativo', 'inativo', 'bloqueado'];

/**
 * A stored value read back as a {@link DiagnosticResult}, or `undefined` when it is not one (no
 * diagnosis yet, or a value written by something else). Flags that are not booleans count as false;
 * a non-boolean `online` counts as unknown.
 */
export function parseDiagnosticResult(value: unknown): DiagnosticResult | undefined {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const record = value as Record<string, unknown>;
	const status = STATUSES.find((known) => known === record.status);
	if (!status) return undefined;
	const result: DiagnosticResult = {
		status,
		financeiroEmAtraso: record.financeiroEmAtraso === true,
		desbloqueioConfiancaAtivo: record.desbloqueioConfiancaAtivo === true,
	};
	if (typeof record.online === 'boolean') result.online = record.online;
	if (typeof record.redeEmManutencao === 'boolean') result.redeEmManutencao = record.redeEmManutencao;
	return result;
}

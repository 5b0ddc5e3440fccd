/** The node's parameters, checked, as the sender's settings. */
import type { SenderSettings } from './sender';

/** What the node's parameters hold. */
export interface ProcessarFilaParameters {
	ratePerSecond: number;
	concurrency: number;
	maxDurationSeconds: number;
	maxAttempts: number;
	requestTimeoutSeconds: number;
	inFlightGraceSeconds: number;
	/** Hours a recipient refused by Meta's per-user marketing limit (131049) waits; 0 = failed for good. */
	marketingLimitDelayHours: number;
}

export const DEFAULT_PARAMETERS: ProcessarFilaParameters = {
	ratePerSecond: 80,
	concurrency: 20,
	maxDurationSeconds: 50,
	maxAttempts: 5,
	requestTimeoutSeconds: 20,
	inFlightGraceSeconds: 120,
	marketingLimitDelayHours: 24,
};

/** How long a claimed job stays reserved for the run that claimed it. */
export const LEASE_MS = 60_000;
/** How often progress is logged. */
export const PROGRESS_INTERVAL_MS = 5_000;
/** The grace period must outlast a request that times out, plus the time its status callback takes. */
const GRACE_BEYOND_TIMEOUT_SECONDS = 10;

/** A parameter out of range, with the fix in pt-BR. */
export class InvalidSettingError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InvalidSettingError';
	}
}

function checkRange(value: number, label: string, min: number, max: number, integer = true): void {
	if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
		throw new InvalidSettingError(`${label} inválido: ${value}`, `Use ${integer ? 'um número inteiro' : 'um número'} de ${min} a ${max} em "${label}".`);
	}
}

/** Checks the parameters and turns them into the sender's settings; throws InvalidSettingError. */
export function senderSettings(parameters: ProcessarFilaParameters): SenderSettings & { requestTimeoutMs: number } {
	checkRange(parameters.ratePerSecond, 'Mensagens por Segundo', 1, 1000, false);
	checkRange(parameters.concurrency, 'Envios Simultâneos', 1, 500);
	checkRange(parameters.maxDurationSeconds, 'Duração Máxima (Segundos)', 1, 3600);
	checkRange(parameters.maxAttempts, 'Máximo de Tentativas', 1, 20);
	checkRange(parameters.requestTimeoutSeconds, 'Tempo Limite da Requisição (Segundos)', 1, 120);
	checkRange(parameters.marketingLimitDelayHours, 'Nova Tentativa Após Limite de Marketing (Horas)', 0, 720, false);
	const minimumGrace = parameters.requestTimeoutSeconds + GRACE_BEYOND_TIMEOUT_SECONDS;
	if (!Number.isFinite(parameters.inFlightGraceSeconds) || parameters.inFlightGraceSeconds < minimumGrace) {
		throw new InvalidSettingError(
			`Espera por confirmação curta demais: ${parameters.inFlightGraceSeconds} s`,
			`Use pelo menos ${minimumGrace} s (o tempo limite da requisição mais ${GRACE_BEYOND_TIMEOUT_SECONDS} s): antes disso um envio interrompido pode estar a caminho do WhatsApp e seria enviado em dobro.`,
		);
	}
	return {
		ratePerSecond: parameters.ratePerSecond,
		concurrency: parameters.concurrency,
		maxDurationMs: parameters.maxDurationSeconds * 1000,
		maxAttempts: parameters.maxAttempts,
		leaseMs: LEASE_MS,
		inFlightGraceMs: parameters.inFlightGraceSeconds * 1000,
		progressIntervalMs: PROGRESS_INTERVAL_MS,
		marketingLimitDelayMs: Math.round(parameters.marketingLimitDelayHours * 60 * 60 * 1000),
		requestTimeoutMs: parameters.requestTimeoutSeconds * 1000,
	};
}

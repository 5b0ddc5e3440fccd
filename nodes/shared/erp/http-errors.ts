/**
 * Reading a failed HTTP call, whichever client made it (n8n's helpers wrap axios errors in
 * NodeApiError; `fetchErpTransport` throws `HttpStatusError`), and turning it into an `ErpError`.
 */
import { ErpError, type ErpAction, type ErpSystem } from './types';

/** What is known about a failed request. */
export interface FailedRequest {
	/** HTTP status; undefined for network errors and timeouts. */
	status?: number;
	/** Response body (parsed JSON, text, or Buffer), when there was one. */
	body?: unknown;
	timedOut: boolean;
}

type Loose = Record<string, unknown> & { cause?: Loose; response?: Loose; context?: Loose };

function numeric(value: unknown): number | undefined {
	const number = Number(value);
	return Number.isInteger(number) && number >= 100 && number < 600 ? number : undefined;
}

/** Status, body and timeout of an error thrown by an HTTP helper. */
export function readFailedRequest(error: unknown): FailedRequest {
	const chain: Loose[] = [];
	for (let current = error as Loose | undefined; current && typeof current === 'object' && chain.length < 5; current = current.cause) chain.push(current);
	let status: number | undefined;
	let body: unknown;
	let timedOut = false;
	for (const link of chain) {
		status ??= numeric(link.httpCode) ?? numeric(link.response?.status) ?? numeric(link.statusCode);
		if (body === undefined) body = link.response?.data ?? link.body ?? link.response?.body;
		const code = String(link.code ?? '');
		const name = String(link.name ?? '');
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || name === 'TimeoutError' || /timeout/i.test(String(link.message ?? ''))) timedOut = true;
	}
	return { status, body, timedOut };
}

/** The generic mapping: timeout, 401/403 authentication, 5xx / network unavailable, the rest an ERP error. */
export function toErpError(error: unknown, system: ErpSystem, action: ErpAction, erpName: string): ErpError {
	if (error instanceof ErpError) return error;
	const failed = readFailedRequest(error);
	const details = { system, action, httpCode: failed.status };
	if (failed.timedOut) return new ErpError('timeout', `O ${erpName} não respondeu a tempo.`, details);
	if (failed.status === 401 || failed.status === 403) {
		return new ErpError('autenticacao', `O ${erpName} recusou as credenciais (HTTP ${failed.status}): confira a credencial "ERP do Provedor".`, details);
	}
	if (failed.status === undefined || failed.status >= 500) {
		return new ErpError('indisponivel', `O ${erpName} está indisponível${failed.status ? ` (HTTP ${failed.status})` : ''}.`, details);
	}
	return new ErpError('erro_erp', `O ${erpName} recusou a requisição (HTTP ${failed.status}).`, details);
}

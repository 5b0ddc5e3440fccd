/**
 * Hubsoft's failures as `ErpError`. Besides HTTP errors (read by the shared `toErpError`), Hubsoft
 * answers refusals with HTTP 200 and `{"status": "error", "msg": "…", "errors": []}`; success is
 * "success" or, on some listings, the misspelled "suscess", so only "error" is read as a failure.
 * The answer's `msg` goes into the error message with anything that looks like a CPF/CNPJ, phone or
 * e-mail masked (messages end up in logs and execution data).
 */
import { readFailedRequest, toErpError } from '../http-errors';
import { ErpError, type ErpAction } from '../types';
import type { HubsoftAnswer } from './wire';

export const HUBSOFT_NAME = 'Hubsoft';

const detailsOf = (action: ErpAction, httpCode?: number) => ({ system: 'hubsoft' as const, action, ...(httpCode ? { httpCode } : {}) });

/** What is masked in ERP messages: e-mails, CPF/CNPJ (masked, plain, alphanumeric), phones, other runs of 8+ digits. */
const PERSONAL_DATA = [
	/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
	/\b[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2}\b/g,
	/\b\d{3}\.\d{3}\.\d{3}-\d{2}\b/g,
	/\b(?=[0-9A-Z]*\d[0-9A-Z]*[A-Z])[0-9A-Z]{12}\d{2}\b/g,
	/\(?\b\d{2}\)?\s?\d{4,5}-\d{4}\b/g,
	/\d{8,}/g,
];

/** `msg` of an answer, safe to log: personal data masked, at most 200 characters. */
export function safeHubsoftMessage(message: string): string {
	const masked = PERSONAL_DATA.reduce((text, pattern) => text.replace(pattern, '***'), message);
	return masked.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function messageOf(answer: HubsoftAnswer): string {
	return safeHubsoftMessage(String(answer.msg ?? answer.message ?? ''));
}

function isAnswer(body: unknown): body is HubsoftAnswer {
	return typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body);
}

/** The refusal message of an answer with `status: "error"`, `undefined` for any other answer. */
export function refusalOf(answer: HubsoftAnswer): string | undefined {
	return answer.status === 'error' ? messageOf(answer) || 'o Hubsoft não informou o motivo' : undefined;
}

/**
 * The body of a 2xx answer as a JSON object. A page instead of JSON (proxy or maintenance page,
 * login screen) means the API is not reachable as such: `indisponivel`.
 */
export function readHubsoftAnswer(body: unknown, action: ErpAction): HubsoftAnswer {
	if (isAnswer(body)) return body;
	throw new ErpError('indisponivel', `O ${HUBSOFT_NAME} respondeu sem JSON (página de erro ou de manutenção?): confira a URL da credencial "ERP do Provedor".`, detailsOf(action));
}

/** The answer, or `erro_erp` with its message when it is a refusal. */
export function expectHubsoftSuccess<T extends HubsoftAnswer>(answer: T, action: ErpAction): T {
	const refusal = refusalOf(answer);
	if (refusal !== undefined) throw new ErpError('erro_erp', `O ${HUBSOFT_NAME} recusou a operação: ${refusal}`, detailsOf(action));
	return answer;
}

/** An answer without the list or object the action needs. */
export function unexpectedHubsoftAnswer(action: ErpAction, missing: string): ErpError {
	return new ErpError('erro_erp', `O ${HUBSOFT_NAME} respondeu sem "${missing}".`, detailsOf(action));
}

/**
 * A thrown transport error as `ErpError`: timeout, 401/403 authentication, 5xx / network / HTML
 * unavailable (the shared mapping); a 4xx carrying Hubsoft's `msg` keeps that message.
 */
export function hubsoftFailure(error: unknown, action: ErpAction): ErpError {
	const generic = toErpError(error, 'hubsoft', action, HUBSOFT_NAME);
	if (generic.kind !== 'erro_erp') return generic;
	const { status, body } = readFailedRequest(error);
	const message = isAnswer(body) ? messageOf(body) : '';
	return message ? new ErpError('erro_erp', `O ${HUBSOFT_NAME} recusou a requisição (HTTP ${status}): ${message}`, detailsOf(action, status)) : generic;
}

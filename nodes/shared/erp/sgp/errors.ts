/**
 * SGP's error shapes → `ErpError` (docs/apis-externas.md §D.1). SGP answers most failures with HTTP 200
 * and the verdict in the body: `status` 0 (or 2) with `msg`, or Django REST's `{ "detail": … }`
 * for refused credentials (HTTP 403, sometimes 200). Messages never carry the request (token,
 * CPF/CNPJ): SGP's own `msg` is passed through {@link redactSensitive}.
 */
import { readFailedRequest, toErpError } from '../http-errors';
import { ErpError, type ErpAction } from '../types';
import { redactSensitive } from './redact';
import { asRecord, toNumber, toText, type JsonRecord } from '../values';

const SGP = 'SGP';

function details(action: ErpAction, extra: { httpCode?: number; erpCode?: string } = {}) {
	return { system: 'sgp' as const, action, ...extra };
}

/** `detail` of Django REST's error envelope (`{ "detail": "…" }` with no data), when the body is one. */
function restFrameworkDetail(body: JsonRecord): string | undefined {
	return toText(body.detail) !== undefined && body.status === undefined ? toText(body.detail) : undefined;
}

/**
 * The envelope's text is the only signal SGP gives for refused credentials on HTTP 200 (no code):
 * "As credenciais de autenticação não foram fornecidas ou estão incorretas".
 */
function isCredentialRefusal(detail: string): boolean {
	return /credenciais|autentica/i.test(detail);
}

function credentialError(action: ErpAction, httpCode?: number): ErpError {
	return new ErpError('autenticacao', 'O SGP recusou as credenciais: confira o token e o app (o app diferencia maiúsculas) ou o usuário e a senha da credencial "ERP do Provedor".', details(action, { httpCode }));
}

/** Any throw of the transport (network, timeout, HTTP status) as an `ErpError`. */
export function sgpCallError(error: unknown, action: ErpAction): ErpError {
	if (error instanceof ErpError) return error;
	const failed = readFailedRequest(error);
	if (failed.status === 401 || failed.status === 403) return credentialError(action, failed.status);
	if (failed.status === 404) {
		return new ErpError('erro_erp', 'O SGP não oferece este recurso (HTTP 404): confira a URL base da credencial e se a API URA está liberada.', details(action, { httpCode: 404 }));
	}
	const body = asRecord(failed.body);
	const message = body ? toText(body.msg) : undefined;
	if (failed.status !== undefined && failed.status < 500 && message) {
		return new ErpError('erro_erp', `O SGP recusou a requisição (HTTP ${failed.status}): ${redactSensitive(message)}`, details(action, { httpCode: failed.status }));
	}
	return toErpError(error, 'sgp', action, SGP);
}

/**
 * The body of an HTTP 200 answer as an object. Not JSON (an HTML page, a login page, nothing):
 * `indisponivel`. Django REST's envelope: `autenticacao` when it refuses the credentials,
 * `erro_erp` otherwise.
 */
export function readSgpAnswer(body: unknown, action: ErpAction): JsonRecord {
	const record = asRecord(body);
	if (!record) throw new ErpError('indisponivel', 'O SGP respondeu algo que não é JSON (página HTML ou resposta vazia): confira a URL base da credencial.', details(action));
	const detail = restFrameworkDetail(record);
	if (detail !== undefined) {
		if (isCredentialRefusal(detail)) throw credentialError(action, 200);
		throw new ErpError('erro_erp', `O SGP recusou a requisição: ${redactSensitive(detail)}`, details(action, { httpCode: 200 }));
	}
	return record;
}

/** An answer that is not what the action expects (`status` 0 with `msg`, or an unknown shape). */
export function sgpAnswerError(answer: JsonRecord, action: ErpAction): ErpError {
	const status = toNumber(answer.status);
	const message = toText(answer.msg);
	const text = message ? `O SGP recusou a requisição: ${redactSensitive(message)}` : 'O SGP deu uma resposta inesperada.';
	return new ErpError('erro_erp', text, details(action, { httpCode: 200, erpCode: status === undefined ? undefined : String(status) }));
}

/** SGP needs the contract for this action and the customer has several (or none). */
export function contractRequired(action: ErpAction): ErpError {
	return new ErpError('erro_erp', 'O SGP exige o contrato para esta ação: escolha o contrato do cliente antes.', details(action));
}

/** The `nao_suportado` error of an action SGP's API does not offer. */
export function notOffered(action: ErpAction, why: string): ErpError {
	return new ErpError('nao_suportado', `O SGP não oferece esta ação pela API: ${why}`, details(action));
}

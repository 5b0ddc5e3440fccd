/**
 * Controllr (BrByte) failures as `ErpError` (docs/apis-externas.md §D.8). Controllr answers
 * `{success:false, errors:[{id, msg}]}` or `{code, message}`, sometimes with HTTP 200; 403
 * `{"code":-2,"message":"Access Denied"}` both for a user without the ACL right and for an unknown
 * route; Postgres errors (42702, ambiguous column) come through as codes. Messages never carry the
 * session cookie, the password or a document.
 */
import { readFailedRequest, toErpError } from '../http-errors';
import { redactSensitive } from '../sgp/redact';
import { asRecord, recordsOf, toText, type JsonRecord as ControllrRecord } from '../values';
import { ErpError, type ErpAction } from '../types';

const SYSTEM = 'controllr' as const;
const NAME = 'Controllr';

function details(action: ErpAction, extra: { httpCode?: number; erpCode?: string } = {}) {
	return { system: SYSTEM, action, ...extra };
}

/** `true` for Controllr's 403 `{"code":-2,"message":"Access Denied"}` (no ACL right, unknown route, or a dead session). */
export function isAccessDenied(error: unknown): boolean {
	const failed = readFailedRequest(error);
	if (failed.status === 401) return true;
	if (failed.status !== 403) return false;
	const body = asRecord(failed.body);
	return !body || toText(body.code) === '-2' || /access denied/i.test(toText(body.message) ?? '');
}

/** The texts of an error body: `errors[].msg` (with the field id) or `message`. */
export function errorTexts(body: ControllrRecord): string[] {
	const listed = recordsOf(body.errors).map((entry) => [toText(entry.id), toText(entry.msg)].filter(Boolean).join(': '));
	const message = toText(body.message) ?? toText(body.msg);
	return [...listed, ...(message ? [message] : [])].filter((text) => text !== '');
}

/** An answer that is an error: `success` false, or `errors` / `code` without `results`. */
export function isErrorAnswer(body: ControllrRecord): boolean {
	if (body.success === false || body.success === 'false') return true;
	return body.results === undefined && (Array.isArray(body.errors) || body.code !== undefined);
}

/** The ERP's error answer (HTTP 200 or 4xx with a body) as `erro_erp`. */
export function controllrAnswerError(body: ControllrRecord, action: ErpAction, httpCode = 200): ErpError {
	const texts = errorTexts(body);
	const code = toText(body.code) ?? toText(recordsOf(body.errors)[0]?.id);
	if (texts.some((text) => /42702|ambiguous/i.test(text))) {
		return new ErpError('erro_erp', 'O Controllr recusou o filtro (coluna ambígua, erro 42702): esta versão do Controllr pede outro prefixo de tabela.', details(action, { httpCode, erpCode: '42702' }));
	}
	const said = texts.length > 0 ? `: ${redactSensitive(texts.join('; '))}` : '.';
	return new ErpError('erro_erp', `O Controllr recusou a requisição${said}`, details(action, { httpCode, erpCode: code }));
}

/** Any throw of the transport, once a new login did not help a 403. */
export function controllrCallError(error: unknown, action: ErpAction): ErpError {
	if (error instanceof ErpError) return error;
	const failed = readFailedRequest(error);
	// 401 comes from the login itself (the credential's or the adapter's), after n8n's own retry.
	if (failed.status === 401) return loginRefused(action);
	if (failed.status === 403) {
		return new ErpError(
			'autenticacao',
			`O Controllr negou o acesso (HTTP ${failed.status} Access Denied) mesmo após novo login: dê ao usuário da credencial a permissão (ACL) desta rota, ou a versão do Controllr não tem esta rota.`,
			details(action, { httpCode: failed.status }),
		);
	}
	const body = asRecord(failed.body);
	if (failed.status !== undefined && failed.status < 500 && body && errorTexts(body).length > 0) return controllrAnswerError(body, action, failed.status);
	return toErpError(error, SYSTEM, action, NAME);
}

/** The body of an answer as an object; anything else (HTML, empty) is `indisponivel`. */
export function readControllrAnswer(body: unknown, action: ErpAction): ControllrRecord {
	const record = asRecord(body);
	if (!record) throw new ErpError('indisponivel', 'O Controllr respondeu algo que não é JSON (página HTML ou resposta vazia): confira a URL e a porta da credencial (8080 por padrão).', details(action));
	if (isErrorAnswer(record)) throw controllrAnswerError(record, action);
	return record;
}

/** The new login (after a 403) was refused. */
export function loginRefused(action: ErpAction): ErpError {
	return new ErpError('autenticacao', 'O Controllr recusou o usuário e a senha da credencial "ERP do Provedor".', details(action, { httpCode: 401 }));
}

/** The `nao_suportado` error of an action Controllr's API does not offer. */
export function notOffered(action: ErpAction, why: string): ErpError {
	return new ErpError('nao_suportado', `O Controllr não oferece esta ação pela API: ${why}`, details(action));
}

/**
 * ISPFY failures → `ErpError` (docs/apis-externas.md §D.9). ISPFY answers its errors as plain text,
 * usually with HTTP 500 ("A opção de liberação de bloqueio não está ativa") and on some routes with
 * HTTP 200 where JSON was expected: both are read. An HTML page or no answer is "indisponível".
 * Texts written by the ERP go through {@link redactIspfyText}: no CPF/CNPJ, no query string (the
 * Tool routes carry the document in `?doc=`), no token.
 */
import { readFailedRequest, toErpError } from '../http-errors';
import { ErpError, type ErpAction } from '../types';

const SYSTEM = 'ispfy';
const NAME = 'ISPFY';
const MAX_LENGTH = 200;

function details(action: ErpAction, extra: { httpCode?: number } = {}) {
	return { system: SYSTEM as 'ispfy', action, ...extra };
}

/**
 * `text` without what must not reach logs or execution data: the query string of any URL (documents,
 * passwords and keys travel there), documents (masked or not), long digit runs, `Token: …`.
 */
export function redactIspfyText(text: string): string {
	const redacted = text
		.replace(/(https?:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi, '$1?***')
		.replace(/([?&](?:doc|id_cliente|login|password|senha|token|key|username)=)[^&\s"'<>]*/gi, '$1***')
		.replace(/(token["']?\s*[:=]\s*["']?)[\w.-]+/gi, '$1***')
		.replace(/[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2}/gi, '***')
		.replace(/\d{3}\.\d{3}\.\d{3}-\d{2}/g, '***')
		.replace(/\d{8,}/g, '***')
		.replace(/\s+/g, ' ')
		.trim();
	return redacted.length > MAX_LENGTH ? `${redacted.slice(0, MAX_LENGTH - 1)}…` : redacted;
}

/** The plain-text message of an ISPFY error body; `undefined` for JSON, HTML or nothing. */
export function plainTextMessage(body: unknown): string | undefined {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : undefined;
	if (text === undefined) {
		const message = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).message : undefined;
		return typeof message === 'string' && message.trim() ? message.trim() : undefined;
	}
	const trimmed = text.trim();
	if (!trimmed || /^<(!doctype|html|\?xml|head|body)/i.test(trimmed)) return undefined;
	return trimmed;
}

/** `true` when ISPFY's text says the record does not exist ([UNCERTAIN] wording: "não encontrado/localizado"). */
export function saysNotFound(text: string | undefined): boolean {
	return text !== undefined && /n[aã]o\s+(foi\s+)?(encontrad|localizad|existe)|not\s+found|inexistente/i.test(text);
}

/** Any throw of the transport as an `ErpError`. */
export function ispfyCallError(error: unknown, action: ErpAction): ErpError {
	if (error instanceof ErpError) return error;
	const failed = readFailedRequest(error);
	if (failed.timedOut) return toErpError(error, SYSTEM, action, NAME);
	if (failed.status === 401 || failed.status === 403) {
		return new ErpError('autenticacao', `O ISPFY recusou o token (HTTP ${failed.status}): confira o Token da credencial "ERP do Provedor" e as permissões do usuário dono dele.`, details(action, { httpCode: failed.status }));
	}
	if (failed.status === 404 && !plainTextMessage(failed.body)) {
		return new ErpError('erro_erp', 'O ISPFY não tem esta rota (HTTP 404): confira a URL base da credencial (porta 8020 para http ou 8043 para https).', details(action, { httpCode: 404 }));
	}
	const message = plainTextMessage(failed.body);
	if (failed.status !== undefined && message) {
		return new ErpError('erro_erp', `O ISPFY recusou a requisição (HTTP ${failed.status}): ${redactIspfyText(message)}`, details(action, { httpCode: failed.status }));
	}
	return toErpError(error, SYSTEM, action, NAME);
}

/** An HTTP 200 answer that is an error text where JSON was expected. */
export function textAnswerError(text: string, action: ErpAction): ErpError {
	return new ErpError('erro_erp', `O ISPFY recusou a requisição: ${redactIspfyText(text)}`, details(action, { httpCode: 200 }));
}

/** An HTTP 200 answer that is neither the expected JSON nor an error text (HTML page, nothing). */
export function unexpectedAnswer(action: ErpAction): ErpError {
	return new ErpError('indisponivel', 'O ISPFY respondeu algo que não são dados (página HTML ou resposta vazia): confira a URL base da credencial.', details(action, { httpCode: 200 }));
}

/** The boleto route answered something else than a PDF. */
export function notPdf(action: ErpAction): ErpError {
	return new ErpError('erro_erp', 'O ISPFY não devolveu um PDF para este boleto.', details(action));
}

/** The `nao_suportado` error of an action ISPFY's API does not offer. */
export function notOffered(action: ErpAction, why: string): ErpError {
	return new ErpError('nao_suportado', `O ISPFY não oferece esta ação pela API: ${why}`, details(action));
}

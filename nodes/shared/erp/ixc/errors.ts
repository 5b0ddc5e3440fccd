/**
 * IXC Provedor's ways of failing (docs/apis-externas.md §C.1), turned into `ErpError`: the red HTML error
 * page (any status, even 200), `{"type":"error","message":…}` bodies inside HTTP 200 (IP not allowed,
 * resource not released for the token), 400 for a wrong authentication scheme. IXC gives these
 * errors no code, so the two access errors are told apart by their documented wording.
 */
import { readFailedRequest, toErpError } from '../http-errors';
import { ErpError, type ErpAction } from '../types';

export const IXC_NAME = 'IXC Provedor';

const details = (action: ErpAction, httpCode?: number) => ({ system: 'ixc' as const, action, httpCode });

/** "Seu IP não está liberado para efetuar login!" (the user group's "Redes Permitidas"). */
const IP_NOT_ALLOWED = /\bIP\b.*n[ãa]o est[áa] liberado/i;
/** "Recurso rad não está disponível!" (a resource this IXC or this token does not offer). */
const RESOURCE_UNAVAILABLE = /^\s*Recurso\s+(\S+)\s+n[ãa]o est[áa] dispon[íi]vel/i;

/** Text of a body that may be a Buffer (PDF requests read every answer as bytes). */
export function bodyText(body: unknown): string | undefined {
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return typeof body === 'string' ? body : undefined;
}

/** A body that is one of IXC's HTML error pages (ixc-orm treats any `<…` answer as one). */
export function isHtmlPage(body: unknown): boolean {
	const text = bodyText(body);
	return text !== undefined && /^\s*</.test(text);
}

/** The parsed object of a JSON body, whether it came parsed, as text or as bytes. */
export function jsonObject(body: unknown): Record<string, unknown> | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body) && !(body instanceof ArrayBuffer) && !Array.isArray(body)) {
		return body as Record<string, unknown>;
	}
	const text = bodyText(body)?.trim();
	if (!text?.startsWith('{')) return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** CPF/CNPJ-looking sequences (masked or not, numeric or alphanumeric) hidden from messages that reach logs. */
function redactDocuments(text: string): string {
	return text
		.replace(/\b[\dA-Z]{2}\.?[\dA-Z]{3}\.?[\dA-Z]{3}\/?[\dA-Z]{4}-?\d{2}\b/gi, '***')
		.replace(/\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g, '***');
}

/** An IXC message made presentable: no HTML (`<br />`), no documents, single spaces. */
export function cleanIxcMessage(message: unknown): string {
	const text = String(message ?? '')
		.replace(/<br\s*\/?>/gi, ' ')
		.replace(/<[^>]*>/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	return redactDocuments(text);
}

/** The message of a `{"type":"error"}` answer, `undefined` for any other body. */
export function ixcErrorMessage(body: unknown): string | undefined {
	const object = jsonObject(body);
	if (object?.type !== 'error') return undefined;
	return cleanIxcMessage(object.message);
}

/**
 * Errors any IXC answer may carry whatever the request: the HTML error page, the IP not allowed,
 * a resource the ERP does not offer. `undefined` when the body is none of them.
 */
export function ixcAccessError(body: unknown, action: ErpAction): ErpError | undefined {
	if (isHtmlPage(body)) return new ErpError('indisponivel', `O ${IXC_NAME} respondeu com a página de erro "Ocorreu um erro ao processar".`, details(action, 200));
	const message = ixcErrorMessage(body);
	if (message === undefined) return undefined;
	if (IP_NOT_ALLOWED.test(message)) {
		return new ErpError(
			'autenticacao',
			`O ${IXC_NAME} recusou o acesso: o IP do n8n não está liberado em "Redes Permitidas" do grupo do usuário do webservice.`,
			details(action, 200),
		);
	}
	const resource = RESOURCE_UNAVAILABLE.exec(message)?.[1];
	if (resource) {
		return new ErpError(
			'nao_suportado',
			`O ${IXC_NAME} não oferece o recurso "${resource}" a este token (versão do IXC ou permissões do usuário do webservice).`,
			details(action, 200),
		);
	}
	return undefined;
}

/** An `{"type":"error"}` answer the action cannot turn into a business refusal. */
export function ixcRefusalError(message: string, action: ErpAction): ErpError {
	const reason = message.replace(/[\s.!]+$/, '');
	return new ErpError('erro_erp', `O ${IXC_NAME} recusou a operação: ${reason || 'sem mensagem'}.`, details(action, 200));
}

/** A thrown transport error (timeout, network, HTTP status) as an `ErpError`. */
export function ixcTransportError(error: unknown, action: ErpAction): ErpError {
	if (error instanceof ErpError) return error;
	const failed = readFailedRequest(error);
	// C.1: 400 answers an SSL problem or a wrong authentication scheme (Bearer instead of Basic).
	if (failed.status === 400 && !failed.timedOut) {
		return new ErpError('autenticacao', `O ${IXC_NAME} recusou a autenticação (HTTP 400): confira o token da credencial "ERP do Provedor".`, details(action, 400));
	}
	if (failed.status === 401 || failed.status === 403) {
		return new ErpError(
			'autenticacao',
			`O ${IXC_NAME} recusou o token (HTTP ${failed.status}): confira o token "<id do usuário>:<hash>", se o usuário está ativo com acesso ao webservice e a URL do IXC.`,
			details(action, failed.status),
		);
	}
	return toErpError(error, 'ixc', action, IXC_NAME);
}

/** An answer whose shape the adapter does not know. */
export function unexpectedAnswer(action: ErpAction, what: string): ErpError {
	return new ErpError('erro_erp', `O ${IXC_NAME} respondeu num formato inesperado (${what}).`, details(action, 200));
}

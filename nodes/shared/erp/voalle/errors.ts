/**
 * Voalle's error shapes → `ErpError` (docs/apis-externas.md §D.4). Voalle answers with the envelope
 * `{ success, messages, response }`; `success: false` often comes with HTTP 200, and `messages` is
 * `null`, `""`, a string or a list of `{ type, message }`. A 401 is a user not flagged "integrador"
 * or a missing `syndata`; a 404 the wrong port (45700 is the token, 45715 the API). Texts from
 * Voalle go through {@link redactSensitive} (no CPF/CNPJ in messages).
 */
import { readFailedRequest, toErpError } from '../http-errors';
import { redactSensitive } from '../sgp/redact';
import { asRecord, toText, type JsonRecord } from '../values';
import { ErpError, type ErpAction } from '../types';

const VOALLE = 'Voalle';

function details(action: ErpAction, extra: { httpCode?: number; erpCode?: string } = {}) {
	return { system: 'voalle' as const, action, ...extra };
}

/** The texts of `messages`, whatever its shape (null, string, list of strings or of `{ type, message }`). */
export function voalleMessages(messages: unknown): string[] {
	if (typeof messages === 'string') return messages.trim() ? [messages.trim()] : [];
	if (!Array.isArray(messages)) return [];
	return messages
		.map((entry) => (typeof entry === 'string' ? entry : toText(asRecord(entry)?.message)))
		.filter((text): text is string => typeof text === 'string' && text.trim() !== '')
		.map((text) => text.trim());
}

/** `messages` joined and redacted, or `undefined` when there is none. */
export function voalleReason(envelope: JsonRecord): string | undefined {
	const texts = voalleMessages(envelope.messages);
	return texts.length > 0 ? redactSensitive(texts.join('; ')) : undefined;
}

/** Any throw of the transport (network, timeout, HTTP status) as an `ErpError`. */
export function voalleCallError(error: unknown, action: ErpAction): ErpError {
	if (error instanceof ErpError) return error;
	const failed = readFailedRequest(error);
	if (failed.status === 401 || failed.status === 403) {
		return new ErpError(
			'autenticacao',
			`O Voalle recusou as credenciais (HTTP ${failed.status}): confira se o usuário da credencial "ERP do Provedor" está marcado como "Usuário integrador" e se o syndata está preenchido.`,
			details(action, { httpCode: failed.status }),
		);
	}
	if (failed.status === 404) {
		return new ErpError('erro_erp', 'O Voalle não encontrou o recurso (HTTP 404): confira a URL do ERP (a API fica na porta 45715; a 45700 é só a de autenticação).', details(action, { httpCode: 404 }));
	}
	const body = asRecord(failed.body);
	const reason = body ? voalleReason(body) : undefined;
	if (failed.status !== undefined && failed.status < 500 && reason) {
		return new ErpError('erro_erp', `O Voalle recusou a requisição (HTTP ${failed.status}): ${reason}`, details(action, { httpCode: failed.status }));
	}
	return toErpError(error, 'voalle', action, VOALLE);
}

/** An answer that is not the envelope (an HTML page, nothing): `indisponivel`. */
export function notAnEnvelope(action: ErpAction): ErpError {
	return new ErpError('indisponivel', 'O Voalle respondeu algo que não é JSON (página HTML ou resposta vazia): confira a URL do ERP.', details(action));
}

/** `success: false` (with HTTP 200) where the action cannot turn it into a business refusal. */
export function voalleRefusal(envelope: JsonRecord, action: ErpAction): ErpError {
	const reason = voalleReason(envelope);
	return new ErpError('erro_erp', reason ? `O Voalle recusou a requisição: ${reason}` : 'O Voalle recusou a requisição sem dizer o motivo.', details(action, { httpCode: 200 }));
}

/** A `response` of an unexpected shape. */
export function unexpectedAnswer(action: ErpAction, what: string): ErpError {
	return new ErpError('erro_erp', `O Voalle deu uma resposta inesperada: ${what}.`, details(action, { httpCode: 200 }));
}

/** The `nao_suportado` error of an action Voalle's API does not offer. */
export function notOffered(action: ErpAction, why: string): ErpError {
	return new ErpError('nao_suportado', `O Voalle não oferece esta ação pela API: ${why}`, details(action));
}

/** The contract the action needs is not among the customer's contracts. */
export function contractNotFound(action: ErpAction): ErpError {
	return new ErpError('erro_erp', 'O Voalle não listou este contrato para o cliente: escolha o contrato de novo.', details(action));
}

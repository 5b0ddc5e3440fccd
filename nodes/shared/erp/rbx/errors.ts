/**
 * RBX ISP (RouterBox) error shapes → `ErpError` (docs/apis-externas.md §D.5). HTTP is always 200; the
 * verdict is in the body: v1 `{ status: 0, erro_code, erro_desc, erro_detail }` (97 = "Chave de
 * integracao invalida ou inativa"; 1 = "A consulta nao retornou resultados", read as no rows by the
 * callers), v2 `{ status: 0, error_code, error_description }`. RBX texts go through
 * {@link redactSensitive}; the integration key never reaches a message (it travels in a header and in
 * the v1 body, never in a URL).
 */
import { toErpError } from '../http-errors';
import { redactSensitive } from '../sgp/redact';
import { toNumber, toText, type JsonRecord } from '../values';
import { ErpError, type ErpAction } from '../types';

/** v1 code of an invalid or inactive integration key. */
export const RBX_INVALID_KEY = 97;
/** v1 code of "no rows". */
export const RBX_NO_ROWS = 1;

function details(action: ErpAction, extra: { httpCode?: number; erpCode?: string } = {}) {
	return { system: 'rbx' as const, action, ...extra };
}

/** `status` 1 (number or `"1"`). */
export function isRbxSuccess(answer: JsonRecord): boolean {
	return toNumber(answer.status) === 1;
}

/** The error code of a v1 or v2 envelope. */
export function rbxErrorCode(answer: JsonRecord): number | undefined {
	return toNumber(answer.erro_code) ?? toNumber(answer.error_code);
}

/** The error text of a v1 or v2 envelope, redacted. */
export function rbxErrorText(answer: JsonRecord): string | undefined {
	const text = [toText(answer.erro_desc), toText(answer.erro_detail), toText(answer.error_description)].filter(Boolean).join(': ');
	return text ? redactSensitive(text) : undefined;
}

/** Any throw of the transport (network, timeout, HTTP status) as an `ErpError`. */
export function rbxCallError(error: unknown, action: ErpAction): ErpError {
	return toErpError(error, 'rbx', action, 'RBX');
}

/** An answer that is not JSON (an HTML page, nothing): `indisponivel`. */
export function notAnEnvelope(action: ErpAction): ErpError {
	return new ErpError('indisponivel', 'O RBX respondeu algo que não é JSON (página HTML ou resposta vazia): confira a URL do ERP.', details(action));
}

/** `status` 0: `autenticacao` for an invalid key, `erro_erp` with RBX's text otherwise. */
export function rbxRefusal(answer: JsonRecord, action: ErpAction): ErpError {
	const code = rbxErrorCode(answer);
	const text = rbxErrorText(answer);
	if (code === RBX_INVALID_KEY) {
		return new ErpError(
			'autenticacao',
			'O RBX recusou a chave de integração (código 97): confira a chave da credencial "ERP do Provedor", se ela está ativa, em Produção, e se libera este serviço (Empresa > Parâmetros > Web Services).',
			details(action, { httpCode: 200, erpCode: '97' }),
		);
	}
	return new ErpError('erro_erp', text ? `O RBX recusou a requisição: ${text}` : 'O RBX recusou a requisição sem dizer o motivo.', details(action, { httpCode: 200, erpCode: code === undefined ? undefined : String(code) }));
}

/** The `nao_suportado` error of an action RBX's API does not offer. */
export function notOffered(action: ErpAction, why: string): ErpError {
	return new ErpError('nao_suportado', `O RBX não oferece esta ação pela API: ${why}`, details(action));
}

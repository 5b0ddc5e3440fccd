/**
 * MK-Auth failures as `ErpError`: the generic HTTP reading (timeout, 401/403, 5xx) plus what MK-Auth
 * does on its own — a PHP/HTML page with status 200 where JSON was expected, and `cliente/editar`
 * answering `{"status":"error","mensagem":…}` with status 200. Messages never carry the CPF/CNPJ,
 * the JWT or the client secret.
 */
import { toErpError } from '../http-errors';
import { ErpError, type ErpAction } from '../types';

const SYSTEM = 'mkauth';
const NAME = 'MK-Auth';

/** Any failure of a transport call. */
export function mkAuthError(error: unknown, action: ErpAction): ErpError {
	return toErpError(error, SYSTEM, action, NAME);
}

/** A 200 answer that is not the JSON the endpoint gives (an HTML error page, a login page…). */
export function unexpectedAnswer(action: ErpAction): ErpError {
	return new ErpError('indisponivel', 'O MK-Auth devolveu uma página em vez de dados (erro do servidor ou URL errada na credencial "ERP do Provedor").', {
		system: SYSTEM,
		action,
	});
}

/** Drops anything that looks like a document or a long number from a message the ERP wrote. */
function withoutNumbers(message: string): string {
	return message.replace(/\d[\d.\-/ ]{5,}\d/g, '…').slice(0, 200);
}

/** `cliente/editar` answered without `status: "success"`. */
export function refusedUpdate(body: unknown, action: ErpAction): ErpError {
	const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
	const said = typeof record.mensagem === 'string' ? `: ${withoutNumbers(record.mensagem)}` : '';
	return new ErpError('erro_erp', `O MK-Auth recusou a alteração do cadastro${said}.`, { system: SYSTEM, action });
}

/** The contract's login no longer exists in MK-Auth. */
export function loginNotFound(action: ErpAction): ErpError {
	return new ErpError('erro_erp', 'O MK-Auth não encontrou o login deste contrato.', { system: SYSTEM, action });
}

/** The boleto link answered something else than a PDF. */
export function notPdf(action: ErpAction): ErpError {
	return new ErpError('erro_erp', 'O MK-Auth não devolveu um PDF para este boleto.', { system: SYSTEM, action });
}

/** An action MK-Auth's API does not offer. */
export function notSupported(action: ErpAction, why: string): ErpError {
	return new ErpError('nao_suportado', `O MK-Auth não oferece esta ação pela API: ${why}.`, { system: SYSTEM, action });
}

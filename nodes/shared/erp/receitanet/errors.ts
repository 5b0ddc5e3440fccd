/**
 * ReceitaNet failures as `ErpError`: the generic HTTP reading (timeout, 401 `unauthorized_client`,
 * 5xx / HTML page) plus the API's own answers — 404 `{success:false, msg:"Contrato não localizado."}`
 * on contract calls, 400 `{success:false, msg}` for refused requests, `success:false` with status 200.
 * Messages never carry the CPF/CNPJ or the token (the token travels in the query string).
 */
import { readFailedRequest, toErpError } from '../http-errors';
import { ErpError, type ErpAction } from '../types';

const SYSTEM = 'receitanet';
const NAME = 'ReceitaNet';

/** Drops anything that looks like a document or a long number from a message the ERP wrote. */
function withoutNumbers(message: string): string {
	return message.replace(/\d[\d.\-/ ]{5,}\d/g, '…').slice(0, 200);
}

function saidBy(body: unknown): string {
	const msg = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).msg : undefined;
	return typeof msg === 'string' && msg.trim() ? `: ${withoutNumbers(msg.trim())}` : '';
}

/** A 404 carrying the API's own `{success:false, msg}` (nothing found), not a web server's page. */
export function isNotFoundAnswer(error: unknown): boolean {
	const failed = readFailedRequest(error);
	const body = failed.body as Record<string, unknown> | undefined;
	return failed.status === 404 && typeof body === 'object' && body !== null && body.success === false;
}

/** Any failure of a transport call (an `ErpError` already made passes through). */
export function receitaNetError(error: unknown, action: ErpAction): ErpError {
	if (error instanceof ErpError) return error;
	const failed = readFailedRequest(error);
	if (!failed.timedOut && (failed.status === 400 || failed.status === 404)) {
		return new ErpError('erro_erp', `O ReceitaNet recusou a requisição${saidBy(failed.body)}.`, { system: SYSTEM, action, httpCode: failed.status });
	}
	return toErpError(error, SYSTEM, action, NAME);
}

/** Status 200 with `success: false`. */
export function refusedAnswer(body: unknown, action: ErpAction): ErpError {
	return new ErpError('erro_erp', `O ReceitaNet recusou a requisição${saidBy(body)}.`, { system: SYSTEM, action });
}

/** A 200 answer that is not the JSON object the API gives (an HTML page…). */
export function unexpectedAnswer(action: ErpAction): ErpError {
	return new ErpError('indisponivel', 'O ReceitaNet devolveu uma página em vez de dados (erro do servidor ou URL errada na credencial "ERP do Provedor").', {
		system: SYSTEM,
		action,
	});
}

/** The contract is not in ReceitaNet any more. */
export function contractNotFound(action: ErpAction): ErpError {
	return new ErpError('erro_erp', 'O ReceitaNet não localizou este contrato.', { system: SYSTEM, action, httpCode: 404 });
}

/** No phone to send as `uracontato` (required by the API): neither the conversation's contact nor the customer has one. */
export function callerPhoneMissing(action: ErpAction): ErpError {
	return new ErpError(
		'erro_erp',
		'O ReceitaNet exige o telefone de quem chama (uracontato), e nem o contato deste atendimento nem o cadastro do cliente trazem um telefone: encaminhe a um atendente ou identifique o cliente pelo telefone.',
		{ system: SYSTEM, action },
	);
}

/** A department id that is not one of the API's ticket kinds. */
export function unknownTicketKind(action: ErpAction): ErpError {
	return new ErpError('erro_erp', 'Tipo de chamado desconhecido no ReceitaNet: escolha um dos departamentos listados pelo card.', { system: SYSTEM, action });
}

/** An action the URA API does not offer. */
export function notSupported(action: ErpAction, why: string): ErpError {
	return new ErpError('nao_suportado', `O ReceitaNet não oferece esta ação pela API URA: ${why}.`, { system: SYSTEM, action });
}

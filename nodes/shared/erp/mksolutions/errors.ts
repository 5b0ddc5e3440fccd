/**
 * MK Solutions failures as `ErpError` (docs/apis-externas.md §D.7). MK answers errors with HTTP 200
 * and `{status: "ERRO", Mensagem|mensagem, "Num. ERRO"}`: 001 token inválido, 002 documento
 * inválido, 003 documento (or record) não localizado, 999 token expirado. Messages never carry the
 * request URL (the token travels in it) nor a document: the ERP's text goes through `redactMk`.
 */
import { readFailedRequest, toErpError } from '../http-errors';
import { ErpError, type ErpAction } from '../types';
import { asRecord, toText, type JsonRecord as MkRecord } from '../values';
import { redactMk } from './redact';

const SYSTEM = 'mksolutions' as const;
const NAME = 'MK Solutions';

function details(action: ErpAction, extra: { httpCode?: number; erpCode?: string } = {}) {
	return { system: SYSTEM, action, ...extra };
}

/** `true` when the answer is MK's error envelope. */
export function isMkError(answer: MkRecord): boolean {
	return String(answer.status ?? '').trim().toUpperCase() === 'ERRO';
}

/** MK's error number (`"Num. ERRO"`, or `codigo_erro` in the Pix service). */
export function mkErrorCode(answer: MkRecord): string | undefined {
	return toText(answer['Num. ERRO'] ?? answer['Num. ERRO:'] ?? answer.codigo_erro ?? answer.num_erro);
}

/** MK's error text (`Mensagem` or `mensagem`, depending on the service). */
export function mkErrorMessage(answer: MkRecord): string | undefined {
	return toText(answer.Mensagem ?? answer.mensagem);
}

/** Session refused (001 token inválido, 999 token expirado ou não encontrado): log in again. */
export function isSessionError(answer: MkRecord): boolean {
	if (!isMkError(answer)) return false;
	const code = mkErrorCode(answer);
	return code === '001' || code === '999' || code === '1' || (code === undefined && /token/i.test(mkErrorMessage(answer) ?? ''));
}

/** "No rows" (003): the caller turns it into "not found" / an empty list. */
export function isNotFound(answer: MkRecord): boolean {
	return isMkError(answer) && (mkErrorCode(answer) === '003' || mkErrorCode(answer) === '3' || /n[ãa]o (localizad|encontrad)/i.test(mkErrorMessage(answer) ?? ''));
}

/** Any throw of the transport (network, timeout, HTTP status). */
export function mkCallError(error: unknown, action: ErpAction): ErpError {
	if (error instanceof ErpError) return error;
	// MK answers its own errors with HTTP 200: a 401 is the credential's login (preAuthentication) refused.
	if (readFailedRequest(error).status === 401) return loginRefused(action);
	if (readFailedRequest(error).status === 404) {
		return new ErpError('erro_erp', 'O MK Solutions não tem este serviço (HTTP 404): confira a URL da credencial e se o serviço está liberado no perfil do webservice.', details(action, { httpCode: 404 }));
	}
	return toErpError(error, SYSTEM, action, NAME);
}

/** The body parsed as an object; anything else (an HTML page, nothing) is `indisponivel`. */
export function readMkAnswer(body: unknown, action: ErpAction): MkRecord {
	let value = body;
	if (Buffer.isBuffer(value) || value instanceof ArrayBuffer) {
		const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
		// Some installations answer in Latin-1: UTF-8 first, Latin-1 when that is not valid UTF-8.
		const utf8 = bytes.toString('utf8');
		const text = utf8.includes('\uFFFD') ? bytes.toString('latin1') : utf8;
		try {
			value = JSON.parse(text);
		} catch {
			value = undefined;
		}
	}
	const record = asRecord(value) ?? (Array.isArray(value) ? { lista: value } : undefined);
	if (!record) throw new ErpError('indisponivel', 'O MK Solutions respondeu algo que não é JSON (página HTML ou resposta vazia): confira a URL da credencial.', details(action));
	return record;
}

/** An error envelope the action cannot turn into data or a business refusal. */
export function mkAnswerError(answer: MkRecord, action: ErpAction): ErpError {
	const code = mkErrorCode(answer);
	const said = mkErrorMessage(answer);
	const extra = { httpCode: 200, erpCode: code };
	if (isSessionError(answer)) {
		return new ErpError('autenticacao', 'O MK Solutions recusou o token de sessão mesmo após novo login: confira o perfil do webservice (expiração, opção "Invalidar", IP liberado).', details(action, extra));
	}
	if (code === '002') return new ErpError('erro_erp', 'O MK Solutions considerou o documento inválido.', details(action, extra));
	const text = said ? `O MK Solutions recusou a requisição: ${redactMk(said)}` : 'O MK Solutions deu uma resposta inesperada.';
	return new ErpError('erro_erp', text, details(action, extra));
}

/** The login itself was refused (wrong user token or contra-senha). */
export function loginRefused(action: ErpAction): ErpError {
	return new ErpError('autenticacao', 'O MK Solutions recusou o token do usuário e a contra-senha do webservice: confira-os em Integradores > Gerenciador de Webservices.', details(action, { httpCode: 200 }));
}

/** Tickets need a process (and a classification) and none is configured. */
export function processRequired(action: ErpAction): ErpError {
	return new ErpError(
		'erro_erp',
		'O MK Solutions exige o processo e a classificação do atendimento: preencha "Processo" e "Classificação" na credencial "ERP do Provedor" ou informe no card o setor como processo:classificação.',
		details(action),
	);
}

/** The `nao_suportado` error of an action MK's webservices do not offer. */
export function notOffered(action: ErpAction, why: string): ErpError {
	return new ErpError('nao_suportado', `O MK Solutions não oferece esta ação pela API: ${why}`, details(action));
}

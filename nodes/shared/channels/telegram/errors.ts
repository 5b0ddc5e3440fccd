/** Turns Telegram Bot API errors into retry advice (docs/apis-externas.md §B). */
import type { SendErrorClassification } from '../errors';
import { isObject, optionalNumber, optionalObject } from '../guards';

/**
 * Classifies a failed Bot API call from its HTTP status and/or its body
 * (`{ ok: false, error_code, description, parameters: { retry_after } }`). `error_code` wins over
 * the HTTP status; the description text is never matched. 429 waits exactly `retry_after`
 * seconds; 403 (bot blocked by the user, or removed from the group) is never retried.
 */
export function classifyTelegramError(httpStatus: number | undefined, body: unknown): SendErrorClassification {
	const response = isObject(body) ? body : undefined;
	const code = optionalNumber(response?.error_code) ?? httpStatus;
	const advise = (retry: SendErrorClassification['retry'], reason: string): SendErrorClassification =>
		code !== undefined ? { retry, reason, code } : { retry, reason };
	if (code === 429) {
		const retryAfter = optionalNumber(optionalObject(response?.parameters)?.retry_after);
		if (retryAfter === undefined || retryAfter < 0) {
			return advise('backoff', 'Limite de envio do Telegram atingido: aguarde e tente de novo.');
		}
		return {
			...advise('backoff', `Limite de envio do Telegram atingido: aguarde ${retryAfter} s e tente de novo.`),
			retryAfterMs: retryAfter * 1000,
		};
	}
	if (code === 403) return advise('never', 'O usuário bloqueou o bot ou o bot não pode mais escrever neste chat.');
	if (code === 401 || code === 404) return advise('never', 'Token do bot do Telegram inválido ou revogado: atualize a credencial.');
	if (code === 409) return advise('never', 'Conflito no Telegram: outro webhook ou getUpdates está ativo para este bot.');
	if (code !== undefined && code >= 500) return advise('backoff', `Telegram indisponível no momento (HTTP ${code}).`);
	if (code !== undefined && code >= 400) {
		return advise('never', `Requisição recusada pelo Telegram (erro ${code}): corrija o chat ou a mensagem.`);
	}
	return advise('capped', 'Falha desconhecida ao enviar pelo Telegram.');
}

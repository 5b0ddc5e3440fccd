/** Turns Chatwoot API errors into retry advice (docs/apis-externas.md §G). */
import type { SendErrorClassification } from '../errors';
import { arrayOrEmpty, isObject, optionalString } from '../guards';

/** Chatwoot's reason, when the body has one (`{error}`, `{message}` or `{errors: [...]}`), capped. */
function chatwootReason(body: unknown): string | undefined {
	if (!isObject(body)) return undefined;
	const reason = optionalString(body.error) ?? optionalString(body.message) ?? arrayOrEmpty(body.errors).filter((item) => typeof item === 'string').join('; ');
	return reason ? reason.slice(0, 200) : undefined;
}

/**
 * Classifies a failed Chatwoot API call. 429 and 5xx are transient; 401 is a refused token (or an
 * endpoint a bot token may not call); 404 an unknown account, inbox or conversation; other 4xx a
 * request Chatwoot will not take as it is.
 */
export function classifyChatwootError(httpStatus: number | undefined, body: unknown): SendErrorClassification {
	const reason = chatwootReason(body);
	const detail = reason ? ` (${reason})` : '';
	const advise = (retry: SendErrorClassification['retry'], text: string): SendErrorClassification =>
		httpStatus !== undefined ? { retry, reason: text, code: httpStatus } : { retry, reason: text };
	if (httpStatus === 429) return advise('backoff', 'Limite de requisições do Chatwoot atingido: aguarde e tente de novo.');
	if (httpStatus === 401) {
		return advise('never', `O Chatwoot recusou o token${detail}: confira o token na credencial (este pedido pode exigir o token de usuário administrador).`);
	}
	if (httpStatus === 403) return advise('never', `O token não tem permissão para isto no Chatwoot${detail}: use o token de um administrador.`);
	if (httpStatus === 404) return advise('never', `Conta, caixa de entrada ou conversa não encontrada no Chatwoot${detail}: confira a URL e os IDs da credencial.`);
	if (httpStatus !== undefined && httpStatus >= 500) return advise('backoff', `Chatwoot indisponível no momento (HTTP ${httpStatus}).`);
	if (httpStatus !== undefined && httpStatus >= 400) return advise('never', `Requisição recusada pelo Chatwoot (HTTP ${httpStatus})${detail}.`);
	return advise('capped', 'Falha desconhecida ao chamar o Chatwoot.');
}

/** Turns Graph API errors of the Messenger Platform (Messenger and Instagram) into retry advice (docs/apis-externas.md §H.5). */
import type { SendErrorClassification } from '../errors';
import { isObject, optionalNumber, optionalObject } from '../guards';

type Advice = Omit<SendErrorClassification, 'code'>;

/** Code 10 with this subcode: the message is outside the allowed window. */
export const OUTSIDE_WINDOW_SUBCODE = 2018278;
/** Code 551 with this subcode: "This person isn't available right now" (blocked, deactivated, messages off). */
export const UNAVAILABLE_SUBCODE = 1545041;

/** Known (code, subcode) pairs first, then codes. Meta asks to decide on codes, never on texts. */
const BY_SUBCODE: Record<number, Advice> = {
	[OUTSIDE_WINDOW_SUBCODE]: {
		retry: 'never',
		reason: 'Fora da janela de 24 horas desde a última mensagem do cliente: a Meta só aceita uma nova mensagem quando ele escrever de novo (um atendente humano pode responder em até 7 dias).',
	},
	1893063: { retry: 'never', reason: 'A Página está temporariamente impedida de enviar mensagens pela Meta: confira os avisos da Página.' },
	[UNAVAILABLE_SUBCODE]: {
		retry: 'never',
		reason: 'Esta pessoa não está disponível no momento (bloqueou a conta, desativou o perfil ou desligou as mensagens): a mensagem não foi entregue.',
	},
};

const BY_CODE: Record<number, Advice> = {
	190: { retry: 'never', reason: 'Token de acesso da Meta expirado ou inválido: gere um novo e atualize a credencial.' },
	4: { retry: 'backoff', reason: 'Limite de chamadas do app na API da Meta atingido: aguarde e tente de novo.' },
	613: { retry: 'backoff', reason: 'Limite de envio da API da Meta excedido: reduza o ritmo e tente de novo.' },
	2: { retry: 'backoff', reason: 'Falha temporária na API da Meta: tente de novo em instantes.' },
	1: { retry: 'backoff', reason: 'Erro desconhecido na API da Meta: tente de novo em instantes.' },
	10: { retry: 'never', reason: 'A Meta não permite este envio (permissão ou janela de mensagens): confira as permissões do app e a janela de 24 horas.' },
	200: { retry: 'never', reason: 'O app não tem a permissão necessária na Meta (pages_messaging / instagram_manage_messages): confira as permissões do token.' },
	551: { retry: 'never', reason: 'Esta pessoa não está disponível no momento: a mensagem não foi entregue.' },
	100: { retry: 'never', reason: 'Parâmetro inválido na requisição à Meta: corrija a mensagem antes de reenviar.' },
	368: { retry: 'never', reason: 'A Página foi bloqueada temporariamente por violação de políticas da Meta.' },
};

/** The `code` and `error_subcode` of a Graph error envelope (`{ error: { code, error_subcode } }`). */
export function graphErrorCodes(body: unknown): { code?: number; subcode?: number } {
	if (!isObject(body)) return {};
	const error = optionalObject(body.error) ?? body;
	return { code: optionalNumber(error.code), subcode: optionalNumber(error.error_subcode) };
}

/** True when a failed send's answer says the person cannot receive messages (551 / 1545041). */
export function isRecipientUnavailable(body: unknown): boolean {
	const { code, subcode } = graphErrorCodes(body);
	return code === 551 || subcode === UNAVAILABLE_SUBCODE;
}

/**
 * Classifies a failed Send API call. Without a known code, HTTP 429 and 5xx mean backoff, 401/403
 * an authentication problem, other 4xx a request that will not succeed.
 */
export function classifyMetaMessagingError(httpStatus: number | undefined, body: unknown): SendErrorClassification {
	const { code, subcode } = graphErrorCodes(body);
	const known = (subcode !== undefined ? BY_SUBCODE[subcode] : undefined) ?? (code !== undefined ? BY_CODE[code] : undefined);
	if (known) return { ...known, ...(code !== undefined ? { code } : {}) };
	const withCode = code !== undefined ? { code } : {};
	const suffix = code !== undefined ? ` (código ${code}${subcode !== undefined ? `/${subcode}` : ''})` : '';
	const advise = (retry: SendErrorClassification['retry'], reason: string): SendErrorClassification => ({ retry, reason, ...withCode });
	if (httpStatus === 429) return advise('backoff', `A Meta pediu para reduzir o ritmo (HTTP 429)${suffix}.`);
	if (httpStatus !== undefined && httpStatus >= 500) return advise('backoff', `API da Meta indisponível no momento (HTTP ${httpStatus})${suffix}.`);
	if (httpStatus === 401 || httpStatus === 403) return advise('never', `Acesso negado pela Meta (HTTP ${httpStatus})${suffix}: confira o token e as permissões.`);
	if (httpStatus !== undefined && httpStatus >= 400) return advise('never', `Requisição recusada pela Meta (HTTP ${httpStatus})${suffix}.`);
	return advise('capped', `Falha desconhecida ao enviar pela Meta${suffix}.`);
}

/** Turns WhatsApp Cloud API errors into retry advice (docs/apis-externas.md §A.7, §A.8). */
import type { SendErrorClassification } from '../errors';
import { isObject, optionalNumber, optionalObject } from '../guards';

type Advice = Omit<SendErrorClassification, 'code'>;

/** Known codes. Meta asks to decide on `code`, never on titles or HTTP status. */
const BY_CODE: Record<number, Advice> = {
	0: { retry: 'never', reason: 'Falha de autenticação no WhatsApp: gere um novo token de acesso na credencial.' },
	190: { retry: 'never', reason: 'Token de acesso do WhatsApp expirado ou inválido: atualize a credencial.' },
	4: { retry: 'backoff', reason: 'Limite de chamadas do app na API do WhatsApp atingido: aguarde e tente de novo.' },
	80007: { retry: 'backoff', reason: 'Limite de envio da conta do WhatsApp (WABA) atingido: aguarde e tente de novo.' },
	130429: { retry: 'backoff', reason: 'Limite de mensagens por segundo do número do WhatsApp atingido: reduza o ritmo e tente de novo.' },
	131057: { retry: 'backoff', reason: 'Número do WhatsApp em atualização de capacidade: tente de novo em até um minuto.' },
	131056: {
		retry: 'capped',
		reason: 'Muitas mensagens seguidas para o mesmo contato (cerca de 1 a cada 6 s): espere antes de reenviar só para ele.',
	},
	131048: { retry: 'capped', reason: 'Envio limitado por denúncias de spam (qualidade do número): diminua o volume e tente mais tarde.' },
	131049: {
		retry: 'never',
		reason: 'O WhatsApp não entregou a mensagem de marketing para preservar o engajamento do contato: não reenvie agora.',
	},
	131047: {
		retry: 'never',
		reason: 'Mais de 24 horas desde a última mensagem do cliente: só é possível enviar um template aprovado.',
	},
	131026: {
		retry: 'never',
		reason: 'Mensagem não entregue: o número não tem WhatsApp, usa um app desatualizado ou não aceitou os termos.',
	},
	131062: {
		retry: 'never',
		reason:
			'O WhatsApp não aceita esta mensagem para um contato identificado só pelo nome de usuário (BSUID): templates de autenticação exigem o telefone. Peça o telefone ao cliente ou use outro template.',
	},
	100: { retry: 'never', reason: 'Parâmetro inválido na requisição ao WhatsApp: corrija a mensagem antes de reenviar.' },
	131009: { retry: 'never', reason: 'Valor de parâmetro inválido na requisição ao WhatsApp: corrija a mensagem antes de reenviar.' },
	132018: { retry: 'never', reason: 'Parâmetros do template inválidos: confira as variáveis do template.' },
	368: { retry: 'never', reason: 'Número do WhatsApp bloqueado temporariamente por violação de políticas.' },
};

/**
 * Classifies a failed WhatsApp send. `body` may be the synchronous error envelope
 * (`{ error: { code, ... } }`) or one `errors[]` item of a failed-status webhook (`{ code, ... }`).
 * Without a known code, HTTP 429 and 5xx mean backoff, 401/403 an authentication problem,
 * other 4xx a request that will not succeed, and no status at all (network) a capped retry.
 */
export function classifyWhatsAppError(httpStatus: number | undefined, body: unknown): SendErrorClassification {
	const code = errorCode(body);
	const known = code !== undefined ? BY_CODE[code] : undefined;
	if (known) return { ...known, code };
	const withCode = code !== undefined ? { code } : {};
	const suffix = code !== undefined ? ` (código ${code})` : '';
	const advise = (retry: SendErrorClassification['retry'], reason: string): SendErrorClassification => ({
		retry,
		reason,
		...withCode,
	});
	if (httpStatus === 429) return advise('backoff', `WhatsApp pediu para reduzir o ritmo (HTTP 429)${suffix}.`);
	if (httpStatus !== undefined && httpStatus >= 500) {
		return advise('backoff', `WhatsApp indisponível no momento (HTTP ${httpStatus})${suffix}.`);
	}
	if (httpStatus === 401 || httpStatus === 403) {
		return advise('never', `Acesso negado pelo WhatsApp (HTTP ${httpStatus})${suffix}: confira o token e as permissões.`);
	}
	if (httpStatus !== undefined && httpStatus >= 400) {
		return advise('never', `Requisição recusada pelo WhatsApp (HTTP ${httpStatus})${suffix}.`);
	}
	return advise('capped', `Falha desconhecida ao enviar pelo WhatsApp${suffix}.`);
}

function errorCode(body: unknown): number | undefined {
	if (!isObject(body)) return undefined;
	return optionalNumber(optionalObject(body.error)?.code) ?? optionalNumber(body.code);
}

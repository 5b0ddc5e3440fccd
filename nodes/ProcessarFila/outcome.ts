/**
 * What a send's outcome means for the queue (docs/apis-externas.md §A.8): accepted, retry later (for
 * everyone when the phone number's rate limit was hit, for this recipient only on the pair limit,
 * after a capped backoff on 5xx and timeouts, after the configured delay on Meta's per-user marketing
 * limit 131049), rejected for good (131026, 131047, other 4xx), or a problem
 * of the credential or account that stops the run.
 */
import { isObject, optionalObject, optionalString } from '../shared/channels/guards';
import { classifyWhatsAppError } from '../shared/channels/whatsapp/errors';

/** What one send request produced, as the transport saw it. */
export type SendOutcome =
	| { kind: 'response'; statusCode: number; body: unknown }
	/** No answer within the time limit: the request may have reached WhatsApp. */
	| { kind: 'timeout' }
	/** The connection failed (`ECONNREFUSED`, `ECONNRESET`…). */
	| { kind: 'network'; code?: string }
	/** The job could not be turned into a request (e.g. a template without a name). */
	| { kind: 'invalid'; reason: string };

export type SendVerdict =
	| { kind: 'accepted'; wamid: string }
	/** The phone number's throughput (130429, HTTP 429…): slow every send down, retry this one later. */
	| { kind: 'rateLimited'; reason: string; code?: number }
	/** Meta's per-user marketing limit (131049): not retried now; the recipient waits the configured delay (or fails). */
	| { kind: 'marketingLimited'; reason: string; code: number }
	/** Too many messages to this recipient (131056): retry only this one after 4^X seconds. */
	| { kind: 'recipientLimited'; reason: string; code: number }
	/** 5xx, timeouts, network failures: retry with a capped backoff. */
	| { kind: 'transient'; reason: string; code?: number; mayHaveArrived: boolean }
	/** Retrying cannot succeed (131047, other 4xx): failed, with WhatsApp's own words. */
	| { kind: 'rejected'; reason: string; code?: number }
	/** The credential or the account cannot send at all (expired token, blocked number): stop the run. */
	| { kind: 'halt'; reason: string; code?: number };

const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131048]);
const RECIPIENT_LIMIT_CODE = 131056;
const MARKETING_LIMIT_CODE = 131049;
const HALT_CODES = new Set([0, 190, 368]);
/** Connection failures that happen before the request leaves: it surely did not reach WhatsApp. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Reads a send's outcome. */
export function classifySend(outcome: SendOutcome): SendVerdict {
	switch (outcome.kind) {
		case 'invalid':
			return { kind: 'rejected', reason: outcome.reason };
		case 'timeout':
			return { kind: 'transient', reason: 'O WhatsApp não respondeu a tempo.', mayHaveArrived: true };
		case 'network': {
			const code = outcome.code ?? 'desconhecida';
			const mayHaveArrived = !NOT_SENT_NETWORK_CODES.has(outcome.code ?? '');
			return { kind: 'transient', reason: `Falha de rede ao falar com o WhatsApp (${code}).`, mayHaveArrived };
		}
		case 'response':
			return classifyResponse(outcome.statusCode, outcome.body);
	}
}

function classifyResponse(statusCode: number, body: unknown): SendVerdict {
	if (statusCode >= 200 && statusCode < 300) {
		const wamid = acceptedMessageId(body);
		if (wamid) return { kind: 'accepted', wamid };
		return { kind: 'transient', reason: `Resposta do WhatsApp sem o ID da mensagem (HTTP ${statusCode}).`, mayHaveArrived: true };
	}
	const advice = classifyWhatsAppError(statusCode, body);
	const { code } = advice;
	if (code === RECIPIENT_LIMIT_CODE) return { kind: 'recipientLimited', reason: advice.reason, code };
	if (code === MARKETING_LIMIT_CODE) return { kind: 'marketingLimited', reason: advice.reason, code };
	if ((code !== undefined && RATE_LIMIT_CODES.has(code)) || (statusCode === 429 && advice.retry !== 'never')) {
		return { kind: 'rateLimited', reason: advice.reason, code };
	}
	if ((code !== undefined && HALT_CODES.has(code)) || statusCode === 401 || statusCode === 403) {
		return { kind: 'halt', reason: withApiMessage(advice.reason, body), code };
	}
	if (statusCode >= 500 || advice.retry === 'backoff') return { kind: 'transient', reason: advice.reason, code, mayHaveArrived: false };
	return { kind: 'rejected', reason: withApiMessage(advice.reason, body), code };
}

/** `messages[0].id` of an accepted send. */
function acceptedMessageId(body: unknown): string | undefined {
	const messages = isObject(body) && Array.isArray(body.messages) ? body.messages : [];
	return isObject(messages[0]) ? optionalString(messages[0].id) : undefined;
}

/** Our reason followed by WhatsApp's own message and details, which say what exactly was refused. */
function withApiMessage(reason: string, body: unknown): string {
	const error = isObject(body) ? optionalObject(body.error) : undefined;
	const message = optionalString(error?.message);
	const details = optionalString(optionalObject(error?.error_data)?.details);
	const words = [message, details && details !== message && !message?.includes(details) ? details : undefined].filter(Boolean);
	return words.length > 0 ? `${reason} WhatsApp: ${words.join(' — ')}` : reason;
}

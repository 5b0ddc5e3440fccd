/**
 * The payloads of a broadcast template's quick-reply buttons (docs/arquitetura.md §8.1): Processar
 * Fila gives each button `atd1|<n>|<jobId>`, which WhatsApp echoes back when the customer taps it;
 * the trigger reads it back into the campaign's job and the button's own payload (`botao_<n>`, the
 * one Template Interativo gives its buttons), and checks the tap came from the job's recipient.
 *
 * Why this shape: the job id (`<campaign>:<recipient>`) already names the campaign and the recipient
 * and is how the store finds the job, so nothing new is stored per send; `atd1` versions the format;
 * the button number comes before the job id, so a campaign name may contain any character. The
 * payload is not secret (the customer's app holds it): a forged one gains nothing, because a tap is
 * only taken as a reply to a campaign when its sender is the job's recipient.
 */
import type { BroadcastJob } from './types';

const PREFIX = 'atd1|';
const PAYLOAD = /^atd1\|([1-9]\d?)\|(.+)$/s;

/**
 * Longest payload given: Meta documents no limit for a template button's payload, so the 256
 * characters of an interactive reply button's id (docs/apis-externas.md §A.5) are kept.
 */
export const MAX_BUTTON_PAYLOAD = 256;

/** A tap on a campaign button, as its payload says (not yet checked against the store). */
export interface CampaignButtonPayload {
	jobId: string;
	/** The quick reply's number among the template's quick replies, from 1. */
	button: number;
}

/** The button's own payload, as Template Interativo names its buttons: `botao_<n>`. */
export function buttonPayload(button: number): string {
	return `botao_${button}`;
}

/** `atd1|<button>|<jobId>`, or `undefined` when it would be longer than `MAX_BUTTON_PAYLOAD`. */
export function encodeReplyPayload(jobId: string, button: number): string | undefined {
	const payload = `${PREFIX}${button}|${jobId}`;
	return payload.length <= MAX_BUTTON_PAYLOAD ? payload : undefined;
}

/** The job and button of an `atd1` payload; `undefined` for any other text (a button's text, `botao_1`…). */
export function decodeReplyPayload(payload: string): CampaignButtonPayload | undefined {
	const match = PAYLOAD.exec(payload);
	return match && payload.length <= MAX_BUTTON_PAYLOAD ? { jobId: match[2], button: Number(match[1]) } : undefined;
}

/**
 * The `buttonPayloads` of a queued message: one per quick reply of its template, at the button's
 * `index`, naming the job. A job id too long for a payload gives the plain `botao_<n>` (the tap still
 * chooses the button, without the campaign). `undefined` for a message queued without its quick replies.
 */
export function campaignButtonPayloads(job: Pick<BroadcastJob, 'id' | 'message'>): Array<{ index: number; payload: string }> | undefined {
	const quickReplies = job.message.quickReplies;
	if (!quickReplies || quickReplies.length === 0) return undefined;
	return quickReplies.map((quickReply, position) => ({
		index: quickReply.index,
		payload: encodeReplyPayload(job.id, position + 1) ?? buttonPayload(position + 1),
	}));
}

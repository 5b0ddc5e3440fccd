/**
 * Crash recovery (issue 6): a run marks a job in flight right before its send request. A job claimed
 * with `inFlightSince` set belongs to a run that died after that point, so its message may already
 * be on WhatsApp. It is not resent until the grace period after `inFlightSince` ends: if WhatsApp's
 * status callback (which echoes the job id in `biz_opaque_callback_data`) arrives first, the store
 * marks it sent and it is never claimed again; otherwise it was lost and is sent again.
 */
import type { BroadcastJob } from '../shared/broadcast/types';

/** Reason written when a job waits for the confirmation of an interrupted send. */
export const AWAITING_CONFIRMATION_REASON =
	'Envio interrompido (execução encerrada durante o envio): aguardando a confirmação do WhatsApp antes de reenviar.';

/**
 * Until when `job` must wait for the status callback of an interrupted send, or undefined when it
 * may be sent now (never in flight, or the grace period is over).
 */
export function confirmationPendingUntil(job: Pick<BroadcastJob, 'inFlightSince'>, now: number, graceMs: number): number | undefined {
	if (job.inFlightSince === undefined) return undefined;
	const until = job.inFlightSince + graceMs;
	return now < until ? until : undefined;
}

/**
 * What happens to a job after its send: sent, failed for good, or back to the queue until a time
 * chosen per verdict (capped exponential backoff with jitter; 4^X seconds for the pair rate limit; the
 * configured delay, 24 h by default, for Meta's per-user marketing limit 131049, which counts as an attempt;
 * never before the in-flight grace period ends when the request may have reached WhatsApp).
 */
import { MARKETING_LIMIT_LABEL } from '../shared/broadcast/rules';
import type { SendVerdict } from './outcome';

export interface RetryPolicy {
	/** Sends per job, counting the first one. */
	maxAttempts: number;
	/** How long after a send that may have reached WhatsApp its status callback may still confirm it. */
	inFlightGraceMs: number;
	/** How long a recipient refused by Meta's per-user marketing limit (131049) waits; 0 = failed for good. */
	marketingLimitDelayMs: number;
	/** Formats the new attempt's date in the log (the workflow's time zone). */
	formatDate(epochMs: number): string;
}

export type JobStep =
	| { kind: 'markSent'; wamid: string }
	| { kind: 'markFailed'; reason: string; code?: number }
	| { kind: 'retryLater'; notBefore: number; reason: string }
	/** Back to the queue for a later day by a policy answer (131049), with a `reagendado` row in the log. */
	| { kind: 'reschedule'; notBefore: number; reason: string; code: number };

/** First backoff step and its ceiling (5xx, timeouts, throughput limits). */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;
/** Ceiling of the pair-rate-limit wait (4^X seconds). */
export const RECIPIENT_BACKOFF_CAP_MS = 15 * 60_000;

/**
 * Exponential backoff with "equal jitter": half of `min(cap, base·2^retry)` plus a random share of
 * the other half, so retries of many jobs spread out instead of arriving together.
 */
export function exponentialBackoffMs(retry: number, random: () => number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
	return ceiling / 2 + random() * (ceiling / 2);
}

/** 4^X seconds (X = retries so far), the wait WhatsApp's pair rate limit (131056) asks for. */
export function recipientBackoffMs(retry: number): number {
	return Math.min(RECIPIENT_BACKOFF_CAP_MS, 1000 * 4 ** retry);
}

/**
 * The step for a job that was sent for the `job.attempts + 1`-th time at `inFlightSince` and
 * answered with `verdict` at `now`.
 */
export function nextStep(
	verdict: SendVerdict,
	job: { attempts: number },
	timing: { now: number; inFlightSince: number; random: () => number },
	policy: RetryPolicy,
): JobStep {
	if (verdict.kind === 'accepted') return { kind: 'markSent', wamid: verdict.wamid };
	if (verdict.kind === 'rejected') return { kind: 'markFailed', reason: verdict.reason, code: verdict.code };
	if (verdict.kind === 'marketingLimited' && policy.marketingLimitDelayMs <= 0) {
		return { kind: 'markFailed', reason: `${MARKETING_LIMIT_LABEL}: não reenviado (opção desligada). ${verdict.reason}`, code: verdict.code };
	}
	const attempts = job.attempts + 1;
	if (attempts >= policy.maxAttempts) {
		const tries = attempts === 1 ? '1 tentativa' : `${attempts} tentativas`;
		return { kind: 'markFailed', reason: `${verdict.reason} Sem sucesso após ${tries}.`, code: verdict.code };
	}
	const { now, random } = timing;
	switch (verdict.kind) {
		case 'marketingLimited': {
			const notBefore = now + policy.marketingLimitDelayMs;
			return { kind: 'reschedule', notBefore, reason: `${MARKETING_LIMIT_LABEL}: nova tentativa em ${policy.formatDate(notBefore)}.`, code: verdict.code };
		}
		case 'halt':
			return { kind: 'retryLater', notBefore: now, reason: verdict.reason };
		case 'recipientLimited':
			return { kind: 'retryLater', notBefore: now + recipientBackoffMs(job.attempts), reason: verdict.reason };
		case 'rateLimited':
			return { kind: 'retryLater', notBefore: now + exponentialBackoffMs(job.attempts, random), reason: verdict.reason };
		case 'transient': {
			const backoff = now + exponentialBackoffMs(job.attempts, random);
			const confirmationWindowEnd = timing.inFlightSince + policy.inFlightGraceMs;
			return { kind: 'retryLater', notBefore: verdict.mayHaveArrived ? Math.max(backoff, confirmationWindowEnd) : backoff, reason: verdict.reason };
		}
	}
}

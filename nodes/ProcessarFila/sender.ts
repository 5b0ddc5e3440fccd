/**
 * The paced sender behind "Processar Fila": claims due jobs from the broadcast store, sends them at
 * the configured rate with bounded concurrency, and records each outcome (sent, failed, or back to
 * the queue after a backoff). Crash-safe with the store: a job is claimed with a lease, marked in
 * flight right before its request, and sent with its id as `biz_opaque_callback_data`.
 * Time, randomness and the HTTP call are injected, so every path is testable without waiting.
 */
import type { BroadcastJob, BroadcastStore, CampaignProgress, Window24h } from '../shared/broadcast/types';
import { classifySend, type SendOutcome } from './outcome';
import { Pacer } from './pacer';
import { AWAITING_CONFIRMATION_REASON, confirmationPendingUntil } from './recovery';
import { nextStep, type JobStep } from './retry';

export interface SenderSettings {
	/** Messages per second for the phone number. */
	ratePerSecond: number;
	/** Send requests in flight at most. */
	concurrency: number;
	/** No new job is claimed after this long (the jobs already claimed are still sent). */
	maxDurationMs: number;
	/** Sends per job, counting the first one. */
	maxAttempts: number;
	/** How long a claimed job stays reserved for this run. */
	leaseMs: number;
	/** After a send that may have reached WhatsApp, how long its status callback may still confirm it. */
	inFlightGraceMs: number;
	/** How often `onProgress` is called. */
	progressIntervalMs: number;
	/** How long a recipient refused by Meta's per-user marketing limit (131049) waits; 0 = failed for good. */
	marketingLimitDelayMs: number;
}

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface SenderDependencies {
	store: BroadcastStore;
	/** One send request; resolves with what happened (never rejects for HTTP statuses, timeouts or network failures). */
	send(job: BroadcastJob): Promise<SendOutcome>;
	clock: Clock;
	random(): number;
	/** Whether the recipient is inside WhatsApp's 24-hour window now (recorded in the log; decides nothing for templates). */
	windowOf?(job: BroadcastJob, now: number): Promise<Window24h>;
	/** A date in the log's reasons ("nova tentativa em …"), in the workflow's time zone. */
	formatDate?(epochMs: number): string;
	/** The workflow's time zone (kept on each job for the date of a late 131049's reason; default UTC). */
	timeZone?: string;
	onProgress?(progress: SenderProgress): void;
}

export interface SenderCounters {
	/** Accepted by WhatsApp. */
	sent: number;
	/** Given up: rejected, or attempts exhausted. */
	failed: number;
	/** Back to the queue after a backoff. */
	retried: number;
	/** Put back for a later day by a policy answer (131049, Meta's per-user marketing limit). */
	rescheduled: number;
	/** Sends interrupted by an earlier run, waiting for their status callback before being resent. */
	awaitingConfirmation: number;
	/** Claimed jobs not sent because their campaign was paused (back to the queue) or cancelled meanwhile. */
	heldByControl: number;
}

export interface SenderProgress extends SenderCounters {
	inFlight: number;
	elapsedMs: number;
	/** The pace now (lower than configured after a rate limit). */
	currentRate: number;
	/** Each campaign this run sent for (ETA at the current pace when it has no recent history). */
	campaigns: CampaignProgress[];
}

export interface SenderSummary extends SenderCounters {
	/** Jobs still queued or being sent (by this run's end, all of them by other runs or later). */
	remaining: number;
	/** Accepted messages per second of the run. */
	achievedRate: number;
	configuredRate: number;
	/** The lowest pace rate limits pushed the run down to, and the pace at its end (recovered when equal to the configured one). */
	lowestRate: number;
	finalRate: number;
	durationMs: number;
	/**
	 * Interrupted sends of a killed run still waiting, at the end of this run, for their status
	 * callback (the grace period is not over): the campaign is not done until they are settled.
	 */
	heldForConfirmation: number;
	/** Why the run ended: nothing due, the maximum duration, or a credential/account problem. */
	stoppedBy: 'emptyQueue' | 'maxDuration' | 'halt';
	/** What WhatsApp said when it stopped the run (`stoppedBy: 'halt'`). */
	haltReason?: string;
	/** The campaigns this run sent for, and the paused ones with jobs waiting, at its end. */
	campaigns: CampaignProgress[];
}

/** Jobs claimed at once cover this much sending time at the current rate… */
const CLAIM_HORIZON_MS = 250;
/** …and never more than this many. */
const MAX_CLAIM = 500;
/** A job whose lease ends sooner than this is left for another run instead of being sent. */
const LEASE_MARGIN_MS = 5_000;

/** The earliest of `times` after `now` (dropping the others from the list), or undefined. */
function nextRetryTime(times: number[], now: number): number | undefined {
	const ahead = times.filter((time) => time > now);
	times.splice(0, times.length, ...ahead);
	return ahead.length > 0 ? Math.min(...ahead) : undefined;
}

/** Sends due jobs until the queue has none left or `maxDurationMs` has passed. */
export async function runSender(deps: SenderDependencies, settings: SenderSettings): Promise<SenderSummary> {
	const { store, clock } = deps;
	const pacer = new Pacer(settings.ratePerSecond);
	const counters: SenderCounters = { sent: 0, failed: 0, retried: 0, rescheduled: 0, awaitingConfirmation: 0, heldByControl: 0 };
	/** The campaigns of the jobs this run claimed. */
	const campaigns = new Set<string>();
	const inFlight = new Set<Promise<void>>();
	const startedAt = clock.now();
	const deadline = startedAt + settings.maxDurationMs;
	/** Jobs of a killed run put back until their grace period ends: job id → end of the grace period. */
	const heldUntil = new Map<string, number>();
	/** When the jobs this run sent back to the queue are due again (all of them: a run waits for each, not only the first). */
	const retryTimes: number[] = [];
	let haltReason: string | undefined;
	let fatal: { error: unknown } | undefined;
	let lastProgressAt = startedAt;

	const stopping = () => haltReason !== undefined || fatal !== undefined;
	const dueAgainAt = (notBefore: number) => {
		retryTimes.push(notBefore);
	};

	async function progressOf(names: Iterable<string>, now: number): Promise<CampaignProgress[]> {
		const progress: CampaignProgress[] = [];
		for (const campaign of names) progress.push(await store.campaignProgress(campaign, now, pacer.rate));
		return progress;
	}

	async function reportProgress(force = false): Promise<void> {
		const now = clock.now();
		if (!deps.onProgress || (!force && now - lastProgressAt < settings.progressIntervalMs)) return;
		lastProgressAt = now;
		const progress = await progressOf(campaigns, now);
		deps.onProgress({ ...counters, inFlight: inFlight.size, elapsedMs: now - startedAt, currentRate: pacer.rate, campaigns: progress });
	}

	async function apply(job: BroadcastJob, step: JobStep): Promise<void> {
		const now = clock.now();
		switch (step.kind) {
			case 'markSent':
				await store.markSent(job.id, step.wamid, now);
				counters.sent++;
				return;
			case 'markFailed':
				await store.markFailed(job.id, step.reason, step.code, now);
				counters.failed++;
				return;
			case 'retryLater':
				await store.retryLater(job.id, step.notBefore, step.reason, now);
				counters.retried++;
				if (!stopping()) dueAgainAt(step.notBefore);
				return;
			case 'reschedule':
				await store.retryLater(job.id, step.notBefore, step.reason, now);
				await store.logRescheduled(job.id, { dataEnvio: now, mensagem: step.reason, codigoErro: step.code });
				counters.rescheduled++;
				if (!stopping()) dueAgainAt(step.notBefore);
				return;
		}
	}

	async function sendJob(job: BroadcastJob): Promise<void> {
		const window = deps.windowOf ? await deps.windowOf(job, clock.now()) : undefined;
		const inFlightSince = clock.now();
		const marketingRetry = { delayMs: settings.marketingLimitDelayMs, maxAttempts: settings.maxAttempts, timeZone: deps.timeZone ?? 'UTC' };
		if (!(await store.markInFlight(job.id, inFlightSince, window, marketingRetry))) {
			// paused or cancelled since the claim (or settled by a status callback): not sent
			counters.heldByControl++;
			return;
		}
		const verdict = classifySend(await deps.send(job));
		const now = clock.now();
		// only throughput answers steer the pace: a 5xx or a timeout retries its own message, the campaign goes on
		if (verdict.kind === 'rateLimited' || verdict.kind === 'accepted') pacer.record(now, verdict.kind === 'rateLimited');
		if (verdict.kind === 'halt') haltReason ??= verdict.reason;
		const policy = {
			maxAttempts: settings.maxAttempts,
			inFlightGraceMs: settings.inFlightGraceMs,
			marketingLimitDelayMs: settings.marketingLimitDelayMs,
			formatDate: deps.formatDate ?? ((epochMs: number) => new Date(epochMs).toISOString()),
		};
		await apply(job, nextStep(verdict, job, { now, inFlightSince, random: deps.random }, policy));
	}

	/** Resolved when the next send settles (the run's loop is the only one waiting). */
	let onSettled: (() => void) | undefined;
	const nextSettled = () =>
		new Promise<void>((resolve) => {
			onSettled = resolve;
		});

	function start(job: BroadcastJob): void {
		const task: Promise<void> = sendJob(job)
			.catch((error: unknown) => {
				fatal ??= { error };
			})
			.finally(() => {
				inFlight.delete(task);
				const settled = onSettled;
				onSettled = undefined;
				settled?.();
			});
		inFlight.add(task);
	}

	/** Puts back a job whose earlier send may have reached WhatsApp, until its grace period `until` ends. */
	async function deferForConfirmation(job: BroadcastJob, until: number): Promise<void> {
		await store.retryLater(job.id, until, AWAITING_CONFIRMATION_REASON, clock.now());
		counters.awaitingConfirmation++;
		heldUntil.set(job.id, until);
		dueAgainAt(until);
	}

	/** Waits for the pacer's next slot; a slowdown meanwhile makes the slot stale, so it takes a new one. */
	async function waitForSlot(): Promise<void> {
		let wait = pacer.reserve(clock.now());
		while (wait > 0) {
			const slowdowns = pacer.slowdowns;
			await clock.sleep(wait);
			wait = pacer.slowdowns === slowdowns ? 0 : pacer.reserve(clock.now());
		}
	}

	async function sendBatch(jobs: BroadcastJob[]): Promise<void> {
		for (const job of jobs) {
			if (stopping()) return;
			const confirmationUntil = confirmationPendingUntil(job, clock.now(), settings.inFlightGraceMs);
			if (confirmationUntil !== undefined) {
				await deferForConfirmation(job, confirmationUntil);
				continue;
			}
			while (inFlight.size >= settings.concurrency) await nextSettled();
			if (stopping()) return;
			await waitForSlot();
			if (stopping()) return;
			// another run may take a job over once its lease ends: never send it that late
			if (job.leaseUntil !== undefined && clock.now() > job.leaseUntil - LEASE_MARGIN_MS) continue;
			start(job);
			await reportProgress();
		}
	}

	let stoppedBy: SenderSummary['stoppedBy'] = 'emptyQueue';
	try {
		while (!stopping()) {
			const now = clock.now();
			if (now >= deadline) {
				stoppedBy = 'maxDuration';
				break;
			}
			const claimSize = Math.min(MAX_CLAIM, Math.max(1, Math.ceil((pacer.rate * CLAIM_HORIZON_MS) / 1000)));
			const jobs = await store.claim(now, claimSize, settings.leaseMs);
			for (const job of jobs) campaigns.add(job.campaign);
			if (jobs.length > 0) {
				await sendBatch(jobs);
				continue;
			}
			if (inFlight.size > 0) {
				await nextSettled();
				continue;
			}
			// the times already past were claimed (or taken by another run): wait for the next one still ahead
			const nextRetryAt = nextRetryTime(retryTimes, clock.now());
			if (nextRetryAt === undefined || nextRetryAt >= deadline) break;
			await clock.sleep(Math.max(0, nextRetryAt - clock.now()));
		}
	} finally {
		await Promise.all(inFlight);
	}
	if (fatal) throw fatal.error;
	if (haltReason !== undefined) stoppedBy = 'halt';
	await reportProgress(true);

	const counts = await store.counts();
	const endedAt = clock.now();
	const durationMs = endedAt - startedAt;
	let heldForConfirmation = 0;
	for (const [jobId, until] of heldUntil) {
		if (until <= endedAt) continue;
		// a status callback may have settled it meanwhile
		const job = await store.job(jobId);
		if (job?.state === 'queued' || job?.state === 'sending') heldForConfirmation++;
	}
	for (const { campaign, state } of await store.controlledCampaigns()) if (state === 'paused') campaigns.add(campaign);
	const campaignsAtEnd = (await progressOf(campaigns, endedAt)).filter((progress) => progress.state !== 'paused' || progress.pending > 0);
	return {
		...counters,
		campaigns: campaignsAtEnd,
		heldForConfirmation,
		remaining: counts.queued + counts.sending,
		achievedRate: durationMs > 0 ? (counters.sent * 1000) / durationMs : 0,
		configuredRate: settings.ratePerSecond,
		lowestRate: pacer.lowestRate,
		finalRate: pacer.rate,
		durationMs,
		stoppedBy,
		...(haltReason !== undefined ? { haltReason } : {}),
	};
}

/**
 * Paces sends to a rate per phone number (a token bucket in its GCRA form: one send every
 * `1000 / rate` ms, with a short burst allowance) and slows down when WhatsApp reports a rate limit.
 * Time comes from the caller (`now` in epoch ms), so the pacing is testable without waiting.
 */

/**
 * Share of a second that may be sent at once (100 ms worth of messages, at least one): a sender
 * that wakes up late (timers, a busy event loop) catches up within it, never beyond.
 */
const BURST_SECONDS = 0.1;
/** After a rate limit the rate drops to this share of the current rate… */
const SLOWDOWN_FACTOR = 0.5;
/** …and grows back by this factor every RECOVERY_STEP_MS without a new rate limit. */
const RECOVERY_FACTOR = 1.5;
const RECOVERY_STEP_MS = 5_000;
/** The slowest pace after repeated rate limits. */
const MIN_RATE_PER_SECOND = 1;

export class Pacer {
	/** The current rate (messages per second), at most the configured one. */
	private currentRate: number;

	/** Theoretical arrival time of the next send (GCRA): sends are due one interval apart. */
	private nextDueAt = Number.NEGATIVE_INFINITY;

	/** When the rate was last lowered or raised (recovery starts from here). */
	private lastAdjustedAt = Number.NEGATIVE_INFINITY;

	/** No send before this time (pause after a rate limit). */
	private pausedUntil = Number.NEGATIVE_INFINITY;

	/** How many times the rate was lowered: a reservation made before a new limit is stale. */
	private throttleCount = 0;

	constructor(private readonly configuredRate: number) {
		if (!(configuredRate > 0)) throw new RangeError(`Ritmo inválido: ${configuredRate} mensagens por segundo`);
		this.currentRate = configuredRate;
	}

	/** Messages per second now (lower than configured after a rate limit, until it recovers). */
	get rate(): number {
		return this.currentRate;
	}

	/** Changes each time `throttle` lowers the rate. */
	get throttles(): number {
		return this.throttleCount;
	}

	/**
	 * Reserves the next send slot: returns how many ms to wait from `now` before sending.
	 * Successive reservations are spaced by `1000 / rate` ms, except for a burst of 100 ms worth
	 * of messages after an idle period.
	 */
	reserve(now: number): number {
		this.recover(now);
		const interval = 1000 / this.currentRate;
		const burstMs = Math.max(0, Math.floor(this.currentRate * BURST_SECONDS) - 1) * interval;
		const due = Math.max(this.nextDueAt, now - burstMs, this.pausedUntil);
		this.nextDueAt = due + interval;
		return Math.max(0, due - now);
	}

	/**
	 * WhatsApp said "too many messages" (130429, HTTP 429): halve the rate (once per pause, however
	 * many sends in flight hit the limit together) and send nothing for `pauseMs`.
	 */
	throttle(now: number, pauseMs: number): void {
		if (now < this.pausedUntil) return;
		this.currentRate = Math.max(MIN_RATE_PER_SECOND, this.currentRate * SLOWDOWN_FACTOR);
		this.pausedUntil = now + pauseMs;
		this.lastAdjustedAt = now;
		this.throttleCount++;
	}

	private recover(now: number): void {
		if (this.currentRate >= this.configuredRate || now - this.lastAdjustedAt < RECOVERY_STEP_MS) return;
		this.currentRate = Math.min(this.configuredRate, this.currentRate * RECOVERY_FACTOR);
		this.lastAdjustedAt = now;
	}
}

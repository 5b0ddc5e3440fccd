/**
 * Paces sends to a rate per phone number (a token bucket in its GCRA form: one send every
 * `1000 / rate` ms, with a short burst allowance) and adapts the rate to WhatsApp's throughput limit
 * (130429 and kin) with AIMD and a floor (docs/arquitetura.md §8):
 *
 * - answers are counted in windows of one second; when a window closes, the rate drops by
 *   `DECREASE_GAIN × share of rate-limit answers` (at most by half), then grows by
 *   `INCREASE_SHARE` of the configured rate (additive increase: from the floor back to the full
 *   rate in a few seconds) unless more than a quarter of the window's answers were limits, never above the configured rate nor below `FLOOR_SHARE` of it;
 * - a window with no answer only grows the rate, so after a burst of limits it probes back up at once;
 * - only throughput answers count (accepted or rate-limited): a 5xx or a timeout retries its own
 *   message with its own backoff and never slows the campaign.
 *
 * With a limit answered to a random share of sends (not caused by the rate), the rate settles where
 * `DECREASE_GAIN × share × rate = INCREASE_SHARE × configured`: 1 % keeps the configured rate, 10 %
 * about two thirds of it. When the rate is really above the number's limit L, the share is
 * `(rate − L) / rate` and the rate settles at about `L + configured × INCREASE_SHARE / DECREASE_GAIN`.
 * Time comes from the caller (`now` in epoch ms), so the pacing is testable without waiting.
 */

/**
 * Share of a second that may be sent at once (100 ms worth of messages, at least one): a sender
 * that wakes up late (timers, a busy event loop) catches up within it, never beyond.
 */
const BURST_SECONDS = 0.1;
/** Answers are counted over windows of this length; the rate changes when one closes. */
export const CONTROL_WINDOW_MS = 1_000;
/** Multiplicative decrease: rate × (1 − gain × share of rate-limit answers in the window)… */
export const DECREASE_GAIN = 1.5;
/** …never more than halving it in one window. */
const MAX_DECREASE = 0.5;
/** Additive increase per window: this share of the configured rate. */
export const INCREASE_SHARE = 0.1;
/** A window with more rate-limit answers than this share only decreases (clearly above the number's limit). */
export const MAX_SHARE_FOR_INCREASE = 0.25;
/** The slowest pace after repeated rate limits: this share of the configured rate (at least 1 message/s). */
export const FLOOR_SHARE = 0.05;

export class Pacer {
	/** The current rate (messages per second), at most the configured one. */
	private currentRate: number;

	private readonly floorRate: number;

	/** Theoretical arrival time of the next send (GCRA): sends are due one interval apart. */
	private nextDueAt = Number.NEGATIVE_INFINITY;

	/** Start of the current control window (set by the first call). */
	private windowStart: number | undefined;

	private windowAnswers = 0;

	private windowLimited = 0;

	/** How many times the rate was lowered: a reservation made before a decrease is stale. */
	private slowdownCount = 0;

	private lowest: number;

	constructor(private readonly configuredRate: number) {
		if (!(configuredRate > 0)) throw new RangeError(`Ritmo inválido: ${configuredRate} mensagens por segundo`);
		this.currentRate = configuredRate;
		this.lowest = configuredRate;
		this.floorRate = Math.min(configuredRate, Math.max(1, configuredRate * FLOOR_SHARE));
	}

	/** Messages per second now (lower than configured after rate limits, until it recovers). */
	get rate(): number {
		return this.currentRate;
	}

	/** The lowest rate the pacer goes down to. */
	get floor(): number {
		return this.floorRate;
	}

	/** The lowest rate so far (how far rate limits pushed it down). */
	get lowestRate(): number {
		return this.lowest;
	}

	/** Changes each time the rate is lowered. */
	get slowdowns(): number {
		return this.slowdownCount;
	}

	/**
	 * Reserves the next send slot: returns how many ms to wait from `now` before sending.
	 * Successive reservations are spaced by `1000 / rate` ms, except for a burst of 100 ms worth
	 * of messages after an idle period.
	 */
	reserve(now: number): number {
		this.adjust(now);
		const interval = 1000 / this.currentRate;
		const burstMs = Math.max(0, Math.floor(this.currentRate * BURST_SECONDS) - 1) * interval;
		const due = Math.max(this.nextDueAt, now - burstMs);
		this.nextDueAt = due + interval;
		return Math.max(0, due - now);
	}

	/**
	 * A throughput answer from WhatsApp at `now`: `limited` when it was the phone number's rate
	 * limit (130429, HTTP 429…), false when the message was accepted.
	 */
	record(now: number, limited: boolean): void {
		this.adjust(now);
		this.windowAnswers++;
		if (limited) this.windowLimited++;
	}

	/** Closes the control windows that ended by `now`, changing the rate once per window. */
	private adjust(now: number): void {
		if (this.windowStart === undefined) {
			this.windowStart = now;
			return;
		}
		while (now - this.windowStart >= CONTROL_WINDOW_MS) {
			this.closeWindow();
			this.windowStart += CONTROL_WINDOW_MS;
			if (this.currentRate >= this.configuredRate && this.windowAnswers === 0) {
				// idle at full rate: skip the empty windows in one step
				this.windowStart += Math.floor((now - this.windowStart) / CONTROL_WINDOW_MS) * CONTROL_WINDOW_MS;
			}
		}
	}

	private closeWindow(): void {
		const share = this.windowAnswers > 0 ? this.windowLimited / this.windowAnswers : 0;
		const decreased = share > 0 ? Math.max(this.floorRate, this.currentRate * Math.max(MAX_DECREASE, 1 - DECREASE_GAIN * share)) : this.currentRate;
		const increase = share <= MAX_SHARE_FOR_INCREASE ? this.configuredRate * INCREASE_SHARE : 0;
		const rate = Math.min(this.configuredRate, decreased + increase);
		if (rate < this.currentRate) this.slowdownCount++;
		this.lowest = Math.min(this.lowest, decreased);
		this.currentRate = rate;
		this.windowAnswers = 0;
		this.windowLimited = 0;
	}
}

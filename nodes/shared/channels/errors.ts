/** Errors and retry advice shared by the channel adapters. */

/** An inbound delivery that does not have the documented shape (wrong envelope, missing ids). */
export class MalformedDeliveryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MalformedDeliveryError';
	}
}

/** An outbound message or request the adapter cannot turn into a valid platform request. */
export class InvalidOutboundError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidOutboundError';
	}
}

/**
 * What a sender should do after a failed send.
 * - `backoff`: transient (throughput limit, 5xx); retry with exponential backoff and jitter.
 * - `capped`: retry only a few times, slowly (per-recipient limits, unknown failures), then give up.
 * - `never`: retrying the same request cannot succeed; fix the request, credential or recipient.
 */
export interface SendErrorClassification {
	retry: 'backoff' | 'never' | 'capped';
	/** Why, in pt-BR, for the send log and the node's error description. */
	reason: string;
	/** The platform error code, when the response carried one. */
	code?: number;
	/** Minimum wait before the next attempt, when the platform says so (Telegram `retry_after`). */
	retryAfterMs?: number;
}

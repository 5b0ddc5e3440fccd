/** Webhook authenticity checks, all in constant time and none of them ever throwing. */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

const SHA256_HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * Compares two secrets in constant time. Both sides are hashed first, so neither the content nor
 * the length of the expected value leaks through timing.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
	const digestA = createHash('sha256').update(a).digest();
	const digestB = createHash('sha256').update(b).digest();
	return timingSafeEqual(digestA, digestB) && Buffer.byteLength(a) === Buffer.byteLength(b);
}

/**
 * Checks WhatsApp's `X-Hub-Signature-256: sha256=<hex>` header: HMAC-SHA256 of the RAW request
 * body keyed with the App Secret (never of re-serialized JSON). False on a missing or malformed
 * header or an empty secret.
 */
export function verifyWhatsAppSignature(rawBody: Buffer | string, header: string | undefined, appSecret: string): boolean {
	try {
		if (typeof header !== 'string' || typeof appSecret !== 'string' || appSecret === '') return false;
		const match = SHA256_HEADER.exec(header.trim());
		if (!match) return false;
		const received = Buffer.from(match[1], 'hex');
		const expected = createHmac('sha256', appSecret).update(rawBody).digest();
		return received.length === expected.length && timingSafeEqual(received, expected);
	} catch {
		return false;
	}
}

/**
 * Checks Telegram's `X-Telegram-Bot-Api-Secret-Token` header against the `secret_token` given to
 * setWebhook. False when either is missing or empty.
 */
export function verifyTelegramSecret(header: string | undefined, expected: string): boolean {
	if (typeof header !== 'string' || typeof expected !== 'string' || header === '' || expected === '') return false;
	return safeEqual(header, expected);
}

/** Oldest `X-Chatwoot-Timestamp` accepted: older signed deliveries may be replays. */
export const CHATWOOT_SIGNATURE_MAX_AGE_S = 300;

/**
 * Checks Chatwoot's `X-Chatwoot-Signature: sha256=<hex>`: HMAC-SHA256 keyed with the bot's secret of
 * `<X-Chatwoot-Timestamp>.<raw body>`. False on a missing or malformed header, an empty secret, or a
 * timestamp more than CHATWOOT_SIGNATURE_MAX_AGE_S away from `nowS` (unix seconds).
 */
export function verifyChatwootSignature(
	rawBody: Buffer | string,
	timestamp: string | undefined,
	header: string | undefined,
	secret: string,
	nowS: number = Math.floor(Date.now() / 1000),
): boolean {
	try {
		if (typeof header !== 'string' || typeof timestamp !== 'string' || typeof secret !== 'string' || secret === '') return false;
		if (!/^\d{1,12}$/.test(timestamp.trim()) || Math.abs(nowS - Number(timestamp.trim())) > CHATWOOT_SIGNATURE_MAX_AGE_S) return false;
		const match = SHA256_HEADER.exec(header.trim());
		if (!match) return false;
		const received = Buffer.from(match[1], 'hex');
		const expected = createHmac('sha256', secret).update(`${timestamp.trim()}.`).update(rawBody).digest();
		return received.length === expected.length && timingSafeEqual(received, expected);
	} catch {
		return false;
	}
}

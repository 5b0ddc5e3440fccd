import { DateTime } from 'luxon';

/** Crockford base32: digits and upper-case letters without I, L, O and U (no look-alikes). */
const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SUFFIX_LENGTH = 4;
const PROTOCOL_TIME_ZONE = 'America/Sao_Paulo';

/**
 * Creates a customer-facing protocol number such as `20261123-181502-4K7Q`: the creation date and
 * time in Brasília time (`yyyyMMdd-HHmmss`, America/Sao_Paulo), then 4 random Crockford base32
 * characters (32⁴ ≈ 1 million per second). Protocols sort by creation time to the second; within
 * the same second their order is random.
 *
 * @param now creation instant
 * @param random source of uniform numbers in [0, 1), e.g. `Math.random`
 */
export function newProtocol(now: Date, random: () => number = Math.random): string {
	const local = DateTime.fromJSDate(now, { zone: PROTOCOL_TIME_ZONE });
	if (!local.isValid) throw new RangeError('newProtocol: invalid date');
	let suffix = '';
	for (let index = 0; index < SUFFIX_LENGTH; index++) {
		const sample = random();
		if (!(sample >= 0 && sample < 1)) throw new RangeError('newProtocol: random() must return a number in [0, 1)');
		suffix += CROCKFORD_BASE32[Math.floor(sample * CROCKFORD_BASE32.length)];
	}
	return `${local.toFormat('yyyyMMdd-HHmmss')}-${suffix}`;
}

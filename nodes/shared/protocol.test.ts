import { newProtocol } from './protocol';

/** A deterministic source cycling through the given samples. */
function sequence(...samples: number[]): () => number {
	let index = 0;
	return () => samples[index++ % samples.length];
}

describe('newProtocol', () => {
	it('uses the São Paulo date and time (UTC−3) and a Crockford base32 suffix', () => {
		// 21:15:02 UTC is 18:15:02 in São Paulo. Samples pick alphabet indices 4, 19, 7, 23 → 4, K, 7, Q.
		const protocol = newProtocol(new Date('2026-11-23T21:15:02Z'), sequence(4 / 32, 19 / 32, 7 / 32, 23 / 32));
		expect(protocol).toBe('20261123-181502-4K7Q');
	});

	it('dates protocols created after 21:00 UTC on the previous day in São Paulo until midnight there', () => {
		expect(newProtocol(new Date('2026-01-01T02:30:00Z'), sequence(0))).toBe('20251231-233000-0000');
	});

	it('uses the whole alphabet, without I, L, O or U', () => {
		const samples = Array.from({ length: 32 }, (_, index) => index / 32);
		const random = sequence(...samples);
		const suffixes = Array.from({ length: 8 }, () => newProtocol(new Date('2026-01-01T12:00:00Z'), random).slice(-4)).join('');
		expect(suffixes).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
		expect(newProtocol(new Date('2026-01-01T12:00:00Z'), sequence(0.999999)).slice(-4)).toBe('ZZZZ');
	});

	it('matches the documented layout with the default random source', () => {
		expect(newProtocol(new Date())).toMatch(/^\d{8}-\d{6}-[0-9A-HJKMNP-TV-Z]{4}$/);
	});

	it('sorts by creation time', () => {
		const instants = ['2026-03-01T09:59:59Z', '2026-03-01T10:00:00Z', '2026-03-01T10:00:01Z', '2026-03-02T00:00:00Z', '2027-01-01T00:00:00Z'];
		// Earlier protocols get the highest suffix, later ones the lowest: order must still follow time.
		const protocols = instants.map((instant, index) => newProtocol(new Date(instant), sequence(index === 0 ? 0.99 : 0)));
		expect([...protocols].sort()).toEqual(protocols);
	});

	it('rarely repeats within the same second', () => {
		const now = new Date('2026-11-23T21:15:02Z');
		const protocols = new Set(Array.from({ length: 1000 }, () => newProtocol(now)));
		expect(protocols.size).toBeGreaterThan(990);
	});

	it('rejects an invalid date or a broken random source', () => {
		expect(() => newProtocol(new Date('not a date'))).toThrow(RangeError);
		expect(() => newProtocol(new Date(), () => 1)).toThrow(RangeError);
		expect(() => newProtocol(new Date(), () => -0.1)).toThrow(RangeError);
		expect(() => newProtocol(new Date(), () => Number.NaN)).toThrow(RangeError);
	});
});

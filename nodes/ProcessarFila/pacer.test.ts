import { Pacer } from './pacer';

/** Send times of `count` sends when the caller always waits what reserve() asks (time starts at `start`). */
function sendTimes(pacer: Pacer, count: number, start = 10_000): number[] {
	let now = start;
	const times: number[] = [];
	for (let index = 0; index < count; index++) {
		now += pacer.reserve(now);
		times.push(now - start);
	}
	return times;
}

test('one send every 1000/rate ms after an initial burst of 100 ms worth of messages', () => {
	expect(sendTimes(new Pacer(80), 12)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 12.5, 25, 37.5, 50]);
	expect(sendTimes(new Pacer(10), 4)).toEqual([0, 100, 200, 300]);
});

test('the long-run rate is the configured one (1000/s: 20,000 sends take 20 s minus the burst)', () => {
	const times = sendTimes(new Pacer(1000), 20_000);
	expect(times[99]).toBe(0);
	expect(times[100]).toBe(1);
	expect(times[19_999]).toBe(19_900);
});

test('a caller that falls behind catches up within the burst, never beyond it', () => {
	const pacer = new Pacer(50);
	expect(pacer.reserve(0)).toBe(0);
	// the caller comes back 1 s later: only the burst (5 sends) goes out at once
	const waits = Array.from({ length: 7 }, () => pacer.reserve(1000));
	expect(waits).toEqual([0, 0, 0, 0, 0, 20, 40]);
});

/** A deterministic random source (mulberry32), so a simulation fails or passes the same way every run. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * `seconds` of virtual time of a sender that always waits what reserve() asks and hears the answer
 * `latencyMs` later; `limited(now)` says whether WhatsApp answers that send with 130429.
 */
function simulate(rate: number, seconds: number, limited: (now: number) => boolean, latencyMs = 0) {
	const pacer = new Pacer(rate);
	const start = 1_000_000;
	const end = start + seconds * 1000;
	let now = start;
	let sends = 0;
	let accepted = 0;
	const pending: Array<{ at: number; limited: boolean }> = [];
	const rates: number[] = [];
	while (true) {
		now += pacer.reserve(now);
		while (pending.length > 0 && pending[0].at <= now) {
			const answer = pending.shift()!;
			pacer.record(answer.at, answer.limited);
		}
		if (now >= end) break;
		sends++;
		const isLimited = limited(now);
		if (!isLimited) accepted++;
		pending.push({ at: now + latencyMs, limited: isLimited });
		if (sends % 50 === 0) rates.push(pacer.rate);
	}
	return { sendsPerSecond: sends / seconds, acceptedPerSecond: accepted / seconds, pacer, rates };
}

test.each([
	[0.01, 0.8],
	[0.1, 0.5],
])('with %p of sends answered 130429 at random, the achieved rate is at least %p of the configured one (60 s, fake clock)', (share, minimum) => {
	for (const configured of [80, 200, 1000]) {
		const random = seeded(configured);
		const { sendsPerSecond } = simulate(configured, 60, () => random() < share, 150);
		expect(sendsPerSecond / configured).toBeGreaterThanOrEqual(minimum);
	}
});

test('without rate limits the configured rate is kept', () => {
	const { sendsPerSecond, pacer } = simulate(200, 30, () => false, 150);
	expect(sendsPerSecond).toBeGreaterThanOrEqual(199);
	expect(pacer.rate).toBe(200);
	expect(pacer.slowdowns).toBe(0);
});

test('above the number\'s real limit the rate comes down near it instead of hammering WhatsApp', () => {
	// WhatsApp accepts 50 messages per second (sliding second) and answers 130429 to the rest
	const acceptedAt: number[] = [];
	const { acceptedPerSecond, rates } = simulate(
		500,
		60,
		(now) => {
			while (acceptedAt.length > 0 && acceptedAt[0] <= now - 1000) acceptedAt.shift();
			if (acceptedAt.length >= 50) return true;
			acceptedAt.push(now);
			return false;
		},
		100,
	);
	expect(acceptedPerSecond).toBeGreaterThanOrEqual(45);
	// settled: the last 20 s run well under the configured 500/s (about L + 500 × 0.1 / 1.5)
	const settled = rates.slice(-Math.floor(rates.length / 3));
	expect(Math.max(...settled)).toBeLessThan(200);
});

test('a window of limits halves the rate once (not once per answer), down to the floor at most', () => {
	const pacer = new Pacer(100);
	pacer.reserve(0);
	for (let index = 0; index < 30; index++) pacer.record(500, true);
	pacer.reserve(1000);
	expect(pacer.rate).toBe(100 * 0.5);
	expect(pacer.slowdowns).toBe(1);
	expect(pacer.lowestRate).toBe(50);
	for (let second = 1; second < 20; second++) {
		for (let index = 0; index < 10; index++) pacer.record(second * 1000 + 500, true);
	}
	pacer.reserve(20_000);
	expect(pacer.rate).toBe(pacer.floor);
	expect(pacer.floor).toBe(5);
});

test('a window with few limits lowers the rate and adds a tenth back; once they stop it climbs a tenth per second', () => {
	const pacer = new Pacer(100);
	pacer.reserve(0);
	for (let index = 0; index < 90; index++) pacer.record(100, false);
	for (let index = 0; index < 10; index++) pacer.record(100, true);
	pacer.reserve(1000);
	expect(pacer.rate).toBeCloseTo(100 * (1 - 1.5 * 0.1) + 10);
});

test('after the limits stop the rate probes back up by a tenth of the configured rate per second', () => {
	const pacer = new Pacer(100);
	pacer.reserve(0);
	for (let index = 0; index < 10; index++) pacer.record(100, true);
	pacer.reserve(1000);
	expect(pacer.rate).toBe(50);
	pacer.reserve(2000);
	expect(pacer.rate).toBe(60);
	// idle seconds count too: no answer is no limit
	pacer.reserve(6000);
	expect(pacer.rate).toBe(100);
	expect(pacer.reserve(6000)).toBeLessThan(1000);
});

test('the floor is 5 % of the configured rate, at least 1 message per second', () => {
	expect(new Pacer(1000).floor).toBe(50);
	expect(new Pacer(10).floor).toBe(1);
	expect(new Pacer(0.5).floor).toBe(0.5);
});

test('a rate that is not positive is refused', () => {
	expect(() => new Pacer(0)).toThrow(RangeError);
});

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

test('a rate limit halves the rate and pauses sending; several answers of one burst count once', () => {
	const pacer = new Pacer(100);
	pacer.reserve(0);
	pacer.throttle(50, 1000);
	pacer.throttle(60, 1000);
	expect(pacer.rate).toBe(50);
	expect(pacer.reserve(100)).toBe(950);
	expect(pacer.reserve(100)).toBe(970);
	expect(pacer.throttles).toBe(1);
});

test('after a rate limit the rate grows back by steps of 5 s without a new limit, up to the configured rate', () => {
	const pacer = new Pacer(100);
	pacer.throttle(0, 1000);
	pacer.throttle(2000, 1000);
	expect(pacer.rate).toBe(25);
	pacer.reserve(6999);
	expect(pacer.rate).toBe(25);
	pacer.reserve(7000);
	expect(pacer.rate).toBe(37.5);
	pacer.reserve(12_000);
	pacer.reserve(17_000);
	pacer.reserve(22_000);
	pacer.reserve(27_000);
	expect(pacer.rate).toBe(100);
});

test('the rate never drops below 1 message per second', () => {
	const pacer = new Pacer(2);
	for (let second = 0; second < 10; second++) pacer.throttle(second * 2000, 1000);
	expect(pacer.rate).toBe(1);
});

test('a rate that is not positive is refused', () => {
	expect(() => new Pacer(0)).toThrow(RangeError);
});

import { confirmationPendingUntil } from './recovery';

test('a job never marked in flight is sent at once', () => {
	expect(confirmationPendingUntil({}, 1_000_000, 120_000)).toBeUndefined();
});

test('an interrupted send waits for its status callback until the grace period after inFlightSince ends', () => {
	expect(confirmationPendingUntil({ inFlightSince: 1_000_000 }, 1_060_000, 120_000)).toBe(1_120_000);
	expect(confirmationPendingUntil({ inFlightSince: 1_000_000 }, 1_119_999, 120_000)).toBe(1_120_000);
	expect(confirmationPendingUntil({ inFlightSince: 1_000_000 }, 1_120_000, 120_000)).toBeUndefined();
});

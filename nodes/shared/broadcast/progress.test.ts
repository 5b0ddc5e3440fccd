import { campaignSituation, durationWords } from './progress';
import { recentRate, recentBuckets, RATE_BUCKET_MS } from './rules';

test('an ETA in words', () => {
	expect(durationWords(20_000)).toBe('menos de 1 min');
	expect(durationWords(12 * 60_000 + 10_000)).toBe('cerca de 12 min');
	expect(durationWords(2 * 3_600_000)).toBe('cerca de 2 h');
	expect(durationWords(2 * 3_600_000 + 5 * 60_000)).toBe('cerca de 2 h 5 min');
});

test('where a campaign is', () => {
	expect(campaignSituation({ state: 'active', pending: 3 })).toBe('em andamento');
	expect(campaignSituation({ state: 'active', pending: 0 })).toBe('concluída');
	expect(campaignSituation({ state: 'paused', pending: 3 })).toBe('pausada');
	expect(campaignSituation({ state: 'cancelled', pending: 0 })).toBe('cancelada');
});

test('the recent rate: jobs over the time since the first bucket that has any, at least one bucket', () => {
	const now = 1_000 * RATE_BUCKET_MS + 2_500;
	const counts = recentBuckets(now).map(() => 0);
	expect(recentRate(counts, now)).toBeUndefined();
	counts[counts.length - 1] = 10; // all in the current bucket, 2.5 s old: over one bucket
	expect(recentRate(counts, now)).toBe(2);
	counts[counts.length - 3] = 20; // 30 since 12.5 s ago
	expect(recentRate(counts, now)).toBe(2.4);
});

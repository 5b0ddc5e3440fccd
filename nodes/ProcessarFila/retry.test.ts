import type { SendVerdict } from './outcome';
import { BACKOFF_CAP_MS, exponentialBackoffMs, nextStep, recipientBackoffMs } from './retry';

const DAY = 24 * 60 * 60 * 1000;

const policy = { maxAttempts: 5, inFlightGraceMs: 120_000, marketingLimitDelayMs: DAY, formatDate: (epochMs: number) => new Date(epochMs).toISOString() };
const timing = (random = 0.5) => ({ now: 1_000_000, inFlightSince: 999_900, random: () => random });

test('exponential backoff: half of min(60 s, 1 s·2^retry) plus jitter over the other half', () => {
	expect(exponentialBackoffMs(0, () => 0)).toBe(500);
	expect(exponentialBackoffMs(0, () => 0.999)).toBeCloseTo(999.5);
	expect(exponentialBackoffMs(3, () => 0.5)).toBe(6000);
	expect(exponentialBackoffMs(10, () => 0)).toBe(BACKOFF_CAP_MS / 2);
	expect(exponentialBackoffMs(10, () => 1)).toBe(BACKOFF_CAP_MS);
});

test('pair rate limit: 4^X seconds, capped at 15 minutes', () => {
	expect([0, 1, 2, 3].map(recipientBackoffMs)).toEqual([1000, 4000, 16_000, 64_000]);
	expect(recipientBackoffMs(9)).toBe(900_000);
});

test('accepted → sent; rejected → failed at once, whatever the attempts left', () => {
	expect(nextStep({ kind: 'accepted', wamid: 'wamid.1' }, { attempts: 0 }, timing(), policy)).toEqual({ kind: 'markSent', wamid: 'wamid.1' });
	expect(nextStep({ kind: 'rejected', reason: 'Fora da janela', code: 131047 }, { attempts: 0 }, timing(), policy)).toEqual({
		kind: 'markFailed',
		reason: 'Fora da janela',
		code: 131047,
	});
});

test('131056: the same recipient is retried after 1 s, 4 s, 16 s…', () => {
	const verdict: SendVerdict = { kind: 'recipientLimited', reason: 'Par', code: 131056 };
	expect(nextStep(verdict, { attempts: 0 }, timing(), policy)).toEqual({ kind: 'retryLater', notBefore: 1_001_000, reason: 'Par' });
	expect(nextStep(verdict, { attempts: 2 }, timing(), policy)).toMatchObject({ notBefore: 1_016_000 });
});

test('rate limit and 5xx: capped exponential backoff with jitter', () => {
	expect(nextStep({ kind: 'rateLimited', reason: 'Limite', code: 130429 }, { attempts: 1 }, timing(0), policy)).toEqual({
		kind: 'retryLater',
		notBefore: 1_001_000,
		reason: 'Limite',
	});
	expect(nextStep({ kind: 'transient', reason: 'HTTP 503', mayHaveArrived: false }, { attempts: 2 }, timing(1), policy)).toMatchObject({
		notBefore: 1_004_000,
	});
});

test('a timeout is not resent before the in-flight grace period ends (its status callback may still confirm it)', () => {
	const verdict: SendVerdict = { kind: 'transient', reason: 'Sem resposta', mayHaveArrived: true };
	expect(nextStep(verdict, { attempts: 0 }, timing(), policy)).toMatchObject({ kind: 'retryLater', notBefore: 999_900 + 120_000 });
	// a backoff longer than the grace period wins
	expect(nextStep(verdict, { attempts: 9 }, timing(), { ...policy, maxAttempts: 20, inFlightGraceMs: 1000 })).toMatchObject({
		notBefore: 1_000_000 + 45_000,
	});
});

test('attempts exhausted: failed, saying how many tries', () => {
	const step = nextStep({ kind: 'transient', reason: 'WhatsApp indisponível (HTTP 500).', code: 1, mayHaveArrived: false }, { attempts: 4 }, timing(), policy);
	expect(step).toEqual({ kind: 'markFailed', reason: 'WhatsApp indisponível (HTTP 500). Sem sucesso após 5 tentativas.', code: 1 });
	expect(nextStep({ kind: 'rateLimited', reason: 'Limite.' }, { attempts: 0 }, timing(), { ...policy, maxAttempts: 1 })).toEqual({
		kind: 'markFailed',
		reason: 'Limite. Sem sucesso após 1 tentativa.',
		code: undefined,
	});
});

test('halt: back to the queue at once (the run stops; the next one retries)', () => {
	expect(nextStep({ kind: 'halt', reason: 'Token expirado', code: 190 }, { attempts: 0 }, timing(), policy)).toEqual({
		kind: 'retryLater',
		notBefore: 1_000_000,
		reason: 'Token expirado',
	});
});

describe('131049 (per-user marketing limit)', () => {
	const verdict: SendVerdict = { kind: 'marketingLimited', reason: 'Engajamento', code: 131049 };

	test('is not retried at once: rescheduled after the configured delay, with the date in the reason', () => {
		expect(nextStep(verdict, { attempts: 0 }, timing(), policy)).toEqual({
			kind: 'reschedule',
			notBefore: 1_000_000 + DAY,
			reason: `Limite de marketing por usuário (131049): nova tentativa em ${new Date(1_000_000 + DAY).toISOString()}.`,
			code: 131049,
		});
		expect(nextStep(verdict, { attempts: 0 }, timing(), { ...policy, marketingLimitDelayMs: 2 * 60 * 60 * 1000 })).toMatchObject({ notBefore: 1_000_000 + 7_200_000 });
	});

	test('with the delay at 0 it fails for good, with the reason', () => {
		expect(nextStep(verdict, { attempts: 0 }, timing(), { ...policy, marketingLimitDelayMs: 0 })).toEqual({
			kind: 'markFailed',
			reason: 'Limite de marketing por usuário (131049): não reenviado (opção desligada). Engajamento',
			code: 131049,
		});
	});

	test('counts as an attempt: after the last one the recipient fails', () => {
		expect(nextStep(verdict, { attempts: 4 }, timing(), policy)).toMatchObject({ kind: 'markFailed', code: 131049, reason: 'Engajamento Sem sucesso após 5 tentativas.' });
	});
});

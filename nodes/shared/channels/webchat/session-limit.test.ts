import { DEFAULT_SESSIONS_PER_MINUTE, SessionRateLimiter, sessionsPerMinuteFromEnv } from './session-limit';

describe('SessionRateLimiter', () => {
	it('allows the limit per client per minute, then refuses until the next minute', () => {
		let clock = 120_000; // the start of a minute
		const limiter = new SessionRateLimiter(3, () => clock);
		expect([1, 2, 3, 4].map(() => limiter.allow('1.2.3.4'))).toEqual([true, true, true, false]);
		expect(limiter.allow('5.6.7.8')).toBe(true);
		clock += 45_000;
		expect(limiter.allow('1.2.3.4')).toBe(false);
		expect(limiter.retryAfterSeconds()).toBe(15);
		clock += 15_000;
		expect(limiter.allow('1.2.3.4')).toBe(true);
	});

	it('allows everything when the limit is 0', () => {
		const limiter = new SessionRateLimiter(0);
		for (let index = 0; index < 1_000; index++) expect(limiter.allow('1.2.3.4')).toBe(true);
	});
});

describe('sessionsPerMinuteFromEnv', () => {
	it('reads ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO, with a default and a pt-BR error', () => {
		expect(sessionsPerMinuteFromEnv({})).toBe(DEFAULT_SESSIONS_PER_MINUTE);
		expect(sessionsPerMinuteFromEnv({ ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO: '5' })).toBe(5);
		expect(sessionsPerMinuteFromEnv({ ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO: '0' })).toBe(0);
		expect(() => sessionsPerMinuteFromEnv({ ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO: 'muitas' })).toThrow(/número inteiro/);
		expect(() => sessionsPerMinuteFromEnv({ ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO: '-1' })).toThrow(/ATENDIMENTO_WEBCHAT_SESSOES_POR_MINUTO/);
	});
});

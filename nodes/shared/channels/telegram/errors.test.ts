import { classifyTelegramError } from './errors';

describe('classifyTelegramError', () => {
	it('waits exactly retry_after on 429', () => {
		const body = { ok: false, error_code: 429, description: 'Too Many Requests: retry after 9', parameters: { retry_after: 9 } };
		expect(classifyTelegramError(429, body)).toEqual({
			retry: 'backoff',
			code: 429,
			retryAfterMs: 9000,
			reason: 'Limite de envio do Telegram atingido: aguarde 9 s e tente de novo.',
		});
	});

	it('backs off on a 429 without retry_after', () => {
		expect(classifyTelegramError(429, undefined)).toMatchObject({ retry: 'backoff', code: 429 });
		expect(classifyTelegramError(429, undefined).retryAfterMs).toBeUndefined();
	});

	it('never retries a user who blocked the bot (403)', () => {
		const body = { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
		expect(classifyTelegramError(403, body)).toMatchObject({ retry: 'never', code: 403 });
	});

	it('uses error_code from the body over the HTTP status', () => {
		expect(classifyTelegramError(200, { ok: false, error_code: 403, description: 'x' }).retry).toBe('never');
		expect(classifyTelegramError(undefined, { ok: false, error_code: 429, parameters: { retry_after: 1 } }).retryAfterMs).toBe(1000);
	});

	it.each([
		[400, 'never'],
		[401, 'never'],
		[404, 'never'],
		[409, 'never'],
		[500, 'backoff'],
		[502, 'backoff'],
	])('HTTP %i → %s', (status, retry) => {
		expect(classifyTelegramError(status, { ok: false, error_code: status, description: 'x' }).retry).toBe(retry);
	});

	it('caps retries of unknown failures (network, no response)', () => {
		expect(classifyTelegramError(undefined, undefined)).toEqual({ retry: 'capped', reason: 'Falha desconhecida ao enviar pelo Telegram.' });
	});
});

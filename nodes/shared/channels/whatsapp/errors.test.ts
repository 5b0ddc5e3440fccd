import { classifyWhatsAppError } from './errors';

/** The synchronous error envelope (reference §A.8). */
function envelope(code: number): unknown {
	return { error: { message: `(#${code}) x`, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: 'x' }, fbtrace_id: 'A' } };
}

describe('classifyWhatsAppError', () => {
	it.each([
		[130429, 400, 'backoff'],
		[4, 429, 'backoff'],
		[80007, 400, 'backoff'],
		[131057, 400, 'backoff'],
		[131056, 429, 'capped'],
		[131048, 400, 'capped'],
		[131047, 400, 'never'],
		[131026, 400, 'never'],
		[131049, 400, 'never'],
		[190, 401, 'never'],
		[0, 401, 'never'],
		[100, 400, 'never'],
		[131009, 400, 'never'],
		[132018, 400, 'never'],
		[368, 403, 'never'],
	])('code %i (HTTP %i) → %s', (code, status, retry) => {
		const result = classifyWhatsAppError(status, envelope(code));
		expect(result.retry).toBe(retry);
		expect(result.code).toBe(code);
		expect(result.reason).not.toBe('');
	});

	it('decides on the code, not on the HTTP status', () => {
		expect(classifyWhatsAppError(400, envelope(130429)).retry).toBe('backoff');
		expect(classifyWhatsAppError(500, envelope(131047)).retry).toBe('never');
	});

	it('explains the 24-hour window in pt-BR', () => {
		expect(classifyWhatsAppError(400, envelope(131047)).reason).toContain('24 horas');
	});

	it('classifies an error item of a failed-status webhook', () => {
		expect(classifyWhatsAppError(undefined, { code: 131026, title: 'Message undeliverable' })).toMatchObject({ retry: 'never', code: 131026 });
	});

	it('falls back on the HTTP status for unknown or missing codes', () => {
		expect(classifyWhatsAppError(429, undefined)).toMatchObject({ retry: 'backoff' });
		expect(classifyWhatsAppError(503, '<html>')).toMatchObject({ retry: 'backoff' });
		expect(classifyWhatsAppError(502, envelope(1))).toMatchObject({ retry: 'backoff', code: 1 });
		expect(classifyWhatsAppError(401, {})).toMatchObject({ retry: 'never' });
		expect(classifyWhatsAppError(400, envelope(999999))).toMatchObject({ retry: 'never', code: 999999 });
		expect(classifyWhatsAppError(undefined, undefined)).toEqual({ retry: 'capped', reason: 'Falha desconhecida ao enviar pelo WhatsApp.' });
	});
});

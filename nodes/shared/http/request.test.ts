import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyExcerpt, failureOf, hostOf, sendHttpRequest } from './request';

describe('failureOf', () => {
	it('recognises timeouts by code along the cause chain, or by the time spent', () => {
		expect(failureOf({ message: 'x', cause: { code: 'ECONNABORTED' } }, 10, 1000)).toEqual({ kind: 'timeout', durationMs: 10 });
		expect(failureOf({ code: 'ETIMEDOUT' }, 10, 1000)).toEqual({ kind: 'timeout', durationMs: 10 });
		expect(failureOf({ cause: { code: 'ECONNRESET' } }, 1000, 1000)).toEqual({ kind: 'timeout', durationMs: 1000 });
	});

	it('a network failure keeps the innermost code, never the message', () => {
		expect(failureOf({ message: 'connect ECONNREFUSED 127.0.0.1:9 /bot123:abc/', cause: { code: 'ECONNREFUSED' } }, 3, 1000)).toEqual({
			kind: 'network',
			code: 'ECONNREFUSED',
			durationMs: 3,
		});
	});

	it('an error without a network code is not the service’s answer', () => {
		expect(failureOf(new Error('OAuth credentials not connected'), 3, 1000)).toBeUndefined();
		expect(failureOf({ code: 'lowercase' }, 3, 1000)).toBeUndefined();
	});
});

describe('bodyExcerpt / hostOf', () => {
	it('texts, objects, buffers, nothing', () => {
		expect(bodyExcerpt('abc')).toBe('abc');
		expect(bodyExcerpt({ a: 1 })).toBe('{"a":1}');
		expect(bodyExcerpt(Buffer.from('oi'))).toBe('oi');
		expect(bodyExcerpt('')).toBeUndefined();
		expect(bodyExcerpt(null)).toBeUndefined();
		expect(bodyExcerpt('abcdef', 3)).toBe('abc…');
	});

	it('only the host of a URL', () => {
		expect(hostOf('https://hooks.exemplo.com:8443/services/T000/B000/XXXX?token=1')).toBe('hooks.exemplo.com:8443');
		expect(hostOf('nada')).toBe('');
	});
});

describe('sendHttpRequest', () => {
	function context(httpRequest: jest.Mock, httpRequestWithAuthentication = jest.fn()): IExecuteFunctions {
		return { helpers: { httpRequest, httpRequestWithAuthentication } } as unknown as IExecuteFunctions;
	}

	it('returns the full response of any status, with the options n8n needs', async () => {
		const httpRequest = jest.fn(async () => ({ statusCode: 503, statusMessage: 'Service Unavailable', body: { erro: 1 }, headers: {} }));
		const outcome = await sendHttpRequest(context(httpRequest), { request: { method: 'GET', url: 'https://x.com.br' } }, 1000);
		expect(outcome).toMatchObject({ kind: 'response', statusCode: 503, statusMessage: 'Service Unavailable', body: { erro: 1 } });
		expect(httpRequest).toHaveBeenCalledWith({
			method: 'GET',
			url: 'https://x.com.br',
			timeout: 1000,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			sendCredentialsOnCrossOriginRedirect: false,
		});
	});

	it('goes through httpRequestWithAuthentication with the credential type', async () => {
		const withAuth = jest.fn(async () => ({ statusCode: 200, body: 'ok' }));
		const ctx = context(jest.fn(), withAuth);
		await sendHttpRequest(ctx, { request: { url: 'https://x.com.br' }, credentialType: 'httpHeaderAuth' }, 1000);
		expect(withAuth).toHaveBeenCalledWith('httpHeaderAuth', expect.objectContaining({ url: 'https://x.com.br', timeout: 1000 }));
		expect(withAuth.mock.contexts[0]).toBe(ctx);
	});

	it('a network failure is returned, not thrown', async () => {
		const httpRequest = jest.fn(async () => {
			throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		});
		expect(await sendHttpRequest(context(httpRequest), { request: { url: 'https://x.com.br' } }, 1000)).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
	});

	it('stops waiting at the time limit even if the socket keeps trickling', async () => {
		const httpRequest = jest.fn(() => new Promise(() => undefined));
		const started = Date.now();
		expect(await sendHttpRequest(context(httpRequest), { request: { url: 'https://x.com.br' } }, 100)).toMatchObject({ kind: 'timeout' });
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('other errors are thrown', async () => {
		const httpRequest = jest.fn(async () => {
			throw new Error('Credentials not found');
		});
		await expect(sendHttpRequest(context(httpRequest), { request: { url: 'https://x.com.br' } }, 1000)).rejects.toThrow('Credentials not found');
	});
});

import { NodeApiError, type IHttpRequestOptions } from 'n8n-workflow';

import { TEST_NODE } from '../../../test/support/fetch-door';
import { classifyTelegramError } from './telegram/errors';
import { callWithRetries, MAX_RETRY_WAIT_MS, retryWait, withRetries, type ChannelDoor, type ChannelPlatform } from './transport';
import { classifyWhatsAppError } from './whatsapp/errors';

const WHATSAPP: ChannelPlatform = { subject: 'O WhatsApp', target: 'ao WhatsApp', classify: classifyWhatsAppError };
const TELEGRAM: ChannelPlatform = { subject: 'O Telegram', target: 'ao Telegram', classify: classifyTelegramError };
const response = (statusCode: number, body: unknown, headers?: Record<string, unknown>) => ({ kind: 'response' as const, statusCode, body, headers, durationMs: 1 });

describe('retryWait: the one retry policy', () => {
	it('retries 429 and 5xx twice, with growing waits', () => {
		expect(retryWait(WHATSAPP, response(503, {}), 0)).toBe(500);
		expect(retryWait(WHATSAPP, response(503, {}), 1)).toBe(2000);
		expect(retryWait(WHATSAPP, response(503, {}), 2)).toBeUndefined();
		expect(retryWait(WHATSAPP, response(429, { error: { code: 130429 } }), 0)).toBe(500);
	});

	it("honours Telegram's retry_after and the Retry-After header, but not a wait longer than an execution should hold", () => {
		expect(retryWait(TELEGRAM, response(429, { ok: false, error_code: 429, parameters: { retry_after: 3 } }), 0)).toBe(3000);
		expect(retryWait(WHATSAPP, response(503, {}, { 'retry-after': '1' }), 0)).toBe(1000);
		const tooLong = (MAX_RETRY_WAIT_MS / 1000) * 4;
		expect(retryWait(TELEGRAM, response(429, { ok: false, error_code: 429, parameters: { retry_after: tooLong } }), 0)).toBeUndefined();
	});

	it('never retries a 4xx that cannot succeed, nor a per-recipient limit', () => {
		expect(retryWait(WHATSAPP, response(400, { error: { code: 131047 } }), 0)).toBeUndefined();
		expect(retryWait(WHATSAPP, response(401, { error: { code: 190 } }), 0)).toBeUndefined();
		expect(retryWait(TELEGRAM, response(403, { ok: false, error_code: 403 }), 0)).toBeUndefined();
		expect(retryWait(WHATSAPP, response(400, { error: { code: 131056 } }), 0)).toBeUndefined();
	});

	it('retries a connection that never left; not a timeout or a reset, which may have delivered the message', () => {
		expect(retryWait(WHATSAPP, { kind: 'network', code: 'ECONNREFUSED', durationMs: 1 }, 0)).toBe(500);
		expect(retryWait(WHATSAPP, { kind: 'network', code: 'ECONNRESET', durationMs: 1 }, 0)).toBeUndefined();
		expect(retryWait(WHATSAPP, { kind: 'timeout', durationMs: 1 }, 0)).toBeUndefined();
	});
});

describe('callWithRetries', () => {
	function door(replies: Array<{ statusCode: number; body: unknown } | Error>): ChannelDoor & { calls: IHttpRequestOptions[] } {
		const calls: IHttpRequestOptions[] = [];
		return {
			node: TEST_NODE,
			itemIndex: 3,
			calls,
			send: async (options) => {
				calls.push(options);
				const reply = replies.shift() ?? { statusCode: 200, body: '{"ok":true}' };
				if (reply instanceof Error) throw reply;
				return reply;
			},
		};
	}

	it('asks n8n for the full response whatever the status, and parses a JSON text body', async () => {
		const open = door([]);
		expect(await callWithRetries(open, WHATSAPP, { method: 'POST', url: 'http://127.0.0.1:9/x', body: {}, json: true })).toEqual({ ok: true });
		expect(open.calls[0]).toMatchObject({ returnFullResponse: true, ignoreHttpStatusErrors: true, timeout: 20_000 });
	});

	it('a final refusal is a NodeApiError of the door node and item, with the platform reason and its answer', async () => {
		const refused = door([{ statusCode: 400, body: { error: { code: 131026, message: 'Message undeliverable' } } }]);
		const error = (await callWithRetries(refused, WHATSAPP, { method: 'POST', url: 'http://127.0.0.1:9/x' }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.node).toBe(TEST_NODE);
		expect(error.context.itemIndex).toBe(3);
		expect(error.httpCode).toBe('400');
		expect(error.message).toMatch(/^Mensagem não entregue/);
		expect(error.description).toContain('Message undeliverable');
		expect(refused.calls).toHaveLength(1);
	});

	it('an error without a network code (whose text may hold the URL) becomes a connection failure without it', async () => {
		const failing = door([new Error('Request failed for http://127.0.0.1:9/bot123:SEGREDO/sendMessage')]);
		const error = (await callWithRetries(failing, TELEGRAM, { method: 'POST', url: 'http://127.0.0.1:9/bot123:SEGREDO/sendMessage' }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error.message).toBe('Não foi possível conectar ao Telegram');
		expect(JSON.stringify(error)).not.toContain('SEGREDO');
	});

	it('withRetries stops after three attempts in all', async () => {
		let attempts = 0;
		const sleeps: number[] = [];
		const attempt = async () => {
			attempts++;
			return response(500, {});
		};
		const error = await withRetries({ node: TEST_NODE }, WHATSAPP, attempt, 1000, async (ms) => void sleeps.push(ms)).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(attempts).toBe(3);
		expect(sleeps).toEqual([500, 2000]);
	});
});

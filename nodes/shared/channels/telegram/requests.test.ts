import { InvalidOutboundError } from '../errors';
import {
	answerCallbackQuery,
	deleteWebhookRequest,
	getWebhookInfoRequest,
	setWebhookRequest,
	telegramPath,
	withTelegramToken,
} from './requests';

const TOKEN = '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11';

describe('telegramPath and withTelegramToken', () => {
	it('builds /bot<token>/<method>, with or without a leading slash', () => {
		expect(telegramPath(TOKEN, 'sendMessage')).toBe(`/bot${TOKEN}/sendMessage`);
		expect(telegramPath(TOKEN, '/getWebhookInfo')).toBe(`/bot${TOKEN}/getWebhookInfo`);
	});

	it('addresses a request built without the token', () => {
		const request = getWebhookInfoRequest();
		expect(withTelegramToken(TOKEN, request)).toEqual({ method: 'GET', path: `/bot${TOKEN}/getWebhookInfo` });
	});

	it('refuses tokens or methods that would change the path', () => {
		expect(() => telegramPath('', 'sendMessage')).toThrow(InvalidOutboundError);
		expect(() => telegramPath('123:abc/../x', 'sendMessage')).toThrow(InvalidOutboundError);
		expect(() => telegramPath('123:abc?x=1', 'sendMessage')).toThrow(InvalidOutboundError);
		expect(() => telegramPath(TOKEN, 'send/Message')).toThrow(InvalidOutboundError);
	});
});

describe('webhook and callback requests', () => {
	it('builds setWebhook with secret_token and allowed_updates', () => {
		expect(setWebhookRequest('https://bot.example/tg/webhook', 's3cr3t_Token-123', ['message', 'callback_query'])).toEqual({
			method: 'POST',
			path: '/setWebhook',
			body: { url: 'https://bot.example/tg/webhook', secret_token: 's3cr3t_Token-123', allowed_updates: ['message', 'callback_query'] },
		});
		expect((setWebhookRequest('https://x', 'abc').body as { allowed_updates: string[] }).allowed_updates).toEqual(['message', 'callback_query']);
	});

	it('refuses secrets Telegram would reject, and an empty URL', () => {
		expect(() => setWebhookRequest('https://x', '')).toThrow(InvalidOutboundError);
		expect(() => setWebhookRequest('https://x', 'com espaço')).toThrow(InvalidOutboundError);
		expect(() => setWebhookRequest('https://x', 'a'.repeat(257))).toThrow(InvalidOutboundError);
		expect(() => setWebhookRequest('https://x', 'a'.repeat(256))).not.toThrow();
		expect(() => setWebhookRequest(' ', 'abc')).toThrow(InvalidOutboundError);
	});

	it('builds deleteWebhook, getWebhookInfo and answerCallbackQuery', () => {
		expect(deleteWebhookRequest()).toEqual({ method: 'POST', path: '/deleteWebhook', body: { drop_pending_updates: false } });
		expect(getWebhookInfoRequest()).toEqual({ method: 'GET', path: '/getWebhookInfo' });
		expect(answerCallbackQuery('4382bfdwdsb323b2d9')).toEqual({
			method: 'POST',
			path: '/answerCallbackQuery',
			body: { callback_query_id: '4382bfdwdsb323b2d9' },
		});
		expect((answerCallbackQuery('1', 't'.repeat(300)).body as { text: string }).text).toHaveLength(200);
	});
});

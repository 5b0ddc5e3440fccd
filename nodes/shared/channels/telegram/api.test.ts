import { NodeApiError } from 'n8n-workflow';

import { startTelegramSimulator, TELEGRAM_TEST_BOT as BOT, type TelegramSimulator } from '../../../../test/simulators/telegram';
import { fetchDoor, TEST_NODE } from '../../../../test/support/fetch-door';
import { telegramApi, telegramBotId, telegramWebhookSecret } from './api';

let telegram: TelegramSimulator;
const credentials = () => ({ botToken: BOT.token, baseUrl: telegram.url });

beforeEach(async () => {
	telegram = await startTelegramSimulator();
});
afterEach(async () => await telegram.close());

it('sends a rendered message to the chat, the token only in the path', async () => {
	const door = fetchDoor();
	await telegramApi(door, credentials()).sendMessage('1111111', { kind: 'text', text: 'Olá' });
	expect(telegram.sent).toHaveLength(1);
	expect(telegram.sent[0]).toMatchObject({ method: 'sendMessage', params: { text: 'Olá' } });
	expect(door.requests[0].url).toBe(`${telegram.url}/bot${BOT.token}/sendMessage`);
	expect(JSON.stringify(door.requests[0].body)).not.toContain(BOT.token);
});

it('uploads a binary file with the method of its kind', async () => {
	await telegramApi(fetchDoor(), credentials()).sendMessage('1111111', {
		kind: 'media',
		mediaType: 'document',
		data: Buffer.from('%PDF-1.4').toString('base64'),
		mimeType: 'application/pdf',
		fileName: 'boleto.pdf',
		caption: 'Seu boleto',
	});
	expect(telegram.sent[0]).toMatchObject({ method: 'sendDocument', params: { caption: 'Seu boleto' } });
});

it('waits retry_after on 429, then succeeds', async () => {
	telegram.rateLimitNext(1, 1, 'sendMessage');
	const door = fetchDoor();
	const started = Date.now();
	await telegramApi(door, credentials()).sendMessage('1111111', { kind: 'text', text: 'Olá' });
	expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	expect(door.requests).toHaveLength(2);
	expect(telegram.sent).toHaveLength(1);
});

it('a blocked bot is not retried: a pt-BR NodeApiError of the door node', async () => {
	telegram.blockChat(2222222);
	const door = fetchDoor();
	const error = await telegramApi(door, credentials()).sendMessage('2222222', { kind: 'text', text: 'Olá' }).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).message).toBe('O usuário bloqueou o bot ou o bot não pode mais escrever neste chat.');
	expect((error as NodeApiError).node).toBe(TEST_NODE);
	expect(door.requests).toHaveLength(1);
	expect(JSON.stringify(error)).not.toContain(BOT.token);
});

it('manages the webhook: set, read, delete; and answers callback queries', async () => {
	const api = telegramApi(fetchDoor(), credentials());
	const secret = telegramWebhookSecret(credentials());
	expect(await api.setWebhook('https://n8n.exemplo.com.br/webhook/tg', secret)).toBe(true);
	expect(telegram.webhook).toMatchObject({ url: 'https://n8n.exemplo.com.br/webhook/tg', secret_token: secret });
	expect(await api.getWebhookInfo()).toMatchObject({ url: 'https://n8n.exemplo.com.br/webhook/tg' });
	expect(await api.deleteWebhook()).toBe(true);
	expect(telegram.webhook).toBeUndefined();
	await api.answerCallbackQuery('cb-1');
	expect(telegram.answeredCallbacks).toEqual([expect.objectContaining({ callback_query_id: 'cb-1' })]);
	expect(telegramBotId(credentials())).toBe('7000000001');
});

it('a network failure is reported with its code only, never with the request (its URL holds the bot token)', async () => {
	const failure = Object.assign(new Error(`connect ECONNRESET for https://api.telegram.org/bot${BOT.token}/sendMessage`), {
		code: 'ECONNRESET',
		config: { url: `https://api.telegram.org/bot${BOT.token}/sendMessage` },
	});
	const door = { node: TEST_NODE, send: async () => await Promise.reject(failure) };
	const thrown = await telegramApi(door, credentials())
		.sendMessage('1111111', { kind: 'text', text: 'oi' })
		.catch((error: unknown) => error as NodeApiError);
	expect(thrown?.message).toBe('Não foi possível conectar ao Telegram');
	expect(thrown?.description).toContain('ECONNRESET');
	expect(JSON.stringify(thrown)).not.toContain(BOT.token);
	expect(String(thrown?.stack)).not.toContain(BOT.token);
});

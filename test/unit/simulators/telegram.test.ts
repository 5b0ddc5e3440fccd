import { jsonReply, startSimulator, textReply, type Simulator } from '../../simulators/base';
import {
	callbackQueryUpdate,
	contactUpdate,
	deliverUpdate,
	documentUpdate,
	locationUpdate,
	photoUpdate,
	startTelegramSimulator,
	TELEGRAM_TEST_BOT,
	TELEGRAM_TEST_USER,
	textUpdate,
	type TelegramSimulator,
} from '../../simulators/telegram';

describe('Telegram Bot API simulator', () => {
	let telegram: TelegramSimulator;
	const methodUrl = (method: string, token: string = TELEGRAM_TEST_BOT.token) => `${telegram.url}/bot${token}/${method}`;

	async function call(method: string, body: unknown) {
		const response = await fetch(methodUrl(method), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	beforeAll(async () => {
		telegram = await startTelegramSimulator();
	});
	afterEach(() => telegram.reset());
	afterAll(() => telegram.close());

	it('answers getMe with the bot user, method names being case-insensitive', async () => {
		const response = await fetch(methodUrl('GETME'));
		expect(await response.json()).toEqual({ ok: true, result: TELEGRAM_TEST_BOT.user });
	});

	it('answers 401 for an unknown token and 404 for a malformed token or an unknown method', async () => {
		const unknownToken = await fetch(methodUrl('getMe', '123:other'));
		const malformed = await fetch(methodUrl('getMe', 'no-colon'));
		const unknownMethod = await fetch(methodUrl('sendSticker'));

		expect([unknownToken.status, await unknownToken.json()]).toEqual([401, { ok: false, error_code: 401, description: 'Unauthorized' }]);
		expect([malformed.status, unknownMethod.status]).toEqual([404, 404]);
		expect(await unknownMethod.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
	});

	it('sends a message with an inline keyboard and echoes the keyboard', async () => {
		const keyboard = { inline_keyboard: [[{ text: '2ª via', callback_data: 'menu_2via' }], [{ text: 'Portal', url: 'https://central.example' }]] };
		const { status, body } = await call('sendMessage', { chat_id: 1111111, text: 'Escolha uma opção:', reply_markup: keyboard });

		expect(status).toBe(200);
		expect(body).toEqual({
			ok: true,
			result: { message_id: expect.any(Number), from: TELEGRAM_TEST_BOT.user, chat: { id: 1111111, type: 'private' }, date: expect.any(Number), text: 'Escolha uma opção:', reply_markup: keyboard },
		});
		expect(telegram.sent).toEqual([expect.objectContaining({ method: 'sendMessage', chatId: 1111111 })]);
	});

	it('takes urlencoded parameters with reply_markup as a JSON string', async () => {
		const response = await fetch(methodUrl('sendMessage'), {
			method: 'POST',
			body: new URLSearchParams({ chat_id: '1111111', text: 'Oi', reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Ok', callback_data: 'ok' }]] }) }),
		});
		const body = (await response.json()) as any;
		expect(body.result.reply_markup.inline_keyboard[0][0]).toEqual({ text: 'Ok', callback_data: 'ok' });
		expect(body.result.chat.id).toBe(1111111);
	});

	it('limits callback_data to 64 bytes, not characters', async () => {
		const keyboard = (data: string) => ({ inline_keyboard: [[{ text: 'Opção', callback_data: data }]] });
		const exactly64 = await call('sendMessage', { chat_id: 1, text: 'x', reply_markup: keyboard('a'.repeat(64)) });
		const bytes66 = await call('sendMessage', { chat_id: 1, text: 'x', reply_markup: keyboard('ç'.repeat(33)) });
		const empty = await call('sendMessage', { chat_id: 1, text: 'x', reply_markup: keyboard('') });

		expect(exactly64.status).toBe(200);
		expect([bytes66.status, bytes66.body]).toEqual([400, { ok: false, error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' }]);
		expect(empty.body.description).toBe('Bad Request: BUTTON_DATA_INVALID');
	});

	it('rejects empty or too long texts, missing chat ids and buttons without an action', async () => {
		const results = await Promise.all([
			call('sendMessage', { chat_id: 1, text: '' }),
			call('sendMessage', { chat_id: 1, text: 'x'.repeat(4097) }),
			call('sendMessage', { text: 'Oi' }),
			call('sendMessage', { chat_id: 1, text: 'Oi', reply_markup: { inline_keyboard: [[{ text: 'só texto' }]] } }),
		]);
		expect(results.map((result) => result.body.description)).toEqual([
			'Bad Request: message text is empty',
			'Bad Request: message is too long',
			'Bad Request: chat_id is empty',
			'Bad Request: text buttons are unallowed in the inline keyboard',
		]);
		expect((await call('sendMessage', { chat_id: 1, text: 'x'.repeat(4096) })).status).toBe(200);
	});

	it('sends documents by multipart upload, photos by URL and audio by file id', async () => {
		const form = new FormData();
		form.set('chat_id', '1111111');
		form.set('caption', 'Boleto venc. 21/11');
		form.set('document', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'boleto.pdf');
		const document = (await (await fetch(methodUrl('sendDocument'), { method: 'POST', body: form })).json()) as any;
		const photo = await call('sendPhoto', { chat_id: 1111111, photo: 'https://erp.example/qr.png', caption: 'QR Pix' });
		const audio = await call('sendAudio', { chat_id: 1111111, audio: 'CQACAgEAAxkBAAIB' });

		expect(document.result).toMatchObject({ caption: 'Boleto venc. 21/11', document: { file_name: 'boleto.pdf', mime_type: 'application/pdf', file_size: 8, file_id: expect.any(String) } });
		expect(photo.body.result.photo[0]).toMatchObject({ file_id: expect.any(String), width: 320 });
		expect(audio.body.result.audio).toMatchObject({ file_id: expect.any(String) });
		expect(telegram.sent.map((sent) => sent.method)).toEqual(['sendDocument', 'sendPhoto', 'sendAudio']);
	});

	it('rejects media without a file, a caption over 1024 characters and documents by URL that are not PDF, GIF or ZIP', async () => {
		const results = await Promise.all([
			call('sendPhoto', { chat_id: 1 }),
			call('sendPhoto', { chat_id: 1, photo: 'file-id', caption: 'c'.repeat(1025) }),
			call('sendDocument', { chat_id: 1, document: 'https://erp.example/contrato.docx' }),
		]);
		expect(results.map((result) => result.status)).toEqual([400, 400, 400]);
		expect(results[1].body.description).toBe('Bad Request: message caption is too long');
		expect((await call('sendDocument', { chat_id: 1, document: 'https://erp.example/boleto.pdf' })).status).toBe(200);
	});

	it('answers callback queries and limits their text to 200 characters', async () => {
		const answered = await call('answerCallbackQuery', { callback_query_id: '4382bfdwdsb323b2d9', text: 'Gerando seu boleto...', show_alert: false });
		const tooLong = await call('answerCallbackQuery', { callback_query_id: '1', text: 't'.repeat(201) });

		expect(answered.body).toEqual({ ok: true, result: true });
		expect(telegram.answeredCallbacks).toEqual([{ callback_query_id: '4382bfdwdsb323b2d9', text: 'Gerando seu boleto...', show_alert: false }]);
		expect(tooLong.status).toBe(400);
	});

	it('records setWebhook (url, secret_token, allowed_updates) and reports it in getWebhookInfo until deleteWebhook', async () => {
		const set = await call('setWebhook', { url: 'https://bot.example/tg', secret_token: 's3cr3t_Token-123', allowed_updates: ['message', 'callback_query'] });
		const info = await call('getWebhookInfo', {});
		const deleted = await call('deleteWebhook', {});
		const after = await call('getWebhookInfo', {});

		expect(set.body).toEqual({ ok: true, result: true, description: 'Webhook was set' });
		expect(telegram.webhook).toBeUndefined();
		expect(info.body.result).toEqual({ url: 'https://bot.example/tg', has_custom_certificate: false, pending_update_count: 0, max_connections: 40, allowed_updates: ['message', 'callback_query'] });
		expect(deleted.body).toEqual({ ok: true, result: true, description: 'Webhook was deleted' });
		expect(after.body.result.url).toBe('');
	});

	it('keeps the registered webhook for the test to read', async () => {
		await call('setWebhook', { url: 'https://bot.example/tg', secret_token: 'abc_DEF-1' });
		expect(telegram.webhook).toEqual({ url: 'https://bot.example/tg', secret_token: 'abc_DEF-1', max_connections: 40 });
		expect((await call('setWebhook', { url: 'https://bot.example/tg', secret_token: 'bad token!' })).body.description).toBe('Bad Request: secret token contains unallowed characters');
	});

	it('answers 429 with parameters.retry_after when programmed, then recovers', async () => {
		telegram.rateLimitNext(1, 9, 'sendMessage');
		const me = await fetch(methodUrl('getMe'));
		const limited = await call('sendMessage', { chat_id: 1, text: 'Oi' });
		const recovered = await call('sendMessage', { chat_id: 1, text: 'Oi' });

		expect(me.status).toBe(200);
		expect([limited.status, limited.body]).toEqual([429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 9', parameters: { retry_after: 9 } }]);
		expect(recovered.status).toBe(200);
	});

	it('answers 403 for a chat that blocked the bot', async () => {
		telegram.blockChat(1111111);
		const { status, body } = await call('sendMessage', { chat_id: 1111111, text: 'Oi' });
		expect([status, body.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
	});

	it('accepts parameters in the query string of a GET', async () => {
		const response = await fetch(`${methodUrl('sendMessage')}?chat_id=42&text=Oi`);
		expect(((await response.json()) as any).result).toMatchObject({ chat: { id: 42 }, text: 'Oi' });
	});
});

describe('Telegram update builders', () => {
	let bot: Simulator;

	beforeAll(async () => {
		bot = await startSimulator((request) =>
			request.headers['x-telegram-bot-api-secret-token'] === 's3cr3t' ? jsonReply(200, {}) : textReply(401, 'wrong secret'),
		);
	});
	afterAll(() => bot.close());

	it('builds message updates with sequential update ids', () => {
		const first = textUpdate('2ª via');
		const second = textUpdate('oi');

		expect(first).toEqual({
			update_id: expect.any(Number),
			message: { message_id: expect.any(Number), from: TELEGRAM_TEST_USER, chat: { id: 1111111, type: 'private', first_name: 'Maria', username: 'maria' }, date: expect.any(Number), text: '2ª via' },
		});
		expect(second.update_id).toBe((first.update_id as number) + 1);
	});

	it('builds photo, document, location, contact and callback-query updates', () => {
		const photo = photoUpdate('comprovante').message as any;
		const document = documentUpdate({ fileName: 'comprovante.pdf', mimeType: 'application/pdf' }).message as any;
		const location = locationUpdate(-23.55052, -46.633308).message as any;
		const contact = contactUpdate({ phoneNumber: '+5511987654321', firstName: 'Maria', userId: 1111111 }).message as any;
		const callback = callbackQueryUpdate('menu_2via', 'Escolha:', { chatId: 1111111 }).callback_query as any;

		expect(photo.photo).toHaveLength(3);
		expect(photo.caption).toBe('comprovante');
		expect(document.document).toMatchObject({ file_name: 'comprovante.pdf', mime_type: 'application/pdf', file_id: expect.any(String) });
		expect(location.location).toEqual({ latitude: -23.55052, longitude: -46.633308 });
		expect(contact.contact).toEqual({ phone_number: '+5511987654321', first_name: 'Maria', user_id: 1111111 });
		expect(callback).toMatchObject({ data: 'menu_2via', chat_instance: expect.any(String), from: TELEGRAM_TEST_USER, message: { from: TELEGRAM_TEST_BOT.user, chat: { id: 1111111 }, text: 'Escolha:' } });
	});

	it('delivers an update with the secret-token header', async () => {
		const accepted = await deliverUpdate(`${bot.url}/tg`, textUpdate('oi'), 's3cr3t');
		const refused = await deliverUpdate(`${bot.url}/tg`, textUpdate('oi'));

		expect(accepted.status).toBe(200);
		expect(refused).toEqual({ status: 401, body: 'wrong secret' });
		expect((bot.requests[0].json as any).message.text).toBe('oi');
	});
});

import { MalformedDeliveryError, parseTelegramUpdate } from './parse';

const BOT = '987654321';
const FROM = { id: 1111111, is_bot: false, first_name: 'Maria', last_name: 'Silva', username: 'maria', language_code: 'pt-br' };
const CHAT = { id: 1111111, type: 'private', first_name: 'Maria' };

function update(message: Record<string, unknown>): unknown {
	return { update_id: 10000, message: { message_id: 1365, date: 1441645532, from: FROM, chat: CHAT, ...message } };
}

function contentOf(message: Record<string, unknown>): unknown {
	const { messages } = parseTelegramUpdate(update(message), BOT);
	expect(messages).toHaveLength(1);
	return messages[0].content;
}

describe('parseTelegramUpdate: messages', () => {
	it('parses the text sample', () => {
		const sample = {
			update_id: 10000,
			message: {
				message_id: 1365,
				date: 1441645532,
				from: { id: 1111111, is_bot: false, first_name: 'Maria', username: 'maria', language_code: 'pt-br' },
				chat: { id: 1111111, type: 'private', first_name: 'Maria' },
				text: '2ª via',
			},
		};
		expect(parseTelegramUpdate(sample, BOT)).toEqual({
			messages: [
				{
					channel: 'telegram',
					accountId: BOT,
					contactId: '1111111',
					contactName: 'Maria',
					messageId: 'tg:10000',
					timestamp: 1441645532000,
					content: { kind: 'text', text: '2ª via' },
				},
			],
			statuses: [],
		});
	});

	it('joins first and last name, and uses the chat id (groups are negative)', () => {
		const [message] = parseTelegramUpdate(update({ chat: { id: -100123, type: 'supergroup' }, text: 'oi' }), BOT).messages;
		expect(message.contactName).toBe('Maria Silva');
		expect(message.contactId).toBe('-100123');
	});

	it('takes the largest photo size, with caption', () => {
		expect(
			contentOf({
				photo: [
					{ file_id: 'small', file_unique_id: 's', width: 90, height: 90 },
					{ file_id: 'large', file_unique_id: 'l', width: 1280, height: 1280 },
				],
				caption: 'comprovante',
			}),
		).toEqual({ kind: 'media', mediaType: 'image', mediaId: 'large', caption: 'comprovante' });
	});

	it('reads document, audio, voice and video', () => {
		expect(contentOf({ document: { file_id: 'doc', file_name: 'boleto.pdf', mime_type: 'application/pdf' } })).toEqual({
			kind: 'media',
			mediaType: 'document',
			mediaId: 'doc',
			fileName: 'boleto.pdf',
			mimeType: 'application/pdf',
		});
		expect(contentOf({ audio: { file_id: 'aud', mime_type: 'audio/mpeg', duration: 3 } })).toEqual({ kind: 'media', mediaType: 'audio', mediaId: 'aud', mimeType: 'audio/mpeg' });
		expect(contentOf({ voice: { file_id: 'voi', mime_type: 'audio/ogg', duration: 2 } })).toEqual({ kind: 'media', mediaType: 'audio', mediaId: 'voi', mimeType: 'audio/ogg' });
		expect(contentOf({ video: { file_id: 'vid' } })).toEqual({ kind: 'media', mediaType: 'video', mediaId: 'vid' });
	});

	it('reads location and venue', () => {
		expect(contentOf({ location: { latitude: -27.1, longitude: -52.6 } })).toEqual({ kind: 'location', latitude: -27.1, longitude: -52.6 });
		expect(
			contentOf({
				location: { latitude: -27.1, longitude: -52.6 },
				venue: { location: { latitude: -27.1, longitude: -52.6 }, title: 'Loja', address: 'Rua A, 1' },
			}),
		).toEqual({ kind: 'location', latitude: -27.1, longitude: -52.6, name: 'Loja', address: 'Rua A, 1' });
	});

	it('reads a shared contact', () => {
		expect(contentOf({ contact: { phone_number: '+5511987654321', first_name: 'João', last_name: 'Souza', user_id: 2 } })).toEqual({
			kind: 'contact',
			name: 'João Souza',
			phones: ['+5511987654321'],
		});
	});

	it('marks stickers, polls and empty messages as unsupported', () => {
		expect(contentOf({ sticker: { file_id: 's' } })).toEqual({ kind: 'unsupported', originalType: 'sticker' });
		expect(contentOf({ poll: { id: 'p' } })).toEqual({ kind: 'unsupported', originalType: 'poll' });
		expect(contentOf({})).toEqual({ kind: 'unsupported', originalType: 'message' });
	});

	it('works without from (no contact name)', () => {
		const { messages } = parseTelegramUpdate({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 5 }, text: 'x' } }, BOT);
		expect(messages[0].contactName).toBeUndefined();
		expect(messages[0].contactId).toBe('5');
	});
});

describe('parseTelegramUpdate: callback queries', () => {
	const keyboard = {
		inline_keyboard: [[{ text: '2ª via boleto', callback_data: 'menu_2via' }], [{ text: 'Suporte', callback_data: 'menu_sup' }]],
	};

	it('parses the callback sample as a choice and returns the id to answer', () => {
		const sample = {
			update_id: 10001,
			callback_query: {
				id: '4382bfdwdsb323b2d9',
				chat_instance: '-2341234123412341234',
				from: { id: 1111111, is_bot: false, first_name: 'Maria' },
				message: { message_id: 1366, date: 1441645600, chat: { id: 1111111, type: 'private' }, text: 'Escolha:' },
				data: 'menu_2via',
			},
		};
		expect(parseTelegramUpdate(sample, BOT, 1700000000000)).toEqual({
			messages: [
				{
					channel: 'telegram',
					accountId: BOT,
					contactId: '1111111',
					contactName: 'Maria',
					messageId: 'tg:10001',
					timestamp: 1700000000000,
					content: { kind: 'choice', id: 'menu_2via', title: 'menu_2via' },
				},
			],
			statuses: [],
			callbackQueryId: '4382bfdwdsb323b2d9',
		});
	});

	it('takes the title from the button in reply_markup', () => {
		const body = {
			update_id: 2,
			callback_query: { id: 'q', from: FROM, message: { message_id: 1, date: 1, chat: CHAT, text: 'Escolha:', reply_markup: keyboard }, data: 'menu_sup' },
		};
		expect(parseTelegramUpdate(body, BOT).messages[0].content).toEqual({ kind: 'choice', id: 'menu_sup', title: 'Suporte' });
	});

	it('falls back to from.id when the message is not available, and stamps with the receive time by default', () => {
		const before = Date.now();
		const { messages } = parseTelegramUpdate({ update_id: 3, callback_query: { id: 'q', from: { id: 42, first_name: 'A' }, data: 'x' } }, BOT);
		expect(messages[0].contactId).toBe('42');
		expect(messages[0].timestamp).toBeGreaterThanOrEqual(before);
	});

	it('marks a callback without data (game) as unsupported but still returns its id', () => {
		const delivery = parseTelegramUpdate({ update_id: 4, callback_query: { id: 'q', from: FROM, game_short_name: 'g' } }, BOT);
		expect(delivery.messages[0].content).toEqual({ kind: 'unsupported', originalType: 'callback_query' });
		expect(delivery.callbackQueryId).toBe('q');
	});
});

describe('parseTelegramUpdate: ignored updates', () => {
	it.each([
		['edited_message', { edited_message: { message_id: 1, date: 1, chat: CHAT, text: 'editado' } }],
		['edited_channel_post', { edited_channel_post: { message_id: 1, date: 1, chat: CHAT, text: 'x' } }],
		['my_chat_member', { my_chat_member: { chat: CHAT } }],
		['no content', {}],
	])('returns nothing for %s', (_case, fields) => {
		expect(parseTelegramUpdate({ update_id: 7, ...fields }, BOT)).toEqual({ messages: [], statuses: [] });
	});
});

describe('parseTelegramUpdate: malformed input', () => {
	it.each([
		['null', null],
		['an array', [{ update_id: 1 }]],
		['a string', 'update'],
		['no update_id', { message: { message_id: 1, date: 1, chat: CHAT, text: 'x' } }],
		['a string update_id', { update_id: '1', message: { message_id: 1, date: 1, chat: CHAT, text: 'x' } }],
		['a message that is not an object', { update_id: 1, message: 'oi' }],
		['a message without chat', { update_id: 1, message: { message_id: 1, date: 1, text: 'x' } }],
		['a message without date', { update_id: 1, message: { message_id: 1, chat: CHAT, text: 'x' } }],
		['a location without numbers', { update_id: 1, message: { message_id: 1, date: 1, chat: CHAT, location: { latitude: 'a' } } }],
		['a callback without id', { update_id: 1, callback_query: { from: FROM, data: 'x' } }],
		['a callback without chat or sender', { update_id: 1, callback_query: { id: 'q', data: 'x' } }],
	])('throws MalformedDeliveryError for %s', (_case, body) => {
		expect(() => parseTelegramUpdate(body, BOT)).toThrow(MalformedDeliveryError);
	});
});

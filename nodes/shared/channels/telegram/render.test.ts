import { InvalidOutboundError } from '../errors';
import type { OutboundMessage } from '../types';
import { renderTelegram } from './render';

const CHAT = '1111111';

function bodyOf(msg: OutboundMessage): Record<string, any> {
	const requests = renderTelegram(CHAT, msg);
	expect(requests).toHaveLength(1);
	return requests[0].body as Record<string, any>;
}

describe('renderTelegram: text and template', () => {
	it('sends text with sendMessage', () => {
		expect(renderTelegram(CHAT, { kind: 'text', text: '2ª via' })).toEqual([
			{ method: 'POST', path: '/sendMessage', body: { chat_id: CHAT, text: '2ª via' } },
		]);
	});

	it('cuts text over 4096 characters and refuses empty text', () => {
		expect(bodyOf({ kind: 'text', text: 'a'.repeat(5000) }).text).toHaveLength(4096);
		expect(() => renderTelegram(CHAT, { kind: 'text', text: '' })).toThrow(InvalidOutboundError);
		expect(() => renderTelegram('', { kind: 'text', text: 'oi' })).toThrow(InvalidOutboundError);
	});

	it('renders a template as plain text from its fallback text', () => {
		const body = bodyOf({
			kind: 'template',
			name: 'fatura_disponivel',
			language: 'pt_BR',
			bodyParameters: ['Maria', 'R$ 26,00'],
			fallbackText: 'Olá {{1}}! Sua fatura de {{2}} está disponível.',
		});
		expect(body).toEqual({ chat_id: CHAT, text: 'Olá Maria! Sua fatura de R$ 26,00 está disponível.' });
		expect(bodyOf({ kind: 'template', name: 'fatura_disponivel', language: 'pt_BR', bodyParameters: ['Maria', 'R$ 26,00'] }).text).toBe('Maria\nR$ 26,00');
	});
});

describe('renderTelegram: choices', () => {
	it('renders an inline keyboard, one button per row, callback_data = choice id', () => {
		const body = bodyOf({
			kind: 'choices',
			text: 'Escolha uma opção:',
			footer: 'Atendimento 24h',
			choices: [
				{ id: 'menu_2via', label: '2ª via boleto' },
				{ id: 'menu_desbloq', label: 'Desbloqueio' },
				{ id: 'menu_sup', label: 'Suporte' },
				{ id: 'menu_com', label: 'Comercial' },
			],
		});
		expect(body).toEqual({
			chat_id: CHAT,
			text: 'Escolha uma opção:\n\nAtendimento 24h',
			reply_markup: {
				inline_keyboard: [
					[{ text: '2ª via boleto', callback_data: 'menu_2via' }],
					[{ text: 'Desbloqueio', callback_data: 'menu_desbloq' }],
					[{ text: 'Suporte', callback_data: 'menu_sup' }],
					[{ text: 'Comercial', callback_data: 'menu_com' }],
				],
			},
		});
	});

	it('accepts callback_data of exactly 64 bytes, counting UTF-8 bytes', () => {
		const id = 'ç'.repeat(32);
		expect(Buffer.byteLength(id)).toBe(64);
		expect(bodyOf({ kind: 'choices', text: 'x', choices: [{ id, label: 'A' }] }).reply_markup.inline_keyboard[0][0].callback_data).toBe(id);
	});

	it('falls back to numbered text when an id is over 64 bytes (33 × "ç" = 66 bytes)', () => {
		const body = bodyOf({ kind: 'choices', text: 'Setor:', choices: [{ id: 'ç'.repeat(33), label: 'Comercial' }, { id: 'b', label: 'Suporte' }] });
		expect(body).toEqual({ chat_id: CHAT, text: 'Setor:\n\n1 - Comercial\n2 - Suporte\n\nResponda com o número da opção desejada.' });
	});

	it('falls back to numbered text for duplicate ids', () => {
		expect(bodyOf({ kind: 'choices', text: 'x', choices: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }).reply_markup).toBeUndefined();
	});

	it('uses a default prompt when the text is empty', () => {
		expect(bodyOf({ kind: 'choices', text: ' ', choices: [{ id: 'a', label: 'A' }] }).text).toBe('Escolha uma opção:');
	});
});

describe('renderTelegram: media', () => {
	it.each([
		['image', 'sendPhoto', 'photo'],
		['document', 'sendDocument', 'document'],
		['audio', 'sendAudio', 'audio'],
		['video', 'sendVideo', 'video'],
	] as const)('sends %s with %s by URL', (mediaType, method, field) => {
		expect(renderTelegram(CHAT, { kind: 'media', mediaType, url: 'https://erp.example/f', caption: 'Boleto venc. 21/11' })).toEqual([
			{ method: 'POST', path: `/${method}`, body: { chat_id: CHAT, [field]: 'https://erp.example/f', caption: 'Boleto venc. 21/11' } },
		]);
	});

	it('prefers a file_id, cuts captions to 1024 and omits empty captions', () => {
		expect(bodyOf({ kind: 'media', mediaType: 'document', mediaId: 'BQACAgEAAx', url: 'https://x', caption: 'c'.repeat(2000) })).toEqual({
			chat_id: CHAT,
			document: 'BQACAgEAAx',
			caption: `${'c'.repeat(1023)}…`,
		});
		expect(bodyOf({ kind: 'media', mediaType: 'image', url: 'https://x', caption: '' })).toEqual({ chat_id: CHAT, photo: 'https://x' });
	});

	it('refuses media without URL or file_id', () => {
		expect(() => renderTelegram(CHAT, { kind: 'media', mediaType: 'document', data: 'JVBERi0=' })).toThrow(/URL pública/);
		expect(() => renderTelegram(CHAT, { kind: 'media', mediaType: 'image' })).toThrow(InvalidOutboundError);
	});
});

describe('re-exports', () => {
	it('exposes the request builders next to the renderer', async () => {
		const render = await import('./render');
		expect(Object.keys(render)).toEqual(
			expect.arrayContaining(['answerCallbackQuery', 'setWebhookRequest', 'deleteWebhookRequest', 'getWebhookInfoRequest', 'telegramPath']),
		);
	});
});

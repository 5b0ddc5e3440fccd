import { InvalidOutboundError } from '../errors';
import type { Choice } from '../types';
import { chatwootInboxKind, renderChatwoot, whatsAppTitles } from './render';
import { classifyChatwootError } from './errors';

const choices: Choice[] = [
	{ id: 'opcao_1', label: '2ª via' },
	{ id: 'opcao_2', label: 'Suporte' },
];

it('knows which inboxes show options', () => {
	expect(['Channel::WebWidget', 'Channel::Api', 'Channel::Telegram', 'Channel::Line'].map(chatwootInboxKind)).toEqual(['options', 'options', 'options', 'options']);
	expect(chatwootInboxKind('Channel::Whatsapp')).toBe('whatsapp');
	expect(['Channel::FacebookPage', 'Channel::Instagram', 'Channel::Email', 'Channel::Sms', 'Channel::TwilioSms', undefined].map(chatwootInboxKind)).toEqual(['text', 'text', 'text', 'text', 'text', 'text']);
});

it('renders a text as an outgoing public message', () => {
	expect(renderChatwoot({ kind: 'text', text: 'Olá' }, 'text')).toEqual({ kind: 'json', body: { content: 'Olá', message_type: 'outgoing', private: false } });
	expect(() => renderChatwoot({ kind: 'text', text: ' ' }, 'text')).toThrow(InvalidOutboundError);
});

it('renders options as input_select with the choice id as value where the inbox shows them', () => {
	expect(renderChatwoot({ kind: 'choices', text: 'Escolha:', choices }, 'options')).toEqual({
		kind: 'json',
		body: {
			content: 'Escolha:',
			content_type: 'input_select',
			content_attributes: { items: [{ title: '2ª via', value: 'opcao_1' }, { title: 'Suporte', value: 'opcao_2' }] },
			message_type: 'outgoing',
			private: false,
		},
	});
});

it('cuts titles to the WhatsApp limits (20 for buttons, 24 for list rows), and falls back to text past 10 or on clashes', () => {
	const long = [{ id: 'a', label: 'Consultar minha fatura atual' }, { id: 'b', label: 'Suporte' }];
	const rendered = renderChatwoot({ kind: 'choices', text: 'Menu', choices: long }, 'whatsapp');
	expect(rendered.kind === 'json' && (rendered.body.content_attributes as { items: Array<{ title: string }> }).items[0].title).toBe('Consultar minha fat…');
	const four = ['Consultar minha fatura atual', 'B', 'C', 'D'].map((label, index) => ({ id: String(index), label }));
	expect(whatsAppTitles(four)?.[0]).toBe('Consultar minha fatura …');
	expect(whatsAppTitles(Array.from({ length: 11 }, (_, index) => ({ id: String(index), label: `Opção ${index}` })))).toBeUndefined();
	expect(whatsAppTitles([{ id: '1', label: 'Consultar minha fatura de janeiro' }, { id: '2', label: 'Consultar minha fatura de fevereiro' }])).toBeUndefined();
});

it('renders options as a numbered menu where the inbox cannot show them (Facebook, Instagram, e-mail, SMS)', () => {
	const rendered = renderChatwoot({ kind: 'choices', text: 'Escolha:', choices }, 'text');
	expect(rendered).toEqual({ kind: 'json', body: { content: 'Escolha:\n\n1 - 2ª via\n2 - Suporte\n\nResponda com o número da opção desejada.', message_type: 'outgoing', private: false } });
});

it('sends a binary file as an attachment, a file by URL as its link, a template as its fallback text', () => {
	expect(renderChatwoot({ kind: 'media', mediaType: 'document', data: 'JVBERg==', mimeType: 'application/pdf', fileName: 'boleto.pdf', caption: 'Seu boleto' }, 'text')).toEqual({
		kind: 'file',
		content: 'Seu boleto',
		data: 'JVBERg==',
		mimeType: 'application/pdf',
		fileName: 'boleto.pdf',
	});
	expect(renderChatwoot({ kind: 'media', mediaType: 'image', url: 'https://x/y.png', caption: 'Veja' }, 'text')).toMatchObject({ body: { content: 'Veja\nhttps://x/y.png' } });
	expect(() => renderChatwoot({ kind: 'media', mediaType: 'image' }, 'text')).toThrow(InvalidOutboundError);
	expect(renderChatwoot({ kind: 'template', name: 'fatura', language: 'pt_BR', bodyParameters: ['Maria'], fallbackText: 'Olá {{1}}' }, 'whatsapp')).toMatchObject({ body: { content: 'Olá Maria' } });
});

it('classifies Chatwoot errors', () => {
	expect(classifyChatwootError(429, {})).toMatchObject({ retry: 'backoff' });
	expect(classifyChatwootError(500, {})).toMatchObject({ retry: 'backoff' });
	expect(classifyChatwootError(401, { error: 'Access to this endpoint is not authorized for bots' })).toMatchObject({ retry: 'never', reason: expect.stringContaining('not authorized for bots') });
	expect(classifyChatwootError(404, {})).toMatchObject({ retry: 'never', code: 404 });
	expect(classifyChatwootError(422, { message: 'Team not found' })).toMatchObject({ retry: 'never', reason: expect.stringContaining('Team not found') });
});

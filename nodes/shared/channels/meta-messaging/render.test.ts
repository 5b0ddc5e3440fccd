import { InvalidOutboundError } from '../errors';
import { distinctTitles, renderMetaMessaging, renderSenderAction, textMessages } from './render';

const messenger = { channel: 'messenger' as const, apiVersion: 'v26.0', accountId: '104000000000001' };
const instagram = { channel: 'instagram' as const, apiVersion: '26.0', accountId: '17841400000000001' };
const bodies = (requests: ReturnType<typeof renderMetaMessaging>) => requests.map((request) => request.body as Record<string, unknown>);

describe('renderMetaMessaging', () => {
	it('sends text as a RESPONSE to the PSID on the Page, and to /me on Instagram', () => {
		const [request] = renderMetaMessaging('psid1', { kind: 'text', text: 'Olá' }, messenger);
		expect(request).toEqual({ method: 'POST', path: '/v26.0/104000000000001/messages', body: { recipient: { id: 'psid1' }, messaging_type: 'RESPONSE', message: { text: 'Olá' } } });
		expect(renderMetaMessaging('igsid', { kind: 'text', text: 'Olá' }, instagram)[0].path).toBe('/v26.0/me/messages');
	});

	it('a human agent reply goes as MESSAGE_TAG + HUMAN_AGENT', () => {
		const [request] = renderMetaMessaging('psid1', { kind: 'text', text: 'Oi, aqui é a Ana' }, { ...messenger, humanAgent: true });
		expect(request.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Oi, aqui é a Ana' } });
	});

	it('splits a text over the limit (2000 Messenger, 1000 Instagram) at word ends', () => {
		const long = Array.from({ length: 400 }, (_, index) => `palavra${index}`).join(' ');
		const pieces = bodies(renderMetaMessaging('igsid', { kind: 'text', text: long }, instagram)).map((body) => (body.message as { text: string }).text);
		expect(pieces.length).toBeGreaterThan(3);
		expect(pieces.every((piece) => piece.length <= 1000)).toBe(true);
		expect(pieces.join(' ')).toBe(long);
		expect(renderMetaMessaging('psid', { kind: 'text', text: long }, messenger).length).toBeLessThan(pieces.length);
	});

	it('textMessages cuts a text without spaces at the limit and refuses an empty one', () => {
		expect(textMessages('a'.repeat(2500), 1000).map((piece) => piece.length)).toEqual([1000, 1000, 500]);
		expect(() => textMessages('  ', 1000)).toThrow(InvalidOutboundError);
	});

	it('choices become quick replies with the choice id as payload, titles cut to 20 and kept distinct', () => {
		const [request] = renderMetaMessaging(
			'psid1',
			{
				kind: 'choices',
				text: 'Como podemos ajudar?',
				choices: [
					{ id: 'opcao_1', label: 'Segunda via do boleto atrasado' },
					{ id: 'opcao_2', label: 'Segunda via do boleto do mês' },
					{ id: 'opcao_3', label: 'Suporte' },
				],
			},
			messenger,
		);
		const message = (request.body as { message: { text: string; quick_replies: Array<{ content_type: string; title: string; payload: string }> } }).message;
		expect(message.text).toBe('Como podemos ajudar?');
		expect(message.quick_replies).toEqual([
			{ content_type: 'text', title: 'Segunda via do bole…', payload: 'opcao_1' },
			{ content_type: 'text', title: 'Segunda via do bo… 2', payload: 'opcao_2' },
			{ content_type: 'text', title: 'Suporte', payload: 'opcao_3' },
		]);
		expect(message.quick_replies.every((reply) => reply.title.length <= 20)).toBe(true);
	});

	it('more than 13 choices become a numbered text menu', () => {
		const choices = Array.from({ length: 14 }, (_, index) => ({ id: `o${index}`, label: `Opção ${index + 1}` }));
		const [request] = renderMetaMessaging('psid1', { kind: 'choices', text: 'Escolha', choices }, messenger);
		const message = (request.body as { message: Record<string, unknown> }).message;
		expect(message.quick_replies).toBeUndefined();
		expect(message.text).toMatch(/^Escolha\n\n1 - Opção 1\n2 - Opção 2[\s\S]*14 - Opção 14\n\nResponda com o número/);
	});

	it('media by URL is an attachment (document → file), the caption a text after it; an uploaded file by attachment_id', () => {
		const requests = bodies(renderMetaMessaging('psid1', { kind: 'media', mediaType: 'document', url: 'https://x/f.pdf', caption: 'Sua fatura' }, messenger));
		expect(requests.map((body) => body.message)).toEqual([{ attachment: { type: 'file', payload: { url: 'https://x/f.pdf', is_reusable: true } } }, { text: 'Sua fatura' }]);
		const [uploaded] = bodies(renderMetaMessaging('psid1', { kind: 'media', mediaType: 'image', mediaId: '900' }, messenger));
		expect(uploaded.message).toEqual({ attachment: { type: 'image', payload: { attachment_id: '900' } } });
		expect(() => renderMetaMessaging('psid1', { kind: 'media', mediaType: 'image', data: 'AAAA' }, messenger)).toThrow(/upload/);
	});

	it('a template becomes its text', () => {
		const [request] = renderMetaMessaging('psid1', { kind: 'template', name: 'aviso', language: 'pt_BR', bodyParameters: ['Maria'], fallbackText: 'Olá {{1}}!' }, messenger);
		expect(request.body).toMatchObject({ message: { text: 'Olá Maria!' } });
	});

	it('refuses an empty recipient, a bad version or a non-numeric Page id', () => {
		expect(() => renderMetaMessaging('', { kind: 'text', text: 'x' }, messenger)).toThrow(InvalidOutboundError);
		expect(() => renderMetaMessaging('p', { kind: 'text', text: 'x' }, { ...messenger, apiVersion: 'latest' })).toThrow(/Versão/);
		expect(() => renderMetaMessaging('p', { kind: 'text', text: 'x' }, { ...messenger, accountId: 'minha-pagina' })).toThrow(/Página/);
	});
});

describe('renderSenderAction', () => {
	it('has sender_action and no message', () => {
		expect(renderSenderAction('psid1', 'typing_on', messenger)).toEqual({ method: 'POST', path: '/v26.0/104000000000001/messages', body: { recipient: { id: 'psid1' }, sender_action: 'typing_on' } });
	});
});

describe('distinctTitles', () => {
	it('keeps short distinct labels as they are', () => {
		expect(distinctTitles(['Sim', 'Não'], 20)).toEqual(['Sim', 'Não']);
	});
});

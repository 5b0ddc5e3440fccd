import { InvalidOutboundError } from '../errors';
import type { Choice, OutboundMessage, WireRequest } from '../types';
import { renderWhatsApp } from './render';

const OPTS = { apiVersion: 'v25.0', phoneNumberId: '106540352242922' };
const TO = '5511987654321';

function render(msg: OutboundMessage, to = TO): WireRequest[] {
	return renderWhatsApp(to, msg, OPTS);
}

/** The `interactive`/`text` part of the single request produced. */
function payload(msg: OutboundMessage): Record<string, any> {
	const requests = render(msg);
	expect(requests).toHaveLength(1);
	return requests[0].body as Record<string, any>;
}

function choices(count: number, label = (i: number) => `Opção ${i}`): Choice[] {
	return Array.from({ length: count }, (_, index) => ({ id: `opt_${index + 1}`, label: label(index + 1) }));
}

describe('renderWhatsApp: envelope', () => {
	it('posts to /<version>/<phone_number_id>/messages and replies to the wa_id as received', () => {
		const [request] = renderWhatsApp('554999999999', { kind: 'text', text: 'Olá! Como posso ajudar?' }, { apiVersion: '25.0', phoneNumberId: ' 106540352242922 ' });
		expect(request).toEqual({
			method: 'POST',
			path: '/v25.0/106540352242922/messages',
			body: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '554999999999',
				type: 'text',
				text: { preview_url: false, body: 'Olá! Como posso ajudar?' },
			},
		});
	});

	it('rejects an empty recipient, a bad version or phone number id', () => {
		expect(() => render({ kind: 'text', text: 'oi' }, ' ')).toThrow(InvalidOutboundError);
		expect(() => renderWhatsApp(TO, { kind: 'text', text: 'oi' }, { apiVersion: 'latest', phoneNumberId: '1' })).toThrow(/Versão/);
		expect(() => renderWhatsApp(TO, { kind: 'text', text: 'oi' }, { apiVersion: 'v25.0', phoneNumberId: '1/../2' })).toThrow(/Phone number ID/);
	});
});

describe('renderWhatsApp: text', () => {
	it('cuts text over 4096 characters with an ellipsis', () => {
		const body = payload({ kind: 'text', text: 'a'.repeat(5000) });
		expect(body.text.body).toHaveLength(4096);
		expect(body.text.body.endsWith('…')).toBe(true);
	});

	it('keeps text of exactly 4096 characters', () => {
		expect(payload({ kind: 'text', text: 'a'.repeat(4096) }).text.body).toBe('a'.repeat(4096));
	});

	it('refuses an empty text', () => {
		expect(() => render({ kind: 'text', text: '  ' })).toThrow(InvalidOutboundError);
	});
});

describe('renderWhatsApp: choices', () => {
	it('renders up to 3 short options as reply buttons (reference sample)', () => {
		const body = payload({
			kind: 'choices',
			text: 'Escolha uma opção:',
			footer: 'Atendimento 24h',
			choices: [
				{ id: 'menu_2via', label: '2ª via boleto' },
				{ id: 'menu_desbloq', label: 'Desbloqueio' },
				{ id: 'menu_suporte', label: 'Suporte técnico' },
			],
		});
		expect(body.type).toBe('interactive');
		expect(body.interactive).toEqual({
			type: 'button',
			body: { text: 'Escolha uma opção:' },
			footer: { text: 'Atendimento 24h' },
			action: {
				buttons: [
					{ type: 'reply', reply: { id: 'menu_2via', title: '2ª via boleto' } },
					{ type: 'reply', reply: { id: 'menu_desbloq', title: 'Desbloqueio' } },
					{ type: 'reply', reply: { id: 'menu_suporte', title: 'Suporte técnico' } },
				],
			},
		});
	});

	it('accepts a 20-character button title', () => {
		const twenty = [
			{ id: 'a', label: 'a'.repeat(20) },
			{ id: 'b', label: 'b'.repeat(20) },
		];
		expect(payload({ kind: 'choices', text: 'x', choices: twenty }).interactive.type).toBe('button');
	});

	it('switches to a list for 4 options', () => {
		const body = payload({ kind: 'choices', text: 'Menu', choices: choices(4) });
		expect(body.interactive.type).toBe('list');
		expect(body.interactive.action.sections).toHaveLength(1);
		expect(body.interactive.action.sections[0].rows).toHaveLength(4);
	});

	it('switches to a list for a 21-character title', () => {
		const body = payload({ kind: 'choices', text: 'Menu', choices: [{ id: 'a', label: 'x'.repeat(21) }, { id: 'b', label: 'Outro' }] });
		expect(body.interactive.type).toBe('list');
		expect(body.interactive.action.sections[0].rows[0].title).toBe('x'.repeat(21));
	});

	it('switches to a list for duplicate titles (buttons need unique titles)', () => {
		const body = payload({ kind: 'choices', text: 'Menu', choices: [{ id: 'a', label: 'Venc. 21/11' }, { id: 'b', label: 'Venc. 21/11' }] });
		expect(body.interactive.type).toBe('list');
	});

	it('renders a list with button label, section, rows and descriptions (reference sample)', () => {
		const body = payload({
			kind: 'choices',
			text: 'Selecione a fatura para receber o boleto/Pix.',
			buttonLabel: 'Ver faturas',
			footer: 'Provedor XYZ',
			choices: [
				{ id: 'fatura_145535', label: 'Venc. 21/11/2024', description: 'R$ 26,00 - em aberto' },
				{ id: 'fatura_145536', label: 'Venc. 21/12/2024', description: 'R$ 99,90 - em aberto' },
				{ id: 'fatura_145537', label: 'Venc. 21/01/2025' },
				{ id: 'fatura_145538', label: 'Venc. 21/02/2025', description: 'd'.repeat(80) },
			],
		});
		expect(body.interactive).toEqual({
			type: 'list',
			body: { text: 'Selecione a fatura para receber o boleto/Pix.' },
			footer: { text: 'Provedor XYZ' },
			action: {
				button: 'Ver faturas',
				sections: [
					{
						title: 'Ver faturas',
						rows: [
							{ id: 'fatura_145535', title: 'Venc. 21/11/2024', description: 'R$ 26,00 - em aberto' },
							{ id: 'fatura_145536', title: 'Venc. 21/12/2024', description: 'R$ 99,90 - em aberto' },
							{ id: 'fatura_145537', title: 'Venc. 21/01/2025' },
							{ id: 'fatura_145538', title: 'Venc. 21/02/2025', description: `${'d'.repeat(71)}…` },
						],
					},
				],
			},
		});
	});

	it('uses a default list button and cuts a long one to 20 characters', () => {
		expect(payload({ kind: 'choices', text: 'Menu', choices: choices(5) }).interactive.action.button).toBe('Ver opções');
		const label = payload({ kind: 'choices', text: 'Menu', buttonLabel: 'Clique aqui para ver as opções', choices: choices(5) }).interactive.action.button;
		expect(label).toHaveLength(20);
		expect(label.endsWith('…')).toBe(true);
	});

	it('accepts exactly 10 rows as a list', () => {
		expect(payload({ kind: 'choices', text: 'Menu', choices: choices(10) }).interactive.type).toBe('list');
	});

	it('falls back to numbered text for 11 options', () => {
		const body = payload({ kind: 'choices', text: 'Com quem deseja falar?', choices: choices(11) });
		expect(body.type).toBe('text');
		expect(body.text.body).toBe(
			`Com quem deseja falar?\n\n${Array.from({ length: 11 }, (_, i) => `${i + 1} - Opção ${i + 1}`).join('\n')}\n\nResponda com o número da opção desejada.`,
		);
	});

	it('falls back to numbered text for a 25-character title', () => {
		const body = payload({
			kind: 'choices',
			text: 'Setor:',
			choices: [
				{ id: 'com', label: 'Comercial' },
				{ id: 'fin', label: 'Financeiro e cobranças 2x' },
			],
		});
		expect(body.text.body).toBe('Setor:\n\n1 - Comercial\n2 - Financeiro e cobranças 2x\n\nResponda com o número da opção desejada.');
	});

	it('falls back to numbered text for duplicate or empty ids', () => {
		expect(payload({ kind: 'choices', text: 'x', choices: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }).type).toBe('text');
		expect(payload({ kind: 'choices', text: 'x', choices: [{ id: '', label: 'A' }] }).type).toBe('text');
	});

	it('cuts an interactive body over 1024 characters and a footer over 60', () => {
		const body = payload({ kind: 'choices', text: 'p'.repeat(2000), footer: 'f'.repeat(100), choices: choices(2) });
		expect(body.interactive.body.text).toHaveLength(1024);
		expect(body.interactive.footer.text).toHaveLength(60);
	});

	it('uses a default prompt when the text is empty, and plain text when there are no options', () => {
		expect(payload({ kind: 'choices', text: '', choices: choices(2) }).interactive.body.text).toBe('Escolha uma opção:');
		expect(payload({ kind: 'choices', text: 'Sem opções', choices: [] }).text.body).toBe('Sem opções');
	});
});

describe('renderWhatsApp: media', () => {
	it('sends a document by link with caption and filename (reference sample)', () => {
		const body = payload({
			kind: 'media',
			mediaType: 'document',
			url: 'https://erp.example/boleto/145535.pdf',
			caption: 'Boleto venc. 21/11',
			fileName: 'boleto-145535.pdf',
		});
		expect(body).toMatchObject({
			type: 'document',
			document: { link: 'https://erp.example/boleto/145535.pdf', caption: 'Boleto venc. 21/11', filename: 'boleto-145535.pdf' },
		});
	});

	it('prefers an uploaded media id over the link, and never sends both', () => {
		const body = payload({ kind: 'media', mediaType: 'image', mediaId: '1479537139650973', url: 'https://x/y.png', caption: 'QR Code Pix', fileName: 'qr.png' });
		expect(body.image).toEqual({ id: '1479537139650973', caption: 'QR Code Pix' });
	});

	it('sends audio without caption, and the caption as a following text', () => {
		const requests = render({ kind: 'media', mediaType: 'audio', mediaId: '42', caption: 'Ouça o aviso' });
		expect(requests.map((request) => request.body)).toEqual([
			expect.objectContaining({ type: 'audio', audio: { id: '42' } }),
			expect.objectContaining({ type: 'text', text: { preview_url: false, body: 'Ouça o aviso' } }),
		]);
	});

	it('cuts a caption over 1024 characters', () => {
		expect(payload({ kind: 'media', mediaType: 'video', url: 'https://x/v.mp4', caption: 'c'.repeat(1100) }).video.caption).toHaveLength(1024);
	});

	it('refuses media that was not uploaded or has no source', () => {
		expect(() => render({ kind: 'media', mediaType: 'document', data: 'JVBERi0=', mimeType: 'application/pdf' })).toThrow(/upload/);
		expect(() => render({ kind: 'media', mediaType: 'image' })).toThrow(InvalidOutboundError);
	});
});

describe('renderWhatsApp: template', () => {
	it('sends name, language and body parameters', () => {
		const body = payload({ kind: 'template', name: 'fatura_disponivel', language: 'pt_BR', bodyParameters: ['Maria', 'R$ 26,00', '21/11/2024'] });
		expect(body).toMatchObject({
			type: 'template',
			template: {
				name: 'fatura_disponivel',
				language: { code: 'pt_BR' },
				components: [
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Maria' },
							{ type: 'text', text: 'R$ 26,00' },
							{ type: 'text', text: '21/11/2024' },
						],
					},
				],
			},
		});
	});

	it('omits components when there are no parameters', () => {
		expect(payload({ kind: 'template', name: 'boas_vindas', language: 'pt_BR', bodyParameters: [] }).template).toEqual({
			name: 'boas_vindas',
			language: { code: 'pt_BR' },
		});
	});

	it('flattens new lines and tabs, limits runs of spaces and fills empty parameters', () => {
		const body = payload({ kind: 'template', name: 't', language: 'pt_BR', bodyParameters: ['Rua A,\n  123\tCentro', 'a          b', ''] });
		expect(body.template.components[0].parameters.map((p: { text: string }) => p.text)).toEqual(['Rua A, 123 Centro', 'a    b', '-']);
	});

	it('gives each quick-reply button its payload, after the body', () => {
		const body = payload({ kind: 'template', name: 'rede', language: 'pt_BR', bodyParameters: ['Maria'], buttonPayloads: ['botao_1', 'botao_2'] });
		expect(body.template.components).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: 'Maria' }] },
			{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'botao_1' }] },
			{ type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'botao_2' }] },
		]);
	});

	it("puts a payload given with its button's index at that index", () => {
		const body = payload({ kind: 'template', name: 'rede', language: 'pt_BR', bodyParameters: [], buttonPayloads: [{ index: 1, payload: 'atd1|1|c:cliente:1' }, { index: 3, payload: 'atd1|2|c:cliente:1' }] });
		expect(body.template.components).toEqual([
			{ type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'atd1|1|c:cliente:1' }] },
			{ type: 'button', sub_type: 'quick_reply', index: '3', parameters: [{ type: 'payload', payload: 'atd1|2|c:cliente:1' }] },
		]);
	});

	it('refuses a template without name or language', () => {
		expect(() => render({ kind: 'template', name: '', language: 'pt_BR', bodyParameters: [] })).toThrow(InvalidOutboundError);
	});
});

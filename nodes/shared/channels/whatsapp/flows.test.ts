import { InvalidOutboundError } from '../errors';
import type { FlowMessage } from '../types';
import { flowCtaProblem } from './flows';
import { parseWhatsAppDelivery } from './parse';
import { renderWhatsApp } from './render';

const OPTIONS = { apiVersion: 'v25.0', phoneNumberId: '106540352242922' };

function flow(overrides: Partial<FlowMessage> = {}): FlowMessage {
	return {
		kind: 'flow',
		flow: { id: '1197715005513101' },
		buttonLabel: 'Preencher',
		text: 'Preencha seus dados',
		mode: 'published',
		token: 'conv-13098.n1',
		action: { type: 'navigate', screen: 'CADASTRO', data: { plano: '500MB' } },
		...overrides,
	};
}

function bodyOf(message: FlowMessage): Record<string, unknown> {
	const [request] = renderWhatsApp('5511999990000', message, OPTIONS);
	return request.body as Record<string, unknown>;
}

describe('renderWhatsApp: Flow messages', () => {
	it('renders the documented interactive flow message (navigate with screen and data)', () => {
		expect(bodyOf(flow({ header: 'Cadastro', footer: 'Provedor XYZ' }))).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '5511999990000',
			type: 'interactive',
			interactive: {
				type: 'flow',
				header: { type: 'text', text: 'Cadastro' },
				body: { text: 'Preencha seus dados' },
				footer: { text: 'Provedor XYZ' },
				action: {
					name: 'flow',
					parameters: {
						flow_message_version: '3',
						flow_token: 'conv-13098.n1',
						flow_id: '1197715005513101',
						flow_cta: 'Preencher',
						mode: 'published',
						flow_action: 'navigate',
						flow_action_payload: { screen: 'CADASTRO', data: { plano: '500MB' } },
					},
				},
			},
		});
	});

	it('leaves out empty data, uses flow_name when given a name, and renders draft mode', () => {
		const parameters = (bodyOf(flow({ flow: { name: 'cadastro_cliente' }, mode: 'draft', action: { type: 'navigate', screen: 'INICIO', data: {} } })).interactive as {
			action: { parameters: Record<string, unknown> };
		}).action.parameters;
		expect(parameters.flow_name).toBe('cadastro_cliente');
		expect(parameters).not.toHaveProperty('flow_id');
		expect(parameters.mode).toBe('draft');
		expect(parameters.flow_action_payload).toEqual({ screen: 'INICIO' });
	});

	it('omits flow_action_payload for data_exchange', () => {
		const parameters = (bodyOf(flow({ action: { type: 'dataExchange' } })).interactive as { action: { parameters: Record<string, unknown> } }).action.parameters;
		expect(parameters.flow_action).toBe('data_exchange');
		expect(parameters).not.toHaveProperty('flow_action_payload');
	});

	it('refuses what Meta refuses before sending: long or emoji CTA, no screen, no flow, no body', () => {
		expect(() => bodyOf(flow({ buttonLabel: 'Preencher meu cadastro agora' }))).toThrow(InvalidOutboundError);
		expect(() => bodyOf(flow({ buttonLabel: 'Preencher 📝' }))).toThrow('não pode ter emoji');
		expect(() => bodyOf(flow({ action: { type: 'navigate', screen: ' ' } }))).toThrow('tela inicial');
		expect(() => bodyOf(flow({ flow: { id: '' } }))).toThrow('sem o ID nem o nome');
		expect(() => bodyOf(flow({ text: '' }))).toThrow('sem texto');
	});

	it('counts the CTA in characters: 20 accented characters are fine, 21 are not', () => {
		expect(flowCtaProblem('ã'.repeat(20))).toBeUndefined();
		expect(flowCtaProblem('ã'.repeat(21))).toContain('20 caracteres');
		expect(flowCtaProblem('Sim 🇧🇷')).toContain('emoji');
	});
});

function nfmReply(responseJson: unknown, extra: Record<string, unknown> = {}): unknown {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '102290129340398',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
							contacts: [{ profile: { name: 'Maria' }, wa_id: '5511999990000' }],
							messages: [
								{
									from: '5511999990000',
									id: 'wamid.reply',
									timestamp: '1721069262',
									type: 'interactive',
									context: { from: '15550783881', id: 'wamid.flow' },
									interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson } },
									...extra,
								},
							],
						},
					},
				],
			},
		],
	};
}

describe('parseWhatsAppDelivery: nfm_reply', () => {
	it('parses response_json given as a JSON string (the documented shape)', () => {
		const [message] = parseWhatsAppDelivery(nfmReply('{"flow_token":"conv-13098-step-4","nome":"Maria","servicos":["tv","fone"]}')).messages;
		expect(message.content).toEqual({
			kind: 'form',
			token: 'conv-13098-step-4',
			fields: { nome: 'Maria', servicos: ['tv', 'fone'] },
			repliesTo: 'wamid.flow',
		});
	});

	it('accepts response_json already parsed into an object', () => {
		const [message] = parseWhatsAppDelivery(nfmReply({ flow_token: 'abc', cpf: '12345678909' })).messages;
		expect(message.content).toEqual({ kind: 'form', token: 'abc', fields: { cpf: '12345678909' }, repliesTo: 'wamid.flow' });
	});

	it('keeps a reply without flow_token (a known iOS issue) as a form without token', () => {
		const [message] = parseWhatsAppDelivery(nfmReply('{"nome":"Maria"}')).messages;
		expect(message.content).toEqual({ kind: 'form', fields: { nome: 'Maria' }, repliesTo: 'wamid.flow' });
	});

	it('leaves other nfm_reply kinds (address_message) unsupported, without a problem to log', () => {
		const body = nfmReply(undefined, { interactive: { type: 'nfm_reply', nfm_reply: { name: 'address_message', response_json: '{"values":{}}' } } });
		expect(parseWhatsAppDelivery(body).messages[0].content).toEqual({ kind: 'unsupported', originalType: 'interactive.nfm_reply.address_message' });
	});

	it('turns a malformed reply into unsupported content with the problem, without failing the delivery', () => {
		const contentOf = (body: unknown) => parseWhatsAppDelivery(body).messages[0].content;
		expect(contentOf(nfmReply('{"flow_token": "abc", '))).toEqual({
			kind: 'unsupported',
			originalType: 'interactive.nfm_reply',
			problem: '"response_json" da resposta do formulário não é um JSON válido',
		});
		expect(contentOf(nfmReply('["a"]'))).toMatchObject({ kind: 'unsupported', problem: expect.stringContaining('não é um objeto') });
		expect(contentOf(nfmReply(undefined, { interactive: { type: 'nfm_reply' } }))).toMatchObject({ kind: 'unsupported', problem: expect.stringContaining('nfm_reply') });
	});
});

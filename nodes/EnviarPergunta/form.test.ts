import type { INode, Logger } from 'n8n-workflow';

import type { InboundContent, InboundMessage, OutboundMessage } from '../shared/channels/types';
import type { Conversation } from '../shared/conversation/types';
import type { AnswerEvaluation } from '../shared/runtime/waiting';
import { flowMessageOf, formConfig, formFieldsOf, formStart, variableValue, type FormParameters } from './form';
import { questionOutputNames } from './outputs';

const node: INode = { id: 'n1', name: 'Cadastro', type: 'n8n-nodes-atendimento.enviarPergunta', typeVersion: 1, position: [0, 0], parameters: {} };

function parameters(overrides: Partial<FormParameters> = {}): FormParameters {
	return {
		question: 'Olá {{nome_usuario}}, preencha seus dados',
		flowBy: 'id',
		flowId: '1197715005513101',
		flowName: '',
		flowCta: 'Preencher',
		flowMode: 'published',
		flowAction: 'navigate',
		flowScreen: 'CADASTRO',
		flowData: '{"plano":"500MB"}',
		flowHeader: '',
		flowFooter: '',
		formFields: {
			values: [
				{ field: 'nome', variable: 'nome_cliente', question: 'Qual é o seu nome?', required: true },
				{ field: 'email', variable: '', question: 'Qual é o seu e-mail?', required: false },
			],
		},
		maxAttempts: 3,
		invalidMessage: 'Não entendi.',
		maxAttemptsMessage: '',
		timeoutMinutes: 0,
		...overrides,
	};
}

function conversation(channel: 'whatsapp' | 'webchat' | 'telegram'): Conversation {
	return {
		version: 2,
		id: 'c0nv-1',
		protocolo: '20260101-000001',
		channel: { type: channel, accountId: 'conta', triggerUrl: 'http://127.0.0.1/webhook' },
		contact: { id: '5511999990000', name: 'Maria' },
		tags: [],
		variables: {},
		state: 'waiting',
		inbox: [],
		history: [],
		context: [],
		createdAt: 0,
	} as unknown as Conversation;
}

function message(content: InboundContent): InboundMessage {
	return { channel: 'whatsapp', accountId: 'conta', contactId: '5511999990000', messageId: 'wamid.x', timestamp: 0, content };
}

function harness(params = parameters()) {
	const sent: OutboundMessage[][] = [];
	const warnings: string[] = [];
	const logger = { warn: (text: string) => warnings.push(text), info: () => {}, debug: () => {}, error: () => {} } as unknown as Logger;
	const config = formConfig(node, params, { send: async (_conversation, messages) => void sent.push(messages), logger });
	return { config, sent, warnings };
}

describe('Enviar Pergunta: form fields', () => {
	it('uses the field name as the variable when none is given and names the output "Respondido"', () => {
		expect(formFieldsOf(node, parameters())).toEqual([
			{ field: 'nome', variable: 'nome_cliente', question: 'Qual é o seu nome?', required: true },
			{ field: 'email', variable: 'email', question: 'Qual é o seu e-mail?', required: false },
		]);
		expect(questionOutputNames({ answerType: 'form' })).toEqual(['Respondido', 'Máximo de tentativas', 'Sem resposta']);
	});

	it('refuses a form without fields, a field without name, a bad or repeated variable name', () => {
		expect(() => formFieldsOf(node, parameters({ formFields: {} }))).toThrow('Nenhum campo do formulário');
		expect(() => formFieldsOf(node, parameters({ formFields: { values: [{ field: ' ' }] } }))).toThrow('sem nome');
		expect(() => formFieldsOf(node, parameters({ formFields: { values: [{ field: 'nome', variable: 'nome cliente' }] } }))).toThrow('Nome de variável inválido');
		expect(() => formFieldsOf(node, parameters({ formFields: { values: [{ field: 'a', variable: 'x' }, { field: 'b', variable: 'x' }] } }))).toThrow('aparece em dois campos');
	});

	it('keeps field values readable as variables: lists joined, objects as JSON', () => {
		expect(variableValue(['tv', 'fone'])).toBe('tv, fone');
		expect(variableValue(true)).toBe('true');
		expect(variableValue({ a: 1 })).toBe('{"a":1}');
		expect(variableValue(undefined)).toBe('');
	});
});

describe('Enviar Pergunta: form on WhatsApp', () => {
	it('sends the Flow with a token bound to the conversation and a fresh nonce per wait', () => {
		const first = formStart(node, parameters(), conversation('whatsapp'));
		const second = formStart(node, parameters(), conversation('whatsapp'));
		expect(first.dialog).toEqual({ mode: 'flow', token: expect.stringMatching(/^c0nv-1\.[0-9a-f]{12}$/) });
		expect(second.dialog).not.toEqual(first.dialog);
		expect(first.prompt).toEqual([
			{
				kind: 'flow',
				flow: { id: '1197715005513101' },
				buttonLabel: 'Preencher',
				text: 'Olá Maria, preencha seus dados',
				header: undefined,
				footer: undefined,
				mode: 'published',
				token: (first.dialog as { token: string }).token,
				action: { type: 'navigate', screen: 'CADASTRO', data: { plano: '500MB' } },
			},
		]);
	});

	it('refuses, before sending, a CTA with emoji, a missing screen, a non-numeric id and bad initial data', () => {
		const whatsapp = conversation('whatsapp');
		expect(() => flowMessageOf(node, parameters({ flowCta: 'Preencher ✍️' }), whatsapp, 't')).toThrow('Botão do formulário inválido');
		expect(() => flowMessageOf(node, parameters({ flowScreen: '' }), whatsapp, 't')).toThrow('Tela inicial');
		expect(() => flowMessageOf(node, parameters({ flowId: 'cadastro' }), whatsapp, 't')).toThrow('ID do Flow');
		expect(() => flowMessageOf(node, parameters({ flowData: '{plano' }), whatsapp, 't')).toThrow('não são um JSON válido');
		expect(() => flowMessageOf(node, parameters({ flowData: '[1]' }), whatsapp, 't')).toThrow('objeto JSON');
		expect(flowMessageOf(node, parameters({ flowData: '{}' }), whatsapp, 't').action).toEqual({ type: 'navigate', screen: 'CADASTRO' });
		expect(flowMessageOf(node, parameters({ flowAction: 'dataExchange', flowScreen: '' }), whatsapp, 't').action).toEqual({ type: 'dataExchange' });
		expect(flowMessageOf(node, parameters({ flowBy: 'name', flowName: 'cadastro', flowId: '' }), whatsapp, 't').flow).toEqual({ name: 'cadastro' });
	});

	it('accepts the reply with this wait\'s token: every field in its variable, the item carries them', async () => {
		const { config } = harness();
		const evaluation = await config.evaluate(message({ kind: 'form', token: 'c0nv-1.abc', fields: { nome: 'Maria Silva', email: 'maria@example.com', extra: 1 } }), conversation('whatsapp'), { mode: 'flow', token: 'c0nv-1.abc' });
		expect(evaluation).toEqual({
			accepted: true,
			output: 0,
			result: { campos: { nome_cliente: 'Maria Silva', email: 'maria@example.com' }, canal: 'whatsapp' },
			variables: { nome_cliente: 'Maria Silva', email: 'maria@example.com' },
		});
	});

	it('ignores (and logs) a reply carrying another wait\'s token, without counting an attempt', async () => {
		const { config, warnings } = harness();
		const evaluation = await config.evaluate(message({ kind: 'form', token: 'c0nv-1.old', fields: { nome: 'Maria' } }), conversation('whatsapp'), { mode: 'flow', token: 'c0nv-1.abc' });
		expect(evaluation).toEqual({ accepted: false, ignored: true });
		expect(warnings.join('\n')).toContain('flow_token de outra espera');
	});

	it('takes a reply without flow_token (WhatsApp on iOS) for this wait, with a warning', async () => {
		const { config, warnings } = harness();
		const evaluation = await config.evaluate(message({ kind: 'form', fields: { nome: 'Maria' } }), conversation('whatsapp'), { mode: 'flow', token: 'c0nv-1.abc' });
		expect(evaluation).toMatchObject({ accepted: true, variables: { nome_cliente: 'Maria', email: '' } });
		expect(warnings.join('\n')).toContain('sem flow_token');
	});

	it('a text instead of the form is an invalid attempt that says to tap the button and sends the Flow again', async () => {
		const { config } = harness();
		const evaluation = await config.evaluate(message({ kind: 'text', text: 'Maria' }), conversation('whatsapp'), { mode: 'flow', token: 'c0nv-1.abc' });
		expect(evaluation).toEqual({ accepted: false, reason: 'Para responder, toque no botão "Preencher" e preencha o formulário.' });
		const [explanation, again] = config.invalidMessages(undefined);
		expect(explanation).toEqual({ kind: 'text', text: 'Não entendi.\nPara responder, toque no botão "Preencher" e preencha o formulário.' });
		expect(again).toMatchObject({ kind: 'flow', token: 'c0nv-1.abc' });
	});

	it('a form without a required field is an invalid attempt naming it', async () => {
		const { config } = harness();
		const evaluation = (await config.evaluate(message({ kind: 'form', token: 't', fields: { email: 'a@b.c' } }), conversation('whatsapp'), { mode: 'flow', token: 't' })) as AnswerEvaluation & { reason: string };
		expect(evaluation.accepted).toBe(false);
		expect(evaluation.reason).toContain('Faltou preencher: nome');
	});
});

describe('Enviar Pergunta: form on other channels', () => {
	it('asks the intro and the first field as text', () => {
		expect(formStart(node, parameters(), conversation('webchat'))).toEqual({
			prompt: [
				{ kind: 'text', text: 'Olá Maria, preencha seus dados' },
				{ kind: 'text', text: 'Qual é o seu nome?' },
			],
			dialog: { mode: 'text', step: 0, values: {} },
		});
	});

	it('asks field after field, lets an optional one be skipped, and saves them like the Flow', async () => {
		const { config, sent } = harness();
		const telegram = conversation('telegram');
		const first = await config.evaluate(message({ kind: 'text', text: ' Maria Silva ' }), telegram, { mode: 'text', step: 0, values: {} });
		expect(first).toEqual({ accepted: false, proceed: { mode: 'text', step: 1, values: { nome: 'Maria Silva' } } });
		expect(sent).toEqual([[{ kind: 'text', text: 'Qual é o seu e-mail?\n(Opcional: responda "pular" para deixar em branco.)' }]]);
		const last = await config.evaluate(message({ kind: 'text', text: 'Pular' }), telegram, { mode: 'text', step: 1, values: { nome: 'Maria Silva' } });
		expect(last).toEqual({
			accepted: true,
			output: 0,
			result: { campos: { nome_cliente: 'Maria Silva', email: '' }, canal: 'texto' },
			variables: { nome_cliente: 'Maria Silva', email: '' },
		});
	});

	it('re-asks a required field answered with no text (a photo without caption)', async () => {
		const { config, sent } = harness();
		const evaluation = await config.evaluate(message({ kind: 'media', mediaType: 'image', mediaId: '1' }), conversation('webchat'), { mode: 'text', step: 0, values: {} });
		expect(evaluation).toEqual({ accepted: false, reason: 'Responda com uma mensagem de texto.' });
		expect(config.invalidMessages(undefined)).toEqual([
			{ kind: 'text', text: 'Não entendi.\nResponda com uma mensagem de texto.' },
			{ kind: 'text', text: 'Qual é o seu nome?' },
		]);
		expect(sent).toEqual([]);
	});

	it('"pular" is an answer, not a skip, for a required field', async () => {
		const { config } = harness();
		const evaluation = await config.evaluate(message({ kind: 'text', text: 'pular' }), conversation('webchat'), { mode: 'text', step: 0, values: {} });
		expect(evaluation).toMatchObject({ proceed: { values: { nome: 'pular' } } });
	});
});

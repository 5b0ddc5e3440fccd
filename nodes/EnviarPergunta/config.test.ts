import type { INode } from 'n8n-workflow';

import { choicesOf, questionConfig, type QuestionParameters } from './config';
import { questionOutputNames } from './outputs';

const node: INode = { id: 'n1', name: 'Menu', type: 'n8n-nodes-atendimento.enviarPergunta', typeVersion: 1, position: [0, 0], parameters: {} };

function parameters(overrides: Partial<QuestionParameters>): QuestionParameters {
	return {
		answerType: 'choice',
		question: 'Como podemos ajudar?',
		options: { values: [{ label: 'Comercial' }, { label: 'Suporte' }] },
		validation: 'text',
		saveAs: 'resposta',
		maxAttempts: 3,
		invalidMessage: '',
		maxAttemptsMessage: '',
		timeoutMinutes: 0,
		...overrides,
	};
}

describe('Enviar Pergunta options', () => {
	it('numbers the options as stable ids', () => {
		expect(choicesOf(node, parameters({}))).toEqual([
			{ id: 'opcao_1', label: 'Comercial', description: undefined },
			{ id: 'opcao_2', label: 'Suporte', description: undefined },
		]);
	});

	it('refuses a label over 24 characters with a message that says how to fix it', () => {
		const long = parameters({ options: { values: [{ label: 'Segunda via do boleto do mês' }] } });
		expect(() => choicesOf(node, long)).toThrow('A opção "Segunda via do boleto do mês" tem mais de 24 caracteres');
		expect(() => choicesOf(node, parameters({ options: { values: [{ label: 'x'.repeat(24) }] } }))).not.toThrow();
	});

	it('refuses a menu without options or with an empty label', () => {
		expect(() => choicesOf(node, parameters({ options: {} }))).toThrow('Nenhuma opção configurada');
		expect(() => choicesOf(node, parameters({ options: { values: [{ label: 'A' }, { label: ' ' }] } }))).toThrow('A opção 2 está sem texto');
	});

	it('gives Confirmação its Sim / Não and the other kinds no options', () => {
		expect(choicesOf(node, parameters({ answerType: 'confirmation' })).map((choice) => choice.label)).toEqual(['Sim', 'Não']);
		expect(choicesOf(node, parameters({ answerType: 'input' }))).toEqual([]);
	});
});

describe('Enviar Pergunta outputs', () => {
	it('has one output per option, then Máximo de tentativas and Sem resposta', () => {
		expect(questionOutputNames({ answerType: 'choice', options: { values: [{ label: 'A' }, { label: '' }] } })).toEqual([
			'A',
			'Opção 2',
			'Máximo de tentativas',
			'Sem resposta',
		]);
		expect(questionOutputNames({ answerType: 'confirmation' })).toEqual(['Sim', 'Não', 'Máximo de tentativas', 'Sem resposta']);
		expect(questionOutputNames({ answerType: 'input' })).toEqual(['Resposta', 'Máximo de tentativas', 'Sem resposta']);
	});

	it('serialises into the description expression, which n8n evaluates with the node parameters', () => {
		const evaluate = new Function('$parameter', `return (${questionOutputNames.toString()})($parameter);`) as typeof questionOutputNames;
		expect(evaluate({ answerType: 'confirmation' })).toEqual(['Sim', 'Não', 'Máximo de tentativas', 'Sem resposta']);
	});
});

describe('Enviar Pergunta: the "Fora da janela de 24h" output', () => {
	it('is the last output when on, and the other indexes stay right', () => {
		const on = parameters({ outsideWindowOutput: true });
		expect(questionOutputNames(on)).toEqual(['Comercial', 'Suporte', 'Máximo de tentativas', 'Sem resposta', 'Fora da janela de 24h']);
		const config = questionConfig(node, on, { kind: 'text', text: '?' });
		expect([config.outputCount, config.maxAttemptsOutput, config.noAnswerOutput, config.outsideWindowOutput]).toEqual([5, 2, 3, 4]);
		const off = questionConfig(node, parameters({}), { kind: 'text', text: '?' });
		expect([off.outputCount, off.maxAttemptsOutput, off.noAnswerOutput, off.outsideWindowOutput]).toEqual([4, 2, 3, undefined]);
	});
});

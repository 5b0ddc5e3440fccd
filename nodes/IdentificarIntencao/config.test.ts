import type { INode } from 'n8n-workflow';

import type { InboundContent, InboundMessage } from '../shared/channels/types';
import type { Conversation } from '../shared/conversation/types';
import type { IntentClassification } from '../shared/intent/types';
import { evaluationOf, intentCardConfig, intentsOf, promptOf, textOf, type IntentParameters } from './config';
import { intentOutputNames, intentOutputsExpression } from './outputs';

const node: INode = { id: 'n1', name: 'Intenção', type: 'n8n-nodes-atendimento.identificarIntencao', typeVersion: 1, position: [0, 0], parameters: {} };

function parameters(overrides: Partial<IntentParameters> = {}): IntentParameters {
	return {
		question: 'Olá, {{nome_cliente}}! Como podemos ajudar?',
		intents: {
			values: [
				{ name: 'Financeiro', description: 'Boletos e pagamentos', keywords: 'boleto, segunda via' },
				{ name: 'Suporte', keywords: 'sem internet' },
			],
		},
		saveAs: 'intencao',
		maxAttempts: 3,
		invalidMessage: 'Não entendi.',
		maxAttemptsMessage: 'Vamos seguir.',
		timeoutMinutes: 0,
		...overrides,
	};
}

const conversation = {
	id: 'c1',
	protocolo: '2026',
	channel: { type: 'webchat', accountId: 'a', triggerUrl: 'http://x' },
	contact: { id: 'ana', name: 'Ana' },
	customer: { erp: 'ixc', id: '1', name: 'Ana Souza' },
	tags: [],
	variables: {},
	events: [],
} as unknown as Conversation;

function message(content: InboundContent): InboundMessage {
	return { channel: 'webchat', accountId: 'a', contactId: 'ana', messageId: 'm1', timestamp: 0, content };
}

describe('intentsOf', () => {
	it('reads names, descriptions and comma-separated keywords', () => {
		expect(intentsOf(node, parameters())).toEqual([
			{ name: 'Financeiro', description: 'Boletos e pagamentos', keywords: ['boleto', 'segunda via'] },
			{ name: 'Suporte', description: undefined, keywords: ['sem internet'] },
		]);
	});

	it('refuses what cannot work, saying how to fix it', () => {
		const withIntents = (values: Array<{ name?: string }>) => parameters({ intents: { values } });
		expect(() => intentsOf(node, parameters({ intents: {} }))).toThrow('Nenhuma intenção configurada');
		expect(() => intentsOf(node, withIntents([{ name: 'A' }, { name: ' ' }]))).toThrow('A intenção 2 está sem nome');
		expect(() => intentsOf(node, withIntents([{ name: 'Segunda via do boleto do mês' }]))).toThrow('tem mais de 24 caracteres');
		expect(() => intentsOf(node, withIntents([{ name: 'x'.repeat(24) }]))).not.toThrow();
		expect(() => intentsOf(node, withIntents([{ name: 'Nenhuma' }]))).toThrow('não pode se chamar "nenhuma"');
		expect(() => intentsOf(node, withIntents([{ name: 'Técnico' }, { name: 'tecnico' }]))).toThrow('"Técnico" e "tecnico" têm o mesmo nome');
	});

	it('attaches the item index to the error', () => {
		try {
			intentsOf(node, parameters({ intents: {} }), 0);
			throw new Error('não falhou');
		} catch (error) {
			expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
			expect((error as { description?: string }).description).toMatch(/Adicione ao menos uma intenção/);
		}
	});
});

describe('outputs', () => {
	it('has one output per intent, then Máximo de tentativas and Sem resposta', () => {
		expect(intentOutputNames(parameters())).toEqual(['Financeiro', 'Suporte', 'Máximo de tentativas', 'Sem resposta']);
		expect(intentOutputNames({ intents: { values: [{ name: ' ' }, {}] } })).toEqual(['Intenção 1', 'Intenção 2', 'Máximo de tentativas', 'Sem resposta']);
		expect(intentOutputNames({})).toEqual(['Máximo de tentativas', 'Sem resposta']);
	});

	it('serialises into the description expression, which n8n evaluates with the node parameters', () => {
		const evaluate = new Function('$parameter', `return ${intentOutputsExpression.slice(3, -2)};`) as (p: unknown) => unknown;
		expect(evaluate(parameters())).toEqual(
			['Financeiro', 'Suporte', 'Máximo de tentativas', 'Sem resposta'].map((displayName) => ({ type: 'main', displayName })),
		);
	});
});

describe('promptOf', () => {
	it('fills the message variables, and sends nothing for an empty question', () => {
		expect(promptOf(conversation, parameters())).toEqual([{ kind: 'text', text: 'Olá, Ana Souza! Como podemos ajudar?' }]);
		expect(promptOf(conversation, parameters({ question: '  ' }))).toEqual([]);
	});
});

describe('textOf', () => {
	it('takes typed text, a button title or a caption; nothing from other kinds', () => {
		expect(textOf(message({ kind: 'text', text: ' boleto ' }))).toBe('boleto');
		expect(textOf(message({ kind: 'choice', id: 'x', title: 'Financeiro' }))).toBe('Financeiro');
		expect(textOf(message({ kind: 'media', mediaType: 'image', caption: 'meu boleto' }))).toBe('meu boleto');
		expect(textOf(message({ kind: 'media', mediaType: 'audio' }))).toBe('');
		expect(textOf(message({ kind: 'location', latitude: 0, longitude: 0 }))).toBe('');
	});
});

describe('evaluationOf', () => {
	const intents = intentsOf(node, parameters());

	it('routes a recognised intent to its output with what the flow needs', () => {
		const classification: IntentClassification = { intent: 'Suporte', source: 'modelo', confidence: 0.9, secondary: ['Financeiro'] };
		expect(evaluationOf(classification, intents, 'sem internet')).toEqual({
			accepted: true,
			output: 1,
			result: {
				resposta: 'Suporte',
				intencao: 'Suporte',
				origem: 'modelo',
				confianca: 0.9,
				intencoesSecundarias: ['Financeiro'],
				textoOriginal: 'sem internet',
			},
		});
	});

	it('tells the flow when keywords answered because the model failed', () => {
		const classification: IntentClassification = { intent: 'Financeiro', source: 'palavras_chave', secondary: [], fallbackReason: 'HTTP 500' };
		expect(evaluationOf(classification, intents, 'boleto')).toMatchObject({ accepted: true, output: 0, result: { confianca: null, motivoSemModelo: 'HTTP 500' } });
	});

	it('asks again when nothing fits, naming the tied intents on a tie', () => {
		expect(evaluationOf({ source: 'modelo', secondary: [] }, intents, 'oi')).toEqual({ accepted: false, reason: undefined });
		expect(evaluationOf({ intent: 'Outro', source: 'modelo', secondary: [] }, intents, 'oi')).toEqual({ accepted: false, reason: undefined });
		expect(evaluationOf({ source: 'palavras_chave', secondary: [], tied: ['Financeiro', 'Suporte'] }, intents, 'boleto e internet')).toEqual({
			accepted: false,
			reason: 'Você falou de mais de um assunto: Financeiro ou Suporte. Qual deles você quer resolver agora?',
		});
	});
});

describe('intentCardConfig', () => {
	const intents = intentsOf(node, parameters());
	const prompt = promptOf(conversation, parameters());

	it('puts Máximo de tentativas and Sem resposta after the intents', () => {
		const config = intentCardConfig(parameters(), intents, prompt, async () => ({ source: 'palavras_chave', secondary: [] }));
		expect(config).toMatchObject({ outputCount: 4, maxAttemptsOutput: 2, noAnswerOutput: 3, maxAttempts: 3, timeoutMinutes: 0, saveAs: 'intencao' });
		expect(config.maxAttemptsMessages).toEqual([{ kind: 'text', text: 'Vamos seguir.' }]);
		expect(intentCardConfig(parameters({ maxAttempts: 0, saveAs: ' ', maxAttemptsMessage: '' }), intents, prompt, jest.fn())).toMatchObject({
			maxAttempts: 1,
			saveAs: undefined,
			maxAttemptsMessages: [],
		});
	});

	it('classifies the text of the message and routes it', async () => {
		const classify = jest.fn(async () => ({ intent: 'Financeiro', source: 'palavras_chave' as const, confidence: 1, secondary: [] }));
		const config = intentCardConfig(parameters(), intents, prompt, classify);
		await expect(config.evaluate(message({ kind: 'text', text: 'boleto' }), conversation)).resolves.toMatchObject({ accepted: true, output: 0 });
		expect(classify).toHaveBeenCalledWith('boleto', conversation);
	});

	describe('what the customer wrote before the question (context)', () => {
		const keywords = jest.fn(async (text: string): Promise<IntentClassification> => {
			const suporte = text.includes('internet');
			const financeiro = text.includes('boleto');
			if (suporte && financeiro) return { source: 'palavras_chave', secondary: [], tied: ['Financeiro', 'Suporte'] };
			if (suporte || financeiro) return { intent: suporte ? 'Suporte' : 'Financeiro', source: 'palavras_chave', confidence: 1, secondary: [] };
			return { source: 'palavras_chave', secondary: [] };
		});
		const withContext = (...context: string[]) => ({ ...conversation, context }) as Conversation;
		beforeEach(() => keywords.mockClear());

		it('classifies a vague answer together with the context, and says which context it used', async () => {
			const config = intentCardConfig(parameters(), intents, prompt, keywords);
			const evaluation = await config.evaluate(message({ kind: 'text', text: 'é isso' }), withContext('oi', 'minha internet caiu'));
			expect(evaluation).toMatchObject({ accepted: true, output: 1, result: { intencao: 'Suporte', textoOriginal: 'é isso', contextoUsado: ['oi', 'minha internet caiu'] } });
			expect(keywords.mock.calls.map(([text]) => text)).toEqual(['é isso', 'oi\nminha internet caiu\né isso']);
		});

		it('an answer that names an intent is settled by the answer alone', async () => {
			const config = intentCardConfig(parameters(), intents, prompt, keywords);
			const evaluation = await config.evaluate(message({ kind: 'text', text: 'quero o boleto' }), withContext('minha internet caiu'));
			expect(evaluation).toMatchObject({ accepted: true, output: 0 });
			expect(evaluation).not.toHaveProperty('result.contextoUsado');
			expect(keywords).toHaveBeenCalledTimes(1);
		});

		it('classifies later answers (after "não entendi") alone', async () => {
			const config = intentCardConfig(parameters(), intents, prompt, keywords);
			await expect(config.evaluate(message({ kind: 'text', text: 'é isso' }), withContext('minha internet caiu'), undefined, 1)).resolves.toMatchObject({ accepted: false });
			expect(keywords).toHaveBeenCalledTimes(1);
		});

		it('still asks again when neither the answer nor the context says it, or the answer names two intents', async () => {
			const config = intentCardConfig(parameters(), intents, prompt, keywords);
			await expect(config.evaluate(message({ kind: 'text', text: 'hmm' }), withContext('oi', 'bom dia'))).resolves.toMatchObject({ accepted: false });
			await expect(config.evaluate(message({ kind: 'text', text: 'hmm' }), withContext())).resolves.toMatchObject({ accepted: false });
			await expect(config.evaluate(message({ kind: 'text', text: 'boleto e internet' }), withContext('minha internet caiu'))).resolves.toMatchObject({
				accepted: false,
				reason: expect.stringContaining('Financeiro ou Suporte'),
			});
		});
	});

	it('does not classify a message without text, and says why', async () => {
		const classify = jest.fn();
		const config = intentCardConfig(parameters(), intents, prompt, classify);
		await expect(config.evaluate(message({ kind: 'media', mediaType: 'audio' }), conversation)).resolves.toEqual({
			accepted: false,
			reason: 'Não entendi.\nResponda com uma mensagem de texto.',
		});
		expect(classify).not.toHaveBeenCalled();
	});

	it('answers a miss with the reason, else the "não entendi" message, else the question again', () => {
		const config = intentCardConfig(parameters(), intents, prompt, jest.fn());
		expect(config.invalidMessages('Qual deles?')).toEqual([{ kind: 'text', text: 'Qual deles?' }]);
		expect(config.invalidMessages(undefined)).toEqual([{ kind: 'text', text: 'Não entendi.' }]);
		expect(intentCardConfig(parameters({ invalidMessage: '' }), intents, prompt, jest.fn()).invalidMessages(undefined)).toEqual(prompt);
	});
});

import { NodeApiError, type INode } from 'n8n-workflow';

import type { ChatMessage, ChatModel } from '../ai/model';
import { classifyIntent, modelErrorReason, type ModelAccess } from './classify';
import { JSON_ANSWER_INSTRUCTION } from './model';
import type { Intent } from './types';

const INTENTS: Intent[] = [
	{ name: 'Financeiro', keywords: ['boleto'] },
	{ name: 'Suporte', keywords: ['internet'] },
];

const node: INode = { id: 'n1', name: 'Intenção', type: 'n8n-nodes-atendimento.identificarIntencao', typeVersion: 1, position: [0, 0], parameters: {} };

function answering(content: string): ModelAccess {
	return {
		settings: async () => ({ baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' }),
		request: async () => ({ choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }] }),
	};
}

function failing(error: unknown): ModelAccess {
	return {
		settings: async () => ({ baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' }),
		request: async () => {
			throw error;
		},
	};
}

describe('classifyIntent', () => {
	it('matches offline when no model is configured', async () => {
		expect(await classifyIntent('o boleto', INTENTS)).toEqual({ intent: 'Financeiro', source: 'palavras_chave', confidence: 1, secondary: [] });
	});

	it('uses the model when configured, even where keywords would say otherwise', async () => {
		const result = await classifyIntent('o boleto', INTENTS, answering('{"intent":"Suporte","secondary_intents":[],"confidence":0.7}'));
		expect(result).toEqual({ intent: 'Suporte', source: 'modelo', confidence: 0.7, secondary: [] });
	});

	it('keeps a model answer of "no intent" (no fallback to keywords)', async () => {
		const result = await classifyIntent('o boleto', INTENTS, answering('não sei'));
		expect(result).toEqual({ source: 'modelo', secondary: [], modelProblem: 'conteúdo não é um JSON válido' });
	});

	it('falls back to offline matching when the call fails, saying why', async () => {
		const apiError = new NodeApiError(node, { message: 'The server had an error', httpCode: '500' } as never, { httpCode: '500' });
		const result = await classifyIntent('o boleto', INTENTS, failing(apiError));
		expect(result).toMatchObject({ intent: 'Financeiro', source: 'palavras_chave', fallbackReason: expect.stringMatching(/^HTTP 500/) });
	});

	it('falls back when the credential cannot be read', async () => {
		const model: ModelAccess = {
			settings: async () => {
				throw new Error('Credencial não encontrada');
			},
			request: async () => ({}),
		};
		expect(await classifyIntent('internet', INTENTS, model)).toMatchObject({ intent: 'Suporte', fallbackReason: 'erro: Credencial não encontrada' });
	});
});

describe('classifyIntent with an n8n Chat Model sub-node', () => {
	function chatModel(reply: () => Promise<unknown>): ChatModel & { calls: ChatMessage[][] } {
		const model = {
			calls: [] as ChatMessage[][],
			invoke: async (messages: ChatMessage[]) => {
				model.calls.push(messages);
				return (await reply()) as { content: unknown };
			},
		};
		return model;
	}

	it('asks the connected model for JSON and reads its text, before any credential', async () => {
		const model = chatModel(async () => ({ content: [{ type: 'text', text: '```json\n{"intent":"Suporte","secondary_intents":["Financeiro"],"confidence":0.8}\n```' }] }));
		const credential = answering('{"intent":"Financeiro","secondary_intents":[],"confidence":1}');
		const result = await classifyIntent('minha conexão', INTENTS, credential, async () => model);
		expect(result).toEqual({ intent: 'Suporte', source: 'modelo', confidence: 0.8, secondary: ['Financeiro'] });
		const [system, user] = model.calls[0] as Array<{ role: string; content: string }>;
		expect(system.content).toContain('- "Suporte"');
		expect(system.content).toContain(JSON_ANSWER_INSTRUCTION);
		expect(user).toEqual({ role: 'user', content: 'minha conexão' });
	});

	it('uses the credential (or keywords) when no sub-node is connected', async () => {
		const credential = answering('{"intent":"Financeiro","secondary_intents":[],"confidence":1}');
		expect(await classifyIntent('x', INTENTS, credential, async () => undefined)).toMatchObject({ intent: 'Financeiro', source: 'modelo' });
		expect(await classifyIntent('boleto', INTENTS, undefined, async () => undefined)).toMatchObject({ intent: 'Financeiro', source: 'palavras_chave' });
	});

	it('falls back to keywords when the model or its sub-node fails, saying why', async () => {
		const failing500 = chatModel(async () => Promise.reject(Object.assign(new Error('500 The server had an error'), { status: 500 })));
		expect(await classifyIntent('o boleto', INTENTS, undefined, async () => failing500)).toMatchObject({
			intent: 'Financeiro',
			source: 'palavras_chave',
			fallbackReason: 'HTTP 500: 500 The server had an error',
		});
		const brokenSubNode = async () => Promise.reject(new Error('Error in sub-node OpenAI Chat Model'));
		expect(await classifyIntent('internet', INTENTS, undefined, brokenSubNode)).toMatchObject({ intent: 'Suporte', fallbackReason: 'erro: Error in sub-node OpenAI Chat Model' });
	});
});

describe('modelErrorReason', () => {
	it('names the HTTP status, else the network code, else "erro"', () => {
		expect(modelErrorReason({ httpCode: '429', message: 'Rate limit' })).toBe('HTTP 429: Rate limit');
		expect(modelErrorReason({ response: { status: 401 } })).toBe('HTTP 401');
		expect(modelErrorReason({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' })).toBe('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');
		expect(modelErrorReason({ cause: { code: 'ETIMEDOUT' } })).toBe('ETIMEDOUT');
		expect(modelErrorReason(undefined)).toBe('erro');
		expect(modelErrorReason({ message: 'x'.repeat(500) })).toHaveLength('erro: '.length + 200);
	});
});

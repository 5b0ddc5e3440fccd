import type { IHttpRequestOptions } from 'n8n-workflow';

import { chatCompletionBody, classifyWithModel, MAX_TEXT_LENGTH, NO_INTENT, parseModelAnswer, systemPrompt } from './model';
import type { Intent } from './types';

const INTENTS: Intent[] = [
	{ name: 'Financeiro', description: 'Boletos, faturas e pagamentos', keywords: ['boleto', 'segunda via'] },
	{ name: 'Suporte técnico', keywords: [] },
];

/** A chat-completions response (docs/apis-externas.md §E) around `content`. */
function completion(content: string | null, extra: { refusal?: string; finish_reason?: string } = {}) {
	return {
		id: 'chatcmpl-123',
		object: 'chat.completion',
		created: 1677652288,
		model: 'gpt-4o-mini-2024-07-18',
		system_fingerprint: 'fp_44709d6fcb',
		choices: [{ index: 0, message: { role: 'assistant', content, refusal: extra.refusal ?? null }, logprobs: null, finish_reason: extra.finish_reason ?? 'stop' }],
		usage: { prompt_tokens: 82, completion_tokens: 21, total_tokens: 103 },
	};
}

describe('chatCompletionBody', () => {
	it('asks with temperature 0, a pt-BR system prompt, the text, and a strict json_schema with the intents as enum', () => {
		const body = chatCompletionBody('gpt-4o-mini', '  minha internet caiu  ', INTENTS);
		expect(body).toEqual({
			model: 'gpt-4o-mini',
			temperature: 0,
			messages: [
				{ role: 'system', content: systemPrompt(INTENTS) },
				{ role: 'user', content: 'minha internet caiu' },
			],
			response_format: {
				type: 'json_schema',
				json_schema: {
					name: 'intencao',
					strict: true,
					schema: {
						type: 'object',
						additionalProperties: false,
						properties: {
							intent: { type: 'string', enum: ['Financeiro', 'Suporte técnico', NO_INTENT] },
							secondary_intents: { type: 'array', items: { type: 'string', enum: ['Financeiro', 'Suporte técnico'] } },
							confidence: { type: 'number' },
						},
						required: ['intent', 'secondary_intents', 'confidence'],
					},
				},
			},
		});
	});

	it('cuts an oversized message', () => {
		const body = chatCompletionBody('m', 'x'.repeat(MAX_TEXT_LENGTH * 3), INTENTS) as { messages: Array<{ content: string }> };
		expect(body.messages[1].content).toHaveLength(MAX_TEXT_LENGTH);
	});
});

describe('systemPrompt', () => {
	it('lists each intent with its description and keywords, and explains "nenhuma"', () => {
		const prompt = systemPrompt(INTENTS);
		expect(prompt).toContain('- "Financeiro": Boletos, faturas e pagamentos; exemplos: boleto, segunda via');
		expect(prompt).toContain('- "Suporte técnico"\n'.trimEnd());
		expect(prompt).toContain('"nenhuma"');
		expect(prompt).toMatch(/não siga instruções/);
	});
});

describe('parseModelAnswer', () => {
	it('reads the intent, the secondary intents and the confidence from the JSON content', () => {
		const content = JSON.stringify({ intent: 'Financeiro', secondary_intents: ['Suporte técnico', 'Financeiro', 'Outro'], confidence: 0.86 });
		expect(parseModelAnswer(completion(content), INTENTS)).toEqual({ intent: 'Financeiro', confidence: 0.86, secondary: ['Suporte técnico'] });
	});

	it('treats "nenhuma" as no intent, without a problem', () => {
		const content = JSON.stringify({ intent: 'nenhuma', secondary_intents: [], confidence: 0.2 });
		expect(parseModelAnswer(completion(content), INTENTS)).toEqual({ confidence: 0.2, secondary: [] });
	});

	it('accepts a name with different case or accents (non-strict servers) and a fenced JSON', () => {
		expect(parseModelAnswer(completion('{"intent":"suporte tecnico","secondary_intents":[],"confidence":1}'), INTENTS).intent).toBe('Suporte técnico');
		expect(parseModelAnswer(completion('```json\n{"intent":"Financeiro"}\n```'), INTENTS)).toEqual({ intent: 'Financeiro', confidence: undefined, secondary: [] });
	});

	it('clamps the confidence to 0–1 and ignores a non-number', () => {
		expect(parseModelAnswer(completion('{"intent":"Financeiro","confidence":7}'), INTENTS).confidence).toBe(1);
		expect(parseModelAnswer(completion('{"intent":"Financeiro","confidence":"alta"}'), INTENTS).confidence).toBeUndefined();
	});

	it('turns an unknown intent into no intent with the reason', () => {
		const answer = parseModelAnswer(completion('{"intent":"Cancelamento","secondary_intents":[],"confidence":0.9}'), INTENTS);
		expect(answer).toEqual({ secondary: [], modelProblem: 'intenção desconhecida: "Cancelamento"' });
		expect(parseModelAnswer(completion('{"confidence":0.9}'), INTENTS).modelProblem).toBe('intenção desconhecida: null');
		expect(parseModelAnswer(completion('{"intent":42}'), INTENTS).intent).toBeUndefined();
	});

	it('never throws on invalid or cut JSON, refusals or odd shapes', () => {
		expect(parseModelAnswer(completion('Financeiro, claro!'), INTENTS)).toEqual({ secondary: [], modelProblem: 'conteúdo não é um JSON válido' });
		expect(parseModelAnswer(completion('{"intent":"Finan', { finish_reason: 'length' }), INTENTS).modelProblem).toBe(
			'conteúdo não é um JSON válido (cortada: finish_reason "length")',
		);
		expect(parseModelAnswer(completion('["Financeiro"]'), INTENTS).intent).toBeUndefined();
		expect(parseModelAnswer(completion(null, { refusal: 'Não posso ajudar com isso.' }), INTENTS).modelProblem).toBe(
			'recusa do modelo: Não posso ajudar com isso.',
		);
		expect(parseModelAnswer(completion(null), INTENTS).modelProblem).toBe('resposta sem conteúdo');
		for (const odd of [undefined, null, 'texto', 42, [], {}, { choices: [] }, { choices: [null] }, { choices: [{ message: 'x' }] }]) {
			expect(parseModelAnswer(odd, INTENTS)).toMatchObject({ secondary: [], modelProblem: expect.any(String) });
		}
	});

	it('reads a response that arrived as a JSON string', () => {
		expect(parseModelAnswer(JSON.stringify(completion('{"intent":"Financeiro"}')), INTENTS).intent).toBe('Financeiro');
	});
});

describe('classifyWithModel', () => {
	it('posts to <baseUrl>/chat/completions with a timeout and reads the answer', async () => {
		const calls: IHttpRequestOptions[] = [];
		const request = async (options: IHttpRequestOptions) => {
			calls.push(options);
			return completion('{"intent":"Financeiro","secondary_intents":[],"confidence":0.9}');
		};
		const result = await classifyWithModel(request, { baseUrl: 'http://127.0.0.1:9/v1/ ', model: 'gpt-4o-mini' }, 'boleto', INTENTS);
		expect(result).toEqual({ intent: 'Financeiro', source: 'modelo', confidence: 0.9, secondary: [] });
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:9/v1/chat/completions', json: true, timeout: 15_000 });
		expect(calls[0].body).toEqual(chatCompletionBody('gpt-4o-mini', 'boleto', INTENTS));
	});

	it('lets a failed call throw (the caller falls back)', async () => {
		const request = async () => {
			throw new Error('HTTP 500');
		};
		await expect(classifyWithModel(request, { baseUrl: 'http://x/v1', model: 'm' }, 'boleto', INTENTS)).rejects.toThrow('HTTP 500');
	});
});

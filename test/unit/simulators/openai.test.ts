import { chatCompletionBody, classifyWithModel } from '../../../nodes/shared/intent/model';
import type { Intent } from '../../../nodes/shared/intent/types';
import { keywordResponder, OPENAI_TEST_ACCOUNT, startOpenAiSimulator, type OpenAiSimulator } from '../../simulators/openai';

const INTENTS: Intent[] = [
	{ name: 'Financeiro', keywords: ['boleto'] },
	{ name: 'Suporte', keywords: ['internet caiu'] },
	{ name: 'Comercial', keywords: ['planos'] },
];

describe('OpenAI-compatible simulator', () => {
	let openai: OpenAiSimulator;

	async function call(path: string, body?: unknown, key: string = OPENAI_TEST_ACCOUNT.apiKey) {
		const response = await fetch(`${openai.url}${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
	}

	const classify = (text: string) => call('/v1/chat/completions', chatCompletionBody('gpt-4o-mini', text, INTENTS));

	beforeAll(async () => {
		openai = await startOpenAiSimulator();
	});
	afterEach(() => openai.reset());
	afterAll(() => openai.close());

	it('lists its models (the credential test request)', async () => {
		const { status, body } = await call('/v1/models');
		expect(status).toBe(200);
		expect(body).toEqual({
			object: 'list',
			data: OPENAI_TEST_ACCOUNT.models.map((id) => ({ id, object: 'model', created: expect.any(Number), owned_by: 'system' })),
		});
	});

	it('answers a chat.completion in the documented shape, the JSON as a string in message.content', async () => {
		const { status, body } = await classify('minha internet caiu de novo e preciso do boleto');
		expect(status).toBe(200);
		expect(body).toEqual({
			id: expect.stringMatching(/^chatcmpl-/),
			object: 'chat.completion',
			created: expect.any(Number),
			model: 'gpt-4o-mini',
			system_fingerprint: expect.any(String),
			choices: [{ index: 0, message: { role: 'assistant', content: expect.any(String), refusal: null }, logprobs: null, finish_reason: 'stop' }],
			usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
		});
		expect(JSON.parse(body.choices[0].message.content)).toEqual({ intent: 'Financeiro', secondary_intents: ['Suporte'], confidence: 0.9 });
		expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
	});

	it('records the calls it accepted, with the text and the intent enum', async () => {
		await classify('quais os planos?');
		expect(openai.completions).toHaveLength(1);
		expect(openai.completions[0]).toMatchObject({
			model: 'gpt-4o-mini',
			text: 'quais os planos?',
			intents: ['Financeiro', 'Suporte', 'Comercial', 'nenhuma'],
			temperature: 0,
		});
		expect(openai.requests[0].headers.authorization).toBe(`Bearer ${OPENAI_TEST_ACCOUNT.apiKey}`);
	});

	it('answers "nenhuma" by default when no rule fits', async () => {
		const { body } = await classify('bom dia');
		expect(JSON.parse(body.choices[0].message.content).intent).toBe('nenhuma');
	});

	it('answers through a programmable responder: structured, raw content or refusal', async () => {
		openai.responder = () => ({ intent: 'Comercial', confidence: 0.4 });
		expect(JSON.parse((await classify('x')).body.choices[0].message.content)).toEqual({ intent: 'Comercial', secondary_intents: [], confidence: 0.4 });
		openai.responder = () => ({ content: '{"intent":', finishReason: 'length' });
		expect((await classify('x')).body.choices[0]).toMatchObject({ message: { content: '{"intent":' }, finish_reason: 'length' });
		openai.responder = () => ({ refusal: 'Não posso ajudar.' });
		expect((await classify('x')).body.choices[0].message).toEqual({ role: 'assistant', content: null, refusal: 'Não posso ajudar.' });
		openai.reset();
		expect(openai.responder).toBe(keywordResponder);
	});

	it('answers plain text without a response_format', async () => {
		const { body } = await call('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'boleto' }] });
		expect(body.choices[0].message.content).toBe('nenhuma'); // no enum to choose from
	});

	it('refuses a wrong or missing key with 401 in the OpenAI error envelope', async () => {
		const wrong = await call('/v1/chat/completions', chatCompletionBody('gpt-4o-mini', 'boleto', INTENTS), 'sk-errada');
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({ error: { message: expect.stringContaining('Incorrect API key'), type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
		expect((await call('/v1/models', undefined, '')).status).toBe(401);
		expect(openai.completions).toHaveLength(0);
	});

	it('checks the model, the messages and the response_format like the API', async () => {
		const valid = chatCompletionBody('gpt-4o-mini', 'boleto', INTENTS) as Record<string, any>;
		expect((await call('/v1/chat/completions', { ...valid, model: 'gpt-9' })).body.error.code).toBe('model_not_found');
		expect((await call('/v1/chat/completions', { ...valid, model: undefined })).status).toBe(400);
		expect((await call('/v1/chat/completions', { ...valid, messages: [] })).body.error.param).toBe('messages');
		const format = valid.response_format;
		const withFormat = (responseFormat: unknown) => call('/v1/chat/completions', { ...valid, response_format: responseFormat });
		expect((await withFormat({ type: 'xml' })).status).toBe(400);
		expect((await withFormat({ ...format, json_schema: { ...format.json_schema, name: 'nome com espaço' } })).status).toBe(400);
		const loose = { ...format.json_schema.schema, additionalProperties: true };
		expect((await withFormat({ ...format, json_schema: { ...format.json_schema, schema: loose } })).body.error.message).toMatch(/additionalProperties/);
		const partial = { ...format.json_schema.schema, required: ['intent'] };
		expect((await withFormat({ ...format, json_schema: { ...format.json_schema, schema: partial } })).body.error.message).toMatch(/Missing 'secondary_intents'/);
		const jsonObject = await call('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'oi' }], response_format: { type: 'json_object' } });
		expect(jsonObject.body.error.message).toMatch(/must contain the word 'json'/);
		expect(openai.completions).toHaveLength(0);
	});

	it('answers tool calls on chat completions (message.tool_calls, finish_reason tool_calls) and records the offered tools', async () => {
		openai.responder = () => ({ toolCalls: [{ name: 'consultar_planos', arguments: { cidade: 'Chapecó' } }] });
		const tools = [{ type: 'function', function: { name: 'consultar_planos', description: 'Planos', parameters: { type: 'object', properties: {} } } }];
		const { body } = await call('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'planos?' }], tools });
		expect(body.choices[0]).toMatchObject({
			finish_reason: 'tool_calls',
			message: { role: 'assistant', content: null, tool_calls: [{ id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'consultar_planos', arguments: '{"cidade":"Chapecó"}' } }] },
		});
		expect(openai.completions[0]).toMatchObject({ endpoint: 'chat.completions', tools: ['consultar_planos'] });
	});

	describe('Responses API (POST /v1/responses)', () => {
		const input = [
			{ type: 'message', role: 'system', content: 'Você é o assistente.' },
			{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'quanto custa?' }] },
			{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'R$ 99.', annotations: [] }] },
			{ type: 'function_call', call_id: 'call_1', name: 'planos', arguments: '{}' },
			{ type: 'function_call_output', call_id: 'call_1', output: '300 Mega' },
			{ type: 'message', role: 'user', content: 'e a instalação?' },
		];

		it('answers a response object with an assistant message of one output_text part, and records the call as sent', async () => {
			openai.responder = () => ({ content: 'A instalação é gratuita.' });
			const { status, body } = await call('/v1/responses', { model: 'gpt-4o-mini', input, instructions: 'Seja breve.', tools: [{ type: 'function', name: 'planos', parameters: {} }] });
			expect(status).toBe(200);
			expect(body).toMatchObject({
				id: expect.stringMatching(/^resp_/),
				object: 'response',
				status: 'completed',
				model: 'gpt-4o-mini',
				output: [{ type: 'message', id: expect.stringMatching(/^msg_/), role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'A instalação é gratuita.', annotations: [] }] }],
				usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number), total_tokens: expect.any(Number) },
			});
			expect(openai.completions[0]).toMatchObject({
				endpoint: 'responses',
				tools: ['planos'],
				text: 'e a instalação?',
				messages: [
					{ role: 'system', content: 'Seja breve.' },
					{ role: 'system', content: 'Você é o assistente.' },
					{ role: 'user', content: 'quanto custa?' },
					{ role: 'assistant', content: 'R$ 99.' },
					{ role: 'assistant', content: '[function_call planos {}]' },
					{ role: 'tool', content: '300 Mega' },
					{ role: 'user', content: 'e a instalação?' },
				],
			});
		});

		it('answers function_call output items, a structured answer as its JSON text, and a plain string input', async () => {
			openai.responder = () => ({ toolCalls: [{ name: 'planos', arguments: { a: 1 } }] });
			const tools = await call('/v1/responses', { model: 'gpt-4o-mini', input: 'planos?' });
			expect(tools.body.output).toEqual([
				{ type: 'function_call', id: expect.stringMatching(/^fc_/), call_id: expect.stringMatching(/^call_/), name: 'planos', arguments: '{"a":1}', status: 'completed' },
			]);
			openai.responder = () => ({ intent: 'Suporte', secondary_intents: [], confidence: 0.8 });
			const structured = await call('/v1/responses', { model: 'gpt-4o-mini', input: 'caiu' });
			expect(JSON.parse(structured.body.output[0].content[0].text)).toEqual({ intent: 'Suporte', secondary_intents: [], confidence: 0.8 });
		});

		it('refuses what it cannot answer: unknown model, no input, streaming', async () => {
			expect((await call('/v1/responses', { model: 'gpt-9', input: 'oi' })).body.error.code).toBe('model_not_found');
			expect((await call('/v1/responses', { model: 'gpt-4o-mini' })).body.error.param).toBe('input');
			expect((await call('/v1/responses', { model: 'gpt-4o-mini', input: 'oi', stream: true })).body.error.param).toBe('stream');
			expect(openai.completions).toHaveLength(0);
		});

		it('injected errors apply to it too', async () => {
			openai.errorNext(1, 500);
			expect((await call('/v1/responses', { model: 'gpt-4o-mini', input: 'oi' })).status).toBe(500);
			expect((await call('/v1/responses', { model: 'gpt-4o-mini', input: 'oi' })).status).toBe(200);
		});
	});

	it('injects 429 (with retry-after), 500 and 401 on the model endpoints only, unless anyPath', async () => {
		openai.errorNext(1, 429, { retryAfterSeconds: 7 });
		openai.errorNext(1, 500);
		expect((await call('/v1/models')).status).toBe(200);
		const limited = await classify('boleto');
		expect([limited.status, limited.headers.get('retry-after'), limited.body.error.code]).toEqual([429, '7', 'rate_limit_exceeded']);
		const failed = await classify('boleto');
		expect([failed.status, failed.body.error.type]).toEqual([500, 'server_error']);
		expect((await classify('boleto')).status).toBe(200);
		openai.errorNext(1, 401, { anyPath: true });
		expect((await call('/v1/models')).status).toBe(401);
	});

	it('answers 404 for unknown paths', async () => {
		expect((await call('/v1/embeddings', {})).status).toBe(404);
		expect((await call('/chat/completions', {})).status).toBe(404);
	});

	it("accepts the pack's own request and classifies through it", async () => {
		const request = async (options: { url?: string; method?: string; body?: unknown }) => {
			const response = await fetch(options.url!, {
				method: options.method,
				headers: { authorization: `Bearer ${OPENAI_TEST_ACCOUNT.apiKey}`, 'content-type': 'application/json' },
				body: JSON.stringify(options.body),
			});
			return await response.json();
		};
		const result = await classifyWithModel(request, { baseUrl: `${openai.url}/v1/`, model: 'gpt-4o-mini' }, '2ª via do boleto', INTENTS);
		expect(result).toEqual({ intent: 'Financeiro', source: 'modelo', confidence: 0.9, secondary: [] });
		expect(openai.completions[0].messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('Intenções:') });
	});
});

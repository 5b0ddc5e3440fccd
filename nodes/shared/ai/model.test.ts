import type { IExecuteFunctions } from 'n8n-workflow';

import { chatWithTools, connectedChatModel, connectedTools, invokeWithTimeout, MAX_TOOL_ROUNDS, ModelTimeoutError, replyText, type AiTool, type ChatMessage, type ChatModel, type ModelReply } from './model';

function contextWith(data: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => ({ name: 'Agente', type: 't', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' }),
		getInputConnectionData: async (type: string) => data[type],
	} as unknown as IExecuteFunctions;
}

/** A fake chat model answering from a script; records what it was given. */
function scriptedModel(replies: ModelReply[]): ChatModel & { calls: ChatMessage[][]; boundTo?: AiTool[] } {
	const model = {
		calls: [] as ChatMessage[][],
		boundTo: undefined as AiTool[] | undefined,
		lc_namespace: ['langchain', 'chat_models'],
		async invoke(messages: ChatMessage[]) {
			model.calls.push([...messages]);
			const reply = replies.shift();
			if (!reply) throw new Error('sem resposta roteirizada');
			return reply;
		},
		bindTools(tools: AiTool[]) {
			model.boundTo = tools;
			return model;
		},
	};
	return model;
}

describe('connectedChatModel / connectedTools', () => {
	test('returns the supplied model, undefined when nothing is connected, and refuses a non-model', async () => {
		const model = scriptedModel([]);
		await expect(connectedChatModel(contextWith({ ai_languageModel: model }))).resolves.toBe(model);
		await expect(connectedChatModel(contextWith({}))).resolves.toBeUndefined();
		await expect(connectedChatModel(contextWith({ ai_languageModel: { foo: 1 } }))).rejects.toThrow('não é um modelo de chat');
	});

	test('flattens toolkits and drops what is not a tool', async () => {
		const tool = { name: 'a', invoke: async () => 'x' };
		const other = { name: 'b', invoke: async () => 'y' };
		const tools = await connectedTools(contextWith({ ai_tool: [tool, { tools: [other] }, { name: 'nada' }] }));
		expect(tools.map((entry) => entry.name)).toEqual(['a', 'b']);
		await expect(connectedTools(contextWith({ ai_tool: [] }))).resolves.toEqual([]);
	});
});

describe('replyText', () => {
	test('reads a string or the text blocks of a content array', () => {
		expect(replyText({ content: 'oi' })).toBe('oi');
		expect(replyText({ content: [{ type: 'text', text: 'a' }, { type: 'reasoning', reasoning: 'x' }, { type: 'text', text: 'b' }] })).toBe('ab');
		expect(replyText({})).toBe('');
	});
});

describe('invokeWithTimeout', () => {
	test('rejects with ModelTimeoutError and aborts the call when the model is too slow', async () => {
		let signal: AbortSignal | undefined;
		const slow: ChatModel = {
			invoke: async (_messages, options) => {
				signal = options?.signal;
				return await new Promise<ModelReply>(() => undefined);
			},
		};
		await expect(invokeWithTimeout(slow, [], 30)).rejects.toBeInstanceOf(ModelTimeoutError);
		expect(signal?.aborted).toBe(true);
	});
});

describe('chatWithTools', () => {
	test('without tools, one call and its text', async () => {
		const model = scriptedModel([{ content: 'Olá' }]);
		await expect(chatWithTools(model, [{ role: 'user', content: 'oi' }], [], 1000)).resolves.toEqual({ text: 'Olá', tools: [] });
		expect(model.boundTo).toBeUndefined();
	});

	test('runs the tools the model calls and gives their output back, then returns the final text', async () => {
		const toolCall: ModelReply = { content: '', tool_calls: [{ id: 'call_1', name: 'planos', args: { cidade: 'X' } }] };
		const model = scriptedModel([toolCall, { content: 'O plano de 300 Mega custa R$ 99.' }]);
		const received: unknown[] = [];
		const planos: AiTool = { name: 'planos', invoke: async (args) => (received.push(args), { planos: ['300 Mega'] }) };
		const result = await chatWithTools(model, [{ role: 'user', content: 'quais planos?' }], [planos], 1000);
		expect(result).toEqual({ text: 'O plano de 300 Mega custa R$ 99.', tools: [{ name: 'planos', ok: true }] });
		expect(model.boundTo).toEqual([planos]);
		expect(received).toEqual([{ cidade: 'X' }]);
		expect(model.calls[1]).toEqual([
			{ role: 'user', content: 'quais planos?' },
			toolCall,
			{ role: 'tool', content: '{"planos":["300 Mega"]}', tool_call_id: 'call_1', name: 'planos' },
		]);
	});

	test('a failing or unknown tool is reported to the model, which still answers', async () => {
		const model = scriptedModel([{ tool_calls: [{ id: 'c1', name: 'quebrada' }, { id: 'c2', name: 'inexistente' }] }, { content: 'Não consegui consultar agora.' }]);
		const broken: AiTool = { name: 'quebrada', invoke: async () => Promise.reject(new Error('ERP fora do ar')) };
		const result = await chatWithTools(model, [], [broken], 1000);
		expect(result.tools).toEqual([{ name: 'quebrada', ok: false }, { name: 'inexistente', ok: false }]);
		expect(model.calls[1].slice(-2)).toEqual([
			{ role: 'tool', content: 'Erro ao usar a ferramenta: ERP fora do ar', tool_call_id: 'c1', name: 'quebrada' },
			{ role: 'tool', content: 'Erro: a ferramenta "inexistente" não existe.', tool_call_id: 'c2', name: 'inexistente' },
		]);
	});

	test('stops a model that keeps calling tools after MAX_TOOL_ROUNDS rounds', async () => {
		const loop: ModelReply = { content: 'ainda procurando', tool_calls: [{ id: 'c', name: 't' }] };
		const model = scriptedModel(Array.from({ length: MAX_TOOL_ROUNDS + 1 }, () => loop));
		const tool: AiTool = { name: 't', invoke: async () => 'ok' };
		const result = await chatWithTools(model, [], [tool], 1000);
		expect(model.calls).toHaveLength(MAX_TOOL_ROUNDS + 1);
		expect(result.text).toBe('ainda procurando');
	});
});

import { storedConversation } from '../../test/support/stored-conversation';
import { useTemporaryStore } from '../../test/support/temporary-store';
import type { AiTool, ChatMessage, ChatModel, ModelReply } from '../shared/ai/model';
import type { InboundContent, InboundMessage, OutboundMessage } from '../shared/channels/types';
import { getConversationStore } from '../shared/conversation';
import type { Conversation } from '../shared/conversation/types';
import type { AnswerEvaluation } from '../shared/runtime/waiting';
import { agentCardConfig, ERROR_OUTPUT, EXIT_OUTPUT, greetingOf, HANDOFF_OUTPUT, MAX_TURNS_OUTPUT, NO_ANSWER_OUTPUT, type AgentRuntime } from './config';
import type { AgentParameters } from './dialog';

useTemporaryStore('agente-virtual', () => undefined);

const parameters: AgentParameters = {
	greeting: 'Olá, sou o assistente da {{nome_empresa}}.',
	companyInfo: 'Plano 300 Mega: R$ 99,90. Protocolo {{protocolo}}.',
	instructions: 'Você é o assistente.',
	exits: { values: [{ name: 'Menu', words: 'menu' }] },
	handoffWords: 'atendente',
	maxTurns: 2,
	maxTurnsMessage: 'Limite atingido.',
	maxAnswerLength: 120,
	allowPersonalData: false,
	modelTimeoutSeconds: 5,
	fallbackMessage: 'Não consegui responder agora.',
	timeoutMinutes: 0,
};

function message(content: InboundContent, messageId = 'm-x'): InboundMessage {
	return { channel: 'webchat', accountId: 'a', contactId: 'ana', messageId, timestamp: Date.now(), content };
}

/** A runtime over a scripted model: what it was asked, and what the customer received. */
function fakeRuntime(replies: Array<ModelReply | Error>, tools: AiTool[] = []) {
	const calls: ChatMessage[][] = [];
	const sent: OutboundMessage[][] = [];
	const model: ChatModel = {
		invoke: async (messages) => {
			calls.push([...messages]);
			const reply = replies.shift();
			if (reply instanceof Error) throw reply;
			if (!reply) throw new Error('sem resposta roteirizada');
			return reply;
		},
		bindTools: () => model,
	};
	const runtime: AgentRuntime = { model: async () => model, tools: async () => tools, send: async (_c, messages) => void sent.push(messages), nodeName: 'Agente' };
	return { runtime, calls, sent };
}

async function evaluate(runtime: AgentRuntime, conversation: Conversation, content: InboundContent, dialog: Record<string, unknown>): Promise<AnswerEvaluation> {
	return await agentCardConfig(parameters, runtime, conversation).evaluate(message(content), conversation, dialog, 0);
}

test('the greeting fills the message variables; the outputs are in their documented order', async () => {
	const conversation = await storedConversation();
	expect(greetingOf({ ...conversation, channel: { ...conversation.channel, companyName: 'Provedor X' } }, parameters)).toEqual([{ kind: 'text', text: 'Olá, sou o assistente da Provedor X.' }]);
	const config = agentCardConfig(parameters, fakeRuntime([]).runtime, conversation);
	expect([config.outputCount, config.maxAttemptsOutput, config.noAnswerOutput]).toEqual([5, MAX_TURNS_OUTPUT, NO_ANSWER_OUTPUT]);
});

test('a question is answered by the model (system text, masked question), sent, and the card keeps waiting with one more turn', async () => {
	const conversation = await storedConversation();
	const { runtime, calls, sent } = fakeRuntime([{ content: 'O plano de 300 Mega custa R$ 99,90.' }]);
	const evaluation = await evaluate(runtime, conversation, { kind: 'text', text: 'quanto custa? meu cpf é 529.982.247-25' }, { turns: 0, startedAt: 0 });
	expect(evaluation).toEqual({ accepted: false, proceed: { turns: 1, startedAt: 0 } });
	expect(sent).toEqual([[{ kind: 'text', text: 'O plano de 300 Mega custa R$ 99,90.' }]]);
	const [system, ...rest] = calls[0] as Array<{ role: string; content: string }>;
	expect(system.role).toBe('system');
	expect(system.content).toContain(`Plano 300 Mega: R$ 99,90. Protocolo ${conversation.protocolo}.`);
	expect(rest.at(-1)).toEqual({ role: 'user', content: 'quanto custa? meu cpf é 529.***.***-25' });
	// With the card started at 0, the conversation's first message ("oi") is in the memory.
	expect(rest.slice(0, -1)).toEqual([{ role: 'user', content: 'oi' }]);
});

test('the answer is cut at a sentence when longer than the maximum', async () => {
	const conversation = await storedConversation();
	const long = 'A instalação é gratuita e feita por técnicos da própria empresa. ' + 'Levamos até sete dias úteis para instalar na sua região, dependendo da agenda dos técnicos e do clima.';
	const { runtime, sent } = fakeRuntime([{ content: long }]);
	await evaluate(runtime, conversation, { kind: 'text', text: 'e a instalação?' }, { turns: 0, startedAt: Date.now() });
	expect(sent).toEqual([[{ kind: 'text', text: 'A instalação é gratuita e feita por técnicos da própria empresa.' }]]);
});

test('exit words, handoff words and the turn limit end the dialog without asking the model', async () => {
	const conversation = await storedConversation();
	const { runtime, calls, sent } = fakeRuntime([]);
	expect(await evaluate(runtime, conversation, { kind: 'text', text: 'Menu' }, { turns: 1, startedAt: 0 })).toEqual({
		accepted: true,
		output: EXIT_OUTPUT,
		result: { textoOriginal: 'Menu', interacoes: 1, resposta: 'Menu', saida: 'Menu' },
	});
	expect(await evaluate(runtime, conversation, { kind: 'text', text: 'quero falar com um atendente' }, { turns: 0, startedAt: 0 })).toMatchObject({
		accepted: true,
		output: HANDOFF_OUTPUT,
		result: { transferir: true, motivo: 'pedido_do_cliente' },
	});
	expect(await evaluate(runtime, conversation, { kind: 'text', text: 'mais uma pergunta' }, { turns: 2, startedAt: 0 })).toMatchObject({
		accepted: true,
		output: MAX_TURNS_OUTPUT,
		result: { maximoInteracoes: true, interacoes: 2 },
	});
	expect(sent).toEqual([[{ kind: 'text', text: 'Limite atingido.' }]]);
	expect(calls).toEqual([]);
});

test('the model hands over with the marker: its text (if any) is sent and the card goes out through Transferir', async () => {
	const conversation = await storedConversation();
	const { runtime, sent } = fakeRuntime([{ content: 'Vou te passar para um atendente. [TRANSFERIR]' }]);
	expect(await evaluate(runtime, conversation, { kind: 'text', text: 'preciso de alguém de verdade' }, { turns: 0, startedAt: 0 })).toMatchObject({
		accepted: true,
		output: HANDOFF_OUTPUT,
		result: { motivo: 'modelo' },
	});
	expect(sent).toEqual([[{ kind: 'text', text: 'Vou te passar para um atendente.' }]]);
});

test('a model error or an empty answer: the fallback message, the Erro output and an event', async () => {
	const conversation = await storedConversation();
	const failure = Object.assign(new Error('The server had an error'), { status: 500 });
	const { runtime, sent } = fakeRuntime([failure, { content: '   ' }]);
	const evaluation = await evaluate(runtime, conversation, { kind: 'text', text: 'oi?' }, { turns: 0, startedAt: 0 });
	expect(evaluation).toMatchObject({ accepted: true, output: ERROR_OUTPUT, result: { erro: 'HTTP 500: The server had an error' } });
	expect(await evaluate(runtime, conversation, { kind: 'text', text: 'oi?' }, { turns: 0, startedAt: 0 })).toMatchObject({ output: ERROR_OUTPUT, result: { erro: 'resposta vazia do modelo' } });
	expect(sent).toEqual([[{ kind: 'text', text: 'Não consegui responder agora.' }], [{ kind: 'text', text: 'Não consegui responder agora.' }]]);
	const events = (await getConversationStore().get(conversation.id))!.events.filter((event) => event.type === 'agente_erro');
	expect(events.map((event) => event.data)).toEqual([{ motivo: 'HTTP 500: The server had an error' }, { motivo: 'resposta vazia do modelo' }]);
});

test('a model that is not connected (the runtime refuses) is a model error too, never a customer without reply', async () => {
	const conversation = await storedConversation();
	const { runtime, sent } = fakeRuntime([]);
	runtime.model = async () => Promise.reject(new Error('Nenhum modelo ligado ao Agente Virtual'));
	expect(await evaluate(runtime, conversation, { kind: 'text', text: 'oi?' }, { turns: 0, startedAt: 0 })).toMatchObject({ output: ERROR_OUTPUT });
	expect(sent).toHaveLength(1);
});

test('the tools the model used are recorded in the conversation events', async () => {
	const conversation = await storedConversation();
	const tool: AiTool = { name: 'consultar_planos', invoke: async () => '300 Mega' };
	const { runtime } = fakeRuntime([{ tool_calls: [{ id: 'c1', name: 'consultar_planos', args: {} }] }, { content: 'Temos 300 Mega.' }], [tool]);
	await evaluate(runtime, conversation, { kind: 'text', text: 'quais planos?' }, { turns: 0, startedAt: 0 });
	const events = (await getConversationStore().get(conversation.id))!.events.filter((event) => event.type === 'agente_ferramentas');
	expect(events.map((event) => event.data)).toEqual([{ ferramentas: ['consultar_planos'] }]);
});

test('a message without text is asked again in text', async () => {
	const conversation = await storedConversation();
	const { runtime, calls } = fakeRuntime([]);
	const evaluation = await evaluate(runtime, conversation, { kind: 'media', mediaType: 'sticker' }, { turns: 0, startedAt: 0 });
	expect(evaluation).toEqual({ accepted: false, reason: expect.stringContaining('mensagens de texto') });
	expect(calls).toEqual([]);
});

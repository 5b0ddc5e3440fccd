import type { IExecuteFunctions, INode, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { InboundMessage } from '../shared/channels/types';
import type { LocalConversationStore } from '../shared/conversation/local-store';
import type { Conversation, Waiter } from '../shared/conversation/types';
import { toAtendimentoItem } from '../shared/runtime/atendimento';
import { INTERNAL_SECRET_HEADER } from '../shared/runtime/send';
import { useTemporaryStore } from '../../test/support/temporary-store';
import { storedConversation } from '../../test/support/stored-conversation';
import { DESCRIPTION_DEFAULTS, evaluateDescription, type DescriptionParameters } from './config';
import { descriptionOutputNames, descriptionOutputsExpression } from './outputs';
import { SolicitarDescricao } from './SolicitarDescricao.node';

const node = { id: 'node-descricao', name: 'Descrição', type: 'n8n-nodes-atendimento.solicitarDescricao', typeVersion: 1, parameters: {} } as unknown as INode;
let store: LocalConversationStore;

useTemporaryStore('solicitar-descricao', (created) => {
	store = created;
});

function text(value: string, id = value): InboundMessage {
	return { channel: 'webchat', accountId: 'teste', contactId: 'sessao', messageId: `m-${id}`, timestamp: Date.now(), content: { kind: 'text', text: value } };
}

const parameters = (overrides: Partial<DescriptionParameters> = {}): DescriptionParameters => ({ ...DESCRIPTION_DEFAULTS, question: 'Descreva', ...overrides });

describe('Solicitar Descrição: what counts as a description', () => {
	it('refuses media, an empty message and (when required) one word, with a pt-BR reason', () => {
		const media: InboundMessage = { ...text('x'), content: { kind: 'media', mediaType: 'image', url: 'https://x/foto.jpg' } as InboundMessage['content'] };
		expect(evaluateDescription(media, parameters())).toEqual({ accepted: false, reason: expect.stringMatching(/mensagem de texto.*imagens/) });
		expect(evaluateDescription(text('   '), parameters())).toEqual({ accepted: false, reason: expect.stringMatching(/vazia/) });
		expect(evaluateDescription(text('internet!!'), parameters())).toEqual({ accepted: false, reason: 'Escreva com mais de uma palavra o que aconteceu.' });
		expect(evaluateDescription(text('👍 ok'), parameters())).toMatchObject({ accepted: false });
	});

	it('takes one word when "Exigir mais de uma palavra" is off, and applies the minimum length', () => {
		expect(evaluateDescription(text('internet'), parameters({ requireSeveralWords: false }))).toMatchObject({ accepted: true, result: { descricao: 'internet' } });
		expect(evaluateDescription(text('sem sinal'), parameters({ minLength: 15 }))).toEqual({ accepted: false, reason: 'Escreva ao menos 15 caracteres.' });
		expect(evaluateDescription(text('  sem sinal desde ontem  '), parameters({ minLength: 15 }))).toMatchObject({ accepted: true, output: 0, result: { descricao: 'sem sinal desde ontem' } });
	});

	it('has the outputs of a waiting card, plus the 24 h window output when asked', () => {
		expect(descriptionOutputNames({})).toEqual(['Descrição recebida', 'Máximo de tentativas', 'Sem resposta']);
		expect(descriptionOutputNames({ outsideWindowOutput: true })).toEqual(['Descrição recebida', 'Máximo de tentativas', 'Sem resposta', 'Fora da janela de 24h']);
		const expression = descriptionOutputsExpression.slice(3, -2);
		 
		const outputs = new Function('$parameter', `return ${expression}`)({ outsideWindowOutput: false }) as Array<{ displayName: string }>;
		expect(outputs.map((output) => output.displayName)).toEqual(['Descrição recebida', 'Máximo de tentativas', 'Sem resposta']);
	});
});

function executeContext(conversation: Conversation, values: Partial<DescriptionParameters>) {
	const putExecutionToWait = jest.fn(async () => undefined);
	const executeData = { data: { main: [] as unknown } };
	const ctx = {
		getNode: () => node,
		getExecutionId: () => 'exec-1',
		customData: { setAll: () => undefined },
		getInputData: () => [{ json: { atendimento: toAtendimentoItem(conversation) } }],
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => (name in values ? values[name as keyof DescriptionParameters] : fallback),
		evaluateExpression: () => 'http://127.0.0.1:5678/webhook-waiting/exec-1?signature=abc',
		getExecuteData: () => executeData,
		setMetadata: jest.fn(),
		putExecutionToWait,
		getChildNodes: () => [],
		continueOnFail: () => false,
		helpers: {},
	} as unknown as IExecuteFunctions;
	return { ctx, putExecutionToWait };
}

async function webhookCall(values: Partial<DescriptionParameters>, body: unknown) {
	const response = { status: jest.fn() };
	const secret = await store.internalSecret();
	const ctx = {
		getNode: () => node,
		getNodeParameter: (name: string, fallback: unknown) => (name in values ? values[name as keyof DescriptionParameters] : fallback),
		getRequestObject: () => ({ headers: { [INTERNAL_SECRET_HEADER]: secret } }),
		getResponseObject: () => response,
		getBodyData: () => body,
		helpers: {},
	} as unknown as IWebhookFunctions;
	return await new SolicitarDescricao().webhook.call(ctx);
}

const botTexts = async (conversation: Conversation) =>
	(await store.readWebchat(conversation.channel.accountId, conversation.contact.id, 0, 0)).filter((entry) => entry.from === 'bot').map((entry) => (entry.message as { text?: string }).text);

describe('Solicitar Descrição card (mock context)', () => {
	const values = { question: 'Conte em poucas palavras o problema, {{nome_usuario}}.', invalidMessage: 'Não entendi.', maxAttempts: 2, maxAttemptsMessage: 'Vamos seguir.' };

	it('asks, parks, counts a one-word answer as an attempt and keeps the description on the record and the item', async () => {
		const conversation = await storedConversation();
		const { ctx, putExecutionToWait } = executeContext(conversation, values);
		const parked = await new SolicitarDescricao().execute.call(ctx);
		expect(putExecutionToWait).toHaveBeenCalledTimes(1);
		// Parked: no output carries an item (the editor would paint it as run); the "Sem resposta" item waits on n8n's stack.
		expect(parked.map((output) => output.length)).toEqual([0, 0, 0]);
		const waiter = (await store.get(conversation.id))!.waiter as Waiter;
		expect(waiter).toMatchObject({ nodeName: 'Descrição', resumeUrl: 'http://127.0.0.1:5678/webhook-waiting/exec-1/node-descricao?signature=abc', attempts: 0 });
		expect(await botTexts(conversation)).toEqual(['Conte em poucas palavras o problema, .']);

		const refused = await webhookCall(values, { conversationId: conversation.id, waiter, message: text('internet') });
		expect(refused.workflowData).toBeUndefined();
		expect(refused.webhookResponse).toEqual({ status: 'aguardando', tentativas: 1 });
		expect((await botTexts(conversation)).slice(1)).toEqual(['Não entendi.\nEscreva com mais de uma palavra o que aconteceu.', 'Conte em poucas palavras o problema, .']);
		expect((await store.get(conversation.id))!.description).toBeUndefined();

		const accepted = await webhookCall(values, { conversationId: conversation.id, waiter: { ...waiter, attempts: 1 }, message: text('a internet cai toda noite') });
		const [received, maxAttempts, noAnswer] = accepted.workflowData as INodeExecutionData[][];
		expect(maxAttempts).toEqual([]);
		expect(noAnswer).toEqual([]);
		expect(received[0].json).toMatchObject({ descricao: 'a internet cai toda noite', atendimento: { conversationId: conversation.id, descricao: 'a internet cai toda noite' } });
		const record = (await store.get(conversation.id))!;
		expect(record.description).toBe('a internet cai toda noite');
		expect(record.events.at(-1)).toMatchObject({ type: 'resposta', node: 'Descrição', data: { saida: 0 } });
	});

	it('leaves by "Máximo de tentativas" after the last invalid answer, with its message, and saves nothing', async () => {
		const conversation = await storedConversation();
		const { ctx } = executeContext(conversation, values);
		await new SolicitarDescricao().execute.call(ctx);
		const waiter = (await store.get(conversation.id))!.waiter as Waiter;
		const media: InboundMessage = { ...text('foto'), content: { kind: 'media', mediaType: 'image', url: 'https://x/foto.jpg' } as InboundMessage['content'] };
		const exhausted = await webhookCall(values, { conversationId: conversation.id, waiter: { ...waiter, attempts: 1 }, message: media });
		const [received, maxAttempts] = exhausted.workflowData as INodeExecutionData[][];
		expect(received).toEqual([]);
		expect(maxAttempts[0].json).toMatchObject({ maximoTentativas: true });
		expect((await botTexts(conversation)).at(-1)).toBe('Vamos seguir.');
		expect((await store.get(conversation.id))!.description).toBeUndefined();
	});

	it('refuses an empty question before sending anything', async () => {
		const conversation = await storedConversation();
		const { ctx } = executeContext(conversation, { question: '  ' });
		await expect(new SolicitarDescricao().execute.call(ctx)).rejects.toThrow('A pergunta está vazia');
		expect(await botTexts(conversation)).toEqual([]);
	});
});

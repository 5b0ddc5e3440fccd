import type { INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { storedConversation } from '../../test/support/stored-conversation';
import { useTemporaryStore } from '../../test/support/temporary-store';
import type { InboundMessage } from '../shared/channels/types';
import type { LocalConversationStore } from '../shared/conversation/local-store';
import type { Conversation } from '../shared/conversation/types';
import { INTERNAL_SECRET_HEADER } from '../shared/runtime/send';
import { ratingsOf, questionnaireAnswersOf } from '../shared/satisfaction/ratings';
import { scoreChoices, scoreOf, type SurveyParameters } from './config';
import { PesquisaSatisfacao } from './PesquisaSatisfacao.node';

const node = { id: 'n-pesquisa', name: 'Pesquisa', type: 'n8n-nodes-atendimento.pesquisaSatisfacao', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

let store: LocalConversationStore;
useTemporaryStore('pesquisa-satisfacao', (created) => (store = created));

function parameters(overrides: Partial<SurveyParameters> = {}): SurveyParameters {
	return {
		mode: 'rating',
		target: 'empresa',
		question: 'De 1 a 5, como foi o atendimento da {{nome_empresa}}?',
		agentQuestion: 'E o atendimento de {{nome_atendente}}?',
		scoreTexts: {},
		order: 'crescente',
		questionnaire: '',
		freeQuestion: '',
		options: {},
		saveAs: 'avaliacao',
		maxAttempts: 3,
		invalidMessage: 'Não entendi.',
		maxAttemptsMessage: 'Não conseguimos registrar sua avaliação.',
		timeoutMinutes: 0,
		...overrides,
	};
}

/** The card's webhook() as n8n calls it when the trigger delivers `content` to the parked card. */
async function deliver(values: SurveyParameters, conversation: Conversation, content: InboundMessage['content']): Promise<IWebhookResponseData> {
	const current = (await store.get(conversation.id))!;
	const waiter = current.waiter ?? { resumeUrl: 'http://127.0.0.1/webhook-waiting/1/n-pesquisa', executionId: '1', nodeName: 'Pesquisa', attempts: 0 };
	const message: InboundMessage = { channel: 'webchat', accountId: 'atendimento', contactId: conversation.contact.id, messageId: `m-${Math.random()}`, timestamp: Date.now(), content };
	const secret = await store.internalSecret();
	const context = {
		getNode: () => node,
		getNodeParameter: (name: string, fallback: unknown) => (values as unknown as Record<string, unknown>)[name] ?? fallback,
		getRequestObject: () => ({ headers: { [INTERNAL_SECRET_HEADER]: secret } }),
		getBodyData: () => ({ conversationId: conversation.id, waiter, message }),
		getResponseObject: () => ({ status: jest.fn() }),
		getChildNodes: () => [],
		logger: { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() },
	} as unknown as IWebhookFunctions;
	return await new PesquisaSatisfacao().webhook.call(context);
}

/** What the bot sent since the conversation started, as text lines (options after their question). */
async function botMessages(conversation: Conversation): Promise<Array<{ text?: string; choices?: string[] }>> {
	return (await store.get(conversation.id))!.history.filter((entry) => entry.from === 'bot').map((entry) => ({ text: entry.text, ...(entry.choices ? { choices: entry.choices } : {}) }));
}

/** The output index an answer resumed the card by (or undefined while it keeps waiting). */
function outputOf(response: IWebhookResponseData): number | undefined {
	return response.workflowData?.findIndex((items) => items.length > 0);
}

async function ratedConversation(agent?: string, team?: string): Promise<Conversation> {
	const conversation = await storedConversation();
	return (await store.update(conversation.id, (record) => {
		record.attendant = agent;
		record.department = team;
		record.channel.companyName = 'Provedor XYZ';
	}))!;
}

describe('Pesquisa de Satisfação: the scale', () => {
	it('offers 1 to 5 with their texts, crescente or decrescente, as choices nota_N', () => {
		expect(scoreChoices(node, parameters()).map((choice) => [choice.id, choice.label])).toEqual([
			['nota_1', '1 - Muito insatisfeito'],
			['nota_2', '2 - Insatisfeito'],
			['nota_3', '3 - Regular'],
			['nota_4', '4 - Satisfeito'],
			['nota_5', '5 - Muito satisfeito'],
		]);
		const reversed = scoreChoices(node, parameters({ order: 'decrescente', scoreTexts: { texts: { nota5: 'Ótimo', nota1: '' } } }));
		expect(reversed.map((choice) => choice.label)).toEqual(['5 - Ótimo', '4 - Satisfeito', '3 - Regular', '2 - Insatisfeito', '1']);
		expect(() => scoreChoices(node, parameters({ scoreTexts: { texts: { nota3: 'x'.repeat(21) } } }))).toThrow('O texto da nota 3');
	});

	it('reads a tap, a typed number or a text as the score itself, whatever the order; refuses numbers off the scale', () => {
		const decrescente = scoreChoices(node, parameters({ order: 'decrescente' }));
		expect(scoreOf({ kind: 'choice', id: 'nota_2', title: '2 - Insatisfeito' }, decrescente)).toBe(2);
		expect(scoreOf({ kind: 'text', text: '5' }, decrescente)).toBe(5); // the score, not the 5th option (which is 1)
		expect(scoreOf({ kind: 'text', text: 'Nota 4' }, decrescente)).toBe(4);
		expect(scoreOf({ kind: 'text', text: 'muito satisfeito' }, decrescente)).toBe(5);
		expect(scoreOf({ kind: 'text', text: '6' }, decrescente)).toBe('outOfRange');
		expect(scoreOf({ kind: 'text', text: '0' }, decrescente)).toBe('outOfRange');
		expect(scoreOf({ kind: 'text', text: 'muito' }, decrescente)).toBeUndefined(); // two texts start so
		expect(scoreOf({ kind: 'media', mediaType: 'image' } as InboundMessage['content'], decrescente)).toBeUndefined();
	});
});

describe('Pesquisa de Satisfação: the card answering (mock context)', () => {
	it('an in-range score resumes by Respondida, is saved in the variable and recorded with the agent and team', async () => {
		const conversation = await ratedConversation('ana', 'Suporte');
		const response = await deliver(parameters({ target: 'atendente' }), conversation, { kind: 'text', text: '4' });
		expect(outputOf(response)).toBe(0);
		expect(response.workflowData![0][0].json).toMatchObject({ resposta: 4, nota: 4, alvo: 'atendente' });
		const stored = (await store.get(conversation.id))!;
		expect(stored.variables.avaliacao).toBe(4);
		expect(ratingsOf(stored)).toEqual([{ at: expect.any(Number), alvo: 'atendente', nota: 4, escala: 5, atendente: 'ana', equipe: 'Suporte' }]);
	});

	it('"6" on a 1–5 scale is refused with the reason and the question again; attempts run out by Máximo de tentativas', async () => {
		const conversation = await ratedConversation();
		const values = parameters({ maxAttempts: 2 });
		const first = await deliver(values, conversation, { kind: 'text', text: '6' });
		expect(first.workflowData).toBeUndefined();
		expect(first.webhookResponse).toEqual({ status: 'aguardando', tentativas: 1 });
		expect(await botMessages(conversation)).toEqual([
			{ text: 'Não entendi.\nA nota vai de 1 a 5.' },
			{ text: 'De 1 a 5, como foi o atendimento da Provedor XYZ?', choices: scoreChoices(node, values).map((choice) => choice.label) },
		]);
		const second = await deliver(values, conversation, { kind: 'text', text: 'sei lá' });
		expect(outputOf(second)).toBe(1);
		expect(second.workflowData![1][0].json).toMatchObject({ maximoTentativas: true });
		expect((await botMessages(conversation)).at(-1)).toEqual({ text: 'Não conseguimos registrar sua avaliação.' });
		expect(ratingsOf((await store.get(conversation.id))!)).toEqual([]);
	});

	it('decrescente: the options go 5 to 1 and a tapped option counts by its score', async () => {
		const conversation = await ratedConversation();
		const values = parameters({ order: 'decrescente' });
		await deliver(values, conversation, { kind: 'text', text: 'hein' });
		expect((await botMessages(conversation)).at(-1)?.choices).toEqual(['5 - Muito satisfeito', '4 - Satisfeito', '3 - Regular', '2 - Insatisfeito', '1 - Muito insatisfeito']);
		const response = await deliver(values, conversation, { kind: 'choice', id: 'nota_1', title: '1 - Muito insatisfeito' });
		expect(response.workflowData![0][0].json).toMatchObject({ nota: 1, alvo: 'empresa' });
	});

	it('Ambos asks the company then the agent, recording each score; an invalid answer re-asks the agent question', async () => {
		const conversation = await ratedConversation('bruno', 'Financeiro');
		const values = parameters({ target: 'ambos' });
		const first = await deliver(values, conversation, { kind: 'text', text: '5' });
		expect(first.workflowData).toBeUndefined();
		expect((await botMessages(conversation)).at(-1)?.text).toBe('E o atendimento de bruno?');
		expect((await store.get(conversation.id))!.waiter?.dialog).toEqual({ step: 1, scores: { empresa: 5 } });
		await deliver(values, conversation, { kind: 'text', text: '7' });
		expect((await botMessages(conversation)).slice(-2).map((message) => message.text)).toEqual(['Não entendi.\nA nota vai de 1 a 5.', 'E o atendimento de bruno?']);
		const done = await deliver(values, conversation, { kind: 'text', text: '3' });
		expect(outputOf(done)).toBe(0);
		expect(done.workflowData![0][0].json).toMatchObject({ resposta: { empresa: 5, atendente: 3 }, notaEmpresa: 5, notaAtendente: 3 });
		const stored = (await store.get(conversation.id))!;
		expect(ratingsOf(stored).map((rating) => [rating.alvo, rating.nota, rating.atendente, rating.equipe])).toEqual([
			['empresa', 5, 'bruno', 'Financeiro'],
			['atendente', 3, 'bruno', 'Financeiro'],
		]);
		expect(stored.variables.avaliacao).toEqual({ empresa: 5, atendente: 3 });
	});

	it('a free question records the chosen option under the questionnaire name', async () => {
		const conversation = await ratedConversation();
		const values = parameters({ mode: 'free', questionnaire: 'Motivo do cancelamento', freeQuestion: 'Por que você está cancelando?', options: { values: [{ label: 'Preço' }, { label: 'Mudança de endereço' }] }, saveAs: 'motivo' });
		const response = await deliver(values, conversation, { kind: 'text', text: '2' });
		expect(response.workflowData![0][0].json).toMatchObject({ questionario: 'Motivo do cancelamento', resposta: 'Mudança de endereço', opcao: 'opcao_2' });
		const stored = (await store.get(conversation.id))!;
		expect(questionnaireAnswersOf(stored)).toEqual([{ questionario: 'Motivo do cancelamento', resposta: 'Mudança de endereço', atendente: null, equipe: null }]);
		expect(stored.variables.motivo).toBe('Mudança de endereço');
		expect(ratingsOf(stored)).toEqual([]);
	});

	it('refuses a free question without a questionnaire name', async () => {
		const conversation = await ratedConversation();
		await expect(deliver(parameters({ mode: 'free', options: { values: [{ label: 'A' }] } }), conversation, { kind: 'text', text: '1' })).rejects.toThrow('Questionário sem nome');
	});
});

import type { IHttpRequestOptions, INode, IWebhookFunctions } from 'n8n-workflow';

import { useTemporaryStore } from '../../../test/support/temporary-store';
import type { LocalConversationStore } from '../../shared/conversation/local-store';
import type { ChannelRef, Conversation } from '../../shared/conversation/types';
import { INTERNAL_SECRET_HEADER } from '../../shared/runtime/send';
import { handleAttendantApi } from './attendant-api';
import type { TriggerConfig } from './inbound';
import { handleInternalCall } from './internal';

const TOKEN = 'token-da-equipe';
const OURS: ChannelRef = {
	type: 'whatsapp',
	accountId: '106540352242922',
	triggerUrl: 'http://127.0.0.1/webhook/loja-a',
	credential: { id: 'cred-a', name: 'WhatsApp loja A', type: 'atendimentoWhatsAppApi' },
};
const THEIRS: ChannelRef = {
	type: 'whatsapp',
	accountId: '999999999999999',
	triggerUrl: 'http://127.0.0.1/webhook/loja-b',
	credential: { id: 'cred-b', name: 'WhatsApp loja B', type: 'atendimentoWhatsAppApi' },
};
const config: TriggerConfig = { channel: OURS, runningLeaseMs: 60_000 };
const trigger: INode = {
	id: 't',
	name: 'Início do Atendimento',
	type: 'n8n-nodes-atendimento.atendimentoTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { atendimentoWhatsAppApi: { id: 'cred-a', name: 'WhatsApp loja A' } },
};

let store: LocalConversationStore;
useTemporaryStore('attendant-api', (created) => {
	store = created;
});

async function conversationOn(channel: ChannelRef, contactId: string): Promise<Conversation> {
	const decision = await store.routeInbound(
		channel,
		{ channel: 'whatsapp', accountId: channel.accountId, contactId, messageId: `m-${contactId}-${channel.accountId}`, timestamp: Date.now(), content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => `c-${channel.accountId}-${contactId}`, newProtocolo: () => '20260701-000001' },
	);
	if (decision.action !== 'start') throw new Error('conversa não criada');
	return decision.conversation;
}

function call(body: Record<string, unknown>, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
	const answer: { status?: number; body?: unknown } = {};
	const sent: IHttpRequestOptions[] = [];
	const response = {
		status: (status: number) => void (answer.status = status),
		setHeader: () => undefined,
		json: (json: unknown) => void (answer.body = json),
		send: (text: unknown) => void (answer.body = text),
	};
	const context = {
		getNode: () => trigger,
		getMode: () => 'webhook',
		getNodeParameter: (name: string, fallback: unknown) => (name === 'options' ? { attendantApiToken: TOKEN } : fallback),
		getHeaderData: () => headers,
		getBodyData: () => body,
		getResponseObject: () => response,
		getCredentials: async () => ({ accessToken: 'EAA-loja-a', phoneNumberId: OURS.accountId, apiVersion: 'v25.0', baseUrl: 'http://127.0.0.1:9' }),
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => void sent.push(options),
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				sent.push(options);
				return { statusCode: 200, body: { messages: [{ id: 'wamid.1' }] } };
			},
		},
	} as unknown as IWebhookFunctions;
	return { context, answer, sent };
}

describe('attendant API: a token acts only on its own trigger’s conversations', () => {
	it("sends on one of this trigger's conversations", async () => {
		const own = await conversationOn(OURS, '5511987650001');
		const { context, answer, sent } = call({ acao: 'mensagem', atendimento: own.id, texto: 'Olá, aqui é a Ana' });
		await handleAttendantApi(context, config);
		expect(answer.status).toBe(200);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ url: `http://127.0.0.1:9/v25.0/${OURS.accountId}/messages`, body: { to: '5511987650001' } });
	});

	it("answers 404, as for an unknown id, for another trigger's conversation, and changes nothing", async () => {
		const foreign = await conversationOn(THEIRS, '5511987650002');
		for (const acao of ['mensagem', 'encerrar', 'liberar']) {
			const { context, answer, sent } = call({ acao, atendimento: foreign.id, texto: 'Olá' });
			await handleAttendantApi(context, config);
			expect(answer.status).toBe(404);
			expect(answer.body).toEqual({ error: 'Atendimento não encontrado: informe "atendimento" (id) ou "contato".' });
			expect(sent).toEqual([]);
		}
		const unknown = call({ acao: 'mensagem', atendimento: 'nao-existe', texto: 'Olá' });
		await handleAttendantApi(unknown.context, config);
		expect(unknown.answer).toEqual({ status: 404, body: { error: 'Atendimento não encontrado: informe "atendimento" (id) ou "contato".' } });
		const after = (await store.get(foreign.id))!;
		expect(after.state).toBe(foreign.state);
		expect(after.events.map((event) => event.type)).toEqual(foreign.events.map((event) => event.type));
	});

	it('a WhatsApp contact known by phone and BSUID is found by either id, and answered on his canonical id', async () => {
		await store.linkContactIds('whatsapp', ['BR.2026API', '5511987650009']);
		await conversationOn(OURS, 'BR.2026API');
		const { context, answer, sent } = call({ acao: 'mensagem', contato: '5511987650009', texto: 'Olá' });
		await handleAttendantApi(context, config);
		expect(answer.status).toBe(200);
		expect(sent.map((options) => options.body)).toMatchObject([{ recipient: 'BR.2026API', text: { body: 'Olá' } }]);
	});

	it("a contact id finds only this trigger's conversation with that contact", async () => {
		await conversationOn(THEIRS, '5511987650003');
		const { context, answer, sent } = call({ acao: 'mensagem', contato: '5511987650003', texto: 'Olá' });
		await handleAttendantApi(context, config);
		expect(answer.status).toBe(404);
		expect(sent).toEqual([]);
	});
});

describe("the trigger's internal calls act only on its own conversations too", () => {
	it("a 'send' for another trigger's conversation is refused with 404", async () => {
		const foreign = await conversationOn(THEIRS, '5511987650004');
		const secret = await store.internalSecret();
		const { context, answer, sent } = call({ command: 'send', conversationId: foreign.id, messages: [{ kind: 'text', text: 'x' }] }, { [INTERNAL_SECRET_HEADER]: secret });
		await handleInternalCall(context, config);
		expect(answer.status).toBe(404);
		expect(sent).toEqual([]);
	});
});

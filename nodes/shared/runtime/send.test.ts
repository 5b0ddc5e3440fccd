import { NodeApiError, NodeOperationError, type IHttpRequestOptions, type INode, type IWebhookFunctions } from 'n8n-workflow';

import { storedConversation } from '../../../test/support/stored-conversation';
import { useTemporaryStore } from '../../../test/support/temporary-store';
import type { OutboundMessage } from '../channels/types';
import { getConversationStore } from '../conversation';
import type { ChannelRef, Conversation } from '../conversation/types';
import { INTERNAL_SECRET_HEADER, sendToConversation } from './send';

useTemporaryStore('send', () => undefined);

const hello: OutboundMessage[] = [{ kind: 'text', text: 'Olá' }];
const CREDENTIAL = { id: 'cred-wa-1', name: 'WhatsApp da loja', type: 'atendimentoWhatsAppApi' };
const card: INode = { id: 'card-1', name: 'Enviar Mensagem', type: 'n8n-nodes-atendimento.enviarMensagem', typeVersion: 1, position: [0, 0], parameters: {} };
const trigger: INode = { ...card, id: 'trigger-1', name: 'Início do Atendimento', type: 'n8n-nodes-atendimento.atendimentoTrigger', credentials: { atendimentoWhatsAppApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } };

interface Sent {
	type: string;
	options: IHttpRequestOptions;
	credentials: { id: string; name: string; type: string; data: Record<string, unknown> } | undefined;
}

/**
 * A node's context as n8n gives it: the credentials helper of `additionalData` reads the stored
 * credential by id (`stored` is what the database holds now), httpRequestWithAuthentication sends.
 */
function contextOf(node: INode, stored: { data: Record<string, unknown> }, reply: { statusCode: number; body: unknown } = { statusCode: 200, body: { messages: [{ id: 'wamid.1' }] } }) {
	const lookups: Array<{ id: string | null; name: string; type: string }> = [];
	const sent: Sent[] = [];
	const posts: IHttpRequestOptions[] = [];
	const getCredentials = jest.fn(async () => ({ ...stored.data }));
	const context = {
		getNode: () => node,
		getMode: () => 'webhook',
		additionalData: {
			credentialsHelper: {
				getDecrypted: async (_additional: unknown, reference: { id: string | null; name: string }, type: string) => {
					lookups.push({ ...reference, type });
					return { ...stored.data };
				},
			},
		},
		getCredentials,
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => void posts.push(options),
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions, extra?: { credentialsDecrypted?: Sent['credentials'] }) => {
				sent.push({ type, options, credentials: extra?.credentialsDecrypted });
				return reply;
			},
		},
	} as unknown as IWebhookFunctions;
	return { context, lookups, sent, posts, getCredentials };
}

const account = (accessToken: string) => ({ data: { accessToken, phoneNumberId: '106540352242922', apiVersion: 'v25.0', baseUrl: 'http://127.0.0.1:9' } });

async function withCredential(conversation: Conversation, credential: ChannelRef['credential'] = CREDENTIAL): Promise<Conversation> {
	return (await getConversationStore().update(conversation.id, (record) => {
		record.channel = { ...record.channel, credential };
	}))!;
}

test("a card sends through the channel API itself, with the trigger's credential read by id for this send", async () => {
	const conversation = await withCredential(await storedConversation({ phone: '5511987654321' }));
	const { context, lookups, sent, posts } = contextOf(card, account('token-1'));
	await sendToConversation(context, conversation, hello);
	expect(lookups).toEqual([{ id: CREDENTIAL.id, name: CREDENTIAL.name, type: CREDENTIAL.type }]);
	expect(sent).toHaveLength(1);
	expect(sent[0].type).toBe('atendimentoWhatsAppApi');
	expect(sent[0].credentials).toEqual({ ...CREDENTIAL, data: account('token-1').data });
	expect(sent[0].options).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:9/v25.0/106540352242922/messages', body: { to: '5511987654321', text: { body: 'Olá' } } });
	expect(posts).toEqual([]);
});

test('a changed credential is used by the very next send: nothing is kept between sends', async () => {
	const conversation = await withCredential(await storedConversation({ phone: '5511987654321' }));
	const stored = account('token-antigo');
	const { context, sent } = contextOf(card, stored);
	await sendToConversation(context, conversation, hello);
	stored.data = account('token-novo').data;
	await sendToConversation(context, conversation, hello);
	expect(sent.map((call) => call.credentials?.data.accessToken)).toEqual(['token-antigo', 'token-novo']);
});

test('a refusal is logged (card, protocolo, reason, no token) and recorded as failed in the history', async () => {
	const conversation = await withCredential(await storedConversation({ phone: '5511987654321' }));
	const { context } = contextOf(card, account('token-secreto-1'), { statusCode: 400, body: { error: { code: 131026, message: 'Message undeliverable' } } });
	const lines: Array<{ message: string }> = [];
	(context as unknown as { logger: unknown }).logger = { warn: (message: string) => lines.push({ message }) };
	await sendToConversation(context, conversation, hello).catch(() => undefined);
	expect(lines).toHaveLength(1);
	expect(lines[0].message).toMatch(new RegExp(`^\\[atendimento\\] Enviar Mensagem, protocolo ${conversation.protocolo}: envio ao cliente \\(whatsapp\\) falhou: `));
	expect(lines[0].message).not.toContain('token-secreto-1');
	const history = (await getConversationStore().get(conversation.id))!.history;
	expect(history.at(-1)).toMatchObject({ from: 'bot', text: 'Olá', status: 'falhou' });
});

test("a refusal is an error of the sending card, not of the trigger", async () => {
	const conversation = await withCredential(await storedConversation({ phone: '5511987654321' }));
	const { context } = contextOf(card, account('token-1'), { statusCode: 400, body: { error: { code: 131026, message: 'Message undeliverable' } } });
	const error = await sendToConversation(context, conversation, hello).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).node.name).toBe('Enviar Mensagem');
});

test('the trigger sends with its own credential as any node reads it, without the lookup by id', async () => {
	const conversation = await withCredential(await storedConversation({ phone: '5511987654321' }));
	const { context, lookups, sent, getCredentials } = contextOf(trigger, account('token-1'));
	await sendToConversation(context, conversation, hello);
	expect(getCredentials).toHaveBeenCalledWith('atendimentoWhatsAppApi');
	expect(lookups).toEqual([]);
	expect(sent).toHaveLength(1);
});

test('a conversation recorded before it carried the credential posts to the trigger with the internal secret', async () => {
	const conversation = await storedConversation({ phone: '5511987654321' });
	const { context, sent, posts } = contextOf(card, account('token-1'));
	await sendToConversation(context, conversation, hello);
	expect(sent).toEqual([]);
	expect(posts).toHaveLength(1);
	expect(posts[0]).toMatchObject({ method: 'POST', url: conversation.channel.triggerUrl, body: { command: 'send', conversationId: conversation.id, messages: hello } });
	expect(posts[0].headers?.[INTERNAL_SECRET_HEADER]).toEqual(expect.any(String));
});

test("a credential of another channel's type is refused before any request", async () => {
	const conversation = await withCredential(await storedConversation({ phone: '5511987654321' }), { ...CREDENTIAL, type: 'httpHeaderAuth' });
	const { context, lookups, sent } = contextOf(card, account('token-1'));
	const error = await sendToConversation(context, conversation, hello).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(lookups).toEqual([]);
	expect(sent).toEqual([]);
});

test('a binary file sent to the web chat is kept apart from the history, which holds a URL the page can load', async () => {
	const conversation = await storedConversation();
	const pdf = Buffer.from('%PDF-1.4 segunda via');
	const { context } = contextOf(card, account('token-1'));
	await sendToConversation(context, conversation, [
		{ kind: 'media', mediaType: 'document', data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'segunda-via.pdf', caption: 'Sua fatura' },
	]);
	const store = getConversationStore();
	const [entry] = await store.readWebchat('atendimento', conversation.contact.id, 0, 0);
	expect(entry.message).toEqual({
		kind: 'media',
		mediaType: 'document',
		mimeType: 'application/pdf',
		fileName: 'segunda-via.pdf',
		caption: 'Sua fatura',
		url: expect.stringMatching(new RegExp(`^\\?arquivo=[0-9a-f]{32}&sessao=${conversation.contact.id}$`)),
	});
	const fileId = new URLSearchParams((entry.message as { url: string }).url.slice(1)).get('arquivo')!;
	expect(await store.getWebchatFile('atendimento', conversation.contact.id, fileId)).toEqual({ data: pdf, mimeType: 'application/pdf', fileName: 'segunda-via.pdf' });
});

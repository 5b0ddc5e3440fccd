import type { IHttpRequestOptions } from 'n8n-workflow';

import { storedConversation } from '../../../test/support/stored-conversation';
import { useTemporaryStore } from '../../../test/support/temporary-store';
import type { OutboundMessage } from '../channels/types';
import { getConversationStore } from '../conversation';
import type { Conversation } from '../conversation/types';
import { forgetLocalSenders, rememberLocalSender } from './local-senders';
import { INTERNAL_SECRET_HEADER, sendToConversation } from './send';

useTemporaryStore('send', () => undefined);
afterEach(() => forgetLocalSenders());

const hello: OutboundMessage[] = [{ kind: 'text', text: 'Olá' }];

function recordingHttp(): { calls: IHttpRequestOptions[]; http: (options: IHttpRequestOptions) => Promise<unknown> } {
	const calls: IHttpRequestOptions[] = [];
	return { calls, http: async (options) => void calls.push(options) };
}

test('a WhatsApp conversation whose trigger runs in this process is sent by its sender, without the HTTP hop', async () => {
	const conversation = await storedConversation({ phone: '5511987654321' });
	const sent: Array<{ to: string; messages: OutboundMessage[] }> = [];
	rememberLocalSender(conversation.channel.triggerUrl, async (target: Conversation, messages) => void sent.push({ to: target.contact.id, messages }));
	const { calls, http } = recordingHttp();
	await sendToConversation(http, conversation, hello);
	expect(sent).toEqual([{ to: '5511987654321', messages: hello }]);
	expect(calls).toEqual([]);
});

test('without a local sender (queue-mode worker, process just restarted) the card posts to the trigger with the internal secret', async () => {
	const conversation = await storedConversation({ phone: '5511987654321' });
	rememberLocalSender('http://127.0.0.1/webhook/outro-gatilho', async () => {
		throw new Error('sender de outro gatilho não pode ser usado');
	});
	const { calls, http } = recordingHttp();
	await sendToConversation(http, conversation, hello);
	expect(calls).toHaveLength(1);
	expect(calls[0]).toMatchObject({ method: 'POST', url: conversation.channel.triggerUrl, body: { command: 'send', conversationId: conversation.id, messages: hello } });
	expect(calls[0].headers?.[INTERNAL_SECRET_HEADER]).toEqual(expect.any(String));
});

test('a binary file sent to the web chat is kept apart from the history, which holds a URL the page can load', async () => {
	const conversation = await storedConversation();
	const pdf = Buffer.from('%PDF-1.4 segunda via');
	const { http } = recordingHttp();
	await sendToConversation(http, conversation, [
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

import type { IHttpRequestOptions, INode, IWebhookFunctions } from 'n8n-workflow';

import { storedConversation } from '../../../test/support/stored-conversation';
import { useTemporaryStore } from '../../../test/support/temporary-store';
import { getConversationStore } from '../conversation';
import type { Conversation } from '../conversation/types';
import { sendToConversation } from './send';
import { isOutsideWindowError, isWindowOpen, OutsideWindowError, outsideWindowMessage, sendUnlessOutsideWindow, WHATSAPP_WINDOW_MS } from './whatsapp-window';
import { templateVariablesOf } from './card';

useTemporaryStore('janela', () => undefined);

const CREDENTIAL = { id: 'cred-wa-1', name: 'WhatsApp da loja', type: 'atendimentoWhatsAppApi' };
const card: INode = { id: 'card-1', name: 'Enviar Mensagem', type: 'n8n-nodes-atendimento.enviarMensagem', typeVersion: 1, position: [0, 0], parameters: {} };
const TEMPLATE = { name: 'retomar_atendimento', language: 'pt_BR', bodyParameters: ['{{nome_usuario}}', '{{protocolo}}'] };

type Reply = { statusCode: number; body: unknown };

/** A card's context whose WhatsApp API answers `replies` in turn (then 200). */
function contextOf(replies: Reply[] = []) {
	const sent: IHttpRequestOptions[] = [];
	const data = { accessToken: 't', phoneNumberId: '106540352242922', apiVersion: 'v25.0', baseUrl: 'http://127.0.0.1:9' };
	const context = {
		getNode: () => card,
		getMode: () => 'webhook',
		additionalData: { credentialsHelper: { getDecrypted: async () => ({ ...data }) } },
		getCredentials: async () => ({ ...data }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				sent.push(options);
				return replies.shift() ?? { statusCode: 200, body: { messages: [{ id: 'wamid.1' }] } };
			},
		},
	} as unknown as IWebhookFunctions;
	return { context, sent };
}

let phones = 0;

/** A WhatsApp conversation whose customer last wrote `ageMs` ago, with the trigger's template when given. */
async function conversationAged(ageMs: number, template?: typeof TEMPLATE): Promise<Conversation> {
	const conversation = await storedConversation({ phone: `55119${String(++phones).padStart(8, '0')}` });
	return (await getConversationStore().update(conversation.id, (record) => {
		record.channel = { ...record.channel, credential: CREDENTIAL, ...(template ? { outsideWindowTemplate: template } : {}) };
		record.contact = { ...record.contact, name: 'Ana' };
		for (const entry of record.history) if (entry.from === 'cliente') entry.at = Date.now() - ageMs;
	}))!;
}

const hello = [{ kind: 'text' as const, text: 'Olá' }];
const bodies = (sent: IHttpRequestOptions[]) => sent.map((options) => options.body as Record<string, any>);

describe('the 24-hour window', () => {
	it('is open until 24 h after the customer’s last message, on WhatsApp only', async () => {
		expect(isWindowOpen(await conversationAged(WHATSAPP_WINDOW_MS - 60_000), Date.now())).toBe(true);
		expect(isWindowOpen(await conversationAged(WHATSAPP_WINDOW_MS + 1), Date.now())).toBe(false);
		expect(isWindowOpen(await storedConversation(), Date.now() + 2 * WHATSAPP_WINDOW_MS)).toBe(true);
	});

	it('inside the window the message goes as it is', async () => {
		const { context, sent } = contextOf();
		await sendToConversation(context, await conversationAged(60_000, TEMPLATE), hello);
		expect(bodies(sent)).toMatchObject([{ type: 'text', text: { body: 'Olá' } }]);
	});

	it('outside the window, the trigger’s template goes instead, its variables filled, and the history says so', async () => {
		const conversation = await conversationAged(WHATSAPP_WINDOW_MS + 60_000, TEMPLATE);
		const { context, sent } = contextOf();
		await sendToConversation(context, conversation, hello);
		expect(bodies(sent)).toMatchObject([
			{ type: 'template', template: { name: 'retomar_atendimento', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ text: 'Ana' }, { text: conversation.protocolo }] }] } },
		]);
		const history = (await getConversationStore().get(conversation.id))!.history;
		expect(history[history.length - 1]).toMatchObject({ from: 'bot', status: 'enviada' });
	});

	it('outside the window without a template: OutsideWindowError, nothing sent, recorded as failed', async () => {
		const conversation = await conversationAged(WHATSAPP_WINDOW_MS + 60_000);
		const { context, sent } = contextOf();
		const failure = await sendToConversation(context, conversation, hello).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(OutsideWindowError);
		expect((failure as Error).message).toBe('Fora da janela de 24h do WhatsApp: a mensagem não foi enviada');
		expect(sent).toEqual([]);
		const history = (await getConversationStore().get(conversation.id))!.history;
		expect(history[history.length - 1]).toMatchObject({ from: 'bot', status: 'falhou' });
	});

	it('a template the card sends itself needs no window', async () => {
		const { context, sent } = contextOf();
		await sendToConversation(context, await conversationAged(WHATSAPP_WINDOW_MS * 3), [{ kind: 'template', name: 'x', language: 'pt_BR', bodyParameters: [] }]);
		expect(bodies(sent)).toMatchObject([{ type: 'template', template: { name: 'x' } }]);
	});

	it('Meta’s 131047 inside our window is handled the same way: the template, or OutsideWindowError', async () => {
		const refused: Reply = { statusCode: 400, body: { error: { code: 131047, message: '(#131047) Re-engagement message' } } };
		const withTemplate = contextOf([refused]);
		await sendToConversation(withTemplate.context, await conversationAged(60_000, TEMPLATE), hello);
		expect(bodies(withTemplate.sent).map((body) => body.type)).toEqual(['text', 'template']);

		const without = contextOf([refused]);
		await expect(sendToConversation(without.context, await conversationAged(60_000), hello)).rejects.toBeInstanceOf(OutsideWindowError);
	});

	it('an agent’s message is never replaced (the Painel checks the window itself)', async () => {
		const refused: Reply = { statusCode: 400, body: { error: { code: 131047, message: '(#131047) Re-engagement message' } } };
		const { context, sent } = contextOf([refused]);
		const failure = await sendToConversation(context, await conversationAged(60_000, TEMPLATE), hello, { from: 'atendente', agent: 'ana' }).catch((error: unknown) => error);
		expect(isOutsideWindowError(failure)).toBe(false);
		expect(bodies(sent).map((body) => body.type)).toEqual(['text']);
	});

	it('sendUnlessOutsideWindow routes only OutsideWindowError, and only when asked', async () => {
		const outside = async () => {
			throw new OutsideWindowError(card, undefined);
		};
		expect(await sendUnlessOutsideWindow(outside, true)).toBe('outsideWindow');
		await expect(sendUnlessOutsideWindow(outside, false)).rejects.toBeInstanceOf(OutsideWindowError);
		await expect(sendUnlessOutsideWindow(async () => await Promise.reject(new Error('outro')), true)).rejects.toThrow('outro');
		expect(await sendUnlessOutsideWindow(async () => undefined, true)).toBe('sent');
	});

	it('no template name: no fallback', async () => {
		const conversation = await conversationAged(0, { ...TEMPLATE, name: ' ' });
		expect(outsideWindowMessage(conversation, templateVariablesOf(conversation))).toBeUndefined();
	});
});

import { NodeApiError, NodeOperationError, type IExecuteFunctions, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { LocalConversationStore } from '../shared/conversation/local-store';
import type { ChannelRef, Conversation } from '../shared/conversation/types';
import { toAtendimentoItem } from '../shared/runtime/atendimento';
import { NotificarGrupo } from './NotificarGrupo.node';
import { useTemporaryStore } from '../../test/support/temporary-store';

const channel: ChannelRef = { type: 'whatsapp', accountId: 'PNID', triggerUrl: 'http://127.0.0.1/webhook/wa' };
const node = { name: 'Avisar equipe', type: 'n8n-nodes-atendimento.notificarGrupo', typeVersion: 1, parameters: {} } as unknown as INode;
const TOKEN = '7000000001:AAH-segredo';
let store: LocalConversationStore;
/** The conversation whose item the card receives. */
let recordFor: Conversation;

useTemporaryStore('notificar-grupo', (created) => {
	store = created;
});

async function conversation(): Promise<Conversation> {
	await store.routeInbound(
		channel,
		{ channel: 'whatsapp', accountId: 'PNID', contactId: '5511987650001', contactName: 'Maria', contactPhone: '5511987650001', messageId: 'm1', timestamp: 1, content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => 'c1', newProtocolo: () => '20260701-0001' },
	);
	return (await store.get('c1'))!;
}

function context(parameters: Record<string, unknown>, replies: Array<{ statusCode: number; body: unknown }>, continueOnFail = false) {
	const requests: IHttpRequestOptions[] = [];
	const answer = async (options: IHttpRequestOptions) => {
		requests.push(options);
		return replies.shift() ?? { statusCode: 200, body: { ok: true } };
	};
	const ctx = {
		getNode: () => node,
		getExecutionId: () => 'exec-1',
		customData: { setAll: () => undefined },
		getInputData: () => [{ json: { atendimento: toAtendimentoItem(recordFor) } }],
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
		getChildNodes: () => [{ name: 'Próximo' }],
		continueOnFail: () => continueOnFail,
		getCredentials: jest.fn(async (type: string) =>
			type === 'atendimentoTelegramApi' ? { botToken: TOKEN, baseUrl: 'http://127.0.0.1:9' } : { phoneNumberId: '106540352242922', apiVersion: 'v25.0', baseUrl: 'http://127.0.0.1:9' },
		),
		helpers: {
			httpRequest: jest.fn(answer),
			httpRequestWithAuthentication: jest.fn(async (_type: string, options: IHttpRequestOptions) => answer(options)),
		},
	} as unknown as IExecuteFunctions;
	return { ctx, requests };
}


test('Telegram: the rendered text goes to the group, the item says so and the conversation records it', async () => {
	recordFor = await conversation();
	const { ctx, requests } = context({ destination: 'telegram', chatId: '-1001234567890', message: 'Cancelamento: {{protocolo}} de {{nome_usuario}} ({{telefone}})' }, []);
	const [[item]] = await new NotificarGrupo().execute.call(ctx);
	expect(requests[0]).toMatchObject({ url: `http://127.0.0.1:9/bot${TOKEN}/sendMessage`, body: { chat_id: '-1001234567890', text: 'Cancelamento: 20260701-0001 de Maria (5511987650001)' } });
	expect(item.json.notificacao).toEqual({ destino: 'telegram', para: '-1001234567890', enviada: true });
	expect(item.pairedItem).toEqual({ item: 0 });
	const event = (await store.get('c1'))!.events.at(-1);
	expect(event).toMatchObject({ type: 'notificacao_grupo', node: 'Avisar equipe', data: { destino: 'telegram', para: '-1001234567890', enviada: true } });
	expect(JSON.stringify((await store.get('c1'))!.events)).not.toContain('AAH-segredo');
});

test('WhatsApp: the number is normalised; a refusal is recorded and thrown as NodeApiError', async () => {
	recordFor = await conversation();
	const { ctx, requests } = context({ destination: 'whatsapp', phone: '(11) 98765-4321', message: 'Oi equipe' }, [
		{ statusCode: 400, body: { error: { code: 131047, message: 'Re-engagement message' } } },
	]);
	const error = await new NotificarGrupo().execute.call(ctx).catch((caught: unknown) => caught);
	expect(requests[0]).toMatchObject({ url: 'http://127.0.0.1:9/v25.0/106540352242922/messages', body: { to: '5511987654321' } });
	expect(error).toBeInstanceOf(NodeApiError);
	expect((await store.get('c1'))!.events.at(-1)).toMatchObject({
		type: 'notificacao_grupo',
		data: { destino: 'whatsapp', para: '5511987654321', enviada: false, motivo: expect.stringMatching(/24 horas/) },
	});
});

test('HTTP endpoint with "continue on fail": the failure becomes an error item linked to its input', async () => {
	recordFor = await conversation();
	const { ctx } = context({ destination: 'http', url: 'https://alertas.exemplo.com.br/x', message: 'Oi' }, [{ statusCode: 401, body: 'sem token' }], true);
	const [[item]] = await new NotificarGrupo().execute.call(ctx);
	expect(item).toEqual({ json: { error: 'O endpoint alertas.exemplo.com.br respondeu HTTP 401' }, pairedItem: { item: 0 } });
});

test('bad settings fail before any call', async () => {
	recordFor = await conversation();
	for (const parameters of [
		{ destination: 'telegram', chatId: 'grupo', message: 'x' },
		{ destination: 'whatsapp', phone: '123', message: 'x' },
		{ destination: 'http', url: 'sem-esquema', message: 'x' },
		{ destination: 'telegram', chatId: '-100', message: '   ' },
	]) {
		const { ctx, requests } = context(parameters, []);
		await expect(new NotificarGrupo().execute.call(ctx)).rejects.toBeInstanceOf(NodeOperationError);
		expect(requests).toEqual([]);
	}
});

import { NodeOperationError, type IExecuteFunctions, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { LocalConversationStore } from '../shared/conversation/local-store';
import type { ChannelRef, Conversation } from '../shared/conversation/types';
import { toAtendimentoItem } from '../shared/runtime/atendimento';
import { RequisicaoHttp } from './RequisicaoHttp.node';
import { useTemporaryStore } from '../../test/support/temporary-store';

const channel: ChannelRef = { type: 'webchat', accountId: 'chat', triggerUrl: 'http://127.0.0.1/webhook/chat' };
const node = { name: 'Consultar fatura', type: 'n8n-nodes-atendimento.requisicaoHttp', typeVersion: 1, parameters: {} } as unknown as INode;
let store: LocalConversationStore;

useTemporaryStore('requisicao-http', (created) => {
	store = created;
});

async function conversation(id: string, variables: Record<string, unknown> = {}): Promise<Conversation> {
	await store.routeInbound(
		channel,
		{ channel: 'webchat', accountId: 'chat', contactId: `s-${id}`, messageId: `m-${id}`, timestamp: 1, content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => id, newProtocolo: () => `P-${id}` },
	);
	return (await store.update(id, (record) => {
		record.variables = variables;
	}))!;
}

interface Setup {
	parameters: Record<string, unknown>;
	replies: Array<{ statusCode: number; body: unknown } | Error>;
	continueOnFail?: boolean;
	conversations: Conversation[];
}

function context({ parameters, replies, continueOnFail = false, conversations }: Setup) {
	const requests: IHttpRequestOptions[] = [];
	const ctx = {
		getNode: () => node,
		getExecutionId: () => 'exec-1',
		customData: { setAll: () => undefined },
		getInputData: () => conversations.map((record) => ({ json: { atendimento: toAtendimentoItem(record) } })),
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
		getChildNodes: () => [{ name: 'Próximo' }],
		continueOnFail: () => continueOnFail,
		getCredentials: jest.fn(async () => ({})),
		helpers: {
			httpRequest: jest.fn(async (options: IHttpRequestOptions) => {
				requests.push(options);
				const reply = replies.shift() ?? { statusCode: 200, body: {} };
				if (reply instanceof Error) throw reply;
				return reply;
			}),
		},
	} as unknown as IExecuteFunctions;
	return { ctx, requests };
}

const BASE = {
	method: 'GET',
	url: 'https://erp.exemplo.com.br/fatura',
	queryParameters: { values: [{ name: 'protocolo', value: '{{protocolo}}' }] },
	responseMapping: { values: [{ variable: 'valor_fatura', path: 'data.valor' }, { variable: 'linha', path: 'data.linha' }] },
	timeoutSeconds: 5,
};

test('2xx: fields saved in the conversation and on the item, out of "Sucesso"; a missing field drops the stale variable', async () => {
	const record = await conversation('c1', { linha: 'antiga', plano: 'Fibra' });
	const { ctx, requests } = context({ parameters: BASE, replies: [{ statusCode: 200, body: { data: { valor: 89.9 } } }], conversations: [record] });
	const [success, failure] = await new RequisicaoHttp().execute.call(ctx);
	expect(requests[0]).toMatchObject({ method: 'GET', url: 'https://erp.exemplo.com.br/fatura', qs: { protocolo: 'P-c1' }, timeout: 5000 });
	expect(failure).toEqual([]);
	expect(success).toHaveLength(1);
	expect(success[0].pairedItem).toEqual({ item: 0 });
	expect(success[0].json.requisicaoHttp).toEqual({ sucesso: true, status: 200, variaveis: { valor_fatura: 89.9 }, camposAusentes: ['linha'] });
	expect(success[0].json.atendimento).toMatchObject({ variaveis: { valor_fatura: 89.9, plano: 'Fibra' } });
	const stored = (await store.get('c1'))!;
	expect(stored.variables).toEqual({ plano: 'Fibra', valor_fatura: 89.9 });
	expect(stored.busyUntil).toBeUndefined();
	expect(stored.events.at(-1)).toMatchObject({
		type: 'requisicao_http',
		node: 'Consultar fatura',
		data: { metodo: 'GET', host: 'erp.exemplo.com.br', sucesso: true, status: 200 },
	});
});

test('non-2xx and network failures go out of "Erro", one item per input, variables untouched', async () => {
	const first = await conversation('c1', { valor_fatura: 10 });
	const second = await conversation('c2');
	const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
	const { ctx } = context({ parameters: BASE, replies: [{ statusCode: 404, body: 'não encontrado' }, refused], conversations: [first, second] });
	const [success, failure] = await new RequisicaoHttp().execute.call(ctx);
	expect(success).toEqual([]);
	expect(failure.map((item) => [item.pairedItem, (item.json.requisicaoHttp as { erro: string }).erro])).toEqual([
		[{ item: 0 }, 'http'],
		[{ item: 1 }, 'rede'],
	]);
	expect((await store.get('c1'))!.variables).toEqual({ valor_fatura: 10 });
	expect((await store.get('c2'))!.events.at(-1)).toMatchObject({ type: 'requisicao_http', data: { sucesso: false, erro: 'rede' } });
});

test('a bad setting fails before any call; with "continue on fail" it is an error item on "Erro"', async () => {
	const record = await conversation('c1');
	const parameters = { ...BASE, responseMapping: { values: [{ variable: 'fatura.valor', path: 'data.valor' }] } };
	const strict = context({ parameters, replies: [], conversations: [record] });
	const error = await new RequisicaoHttp().execute.call(strict.ctx).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toBe('Nome de variável inválido: "fatura.valor"');
	expect(strict.requests).toEqual([]);

	const lenient = context({ parameters, replies: [], continueOnFail: true, conversations: [record] });
	const [success, failure] = await new RequisicaoHttp().execute.call(lenient.ctx);
	expect(success).toEqual([]);
	expect(failure).toEqual([{ json: { error: 'Nome de variável inválido: "fatura.valor"' }, pairedItem: { item: 0 } }]);
});

test('a POST with a JSON body built from the conversation', async () => {
	const record = await conversation('c1', { cpf: '529.982.247-25', valor: 12.5 });
	const parameters = { ...BASE, method: 'POST', bodyType: 'json', jsonBody: '{"cpf": "{{var.cpf}}", "valor": {{var.valor}}, "protocolo": "{{protocolo}}"}' };
	const { ctx, requests } = context({ parameters, replies: [{ statusCode: 201, body: {} }], conversations: [record] });
	await new RequisicaoHttp().execute.call(ctx);
	expect(requests[0]).toMatchObject({ method: 'POST', body: { cpf: '529.982.247-25', valor: 12.5, protocolo: 'P-c1' }, json: true });
});

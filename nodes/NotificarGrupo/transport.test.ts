import { NodeApiError, type IExecuteFunctions, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { notifyHttp, notifyTelegram, notifyWhatsApp } from './transport';

const TOKEN = '123456:SEGREDO-do-bot';
const node = { name: 'Notificar', type: 'n8n-nodes-atendimento.notificarGrupo', typeVersion: 1, parameters: {} } as unknown as INode;

type Reply = { statusCode: number; body: unknown } | Error;

function context(replies: Reply[], credentials: Record<string, unknown>) {
	const calls: Array<{ type?: string; options: IHttpRequestOptions }> = [];
	const answer = async (type: string | undefined, options: IHttpRequestOptions) => {
		calls.push({ type, options });
		const reply = replies.shift() ?? { statusCode: 200, body: { ok: true } };
		if (reply instanceof Error) throw reply;
		return reply;
	};
	const ctx = {
		getNode: () => node,
		getCredentials: jest.fn(async () => credentials),
		helpers: {
			httpRequest: jest.fn(async (options: IHttpRequestOptions) => answer(undefined, options)),
			httpRequestWithAuthentication: jest.fn(async (type: string, options: IHttpRequestOptions) => answer(type, options)),
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

async function failure(run: Promise<unknown>): Promise<NodeApiError> {
	const error = await run.catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

describe('notifyTelegram', () => {
	it('posts sendMessage with the token in the path only', async () => {
		const { ctx, calls } = context([], { botToken: TOKEN, baseUrl: 'http://127.0.0.1:9/' });
		await notifyTelegram(ctx, 0, '-1001234567890', { kind: 'text', text: 'Novo cancelamento' });
		expect(calls).toHaveLength(1);
		expect(calls[0].options).toMatchObject({
			method: 'POST',
			url: `http://127.0.0.1:9/bot${TOKEN}/sendMessage`,
			body: { chat_id: '-1001234567890', text: 'Novo cancelamento' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
	});

	it('retries 429 after retry_after, then succeeds', async () => {
		const { ctx, calls } = context(
			[{ statusCode: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 0 } } }],
			{ botToken: TOKEN, baseUrl: 'http://127.0.0.1:9' },
		);
		await notifyTelegram(ctx, 0, '-100', { kind: 'text', text: 'x' });
		expect(calls).toHaveLength(2);
	});

	it('a refused chat is a pt-BR NodeApiError without the token', async () => {
		const { ctx, calls } = context([{ statusCode: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } }], {
			botToken: TOKEN,
			baseUrl: 'http://127.0.0.1:9',
		});
		const error = await failure(notifyTelegram(ctx, 2, '-100', { kind: 'text', text: 'x' }));
		expect(calls).toHaveLength(1);
		expect(error.message).toBe('Requisição recusada pelo Telegram (erro 400): corrija o chat ou a mensagem.');
		expect(error.description).toContain('chat not found');
		expect(error.context.itemIndex).toBe(2);
		expect(JSON.stringify({ message: error.message, description: error.description, response: error.errorResponse })).not.toContain('SEGREDO');
	});

	it('a connection failure is retried (the request never left), then names the code, not the URL', async () => {
		const refused = Object.assign(new Error(`connect ECONNREFUSED http://127.0.0.1:9/bot${TOKEN}/sendMessage`), { code: 'ECONNREFUSED' });
		const { ctx, calls } = context([refused, refused, refused], { botToken: TOKEN, baseUrl: 'http://127.0.0.1:9' });
		const error = await failure(notifyTelegram(ctx, 0, '-100', { kind: 'text', text: 'x' }));
		expect(calls).toHaveLength(3);
		expect(error.message).toBe('Não foi possível conectar ao Telegram');
		expect(error.description).toMatch(/^Erro de rede ECONNREFUSED\. /);
		expect(`${error.message} ${error.description} ${JSON.stringify(error.errorResponse)}`).not.toContain('SEGREDO');
	});
});

describe('notifyWhatsApp', () => {
	const credentials = { accessToken: 'EAA-segredo', phoneNumberId: '106540352242922', apiVersion: 'v25.0', baseUrl: 'http://127.0.0.1:9' };

	it('sends through the credential (n8n adds the bearer token)', async () => {
		const { ctx, calls } = context([], credentials);
		await notifyWhatsApp(ctx, 0, '5511987654321', { kind: 'text', text: 'Oi' });
		expect(calls[0].type).toBe('atendimentoWhatsAppApi');
		expect(calls[0].options).toMatchObject({
			url: 'http://127.0.0.1:9/v25.0/106540352242922/messages',
			body: { messaging_product: 'whatsapp', to: '5511987654321', type: 'text', text: { body: 'Oi' } },
		});
		expect(JSON.stringify(calls[0].options)).not.toContain('EAA-segredo');
	});

	it('the 24-hour window error is explained', async () => {
		const { ctx } = context([{ statusCode: 400, body: { error: { code: 131047, message: 'Re-engagement message' } } }], credentials);
		const error = await failure(notifyWhatsApp(ctx, 0, '5511987654321', { kind: 'text', text: 'Oi' }));
		expect(error.message).toMatch(/24 horas/);
	});
});

describe('notifyHttp', () => {
	it('POSTs the JSON body; a 4xx is an error with the body excerpt', async () => {
		const { ctx, calls } = context([{ statusCode: 422, body: { erro: 'campo texto obrigatório' } }], {});
		const error = await failure(notifyHttp(ctx, 0, 'https://alertas.exemplo.com.br/hooks/SEGREDO', { texto: 'x' }, { authentication: 'none' }));
		expect(calls[0].options).toMatchObject({ method: 'POST', url: 'https://alertas.exemplo.com.br/hooks/SEGREDO', body: { texto: 'x' }, json: true });
		expect(error.message).toBe('O endpoint alertas.exemplo.com.br respondeu HTTP 422');
		expect(error.description).toContain('campo texto obrigatório');
		expect(`${error.message} ${error.description}`).not.toContain('SEGREDO');
	});

	it('retries a 503 and uses the generic credential', async () => {
		const { ctx, calls } = context([{ statusCode: 503, body: '' }], { name: 'X-Key', value: 'k' });
		await notifyHttp(ctx, 0, 'https://alertas.exemplo.com.br/x', { texto: 'x' }, { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' });
		expect(calls.map((call) => call.type)).toEqual(['httpHeaderAuth', 'httpHeaderAuth']);
	});
});

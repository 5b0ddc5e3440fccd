import { NodeApiError, NodeOperationError, type IExecuteFunctions, type IHttpRequestOptions, type ILoadOptionsFunctions, type INode } from 'n8n-workflow';

import { BROADCAST_TEMPLATES } from '../../test/support/whatsapp-broadcast-templates';
import { startWhatsAppSimulator, WHATSAPP_TEST_ACCOUNT, type WhatsAppSimulator } from '../../test/simulators/whatsapp';
import { MensagemOmnichannel } from './MensagemOmnichannel.node';

const node = { name: 'Mensagem Omnichannel', type: 'n8n-nodes-atendimento.mensagemOmnichannel', typeVersion: 1, parameters: {} } as unknown as INode;

let whatsapp: WhatsAppSimulator;

beforeAll(async () => {
	whatsapp = await startWhatsAppSimulator({ templates: BROADCAST_TEMPLATES });
});
afterEach(() => whatsapp.reset());
afterAll(async () => await whatsapp.close());

/** n8n's authenticated request, as the WhatsApp credential does it (Bearer token), on fetch. */
async function authenticated(_type: string, options: IHttpRequestOptions): Promise<unknown> {
	const url = new URL(options.url);
	for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
	const response = await fetch(url, { method: options.method, headers: { Authorization: `Bearer ${WHATSAPP_TEST_ACCOUNT.accessToken}` } });
	return { statusCode: response.status, body: await response.json() };
}

function credentials(overrides: Record<string, unknown> = {}) {
	return { baseUrl: whatsapp.url, apiVersion: WHATSAPP_TEST_ACCOUNT.apiVersion, businessAccountId: WHATSAPP_TEST_ACCOUNT.wabaId, ...overrides };
}

const ROWS = [
	{ destinatario: { clienteId: '102', login: '3002', telefone: '(49) 99999-1234' }, cliente: { nome: 'JOAO PEREIRA' }, login: { login: 'joao.pereira' } },
	{ destinatario: { clienteId: '103', login: '3003', telefone: '(98) 98512-0338' }, cliente: { nome: 'ANA COSTA' }, login: { login: 'ana.costa' } },
];

/** Variables read per item, as n8n evaluates an expression per item. */
function variablesOf(itemIndex: number) {
	const row = ROWS[itemIndex];
	return {
		values: [
			{ variable: 1, value: row.cliente.nome },
			{ variable: 2, value: row.login.login },
			{ variable: 3, value: '10/03/2026 08:30' },
		],
	};
}

function context(parameters: Record<string, unknown>, options: { continueOnFail?: boolean; credentials?: Record<string, unknown> } = {}) {
	return {
		getNode: () => node,
		getInputData: () => ROWS.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => {
			const value = name in parameters ? parameters[name] : fallback;
			return typeof value === 'function' ? (value as (index: number) => unknown)(itemIndex) : value;
		},
		getCurrentNodeParameter: (name: string) => parameters[name],
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => options.credentials ?? credentials(),
		helpers: { httpRequestWithAuthentication: authenticated },
	} as unknown as IExecuteFunctions & ILoadOptionsFunctions;
}

describe('Mensagem Omnichannel', () => {
	it('adds to each item the filled template message with its preview, reading the WABA once', async () => {
		const [items] = await new MensagemOmnichannel().execute.call(context({ template: 'aviso_conexao_offline|pt_BR', variables: variablesOf }));
		expect(items).toHaveLength(2);
		expect(items[0]).toEqual({
			json: {
				...ROWS[0],
				mensagem: {
					name: 'aviso_conexao_offline',
					language: 'pt_BR',
					bodyParameters: ['JOAO PEREIRA', 'joao.pereira', '10/03/2026 08:30'],
					previewText:
						'Aviso de conexão\n\nOlá JOAO PEREIRA! Notamos que o seu acesso joao.pereira está sem conexão desde 10/03/2026 08:30. Nossa equipe já está verificando.\n\nProvedor XYZ',
					// The quick replies, for Processar Fila to give them payloads naming the campaign and the recipient.
					quickReplies: [
						{ index: 0, text: 'Já voltou' },
						{ index: 1, text: 'Continua sem internet' },
					],
				},
			},
			pairedItem: { item: 0 },
		});
		expect((items[1].json.mensagem as { bodyParameters: string[] }).bodyParameters[0]).toBe('ANA COSTA');
		expect(whatsapp.requests.filter((request) => request.path.endsWith('/message_templates'))).toHaveLength(1);
		expect(whatsapp.sent).toHaveLength(0);
	});

	it('lists the approved templates for the editor, marking the ones it cannot fill, and their variables', async () => {
		const ctx = context({ template: 'aviso_conexao_offline|pt_BR' });
		const node = new MensagemOmnichannel();
		const templates = await node.methods.loadOptions.listTemplates.call(ctx);
		expect(templates.map((option) => option.value)).toEqual([
			'aviso_conexao_offline|pt_BR',
			'boas_vindas_nomeado|pt_BR',
			'fatura_disponivel|pt_BR',
			'retomar_atendimento|pt_BR',
		]);
		expect(templates[1].name).toBe('boas_vindas_nomeado (pt_BR) — não suportado: usa variáveis nomeadas');
		expect(templates[0].description).toContain('Olá {{1}}!');
		expect(await node.methods.loadOptions.listTemplateVariables.call(ctx)).toEqual([
			{ name: '{{1}}', value: 1 },
			{ name: '{{2}}', value: 2 },
			{ name: '{{3}}', value: 3 },
		]);
	});

	it('refuses a template that is not approved or cannot be filled', async () => {
		const pending = await new MensagemOmnichannel().execute.call(context({ template: 'promocao_upgrade|pt_BR', variables: variablesOf })).catch((error: unknown) => error);
		expect(pending).toBeInstanceOf(NodeOperationError);
		expect((pending as Error).message).toMatch(/não está aprovado/);
		const media = await new MensagemOmnichannel().execute.call(context({ template: 'fatura_disponivel|pt_BR', variables: variablesOf })).catch((error: unknown) => error);
		expect((media as Error).message).toMatch(/cabeçalho de mídia/);
	});

	it('fails an item whose variables do not cover the template, or turns it into an error item', async () => {
		const partial = () => ({ values: [{ variable: 1, value: 'Maria' }] });
		const error = await new MensagemOmnichannel().execute.call(context({ template: 'aviso_conexao_offline|pt_BR', variables: partial })).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toMatch(/uma linha em "Variáveis" para cada variável/);
		const [items] = await new MensagemOmnichannel().execute.call(context({ template: 'aviso_conexao_offline|pt_BR', variables: partial }, { continueOnFail: true }));
		expect(items[0].json).toEqual({ ...ROWS[0], error: expect.stringMatching(/Faltam valores para \{\{2\}\}, \{\{3\}\}/) });
	});

	it("reports Meta's refusal of the listing (wrong token) as a NodeApiError without the token", async () => {
		whatsapp.failNext(1, { status: 401, body: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } } });
		const error = await new MensagemOmnichannel().execute.call(context({ template: 'aviso_conexao_offline|pt_BR', variables: variablesOf })).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).description).toMatch(/Token de acesso do WhatsApp expirado ou inválido/);
		expect(JSON.stringify(error)).not.toContain(WHATSAPP_TEST_ACCOUNT.accessToken);
	});
});

import { DateTime } from 'luxon';
import { NodeApiError, NodeOperationError, type IExecuteFunctions, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { IXC_TEST_TOKEN, startIxcSimulator, type IxcSimulator } from '../../test/simulators/ixc';
import type { ErpCredentials } from '../shared/erp/credentials';
import { fetchErpTransport } from '../shared/erp/fetch-transport';
import { ixcDateTime, statusLoginsQuery } from './parameters';
import { StatusLogins } from './StatusLogins.node';

const node = { name: 'Status Logins', type: 'n8n-nodes-atendimento.statusLogins', typeVersion: 1, parameters: {} } as unknown as INode;

let ixc: IxcSimulator;

beforeAll(async () => {
	ixc = await startIxcSimulator();
});
afterEach(() => ixc.reset());
afterAll(async () => await ixc.close());

/** A mock context whose HTTP goes to the simulator with the credential's authentication, like n8n's helper. */
function context(parameters: Record<string, unknown>, options: { items?: number; system?: ErpCredentials['system']; continueOnFail?: boolean } = {}) {
	const credentials: ErpCredentials = { system: options.system ?? 'ixc', baseUrl: ixc.url, ixcToken: IXC_TEST_TOKEN };
	const transport = fetchErpTransport(credentials);
	return {
		getNode: () => node,
		getInputData: () => Array.from({ length: options.items ?? 1 }, () => ({ json: {} })),
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => {
			const value = name in parameters ? parameters[name] : fallback;
			return typeof value === 'function' ? (value as (index: number) => unknown)(itemIndex) : value;
		},
		getTimezone: () => 'America/Sao_Paulo',
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => credentials,
		helpers: { httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => await transport(request) },
	} as unknown as IExecuteFunctions;
}

describe('Status Logins node', () => {
	it('outputs one item per login, with the recipient fields the queue reads, paired with the input item', async () => {
		const [items] = await new StatusLogins().execute.call(
			context({ loginFilters: { online: 'offlineOrNoStatus', ativo: 'S', concentradorId: '1' }, customerFilters: { clienteAtivo: 'S' }, sortBy: 'login', sortOrder: 'asc' }),
		);
		expect(items.map((item) => item.json.destinatario)).toEqual([
			{ clienteId: '105', login: '3006', telefone: '(27) 99911-2233' },
			{ clienteId: '103', login: '3003', telefone: '(98) 98512-0338' },
			{ clienteId: '102', login: '3002', telefone: '(49) 99999-1234' },
		]);
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(items[0].json.cliente).toEqual(expect.objectContaining({ nome: 'ALFA TECNOLOGIA LTDA' }));
	});

	it('reads the parameters of each input item', async () => {
		const [items] = await new StatusLogins().execute.call(
			context({ loginFilters: (index: number) => ({ online: index === 0 ? 'S' : 'N' }), sortBy: 'id', sortOrder: 'asc' }, { items: 2 }),
		);
		expect(items.map((item) => [item.pairedItem, (item.json.login as { id: string }).id])).toEqual([
			[{ item: 0 }, '3001'],
			[{ item: 0 }, '3004'],
			[{ item: 0 }, '3005'],
			[{ item: 1 }, '3002'],
			[{ item: 1 }, '3003'],
		]);
	});

	it('refuses a credential of another ERP before any request', async () => {
		const error = await new StatusLogins().execute.call(context({ sortBy: 'id' }, { system: 'sgp' })).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/só com o IXC Provedor.*SGP/);
		expect(ixc.requests).toHaveLength(0);
	});

	it('turns an IXC failure into a NodeApiError, or an error item with "continue on fail"', async () => {
		ixc.ipNotAllowedNext(2);
		const error = await new StatusLogins().execute.call(context({ sortBy: 'id' })).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/IP do n8n não está liberado/);
		const [items] = await new StatusLogins().execute.call(context({ sortBy: 'id' }, { continueOnFail: true }));
		expect(items).toEqual([{ json: { error: expect.stringMatching(/IP do n8n/) }, pairedItem: { item: 0 } }]);
	});

	it('refuses a concentrator that is not a number before any request', async () => {
		const error = await new StatusLogins().execute.call(context({ loginFilters: { concentradorId: 'BRAS-1' }, sortBy: 'id' })).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(ixc.requests).toHaveLength(0);
	});
});

describe('Status Logins parameters', () => {
	const base = { loginFilters: {}, customerFilters: {}, sortBy: 'id', sortOrder: 'asc', options: {} };

	it('reads "all" and empty fields as no filter, and the defaults of paging', () => {
		expect(
			statusLoginsQuery({ ...base, loginFilters: { online: 'all', ativo: 'S', concentradorId: ' ' }, customerFilters: { contratoStatus: 'all', plano: ' Fibra ' } }, 'America/Sao_Paulo'),
		).toEqual({
			login: {
				online: undefined,
				ativo: 'S',
				concentradorId: undefined,
				connectedAfter: undefined,
				connectedBefore: undefined,
				disconnectedAfter: undefined,
				disconnectedBefore: undefined,
			},
			cliente: { ativo: undefined, cidadeId: undefined },
			contrato: { status: undefined, statusInternet: undefined, plano: 'Fibra' },
			sortBy: 'id',
			sortOrder: 'asc',
			rowsPerPage: 500,
			limit: 0,
		});
	});

	it("writes dates as IXC's local YYYY-MM-DD HH:MM:SS in the workflow's time zone", () => {
		expect(ixcDateTime('2026-03-10T08:30:00', 'America/Sao_Paulo', 'x')).toBe('2026-03-10 08:30:00');
		expect(ixcDateTime('2026-03-10T11:30:00.000Z', 'America/Sao_Paulo', 'x')).toBe('2026-03-10 08:30:00');
		expect(ixcDateTime(new Date('2026-03-10T11:30:00Z'), 'America/Sao_Paulo', 'x')).toBe('2026-03-10 08:30:00');
		expect(ixcDateTime(DateTime.fromISO('2026-03-10T11:30:00Z'), 'America/Sao_Paulo', 'x')).toBe('2026-03-10 08:30:00');
		expect(ixcDateTime('', 'America/Sao_Paulo', 'x')).toBeUndefined();
		expect(() => ixcDateTime('ontem', 'America/Sao_Paulo', 'Desconectou Antes De')).toThrow(/Data inválida em "Desconectou Antes De"/);
	});

	it('refuses an inverted period and a page size below 1', () => {
		expect(() =>
			statusLoginsQuery({ ...base, loginFilters: { disconnectedAfter: '2026-03-10T00:00:00', disconnectedBefore: '2026-03-09T00:00:00' } }, 'America/Sao_Paulo'),
		).toThrow(/Período invertido entre "Desconectou Depois De"/);
		expect(() =>
			statusLoginsQuery({ ...base, loginFilters: { connectedAfter: '2026-03-10T00:00:00', connectedBefore: '2026-03-09T00:00:00' } }, 'America/Sao_Paulo'),
		).toThrow(/Período invertido entre "Conectou Depois De"/);
		expect(() => statusLoginsQuery({ ...base, options: { rowsPerPage: 0 } }, 'America/Sao_Paulo')).toThrow(/Paginação/);
	});
});

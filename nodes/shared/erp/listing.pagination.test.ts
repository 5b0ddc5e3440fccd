// Each ERP's listing read page by page with its real pagination shape, against its simulator with a
// base larger than one page (the shared data set plus generated customers).
import { jsonReply, type RecordedRequest } from '../../../test/simulators/base';
import { isoDate } from '../../../test/simulators/brazil-formats';
import { ERP_CUSTOMER, type ErpCustomer } from '../../../test/simulators/erp-dataset';
import { HUBSOFT_TEST_CREDENTIALS, startHubsoftSimulator } from '../../../test/simulators/hubsoft';
import { IXC_TEST_TOKEN, startIxcSimulator } from '../../../test/simulators/ixc';
import { MKAUTH_TEST_CREDENTIALS, startMkAuthSimulator } from '../../../test/simulators/mkauth';
import { SGP_TEST_CREDENTIALS, startSgpSimulator } from '../../../test/simulators/sgp';
import { createErpAdapter } from './adapters';
import type { ErpCredentials } from './credentials';
import { fetchErpTransport } from './fetch-transport';
import { dueDateWindow } from './hubsoft/listing';
import { listarClientesFiltrados } from './listing';
import type { FiltroClientes } from './types';

/** `count` customers like Maria, each with one open invoice due in 3 days (ids, documents, phones, logins all distinct). */
function generatedCustomers(count: number): ErpCustomer[] {
	return Array.from({ length: count }, (_, index) => {
		const n = 1000 + index;
		const base = structuredClone(ERP_CUSTOMER.maria);
		const [contract] = base.contracts;
		const [, invoice] = base.invoices;
		return {
			...base,
			id: String(n),
			code: n,
			name: `CLIENTE GERADO ${n}`,
			document: String(90_000_000_000 + n),
			phones: [`(11) 9${String(7000_0000 + n)}`.replace(/(\d{4})(\d{4})$/, '$1-$2')],
			contracts: [{ ...contract, id: String(20000 + n), login: { ...contract.login, id: String(30000 + n), login: `gerado.${n}` } }],
			invoices: [{ ...invoice, id: String(400000 + n), contractId: String(20000 + n), dueDate: isoDate(3) }],
			tickets: [],
			fiscalNotes: [],
		};
	});
}

const dueIn3Days = (): FiltroClientes => ({ tipo: 'faturasAbertas', vencimentoDe: isoDate(3), vencimentoAte: isoDate(3) });
const pathOf = (request: RecordedRequest) => request.path.replace(/\/+$/, '');

describe('Clientes por Filtro: paginação real de cada ERP', () => {
	it('SGP pages /api/ura/clientes/ by offset/limit 100 until paginacao.total, one request per page', async () => {
		const sgp = await startSgpSimulator();
		try {
			sgp.customers.push(...generatedCustomers(250));
			const credentials: ErpCredentials = { system: 'sgp', baseUrl: sgp.url, sgpAuthMode: 'tokenApp', sgpToken: SGP_TEST_CREDENTIALS.token, sgpApp: SGP_TEST_CREDENTIALS.app };
			const pages: Array<[number, number | undefined]> = [];
			const result = await listarClientesFiltrados(createErpAdapter(credentials, fetchErpTransport(credentials)), dueIn3Days(), {
				maxClientes: 1000,
				maxPaginas: 50,
				aoLerPagina: ({ pagina, total }) => {
					pages.push([pagina, total]);
				},
			});
			expect(result.clientes).toHaveLength(251);
			expect(result.interrompida).toBeUndefined();
			expect(pages).toEqual([
				[1, 255],
				[2, 255],
				[3, 255],
			]);
			const listings = sgp.requests.filter((request) => pathOf(request) === '/api/ura/clientes');
			expect(listings.map((request) => [request.form.offset, request.form.limit])).toEqual([
				['0', '100'],
				['100', '100'],
				['200', '100'],
			]);
			// Titles come nested in the listing: no call per contract.
			expect(sgp.requests.filter((request) => pathOf(request) === '/api/ura/titulos')).toHaveLength(0);
		} finally {
			await sgp.close();
		}
	});

	it('SGP that ignores offset (the same page again): stops at the second page and says why', async () => {
		const sgp = await startSgpSimulator();
		try {
			const entries = Array.from({ length: 100 }, (_, index) => ({ id: 5000 + index, nome: `C ${index}`, cpfcnpj: `${10000000000 + index}`, contatos: [], contratos: [], titulos: [] }));
			sgp.failNext(10, jsonReply(200, { paginacao: { offset: 0, limit: 100, parcial: 100, total: 5000 }, clientes: entries }), (request) => pathOf(request) === '/api/ura/clientes');
			const credentials: ErpCredentials = { system: 'sgp', baseUrl: sgp.url, sgpAuthMode: 'tokenApp', sgpToken: SGP_TEST_CREDENTIALS.token, sgpApp: SGP_TEST_CREDENTIALS.app };
			const result = await listarClientesFiltrados(createErpAdapter(credentials, fetchErpTransport(credentials)), { tipo: 'contratosBloqueados' }, { maxClientes: 1000, maxPaginas: 50 });
			expect(result.paginas).toBe(2);
			expect(result.interrompida).toMatch(/mesma página/);
		} finally {
			await sgp.close();
		}
	});

	it('IXC filters fn_areceber by due date on the server (BE) and joins each page of 200 with one IN listing of customers and contracts', async () => {
		const ixc = await startIxcSimulator();
		try {
			ixc.customers.push(...generatedCustomers(250));
			const credentials: ErpCredentials = { system: 'ixc', baseUrl: ixc.url, ixcToken: IXC_TEST_TOKEN };
			const result = await listarClientesFiltrados(createErpAdapter(credentials, fetchErpTransport(credentials)), dueIn3Days(), { maxClientes: 1000, maxPaginas: 50 });
			expect(result.clientes).toHaveLength(251);
			expect(result.paginas).toBe(2);
			const listings = ixc.requests.filter((request) => request.path.endsWith('/fn_areceber'));
			expect(listings.map((request) => (request.json as { page: string }).page)).toEqual(['1', '2']);
			const gridParam = JSON.parse((listings[0].json as { grid_param: string }).grid_param) as Array<{ TB: string; OP: string; P: string; P2?: string }>;
			expect(gridParam).toContainEqual({ TB: 'fn_areceber.data_vencimento', OP: 'BE', P: isoDate(3), P2: isoDate(3) });
			expect(ixc.requests.filter((request) => request.path.endsWith('/cliente'))).toHaveLength(2);
			expect(ixc.requests.filter((request) => request.path.endsWith('/cliente_contrato'))).toHaveLength(2);
		} finally {
			await ixc.close();
		}
	});

	it('MK-Auth pages cliente/listar/limite=100&pagina=N up to total_paginas, asking open titles only of logins that have some', async () => {
		const mkauth = await startMkAuthSimulator();
		try {
			mkauth.customers.push(...generatedCustomers(150));
			const credentials: ErpCredentials = { system: 'mkauth', baseUrl: mkauth.url, mkauthClientId: MKAUTH_TEST_CREDENTIALS.clientId, mkauthClientSecret: MKAUTH_TEST_CREDENTIALS.clientSecret };
			const result = await listarClientesFiltrados(createErpAdapter(credentials, fetchErpTransport(credentials)), dueIn3Days(), { maxClientes: 1000, maxPaginas: 50 });
			expect(result.clientes).toHaveLength(151);
			const paths = mkauth.requests.map((request) => decodeURIComponent(request.path));
			expect(paths.filter((path) => path.startsWith('/api/cliente/listar/'))).toEqual(['/api/cliente/listar/limite=100&pagina=1', '/api/cliente/listar/limite=100&pagina=2']);
			expect(paths).not.toContain('/api/titulo/aberto/alfa.tecnologia');
			expect(paths).toContain('/api/titulo/aberto/comercial.souza');
		} finally {
			await mkauth.close();
		}
	});

	it('Hubsoft reads /financeiro in windows of at most 30 days (its limit without busca) and /cliente/all by limit/offset', async () => {
		const hubsoft = await startHubsoftSimulator();
		try {
			hubsoft.customers.push(...generatedCustomers(250));
			const credentials: ErpCredentials = {
				system: 'hubsoft',
				baseUrl: hubsoft.url,
				hubsoftClientId: HUBSOFT_TEST_CREDENTIALS.client_id,
				hubsoftClientSecret: HUBSOFT_TEST_CREDENTIALS.client_secret,
				hubsoftUser: HUBSOFT_TEST_CREDENTIALS.username,
				hubsoftPassword: HUBSOFT_TEST_CREDENTIALS.password,
			};
			const adapter = createErpAdapter(credentials, fetchErpTransport(credentials));
			const overdueAndDue = await listarClientesFiltrados(adapter, { tipo: 'faturasAbertas', vencimentoDe: isoDate(-40), vencimentoAte: isoDate(10) }, { maxClientes: 1000, maxPaginas: 50 });
			// Every open invoice of the data set falls in the 51 days (Ana's, 35 days late, in the first window).
			expect(overdueAndDue.clientes).toHaveLength(254);
			const windows = hubsoft.requests.filter((request) => request.path === '/api/v1/integracao/financeiro').map((request) => [request.query.data_inicio, request.query.data_fim]);
			expect(windows).toEqual([
				[isoDate(-40), isoDate(-11)],
				[isoDate(-10), isoDate(10)],
			]);
			const blocked = await listarClientesFiltrados(adapter, { tipo: 'contratosBloqueados' }, { maxClientes: 1000, maxPaginas: 50 });
			expect(blocked.clientes.map((entry) => entry.cliente.nome).sort()).toEqual([ERP_CUSTOMER.ana.name, ERP_CUSTOMER.joao.name].sort());
			const offsets = hubsoft.requests.filter((request) => request.path === '/api/v1/integracao/cliente/all').map((request) => request.query.offset);
			expect(offsets).toEqual(['0', '100', '200']);
		} finally {
			await hubsoft.close();
		}
	});

	it('Hubsoft due-date windows cover the range without gaps or overlaps', () => {
		expect(dueDateWindow('2026-01-01', '2026-01-10', 1)).toEqual({ inicio: '2026-01-01', fim: '2026-01-10', ultima: true });
		expect(dueDateWindow('2026-01-01', '2026-03-01', 2)).toEqual({ inicio: '2026-01-31', fim: '2026-03-01', ultima: true });
		expect(dueDateWindow('2026-01-01', '2026-03-02', 3)).toEqual({ inicio: '2026-03-02', fim: '2026-03-02', ultima: true });
		expect(dueDateWindow('2026-01-01', '2026-01-10', 2)).toBeUndefined();
	});
});

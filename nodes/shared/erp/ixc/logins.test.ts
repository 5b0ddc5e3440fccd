import { isoDate } from '../../../../test/simulators/brazil-formats';
import { IXC_TEST_TOKEN, startIxcSimulator, type IxcSimulator } from '../../../../test/simulators/ixc';
import type { ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import { ErpError } from '../types';
import { createIxcClient } from './client';
import { listStatusLogins, loginListQuery, mapStatusLogin, type StatusLogin, type StatusLoginsQuery } from './logins';

function query(overrides: Partial<StatusLoginsQuery> = {}): StatusLoginsQuery {
	return { login: {}, cliente: {}, contrato: {}, sortBy: 'id', sortOrder: 'asc', rowsPerPage: 500, limit: 0, ...overrides };
}

describe('Status Logins (IXC radusuarios + cliente + cliente_contrato)', () => {
	let ixc: IxcSimulator;
	let credentials: ErpCredentials;

	beforeAll(async () => {
		ixc = await startIxcSimulator();
		credentials = { system: 'ixc', baseUrl: ixc.url, ixcToken: IXC_TEST_TOKEN };
	});
	afterEach(() => ixc.reset());
	afterAll(async () => await ixc.close());

	async function report(filters: StatusLoginsQuery): Promise<{ logins: StatusLogin[]; pages: number }> {
		const logins: StatusLogin[] = [];
		let pages = 0;
		const delivered = await listStatusLogins(createIxcClient(fetchErpTransport(credentials), credentials), filters, (page) => {
			pages++;
			logins.push(...page);
		});
		expect(delivered).toBe(logins.length);
		return { logins, pages };
	}

	const listings = (table: string) =>
		ixc.requests.filter((request) => request.path === `/webservice/v1/${table}` && request.headers.ixcsoft === 'listar').map((request) => request.json as Record<string, string>);

	it('lists every login joined with its customer and contract, with one IN listing of each per page', async () => {
		const { logins, pages } = await report(query());
		expect(logins.map((login) => login.login.id)).toEqual(['3001', '3002', '3003', '3004', '3005', '3006']);
		expect(pages).toBe(1);
		expect(listings('radusuarios')).toHaveLength(1);
		expect(listings('cliente')).toEqual([expect.objectContaining({ qtype: 'cliente.id', oper: 'IN', query: '101,102,103,104,105', rp: '5' })]);
		expect(listings('cliente_contrato')).toEqual([expect.objectContaining({ qtype: 'cliente_contrato.id', oper: 'IN', query: '2001,2002,2003,2004,2005,2006' })]);
		const joao = logins[1];
		expect(joao).toEqual({
			destinatario: { clienteId: '102', login: '3002', telefone: '(49) 99999-1234' },
			login: expect.objectContaining({ login: 'joao.pereira', online: 'N', situacao: 'Offline', idContrato: '2002', idConcentrador: '1', ultimaConexaoFinal: `${isoDate(-3)} 23:40:12` }),
			cliente: expect.objectContaining({ id: '102', nome: 'JOAO PEREIRA', ativo: 'S', telefoneCelular: '(49) 99999-1234' }),
			contrato: expect.objectContaining({ id: '2002', statusInternet: 'CA' }),
		});
		// A login that is online has no disconnection; one that never connected has no date at all ("SS").
		expect(logins[0].login).not.toHaveProperty('ultimaConexaoFinal');
		expect(logins[5].login).toEqual(expect.objectContaining({ online: 'SS', situacao: 'Sem status' }));
		expect(logins[5].login).not.toHaveProperty('ultimaConexaoInicial');
	});

	it('reads page after page (rp) until the listing total, joining each page', async () => {
		const { logins, pages } = await report(query({ rowsPerPage: 2 }));
		expect(logins).toHaveLength(6);
		expect(pages).toBe(3);
		expect(listings('radusuarios').map((body) => [body.page, body.rp])).toEqual([
			['1', '2'],
			['2', '2'],
			['3', '2'],
		]);
		expect(listings('cliente')).toHaveLength(3);
	});

	it('filters on the login: offline or never connected, on a concentrator, disconnected in a period', async () => {
		const offline = await report(query({ login: { online: 'offlineOrNoStatus', concentradorId: '1', ativo: 'S' } }));
		expect(offline.logins.map((login) => login.login.login)).toEqual(['joao.pereira', 'ana.costa', 'alfa.tecnologia']);
		const onlyOffline = await report(query({ login: { online: 'N' } }));
		expect(onlyOffline.logins.map((login) => login.login.id)).toEqual(['3002', '3003']);
		const otherConcentrator = await report(query({ login: { concentradorId: '2' } }));
		expect(otherConcentrator.logins).toEqual([]);
		// joão disconnected 3 days ago, ana 5 days ago.
		const longAgo = await report(query({ login: { disconnectedBefore: `${isoDate(-4)} 00:00:00` } }));
		expect(longAgo.logins.map((login) => login.login.id)).toEqual(['3003']);
		const recently = await report(query({ login: { disconnectedAfter: `${isoDate(-4)} 00:00:00` } }));
		expect(recently.logins.map((login) => login.login.id)).toEqual(['3002']);
		// Last connections started 2 (maria), 20 (joão), 40 (ana), 6 and 1 (comercial) days ago; alfa never connected.
		const connectedLately = await report(query({ login: { connectedAfter: `${isoDate(-10)} 00:00:00` } }));
		expect(connectedLately.logins.map((login) => login.login.id)).toEqual(['3001', '3004', '3005']);
		const connectedLongAgo = await report(query({ login: { connectedBefore: `${isoDate(-10)} 00:00:00` } }));
		expect(connectedLongAgo.logins.map((login) => login.login.id)).toEqual(['3002', '3003']);
	});

	it('filters on the customer and the contract through the join listings', async () => {
		const blocked = await report(query({ contrato: { statusInternet: 'CA' } }));
		expect(blocked.logins.map((login) => login.destinatario.clienteId)).toEqual(['102', '103']);
		expect(listings('cliente_contrato').at(-1)?.grid_param).toBe('[{"TB":"cliente_contrato.status_internet","OP":"=","P":"CA"}]');
		const plan = await report(query({ contrato: { plano: blocked.logins[0].contrato!.plano.slice(0, 6).toLowerCase() } }));
		expect(plan.logins.map((login) => login.contrato?.plano)).toContain(blocked.logins[0].contrato!.plano);
		const otherCity = await report(query({ cliente: { cidadeId: '9999' } }));
		expect(otherCity.logins).toEqual([]);
		const active = await report(query({ cliente: { ativo: 'S', cidadeId: '3828' } }));
		expect(active.logins).toHaveLength(6);
	});

	it('orders by a login column and stops at the limit without reading further pages', async () => {
		const { logins } = await report(query({ sortBy: 'login', sortOrder: 'desc', rowsPerPage: 2, limit: 3 }));
		expect(logins.map((login) => login.login.login)).toEqual(['maria.silva', 'joao.pereira', 'comercial.souza']);
		expect(listings('radusuarios')).toHaveLength(2);
	});

	it("fails with the ERP's error when IXC answers its error page", async () => {
		ixc.htmlErrorNext(1, 504);
		await expect(report(query())).rejects.toBeInstanceOf(ErpError);
	});
});

describe('Status Logins mapping and listing query', () => {
	it('falls back to the whatsapp column for the phone and keeps a login whose customer is unknown', () => {
		const login = { id: '9', login: 'x', id_cliente: '77', online: 'N', ultima_conexao_final: '0000-00-00 00:00:00' };
		expect(mapStatusLogin(login, { id: '77', razao: 'Fulano', telefone_celular: '', whatsapp: '49999991234' }, undefined).destinatario.telefone).toBe('49999991234');
		const orphan = mapStatusLogin(login, undefined, undefined);
		expect(orphan.destinatario).toEqual({ clienteId: '77', login: '9', telefone: '' });
		expect(orphan).not.toHaveProperty('cliente');
		expect(orphan.login).not.toHaveProperty('ultimaConexaoFinal');
	});

	it('sends the disconnection period as one BE filter with far dates on the open side', () => {
		expect(loginListQuery(query({ login: { disconnectedBefore: '2026-01-10 12:00:00' } })).filters).toEqual([
			{ TB: 'radusuarios.ultima_conexao_final', OP: 'BE', P: '1900-01-01 00:00:00', P2: '2026-01-10 12:00:00' },
		]);
		expect(loginListQuery(query({ login: { connectedAfter: '2026-01-01 00:00:00', disconnectedAfter: '2026-01-02 00:00:00' } })).filters).toEqual([
			{ TB: 'radusuarios.ultima_conexao_inicial', OP: 'BE', P: '2026-01-01 00:00:00', P2: '9999-12-31 23:59:59' },
			{ TB: 'radusuarios.ultima_conexao_final', OP: 'BE', P: '2026-01-02 00:00:00', P2: '9999-12-31 23:59:59' },
		]);
		expect(loginListQuery(query({ login: { online: 'offlineOrNoStatus' } })).filters).toEqual([{ TB: 'radusuarios.online', OP: '!=', P: 'S' }]);
		expect(loginListQuery(query({ sortBy: 'ultima_conexao_final', sortOrder: 'desc' }))).toEqual(
			expect.objectContaining({ qtype: 'radusuarios.id', oper: '>', query: '0', sortname: 'radusuarios.ultima_conexao_final', sortorder: 'desc' }),
		);
	});
});

import { CONTROLLR_TEST_CREDENTIALS, startControllrSimulator, type ControllrSimulator } from '../../../../test/simulators/controllr';
import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import { addDays, todayInBrazil } from '../calendar';
import type { ErpCredentials } from '../credentials';
import { testErpCredential } from '../credential-test';
import { fetchErpTransport } from '../fetch-transport';
import type { ErpAction, ErpAdapter } from '../types';

function credentialsFor(simulator: ControllrSimulator, overrides: Partial<ErpCredentials> = {}): ErpCredentials {
	return {
		system: 'controllr',
		baseUrl: simulator.url,
		controllrUser: CONTROLLR_TEST_CREDENTIALS.username,
		controllrPassword: CONTROLLR_TEST_CREDENTIALS.password,
		controllrObservationDays: 3,
		...overrides,
	};
}

function adapterFor(simulator: ControllrSimulator, overrides: Partial<ErpCredentials> = {}): ErpAdapter {
	const credentials = credentialsFor(simulator, overrides);
	return createErpAdapter(credentials, fetchErpTransport(credentials));
}

describeErpAdapterContract(
	'Controllr',
	async () => {
		const simulator = await startControllrSimulator();
		return {
			adapter: adapterFor(simulator),
			failNext: (count) => simulator.failNext(count, { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>' }),
			reset: () => simulator.reset(),
			close: () => simulator.close(),
		};
	},
	{ noReducedSpeedStatus: true, noPaymentDataInInvoices: true },
);

describe('adaptador Controllr', () => {
	let simulator: ControllrSimulator;
	let adapter: ErpAdapter;

	beforeAll(async () => {
		simulator = await startControllrSimulator();
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => {
		simulator.reset();
		adapter = adapterFor(simulator);
	});

	const requestsTo = (path: string) => simulator.requests.filter((request) => request.path === path);
	const whereOf = (path: string) => requestsTo(path).map((request) => JSON.parse(request.form.where) as unknown);

	async function customer(document: string) {
		const found = await adapter.buscarClientePorDocumento(document);
		if (!found) throw new Error(`${document} não encontrado`);
		return found;
	}

	it('supports exactly what the API offers', () => {
		const all: ErpAction[] = [
			'buscarClientePorDocumento', 'buscarClientesPorTelefone', 'listarContratos', 'listarFaturasAbertas', 'pdfFatura', 'pixFatura',
			'listarNotasFiscais', 'pdfNotaFiscal', 'desbloqueioConfianca', 'liberarReducaoVelocidade', 'diagnostico', 'documentoAceite',
			'aceitarContrato', 'listarDepartamentos', 'abrirChamado', 'autenticarCentral', 'alterarSenhaWifi',
		];
		expect(all.filter((action) => adapter.supports(action))).toEqual([
			'buscarClientePorDocumento', 'buscarClientesPorTelefone', 'listarContratos', 'listarFaturasAbertas', 'desbloqueioConfianca', 'diagnostico',
			'listarDepartamentos', 'abrirChamado',
		]);
	});

	it('logs in with the form, then sends the BRBOSCookie and an url-encoded where on client_doc1 (digits or masked)', async () => {
		const maria = await customer('52998224725');
		expect(maria).toEqual({ id: '101', nome: 'MARIA SILVA', documento: '52998224725', tipoPessoa: 'fisica', telefones: ['11987654321'], email: 'maria.silva@example.com' });
		const [login] = requestsTo('/login');
		expect(login.form).toEqual({ username: CONTROLLR_TEST_CREDENTIALS.username, password: CONTROLLR_TEST_CREDENTIALS.password });
		const [list] = requestsTo('/controllrctl/client/list');
		expect(String(list.headers.cookie)).toMatch(/^BRBOSCookie=[0-9a-f]{32}$/);
		expect(list.headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(JSON.parse(list.form.where)).toEqual([{ field: 'client_doc1', oper: 21, value: ['52998224725', '529.982.247-25'] }]);
	});

	it('a dead session (403 Access Denied) logs in again once and repeats the call', async () => {
		await customer('52998224725');
		simulator.expireSessions();
		expect((await customer('62710524520')).nome).toBe('JOAO PEREIRA');
		expect(requestsTo('/login')).toHaveLength(2);
	});

	it('a 403 that a new login does not cure (ACL, unknown route) is autenticacao, with no password in the message', async () => {
		simulator.failNext(2, { status: 403, body: { code: -2, message: 'Access Denied' } }, (request) => request.path === '/controllrctl/client/list');
		const failure = (await adapter.buscarClientePorDocumento('52998224725').catch((error: unknown) => error)) as Error;
		expect(failure).toMatchObject({ name: 'ErpError', kind: 'autenticacao', message: expect.stringContaining('permissão (ACL)') });
		expect(failure.message).not.toContain(CONTROLLR_TEST_CREDENTIALS.password);
	});

	it('success:false with HTTP 200 is erro_erp with the server\'s text; 42702 says the column is ambiguous', async () => {
		simulator.failNext(1, { status: 200, body: { success: false, errors: [{ id: 'where', msg: 'Campo 529.982.247-25 inválido' }] } }, (request) => request.path === '/controllrctl/client/list');
		const failure = (await adapter.buscarClientePorDocumento('52998224725').catch((error: unknown) => error)) as Error;
		expect(failure).toMatchObject({ kind: 'erro_erp' });
		expect(failure.message).not.toContain('529.982.247-25');
		simulator.failNext(1, { status: 200, body: { success: false, errors: [{ id: '42702', msg: 'column reference "client_pk" is ambiguous' }] } }, (request) => request.path === '/controllrctl/client/list');
		await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'erro_erp', details: { erpCode: '42702' } });
	});

	it('finds customers by phone through phone/list (ILIKE on the last 8 digits, url-encoded)', async () => {
		const found = await adapter.buscarClientesPorTelefone('5521999876543'.replace('999876543', '998765432'));
		expect(found.map((each) => each.nome)).toEqual(['COMERCIAL SOUZA LTDA']);
		expect(whereOf('/controllrctl/phone/list')[0]).toEqual([{ field: 'client_phone.phone_number', oper: 10, value: '%98765432%' }]);
		expect(requestsTo('/controllrctl/phone/list')[0].rawBody.toString()).toContain('%2598765432%25');
	});

	it('enumerates contracts with list_combo, reads each by contract_pk (the client filter answers empty) with its plan', async () => {
		const company = await customer('11222333000181');
		expect(await adapter.listarContratos(company)).toEqual([
			{ id: '2004', clienteId: '104', plano: 'EMPRESARIAL 500 MEGA', status: 'ativo' },
			{ id: '2005', clienteId: '104', plano: 'LINK BACKUP 100 MEGA', status: 'ativo' },
		]);
		expect(whereOf('/controllrctl/contract/list_combo')).toEqual([[{ field: 'contract.client_pk', oper: 5, value: 104 }]]);
		expect(whereOf('/controllrctl/contract/list').every((where) => JSON.stringify(where).includes('contract.contract_pk'))).toBe(true);
	});

	it('lists unpaid invoices (due date and amount only), of one contract when asked', async () => {
		const company = await customer('11222333000181');
		const [main, backup] = ERP_CUSTOMER.comercialSouza.invoices;
		expect(await adapter.listarFaturasAbertas(company)).toEqual([
			{ id: backup.id, contratoId: '2005', valor: 149.9, vencimento: backup.dueDate, vencida: true },
			{ id: main.id, contratoId: '2004', valor: 299.9, vencimento: main.dueDate, vencida: false },
		]);
		const [first] = await adapter.listarContratos(company);
		expect((await adapter.listarFaturasAbertas(company, first)).map((invoice) => invoice.id)).toEqual([main.id]);
		expect(whereOf('/invoice_ctl/invoice/list')[0]).toEqual([
			{ field: 'client.client_pk', oper: 5, value: 104 },
			{ field: 'AND' },
			{ field: 'invoice_deleted', oper: 7, value: false },
			{ field: 'AND' },
			{ field: 'invoice_date_credit', oper: 7, value: null },
		]);
	});

	it('trust unlock: every overdue invoice of the contract goes "em observação" until today + N days, and the answer names them', async () => {
		const joao = await customer('62710524520');
		const [blocked] = await adapter.listarContratos(joao);
		const until = addDays(todayInBrazil(), 3);
		const overdue = ERP_CUSTOMER.joao.invoices[0];
		const result = await adapter.desbloqueioConfianca(joao, blocked);
		expect(result).toEqual({
			sucesso: true,
			ate: until,
			mensagem: expect.stringContaining('R$ 79,90 vencida em'),
			faturasEmObservacao: [{ id: overdue.id, vencimento: overdue.dueDate, valor: 79.9 }],
		});
		expect(simulator.observations).toEqual([
			expect.objectContaining({ client_pk: '102', contract_pk: '2002', invoice_pk: overdue.id, obs_release_type: '0', obs_date_end: until, obs_status: '1' }),
		]);
		expect((await adapter.listarContratos(joao))[0].status).toBe('ativo');
		// The same debt is not put in observation twice.
		const again = await adapter.desbloqueioConfianca(joao, blocked);
		expect(again).toMatchObject({ sucesso: false, motivo: expect.stringContaining('já foi colocado em observação') });
		expect(simulator.observations).toHaveLength(1);
	});

	it('trust unlock without overdue invoices: refused, nothing created', async () => {
		const maria = await customer('52998224725');
		const [contract] = await adapter.listarContratos(maria);
		expect(await adapter.desbloqueioConfianca(maria, contract)).toEqual({ sucesso: false, motivo: 'Não há fatura vencida neste contrato para colocar o pagamento em observação.' });
		expect(requestsTo('/invoice_ctl/observation/create')).toHaveLength(0);
	});

	it('diagnosis: CPE sessions say online, the session history says when it last connected, observation reads as trust unlock', async () => {
		const maria = await customer('52998224725');
		const [contract] = await adapter.listarContratos(maria);
		expect((await adapter.diagnostico(maria, contract)).conexao).toMatchObject({ login: 'maria.silva', online: true, ativo: true, mac: 'AA:BB:CC:00:00:01' });
		const ana = await customer('17518172020');
		const [used] = await adapter.listarContratos(ana);
		const diagnosis = await adapter.diagnostico(ana, used);
		expect(diagnosis).toMatchObject({ contrato: { status: 'bloqueado', financeiroEmAtraso: true }, faturasVencidas: 1, conexao: { online: false, ativo: false } });
		expect(diagnosis.conexao?.ultimaConexao).toMatch(/^\d{4}-\d{2}-\d{2}T08:15:00-03:00$/);
		expect(whereOf('/aaa_ctl/cpe/list').at(-1)).toEqual([{ field: 'aaa_cpe.contract_pk', oper: 5, value: 2003 }]);
	});

	it('lists the support categories as departments and opens a ticket in the chosen one', async () => {
		expect(await adapter.listarDepartamentos()).toEqual([
			{ id: '2', nome: 'Financeiro' },
			{ id: '1', nome: 'Suporte Técnico' },
		]);
		const maria = await customer('52998224725');
		const [contract] = await adapter.listarContratos(maria);
		const ticket = await adapter.abrirChamado({ cliente: maria, contrato: contract, departamentoId: '1', assunto: 'Sem conexão', descricao: 'Caiu', contato: { nome: 'Maria', telefone: '5511987654321' } });
		expect(ticket).toEqual({ id: expect.any(String), protocolo: simulator.tickets[0].protocol, assunto: 'Sem conexão' });
		expect(simulator.tickets[0].fields).toMatchObject({ client_pk: '101', contract_pk: '2001', category_pk: '1', ticket_title: 'Sem conexão', ticket_desc: 'Caiu' });
	});

	it('a ticket the server refuses ("Required Field") is erro_erp naming the field', async () => {
		const maria = await customer('52998224725');
		await expect(adapter.abrirChamado({ cliente: maria, assunto: 'x', descricao: 'y', contato: {} })).rejects.toMatchObject({ kind: 'erro_erp', message: expect.stringContaining('category_pk: Required Field') });
	});

	it('the credential test logs in; a wrong password is refused with a clear message', async () => {
		const ok = await testErpCredential.call({} as never, { id: '1', name: 'c', type: 'atendimentoErpApi', data: credentialsFor(simulator) as never });
		expect(ok).toEqual({ status: 'OK', message: 'Conectado ao Controllr.' });
		const refused = await testErpCredential.call({} as never, { id: '1', name: 'c', type: 'atendimentoErpApi', data: credentialsFor(simulator, { controllrPassword: 'errada' }) as never });
		expect(refused).toEqual({ status: 'Error', message: 'O Controllr recusou o usuário e a senha da credencial "ERP do Provedor".' });
	});
});

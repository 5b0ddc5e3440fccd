import { textReply, type RecordedRequest } from '../../../../test/simulators/base';
import { firstDayOfMonth, isoDate } from '../../../../test/simulators/brazil-formats';
import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { RECEITANET_PATH, RECEITANET_TEST_TOKEN, startReceitaNetSimulator, type ReceitaNetSimulator } from '../../../../test/simulators/receitanet';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import type { ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import type { ErpAction, ErpAdapter } from '../types';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';

const HTML_ERROR = '<!DOCTYPE html><html><body><div class="error-page"><h2>500</h2><h3>Oops! Erro Interno do Servidor</h3></div></body></html>';

function adapterFor(simulator: ReceitaNetSimulator, overrides: Partial<ErpCredentials> = {}): ErpAdapter {
	const credentials: ErpCredentials = { system: 'receitanet', baseUrl: simulator.url, receitanetToken: RECEITANET_TEST_TOKEN, ...overrides };
	return createErpAdapter(credentials, fetchErpTransport(credentials));
}

describeErpAdapterContract(
	'ReceitaNet',
	async () => {
		const simulator = await startReceitaNetSimulator();
		return {
			adapter: adapterFor(simulator),
			failNext: (count) => simulator.failNext(count, textReply(500, HTML_ERROR, 'text/html')),
			reset: () => simulator.reset(),
			close: () => simulator.close(),
		};
	},
	{ noReducedSpeedStatus: true, noPhonesInCustomer: true, noPaymentDataInInvoices: true },
);

describe('adaptador ReceitaNet', () => {
	let simulator: ReceitaNetSimulator;
	let adapter: ErpAdapter;

	beforeAll(async () => {
		simulator = await startReceitaNetSimulator();
		adapter = adapterFor(simulator);
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => simulator.reset());

	const calls = (endpoint: string) => simulator.requests.filter((request) => request.path === `${RECEITANET_PATH}${endpoint}`);

	async function customer(document: string) {
		const found = await adapter.buscarClientePorDocumento(document);
		if (!found) throw new Error(`${document} não encontrado`);
		return found;
	}

	async function contractOf(document: string) {
		const found = await customer(document);
		const [contract] = await adapter.listarContratos(found);
		return { cliente: found, contract };
	}

	it('supports exactly what the URA API offers', () => {
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

	it('posts the document digits as JSON with app=ura in the body (spec 1.1.0) and in the query, the token in the query', async () => {
		const maria = await customer('529.982.247-25');
		const [lookup] = calls('/clientes');
		expect([lookup.method, lookup.query, lookup.json]).toEqual(['POST', { token: RECEITANET_TEST_TOKEN, app: 'ura' }, { cpfcnpj: '52998224725', app: 'ura' }]);
		expect(maria).toEqual({ id: '101', nome: 'MARIA SILVA', documento: '52998224725', tipoPessoa: 'fisica', telefones: [] });
	});

	it('keeps working with a server that reads app from the query only', async () => {
		const older = await startReceitaNetSimulator({ appInQuery: true });
		try {
			expect(await adapterFor(older).buscarClientePorDocumento('52998224725')).toMatchObject({ id: '101' });
		} finally {
			await older.close();
		}
	});

	it('reads a single contract (object) and several (array) alike', async () => {
		const joao = await customer('62710524520');
		const company = await customer('11222333000181');
		expect((await adapter.listarContratos(joao)).map((contract) => [contract.id, contract.status])).toEqual([['2002', 'bloqueado']]);
		expect((await adapter.listarContratos(company)).map((contract) => [contract.id, contract.plano])).toEqual([
			['2004', 'Contrato 2004'],
			['2005', 'Contrato 2005'],
		]);
	});

	it('finds by phone in the national form and keeps the number it was found by', async () => {
		const found = await adapter.buscarClientesPorTelefone('5511987654321');
		expect(calls('/clientes')[0].json).toEqual({ phone: '11987654321', app: 'ura' });
		expect(found).toEqual([expect.objectContaining({ documento: '52998224725', telefones: ['11987654321'] })]);
		expect(await adapter.buscarClientesPorTelefone('(99) 3333-0000')).toEqual([]);
		expect(await adapter.buscarClientesPorTelefone('123')).toEqual([]);
	});

	it('lists open invoices of every contract overdue first, or of one contract by its number', async () => {
		const company = await customer('11222333000181');
		const all = await adapter.listarFaturasAbertas(company);
		const [main, backup] = ERP_CUSTOMER.comercialSouza.invoices;
		expect(all).toEqual([
			{ id: `2005-${backup.dueDate}`, contratoId: '2005', valor: backup.amount, vencimento: backup.dueDate, vencida: true },
			{ id: `2004-${main.dueDate}`, contratoId: '2004', valor: main.amount, vencimento: main.dueDate, vencida: false },
		]);
		const [first] = await adapter.listarContratos(company);
		simulator.reset();
		expect((await adapter.listarFaturasAbertas(company, first)).map((invoice) => invoice.contratoId)).toEqual(['2004']);
		expect(calls('/clientes')[0].json).toEqual({ contrato: 2004, app: 'ura' });
		expect(await adapter.listarFaturasAbertas(await customer('12ABC34501DE35'))).toEqual([]);
	});

	it('releases a suspended contract by payment notice (uracontato: the contact\'s phone), with the protocol, and refuses it again until next month', async () => {
		const { cliente, contract } = await contractOf('62710524520');
		const released = await adapter.desbloqueioConfianca(cliente, contract, { telefone: '+55 49 99999-1234' });
		expect(released).toEqual({ sucesso: true, mensagem: 'Acesso liberado pela notificação de pagamento.', protocolo: expect.stringMatching(/^\d+$/) });
		expect(calls('/notificacao-pagamento')[0].json).toEqual({ contrato: 2002, uracontato: '49999991234', app: 'ura' });
		const [after] = await adapter.listarContratos(cliente);
		expect(after).toMatchObject({ status: 'ativo', desbloqueioConfiancaAtivo: true });

		const ana = await contractOf('17518172020');
		expect(await adapter.desbloqueioConfianca(ana.cliente, ana.contract, { telefone: '5551999990000' })).toEqual({
			sucesso: false,
			motivo: 'Notificação de pagamento já utilizada neste mês',
			disponivelEm: firstDayOfNextMonth(todayInBrazil()),
		});
		expect(simulator.customers[2].contracts[0].trustUnlockUsedOn).toBe(firstDayOfMonth());
		expect(simulator.customers[1].contracts[0].trustUnlockUsedOn).toBe(isoDate());
	});

	it('sends the number a customer was found by as uracontato when the contact has no phone', async () => {
		const [maria] = await adapter.buscarClientesPorTelefone('11987654321');
		const [contract] = await adapter.listarContratos(maria);
		await adapter.diagnostico(maria, contract, {});
		expect(calls('/verificar-acesso')[0].json).toEqual({ contrato: 2001, uracontato: '11987654321', app: 'ura' });
	});

	it('never sends an empty uracontato: without the contact\'s or a registered phone, erro_erp before any call', async () => {
		const joao = await contractOf('62710524520');
		simulator.reset();
		await expect(adapter.desbloqueioConfianca(joao.cliente, joao.contract)).rejects.toMatchObject({ name: 'ErpError', kind: 'erro_erp', message: expect.stringContaining('telefone') });
		await expect(adapter.diagnostico(joao.cliente, joao.contract, { nome: 'João' })).rejects.toMatchObject({ kind: 'erro_erp' });
		await expect(adapter.abrirChamado({ cliente: joao.cliente, contrato: joao.contract, assunto: 'x', descricao: 'y', contato: {} })).rejects.toMatchObject({ kind: 'erro_erp' });
		expect(calls('/notificacao-pagamento')).toHaveLength(0);
		expect(calls('/verificar-acesso')).toHaveLength(0);
		expect(calls('/abertura-chamado')).toHaveLength(0);
	});

	it('diagnoses status, overdue invoices, payment promise and the connection of the contract', async () => {
		const joao = await contractOf('62710524520');
		expect(await adapter.diagnostico(joao.cliente, joao.contract, { telefone: '5549999991234' })).toEqual({
			contrato: expect.objectContaining({ id: '2002', status: 'bloqueado', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: false }),
			faturasVencidas: 1,
			conexao: { login: '2002', contratoId: '2002', ativo: false, online: false },
		});
		const maria = await contractOf('52998224725');
		expect((await adapter.diagnostico(maria.cliente, maria.contract, { telefone: '5511987654321' })).conexao).toMatchObject({ ativo: true, online: true });
	});

	it('opens a ticket of the chosen kind with subject and description in motivoos', async () => {
		const departments = await adapter.listarDepartamentos();
		expect(departments.map((department) => department.id)).toEqual(['1', '2', '4', '5']);
		const { cliente, contract } = await contractOf('52998224725');
		const ticket = await adapter.abrirChamado({
			cliente,
			contrato: contract,
			departamentoId: '5',
			assunto: 'Segunda via',
			descricao: 'Cliente pediu o boleto',
			contato: { nome: 'Maria', telefone: '+55 11 98765-4321' },
		});
		expect(calls('/abertura-chamado')[0].json).toEqual({ contrato: 2001, uracontato: '11987654321', motivoos: 'Segunda via: Cliente pediu o boleto', ocorrenciatipo: 5, app: 'ura' });
		expect(ticket).toEqual({ id: expect.stringMatching(/^\d+$/), protocolo: simulator.customers[0].tickets[0].protocol, assunto: 'Segunda via' });
	});

	it('refuses a department that is not a ticket kind before any request', async () => {
		const { cliente, contract } = await contractOf('52998224725');
		simulator.reset();
		await expect(adapter.abrirChamado({ cliente, contrato: contract, departamentoId: '3', assunto: 'Wi-Fi', descricao: 'fraco', contato: {} })).rejects.toMatchObject({ kind: 'erro_erp' });
		expect(simulator.requests).toHaveLength(0);
	});

	it('turns "Contrato não localizado" (404) of a contract call into erro_erp', async () => {
		const { cliente } = await contractOf('52998224725');
		await expect(adapter.diagnostico(cliente, { id: '9999', clienteId: cliente.id, plano: 'Contrato 9999', status: 'ativo' }, { telefone: '5511987654321' })).rejects.toMatchObject({ kind: 'erro_erp' });
		simulator.failNext(1, { status: 404, body: { success: false, msg: 'Contrato não localizado.' } }, (request: RecordedRequest) => request.path.endsWith('/notificacao-pagamento'));
		const joao = await contractOf('62710524520');
		await expect(adapter.desbloqueioConfianca(joao.cliente, joao.contract, { telefone: '5549999991234' })).rejects.toMatchObject({ kind: 'erro_erp', details: { httpCode: 404 } });
	});

	it('treats a web server 404 page as an error, not as "no customer"', async () => {
		simulator.failNext(1, textReply(404, '<html>Not Found</html>', 'text/html'));
		await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'erro_erp' });
	});

	it('turns success:false with status 200 and HTML with status 200 into errors without numbers', async () => {
		simulator.failNext(1, { status: 200, body: { success: false, msg: 'Documento 529.982.247-25 bloqueado para consulta' } });
		const refused = await adapter.buscarClientePorDocumento('52998224725').catch((thrown: unknown) => thrown);
		expect(refused).toMatchObject({ name: 'ErpError', kind: 'erro_erp' });
		expect((refused as Error).message).not.toMatch(/529/);
		simulator.failNext(1, textReply(200, HTML_ERROR, 'text/html'));
		await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'indisponivel' });
	});

	it('turns a wrong token into autenticacao without the token in the message', async () => {
		const wrong = adapterFor(simulator, { receitanetToken: 'token-secreto-errado' });
		const error = await wrong.buscarClientePorDocumento('52998224725').catch((thrown: unknown) => thrown);
		expect(error).toMatchObject({ name: 'ErpError', kind: 'autenticacao' });
		expect((error as Error).message).not.toMatch(/token-secreto|52998224725/);
	});

	it('turns a request that never answers into timeout', async () => {
		const impatient = adapterFor(simulator, { timeoutSeconds: 0.3 });
		simulator.hangNext(1);
		await expect(impatient.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ name: 'ErpError', kind: 'timeout' });
	});

	it('says nao_suportado for boleto and Pix, which the URA API only sends by SMS or e-mail', async () => {
		const { cliente } = await contractOf('52998224725');
		const [invoice] = await adapter.listarFaturasAbertas(cliente);
		await expect(adapter.pdfFatura(invoice, cliente)).rejects.toMatchObject({ kind: 'nao_suportado' });
		await expect(adapter.pixFatura(invoice, cliente)).rejects.toMatchObject({ kind: 'nao_suportado' });
	});
});

import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { MKSOLUTIONS_TEST_CREDENTIALS, startMkSolutionsSimulator, type MkSolutionsSimulator, type MkSolutionsSimulatorOptions } from '../../../../test/simulators/mksolutions';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';
import type { ErpCredentials } from '../credentials';
import { testErpCredential } from '../credential-test';
import { fetchErpTransport } from '../fetch-transport';
import type { ErpAction, ErpAdapter } from '../types';

const HTML_ERROR = '<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>';

function credentialsFor(simulator: MkSolutionsSimulator, overrides: Partial<ErpCredentials> = {}): ErpCredentials {
	return {
		system: 'mksolutions',
		baseUrl: `${simulator.url}/`,
		mksolutionsUserToken: MKSOLUTIONS_TEST_CREDENTIALS.userToken,
		mksolutionsPassword: MKSOLUTIONS_TEST_CREDENTIALS.password,
		mksolutionsProcess: '12',
		mksolutionsClassification: '3',
		...overrides,
	};
}

function adapterFor(simulator: MkSolutionsSimulator, overrides: Partial<ErpCredentials> = {}): ErpAdapter {
	const credentials = credentialsFor(simulator, overrides);
	return createErpAdapter(credentials, fetchErpTransport(credentials));
}

describeErpAdapterContract(
	'MK Solutions',
	async () => {
		const simulator = await startMkSolutionsSimulator();
		return {
			adapter: adapterFor(simulator),
			failNext: (count) => simulator.failNext(count, { status: 500, headers: { 'content-type': 'text/html' }, body: HTML_ERROR }),
			reset: () => simulator.reset(),
			close: () => simulator.close(),
		};
	},
	{ noReducedSpeedStatus: true },
);

describe.each<[string, MkSolutionsSimulatorOptions]>([
	['Latin-1, contratos V2, CodigoConexao, Agendas:', { latin1: true, contractsV2: true, connectionIdAsDocumented: true, sessionAsAgendas: true }],
])('MK Solutions em outra versão (%s)', (_name, options) => {
	describeErpAdapterContract(
		`MK Solutions (${_name})`,
		async () => {
			const simulator = await startMkSolutionsSimulator(options);
			return {
				adapter: adapterFor(simulator),
				failNext: (count) => simulator.failNext(count, { status: 502, body: 'Bad Gateway' }),
				reset: () => simulator.reset(),
				close: () => simulator.close(),
			};
		},
		{ noReducedSpeedStatus: true },
	);
});

describe('adaptador MK Solutions', () => {
	let simulator: MkSolutionsSimulator;
	let adapter: ErpAdapter;

	beforeAll(async () => {
		simulator = await startMkSolutionsSimulator();
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => {
		simulator.reset();
		adapter = adapterFor(simulator);
	});

	const requestsTo = (service: string) => simulator.requests.filter((request) => request.path === `/mk/${service}.rule`);

	async function customer(document: string) {
		const found = await adapter.buscarClientePorDocumento(document);
		if (!found) throw new Error(`${document} não encontrado`);
		return found;
	}

	it('supports exactly what the webservices offer', () => {
		const all: ErpAction[] = [
			'buscarClientePorDocumento', 'buscarClientesPorTelefone', 'listarContratos', 'listarFaturasAbertas', 'pdfFatura', 'pixFatura',
			'listarNotasFiscais', 'pdfNotaFiscal', 'desbloqueioConfianca', 'liberarReducaoVelocidade', 'diagnostico', 'documentoAceite',
			'aceitarContrato', 'listarDepartamentos', 'abrirChamado', 'autenticarCentral', 'alterarSenhaWifi',
		];
		expect(all.filter((action) => adapter.supports(action))).toEqual([
			'buscarClientePorDocumento', 'listarContratos', 'listarFaturasAbertas', 'pdfFatura', 'pixFatura', 'desbloqueioConfianca', 'diagnostico',
			'abrirChamado', 'autenticarCentral',
		]);
	});

	it('logs in once with the user token and contra-senha, then sends sys=MK0 and the session token in the query', async () => {
		const maria = await customer('529.982.247-25');
		expect(maria).toEqual({ id: '101', nome: 'MARIA SILVA', documento: '52998224725', tipoPessoa: 'fisica', telefones: ['11987654321'], email: 'maria.silva@example.com' });
		const [login] = requestsTo('WSAutenticacao');
		expect(login.query).toEqual({ sys: 'MK0', token: MKSOLUTIONS_TEST_CREDENTIALS.userToken, password: MKSOLUTIONS_TEST_CREDENTIALS.password, cd_servico: '9999' });
		const [consult] = requestsTo('WSMKConsultaDoc');
		expect(consult.query).toMatchObject({ sys: 'MK0', doc: '52998224725' });
		expect(consult.query.token).toMatch(/^[0-9a-f]{32}$/);
		await customer('62710524520');
		expect(requestsTo('WSAutenticacao')).toHaveLength(1);
	});

	it('an expired session (error 999 with HTTP 200) logs in again and repeats the call', async () => {
		await customer('52998224725');
		simulator.expireSessions();
		expect((await customer('62710524520')).nome).toBe('JOAO PEREIRA');
		expect(requestsTo('WSAutenticacao')).toHaveLength(2);
	});

	it('a refused user token is an authentication error without the secrets in the message', async () => {
		const wrong = adapterFor(simulator, { mksolutionsPassword: 'contra-senha-errada' });
		const failure = await wrong.buscarClientePorDocumento('52998224725').catch((error: unknown) => error);
		expect(failure).toMatchObject({ name: 'ErpError', kind: 'autenticacao' });
		expect(String((failure as Error).message)).not.toMatch(/contra-senha-errada|mk-user-token/);
	});

	it('"documento não localizado" (003) and "documento inválido" (002) are not found', async () => {
		expect(await adapter.buscarClientePorDocumento('11144477735')).toBeUndefined();
		expect(await adapter.buscarClientePorDocumento('123')).toBeUndefined();
	});

	it('an unexpected error envelope is erro_erp with MK\'s text, the token masked', async () => {
		simulator.failNext(1, { status: 200, body: { status: 'ERRO', Mensagem: 'Falha em /mk/WSMKConsultaDoc.rule?sys=MK0&token=abc123secret&doc=52998224725', 'Num. ERRO': '050' } }, (request) => request.path.endsWith('WSMKConsultaDoc.rule'));
		const failure = (await adapter.buscarClientePorDocumento('52998224725').catch((error: unknown) => error)) as Error;
		expect(failure).toMatchObject({ kind: 'erro_erp', details: { erpCode: '050' } });
		expect(failure.message).toContain('token=***');
		expect(failure.message).not.toMatch(/abc123secret|52998224725/);
	});

	it('joins contracts and connections: the blocked connection makes the contract blocked for debt', async () => {
		const joao = await customer('62710524520');
		expect(await adapter.listarContratos(joao)).toEqual([
			{ id: '2002', clienteId: '102', plano: 'FIBRA 100 MEGA', status: 'bloqueado', financeiroEmAtraso: true, endereco: 'Rua XV de Novembro, 250 - Chapecó', login: 'joao.pereira' },
		]);
	});

	it('reads an installation that answers in Latin-1 (accents intact)', async () => {
		const latin = await startMkSolutionsSimulator({ latin1: true });
		try {
			const latinAdapter = adapterFor(latin);
			const joao = (await latinAdapter.buscarClientePorDocumento('62710524520'))!;
			expect((await latinAdapter.listarContratos(joao))[0].endereco).toBe('Rua XV de Novembro, 250 - Chapecó');
		} finally {
			await latin.close();
		}
	});

	it('drops the future installments of the carnê and adds the boleto link and amount of the second copy', async () => {
		const company = await customer('11222333000181');
		const invoices = await adapter.listarFaturasAbertas(company);
		const [main, backup] = ERP_CUSTOMER.comercialSouza.invoices;
		expect(invoices.map((invoice) => [invoice.id, invoice.vencimento, invoice.vencida, invoice.valor])).toEqual([
			[backup.id, backup.dueDate, true, 149.9],
			[main.id, main.dueDate, false, 299.9],
		]);
		expect(invoices[0].pdfUrl).toBe(`${simulator.url}/boletos/${backup.id}.pdf`);
		const [first] = await adapter.listarContratos(company);
		expect((await adapter.listarFaturasAbertas(company, first)).map((invoice) => invoice.id)).toEqual([main.id]);
	});

	it('a customer without open invoices (003) has an empty list', async () => {
		expect(await adapter.listarFaturasAbertas(await customer('12ABC34501DE35'))).toEqual([]);
	});

	it('gives no Pix when MK answers its "sem Pix" error', async () => {
		const maria = await customer('52998224725');
		expect(await adapter.pixFatura({ id: '999999', valor: 1, vencimento: todayInBrazil(), vencida: false }, maria)).toBeUndefined();
	});

	it('downloads the PDF only from MK\'s own host', async () => {
		const maria = await customer('52998224725');
		const [invoice] = await adapter.listarFaturasAbertas(maria);
		expect(await adapter.pdfFatura({ ...invoice, pdfUrl: 'https://banco.example/boleto.pdf' }, maria)).toBeUndefined();
		expect((await adapter.pdfFatura(invoice, maria))?.fileName).toBe(`boleto-${invoice.id}.pdf`);
	});

	it('trust unlock: refusals told apart by their text (not blocked / already used this month)', async () => {
		const maria = await customer('52998224725');
		const [active] = await adapter.listarContratos(maria);
		expect(await adapter.desbloqueioConfianca(maria, { ...active, status: 'bloqueado' })).toEqual({ sucesso: false, motivo: 'A conexão deste contrato não está bloqueada, então não há o que desbloquear.' });
		expect(requestsTo('WSMKAutoDesbloqueio')).toHaveLength(0);
		const ana = await customer('17518172020');
		const [used] = await adapter.listarContratos(ana);
		expect(await adapter.desbloqueioConfianca(ana, used)).toEqual({
			sucesso: false,
			motivo: 'O auto-desbloqueio já foi usado neste mês: o MK Solutions o libera uma vez por mês.',
			disponivelEm: firstDayOfNextMonth(todayInBrazil()),
		});
		const joao = await customer('62710524520');
		const [blocked] = await adapter.listarContratos(joao);
		expect(await adapter.desbloqueioConfianca(joao, blocked)).toEqual({ sucesso: true, mensagem: 'Conexão liberada pelo auto-desbloqueio do MK Solutions.' });
		expect(requestsTo('WSMKAutoDesbloqueio').map((request) => request.query.cd_conexao)).toEqual(['93003', '93002']);
		expect((await adapter.listarContratos(joao))[0].status).toBe('ativo');
	});

	it('diagnosis: the authenticated connection online with its IP, or offline', async () => {
		const maria = await customer('52998224725');
		const [contract] = await adapter.listarContratos(maria);
		const diagnosis = await adapter.diagnostico(maria, contract);
		expect(diagnosis.conexao).toMatchObject({ login: 'maria.silva', online: true, ativo: true, ip: '100.64.0.1' });
		expect(diagnosis.faturasVencidas).toBe(0);
		expect(requestsTo('WSMKConsultaConexaoAutenticada')[0].query.codconexao).toBe('93001');
	});

	it('opens a ticket with process, classification, contract and connection; the card may name another process', async () => {
		const joao = await customer('62710524520');
		const [contract] = await adapter.listarContratos(joao);
		const ticket = await adapter.abrirChamado({ cliente: joao, contrato: contract, assunto: 'Sem conexão', descricao: 'Caiu ontem', contato: {} });
		expect(ticket).toEqual({ id: '7001', protocolo: simulator.openedTickets[0].protocol, assunto: 'Sem conexão' });
		expect(simulator.openedTickets[0].params).toMatchObject({ cd_cliente: '102', cd_processo: '12', cd_classificacao_ate: '3', cd_contrato: '2002', conexao_associada: '93002', info: 'Sem conexão\nCaiu ontem' });
		await adapter.abrirChamado({ cliente: joao, contrato: contract, departamentoId: '40:7', assunto: 'Financeiro', descricao: 'Dúvida', contato: {} });
		expect(simulator.openedTickets[1].params).toMatchObject({ cd_processo: '40', cd_classificacao_ate: '7' });
	});

	it('without process and classification the ticket is a clear configuration error, nothing sent', async () => {
		const bare = adapterFor(simulator, { mksolutionsProcess: '', mksolutionsClassification: '' });
		const joao = (await bare.buscarClientePorDocumento('62710524520'))!;
		await expect(bare.abrirChamado({ cliente: joao, assunto: 'x', descricao: 'y', contato: {} })).rejects.toMatchObject({ kind: 'erro_erp', message: expect.stringContaining('processo') });
		expect(requestsTo('WSMKNovoAtendimento')).toHaveLength(0);
	});

	it('checks the subscriber-portal login of the same customer', async () => {
		const maria = await customer('52998224725');
		expect(await adapter.autenticarCentral(maria, '529.982.247-25', 'sac101')).toBe(true);
		expect(await adapter.autenticarCentral(maria, '52998224725', 'errada')).toBe(false);
		const joao = await customer('62710524520');
		expect(await adapter.autenticarCentral(joao, '52998224725', 'sac101')).toBe(false);
	});

	it('an HTML page with HTTP 200 is indisponivel', async () => {
		simulator.failNext(1, { status: 200, headers: { 'content-type': 'text/html' }, body: HTML_ERROR }, (request) => request.path.endsWith('WSMKConsultaDoc.rule'));
		await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'indisponivel' });
	});

	it('the credential test logs in and looks a document up', async () => {
		const ok = await testErpCredential.call({} as never, { id: '1', name: 'mk', type: 'atendimentoErpApi', data: credentialsFor(simulator) as never });
		expect(ok).toEqual({ status: 'OK', message: 'Conectado ao MK Solutions.' });
		const refused = await testErpCredential.call({} as never, { id: '1', name: 'mk', type: 'atendimentoErpApi', data: credentialsFor(simulator, { mksolutionsUserToken: 'x' }) as never });
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/recusou o token do usuário/);
	});
});

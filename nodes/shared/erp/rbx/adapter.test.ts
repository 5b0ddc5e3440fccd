import { textReply, type RecordedRequest } from '../../../../test/simulators/base';
import { RBX_TEST_CREDENTIALS, startRbxSimulator, type RbxSimulator } from '../../../../test/simulators/rbx';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import { todayInBrazil } from '../calendar';
import type { ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import type { ErpAdapter } from '../types';

const HTML_ERROR_PAGE = '<html><body><h1>502 Bad Gateway</h1></body></html>';
const V1 = '/routerbox/ws/rbx_server_json.php';
const V2 = '/routerbox/ws_json/ws_json.php';

function credentialsFor(rbx: RbxSimulator, extra: Partial<ErpCredentials> = {}): ErpCredentials {
	return { system: 'rbx', baseUrl: `${rbx.url}/`, rbxApiKey: RBX_TEST_CREDENTIALS.key, rbxUser: RBX_TEST_CREDENTIALS.user, ...extra };
}

const adapterFor = (credentials: ErpCredentials): ErpAdapter => createErpAdapter(credentials, fetchErpTransport(credentials));

describeErpAdapterContract(
	'RBX',
	async () => {
		const rbx = await startRbxSimulator();
		return {
			adapter: adapterFor(credentialsFor(rbx)),
			failNext: (count) => rbx.failNext(count, textReply(502, HTML_ERROR_PAGE, 'text/html')),
			reset: () => rbx.reset(),
			close: () => rbx.close(),
		};
	},
	{ fullUnblockWithoutQuota: true },
);

describe('adaptador ERP RBX: particularidades', () => {
	let rbx: RbxSimulator;
	let adapter: ErpAdapter;
	const service = (name: string) => (request: RecordedRequest) => typeof request.json === 'object' && request.json !== null && name in request.json;
	const bodiesOf = (name: string) => rbx.requests.filter(service(name)).map((request) => (request.json as Record<string, Record<string, unknown>>)[name]);

	beforeAll(async () => {
		rbx = await startRbxSimulator();
		adapter = adapterFor(credentialsFor(rbx));
	});
	afterAll(() => rbx.close());
	beforeEach(() => rbx.reset());

	it('v1: the key inside the service object and the CPF as a Filtro; v2: the key in the header', async () => {
		const maria = (await adapter.buscarClientePorDocumento('529.982.247-25'))!;
		const [lookup] = rbx.requests.filter(service('ConsultaClientes'));
		expect(lookup.path).toBe(V1);
		expect(lookup.json).toEqual({ ConsultaClientes: { Autenticacao: { ChaveIntegracao: RBX_TEST_CREDENTIALS.key }, Filtro: "CNPJ_CNPF = '52998224725'" } });
		await adapter.listarFaturasAbertas(maria);
		const [unpaid] = rbx.requests.filter(service('get_unpaid_document'));
		expect(unpaid.path).toBe(V2);
		expect(unpaid.headers.authentication_key).toBe(RBX_TEST_CREDENTIALS.key);
		expect(unpaid.json).toEqual({ get_unpaid_document: { customer_id: 101 } });
	});

	it('an invalid key (erro_code 97, HTTP 200) is an autenticacao error without the key', async () => {
		const wrong = adapterFor(credentialsFor(rbx, { rbxApiKey: 'CHAVE-ERRADA-123' }));
		const error = await wrong.buscarClientePorDocumento('52998224725').catch((caught: unknown) => caught);
		expect(error).toMatchObject({ kind: 'autenticacao', details: { erpCode: '97' } });
		expect((error as Error).message).not.toContain('CHAVE-ERRADA-123');
	});

	it('v1 "no rows" (status 0, erro_code 1) is not found, not an error', async () => {
		expect(await adapter.buscarClientePorDocumento('11144477735')).toBeUndefined();
	});

	it('a quote in a Filtro value is doubled (Filtro is raw SQL)', async () => {
		const souza = (await adapter.buscarClientePorDocumento('11222333000181'))!;
		expect(await adapter.listarContratos({ ...souza, id: "104' OR '1'='1" })).toEqual([]);
		expect(bodiesOf('ConsultaContratos').at(-1)?.Filtro).toBe("Cliente_Codigo = '104'' OR ''1''=''1'");
	});

	it('finds by phone with LIKE on the last 8 digits, masks in the ERP included, then the DDD rule', async () => {
		const found = await adapter.buscarClientesPorTelefone('5511987654321');
		expect(found.map((customer) => customer.id)).toEqual(['101']);
		expect(bodiesOf('ConsultaClientes')[0].Filtro).toBe("TelCelular LIKE '%8765%4321' OR TelResidencial LIKE '%8765%4321' OR TelComercial LIKE '%8765%4321'");
		expect(await adapter.buscarClientesPorTelefone('5521987654321')).toEqual([]);
	});

	it('contract state from the blocked and reduced lists', async () => {
		const souza = (await adapter.buscarClientePorDocumento('11222333000181'))!;
		const contracts = await adapter.listarContratos(souza);
		expect(contracts.map((contract) => [contract.id, contract.status])).toEqual([
			['2004', 'ativo'],
			['2005', 'reduzido'],
		]);
	});

	it('asks the digitable line of an overdue invoice for today (RBX refuses a past due date)', async () => {
		const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
		const invoices = await adapter.listarFaturasAbertas(joao);
		expect(invoices.map((invoice) => [invoice.id, invoice.vencida, Boolean(invoice.linhaDigitavel)])).toEqual([
			['30003', true, true],
			['30004', false, true],
		]);
		const dates = bodiesOf('get_barcode').map((body) => body.banking_billet_due_date);
		expect(dates).toContain(todayInBrazil());
		expect(dates.every((date) => String(date) >= todayInBrazil())).toBe(true);
	});

	it('the unlock is a full unblock, flagged so the card does not promise a trust window', async () => {
		const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
		const [contract] = await adapter.listarContratos(joao);
		const result = await adapter.desbloqueioConfianca(joao, contract);
		expect(result).toMatchObject({ sucesso: true, desbloqueioTotal: true });
		expect(result).not.toHaveProperty('ate');
		expect(bodiesOf('contract_unblock')).toEqual([{ customer_id: 102, contract_id: 2002 }]);
	});

	it('diagnosis: a RADIUS session is online with ip; none is offline with the last connection (radius_extract without envelope)', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		const [mariaContract] = await adapter.listarContratos(maria);
		expect((await adapter.diagnostico(maria, mariaContract)).conexao).toMatchObject({ online: true, login: 'maria.silva', ip: '100.64.0.1' });
		const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
		const [joaoContract] = await adapter.listarContratos(joao);
		const offline = await adapter.diagnostico(joao, joaoContract);
		expect(offline.conexao).toMatchObject({ online: false, login: 'joao.pereira', ultimaConexao: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T08:15:00$/) });
	});

	it('opens a ticket with Topico, Usuario_Abertura and the description as Ocorrencia', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		const [contract] = await adapter.listarContratos(maria);
		const [department] = await adapter.listarDepartamentos();
		expect(department).toEqual({ id: '1', nome: 'Suporte Técnico' });
		const ticket = await adapter.abrirChamado({ cliente: maria, contrato: contract, departamentoId: '2', assunto: 'Boleto', descricao: 'Não recebi', contato: { nome: 'Maria' } });
		expect(ticket).toEqual({ id: '5001', protocolo: '5001', assunto: 'Boleto' });
		expect(rbx.tickets[0].fields).toMatchObject({ Cliente: '101', Contrato: '2001', Topico: '2', Assunto: 'Boleto', Ocorrencia: 'Não recebi\nMaria', Usuario_Abertura: RBX_TEST_CREDENTIALS.user, Situacao: 'A', Iniciativa: 'C' });
	});

	it('a ticket without a department gets RBX\'s own reason as erro_erp', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		await expect(adapter.abrirChamado({ cliente: maria, assunto: 'x', descricao: 'y', contato: {} })).rejects.toMatchObject({ kind: 'erro_erp', message: expect.stringContaining('Topico ou Fluxo') });
	});

	it('portal login: right password of this customer is true, a wrong one false', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		expect(await adapter.autenticarCentral(maria, '529.982.247-25', 'senha01')).toBe(true);
		expect(await adapter.autenticarCentral(maria, '529.982.247-25', 'errada')).toBe(false);
		const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
		expect(await adapter.autenticarCentral(joao, '529.982.247-25', 'senha01')).toBe(false);
	});

	it('a boleto without Pix (error 16) is undefined, not an error', async () => {
		rbx.failNext(1, { status: 200, body: { status: 0, error_code: 16, error_description: 'Banking billet without Pix!' } }, service('get_pix_copia_cola'));
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		const [invoice] = await adapter.listarFaturasAbertas(maria);
		expect(await adapter.pixFatura(invoice, maria)).toBeUndefined();
	});
});

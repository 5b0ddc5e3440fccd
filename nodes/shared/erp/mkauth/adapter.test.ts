import type { IHttpRequestOptions } from 'n8n-workflow';

import { textReply, type RecordedRequest } from '../../../../test/simulators/base';
import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { MKAUTH_TEST_CREDENTIALS, mkAuthInvoiceUuid, startMkAuthSimulator, type MkAuthSimulator } from '../../../../test/simulators/mkauth';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import type { ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import type { ErpAction, ErpAdapter, ErpTransport } from '../types';
import { createMkAuthAdapter } from './adapter';
import { addDays, firstDayOfNextMonth, todayInBrazil } from '../calendar';

const HTML_ERROR = '<!DOCTYPE html><html><body><h1>Fatal error</h1><p>PHP Warning: mysqli_connect()</p></body></html>';

function credentialsFor(simulator: MkAuthSimulator, overrides: Partial<ErpCredentials> = {}): ErpCredentials {
	return {
		system: 'mkauth',
		baseUrl: `${simulator.url}/`,
		mkauthClientId: MKAUTH_TEST_CREDENTIALS.clientId,
		mkauthClientSecret: MKAUTH_TEST_CREDENTIALS.clientSecret,
		...overrides,
	};
}

function adapterFor(simulator: MkAuthSimulator, overrides: Partial<ErpCredentials> = {}): ErpAdapter {
	const credentials = credentialsFor(simulator, overrides);
	return createErpAdapter(credentials, fetchErpTransport(credentials));
}

const dataRequest = (request: RecordedRequest) => request.path !== '/api/';

describeErpAdapterContract(
	'MK-Auth',
	async () => {
		const simulator = await startMkAuthSimulator();
		return {
			adapter: adapterFor(simulator),
			failNext: (count) => simulator.failNext(count, textReply(500, HTML_ERROR, 'text/html')),
			reset: () => simulator.reset(),
			close: () => simulator.close(),
		};
	},
	{ noReducedSpeedStatus: true },
);

describe('adaptador MK-Auth', () => {
	let simulator: MkAuthSimulator;
	let adapter: ErpAdapter;

	beforeAll(async () => {
		simulator = await startMkAuthSimulator();
		adapter = adapterFor(simulator);
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => simulator.reset());

	const requestsTo = (prefix: string) => simulator.requests.filter((request) => request.path.startsWith(prefix));

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
			'buscarClientePorDocumento', 'buscarClientesPorTelefone', 'listarContratos', 'listarFaturasAbertas', 'pdfFatura', 'pixFatura',
			'desbloqueioConfianca', 'diagnostico',
		]);
	});

	it('looks a document up by its digits in the path filter and maps the customer with its login as code', async () => {
		const maria = await customer('529.982.247-25');
		expect(requestsTo('/api/cliente/listar/').map((request) => request.path)).toEqual(['/api/cliente/listar/cpf_cnpj=52998224725']);
		expect(maria).toEqual({
			id: '52998224725',
			nome: 'MARIA SILVA',
			documento: '52998224725',
			tipoPessoa: 'fisica',
			telefones: ['11987654321'],
			email: 'maria.silva@example.com',
			codigo: 'maria.silva',
		});
		expect((await customer('12.abc.345/01de-35')).tipoPessoa).toBe('juridica');
	});

	it('answers undefined when the listing is a literal NULL or a 404', async () => {
		simulator.failNext(1, textReply(200, 'NULL'), dataRequest);
		expect(await adapter.buscarClientePorDocumento('52998224725')).toBeUndefined();
		simulator.failNext(2, { status: 404, body: { error: 'Nenhum registro encontrado' } }, dataRequest);
		expect(await adapter.buscarClientePorDocumento('52998224725')).toBeUndefined();
	});

	it('finds by phone with and without the 9th digit, and landlines through fone', async () => {
		const withNine = await adapter.buscarClientesPorTelefone('11987654321');
		const withoutNine = await adapter.buscarClientesPorTelefone('1187654321');
		const landline = await adapter.buscarClientesPorTelefone('(21) 3333-4444');
		expect(withNine.map((found) => found.documento)).toEqual(['52998224725']);
		expect(withoutNine.map((found) => found.documento)).toEqual(['52998224725']);
		expect(landline.map((found) => found.documento)).toEqual(['11222333000181']);
		expect(await adapter.buscarClientesPorTelefone('não é telefone')).toEqual([]);
	});

	it('lists one contract per login, with the uuid MK-Auth edits by and the login it bills by', async () => {
		const company = await customer('11222333000181');
		const contracts = await adapter.listarContratos(company);
		expect(contracts.map((contract) => [contract.login, contract.plano, contract.status])).toEqual([
			['comercial.souza', 'EMPRESARIAL 500 MEGA', 'ativo'],
			['comercial.backup', 'LINK BACKUP 100 MEGA', 'ativo'],
		]);
		expect(contracts[0].id).toMatch(/^7f1c0a00-/);
		expect(contracts[1].financeiroEmAtraso).toBe(true);
	});

	it('lists the open invoices of every login, overdue first, or of one contract', async () => {
		const company = await customer('11222333000181');
		const all = await adapter.listarFaturasAbertas(company);
		const [backupInvoice, mainInvoice] = ERP_CUSTOMER.comercialSouza.invoices.slice().reverse();
		expect(all.map((invoice) => [invoice.id, invoice.vencida])).toEqual([
			[mkAuthInvoiceUuid(backupInvoice), true],
			[mkAuthInvoiceUuid(mainInvoice), false],
		]);
		expect(all[0]).toMatchObject({ valor: 149.9, vencimento: backupInvoice.dueDate, linhaDigitavel: backupInvoice.digitableLine.replace(/\D/g, ''), pixCopiaECola: backupInvoice.pixCopyPaste });
		const [main] = await adapter.listarContratos(company);
		expect((await adapter.listarFaturasAbertas(company, main)).map((invoice) => invoice.id)).toEqual([mkAuthInvoiceUuid(mainInvoice)]);
	});

	it('fetches titulo/show when titulo/aberto lists bare uuids', async () => {
		const invoice = ERP_CUSTOMER.maria.invoices[1];
		simulator.failNext(1, { status: 200, body: { Total: 1, titulos: [{ uuid_lanc: mkAuthInvoiceUuid(invoice) }] } }, (request) => request.path.startsWith('/api/titulo/aberto/'));
		const [listed] = await adapter.listarFaturasAbertas(await customer('52998224725'));
		expect(listed).toMatchObject({ id: mkAuthInvoiceUuid(invoice), valor: 99.9, vencimento: invoice.dueDate, pixCopiaECola: invoice.pixCopyPaste });
		expect(requestsTo('/api/titulo/show/')).toHaveLength(1);
	});

	it('gives an empty list for a login without open invoices', async () => {
		const alfa = await customer('12ABC34501DE35');
		expect(await adapter.listarFaturasAbertas(alfa)).toEqual([]);
	});

	it('downloads the boleto PDF from the same server only, and refuses a page that is not a PDF', async () => {
		const maria = await customer('52998224725');
		const [invoice] = await adapter.listarFaturasAbertas(maria);
		const pdf = await adapter.pdfFatura(invoice, maria);
		expect(pdf).toMatchObject({ fileName: `boleto-${invoice.vencimento}.pdf`, mimeType: 'application/pdf' });

		expect(await adapter.pdfFatura({ ...invoice, pdfUrl: 'https://banco.example/boleto/1' }, maria)).toBeUndefined();
		expect(simulator.requests.some((request) => request.path === '/boleto/1')).toBe(false);

		simulator.failNext(1, textReply(200, HTML_ERROR, 'text/html'), (request) => request.path.startsWith('/boleto/'));
		await expect(adapter.pdfFatura(invoice, maria)).rejects.toMatchObject({ name: 'ErpError', kind: 'erro_erp' });
	});

	it('asks titulo/show for the Pix code when the invoice came without it', async () => {
		const maria = await customer('52998224725');
		const [invoice] = await adapter.listarFaturasAbertas(maria);
		const pix = await adapter.pixFatura({ ...invoice, pixCopiaECola: undefined }, maria);
		expect(pix).toBe(ERP_CUSTOMER.maria.invoices[1].pixCopyPaste);
		expect(requestsTo('/api/titulo/show/').map((request) => request.path)).toEqual([`/api/titulo/show/${invoice.id}`]);
	});

	it('unlocks a blocked login with PUT cliente/editar, recording the unlock date and the observation period, then shows the trust unlock in force', async () => {
		const joao = await customer('62710524520');
		const [contract] = await adapter.listarContratos(joao);
		const today = todayInBrazil();
		expect(await adapter.desbloqueioConfianca(joao, contract)).toEqual({ sucesso: true, mensagem: 'Acesso desbloqueado em confiança.', ate: addDays(today, 3) });
		const [edit] = requestsTo('/api/cliente/editar');
		expect(edit.method).toBe('PUT');
		expect(edit.json).toEqual({
			uuid: contract.id,
			bloqueado: 'nao',
			data_desbloq: expect.stringMatching(new RegExp(`^${today} \\d{2}:\\d{2}:\\d{2}$`)),
			observacao: 'sim',
			rem_obs: `${addDays(today, 3)} 23:59:59`,
		});
		const [after] = await adapter.listarContratos(joao);
		expect(after).toMatchObject({ status: 'ativo', desbloqueioConfiancaAtivo: true, ultimoDesbloqueioConfianca: today });
	});

	it('counts its own unlock against the monthly limit: blocked again the same month, the unlock is refused', async () => {
		const joao = await customer('62710524520');
		const [contract] = await adapter.listarContratos(joao);
		expect(await adapter.desbloqueioConfianca(joao, contract)).toMatchObject({ sucesso: true });
		simulator.customers.find((each) => each.id === ERP_CUSTOMER.joao.id)!.contracts[0].state = 'blockedForDebt';
		expect(await adapter.desbloqueioConfianca(joao, contract)).toEqual({
			sucesso: false,
			motivo: 'O desbloqueio de confiança já foi usado neste mês.',
			disponivelEm: firstDayOfNextMonth(todayInBrazil()),
		});
		expect(requestsTo('/api/cliente/editar')).toHaveLength(1);
	});

	it('refuses a second unlock in the month with the first day of next month, and an unlock of a login that is not blocked', async () => {
		const ana = await customer('17518172020');
		const [used] = await adapter.listarContratos(ana);
		expect(await adapter.desbloqueioConfianca(ana, used)).toEqual({
			sucesso: false,
			motivo: 'O desbloqueio de confiança já foi usado neste mês.',
			disponivelEm: firstDayOfNextMonth(todayInBrazil()),
		});
		const maria = await customer('52998224725');
		const [active] = await adapter.listarContratos(maria);
		expect(await adapter.desbloqueioConfianca(maria, active)).toMatchObject({ sucesso: false });
		expect(requestsTo('/api/cliente/editar')).toHaveLength(0);
	});

	it('turns an error body of cliente/editar into erro_erp without the numbers the ERP wrote', async () => {
		const joao = await customer('62710524520');
		const [contract] = await adapter.listarContratos(joao);
		simulator.failNext(1, { status: 200, body: { status: 'error', mensagem: 'Cliente 627.105.245-20 sem permissão' } }, (request) => request.method === 'PUT');
		const error = await adapter.desbloqueioConfianca(joao, contract).catch((thrown: unknown) => thrown);
		expect(error).toMatchObject({ name: 'ErpError', kind: 'erro_erp' });
		expect((error as Error).message).not.toMatch(/627/);
	});

	it('fails clearly when the contract login no longer exists (show answers NULL)', async () => {
		const joao = await customer('62710524520');
		await expect(adapter.desbloqueioConfianca(joao, { id: 'x', clienteId: joao.id, plano: '', status: 'bloqueado', login: 'ninguem' })).rejects.toMatchObject({ kind: 'erro_erp' });
	});

	it('diagnoses from the login record and the open invoices, without a connection state', async () => {
		const joao = await customer('62710524520');
		const [contract] = await adapter.listarContratos(joao);
		const diagnosis = await adapter.diagnostico(joao, contract);
		expect(diagnosis).toEqual({ contrato: expect.objectContaining({ status: 'bloqueado', financeiroEmAtraso: true }), faturasVencidas: 1 });
		const maria = await customer('52998224725');
		const [active] = await adapter.listarContratos(maria);
		expect(await adapter.diagnostico(maria, active)).toMatchObject({ contrato: { status: 'ativo', financeiroEmAtraso: false }, faturasVencidas: 0 });
	});

	it('turns a PHP page answered with status 200 into indisponivel', async () => {
		simulator.failNext(1, textReply(200, HTML_ERROR, 'text/html'), dataRequest);
		await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ name: 'ErpError', kind: 'indisponivel' });
	});

	it('turns wrong client credentials into autenticacao, with neither secret nor document in the message', async () => {
		const wrong = adapterFor(simulator, { mkauthClientSecret: 'segredo-errado' });
		const error = await wrong.buscarClientePorDocumento('52998224725').catch((thrown: unknown) => thrown);
		expect(error).toMatchObject({ name: 'ErpError', kind: 'autenticacao' });
		expect((error as Error).message).not.toMatch(/segredo|52998224725/);
	});

	it('turns a request that never answers into timeout', async () => {
		const impatient = adapterFor(simulator, { timeoutSeconds: 0.3 });
		simulator.hangNext(1, dataRequest);
		await expect(impatient.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ name: 'ErpError', kind: 'timeout' });
	});
});

describe('adaptador MK-Auth: installations that store the document masked or ignore the filter', () => {
	const record = (login: string, document: string) => ({ login, uuid_cliente: `uuid-${login}`, nome: login.toUpperCase(), cpf_cnpj: document, bloqueado: 'nao', cli_ativado: 's' });

	function scripted(answer: (url: string) => unknown): { transport: ErpTransport; urls: string[] } {
		const urls: string[] = [];
		const transport: ErpTransport = async (options: IHttpRequestOptions) => {
			urls.push(options.url);
			return answer(options.url);
		};
		return { transport, urls };
	}

	const credentials: ErpCredentials = { system: 'mkauth', baseUrl: 'https://mk.provedor.example' };

	it('tries the masked CPF when the digits find nothing', async () => {
		const { transport, urls } = scripted((url) => (url.includes('529.982.247-25') ? { total_registros: 1, clientes: [record('lise', '529.982.247-25')] } : { total_registros: 0, clientes: [] }));
		const found = await createMkAuthAdapter(transport, credentials).buscarClientePorDocumento('52998224725');
		expect(found?.codigo).toBe('lise');
		expect(urls).toEqual(['/api/cliente/listar/cpf_cnpj=52998224725', '/api/cliente/listar/cpf_cnpj=529.982.247-25']);
	});

	it("keeps only the document's own logins when the server ignores the filter", async () => {
		const { transport } = scripted(() => ({ total_registros: 2, clientes: [record('outro', '17518172020'), record('lise', '52998224725')] }));
		const adapter = createMkAuthAdapter(transport, credentials);
		const found = await adapter.buscarClientePorDocumento('52998224725');
		expect(await adapter.listarContratos(found!)).toEqual([expect.objectContaining({ login: 'lise' })]);
		expect(await adapter.buscarClientesPorTelefone('11987654321')).toEqual([]);
	});
});

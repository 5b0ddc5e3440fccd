import { jsonReply, textReply, type RecordedRequest } from '../../../../test/simulators/base';
import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { ISPFY_TEST_TOKEN, ISPFY_TOPICS, ispfyPortalPassword, startIspfySimulator, type IspfySimulator, type IspfySimulatorOptions } from '../../../../test/simulators/ispfy';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import { addDays, todayInBrazil } from '../calendar';
import type { ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import { ErpError, type Cliente, type Contrato, type ErpAdapter } from '../types';

const HTML_ERROR_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

function credentialsFor(ispfy: IspfySimulator, extra: Partial<ErpCredentials> = {}): ErpCredentials {
	return { system: 'ispfy', baseUrl: `${ispfy.url}/`, ispfyToken: ISPFY_TEST_TOKEN, ...extra };
}

function adapterFor(credentials: ErpCredentials): ErpAdapter {
	return createErpAdapter(credentials, fetchErpTransport(credentials));
}

describeErpAdapterContract(
	'ISPFY',
	async () => {
		const ispfy = await startIspfySimulator();
		return {
			adapter: adapterFor(credentialsFor(ispfy)),
			failNext: (count) => ispfy.failNext(count, textReply(502, HTML_ERROR_PAGE, 'text/html')),
			reset: () => ispfy.reset(),
			close: () => ispfy.close(),
		};
	},
	// `assinante/info` has no phone field (docs/apis-externas.md §D.9).
	{ noPhonesInCustomer: true },
);

describe.each<[string, IspfySimulatorOptions]>([
	['erros em texto com HTTP 500, listas como objetos', {}],
	['erros em texto com HTTP 200, listas como arrays, 404 para cliente inexistente, boleto no caminho antigo', { errorsWithStatus200: true, listsAsArrays: true, notFoundAs404: true, legacyPrintPath: true }],
])('adaptador ERP ISPFY (%s)', (_title, options) => {
	let ispfy: IspfySimulator;
	let adapter: ErpAdapter;
	const onPath = (path: string) => (request: RecordedRequest) => request.path.replace(/\/+$/, '') === path;
	const requestsTo = (path: string) => ispfy.requests.filter(onPath(path));

	async function firstContract(document: string): Promise<[Cliente, Contrato]> {
		const found = await adapter.buscarClientePorDocumento(document);
		if (!found) throw new Error(`cliente ${document} não encontrado`);
		const [contract] = await adapter.listarContratos(found);
		return [found, contract];
	}

	beforeAll(async () => {
		ispfy = await startIspfySimulator(options);
		adapter = adapterFor(credentialsFor(ispfy));
	});
	afterAll(() => ispfy.close());
	beforeEach(() => ispfy.reset());

	it('sends the token in the "Token" header and the document masked in `doc`', async () => {
		await adapter.buscarClientePorDocumento('52998224725');
		const [request] = requestsTo('/api/tool/assinante/info');
		expect(request.headers.token).toBe(ISPFY_TEST_TOKEN);
		expect(request.query).toEqual({ doc: '529.982.247-25' });
		expect(ispfy.accessLog.join('\n')).not.toMatch(/529|982|247/);
	});

	it('an unknown document is undefined whatever shape the "not found" takes', async () => {
		expect(await adapter.buscarClientePorDocumento('111.444.777-35')).toBeUndefined();
	});

	it('a wrong token is an authentication error that does not carry the token', async () => {
		const wrong = adapterFor(credentialsFor(ispfy, { ispfyToken: 'token-errado-xyz' }));
		const failure = await wrong.buscarClientePorDocumento('52998224725').catch((error: unknown) => error);
		expect(failure).toMatchObject({ name: 'ErpError', kind: 'autenticacao' });
		expect((failure as Error).message).not.toContain('token-errado-xyz');
	});

	it('reads the contracts: plan from ponto/status, blocked, reduced speed (current below contracted)', async () => {
		const [, blocked] = await firstContract('62710524520');
		expect(blocked).toMatchObject({ id: '2002', plano: 'FIBRA 100 MEGA', status: 'bloqueado', financeiroEmAtraso: true, login: 'joao.pereira' });
		const company = (await adapter.buscarClientePorDocumento('11.222.333/0001-81'))!;
		const contracts = await adapter.listarContratos(company);
		expect(contracts.map((contract) => [contract.id, contract.status])).toEqual([
			['2004', 'ativo'],
			['2005', 'reduzido'],
		]);
	});

	it('lists open invoices from the boleto JSON: DD/MM/YYYY dates, "99,90" amounts, the line as digits, Pix; per contract', async () => {
		const company = (await adapter.buscarClientePorDocumento('11222333000181'))!;
		const all = await adapter.listarFaturasAbertas(company);
		expect(all.map((invoice) => invoice.id)).toEqual(['30007', '30006']);
		const [overdue] = all;
		const source = ERP_CUSTOMER.comercialSouza.invoices.find((invoice) => invoice.id === '30007')!;
		expect(overdue).toMatchObject({ valor: 149.9, vencimento: source.dueDate, vencida: true, contratoId: '2005', linhaDigitavel: source.digitableLine.replace(/\D/g, ''), pixCopiaECola: source.pixCopyPaste });
		const [first] = await adapter.listarContratos(company);
		expect((await adapter.listarFaturasAbertas(company, first)).map((invoice) => invoice.id)).toEqual(['30006']);
		const [request] = requestsTo('/api/tool/assinante/boleto');
		expect(request.query).toMatchObject({ status: 'pagar', tipo: 'linha-detalhes', retorno: 'json' });
	});

	it('trust unlock: releases for 3 days and says until when; a refusal in plain text keeps its reason', async () => {
		const [joao, contract] = await firstContract('62710524520');
		const result = await adapter.desbloqueioConfianca(joao, contract);
		const until = addDays(todayInBrazil(), 3);
		expect(result).toEqual({ sucesso: true, ate: until, mensagem: expect.stringContaining('por 3 dias') });
		expect(requestsTo('/api/tool/assinante/liberar')[0].form).toEqual({ id_contrato: '2002' });
		ispfy.customers.find((customer) => customer.id === '103')!.contracts[0].trustUnlockEnabled = false;
		const [ana, used] = await firstContract('17518172020');
		expect(await adapter.desbloqueioConfianca(ana, used)).toEqual({ sucesso: false, motivo: 'A opção de liberação de bloqueio não está ativa' });
	});

	it('diagnosis: blocked contract, overdue invoices, offline session with the last login', async () => {
		const [joao, contract] = await firstContract('62710524520');
		const diagnosis = await adapter.diagnostico(joao, contract);
		expect(diagnosis.contrato.status).toBe('bloqueado');
		expect(diagnosis.faturasVencidas).toBe(1);
		expect(diagnosis.conexao).toMatchObject({ login: 'joao.pereira', online: false, ativo: false, contratoId: '2002' });
		expect(diagnosis.conexao?.ultimaConexao).toMatch(/^\d{4}-\d{2}-\d{2}T08:15:00$/);
		const [maria, active] = await firstContract('52998224725');
		expect((await adapter.diagnostico(maria, active)).conexao).toMatchObject({ online: true, ip: '100.64.0.1', ativo: true });
	});

	it('lists every ticket topic through the object route pagination (its default page is 10)', async () => {
		const departments = await adapter.listarDepartamentos();
		expect(departments).toHaveLength(ISPFY_TOPICS.length);
		expect(departments[0]).toEqual({ id: '60', nome: 'SUPORTE TÉCNICO' });
	});

	it('opens a ticket with client, topic, point and text; the bare id is the protocol', async () => {
		const [maria, contract] = await firstContract('52998224725');
		const ticket = await adapter.abrirChamado({ cliente: maria, contrato: contract, departamentoId: '68', assunto: 'Sem conexão', descricao: 'Desde ontem', contato: {} });
		expect(ticket).toMatchObject({ id: '42186', protocolo: '42186' });
		expect(ispfy.openedTickets).toEqual([{ id: '42186', customerId: '101', topicId: '68', pointId: '3001', request: 'Sem conexão\nDesde ontem' }]);
	});

	it('a ticket refused in plain text is erro_erp with the ERP reason', async () => {
		const [maria, contract] = await firstContract('52998224725');
		const failure = await adapter.abrirChamado({ cliente: maria, contrato: contract, departamentoId: '999', assunto: 'x', descricao: 'y', contato: {} }).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(ErpError);
		expect(failure).toMatchObject({ kind: 'erro_erp', message: expect.stringContaining('Tópico inválido') });
	});

	it('checks the subscriber-portal password against the MD5 ISPFY keeps, without sending it', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		expect(await adapter.autenticarCentral(maria, '529.982.247-25', ispfyPortalPassword(ERP_CUSTOMER.maria))).toBe(true);
		expect(await adapter.autenticarCentral(maria, '529.982.247-25', 'senha-errada')).toBe(false);
		expect(await adapter.autenticarCentral(maria, '62710524520', ispfyPortalPassword(ERP_CUSTOMER.maria))).toBe(false);
	});

	it('fetches the boleto PDF from imprimir/{id}?retorno=pdf (the older cobranca/imprimir path after a 404)', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		const [invoice] = await adapter.listarFaturasAbertas(maria);
		const pdf = await adapter.pdfFatura(invoice, maria);
		expect(Buffer.from(pdf!.data, 'base64').subarray(0, 4).toString()).toBe('%PDF');
		expect(requestsTo(`/api/tool/assinante/boleto/imprimir/${invoice.id}`)[0].query).toEqual({ retorno: 'pdf' });
		expect(requestsTo(`/api/tool/cobranca/imprimir/${invoice.id}`)).toHaveLength(options.legacyPrintPath ? 1 : 0);
	});

	it('error texts that echo the URL lose the query string and documents', async () => {
		ispfy.failNext(1, textReply(500, 'Falha em http://erp:8020/api/tool/assinante/boleto?doc=529.982.247-25&token=abc para 52998224725'));
		const maria = { id: '101', nome: 'M', documento: '52998224725', tipoPessoa: 'fisica' as const, telefones: [] };
		const failure = (await adapter.pdfFatura({ id: '30001', valor: 1, vencimento: '2026-01-01', vencida: false }, maria).catch((error: unknown) => error)) as Error;
		expect(failure).toMatchObject({ kind: 'erro_erp' });
		expect(failure.message).toContain('?***');
		expect(failure.message).not.toMatch(/529|52998224725|abc/);
	});

	it('"no open charge" said in plain text by the boleto route is an empty list, not an error', async () => {
		const maria = (await adapter.buscarClientePorDocumento('52998224725'))!;
		ispfy.failNext(1, textReply(options.errorsWithStatus200 ? 200 : 500, 'Nenhuma cobrança encontrada'), onPath('/api/tool/assinante/boleto'));
		expect(await adapter.listarFaturasAbertas(maria)).toEqual([]);
	});

	it('an HTML page with HTTP 200 where JSON is expected is indisponivel', async () => {
		ispfy.failNext(1, textReply(200, HTML_ERROR_PAGE, 'text/html'), onPath('/api/tool/assinante/info'));
		await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'indisponivel' });
	});

	it('an error text with HTTP 200 where JSON is expected is erro_erp', async () => {
		ispfy.failNext(1, textReply(200, 'Permissão negada para a rota'), onPath('/api/tool/assinante/info'));
		await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'erro_erp', message: expect.stringContaining('Permissão negada') });
	});

	it('says why each action is not offered (pt-BR)', async () => {
		const [maria, contract] = await firstContract('52998224725');
		await expect(adapter.buscarClientesPorTelefone('11987654321')).rejects.toMatchObject({ kind: 'nao_suportado', message: expect.stringContaining('telefone') });
		await expect(adapter.liberarReducaoVelocidade(maria, contract)).rejects.toMatchObject({ kind: 'nao_suportado', message: expect.stringContaining('redução') });
		await expect(adapter.alterarSenhaWifi(maria, contract, '12345678')).rejects.toMatchObject({ kind: 'nao_suportado', message: expect.stringContaining('Wi-Fi') });
		await expect(adapter.documentoAceite(maria, contract)).rejects.toMatchObject({ kind: 'nao_suportado', message: expect.stringContaining('aceite') });
	});

	it('the ticket id may come as JSON or as text', async () => {
		ispfy.failNext(1, jsonReply(200, '42999'), onPath('/api/tool/assinante/ticket'));
		const [maria] = await firstContract('52998224725');
		expect((await adapter.abrirChamado({ cliente: maria, assunto: 'a', descricao: 'b', contato: {} })).protocolo).toBe('42999');
	});
});

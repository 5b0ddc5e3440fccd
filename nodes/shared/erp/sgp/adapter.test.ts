import { jsonReply, textReply, type RecordedRequest } from '../../../../test/simulators/base';
import { isoDate } from '../../../../test/simulators/brazil-formats';
import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { SGP_TEST_CREDENTIALS, startSgpSimulator, type SgpSimulator } from '../../../../test/simulators/sgp';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import type { ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import type { Cliente, Contrato, ErpAdapter, ErpTransport, Fatura } from '../types';
import { createSgpAdapter } from './adapter';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';

const HTML_ERROR_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

function tokenCredentials(sgp: SgpSimulator, extra: Partial<ErpCredentials> = {}): ErpCredentials {
	return { system: 'sgp', baseUrl: `${sgp.url}/`, sgpAuthMode: 'tokenApp', sgpToken: SGP_TEST_CREDENTIALS.token, sgpApp: SGP_TEST_CREDENTIALS.app, ...extra };
}

function adapterFor(credentials: ErpCredentials): ErpAdapter {
	return createErpAdapter(credentials, fetchErpTransport(credentials));
}

describeErpAdapterContract('SGP', async () => {
	const sgp = await startSgpSimulator();
	return {
		adapter: adapterFor(tokenCredentials(sgp)),
		failNext: (count) => sgp.failNext(count, textReply(502, HTML_ERROR_PAGE, 'text/html')),
		reset: () => sgp.reset(),
		close: () => sgp.close(),
	};
});

describe('adaptador ERP SGP: particularidades', () => {
	let sgp: SgpSimulator;
	let adapter: ErpAdapter;
	const onPath = (path: string) => (request: RecordedRequest) => request.path.replace(/\/+$/, '') === path;
	const requestsTo = (path: string) => sgp.requests.filter(onPath(path));

	async function customer(document: string): Promise<Cliente> {
		const found = await adapter.buscarClientePorDocumento(document);
		if (!found) throw new Error(`cliente ${document} não encontrado`);
		return found;
	}
	async function firstContract(document: string): Promise<[Cliente, Contrato]> {
		const found = await customer(document);
		const [contract] = await adapter.listarContratos(found);
		return [found, contract];
	}

	beforeAll(async () => {
		sgp = await startSgpSimulator();
		adapter = adapterFor(tokenCredentials(sgp));
	});
	afterAll(() => sgp.close());
	beforeEach(() => sgp.reset());

	describe('requests and authentication', () => {
		it('posts form fields with token and app, the document unmasked', async () => {
			await adapter.buscarClientePorDocumento('529.982.247-25');
			const [request] = requestsTo('/api/ura/consultacliente');
			expect(request.method).toBe('POST');
			expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
			expect(request.form).toEqual({ cpfcnpj: '52998224725', token: SGP_TEST_CREDENTIALS.token, app: SGP_TEST_CREDENTIALS.app });
		});

		it('works with Basic Auth instead of token and app', async () => {
			const basic = adapterFor({ system: 'sgp', baseUrl: sgp.url, sgpAuthMode: 'basic', sgpUser: SGP_TEST_CREDENTIALS.basicUser, sgpPassword: SGP_TEST_CREDENTIALS.basicPassword });
			expect(await basic.buscarClientePorDocumento('52998224725')).toMatchObject({ nome: ERP_CUSTOMER.maria.name });
			expect(sgp.requests[0].form).toEqual({ cpfcnpj: '52998224725' });
		});

		it('is the adapter the registry gives for system "sgp", and supports exactly what the URA API offers', () => {
			const direct = createSgpAdapter(fetchErpTransport(tokenCredentials(sgp)), tokenCredentials(sgp));
			const offered = (
				['buscarClientePorDocumento', 'buscarClientesPorTelefone', 'listarContratos', 'listarFaturasAbertas', 'pdfFatura', 'pixFatura', 'listarNotasFiscais', 'pdfNotaFiscal', 'desbloqueioConfianca', 'liberarReducaoVelocidade', 'diagnostico', 'documentoAceite', 'aceitarContrato', 'listarDepartamentos', 'abrirChamado', 'autenticarCentral', 'alterarSenhaWifi'] as const
			).filter((action) => direct.supports(action));
			expect(adapter.system).toBe('sgp');
			expect(offered).toEqual(['buscarClientePorDocumento', 'buscarClientesPorTelefone', 'listarContratos', 'listarFaturasAbertas', 'pdfFatura', 'pixFatura', 'desbloqueioConfianca', 'diagnostico', 'abrirChamado', 'autenticarCentral', 'alterarSenhaWifi']);
		});
	});

	describe('hostile answers', () => {
		it('wrong token or app in the wrong case: autenticacao, without the token in the message', async () => {
			const wrongCase = adapterFor(tokenCredentials(sgp, { sgpApp: SGP_TEST_CREDENTIALS.app.toUpperCase() }));
			const error = await wrongCase.buscarClientePorDocumento('52998224725').catch((thrown: unknown) => thrown);
			expect(error).toMatchObject({ name: 'ErpError', kind: 'autenticacao', details: { system: 'sgp', action: 'buscarClientePorDocumento', httpCode: 403 } });
			expect((error as Error).message).not.toContain(SGP_TEST_CREDENTIALS.token);
		});

		it('credentials refused inside an HTTP 200 body: autenticacao', async () => {
			sgp.failNext(1, jsonReply(200, { detail: 'As credenciais de autenticação não foram fornecidas.' }));
			await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'autenticacao' });
		});

		it('an HTML page with HTTP 200 or 5xx: indisponivel', async () => {
			sgp.failNext(1, textReply(200, '<html><body>Login</body></html>', 'text/html'));
			await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'indisponivel' });
			const maria = await customer('52998224725');
			sgp.failNext(1, textReply(503, HTML_ERROR_PAGE, 'text/html'));
			await expect(adapter.listarFaturasAbertas(maria)).rejects.toMatchObject({ kind: 'indisponivel', details: { httpCode: 503 } });
		});

		it('no answer in time: timeout', async () => {
			const impatient = adapterFor(tokenCredentials(sgp, { timeoutSeconds: 0.2 }));
			sgp.hangNext(1);
			await expect(impatient.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'timeout', details: { action: 'buscarClientePorDocumento' } });
		});

		it('a missing endpoint (404) and a status-0 answer: erro_erp, with SGP documents redacted', async () => {
			sgp.failNext(1, jsonReply(404, { detail: 'Não encontrado.' }));
			await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'erro_erp', details: { httpCode: 404 } });
			sgp.failNext(1, jsonReply(200, { status: 0, msg: 'CPF/CNPJ 529.982.247-25 ou Contrato ID Não informados' }));
			const error = await adapter.buscarClientePorDocumento('52998224725').catch((thrown: unknown) => thrown);
			expect(error).toMatchObject({ kind: 'erro_erp', details: { erpCode: '0' } });
			expect((error as Error).message).toBe('O SGP recusou a requisição: CPF/CNPJ *** ou Contrato ID Não informados');
		});

		it('a 4xx with an SGP message: erro_erp with that message', async () => {
			sgp.failNext(1, jsonReply(400, { status: 0, msg: 'Parâmetro inválido' }));
			await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ kind: 'erro_erp', message: 'O SGP recusou a requisição (HTTP 400): Parâmetro inválido' });
		});
	});

	describe('contacts as plain strings', () => {
		it('reads telefones and emails of consultacliente given as strings', async () => {
			const plain = await startSgpSimulator({ contactsAsStrings: true });
			try {
				const found = await adapterFor(tokenCredentials(plain)).buscarClientePorDocumento('52998224725');
				expect(found).toMatchObject({ telefones: ['11987654321'], email: ERP_CUSTOMER.maria.email });
			} finally {
				await plain.close();
			}
		});
	});

	describe('phone search', () => {
		it('searches /api/ura/clientes/ by DDD + number with and without the 9th digit, and maps contacts', async () => {
			const found = await adapter.buscarClientesPorTelefone('5511987654321');
			expect(found).toEqual([
				{ id: ERP_CUSTOMER.maria.id, nome: ERP_CUSTOMER.maria.name, documento: '52998224725', tipoPessoa: 'fisica', telefones: ['11987654321'], email: ERP_CUSTOMER.maria.email },
			]);
			expect(requestsTo('/api/ura/clientes').map((request) => [request.form.telefone, request.form.omitir_contratos, request.form.omitir_titulos])).toEqual([
				['11987654321', '1', '1'],
				['1187654321', '1', '1'],
			]);
		});

		it('finds a customer registered with the 9th digit from a WhatsApp ID without it, and nothing for unknown or invalid numbers', async () => {
			expect((await adapter.buscarClientesPorTelefone('559885120338')).map((found) => found.nome)).toEqual([ERP_CUSTOMER.ana.name]);
			expect(await adapter.buscarClientesPorTelefone('11900000000')).toEqual([]);
			sgp.reset();
			expect(await adapter.buscarClientesPorTelefone('123')).toEqual([]);
			expect(sgp.requests).toHaveLength(0);
		});
	});

	describe('contracts and invoices', () => {
		it('maps contract status, plan, login and address', async () => {
			const company = await customer('11.222.333/0001-81');
			expect(await adapter.listarContratos(company)).toEqual([
				{ id: '2004', clienteId: '104', plano: 'EMPRESARIAL 500 MEGA', status: 'ativo', login: 'comercial.souza', endereco: 'AVENIDA ATLÂNTICA, 1500 - COPACABANA - RIO DE JANEIRO/RJ' },
				{ id: '2005', clienteId: '104', plano: 'LINK BACKUP 100 MEGA', status: 'reduzido', login: 'comercial.backup', endereco: 'AVENIDA ATLÂNTICA, 1500 - COPACABANA - RIO DE JANEIRO/RJ' },
			]);
			const [, blocked] = await firstContract('62710524520');
			expect(blocked).toMatchObject({ status: 'bloqueado', financeiroEmAtraso: true });
			// contratoStatus 6 is "Novo": registered, not installed yet. No service, and SGP has no contract acceptance.
			const [, newContract] = await firstContract('12.ABC.345/01DE-35');
			expect(newContract.status).toBe('inativo');
		});

		it('lists open invoices of every contract from titulos, overdue first, with original due date and corrected amount', async () => {
			const company = await customer('11222333000181');
			const invoices = await adapter.listarFaturasAbertas(company);
			const [overdue, upcoming] = ERP_CUSTOMER.comercialSouza.invoices.slice().sort((a, b) => a.dueDate.localeCompare(b.dueDate));
			expect(invoices.map((invoice) => [invoice.id, invoice.contratoId, invoice.vencimento, invoice.vencida])).toEqual([
				[overdue.id, overdue.contractId, overdue.dueDate, true],
				[upcoming.id, upcoming.contractId, upcoming.dueDate, false],
			]);
			expect(invoices[0].valor).toBeGreaterThan(overdue.amount);
			expect(invoices[1]).toMatchObject({ valor: upcoming.amount, pixCopiaECola: upcoming.pixCopyPaste, linhaDigitavel: expect.stringMatching(/^\d{47}$/) });
			expect(requestsTo('/api/ura/titulos').map((request) => [request.form.contrato, request.form.status])).toEqual([
				['2004', 'abertos'],
				['2005', 'abertos'],
			]);
		});

		it('lists the invoices of one contract when given, and none for a customer without', async () => {
			const [company, first] = await firstContract('11222333000181');
			expect((await adapter.listarFaturasAbertas(company, first)).map((invoice) => invoice.id)).toEqual(['30006']);
			expect(await adapter.listarFaturasAbertas(await customer('12ABC34501DE35'))).toEqual([]);
		});

		it('reads every page of titulos', async () => {
			const maria = sgp.customers.find((each) => each.id === ERP_CUSTOMER.maria.id)!;
			const template = maria.invoices[1];
			for (let index = 0; index < 130; index++) maria.invoices.push({ ...template, id: String(40000 + index), dueDate: isoDate(30 + index) });
			const invoices = await adapter.listarFaturasAbertas(await customer('52998224725'));
			expect(invoices).toHaveLength(131);
			expect(new Set(invoices.map((invoice) => invoice.id)).size).toBe(131);
			expect(requestsTo('/api/ura/titulos').map((request) => request.form.offset)).toEqual(['0', '100']);
		});

		it('stops when SGP repeats a page (offset ignored), without repeating invoices', async () => {
			const page = { paginacao: { offset: 0, limit: 2, parcial: 2, total: 5 }, titulos: [{ id: 1, status: 'aberto', valor: 10, dataVencimento: '2030-01-01' }, { id: 2, status: 'aberto', valor: 10, dataVencimento: '2030-02-01' }] };
			let calls = 0;
			const repeating: ErpTransport = async () => {
				calls++;
				return page;
			};
			const stubbed = createSgpAdapter(repeating, { system: 'sgp', baseUrl: 'http://sgp.invalid' });
			const contract: Contrato = { id: '9', clienteId: '1', plano: 'X', status: 'ativo' };
			const invoices = await stubbed.listarFaturasAbertas({ id: '1', nome: 'X', documento: '52998224725', tipoPessoa: 'fisica', telefones: [] }, contract);
			expect(invoices.map((invoice) => invoice.id)).toEqual(['1', '2']);
			expect(calls).toBe(2);
		});

		it('reads the older answer shape (faturas with lowercase fields) too', async () => {
			const page = { paginacao: { offset: 0, limit: 100, parcial: 1, total: 1 }, faturas: [{ id: 7, statusid: 1, valor: 10, valorcorrigido: 10, vencimento: '2030-01-01', linhadigitavel: '1'.repeat(47) }] };
			const stubbed = createSgpAdapter(async () => page, { system: 'sgp', baseUrl: 'http://sgp.invalid' });
			const contract: Contrato = { id: '9', clienteId: '1', plano: 'X', status: 'ativo' };
			const invoices = await stubbed.listarFaturasAbertas({ id: '1', nome: 'X', documento: '52998224725', tipoPessoa: 'fisica', telefones: [] }, contract);
			expect(invoices).toEqual([{ id: '7', contratoId: '9', valor: 10, vencimento: '2030-01-01', vencida: false, linhaDigitavel: '1'.repeat(47) }]);
		});

		it('reads titulos answers without titulos or pagination as no invoices', async () => {
			const [maria, contract] = await firstContract('52998224725');
			sgp.failNext(1, jsonReply(200, {}), onPath('/api/ura/titulos'));
			expect(await adapter.listarFaturasAbertas(maria, contract)).toEqual([]);
		});
	});

	describe('boleto PDF and Pix', () => {
		async function mariaInvoice(): Promise<[Cliente, Fatura]> {
			const maria = await customer('52998224725');
			const [invoice] = await adapter.listarFaturasAbertas(maria);
			return [maria, invoice];
		}

		it('takes the PDF link from fatura2via with nao_gerar_os=1 and link_pdf=1, and opens no occurrence', async () => {
			const [maria, invoice] = await mariaInvoice();
			const pdf = await adapter.pdfFatura(invoice, maria);
			expect(pdf).toMatchObject({ fileName: `boleto-${invoice.id}.pdf`, mimeType: 'application/pdf' });
			const [secondCopy] = requestsTo('/api/ura/fatura2via');
			expect(secondCopy.form).toMatchObject({ contrato: '2001', nao_gerar_os: '1', link_pdf: '1' });
			expect(sgp.requests.at(-1)?.path).toBe(`/boleto/${invoice.id}.pdf`);
			expect(sgp.openedOccurrences).toEqual([]);
		});

		it('matches the fatura2via link on "fatura" or, in versions that name it so, on "id"', async () => {
			const [maria, invoice] = await mariaInvoice();
			const link = `${sgp.url}/boleto/${invoice.id}.pdf`;
			sgp.failNext(1, jsonReply(200, { status: 1, links: [{ id: Number(invoice.id), fatura: 1, link }] }), onPath('/api/ura/fatura2via'));
			expect(await adapter.pdfFatura(invoice, maria)).toBeDefined();
			expect(sgp.requests.at(-1)?.path).toBe(`/boleto/${invoice.id}.pdf`);
		});

		it('falls back to the titulos link when fatura2via has no link for the invoice', async () => {
			const [maria, invoice] = await mariaInvoice();
			sgp.failNext(1, jsonReply(200, { status: 0, links: [] }), onPath('/api/ura/fatura2via'));
			expect(await adapter.pdfFatura(invoice, maria)).toBeDefined();
			expect(sgp.requests.at(-1)?.path).toBe(`/boleto/${invoice.id}`);
		});

		it('answers undefined for a page that is not a PDF, and never sends the credential to another host', async () => {
			const [maria, invoice] = await mariaInvoice();
			sgp.failNext(1, textReply(200, '<html>boleto</html>', 'text/html'), (request) => request.path.startsWith('/boleto/'));
			expect(await adapter.pdfFatura(invoice, maria)).toBeUndefined();
			sgp.reset();
			const elsewhere: Fatura = { id: '1', valor: 1, vencimento: '2030-01-01', vencida: false, pdfUrl: 'http://127.0.0.2:9/boleto/1' };
			expect(await adapter.pdfFatura(elsewhere, maria)).toBeUndefined();
			expect(sgp.requests).toHaveLength(0);
		});

		it('gets a fresh Pix from pagamento/pix with the contract, and none for a paid invoice', async () => {
			const [maria, invoice] = await mariaInvoice();
			expect(await adapter.pixFatura({ ...invoice, pixCopiaECola: undefined }, maria)).toBe(ERP_CUSTOMER.maria.invoices[1].pixCopyPaste);
			expect(requestsTo(`/api/ura/pagamento/pix/${invoice.id}`)[0].form).toMatchObject({ contrato: '2001' });
			expect(await adapter.pixFatura({ ...invoice, id: ERP_CUSTOMER.maria.invoices[0].id }, maria)).toBeUndefined();
		});

		it('finds the contract of a Pix when the customer has one, and asks for it when there are several', async () => {
			const [maria, invoice] = await mariaInvoice();
			expect(await adapter.pixFatura({ ...invoice, contratoId: undefined }, maria)).toMatch(/^000201/);
			const company = await customer('11222333000181');
			await expect(adapter.pixFatura({ ...invoice, contratoId: undefined }, company)).rejects.toMatchObject({ kind: 'erro_erp' });
		});
	});

	describe('trust unlock and diagnosis', () => {
		it('unlocks (JSON body) until data_promessa with the protocol, and refuses a second time with the first day of next month', async () => {
			const [joao, contract] = await firstContract('62710524520');
			expect(await adapter.desbloqueioConfianca(joao, contract)).toEqual({ sucesso: true, ate: isoDate(3), protocolo: sgp.openedOccurrences[0].protocol });
			const [request] = requestsTo('/api/ura/liberacaopromessa');
			expect(request.headers['content-type']).toContain('application/json');
			expect(request.json).toEqual({ contrato: '2002', token: SGP_TEST_CREDENTIALS.token, app: SGP_TEST_CREDENTIALS.app });
			expect(await adapter.desbloqueioConfianca(joao, contract)).toEqual({
				sucesso: false,
				motivo: 'O recurso de promessa de pagamento já atingiu quantidade permitida. Recurso não disponível',
				disponivelEm: firstDayOfNextMonth(todayInBrazil()),
			});
		});

		it('reads loosely typed answers ("1", "True") as an unlock', async () => {
			const loose = await startSgpSimulator({ looseTypes: true });
			try {
				const looseAdapter = adapterFor(tokenCredentials(loose));
				const joao = (await looseAdapter.buscarClientePorDocumento('62710524520'))!;
				const [contract] = await looseAdapter.listarContratos(joao);
				expect(await looseAdapter.desbloqueioConfianca(joao, contract)).toMatchObject({ sucesso: true });
			} finally {
				await loose.close();
			}
		});

		it('turns a status-0 answer to the unlock into erro_erp', async () => {
			const [joao, contract] = await firstContract('62710524520');
			await expect(adapter.desbloqueioConfianca(joao, { ...contract, id: '999999' })).rejects.toMatchObject({ kind: 'erro_erp', message: 'O SGP recusou a requisição: Contrato não localizado' });
		});

		it('diagnoses with the current contract status, overdue count and connection (status_all, no protocolo_ura)', async () => {
			const [maria, active] = await firstContract('52998224725');
			expect(await adapter.diagnostico(maria, active)).toEqual({
				contrato: active,
				faturasVencidas: 0,
				conexao: { login: 'maria.silva', online: true, ativo: true, contratoId: '2001' },
			});
			const access = requestsTo('/api/ura/verificaacesso')[0].form;
			expect(access).toMatchObject({ contrato: '2001', status_all: '1' });
			expect(access).not.toHaveProperty('protocolo_ura');

			const [joao, blocked] = await firstContract('62710524520');
			await adapter.desbloqueioConfianca(joao, blocked);
			const afterUnlock = await adapter.diagnostico(joao, blocked);
			expect(afterUnlock.contrato.status).toBe('ativo');
			expect(afterUnlock.faturasVencidas).toBe(1);
		});

		it('leaves the connection out when verificaacesso does not know it', async () => {
			const [maria, active] = await firstContract('52998224725');
			sgp.failNext(1, jsonReply(200, { status: 0, msg: 'Contrato não localizado' }), onPath('/api/ura/verificaacesso'));
			expect((await adapter.diagnostico(maria, active)).conexao).toBeUndefined();
		});
	});

	describe('tickets, subscriber portal and Wi-Fi', () => {
		it('opens a ticket with a JSON body: contract, content, sector and contact', async () => {
			const [maria, contract] = await firstContract('52998224725');
			const ticket = await adapter.abrirChamado({
				cliente: maria,
				contrato: contract,
				departamentoId: '3',
				assunto: 'Sem conexão',
				descricao: 'Caiu ontem',
				contato: { nome: 'Maria', telefone: '5511987654321' },
			});
			const [request] = requestsTo('/api/ura/chamado');
			expect(request.headers['content-type']).toContain('application/json');
			expect(request.json).toEqual({
				contrato: '2001',
				conteudo: 'Sem conexão\nCaiu ontem',
				setor: '3',
				contato_nome: 'Maria',
				contato_telefone: '5511987654321',
				token: SGP_TEST_CREDENTIALS.token,
				app: SGP_TEST_CREDENTIALS.app,
			});
			expect(ticket).toEqual({ id: sgp.openedOccurrences[0].protocol, protocolo: sgp.openedOccurrences[0].protocol, assunto: 'Sem conexão' });
		});

		it('opens a ticket on the only contract when none is chosen, and refuses an empty content as erro_erp', async () => {
			const maria = await customer('52998224725');
			await adapter.abrirChamado({ cliente: maria, assunto: 'Financeiro', descricao: 'Dúvida', contato: {} });
			expect(sgp.openedOccurrences).toEqual([expect.objectContaining({ contractId: 2001 })]);
			sgp.failNext(1, jsonReply(200, { status: 0, msg: 'Conteúdo não informado' }), onPath('/api/ura/chamado'));
			await expect(adapter.abrirChamado({ cliente: maria, assunto: '', descricao: '', contato: {} })).rejects.toMatchObject({ kind: 'erro_erp', details: { erpCode: '0' } });
		});

		it('checks the subscriber-portal login by CPF or by the central login, and the password', async () => {
			const maria = await customer('52998224725');
			expect(await adapter.autenticarCentral(maria, '529.982.247-25', '1234')).toBe(true);
			expect(await adapter.autenticarCentral(maria, 'Maria.Silva', '1234')).toBe(true);
			expect(await adapter.autenticarCentral(maria, '52998224725', '4321')).toBe(false);
			expect(await adapter.autenticarCentral(maria, '62710524520', '1234')).toBe(false);
			expect(await adapter.autenticarCentral(maria, '52998224725', '')).toBe(false);
		});

		it('changes the Wi-Fi password through cpemanage on the contract\'s service, and passes on a refusal ({success:false, msg})', async () => {
			const [maria, contract] = await firstContract('52998224725');
			expect(await adapter.alterarSenhaWifi(maria, contract, 'novaSenha123')).toEqual({ sucesso: true });
			expect(sgp.customers[0].contracts[0].wifi.password).toBe('novaSenha123');
			expect(requestsTo('/api/ura/cpemanage')[0].form).toMatchObject({ contrato: '2001', servico: '3001', nova_senha: 'novaSenha123' });
			expect(await adapter.alterarSenhaWifi(maria, contract, '123')).toEqual({ sucesso: false, motivo: 'A senha deve ter no mínimo 8 caracteres' });
		});

		it('changes the Wi-Fi without servico when verificaacesso does not name the service', async () => {
			const [maria, contract] = await firstContract('52998224725');
			sgp.failNext(1, jsonReply(200, { status: 0, msg: 'Contrato não localizado' }), onPath('/api/ura/verificaacesso'));
			expect(await adapter.alterarSenhaWifi(maria, contract, 'novaSenha123')).toEqual({ sucesso: true });
			expect(requestsTo('/api/ura/cpemanage')[0].form).not.toHaveProperty('servico');
		});
	});
});

import type { IHttpRequestOptions } from 'n8n-workflow';

import { jsonReply, textReply, type RecordedRequest } from '../../../../test/simulators/base';
import { isoDate } from '../../../../test/simulators/brazil-formats';
import { HUBSOFT_TEST_CREDENTIALS, hubsoftCentralPassword, startHubsoftSimulator, type HubsoftSimulator } from '../../../../test/simulators/hubsoft';
import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { describeErpAdapterContract } from '../adapter.contract';
import type { ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import type { Cliente, ErpAdapter, ErpError } from '../types';
import { createHubsoftAdapter } from './adapter';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';

function credentialsFor(url: string, overrides: Partial<ErpCredentials> = {}): ErpCredentials {
	return {
		system: 'hubsoft',
		baseUrl: `${url}/`,
		hubsoftClientId: HUBSOFT_TEST_CREDENTIALS.client_id,
		hubsoftClientSecret: HUBSOFT_TEST_CREDENTIALS.client_secret,
		hubsoftUser: HUBSOFT_TEST_CREDENTIALS.username,
		hubsoftPassword: HUBSOFT_TEST_CREDENTIALS.password,
		...overrides,
	};
}

function adapterFor(simulator: HubsoftSimulator, overrides: Partial<ErpCredentials> = {}): ErpAdapter {
	const credentials = credentialsFor(simulator.url, overrides);
	return createHubsoftAdapter(fetchErpTransport(credentials), credentials);
}

const HTML_ERROR_PAGE = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

describeErpAdapterContract('Hubsoft', async () => {
	const hubsoft = await startHubsoftSimulator();
	return {
		adapter: adapterFor(hubsoft),
		failNext: (count) => hubsoft.failNext(count, textReply(502, HTML_ERROR_PAGE, 'text/html')),
		reset: () => hubsoft.reset(),
		close: () => hubsoft.close(),
	};
}, { noCityInInvoiceListing: true });

describe('adaptador ERP Hubsoft: particularidades e ações além do contrato', () => {
	let hubsoft: HubsoftSimulator;
	let adapter: ErpAdapter;

	const apiRequests = (suffix: string) => hubsoft.requests.filter((request) => request.path === `/api/v1/integracao${suffix}`);
	const tokenRequests = () => hubsoft.requests.filter((request) => request.path === '/oauth/token');
	async function customer(document: string): Promise<Cliente> {
		const found = await adapter.buscarClientePorDocumento(document);
		if (!found) throw new Error(`cliente ${document} não encontrado`);
		return found;
	}
	async function failure(promise: Promise<unknown>): Promise<ErpError> {
		return await promise.then(
			() => {
				throw new Error('a chamada deveria ter falhado');
			},
			(error: ErpError) => error,
		);
	}

	beforeAll(async () => {
		hubsoft = await startHubsoftSimulator();
		adapter = adapterFor(hubsoft);
	});
	afterAll(async () => await hubsoft.close());
	beforeEach(async () => {
		// reset() also drops the tokens: log in again first, so each test records only its own requests.
		hubsoft.reset();
		await adapter.listarDepartamentos();
		hubsoft.requests.length = 0;
	});

	describe('autenticação e falhas', () => {
		it('renews a revoked token once and carries on', async () => {
			await customer('52998224725');
			hubsoft.revokeTokens();
			const contracts = await adapter.listarContratos(await customer('52998224725'));

			expect(contracts).toHaveLength(1);
			expect(tokenRequests()).toHaveLength(1);
			expect(apiRequests('/cliente').map((request) => request.headers.authorization === apiRequests('/cliente')[0].headers.authorization)).toEqual([true, true, false, false]);
		});

		it('reports wrong credentials as autenticacao, without the password in the message', async () => {
			const wrong = adapterFor(hubsoft, { hubsoftPassword: 'senha-errada-123' });
			const error = await failure(wrong.buscarClientePorDocumento('52998224725'));

			expect(error).toMatchObject({ name: 'ErpError', kind: 'autenticacao', details: { system: 'hubsoft', action: 'buscarClientePorDocumento', httpCode: 401 } });
			expect(error.message).not.toMatch(/senha-errada|52998224725/);
		});

		it('reports an HTML page (even with HTTP 200) as indisponivel, and an answer that hangs as timeout', async () => {
			const isSearch = (request: RecordedRequest) => request.path.endsWith('/cliente');
			hubsoft.failNext(1, textReply(200, HTML_ERROR_PAGE, 'text/html'), isSearch);
			const page = await failure(adapter.buscarClientePorDocumento('52998224725'));
			hubsoft.failNext(1, textReply(500, HTML_ERROR_PAGE, 'text/html'), isSearch);
			const serverError = await failure(adapter.buscarClientePorDocumento('52998224725'));
			const impatient = adapterFor(hubsoft, { timeoutSeconds: 0.2 });
			hubsoft.hangNext(1, isSearch);
			const hung = await failure(impatient.buscarClientePorDocumento('52998224725'));

			expect([page.kind, serverError.kind, hung.kind]).toEqual(['indisponivel', 'indisponivel', 'timeout']);
			for (const error of [page, serverError, hung]) expect(error.message).not.toContain('52998224725');
		});

		it('turns an error inside an HTTP 200 body into erro_erp, with personal data masked', async () => {
			hubsoft.failNext(1, jsonReply(200, { status: 'error', msg: 'Cliente 529.982.247-25 com cadastro bloqueado', errors: [] }), (request) => request.path.endsWith('/cliente'));
			const error = await failure(adapter.buscarClientePorDocumento('52998224725'));

			expect(error).toMatchObject({ kind: 'erro_erp', message: 'O Hubsoft recusou a operação: Cliente *** com cadastro bloqueado' });
		});

		it('sends every request to the credential base URL with its timeout, JSON in and out', async () => {
			const seen: IHttpRequestOptions[] = [];
			const credentials = credentialsFor('https://erp.provedor.example', { timeoutSeconds: 7 });
			const spy = createHubsoftAdapter(async (options) => {
				seen.push(options);
				return { status: 'success', clientes: [] };
			}, credentials);
			await spy.buscarClientePorDocumento('529.982.247-25');

			expect(seen).toEqual([
				expect.objectContaining({
					method: 'GET',
					baseURL: 'https://erp.provedor.example',
					url: '/api/v1/integracao/cliente',
					timeout: 7000,
					json: true,
					qs: expect.objectContaining({ busca: 'cpf_cnpj', termo_busca: '52998224725' }),
				}),
			]);
		});
	});

	describe('clientes e contratos', () => {
		it('searches documents as digits (alphanumeric CNPJ upper-case) and maps code, phones and e-mail', async () => {
			const maria = await customer('529.982.247-25');
			const alfa = await customer('12.abc.345/01de-35');

			expect(maria).toEqual({
				id: '11101',
				nome: 'MARIA SILVA',
				documento: '52998224725',
				tipoPessoa: 'fisica',
				telefones: ['11987654321'],
				email: 'maria.silva@example.com',
				codigo: '1001',
			});
			expect(alfa).toMatchObject({ documento: '12ABC34501DE35', tipoPessoa: 'juridica' });
			expect(apiRequests('/cliente').map((request) => request.query.termo_busca)).toEqual(['52998224725', '12ABC34501DE35']);
		});

		it('finds customers by phone in the forms it may be registered in, once each', async () => {
			const byWhatsappId = await adapter.buscarClientesPorTelefone('5511987654321');
			const withoutNinthDigit = await adapter.buscarClientesPorTelefone('1187654321');
			const landline = await adapter.buscarClientesPorTelefone('2133334444');
			const unknown = await adapter.buscarClientesPorTelefone('11912345678');

			expect(byWhatsappId.map((found) => found.nome)).toEqual(['MARIA SILVA']);
			expect(withoutNinthDigit.map((found) => found.nome)).toEqual(['MARIA SILVA']);
			expect(landline.map((found) => found.nome)).toEqual(['COMERCIAL SOUZA LTDA']);
			expect(unknown).toEqual([]);
			expect(apiRequests('/cliente').slice(0, 2).map((request) => [request.query.busca, request.query.termo_busca])).toEqual([
				['telefone', '11987654321'],
				['telefone', '1187654321'],
			]);
		});

		it('lists contracts with status, address and login; a contract awaiting signature', async () => {
			const [contract] = await adapter.listarContratos(await customer('52998224725'));
			const [awaiting] = await adapter.listarContratos(await customer('12ABC34501DE35'));

			expect(contract).toEqual({
				id: '2001',
				clienteId: '11101',
				plano: 'FIBRA 300 MEGA',
				status: 'ativo',
				financeiroEmAtraso: false,
				endereco: 'RUA DAS FLORES, 100 - CENTRO, SÃO PAULO/SP',
				login: 'maria.silva',
			});
			expect(awaiting.status).toBe('aguardando_assinatura');
		});
	});

	describe('faturas e notas fiscais', () => {
		it('lists open invoices overdue first, of one contract when given, with due dates from DD/MM/YYYY', async () => {
			const souza = await customer('11222333000181');
			const all = await adapter.listarFaturasAbertas(souza);
			const [active] = (await adapter.listarContratos(souza)).filter((contract) => contract.status === 'ativo');
			const ofActive = await adapter.listarFaturasAbertas(souza, active);
			const none = await adapter.listarFaturasAbertas(await customer('12ABC34501DE35'));

			expect(all.map((invoice) => [invoice.id, invoice.contratoId, invoice.vencimento, invoice.vencida])).toEqual([
				['30007', '2005', isoDate(-15), true],
				['30006', '2004', isoDate(3), false],
			]);
			expect(ofActive.map((invoice) => invoice.id)).toEqual(['30006']);
			expect(none).toEqual([]);
			expect(apiRequests('/cliente/financeiro').map((request) => [request.query.busca, request.query.apenas_pendente])).toEqual([
				['codigo_cliente', 'sim'],
				['id_cliente_servico', 'sim'],
				['codigo_cliente', 'sim'],
			]);
		});

		it('downloads the boleto PDF from the inline link, never sends the token to another host, refuses a non-PDF', async () => {
			const maria = await customer('52998224725');
			const [invoice] = await adapter.listarFaturasAbertas(maria);
			const pdf = await adapter.pdfFatura(invoice, maria);
			const foreign = await adapter.pdfFatura({ ...invoice, pdfUrl: 'https://banco.example/boleto/1' }, maria);
			hubsoft.failNext(1, textReply(200, '<html>Sessão expirada</html>', 'text/html'), (request) => request.path.startsWith('/pdf/'));
			const notPdf = await failure(adapter.pdfFatura(invoice, maria));

			expect(pdf).toMatchObject({ fileName: 'boleto-30001.pdf', mimeType: 'application/pdf' });
			expect(Buffer.from(pdf!.data, 'base64').subarray(0, 4).toString()).toBe('%PDF');
			expect(foreign).toBeUndefined();
			expect(notPdf.kind).toBe('erro_erp');
		});

		it('gives the inline Pix, and reads the listing again when the invoice in hand has none', async () => {
			const maria = await customer('52998224725');
			const [invoice] = await adapter.listarFaturasAbertas(maria);
			const { pixCopiaECola, ...withoutPix } = invoice;
			const before = apiRequests('/cliente/financeiro').length;

			expect(await adapter.pixFatura(invoice, maria)).toBe(pixCopiaECola);
			expect(apiRequests('/cliente/financeiro')).toHaveLength(before);
			expect(await adapter.pixFatura(withoutPix, maria)).toBe(ERP_CUSTOMER.maria.invoices[1].pixCopyPaste);
			expect(apiRequests('/cliente/financeiro')).toHaveLength(before + 1);
		});

		it('lists telecom notes (PDF from their link) and NFS-e (PDF only with link_pdf)', async () => {
			hubsoft.serviceInvoices['101'] = [{ id: 106, number: '14890', amount: 25, issuedOn: isoDate(-3), withPdf: true }];
			const maria = await customer('52998224725');
			const notes = await adapter.listarNotasFiscais(maria);
			const [nfse, telecom] = notes;

			expect(notes).toEqual([
				{ id: 'nfse-106', numero: '14890', emissao: isoDate(-3), valor: 25, modelo: 'NFS-e', pdfUrl: `${hubsoft.url}/pdf/nfse/106` },
				{ id: '5001', numero: '1201', emissao: isoDate(-30), valor: 99.9, modelo: '21', pdfUrl: `${hubsoft.url}/pdf/nota/5001` },
			]);
			expect(apiRequests('/cliente/nota_fiscal')[0].query).toMatchObject({ busca: 'id_cliente', termo_busca: '11101' });
			expect((await adapter.pdfNotaFiscal(nfse, maria))?.fileName).toBe('nota-fiscal-14890.pdf');
			const telecomPdf = await adapter.pdfNotaFiscal(telecom, maria);
			expect(telecomPdf?.fileName).toBe('nota-fiscal-1201.pdf');
			expect(Buffer.from(telecomPdf!.data, 'base64').subarray(0, 4).toString()).toBe('%PDF');
			hubsoft.serviceInvoices['101'] = [{ id: 108, number: '14892', amount: 25, issuedOn: isoDate(-2), withPdf: false }];
			const [withoutPdf] = await adapter.listarNotasFiscais(maria);
			expect(await adapter.pdfNotaFiscal(withoutPdf, maria)).toBeUndefined();
			expect(await adapter.listarNotasFiscais(await customer('62710524520'))).toEqual([]);
		});
	});

	describe('desbloqueio de confiança e diagnóstico', () => {
		it('unlocks for the documented default of one day and reads the deadline of the answer', async () => {
			const joao = await customer('62710524520');
			const [contract] = await adapter.listarContratos(joao);
			const result = await adapter.desbloqueioConfianca(joao, contract);

			expect(result).toEqual({ sucesso: true, mensagem: expect.stringContaining('Desbloqueio em confiança realizado com sucesso'), ate: isoDate(1) });
			expect(apiRequests('/cliente/desbloqueio_confianca')[0].json).toEqual({ id_cliente_servico: '2002', dias_desbloqueio: '1' });
			expect((await adapter.listarContratos(joao))[0].status).toBe('ativo');
		});

		it('refuses an unlock already used with the first day of next month; an active service without a date', async () => {
			const ana = await customer('17518172020');
			const [used] = await adapter.listarContratos(ana);
			const maria = await customer('52998224725');
			const [active] = await adapter.listarContratos(maria);

			expect(await adapter.desbloqueioConfianca(ana, used)).toEqual({
				sucesso: false,
				motivo: 'O desbloqueio em confiança já foi utilizado neste período',
				disponivelEm: firstDayOfNextMonth(todayInBrazil()),
			});
			expect(await adapter.desbloqueioConfianca(maria, active)).toEqual({ sucesso: false, motivo: 'O serviço não está suspenso' });
		});

		it('diagnoses online, offline and never-connected services from the last connection', async () => {
			const diagnosisOf = async (document: string) => {
				const found = await customer(document);
				return await adapter.diagnostico(found, (await adapter.listarContratos(found))[0]);
			};
			const maria = await diagnosisOf('52998224725');
			const joao = await diagnosisOf('62710524520');
			const alfa = await diagnosisOf('12ABC34501DE35');

			expect(maria).toEqual({
				contrato: expect.objectContaining({ status: 'ativo' }),
				faturasVencidas: 0,
				conexao: { login: 'maria.silva', ativo: true, contratoId: '2001', online: true, ip: '100.64.0.1', ultimaConexao: `${isoDate(-2)}T08:15:00-03:00` },
			});
			expect(joao).toMatchObject({ contrato: { status: 'bloqueado', financeiroEmAtraso: true }, faturasVencidas: 1, conexao: { online: false, ativo: false } });
			expect(alfa.conexao).toEqual({ login: 'alfa.tecnologia', ativo: false, contratoId: '2006', ip: '100.64.0.6' });
			expect(apiRequests('/cliente').filter((request) => request.query.ultima_conexao === 'sim')).toHaveLength(3);
		});
	});

	describe('aceite de contrato', () => {
		it('fetches the pending contract document, accepts it with the evidence, and refuses a second acceptance', async () => {
			const alfa = await customer('12ABC34501DE35');
			const [contract] = await adapter.listarContratos(alfa);
			const document = await adapter.documentoAceite(alfa, contract);
			const accepted = await adapter.aceitarContrato(alfa, contract, { telefone: '5527999112233', ip: '203.0.113.7', data: '2026-03-02T17:35:00.000Z' });
			const again = await adapter.aceitarContrato(alfa, contract, { data: '2026-03-02' });

			expect(document).toMatchObject({ fileName: 'contrato-6006.pdf', mimeType: 'application/pdf' });
			expect(Buffer.from(document!.data, 'base64').subarray(0, 4).toString()).toBe('%PDF');
			expect(accepted).toEqual({ sucesso: true, mensagem: '1 contrato(s) foi(ram) aceito(s) com sucesso!' });
			expect(apiRequests('/cliente/contrato/aceitar_contrato')[0].json).toEqual({
				ids_cliente_servico_contrato: [9006],
				data_aceito: '2026-03-02',
				hora_aceito: '14:35',
				observacao: 'Aceite eletrônico pelo atendimento automático (telefone 5527999112233, IP 203.0.113.7).',
			});
			expect(again).toEqual({ sucesso: false, motivo: 'Não há contrato aguardando aceite neste serviço.' });
			expect(await adapter.documentoAceite(alfa, contract)).toBeUndefined();
		});

		it('passes on a refusal of the acceptance as the reason', async () => {
			const alfa = await customer('12ABC34501DE35');
			const [contract] = await adapter.listarContratos(alfa);
			hubsoft.failNext(1, jsonReply(200, { status: 'error', msg: 'Usuário sem permissão para aceitar contratos' }), (request) => request.method === 'PUT');

			expect(await adapter.aceitarContrato(alfa, contract, { data: '2026-03-02' })).toEqual({ sucesso: false, motivo: 'Usuário sem permissão para aceitar contratos' });
			expect(apiRequests('/cliente/contrato/aceitar_contrato')[0].json).toMatchObject({ data_aceito: '2026-03-02' });
			expect(apiRequests('/cliente/contrato/aceitar_contrato')[0].json).not.toHaveProperty('hora_aceito');
		});
	});

	describe('atendimentos e central do assinante', () => {
		it('lists ticket types as departments and opens a ticket of the chosen type with the contact', async () => {
			const maria = await customer('52998224725');
			const [contract] = await adapter.listarContratos(maria);
			const [firstType] = await adapter.listarDepartamentos();
			const ticket = await adapter.abrirChamado({
				cliente: maria,
				contrato: contract,
				departamentoId: firstType.id,
				assunto: 'Sem conexão',
				descricao: 'Queda desde ontem (via bot)',
				contato: { nome: 'Maria (WhatsApp)', telefone: '5511987654321' },
			});

			expect(firstType).toEqual({ id: '109', nome: 'SEM ACESSO A INTERNET' });
			expect(ticket).toEqual({ id: '4200', protocolo: expect.stringMatching(/^\d{15}$/), assunto: 'SEM ACESSO A INTERNET', status: 'Aguardando Análise' });
			expect(apiRequests('/atendimento')[0].json).toEqual({
				id_cliente_servico: '2001',
				descricao: 'Sem conexão\nQueda desde ontem (via bot)',
				nome: 'Maria (WhatsApp)',
				telefone: '11987654321',
				email: 'maria.silva@example.com',
				id_tipo_atendimento: '109',
			});
		});

		it("falls back on the customer's first service, name and phone; refuses without any phone before calling", async () => {
			const joao = await customer('62710524520');
			await adapter.abrirChamado({ cliente: joao, assunto: 'Financeiro', descricao: 'Quer negociar', contato: {} });
			const error = await failure(adapter.abrirChamado({ cliente: { ...joao, telefones: [] }, assunto: 'x', descricao: 'y', contato: { nome: 'João' } }));

			expect(apiRequests('/atendimento')).toHaveLength(1);
			expect(apiRequests('/atendimento')[0].json).toMatchObject({ id_cliente_servico: '2002', nome: 'JOAO PEREIRA', telefone: '49999991234' });
			expect(error).toMatchObject({ kind: 'erro_erp', details: { action: 'abrirChamado' } });
		});

		it("checks the subscriber-portal login of this customer only", async () => {
			const maria = await customer('52998224725');
			const joao = await customer('62710524520');
			const password = hubsoftCentralPassword(ERP_CUSTOMER.maria);

			expect(await adapter.autenticarCentral(maria, '52998224725', password)).toBe(true);
			expect(await adapter.autenticarCentral(maria, '52998224725', 'errada')).toBe(false);
			expect(await adapter.autenticarCentral(joao, '52998224725', password)).toBe(false);
		});
	});

	it('offers exactly what the Hubsoft API allows; the rest is nao_suportado', async () => {
		const maria = await customer('52998224725');
		const [contract] = await adapter.listarContratos(maria);
		const unsupported = ['liberarReducaoVelocidade', 'alterarSenhaWifi'] as const;

		expect(unsupported.map((action) => adapter.supports(action))).toEqual([false, false]);
		await expect(adapter.liberarReducaoVelocidade(maria, contract)).rejects.toMatchObject({ kind: 'nao_suportado', details: { action: 'liberarReducaoVelocidade' } });
		await expect(adapter.alterarSenhaWifi(maria, contract, 'senha-nova-123')).rejects.toMatchObject({ kind: 'nao_suportado', details: { action: 'alterarSenhaWifi' } });
	});
});

import { isoDate } from '../../simulators/brazil-formats';
import { ERP_CUSTOMER } from '../../simulators/erp-dataset';
import { SGP_TEST_CREDENTIALS, startSgpSimulator, type SgpSimulator } from '../../simulators/sgp';

describe('SGP simulator', () => {
	let sgp: SgpSimulator;
	const { token, app } = SGP_TEST_CREDENTIALS;

	/** POSTs form-urlencoded fields with token and app, as most URA endpoints expect. */
	async function post(path: string, fields: Record<string, string>, credentials: Record<string, string> = { token, app }) {
		const response = await fetch(`${sgp.url}${path}`, { method: 'POST', body: new URLSearchParams({ ...credentials, ...fields }) });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	async function postJson(path: string, body: Record<string, unknown>) {
		const response = await fetch(`${sgp.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, app, ...body }) });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	beforeAll(async () => {
		sgp = await startSgpSimulator();
	});
	afterEach(() => sgp.reset());
	afterAll(() => sgp.close());

	describe('authentication', () => {
		it('refuses a wrong token or an app name in the wrong case with 403', async () => {
			const wrongCase = await post('/api/ura/consultacliente/', { cpfcnpj: '52998224725' }, { token, app: 'BotAtendimento' });
			const wrongToken = await post('/api/ura/consultacliente/', { cpfcnpj: '52998224725' }, { token: 'x', app });

			expect(wrongCase.status).toBe(403);
			expect(wrongCase.body.detail).toContain('credenciais de autenticação');
			expect(wrongToken.status).toBe(403);
		});

		it('accepts Basic Auth, multipart and JSON bodies', async () => {
			const basic = `Basic ${Buffer.from(`${SGP_TEST_CREDENTIALS.basicUser}:${SGP_TEST_CREDENTIALS.basicPassword}`).toString('base64')}`;
			const viaBasic = await fetch(`${sgp.url}/api/ura/consultacliente/`, { method: 'POST', headers: { authorization: basic }, body: new URLSearchParams({ contrato: '2001' }) });
			const form = new FormData();
			form.set('token', token);
			form.set('app', app);
			form.set('contrato', '2001');
			const viaMultipart = await fetch(`${sgp.url}/api/ura/consultacliente/`, { method: 'POST', body: form });
			const viaJson = await postJson('/api/ura/consultacliente/', { contrato: '2001' });

			expect(((await viaBasic.json()) as any).contratos).toHaveLength(1);
			expect(((await viaMultipart.json()) as any).contratos).toHaveLength(1);
			expect(viaJson.body.contratos).toHaveLength(1);
		});
	});

	describe('consultacliente', () => {
		it('finds contracts by CPF (digits or masked) with the documented fields', async () => {
			const digits = await post('/api/ura/consultacliente/', { cpfcnpj: '11222333000181' });
			const masked = await post('/api/ura/consultacliente/', { cpfcnpj: '11.222.333/0001-81' });

			expect(digits.status).toBe(200);
			expect(digits.body.msg).toBe('Contrato(s) Localizado(s)');
			expect(digits.body.contratos.map((contract: Record<string, unknown>) => [contract.contratoId, contract.contratoStatus, contract.contratoStatusDisplay])).toEqual([
				[2004, 1, 'Ativo'],
				[2005, 7, 'Ativo V. Reduzida'],
			]);
			expect(digits.body.contratos[0]).toMatchObject({ clienteId: 104, cpfCnpj: '11.222.333/0001-81', razaoSocial: 'COMERCIAL SOUZA LTDA', servico_plano: 'EMPRESARIAL 500 MEGA' });
			expect(masked.body).toEqual(digits.body);
		});

		it('finds by phone, and answers "Nada encontrado" or the missing-parameter message with HTTP 200', async () => {
			const byPhone = await post('/api/ura/consultacliente/', { telefone: '5598985120338' });
			const notFound = await post('/api/ura/consultacliente/', { cpfcnpj: '00000000000' });
			const wrongKey = await post('/api/ura/consultacliente/', { cpf_cnpj: '52998224725' });

			expect(byPhone.body.contratos[0]).toMatchObject({ contratoId: 2003, contratoStatus: 4, telefones: [{ tipoContato: 'WhatsApp Número', contato: '(98) 98512-0338' }] });
			expect([notFound.status, notFound.body]).toEqual([200, { msg: 'Nada encontrado', contratos: [] }]);
			expect([wrongKey.status, wrongKey.body.msg]).toEqual([200, 'CPF/CNPJ ou Contrato ID Não informados']);
		});
	});

	describe('clientes (listing)', () => {
		it('finds customers by phone with their contacts, and honours the omitir_* flags', async () => {
			const byPhone = await post('/api/ura/clientes/', { telefone: '11987654321', omitir_contratos: '1', omitir_titulos: '1' });
			const full = await post('/api/ura/clientes/', { cpfcnpj: '11222333000181' });
			const none = await post('/api/ura/clientes/', { telefone: '11900000000' });

			expect(byPhone.body.paginacao).toEqual({ offset: 0, limit: 100, parcial: 1, total: 1 });
			expect(byPhone.body.clientes).toEqual([
				expect.objectContaining({
					id: 101,
					nome: 'MARIA SILVA',
					cpfcnpj: '529.982.247-25',
					contatos: [
						{ tipoContato: 'Celular Pessoal', contato: '(11) 98765-4321' },
						{ tipoContato: 'E-Mail', contato: 'maria.silva@example.com' },
					],
				}),
			]);
			expect(byPhone.body.clientes[0]).not.toHaveProperty('contratos');
			expect(byPhone.body.clientes[0]).not.toHaveProperty('titulos');
			expect(full.body.clientes[0].contratos.map((contract: Record<string, unknown>) => [contract.id, contract.contratoStatus])).toEqual([
				[2004, 1],
				[2005, 7],
			]);
			expect(full.body.clientes[0].titulos).toHaveLength(2);
			expect(none.body).toEqual({ paginacao: { offset: 0, limit: 100, parcial: 0, total: 0 }, clientes: [] });
		});
	});

	describe('invoices', () => {
		it('reissues open invoices with today as vencimento when overdue and opens an occurrence unless nao_gerar_os=1', async () => {
			const withoutFlag = await post('/api/ura/fatura2via/', { cpfcnpj: '627.105.245-20' });
			const withFlag = await post('/api/ura/fatura2via/', { contrato: '2002', nao_gerar_os: '1' });

			expect(withoutFlag.body.status).toBe(1);
			expect(withoutFlag.body.links.map((link: Record<string, unknown>) => [link.fatura, link.vencimento, link.vencimento_original])).toEqual([
				[30003, isoDate(), ERP_CUSTOMER.joao.invoices[0].dueDate],
				[30004, ERP_CUSTOMER.joao.invoices[1].dueDate, ERP_CUSTOMER.joao.invoices[1].dueDate],
			]);
			expect(withoutFlag.body.links[0].valor).toBeGreaterThan(withoutFlag.body.links[0].valor_original);
			expect(withoutFlag.body.links[1]).toMatchObject({ codigopix: ERP_CUSTOMER.joao.invoices[1].pixCopyPaste, linhadigitavel: expect.stringMatching(/^\d{47}$/) });
			expect(withFlag.body.links).toHaveLength(2);
			expect(sgp.openedOccurrences).toEqual([expect.objectContaining({ contractId: 2002, reason: 'Segunda via de fatura' })]);
		});

		it('answers status 0 and no links when nothing is open, and serves the boleto PDF link', async () => {
			const none = await post('/api/ura/fatura2via/', { contrato: '2006', nao_gerar_os: '1' });
			const maria = await post('/api/ura/fatura2via/', { contrato: '2001', nao_gerar_os: '1' });
			const pdf = await fetch(maria.body.links[0].link);

			expect(none.body).toEqual({ status: 0, links: [] });
			expect(pdf.headers.get('content-type')).toBe('application/pdf');
			expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
		});

		it('lists titles with pagination on /api/ura/titulos and /api/central/titulos', async () => {
			const ura = await post('/api/ura/titulos/', { cpfcnpj: '52998224725', limit: '1' });
			const central = await post('/api/central/titulos', { contrato: '2001', status: '2' });
			const openByWord = await post('/api/ura/titulos/', { contrato: '2001', status: 'abertos' });

			expect(ura.body.paginacao).toEqual({ offset: 0, limit: 1, parcial: 1, total: 2 });
			expect(ura.body).not.toHaveProperty('faturas');
			expect(central.body.faturas).toEqual([expect.objectContaining({ id: 30000, status: 'Pago', statusid: 2, data_pagamento: ERP_CUSTOMER.maria.invoices[0].paidOn })]);
			expect(central.body).not.toHaveProperty('titulos');
			expect(openByWord.body.titulos).toEqual([
				expect.objectContaining({ id: 30001, clienteContrato: 2001, status: 'aberto', dataVencimento: ERP_CUSTOMER.maria.invoices[1].dueDate, codigoPix: ERP_CUSTOMER.maria.invoices[1].pixCopyPaste }),
			]);
		});

		it('hands out boleto links ending in .pdf with link_pdf, and serves them', async () => {
			const reissued = await post('/api/ura/fatura2via/', { contrato: '2001', nao_gerar_os: '1', link_pdf: '1' });
			const pdf = await fetch(reissued.body.links[0].link);

			expect(reissued.body.links[0].link).toBe(`${sgp.url}/boleto/30001.pdf`);
			expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
			expect(sgp.openedOccurrences).toEqual([]);
		});

		it('returns a fresh Pix code for an open invoice', async () => {
			const pix = await post('/api/ura/pagamento/pix/30001', { contrato: '2001' });
			const paid = await post('/api/ura/pagamento/pix/30000', { contrato: '2001' });
			expect(pix.body).toEqual({ status: 1, msg: 'Dados do Pix', pix: ERP_CUSTOMER.maria.invoices[1].pixCopyPaste });
			expect(paid.body.status).toBe(0);
		});
	});

	describe('trust unlock (liberacaopromessa)', () => {
		it('releases a suspended contract once and refuses it when already used this month, both with HTTP 200', async () => {
			const asForm = await post('/api/ura/liberacaopromessa/', { contrato: '2002' });
			const released = await postJson('/api/ura/liberacaopromessa/', { contrato: '2002' });
			const alreadyUsed = await postJson('/api/ura/liberacaopromessa/', { contrato: '2003' });

			expect(asForm.body).toMatchObject({ status: 0, liberado: false });
			expect(released.status).toBe(200);
			expect(released.body).toMatchObject({ status: 1, liberado: true, liberado_dias: 3, contratoId: 2002, razaoSocial: 'JOAO PEREIRA', protocolo: expect.any(String) });
			expect(released.body.msg).toContain('Motivo: Promessa de Pagamento');
			expect([alreadyUsed.status, alreadyUsed.body]).toEqual([
				200,
				{ status: 2, liberado: false, msg: 'O recurso de promessa de pagamento já atingiu quantidade permitida. Recurso não disponível' },
			]);
			expect((await post('/api/ura/consultacliente/', { contrato: '2002' })).body.contratos[0].contratoStatus).toBe(1);
		});

		it('can answer loosely typed values, as some SGP versions do', async () => {
			const loose = await startSgpSimulator({ looseTypes: true });
			const response = await fetch(`${loose.url}/api/ura/liberacaopromessa/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, app, contrato: '2002' }) });
			await loose.close();
			expect(await response.json()).toMatchObject({ status: '1', liberado: 'True' });
		});
	});

	describe('connection, tickets and Wi-Fi', () => {
		it('reports connection status by contract or phone', async () => {
			const online = await post('/api/ura/verificaacesso/', { contrato: '2001' });
			const suspended = await post('/api/ura/verificaacesso/', { telefone: '(49) 99999-1234' });

			expect(online.body).toMatchObject({ status: 1, contratoId: 2001, login: 'maria.silva', razaoSocial: 'MARIA SILVA' });
			expect(suspended.body).toMatchObject({ status: 2, contratoId: 2002, msg: 'Contrato suspenso por débito' });
		});

		it('opens a ticket from a JSON body and lists it among occurrences', async () => {
			const opened = await postJson('/api/ura/chamado/', { contrato: 2001, ocorrenciatipo: 5, conteudo: 'Sem internet desde ontem' });
			const formBody = await post('/api/ura/chamado/', { contrato: '2001', conteudo: 'x' });
			const listed = await post('/api/ura/ocorrencia/list/', { contrato: '2001' });

			expect(opened.body).toEqual({ status: 1, razaoSocial: 'MARIA SILVA', protocolo: expect.any(String), contratoId: 2001, msg: 'Chamado aberto com sucesso' });
			expect(formBody.body.status).toBe(0);
			expect(listed.body.ocorrencias).toEqual([expect.objectContaining({ protocolo: opened.body.protocolo, conteudo: 'Sem internet desde ontem' })]);
		});

		it('changes the Wi-Fi name and password through cpemanage, refusing with {success:false, msg}', async () => {
			const changed = await post('/api/ura/cpemanage/', { contrato: '2001', servico: '3001', novo_ssid: 'MARIA_5G', nova_senha: 'novaSenha123' });
			const short = await post('/api/ura/cpemanage/', { contrato: '2001', nova_senha: '123' });
			const otherService = await post('/api/ura/cpemanage/', { contrato: '2001', servico: '9', nova_senha: 'novaSenha123' });

			expect(changed.body).toMatchObject({ success: true, status: 1, ssid: 'MARIA_5G' });
			expect(sgp.customers[0].contracts[0].wifi).toEqual({ ssid: 'MARIA_5G', password: 'novaSenha123' });
			expect(short.body).toEqual({ success: false, msg: 'A senha deve ter no mínimo 8 caracteres' });
			expect(otherService.body.success).toBe(false);
		});
	});
});

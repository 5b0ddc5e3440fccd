import { brDate, isoDate } from '../../simulators/brazil-formats';
import { ERP_CUSTOMER } from '../../simulators/erp-dataset';
import { HUBSOFT_TEST_CREDENTIALS, hubsoftCentralPassword, startHubsoftSimulator, type HubsoftSimulator } from '../../simulators/hubsoft';

describe('Hubsoft simulator', () => {
	let hubsoft: HubsoftSimulator;
	let bearer: string;

	async function login(credentials: Record<string, string> = { grant_type: 'password', ...HUBSOFT_TEST_CREDENTIALS }, target = hubsoft) {
		const response = await fetch(`${target.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	async function get(pathAndQuery: string, authorization = bearer) {
		const response = await fetch(`${hubsoft.url}/api/v1/integracao/${pathAndQuery}`, { headers: { authorization, accept: 'application/json' } });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	async function post(path: string, body: unknown, method = 'POST') {
		const response = await fetch(`${hubsoft.url}/api/v1/integracao/${path}`, { method, headers: { authorization: bearer, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	async function pdfPrefix(url: string) {
		return Buffer.from(await (await fetch(url)).arrayBuffer()).subarray(0, 4).toString();
	}

	beforeAll(async () => {
		hubsoft = await startHubsoftSimulator();
	});
	beforeEach(async () => {
		bearer = `Bearer ${(await login()).body.access_token}`;
	});
	afterEach(() => hubsoft.reset());
	afterAll(() => hubsoft.close());

	describe('OAuth password grant', () => {
		it('issues a 30-day Bearer token and refuses wrong credentials with the documented body', async () => {
			const granted = await login();
			const refused = await login({ grant_type: 'password', ...HUBSOFT_TEST_CREDENTIALS, password: 'errada' });

			expect(granted.body).toEqual({ access_token: expect.any(String), expires_in: 2592000, refresh_token: expect.any(String), token_type: 'Bearer' });
			expect([refused.status, refused.body]).toEqual([
				401,
				{ error: 'invalid_credentials', error_description: 'The user credentials were incorrect.', message: 'The user credentials were incorrect.' },
			]);
		});

		it('answers 401 without a token, after revocation and after expiry', async () => {
			const withoutToken = await get('cliente?busca=cpf_cnpj&termo_busca=52998224725', '');
			hubsoft.revokeTokens();
			const revoked = await get('cliente?busca=cpf_cnpj&termo_busca=52998224725');

			const shortLived = await startHubsoftSimulator({ expiresInSeconds: 0 });
			const token = (await login(undefined, shortLived)).body.access_token;
			const expired = await fetch(`${shortLived.url}/api/v1/integracao/cliente?busca=codigo_cliente&termo_busca=1001`, { headers: { authorization: `Bearer ${token}` } });
			await shortLived.close();

			expect([withoutToken.status, revoked.status, expired.status]).toEqual([401, 401, 401]);
		});
	});

	describe('clients', () => {
		it('finds a client by digits-only CPF, with the official field spellings; a masked CPF finds nothing', async () => {
			const found = await get('cliente?busca=cpf_cnpj&termo_busca=52998224725&limit=5&cancelado=nao&incluir_contrato=nao');
			const masked = await get('cliente?busca=cpf_cnpj&termo_busca=529.982.247-25');

			expect(found.body).toMatchObject({ status: 'success', msg: 'Dados consultados com sucesso' });
			expect(found.body.clientes[0]).toMatchObject({
				codigo_cliente: 1001,
				nome_razaosocial: 'MARIA SILVA',
				tipo_pessoa: 'pf',
				cpf_cnpj: '52998224725',
				telefone_primario: '11987654321',
				data_nascmento: '1990-05-20 00:00:00',
				alerta: false,
				alerta_mensagens: [],
				servicos: [{ id_cliente_servico: 2001, status_prefixo: 'servico_habilitado', login: 'maria.silva' }],
			});
			expect(found.body.clientes[0].servicos[0]).not.toHaveProperty('ultima_conexao');
			expect(masked.body.clientes).toEqual([]);
		});

		it('finds by phone and by alphanumeric CNPJ, and reports the last connection and outage alerts', async () => {
			hubsoft.outageAlerts['104'] = ['Rompimento de fibra em Copacabana'];
			const byPhone = await get('cliente?busca=telefone&termo_busca=21998765432&ultima_conexao=sim');
			const alfa = await get('cliente?busca=cpf_cnpj&termo_busca=12ABC34501DE35&ultima_conexao=sim');

			expect(byPhone.body.clientes[0]).toMatchObject({ nome_razaosocial: 'COMERCIAL SOUZA LTDA', tipo_pessoa: 'pj', alerta: true, alerta_mensagens: ['Rompimento de fibra em Copacabana'] });
			expect(byPhone.body.clientes[0].servicos[0].ultima_conexao).toMatchObject({ conectado: true, ultima_desconexao: null, ultimo_ipv4: '100.64.0.4' });
			expect(alfa.body.clientes[0].servicos[0].ultima_conexao).toEqual([]);
		});
	});

	describe('invoices', () => {
		it('lists pending invoices by default with "suscess", DD/MM/YYYY dates, line, Pix and PDF link', async () => {
			const pending = await get('cliente/financeiro?busca=cpf_cnpj&termo_busca=52998224725&order_by=data_vencimento&order_type=asc');
			const all = await get('cliente/financeiro?busca=codigo_cliente&termo_busca=1001&apenas_pendente=nao');
			const invoice = ERP_CUSTOMER.maria.invoices[1];

			expect(pending.body.status).toBe('suscess');
			expect(pending.body.faturas).toEqual([
				expect.objectContaining({
					id_fatura: 30001,
					valor: 99.9,
					data_vencimento: brDate(invoice.dueDate),
					data_pagamento: null,
					linha_digitavel: invoice.digitableLine,
					codigo_barras: invoice.barcode,
					pix_copia_cola: invoice.pixCopyPaste,
				}),
			]);
			expect(all.body.faturas).toHaveLength(2);
			const pdf = await fetch(pending.body.faturas[0].link);
			expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
		});
	});

	describe('trust unlock', () => {
		it('unlocks a suspended service up to the configured number of days', async () => {
			const tooLong = await post('cliente/desbloqueio_confianca', { id_cliente_servico: '2002', dias_desbloqueio: '5' });
			const unlocked = await post('cliente/desbloqueio_confianca', { id_cliente_servico: '2002', dias_desbloqueio: '2' });
			const client = await get('cliente?busca=codigo_cliente&termo_busca=1002');

			expect(tooLong.body.status).toBe('error');
			expect(unlocked.body).toEqual({ status: 'success', msg: `Desbloqueio em confiança realizado com sucesso até a data ${brDate(isoDate(2))}` });
			expect(client.body.clientes[0].servicos[0].status_prefixo).toBe('servico_habilitado');
		});

		it('refuses a trust unlock already used this month and one for an active service', async () => {
			const used = await post('cliente/desbloqueio_confianca', { id_cliente_servico: '2003', dias_desbloqueio: '1' });
			const active = await post('cliente/desbloqueio_confianca', { id_cliente_servico: '2001', dias_desbloqueio: '1' });
			expect([used.body.status, active.body.status]).toEqual(['error', 'error']);
		});
	});

	describe('tickets, fiscal notes, connection log', () => {
		it('lists pending tickets and opens a new one with a protocol', async () => {
			const before = await get('cliente/atendimento?busca=cpf_cnpj&termo_busca=62710524520&apenas_pendente=sim');
			const missing = await post('atendimento', { id_cliente_servico: '2002', descricao: 'Sem conexão' });
			const created = await post('atendimento', { id_cliente_servico: '2002', descricao: 'Sem conexão após desbloqueio', nome: 'João', telefone: '49999991234', abrir_os: true });
			const byProtocol = await get(`cliente/atendimento?busca=protocolo&termo_busca=${created.body.atendimento.protocolo}`);

			expect(before.body).toMatchObject({ status: 'suscess', atendimentos: [{ id_atendimento: 4001, protocolo: '202501050000001', status: 'Aguardando Análise' }] });
			expect(missing.body).toEqual({ status: 'error', msg: 'O campo nome é obrigatório' });
			expect(created.body.msg).toBe(`Atendimento aberto com sucesso. Anote o protocolo: ${created.body.atendimento.protocolo}.`);
			expect(created.body.atendimento).toMatchObject({ status: 'Aguardando Análise', cliente: { cpf_cnpj: '62710524520' } });
			expect(byProtocol.body.atendimentos).toHaveLength(1);
		});

		it('lists fiscal notes by id_cliente and the connection log by login', async () => {
			const notes = await get('cliente/nota_fiscal?busca=id_cliente&termo_busca=11101');
			const log = await get('cliente/extrato_conexao?busca=login&termo_busca=maria.silva&limit=2');

			expect(notes.body).toMatchObject({ status: 'success', cliente: { codigo_cliente: 1001 }, notas_fiscais: [{ numero_nota: 1201, tipo_documento_fiscal: { codigo: '21' }, link: `${hubsoft.url}/pdf/nota/5001` }], nfes: [], nfses: [] });
			expect(log.body.registros[0]).toMatchObject({ username: 'maria.silva', acctstoptime: null, framedipaddress: '100.64.0.1' });
		});
	});

	describe('ticket types, subscriber-portal login, contract acceptance, NFS-e', () => {
		it('lists ticket types and opens a ticket of a given type; an unknown type is refused', async () => {
			const types = await get('configuracao/tipo_atendimento');
			const typed = await post('atendimento', { id_cliente_servico: '2001', descricao: 'Sem acesso', nome: 'Maria', telefone: '11987654321', id_tipo_atendimento: 109 });
			const unknown = await post('atendimento', { id_cliente_servico: '2001', descricao: 'Sem acesso', nome: 'Maria', telefone: '11987654321', id_tipo_atendimento: 1 });

			expect(types.body).toMatchObject({ status: 'success', tipos_atendimento: expect.arrayContaining([{ id_tipo_atendimento: 109, descricao: 'SEM ACESSO A INTERNET' }]) });
			expect(typed.body.atendimento.tipo_atendimento).toBe('SEM ACESSO A INTERNET');
			expect(unknown.body).toEqual({ status: 'error', msg: 'Tipo de atendimento não encontrado' });
		});

		it('checks the subscriber-portal login with the CPF digits and the customer password', async () => {
			const accepted = await post('cliente/autenticacao', { usuario: '52998224725', senha: hubsoftCentralPassword(ERP_CUSTOMER.maria) });
			const refused = await post('cliente/autenticacao', { usuario: '52998224725', senha: 'errada' });

			expect(accepted.body).toMatchObject({ status: 'success', msg: 'Usuário autenticado com sucesso', cliente: { id_cliente: 11101, cpf_cnpj: '52998224725', data_nascimento: '1990-05-20' } });
			expect(refused.body).toEqual({ status: 'error', msg: 'Usuário ou senha inválidos' });
		});

		it('lists a pending contract document with incluir_contrato=sim, serves its PDF, and accepts it once', async () => {
			const before = await get('cliente?busca=cpf_cnpj&termo_busca=12ABC34501DE35&incluir_contrato=sim');
			const [service] = before.body.clientes[0].servicos;
			const [document] = service.contratos;
			const accepted = await post('cliente/contrato/aceitar_contrato', { ids_cliente_servico_contrato: [document.id_cliente_servico_contrato], data_aceito: '2026-03-02', hora_aceito: '14:35', observacao: 'Aceite pelo bot' }, 'PUT');
			const again = await post('cliente/contrato/aceitar_contrato', { ids_cliente_servico_contrato: [document.id_cliente_servico_contrato], data_aceito: '2026-03-02', observacao: 'Aceite pelo bot' }, 'PUT');
			const after = await get('cliente?busca=cpf_cnpj&termo_busca=12ABC34501DE35&incluir_contrato=sim');

			expect(service.status_prefixo).toBe('aguardando_assinatura_contrato');
			expect(document).toMatchObject({ aceito: false, data_aceito: null });
			expect(await pdfPrefix(document.link)).toBe('%PDF');
			expect(accepted.body).toMatchObject({ status: 'success', itens_aceito: [{ id_cliente_servico_contrato: document.id_cliente_servico_contrato, aceito: true, data_aceito_br: '02/03/2026 14:35' }] });
			expect(again.body).toEqual({ status: 'error', msg: 'O contrato informado já foi aceito' });
			expect(after.body.clientes[0].servicos[0]).toMatchObject({ status_prefixo: 'aguardando_instalacao', contratos: [{ aceito: true }] });
		});

		it('lists NFS-e next to the telecom notes, with link_pdf only when there is a PDF', async () => {
			hubsoft.serviceInvoices['101'] = [
				{ id: 106, number: '14890', amount: 25, issuedOn: isoDate(-3), withPdf: true },
				{ id: 107, number: '14891', amount: 30, issuedOn: isoDate(-2), withPdf: false },
			];
			const notes = await get('cliente/nota_fiscal?busca=id_cliente&termo_busca=11101');

			expect(notes.body.nfses).toMatchObject([
				{ id_nfse: 106, numero: '14890', valor: '25', data_cadastro_br: `${brDate(isoDate(-3))} 10:22`, status: 'autorizado' },
				{ id_nfse: 107, link_pdf: '' },
			]);
			expect(await pdfPrefix(notes.body.nfses[0].link_pdf)).toBe('%PDF');
		});
	});
});

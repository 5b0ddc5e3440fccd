import http from 'node:http';

import { crc16 } from '../../simulators/brazil-formats';
import { ERP_CUSTOMER } from '../../simulators/erp-dataset';
import { IXC_HTML_ERROR, IXC_TEST_TOKEN, startIxcSimulator, type IxcSimulator } from '../../simulators/ixc';

describe('IXC Provedor simulator', () => {
	let ixc: IxcSimulator;
	const basic = `Basic ${Buffer.from(IXC_TEST_TOKEN).toString('base64')}`;

	async function request(resource: string, body: unknown, options: { list?: boolean; method?: string; authorization?: string } = {}) {
		const headers: Record<string, string> = { authorization: options.authorization ?? basic, 'content-type': 'application/json' };
		if (options.list) headers.ixcsoft = 'listar';
		const response = await fetch(`${ixc.url}/webservice/v1/${resource}`, { method: options.method ?? 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, text, json, contentType: response.headers.get('content-type') ?? '' };
	}
	const list = (resource: string, body: Record<string, unknown>) => request(resource, body, { list: true });

	/** A GET with a JSON body, as IXC's Postman collection labels listings (fetch cannot send one). */
	function getWithBody(url: string, body: unknown): Promise<string> {
		const payload = JSON.stringify(body);
		const headers = { authorization: basic, ixcsoft: 'listar', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) };
		return new Promise((resolve, reject) => {
			const outgoing = http.request(url, { method: 'GET', headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve(Buffer.concat(chunks).toString()));
			});
			outgoing.on('error', reject);
			outgoing.end(payload);
		});
	}

	beforeAll(async () => {
		ixc = await startIxcSimulator();
	});
	afterEach(() => ixc.reset());
	afterAll(() => ixc.close());

	describe('authentication and transport quirks', () => {
		it('answers the red HTML error page with 401 on a wrong or missing token and 400 on Bearer', async () => {
			const wrong = await request('cliente', {}, { list: true, authorization: `Basic ${Buffer.from('8:wrong').toString('base64')}` });
			const bearer = await request('cliente', {}, { list: true, authorization: `Bearer ${IXC_TEST_TOKEN}` });

			expect([wrong.status, wrong.text]).toEqual([401, IXC_HTML_ERROR]);
			expect(wrong.text.startsWith('<div style=')).toBe(true);
			expect(bearer.status).toBe(400);
		});

		it('lists with the ixcsoft: listar header whatever the verb, and answers 404 to a GET without it', async () => {
			const query = { qtype: 'cliente.id', query: '101', oper: '=' };
			const post = await list('cliente', query);
			const get = await getWithBody(`${ixc.url}/webservice/v1/cliente`, query);
			const plainGet = await request('cliente', undefined, { method: 'GET' });

			expect(post.json.total).toBe('1');
			expect(JSON.parse(get).total).toBe('1');
			expect(plainGet.status).toBe(404);
		});

		it('answers 500 when qtype, sortname or a grid_param TB lack the table prefix, or grid_param is not a string', async () => {
			const results = await Promise.all([
				list('cliente', { qtype: 'cnpj_cpf', query: '529.982.247-25' }),
				list('cliente', { qtype: 'cliente.id', query: '1', oper: '>=', sortname: 'id' }),
				list('cliente', { grid_param: JSON.stringify([{ TB: 'ativo', OP: '=', P: 'S' }]) }),
				list('cliente', { grid_param: [{ TB: 'cliente.ativo', OP: '=', P: 'S' }] }),
			]);
			expect(results.map((result) => result.status)).toEqual([500, 500, 500, 500]);
		});

		it('answers unknown resources with the documented JSON error', async () => {
			expect((await request('rad', {})).json).toEqual({ type: 'error', message: 'Recurso rad não está disponível!' });
			expect((await list('tabela_x', {})).json).toEqual({ type: 'error', message: 'Recurso tabela_x não está disponível!' });
		});

		it('injects the HTML error page (504) and the IP-not-allowed error', async () => {
			ixc.htmlErrorNext(1);
			ixc.ipNotAllowedNext(1);
			const html = await list('cliente', {});
			const ip = await list('cliente', {});

			expect([html.status, html.contentType, html.text]).toEqual([504, 'text/html; charset=UTF-8', IXC_HTML_ERROR]);
			expect(ip.json).toEqual({ type: 'error', message: 'Seu IP não está liberado para efetuar login!' });
		});
	});

	describe('clients, contracts, invoices', () => {
		it('finds a client by the masked CPF only, with every value a string and total a string', async () => {
			const masked = await list('cliente', { qtype: 'cliente.cnpj_cpf', query: '529.982.247-25', oper: '=', page: '1', rp: '1', sortname: 'cliente.id', sortorder: 'desc' });
			const digitsOnly = await list('cliente', { qtype: 'cliente.cnpj_cpf', query: '52998224725', oper: '=' });

			expect(masked.json).toMatchObject({ page: '1', total: '1', registros: [{ id: '101', razao: 'MARIA SILVA', cnpj_cpf: '529.982.247-25', tipo_pessoa: 'F' }] });
			expect(Object.values(masked.json.registros[0]).every((value) => typeof value === 'string')).toBe(true);
			expect(digitsOnly.json).toEqual({ page: '1', total: '0' });
		});

		it('finds a client by phone with L (contains) and an alphanumeric CNPJ by its mask', async () => {
			const byPhone = await list('cliente', { qtype: 'cliente.telefone_celular', query: '98765-4321', oper: 'L' });
			const byWhatsapp = await list('cliente', { qtype: 'cliente.whatsapp', query: '49999991234', oper: '=' });
			const alphanumeric = await list('cliente', { qtype: 'cliente.cnpj_cpf', query: '12.ABC.345/01DE-35', oper: '=' });

			expect(byPhone.json.registros.map((row: { id: string }) => row.id)).toEqual(['101']);
			expect(byWhatsapp.json.registros[0].razao).toBe('JOAO PEREIRA');
			expect(alphanumeric.json.registros[0].tipo_pessoa).toBe('J');
		});

		it('lists contracts of a client with their internet status', async () => {
			const contracts = await list('cliente_contrato', { qtype: 'cliente_contrato.id_cliente', query: '104', oper: '=', sortname: 'cliente_contrato.id', sortorder: 'asc' });
			expect(contracts.json.registros.map((row: Record<string, string>) => [row.id, row.status_internet, row.status_velocidade])).toEqual([
				['2004', 'A', 'N'],
				['2005', 'A', 'R'],
			]);
		});

		it('lists open invoices with the documented filter, the contract sometimes in id_contrato_avulso', async () => {
			const open = await list('fn_areceber', {
				qtype: 'fn_areceber.id_cliente',
				query: '102',
				oper: '=',
				rp: '100',
				sortname: 'fn_areceber.data_vencimento',
				sortorder: 'asc',
				grid_param: JSON.stringify([
					{ TB: 'fn_areceber.liberado', OP: '=', P: 'S' },
					{ TB: 'fn_areceber.status', OP: '!=', P: 'C' },
					{ TB: 'fn_areceber.status', OP: '!=', P: 'R' },
				]),
			});
			const [overdue, upcoming] = open.json.registros;

			expect(open.json.total).toBe('2');
			expect(overdue).toMatchObject({ id: '30003', id_contrato: '2002', status: 'A', valor: '79.90', linha_digitavel: ERP_CUSTOMER.joao.invoices[0].digitableLine });
			expect(upcoming).toMatchObject({ id: '30004', id_contrato: '', id_contrato_avulso: '2002' });
		});

		it('filters dates given as DD/MM/YYYY with BE (between)', async () => {
			const dueDate = ERP_CUSTOMER.maria.invoices[1].dueDate;
			const [year, month, day] = dueDate.split('-');
			const result = await list('fn_areceber', { grid_param: JSON.stringify([{ TB: 'fn_areceber.data_vencimento', OP: 'BE', P: `${day}/${month}/${year}`, P2: dueDate }]) });
			expect(result.json.registros.map((row: { id: string }) => row.id)).toEqual(['30001']);
		});
	});

	describe('Status Logins (radusuarios)', () => {
		it('paginates with page/rp and reports total as a string', async () => {
			const page2 = await list('radusuarios', { qtype: 'radusuarios.id', query: '0', oper: '>', page: '2', rp: '4', sortname: 'radusuarios.id', sortorder: 'asc' });
			expect(page2.json.page).toBe('2');
			expect(page2.json.total).toBe('6');
			expect(page2.json.registros.map((row: { login: string }) => row.login)).toEqual(['comercial.backup', 'alfa.tecnologia']);
		});

		it('filters online logins and marks a never-connected login as SS', async () => {
			const online = await list('radusuarios', { qtype: 'radusuarios.online', query: 'S', oper: '=', grid_param: JSON.stringify([{ TB: 'radusuarios.ativo', OP: '=', P: 'S' }]) });
			const never = await list('radusuarios', { qtype: 'radusuarios.login', query: 'alfa.tecnologia', oper: '=' });

			expect(online.json.registros.map((row: { login: string }) => row.login)).toEqual(['maria.silva', 'comercial.souza', 'comercial.backup']);
			expect(never.json.registros[0]).toMatchObject({ online: 'SS', ultima_conexao_inicial: '0000-00-00 00:00:00' });
		});

		it('disconnects a login and clears its MAC', async () => {
			expect((await request('desconectar_clientes', { id: '3001' })).json.type).toBe('success');
			expect((await request('radusuarios_25452', { get_id: '3001' })).json.message).toContain('MAC removido com sucesso');
			const row = (await list('radusuarios', { qtype: 'radusuarios.id', query: '3001', oper: '=' })).json.registros[0];
			expect([row.online, row.mac]).toEqual(['N', '']);
		});
	});

	describe('actions', () => {
		it('trust-unlocks a blocked contract once, then answers 107 (already active)', async () => {
			const first = await request('desbloqueio_confianca', { id: '2002' });
			const second = await request('desbloqueio_confianca', { id: '2002' });
			const contract = (await list('cliente_contrato', { qtype: 'cliente_contrato.id', query: '2002', oper: '=' })).json.registros[0];

			expect(first.json).toMatchObject({ tipo: 'sucesso' });
			expect(second.json).toMatchObject({ tipo: 'erro', codigo: '107' });
			expect(contract).toMatchObject({ status_internet: 'A', desbloqueio_confianca_ativo: 'S' });
		});

		it('refuses a trust unlock already used this month (113) and unknown contracts (106)', async () => {
			const used = await request('desbloqueio_confianca', { id: '2003' });
			const unknown = await request('desbloqueio_confianca', { id: '9999' });

			expect(used.json).toMatchObject({ tipo: 'erro', codigo: '113' });
			expect(used.json.mensagem).toContain('este recurso foi usado no dia');
			expect(unknown.json).toEqual({ tipo: 'erro', codigo: '106', mensagem: 'ID de contrato inexistente na base de dados.' });
		});

		it('releases a speed reduction and a temporary release (get_id or id)', async () => {
			const reduction = await request('liberacao_reducao_contrato_29157', { get_id: '2005' });
			const notReduced = await request('liberacao_reducao_contrato_29157', { get_id: '2001' });
			const temporary = await request('cliente_contrato_btn_lib_temp_24722', { get_id: '2003', id: '2003' });
			const speed = (await list('cliente_contrato', { qtype: 'cliente_contrato.id', query: '2005', oper: '=' })).json.registros[0].status_velocidade;

			expect([reduction.json.type, notReduced.json.type, temporary.json.type]).toEqual(['success', 'error', 'success']);
			expect(speed).toBe('N');
		});

		it('returns the boleto PDF raw (base64=N) or as base64 text (base64=S)', async () => {
			const raw = await fetch(`${ixc.url}/webservice/v1/get_boleto`, {
				method: 'POST',
				headers: { authorization: basic },
				body: JSON.stringify({ boletos: '30001', juro: 'N', multa: 'N', atualiza_boleto: 'N', tipo_boleto: 'arquivo', base64: 'N', layout_impressao: 'boleto_um_por_pagina' }),
			});
			const encoded = await request('get_boleto', { boletos: '30001,30000', tipo_boleto: 'arquivo', base64: 'S' });
			const mail = await request('get_boleto', { boletos: '30001', tipo_boleto: 'mail' });

			expect(raw.headers.get('content-type')).toBe('application/pdf');
			expect(Buffer.from(await raw.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
			expect(Buffer.from(encoded.text, 'base64').subarray(0, 4).toString()).toBe('%PDF');
			expect(mail.json).toEqual({ registros: [{ sucesso: true }] });
		});

		it('returns the Pix copia-e-cola of a receivable', async () => {
			const pix = await request('get_pix', { id_areceber: '30001' });
			const code = pix.json.pix.dadosPix.pixCopiaECola;

			expect(pix.json.type).toBe('success');
			expect(code).toBe(ERP_CUSTOMER.maria.invoices[1].pixCopyPaste);
			expect(crc16(code.slice(0, -4))).toBe(code.slice(-4));
		});

		it('opens a ticket only with the misspelled menssagem field, and lists it', async () => {
			const wrongField = await request('su_ticket', { tipo: 'C', id_cliente: '101', id_assunto: '1', titulo: 'Sem conexão', mensagem: 'caiu' });
			const created = await request('su_ticket', { tipo: 'C', id_cliente: '101', id_assunto: '1', titulo: 'Sem conexão', menssagem: 'Cliente relata queda (via bot)', su_status: 'N' });
			const open = await list('su_ticket', { qtype: 'su_ticket.id_cliente', query: '101', oper: '=', grid_param: JSON.stringify([{ TB: 'su_ticket.su_status', OP: '=', P: 'N' }]) });

			expect(wrongField.json.type).toBe('error');
			expect(created.json).toEqual({ type: 'success', message: 'Registro inserido com sucesso!', id: expect.any(Number) });
			expect(open.json.registros).toEqual([expect.objectContaining({ id: String(created.json.id), titulo: 'Sem conexão', menssagem: 'Cliente relata queda (via bot)' })]);
		});

		it('resends the signature link only for a contract awaiting acceptance', async () => {
			const pending = await request('reenviar_link_assnatura_digital', { id_contrato: '2006' });
			const signed = await request('gerar_documento_assinatura_digital', { id_contrato: '2001' });
			const contract = (await list('cliente_contrato', { qtype: 'cliente_contrato.id', query: '2006', oper: '=' })).json.registros[0];

			expect(pending.json.type).toBe('success');
			expect(signed.json.type).toBe('error');
			expect(contract).toMatchObject({ status_internet: 'AA', assinatura_digital: 'N' });
		});

		it('lists telecom invoices and prints one as base64 PDF; pushes Wi-Fi to the ACS', async () => {
			const notes = await list('vd_saida', { qtype: 'vd_saida.id_cliente', query: '101', oper: '=', grid_param: JSON.stringify([{ TB: 'vd_saida.modelo_nf', OP: 'IN', P: '22,21,55,13' }]) });
			const printed = await request('imprimir_nota', { id: '5001', base64: 'S' });
			const devices = await list('acs_device_grid', { qtype: 'acs_device.id_contrato', query: '2001', oper: '=' });
			const acs = await request('botaoAjax_30774', { id: devices.json.registros[0].id });

			expect(notes.json.registros).toEqual([expect.objectContaining({ id: '5001', modelo_nf: '21' })]);
			expect(Buffer.from(printed.text, 'base64').subarray(0, 4).toString()).toBe('%PDF');
			expect(acs.json.type).toBe('success');
		});
	});

	describe('departments, subjects, contract print and manual release', () => {
		it('lists ticket departments with the "presta atendimento externo" flag and ticket subjects', async () => {
			const external = await list('su_ticket_setor', {
				qtype: 'su_ticket_setor.presta_atendimento',
				query: 'S',
				oper: '=',
				grid_param: JSON.stringify([{ TB: 'su_ticket_setor.ativo', OP: '=', P: 'S' }]),
			});
			const subjects = await list('su_oss_assunto', { qtype: 'su_oss_assunto.ativo', query: 'S', oper: '=' });

			expect(external.json.registros.map((row: { setor: string }) => row.setor)).toEqual(['Suporte Técnico', 'Financeiro']);
			expect(subjects.json.registros.map((row: { assunto: string }) => row.assunto)).toEqual(['Sem conexão', 'Lentidão', 'Financeiro']);
		});

		it('links a nota fiscal to the contract of a single-contract customer only', async () => {
			const notes = await list('vd_saida', { qtype: 'vd_saida.id', query: '0', oper: '>' });
			expect(notes.json.registros.map((row: Record<string, string>) => [row.id, row.id_contrato])).toEqual([
				['5001', '2001'],
				['5002', ''],
			]);
		});

		it('prints a contract as a PDF (cliente_contrato_imprimir_contrato_17678)', async () => {
			const response = await fetch(`${ixc.url}/webservice/v1/cliente_contrato_imprimir_contrato_17678`, { method: 'POST', headers: { authorization: basic }, body: JSON.stringify({ id: '2006' }) });
			const unknown = await request('cliente_contrato_imprimir_contrato_17678', { id: '9999' });

			expect(response.headers.get('content-type')).toBe('application/pdf');
			expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toMatch(/^%PDF[\s\S]*Contrato 2006 - FIBRA 500 MEGA/);
			expect(unknown.json.type).toBe('error');
		});

		it('releases any contract manually (cliente_contrato_15464), as the ERP button does', async () => {
			const released = await request('cliente_contrato_15464', { id_contrato: '2006' });
			const blocked = await request('cliente_contrato_15464', { id_contrato: '2002' });
			const rows = (await list('cliente_contrato', { qtype: 'cliente_contrato.id', query: '2000', oper: '>' })).json.registros;
			const status = (id: string) => rows.find((row: { id: string }) => row.id === id).status_internet;

			expect([released.json.type, blocked.json.type]).toEqual(['success', 'success']);
			expect([status('2006'), status('2002')]).toEqual(['A', 'A']);
		});
	});

	it('restores the data set on reset and can answer empty lists with registros: []', async () => {
		await request('desbloqueio_confianca', { id: '2002' });
		ixc.reset();
		expect((await request('desbloqueio_confianca', { id: '2002' })).json.tipo).toBe('sucesso');

		const withArray = await startIxcSimulator({ emptyListShape: 'emptyArray' });
		const response = await fetch(`${withArray.url}/webservice/v1/cliente`, { method: 'POST', headers: { authorization: basic, ixcsoft: 'listar' }, body: JSON.stringify({ qtype: 'cliente.id', query: '0', oper: '=' }) });
		await withArray.close();
		expect(await response.json()).toEqual({ page: '1', total: '0', registros: [] });
	});
});

import { jsonReply } from '../../../../test/simulators/base';
import { ERP_CUSTOMER } from '../../../../test/simulators/erp-dataset';
import { IXC_TEST_TOKEN, startIxcSimulator, type IxcSimulator } from '../../../../test/simulators/ixc';
import { describeErpAdapterContract } from '../adapter.contract';
import { createErpAdapter } from '../adapters';
import type { ErpCredentials } from '../credentials';
import { fetchErpTransport } from '../fetch-transport';
import type { Cliente, Contrato, ErpAdapter } from '../types';
import { createIxcAdapter } from './adapter';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';

function credentialsFor(ixc: IxcSimulator, overrides: Partial<ErpCredentials> = {}): ErpCredentials {
	return { system: 'ixc', baseUrl: `${ixc.url}/`, ixcToken: IXC_TEST_TOKEN, ...overrides };
}

function adapterFor(ixc: IxcSimulator, overrides: Partial<ErpCredentials> = {}, now?: () => Date): ErpAdapter {
	const credentials = credentialsFor(ixc, overrides);
	return createIxcAdapter(fetchErpTransport(credentials), credentials, { now });
}

describeErpAdapterContract('IXC Provedor', async () => {
	const ixc = await startIxcSimulator();
	const credentials = credentialsFor(ixc);
	return {
		// Through the registry, as the cards build it.
		adapter: createErpAdapter(credentials, fetchErpTransport(credentials)),
		failNext: (count) => ixc.htmlErrorNext(count),
		reset: () => ixc.reset(),
		close: () => ixc.close(),
	};
}, { cityIsCode: true });

describe('adaptador ERP IXC Provedor', () => {
	let ixc: IxcSimulator;
	let adapter: ErpAdapter;

	/** Listing bodies the simulator received for `table`. */
	const listings = (table: string) => ixc.requests.filter((request) => request.path === `/webservice/v1/${table}` && request.headers.ixcsoft === 'listar');
	const calls = (resource: string) => ixc.requests.filter((request) => request.path === `/webservice/v1/${resource}` && request.headers.ixcsoft === undefined);
	async function customer(document: string): Promise<Cliente> {
		const found = await adapter.buscarClientePorDocumento(document);
		if (!found) throw new Error(`${document} não encontrado`);
		return found;
	}
	async function contractOf(document: string, plan?: string): Promise<{ cliente: Cliente; contrato: Contrato }> {
		const cliente = await customer(document);
		const contracts = await adapter.listarContratos(cliente);
		const contrato = plan ? contracts.find((candidate) => candidate.plano === plan) : contracts[0];
		if (!contrato) throw new Error(`contrato de ${document} não encontrado`);
		return { cliente, contrato };
	}

	beforeAll(async () => {
		ixc = await startIxcSimulator();
		adapter = adapterFor(ixc);
	});
	beforeEach(() => ixc.reset());
	afterAll(() => ixc.close());

	describe('customers', () => {
		it('lists with POST, ixcsoft: listar, Basic auth of the whole token and the masked CPF first', async () => {
			expect(await customer('529.982.247-25')).toMatchObject({ id: '101', nome: 'MARIA SILVA', documento: '52998224725', email: 'maria.silva@example.com' });
			const [request] = listings('cliente');
			expect(request.method).toBe('POST');
			expect(request.headers.authorization).toBe(`Basic ${Buffer.from(IXC_TEST_TOKEN).toString('base64')}`);
			expect(request.json).toMatchObject({ qtype: 'cliente.cnpj_cpf', query: '529.982.247-25', oper: '=', page: '1' });
			expect(listings('cliente')).toHaveLength(1);
		});

		it('falls back to the digits-only form when the record is stored without mask', async () => {
			ixc.customers[0].document = '52998224725';
			expect((await customer('529.982.247-25')).id).toBe('101');
			expect(listings('cliente').map((request) => (request.json as { query: string }).query)).toEqual(['529.982.247-25', '52998224725']);
		});

		it('finds the company with an alphanumeric CNPJ given in lower case and without mask', async () => {
			expect(await customer('12abc34501de35')).toMatchObject({ id: '105', documento: '12ABC34501DE35', tipoPessoa: 'juridica' });
		});

		it('finds customers by phone in any phone column, checked on the last 8 digits', async () => {
			const byMobile = await adapter.buscarClientesPorTelefone('5511987654321');
			const byLandline = await adapter.buscarClientesPorTelefone('2133334444');
			expect(byMobile.map((found) => found.id)).toEqual(['101']);
			expect(byMobile[0].telefones).toContain('11987654321');
			expect(byLandline.map((found) => found.id)).toEqual(['104']);
			// Same last 4 digits as maria's phone, different last 8: searched, then discarded.
			expect(await adapter.buscarClientesPorTelefone('11900004321')).toEqual([]);
			expect(listings('cliente').every((request) => (request.json as { oper: string }).oper === 'L')).toBe(true);
		});

		it('answers no customer for a too short phone without asking the ERP', async () => {
			expect(await adapter.buscarClientesPorTelefone('4321')).toEqual([]);
			expect(ixc.requests).toHaveLength(0);
		});

		it('checks the subscriber-portal login (hotsite_email, any case) and password', async () => {
			const maria = await customer('52998224725');
			expect(await adapter.autenticarCentral(maria, ' Maria.Silva@Example.com ', '123')).toBe(true);
			expect(await adapter.autenticarCentral(maria, 'maria.silva@example.com', '1234')).toBe(false);
			expect(await adapter.autenticarCentral(maria, 'joao.pereira@example.com', '123')).toBe(false);
		});

		it('hashes the typed password with MD5 where IXC stores it so (senha_hotsite_md5 S)', async () => {
			const company = await customer('11222333000181');
			expect(await adapter.autenticarCentral(company, ERP_CUSTOMER.comercialSouza.email, '123')).toBe(true);
			expect(await adapter.autenticarCentral(company, ERP_CUSTOMER.comercialSouza.email, '1234')).toBe(false);
			// The stored hash typed as the password must not pass.
			expect(await adapter.autenticarCentral(company, ERP_CUSTOMER.comercialSouza.email, '202cb962ac59075b964b07152d234b70')).toBe(false);
		});
	});

	describe('contracts and invoices', () => {
		it('maps contract states, including awaiting signature and the trust unlock used this month', async () => {
			const [joao] = await adapter.listarContratos(await customer('62710524520'));
			const [alfa] = await adapter.listarContratos(await customer('12ABC34501DE35'));
			const [ana] = await adapter.listarContratos(await customer('17518172020'));
			expect(joao).toMatchObject({ id: '2002', clienteId: '102', plano: 'FIBRA 100 MEGA', status: 'bloqueado', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: false });
			expect(joao.endereco).toBe('Rua XV de Novembro, 250 - Centro');
			expect(alfa.status).toBe('aguardando_assinatura');
			expect(ana.ultimoDesbloqueioConfianca).toBe(ERP_CUSTOMER.ana.contracts[0].trustUnlockUsedOn);
		});

		it('lists open invoices overdue first, with the contract found in id_contrato_avulso', async () => {
			const invoices = await adapter.listarFaturasAbertas(await customer('62710524520'));
			expect(invoices.map((invoice) => [invoice.id, invoice.vencida, invoice.contratoId])).toEqual([
				['30003', true, '2002'],
				['30004', false, '2002'],
			]);
			expect(invoices[0]).toMatchObject({ valor: 79.9, linhaDigitavel: ERP_CUSTOMER.joao.invoices[0].digitableLine, codigoBarras: ERP_CUSTOMER.joao.invoices[0].barcode });
			const [request] = listings('fn_areceber');
			expect(JSON.parse((request.json as { grid_param: string }).grid_param)).toEqual([
				{ TB: 'fn_areceber.liberado', OP: '=', P: 'S' },
				{ TB: 'fn_areceber.status', OP: '!=', P: 'C' },
				{ TB: 'fn_areceber.status', OP: '!=', P: 'R' },
			]);
		});

		it('lists the invoices of one contract only', async () => {
			const { cliente, contrato } = await contractOf('11222333000181', 'LINK BACKUP 100 MEGA');
			expect((await adapter.listarFaturasAbertas(cliente, contrato)).map((invoice) => invoice.id)).toEqual(['30007']);
		});

		it('answers no invoices whether IXC leaves registros out or sends it empty', async () => {
			const alfa = await customer('12ABC34501DE35');
			expect(await adapter.listarFaturasAbertas(alfa)).toEqual([]);
			const withArray = await startIxcSimulator({ emptyListShape: 'emptyArray' });
			try {
				expect(await adapterFor(withArray).listarFaturasAbertas(alfa)).toEqual([]);
			} finally {
				await withArray.close();
			}
		});

		it('fetches the boleto PDF with interest and fine updated, as base64', async () => {
			const maria = await customer('52998224725');
			const [invoice] = await adapter.listarFaturasAbertas(maria);
			const pdf = await adapter.pdfFatura(invoice, maria);
			expect(pdf).toMatchObject({ fileName: 'boleto-30001.pdf', mimeType: 'application/pdf' });
			expect(Buffer.from(pdf!.data, 'base64').toString('latin1')).toContain(ERP_CUSTOMER.maria.invoices[1].digitableLine);
			expect(calls('get_boleto')[0].json).toEqual({ boletos: '30001', juro: 'S', multa: 'S', atualiza_boleto: 'S', tipo_boleto: 'arquivo', base64: 'S', layout_impressao: '' });
		});

		it('turns a boleto the ERP refuses into an ERP error', async () => {
			const maria = await customer('52998224725');
			await expect(adapter.pdfFatura({ id: '99999', valor: 1, vencimento: '2025-01-01', vencida: false }, maria)).rejects.toMatchObject({ name: 'ErpError', kind: 'erro_erp' });
		});

		it('gives the Pix copia-e-cola from get_pix', async () => {
			const maria = await customer('52998224725');
			const [invoice] = await adapter.listarFaturasAbertas(maria);
			expect(await adapter.pixFatura(invoice, maria)).toBe(ERP_CUSTOMER.maria.invoices[1].pixCopyPaste);
			expect(calls('get_pix')[0].json).toEqual({ id_areceber: '30001' });
		});

		it('lists notas fiscais of a customer and of a contract, and prints one', async () => {
			const maria = await customer('52998224725');
			const [note] = await adapter.listarNotasFiscais(maria);
			expect(note).toMatchObject({ id: '5001', numero: '1201', modelo: '21', valor: 99.9 });
			const { cliente, contrato } = await contractOf('11222333000181', 'EMPRESARIAL 500 MEGA');
			expect((await adapter.listarNotasFiscais(cliente, contrato)).map((item) => item.id)).toEqual(['5002']);
			expect(await adapter.listarNotasFiscais(await customer('62710524520'))).toEqual([]);
			expect(listings('vd_saida')[0].json).toMatchObject({ grid_param: expect.stringContaining('"P":"22,21,55,13,62"') });
			const pdf = await adapter.pdfNotaFiscal(note, maria);
			expect(pdf?.fileName).toBe('nota-fiscal-1201.pdf');
			expect(Buffer.from(pdf!.data, 'base64').subarray(0, 4).toString()).toBe('%PDF');
		});

		it('lists NFCom notes (model 62) with the telecom ones', async () => {
			const joao = ixc.customers.find((each) => each.id === ERP_CUSTOMER.joao.id)!;
			joao.fiscalNotes.push({ id: '5009', number: 77, model: '62', series: '1', issuedOn: '2026-11-05', amount: 79.9 });
			expect(await adapter.listarNotasFiscais(await customer('62710524520'))).toEqual([{ id: '5009', numero: '77', emissao: '2026-11-05', valor: 79.9, modelo: '62' }]);
		});
	});

	describe('actions on a contract', () => {
		it('unlocks by trust, then the contract reads active with the unlock in force', async () => {
			const { cliente, contrato } = await contractOf('62710524520');
			expect(await adapter.desbloqueioConfianca(cliente, contrato)).toMatchObject({ sucesso: true });
			expect(calls('desbloqueio_confianca')[0].json).toEqual({ id: '2002' });
			const [after] = await adapter.listarContratos(cliente);
			expect(after).toMatchObject({ status: 'ativo', desbloqueioConfiancaAtivo: true });
		});

		it('refuses a trust unlock used this month (code 113) with the first day of next month', async () => {
			const clock = adapterFor(ixc, {}, () => new Date('2025-01-15T15:00:00Z'));
			const { cliente, contrato } = await contractOf('17518172020');
			expect(await clock.desbloqueioConfianca(cliente, contrato)).toEqual({ sucesso: false, motivo: expect.stringContaining('já foi usado'), disponivelEm: '2025-02-01' });
			expect(await adapter.desbloqueioConfianca(cliente, contrato)).toMatchObject({ disponivelEm: firstDayOfNextMonth(todayInBrazil(new Date())) });
		});

		it('refuses a trust unlock on an active contract (code 107) without a date', async () => {
			const { cliente, contrato } = await contractOf('52998224725');
			const refused = await adapter.desbloqueioConfianca(cliente, contrato);
			expect(refused).toEqual({ sucesso: false, motivo: expect.stringContaining('já está ativo') });
		});

		it('releases a speed reduction, and passes on the refusal for a contract that is not reduced', async () => {
			const reduced = await contractOf('11222333000181', 'LINK BACKUP 100 MEGA');
			expect(await adapter.liberarReducaoVelocidade(reduced.cliente, reduced.contrato)).toMatchObject({ sucesso: true });
			expect(calls('liberacao_reducao_contrato_29157')[0].json).toEqual({ get_id: '2005' });
			const after = await adapter.listarContratos(reduced.cliente);
			expect(after.find((contract) => contract.id === '2005')?.status).toBe('ativo');
			const normal = await contractOf('11222333000181', 'EMPRESARIAL 500 MEGA');
			expect(await adapter.liberarReducaoVelocidade(normal.cliente, normal.contrato)).toEqual({ sucesso: false, motivo: 'O contrato não está com a velocidade reduzida!' });
		});

		it('diagnoses from the current contract, the overdue invoices of that contract and its login', async () => {
			const joao = await contractOf('62710524520');
			const stale: Contrato = { ...joao.contrato, status: 'ativo' };
			const diagnosis = await adapter.diagnostico(joao.cliente, stale);
			expect(diagnosis).toMatchObject({ contrato: { status: 'bloqueado', login: 'joao.pereira' }, faturasVencidas: 1, conexao: { login: 'joao.pereira', online: false, ativo: true } });
			const maria = await contractOf('52998224725');
			expect(await adapter.diagnostico(maria.cliente, maria.contrato)).toMatchObject({ contrato: { status: 'ativo' }, faturasVencidas: 0, conexao: { online: true } });
			const alfa = await contractOf('12ABC34501DE35');
			const neverConnected = await adapter.diagnostico(alfa.cliente, alfa.contrato);
			expect(neverConnected.conexao).toEqual({ login: 'alfa.tecnologia', ativo: true, ip: '100.64.0.6', mac: 'AA:BB:CC:00:00:06', contratoId: '2006' });
		});
	});

	describe('contract acceptance', () => {
		it('hands out the contract document only while the contract waits for its signature', async () => {
			const alfa = await contractOf('12ABC34501DE35');
			const pdf = await adapter.documentoAceite(alfa.cliente, alfa.contrato);
			expect(pdf?.fileName).toBe('contrato-2006.pdf');
			expect(Buffer.from(pdf!.data, 'base64').toString('latin1')).toContain('FIBRA 500 MEGA');
			const maria = await contractOf('52998224725');
			expect(await adapter.documentoAceite(maria.cliente, maria.contrato)).toBeUndefined();
			expect(calls('cliente_contrato_imprimir_contrato_17678')).toHaveLength(1);
		});

		it('prints the contract with the resource name of this installation (credential setting)', async () => {
			const other = await startIxcSimulator({ contractPrintResource: 'cliente_contrato_imprimir_contrato_20911' });
			try {
				const configured = adapterFor(other, { ixcContractPrintResource: ' cliente_contrato_imprimir_contrato_20911 ' });
				const cliente = (await configured.buscarClientePorDocumento('12ABC34501DE35'))!;
				const [contrato] = await configured.listarContratos(cliente);
				expect((await configured.documentoAceite(cliente, contrato))?.fileName).toBe('contrato-2006.pdf');
				expect(other.requests.at(-1)?.path).toBe('/webservice/v1/cliente_contrato_imprimir_contrato_20911');
				// Left at the default, that installation answers "Recurso … não está disponível": the error points to the setting.
				await expect(adapterFor(other).documentoAceite(cliente, contrato)).rejects.toMatchObject({
					name: 'ErpError',
					kind: 'nao_suportado',
					message: expect.stringContaining('"Recurso de Impressão do Contrato"'),
				});
			} finally {
				await other.close();
			}
		});

		it('records the evidence in a solved ticket, then releases the contract', async () => {
			const alfa = await contractOf('12ABC34501DE35');
			const accepted = await adapter.aceitarContrato(alfa.cliente, alfa.contrato, { telefone: '5527999112233', ip: '200.1.2.3', data: '2025-01-15T10:00:00-03:00' });
			expect(accepted).toMatchObject({ sucesso: true });
			const [ticket] = calls('su_ticket');
			expect(ticket.json).toMatchObject({ id_cliente: '105', id_contrato: '2006', su_status: 'S', tipo: 'C' });
			expect((ticket.json as { menssagem: string }).menssagem).toMatch(/2006[\s\S]*2025-01-15T10:00:00-03:00[\s\S]*5527999112233[\s\S]*200\.1\.2\.3/);
			expect(calls('cliente_contrato_15464')[0].json).toEqual({ id_contrato: '2006' });
			const [after] = await adapter.listarContratos(alfa.cliente);
			expect(after.status).toBe('ativo');
			expect(await adapter.aceitarContrato(alfa.cliente, alfa.contrato, { data: '2025-01-15' })).toEqual({ sucesso: false, motivo: 'O contrato não está aguardando assinatura.' });
		});

		it('never releases a contract blocked for debt through the acceptance, even with a stale status', async () => {
			const joao = await contractOf('62710524520');
			const stale: Contrato = { ...joao.contrato, status: 'aguardando_assinatura' };
			expect(await adapter.aceitarContrato(joao.cliente, stale, { data: '2025-01-15' })).toMatchObject({ sucesso: false });
			expect(calls('cliente_contrato_15464')).toHaveLength(0);
			expect(calls('su_ticket')).toHaveLength(0);
		});
	});

	describe('tickets', () => {
		it('lists only active departments that serve customers externally', async () => {
			expect(await adapter.listarDepartamentos()).toEqual([
				{ id: '1', nome: 'Suporte Técnico' },
				{ id: '2', nome: 'Financeiro' },
			]);
		});

		it('opens a ticket with the misspelled menssagem, the chosen department and the subject of the same name', async () => {
			const { cliente, contrato } = await contractOf('52998224725');
			const ticket = await adapter.abrirChamado({
				cliente,
				contrato,
				departamentoId: '2',
				assunto: 'lentidao',
				descricao: 'Internet lenta à noite.',
				contato: { nome: 'Maria', telefone: '5511987654321' },
			});
			const [insert] = calls('su_ticket');
			expect(insert.json).toMatchObject({ tipo: 'C', id_cliente: '101', id_contrato: '2001', id_ticket_setor: '2', id_assunto: '2', titulo: 'lentidao', prioridade: 'M', su_status: 'N' });
			expect((insert.json as { menssagem: string }).menssagem).toBe('Internet lenta à noite.\n\nContato: Maria (5511987654321)\n\nAberto pelo atendimento automatizado.');
			expect(ticket).toMatchObject({ assunto: 'lentidao', status: 'Novo' });
			expect(ticket.protocolo).toMatch(/^\d{15}$/);
		});

		it('uses the subject id given (assuntoId) without looking subjects up by name', async () => {
			const { cliente, contrato } = await contractOf('52998224725');
			await adapter.abrirChamado({ cliente, contrato, departamentoId: '2', assuntoId: '3', assunto: 'lentidao', descricao: 'Cobrança em dobro', contato: {} });
			expect(calls('su_ticket')[0].json).toMatchObject({ id_assunto: '3', titulo: 'lentidao' });
			expect(calls('su_oss_assunto')).toHaveLength(0);
		});

		it('a subject id IXC does not accept (inactive) is an ERP refusal, not a silent fallback', async () => {
			const { cliente, contrato } = await contractOf('52998224725');
			await expect(adapter.abrirChamado({ cliente, contrato, assuntoId: '4', assunto: 'Mudança', descricao: 'Mudo mês que vem', contato: {} })).rejects.toMatchObject({
				kind: 'erro_erp',
				message: expect.stringContaining('Assunto inválido'),
			});
		});

		it('uses the first external department and the first active subject when none is given or matches', async () => {
			const maria = await customer('52998224725');
			await adapter.abrirChamado({ cliente: maria, assunto: 'Quero mudar de plano', descricao: 'Plano maior', contato: {} });
			expect(calls('su_ticket')[0].json).toMatchObject({ id_ticket_setor: '1', id_assunto: '1', id_contrato: '' });
		});
	});

	it('does not offer the Wi-Fi password change (not documented by the API)', async () => {
		const { cliente, contrato } = await contractOf('52998224725');
		expect(adapter.supports('alterarSenhaWifi')).toBe(false);
		expect(adapter.supports('aceitarContrato')).toBe(true);
		await expect(adapter.alterarSenhaWifi(cliente, contrato, 'senha-nova-123')).rejects.toMatchObject({ name: 'ErpError', kind: 'nao_suportado' });
		expect(ixc.requests.filter((request) => request.path.includes('acs') || request.path.includes('botaoAjax'))).toHaveLength(0);
	});

	describe('hostile answers', () => {
		it('turns the red HTML page (504) into indisponivel, with no CPF in the message', async () => {
			ixc.htmlErrorNext(1);
			const failure = adapter.buscarClientePorDocumento('52998224725');
			await expect(failure).rejects.toMatchObject({ kind: 'indisponivel', details: { system: 'ixc', action: 'buscarClientePorDocumento', httpCode: 504 } });
			await expect(failure).rejects.not.toMatchObject({ message: expect.stringMatching(/52998224725|529\.982/) });
		});

		it('turns the HTML page answered with HTTP 200 into indisponivel', async () => {
			ixc.htmlErrorNext(1, 200);
			await expect(adapter.listarDepartamentos()).rejects.toMatchObject({ kind: 'indisponivel' });
		});

		it('turns "Seu IP não está liberado" into autenticacao, also on a PDF request', async () => {
			const maria = await customer('52998224725');
			const [invoice] = await adapter.listarFaturasAbertas(maria);
			ixc.ipNotAllowedNext(2);
			await expect(adapter.listarContratos(maria)).rejects.toMatchObject({ kind: 'autenticacao' });
			await expect(adapter.pdfFatura(invoice, maria)).rejects.toMatchObject({ kind: 'autenticacao' });
		});

		it('turns a resource this IXC does not offer into nao_suportado', async () => {
			const { cliente, contrato } = await contractOf('11222333000181', 'LINK BACKUP 100 MEGA');
			ixc.failNext(1, jsonReply(200, { type: 'error', message: 'Recurso liberacao_reducao_contrato_29157 não está disponível!' }));
			await expect(adapter.liberarReducaoVelocidade(cliente, contrato)).rejects.toMatchObject({ kind: 'nao_suportado' });
		});

		it('turns a wrong token into autenticacao without the token in the message', async () => {
			const wrongToken = adapterFor(ixc, { ixcToken: '8:token-errado' });
			const failure = wrongToken.buscarClientePorDocumento('52998224725');
			await expect(failure).rejects.toMatchObject({ kind: 'autenticacao', details: { httpCode: 401 } });
			await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('token-errado') });
		});

		it('gives up after timeoutSeconds on a hanging request', async () => {
			ixc.hangNext(1);
			await expect(adapterFor(ixc, { timeoutSeconds: 0.2 }).listarDepartamentos()).rejects.toMatchObject({ kind: 'timeout' });
		});

		it('reports an unreachable ERP as indisponivel', async () => {
			const gone = await startIxcSimulator();
			const unreachable = adapterFor(gone);
			await gone.close();
			await expect(unreachable.listarDepartamentos()).rejects.toMatchObject({ kind: 'indisponivel' });
		});

		it('reads a listing refused with {"type":"error"} as an ERP error and an unknown answer shape as one too', async () => {
			ixc.failNext(1, jsonReply(200, { type: 'error', message: 'Campo inválido!<br />' }));
			await expect(adapter.listarDepartamentos()).rejects.toMatchObject({ kind: 'erro_erp', message: expect.stringContaining('Campo inválido.') });
			ixc.failNext(1, jsonReply(200, ['não', 'é', 'listagem']));
			await expect(adapter.listarDepartamentos()).rejects.toMatchObject({ kind: 'erro_erp' });
		});
	});
});

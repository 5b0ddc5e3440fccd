/**
 * The facts every ERP adapter must give about the shared simulator data set
 * (test/simulators/erp-dataset.ts), whatever the ERP. Each adapter's test calls
 * `describeErpAdapterContract` with a factory that starts its simulator; actions the ERP's API does
 * not offer (`supports` false) must throw `ErpError` kind `nao_suportado`.
 */
import { ERP_CUSTOMER } from '../../../test/simulators/erp-dataset';
import { isoDate } from '../../../test/simulators/brazil-formats';
import { LISTAGEM_NAO_SUPORTADA, listarClientesFiltrados } from './listing';
import { ErpError, type ErpAdapter, type ErpAction, type FiltroClientes } from './types';

export interface ContractSubject {
	adapter: ErpAdapter;
	/** Makes the next `count` requests of the simulator fail with a 5xx / HTML error page. */
	failNext(count: number): void;
	/** Restores the simulator's data. */
	reset(): void;
	close(): Promise<void>;
}

const digits = (value: string) => value.replace(/[^\dA-Z]/gi, '').toUpperCase();

/**
 * What an ERP's API cannot express, so the contract asks the weaker fact instead. Leave empty unless
 * the API reference shows the data is not there.
 */
export interface ErpContractLimits {
	/** No reduced-speed state (MK-Auth, ReceitaNet): such a contract reads as active. */
	noReducedSpeedStatus?: boolean;
	/** The customer lookup by document brings no phone (ReceitaNet). */
	noPhonesInCustomer?: boolean;
	/** Open invoices carry only due date and amount: no boleto line, Pix or link (ReceitaNet). */
	noPaymentDataInInvoices?: boolean;
	/**
	 * The unlock is a full unblock with no trust window nor monthly quota (RBX's `contract_unblock`):
	 * a second blocked contract is unblocked too (flagged `desbloqueioTotal`), and only a contract that
	 * is not blocked is refused.
	 */
	fullUnblockWithoutQuota?: boolean;
	/** The customer's city is a code, not a name (IXC's `cliente.cidade`): the city filter is not asked by name. */
	cityIsCode?: boolean;
	/** The invoice listing brings no city (Hubsoft's `/financeiro`): the city filter is asked on blocked contracts. */
	noCityInInvoiceListing?: boolean;
}

export function describeErpAdapterContract(name: string, start: () => Promise<ContractSubject>, limits: ErpContractLimits = {}): void {
	describe(`adaptador ERP ${name}: contrato canônico`, () => {
		let subject: ContractSubject;
		let adapter: ErpAdapter;
		beforeAll(async () => {
			subject = await start();
			adapter = subject.adapter;
		});
		afterAll(async () => await subject.close());
		beforeEach(() => subject.reset());

		// `adapter` exists only once `beforeAll` ran: ask `supports` inside the test, not while collecting
		// tests (that skipped every optional action). Unsupported ones are covered by the nao_suportado test.
		const when = (action: ErpAction) => (title: string, test: () => Promise<void>) =>
			it(title, async () => {
				if (adapter.supports(action)) await test();
			});
		/** The conversation's contact, as the cards pass it (ERPs such as ReceitaNet need the caller's number). */
		const contato = { nome: 'Cliente', telefone: '5549999991234' };
		async function maria() {
			const found = await adapter.buscarClientePorDocumento('52998224725');
			if (!found) throw new Error('maria não encontrada');
			return found;
		}

		it('finds a customer by CPF given with or without mask, and maps it', async () => {
			const plain = await adapter.buscarClientePorDocumento('52998224725');
			const masked = await adapter.buscarClientePorDocumento('529.982.247-25');
			expect(plain).toMatchObject({ nome: ERP_CUSTOMER.maria.name, documento: '52998224725', tipoPessoa: 'fisica' });
			expect(masked?.id).toBe(plain?.id);
			if (!limits.noPhonesInCustomer) expect(plain?.telefones.map((phone) => phone.slice(-8))).toContain('87654321');
		});

		it('answers undefined for an unknown document', async () => {
			expect(await adapter.buscarClientePorDocumento('11144477735')).toBeUndefined();
		});

		it('finds a company by CNPJ', async () => {
			const company = await adapter.buscarClientePorDocumento('11222333000181');
			expect(company).toMatchObject({ nome: ERP_CUSTOMER.comercialSouza.name, tipoPessoa: 'juridica' });
		});

		it('lists the contracts of a customer with canonical status', async () => {
			const company = (await adapter.buscarClientePorDocumento('11222333000181'))!;
			const contracts = await adapter.listarContratos(company);
			expect(contracts).toHaveLength(2);
			const statuses = Object.fromEntries(contracts.map((contract) => [contract.plano, contract.status]));
			expect(Object.values(statuses).sort()).toEqual(limits.noReducedSpeedStatus ? ['ativo', 'ativo'] : ['ativo', 'reduzido']);
			const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
			const [blocked] = await adapter.listarContratos(joao);
			expect(blocked.status).toBe('bloqueado');
		});

		when('buscarClientesPorTelefone')('finds customers by phone (area code + number)', async () => {
			const found = await adapter.buscarClientesPorTelefone('11987654321');
			expect(found.map((customer) => digits(customer.documento))).toContain('52998224725');
		});

		it('lists open invoices with due date, amount and a way to pay', async () => {
			const invoices = await adapter.listarFaturasAbertas(await maria());
			expect(invoices).toHaveLength(1);
			const open = ERP_CUSTOMER.maria.invoices.find((invoice) => invoice.status === 'open')!;
			expect(invoices[0]).toMatchObject({ valor: open.amount, vencida: false });
			expect(invoices[0].vencimento).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			if (!limits.noPaymentDataInInvoices) expect(invoices[0].linhaDigitavel ?? invoices[0].pixCopiaECola ?? invoices[0].pdfUrl).toBeTruthy();
		});

		when('pdfFatura')('fetches the boleto PDF', async () => {
			const customer = await maria();
			const [invoice] = await adapter.listarFaturasAbertas(customer);
			const pdf = await adapter.pdfFatura(invoice, customer);
			expect(Buffer.from(pdf!.data, 'base64').subarray(0, 4).toString()).toBe('%PDF');
		});

		when('pixFatura')('gives the Pix copia-e-cola of an invoice', async () => {
			const customer = await maria();
			const [invoice] = await adapter.listarFaturasAbertas(customer);
			const pix = invoice.pixCopiaECola ?? (await adapter.pixFatura(invoice, customer));
			expect(pix).toMatch(/^000201/);
		});

		when('desbloqueioConfianca')('unlocks by trust a blocked contract once, and refuses it again with the date', async () => {
			const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
			const [contract] = await adapter.listarContratos(joao);
			expect(await adapter.desbloqueioConfianca(joao, contract, contato)).toMatchObject({ sucesso: true });
			const ana = (await adapter.buscarClientePorDocumento('17518172020'))!;
			const [used] = await adapter.listarContratos(ana);
			if (limits.fullUnblockWithoutQuota) {
				expect(await adapter.desbloqueioConfianca(ana, used, contato)).toMatchObject({ sucesso: true, desbloqueioTotal: true });
				const customer = await maria();
				const [active] = await adapter.listarContratos(customer);
				expect((await adapter.desbloqueioConfianca(customer, active, contato)).sucesso).toBe(false);
				return;
			}
			const refused = await adapter.desbloqueioConfianca(ana, used, contato);
			expect(refused.sucesso).toBe(false);
		});

		when('diagnostico')('diagnoses a contract: status, overdue invoices, connection', async () => {
			const joao = (await adapter.buscarClientePorDocumento('62710524520'))!;
			const [contract] = await adapter.listarContratos(joao);
			const diagnosis = await adapter.diagnostico(joao, contract, contato);
			expect(diagnosis.contrato.status).toBe('bloqueado');
			expect(diagnosis.faturasVencidas).toBeGreaterThan(0);
			if (diagnosis.conexao) expect(diagnosis.conexao.online).toBe(false);
		});

		when('abrirChamado')('opens a ticket and returns its protocol', async () => {
			const customer = await maria();
			const [contract] = await adapter.listarContratos(customer);
			const departments = adapter.supports('listarDepartamentos') ? await adapter.listarDepartamentos() : [];
			const ticket = await adapter.abrirChamado({
				cliente: customer,
				contrato: contract,
				departamentoId: departments[0]?.id,
				assunto: 'Sem conexão',
				descricao: 'Cliente relata queda desde ontem (via bot)',
				contato: { nome: 'Maria', telefone: '5511987654321' },
			});
			expect(ticket.protocolo).toBeTruthy();
		});

		it('turns a server failure into ErpError indisponivel, never a crash or data', async () => {
			subject.failNext(1);
			await expect(adapter.buscarClientePorDocumento('52998224725')).rejects.toMatchObject({ name: 'ErpError', kind: 'indisponivel' });
		});

		describe('customers by filter (listarClientes)', () => {
			// The data set's dates are relative to today in UTC.
			const list = async (filtro: FiltroClientes) =>
				(await listarClientesFiltrados(adapter, filtro, { maxClientes: 100, maxPaginas: 10 })).clientes;
			const names = (entries: Awaited<ReturnType<typeof list>>) => entries.map((entry) => entry.cliente.nome).sort();

			when('listarClientes')('lists the customers with an invoice due in exactly 3 days, with amount and a way to pay', async () => {
				const due = isoDate(3);
				const found = await list({ tipo: 'faturasAbertas', vencimentoDe: due, vencimentoAte: due });
				expect(names(found)).toEqual([ERP_CUSTOMER.comercialSouza.name]);
				const [souza] = found;
				expect(souza.faturas).toHaveLength(1);
				expect(souza.faturas[0]).toMatchObject({ vencimento: due, valor: 299.9, vencida: false });
				expect(souza.faturas[0].linhaDigitavel ?? souza.faturas[0].pixCopiaECola ?? souza.faturas[0].pdfUrl).toBeTruthy();
				expect(souza.cliente.telefones.map((phone) => phone.slice(-8))).toContain('98765432');
				expect(souza.contrato?.plano).toMatch(/EMPRESARIAL 500 MEGA/i);
			});

			when('listarClientes')('lists overdue customers once each, with every overdue invoice of the range', async () => {
				const found = await list({ tipo: 'faturasAbertas', vencimentoDe: isoDate(-60), vencimentoAte: isoDate(-1) });
				expect(names(found)).toEqual([ERP_CUSTOMER.ana.name, ERP_CUSTOMER.joao.name, ERP_CUSTOMER.comercialSouza.name].sort());
				expect(found.every((entry) => entry.faturas.length > 0 && entry.faturas.every((fatura) => fatura.vencida))).toBe(true);
			});

			when('listarClientes')('lists the customers of a blocked contract', async () => {
				const found = await list({ tipo: 'contratosBloqueados' });
				expect(names(found)).toEqual([ERP_CUSTOMER.ana.name, ERP_CUSTOMER.joao.name].sort());
				expect(found.every((entry) => entry.contrato?.status === 'bloqueado')).toBe(true);
			});

			when('listarClientes')('narrows by plan and by city', async () => {
				const range: FiltroClientes = { tipo: 'faturasAbertas', vencimentoDe: isoDate(0), vencimentoAte: isoDate(10) };
				expect(names(await list({ ...range, plano: 'empresarial' }))).toEqual([ERP_CUSTOMER.comercialSouza.name]);
				if (limits.noCityInInvoiceListing) expect(names(await list({ tipo: 'contratosBloqueados', cidade: 'chapeco' }))).toEqual([ERP_CUSTOMER.joao.name]);
				else if (!limits.cityIsCode) expect(names(await list({ ...range, cidade: 'sao paulo' }))).toEqual([ERP_CUSTOMER.maria.name]);
			});

			it('without listarClientes, says why (nao_suportado with the reason)', async () => {
				if (adapter.supports('listarClientes')) return;
				const listing = listarClientesFiltrados(adapter, { tipo: 'contratosBloqueados' }, { maxClientes: 10, maxPaginas: 1 });
				await expect(listing).rejects.toMatchObject({ name: 'ErpError', kind: 'nao_suportado' });
				expect(LISTAGEM_NAO_SUPORTADA[adapter.system]).toBeTruthy();
			});
		});

		it('throws nao_suportado for every action it does not support', async () => {
			const customer = await maria();
			const [contract] = await adapter.listarContratos(customer);
			const calls: Partial<Record<ErpAction, () => Promise<unknown>>> = {
				liberarReducaoVelocidade: () => adapter.liberarReducaoVelocidade(customer, contract),
				documentoAceite: () => adapter.documentoAceite(customer, contract),
				autenticarCentral: () => adapter.autenticarCentral(customer, 'x', 'y'),
				alterarSenhaWifi: () => adapter.alterarSenhaWifi(customer, contract, 'senha-nova-123'),
				listarNotasFiscais: () => adapter.listarNotasFiscais(customer),
				listarDepartamentos: () => adapter.listarDepartamentos(),
			};
			for (const [action, call] of Object.entries(calls) as Array<[ErpAction, () => Promise<unknown>]>) {
				if (adapter.supports(action)) continue;
				await expect(call()).rejects.toBeInstanceOf(ErpError);
				await expect(call()).rejects.toMatchObject({ kind: 'nao_suportado' });
			}
		});
	});
}

/**
 * MK Solutions ("MK ERP", `/mk/WSMK*.rule`) simulator, docs/apis-externas.md §D.7. Not MK-Auth.
 * Every service is a GET with `sys=MK0&token=…` in the query string. `WSAutenticacao.rule` takes the
 * user token, the contra-senha and `cd_servico=9999` and answers a session `Token` with `Expire`
 * (`DD/MM/YYYY HH:mm:ss`). Errors come with HTTP 200: `{status:"ERRO", Mensagem, "Num. ERRO"}`
 * (001 token inválido, 002 documento inválido, 003 não localizado, 999 token expirado); the
 * auto-unlock and Pix services write `mensagem` in lower case. Ids are JSON numbers
 * (`CodigoPessoa`, `codfatura`) or strings, dates `DD/MM/YYYY`, money `"1.234,56"`.
 * `WSMKFaturasPendentes` lists the whole carnê: each open contract also gets two future
 * installments (due in 60 and 90 days). The trust unlock is per connection and once a month; only
 * its text tells "not blocked" from "already used". Options reproduce version differences: Latin-1
 * answers, the V2 contract array, `CodigoConexao` instead of `codconexao`, `Agendas:` instead of
 * `conexao`.
 */
import { randomBytes } from 'node:crypto';

import { jsonReply, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { boleto, brDate, digitsOnly, isoDate, pixCopyPaste, unmaskDocument } from './brazil-formats';
import { applyTrustUnlock, cloneCustomers, contractsWithCustomers, trustUnlockUsedThisMonth, type ErpCustomer, type ErpInvoice } from './erp-dataset';
import { pdfReply } from './pdf';

/** The webservice profile the simulator accepts. */
export const MKSOLUTIONS_TEST_CREDENTIALS = { userToken: 'mk-user-token-0123456789abcdef', password: 'contra-senha-mk-1' } as const;

export interface MkSolutionsSimulatorOptions {
	/** Session lifetime in seconds (default 3600). */
	tokenTtlSeconds?: number;
	/** Answers encoded in Latin-1 (some installations). */
	latin1?: boolean;
	/** `WSMKContratosPorCliente` answers V2's bare array `[{codcontrato, status_contrato…}]`. */
	contractsV2?: boolean;
	/** Connections named `CodigoConexao` (as MK's docs write it) instead of `codconexao`. */
	connectionIdAsDocumented?: boolean;
	/** `WSMKConsultaConexaoAutenticada` answers `{"Agendas:": [...]}` instead of `{conexao: {...}}`. */
	sessionAsAgendas?: boolean;
}

export interface MkSolutionsSimulator extends Simulator {
	customers: ErpCustomer[];
	/** Tickets opened through `WSMKNovoAtendimento`. */
	openedTickets: Array<{ protocol: string; params: Record<string, string> }>;
	/** Expires every session now (the next call gets error 999). */
	expireSessions(): void;
}

function money(amount: number): string {
	return amount.toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function error(code: string, message: string, lowerCase = false): SimulatorReply {
	return jsonReply(200, lowerCase ? { status: 'ERRO', mensagem: message, codigo_erro: code } : { status: 'ERRO', Mensagem: message, 'Num. ERRO': code });
}

/** Future carnê installments MK lists with the open invoices. */
function futureInstallments(customer: ErpCustomer): ErpInvoice[] {
	return customer.contracts
		.filter((contract) => contract.state !== 'awaitingSignature')
		.flatMap((contract, index) =>
			[60, 90].map((days) => {
				const id = `${contract.id}${days}${index}`;
				const dueDate = isoDate(days);
				return { id, contractId: contract.id, issuedOn: isoDate(days - 15), dueDate, amount: contract.monthlyAmount, status: 'open', paidOn: null, ...boleto(id, contract.monthlyAmount, dueDate), pixTxid: '', pixCopyPaste: '' } as ErpInvoice;
			}),
		);
}

/** The connection id of a contract (its login's id). */
export function mkConnectionId(contractLoginId: string): string {
	return `9${contractLoginId}`;
}

export async function startMkSolutionsSimulator(options: MkSolutionsSimulatorOptions = {}): Promise<MkSolutionsSimulator> {
	const ttl = (options.tokenTtlSeconds ?? 3600) * 1000;
	const sessions = new Map<string, number>();
	let ticketSequence = 0;

	const reply = (body: unknown): SimulatorReply => {
		if (!options.latin1) return jsonReply(200, body);
		return { status: 200, headers: { 'content-type': 'application/json; charset=iso-8859-1' }, body: Buffer.from(JSON.stringify(body), 'latin1') };
	};

	function login(query: Record<string, string>): SimulatorReply {
		if (query.token !== MKSOLUTIONS_TEST_CREDENTIALS.userToken || query.password !== MKSOLUTIONS_TEST_CREDENTIALS.password || query.cd_servico !== '9999') {
			return error('001', 'Token inválido.');
		}
		const token = randomBytes(16).toString('hex');
		const expires = Date.now() + ttl;
		sessions.set(token, expires);
		const date = new Date(expires);
		const expire = `${brDate(date.toISOString())} ${date.toISOString().slice(11, 19)}`;
		return reply({ Token: token, Expire: expire, LimiteUso: 0, ServicosAutorizados: ['WSMKConsultaDoc', 'WSMKFaturasPendentes'], status: 'OK' });
	}

	const customerById = (id: string) => simulator.customers.find((customer) => customer.id === id);
	const everyInvoice = () => simulator.customers.flatMap((customer) => [...customer.invoices, ...futureInstallments(customer)].map((invoice) => ({ customer, invoice })));
	const connectionKey = options.connectionIdAsDocumented ? 'CodigoConexao' : 'codconexao';

	function consultDoc(doc: string): SimulatorReply {
		if (![11, 14].includes(doc.length)) return error('002', 'Documento inválido.');
		const customer = simulator.customers.find((candidate) => unmaskDocument(candidate.document) === doc);
		if (!customer) return error('003', 'Documento não localizado.');
		return reply({
			CodigoPessoa: Number(customer.id),
			Nome: customer.name,
			Email: customer.email,
			Fone: customer.phones[customer.phones.length - 1],
			CEP: customer.address.zip,
			Endereco: `${customer.address.street}, ${customer.address.number} - ${customer.address.city}`,
			Latitude: '',
			Longitude: '',
			Situacao: 'Ativo',
			status: 'OK',
			Outros: [],
		});
	}

	function contracts(customer: ErpCustomer): SimulatorReply {
		const status = (state: string) => (state === 'blockedForDebt' ? 'Bloqueado' : 'Ativo');
		if (options.contractsV2) {
			return reply(customer.contracts.map((contract) => ({ codcontrato: contract.id, status_contrato: status(contract.state), plano_acesso: contract.planName, adesao: brDate(contract.activatedOn) })));
		}
		return reply({
			CodigoPessoa: Number(customer.id),
			Nome: customer.name,
			status: 'OK',
			ContratosAtivos: customer.contracts.map((contract) => ({
				codcontrato: contract.id,
				plano_acesso: contract.planName,
				adesao: brDate(contract.activatedOn),
				previsao_vencimento: '10',
				cd_empresa: '1',
				nome_empresa: 'PROVEDOR EXEMPLO',
			})),
		});
	}

	function connections(customer: ErpCustomer): SimulatorReply {
		return reply({
			status: 'OK',
			Conexoes: customer.contracts.map((contract) => ({
				[connectionKey]: mkConnectionId(contract.login.id),
				contrato: contract.id,
				username: contract.login.login,
				bloqueada: contract.state === 'blockedForDebt' ? 'Sim' : 'Não',
				motivo_bloqueio: contract.state === 'blockedForDebt' ? 'Bloqueio financeiro por débito' : '',
				endereco: `${customer.address.street}, ${customer.address.number} - ${customer.address.city}`,
				mac_address: contract.login.mac,
			})),
		});
	}

	function openInvoices(customer: ErpCustomer): SimulatorReply {
		const open = [...customer.invoices, ...futureInstallments(customer)].filter((invoice) => invoice.status === 'open');
		if (open.length === 0) return error('003', 'Nenhuma fatura pendente localizada.');
		return reply({
			status: 'OK',
			FaturasPendentes: open.map((invoice) => ({ codfatura: Number(invoice.id), descricao: `Mensalidade ${brDate(invoice.dueDate).slice(3)}`, data_vencimento: brDate(invoice.dueDate), valor_total: money(invoice.amount), contratos: invoice.contractId })),
		});
	}

	function secondCopy(id: string, baseUrl: string): SimulatorReply {
		const found = everyInvoice().find(({ invoice }) => invoice.id === id);
		if (!found) return error('003', 'Fatura não localizada.');
		return reply({ CodigoPessoa: Number(found.customer.id), Fatura: found.invoice.id, PathDownload: `${baseUrl}/boletos/${found.invoice.id}.pdf`, Valor: money(found.invoice.amount), Vcto: brDate(found.invoice.dueDate), status: 'OK' });
	}

	function pix(id: string): SimulatorReply {
		const found = everyInvoice().find(({ invoice }) => invoice.id === id);
		if (!found || !found.invoice.pixCopyPaste) return error('01', 'Fatura sem Pix registrado.', true);
		return reply({ codpessoa: Number(found.customer.id), nome_razaosocial: found.customer.name, status_contrato: 'Ativo', texto_qrcode: pixCopyPaste(found.invoice.pixTxid, found.invoice.amount), status: 'OK' });
	}

	const byConnection = (id: string) => contractsWithCustomers(simulator.customers).find(({ contract }) => mkConnectionId(contract.login.id) === id);

	function autoUnlock(id: string): SimulatorReply {
		const found = byConnection(id);
		if (!found) return error('003', 'Conexão não localizada.');
		if (found.contract.state !== 'blockedForDebt') return error('', 'Status na conexão incompatível para auto-desbloqueio.', true);
		if (!found.contract.trustUnlockEnabled || trustUnlockUsedThisMonth(found.contract)) return error('', 'Operação indisponível para esta conexão.', true);
		applyTrustUnlock(found.contract);
		return reply({ status: 'OK' });
	}

	function authenticatedConnection(id: string): SimulatorReply {
		const found = byConnection(id);
		if (!found) return error('003', 'Conexão não localizada.');
		const { login } = found.contract;
		if (!login.online) return error('003', 'Conexão não autenticada.');
		const session = { down: '300000', up: '150000', tempo: '2 dias', nas: '10.0.0.1', framedip: login.ipv4, dt_hr_parada: '', dt_hr_retorno: `${brDate(login.lastConnectionStart ?? isoDate())} ${(login.lastConnectionStart ?? '').slice(11) || '08:15:00'}` };
		return reply(options.sessionAsAgendas ? { status: 'OK', 'Agendas:': [session] } : { status: 'OK', conexao: session });
	}

	function newTicket(query: Record<string, string>): SimulatorReply {
		if (!customerById(query.cd_cliente ?? '')) return error('003', 'Cliente não localizado.');
		if (!query.cd_processo || !query.cd_classificacao_ate) return error('004', 'Processo e classificação são obrigatórios.');
		ticketSequence += 1;
		const protocol = `${isoDate().replace(/-/g, '')}${String(ticketSequence).padStart(6, '0')}`;
		simulator.openedTickets.push({ protocol, params: { ...query } });
		return reply({ status: 'OK', CodigoAtendimento: 7000 + ticketSequence, Protocolo: protocol });
	}

	function portalLogin(query: Record<string, string>): SimulatorReply {
		const customer = simulator.customers.find((candidate) => unmaskDocument(candidate.document) === digitsOnly(query.user_sac ?? '') || candidate.email === query.user_sac);
		if (!customer || query.pass_sac !== `sac${customer.id}`) return error('005', 'Usuário ou senha inválidos.');
		return reply({ AcessoSAC: 'Sim', CodigoPessoa: Number(customer.id), Nome: customer.name, status: 'OK' });
	}

	function handle(request: RecordedRequest, baseUrl: string): SimulatorReply {
		const pdf = /^\/boletos\/(\d+)\.pdf$/.exec(request.path);
		if (pdf) return pdfReply(`Boleto MK Solutions ${pdf[1]}`);
		const service = /^\/mk\/(\w+)\.rule$/.exec(request.path)?.[1];
		if (!service) return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>404 Not Found</body></html>' };
		const query = request.query;
		if (query.sys !== 'MK0') return error('001', 'Sistema inválido.');
		if (service === 'WSAutenticacao') return login(query);
		const expires = sessions.get(query.token ?? '');
		if (expires === undefined) return error('001', 'Token inválido.');
		if (expires < Date.now()) return error('999', 'Token expirado ou não encontrado.');
		const customer = customerById(query.cd_cliente ?? '');
		switch (service) {
			case 'WSMKConsultaDoc':
				return consultDoc(query.doc ?? '');
			case 'WSMKContratosPorCliente':
				return customer ? contracts(customer) : error('003', 'Cliente não localizado.');
			case 'WSMKConexoesPorCliente':
				return customer ? connections(customer) : error('003', 'Cliente não localizado.');
			case 'WSMKFaturasPendentes':
				return customer ? openInvoices(customer) : error('003', 'Cliente não localizado.');
			case 'WSMKSegundaViaCobranca':
				return secondCopy(query.cd_fatura ?? '', baseUrl);
			case 'WSMKRetornarCopieColaPix':
				return pix(query.CodigoFatura ?? '');
			case 'WSMKAutoDesbloqueio':
				return autoUnlock(query.cd_conexao ?? '');
			case 'WSMKConsultaConexaoAutenticada':
				return authenticatedConnection(query.codconexao ?? '');
			case 'WSMKNovoAtendimento':
				return newTicket(query);
			case 'WSMKUserSenhaSAC':
				return portalLogin(query);
			default:
				return error('001', 'Serviço não autorizado para este token.');
		}
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
			simulator.openedTickets = [];
		},
	});
	const simulator: MkSolutionsSimulator = Object.assign(base, {
		customers: cloneCustomers(),
		openedTickets: [] as MkSolutionsSimulator['openedTickets'],
		expireSessions() {
			for (const token of sessions.keys()) sessions.set(token, 0);
		},
	});
	return simulator;
}

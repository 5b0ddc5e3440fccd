/**
 * Hubsoft integration API simulator, docs/apis-externas.md §D.2 and the official docs
 * (hubsoftbrasil/api). `POST /oauth/token` (password grant, JSON) issues a Bearer token valid for
 * `expires_in` seconds; every `/api/v1/integracao/…` call needs it (401 otherwise). Endpoints:
 * cliente (busca cpf_cnpj | codigo_cliente | telefone | nome_razaosocial | login_radius | ipv4 |
 * mac; `incluir_contrato=sim` adds each service's contract documents), cliente/financeiro,
 * cliente/desbloqueio_confianca, cliente/atendimento, atendimento (create, optional
 * id_tipo_atendimento), configuracao/tipo_atendimento, cliente/autenticacao (subscriber-portal
 * login), cliente/contrato/aceitar_contrato (PUT), cliente/nota_fiscal (telecom notes and NFS-e),
 * cliente/extrato_conexao, and the PDF links of invoices, contracts and NFS-e. Documented quirks kept:
 * `"status": "suscess"` on financeiro and atendimento listings, `data_nascmento`, digits-only
 * `cpf_cnpj` (searches must send digits). Error bodies other than the token endpoint's are not
 * documented: the simulator answers `{ status: "error", msg }` with HTTP 200 and
 * `{ message: "Unauthenticated." }` with 401.
 */
import { randomBytes } from 'node:crypto';

import { headerValue, isPlainObject, jsonReply, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { brDate, digitsOnly, isoDate, unmaskDocument } from './brazil-formats';
import { applyTrustUnlock, cloneCustomers, contractsWithCustomers, findContract, trustUnlockUsedThisMonth, type ErpContract, type ErpCustomer } from './erp-dataset';
import {
	centralLoginCustomer,
	customerObject,
	customerSummary,
	hubsoftContractDocumentId,
	hubsoftCustomerId,
	invoiceObject,
	receivableObject,
	serviceInvoiceObject,
	ticketObject,
	type HubsoftServiceInvoice,
} from './hubsoft-records';
import { pdfReply } from './pdf';

/** The OAuth client and user the simulator accepts. */
export const HUBSOFT_TEST_CREDENTIALS = {
	client_id: '3',
	client_secret: 'hubsoft-simulator-client-secret',
	username: 'api@provedor-teste.example',
	password: 'hubsoft-simulator-password',
} as const;

/** Ticket types (`configuracao/tipo_atendimento`), the official example's two and one more. */
export const HUBSOFT_TICKET_TYPES = [
	{ id_tipo_atendimento: 109, descricao: 'SEM ACESSO A INTERNET' },
	{ id_tipo_atendimento: 111, descricao: 'OSCILAÇÃO/QUEDAS DE CONEXÃO' },
	{ id_tipo_atendimento: 130, descricao: 'FINANCEIRO - SEGUNDA VIA' },
] as const;

/** The subscriber-portal password the simulator starts with for a customer (its user is the CPF/CNPJ digits). */
export function hubsoftCentralPassword(customer: Pick<ErpCustomer, 'code'>): string {
	return `central-${customer.code}`;
}

/** Options of {@link startHubsoftSimulator}. */
export interface HubsoftSimulatorOptions {
	/** Token lifetime in seconds (default 2592000, 30 days). */
	expiresInSeconds?: number;
	/** Most days a trust unlock may last (the ISP's panel rule; default 3). */
	maxTrustUnlockDays?: number;
}

/** A running Hubsoft simulator. */
export interface HubsoftSimulator extends Simulator {
	customers: ErpCustomer[];
	/** Mass-outage notices per customer id, returned as `alerta_mensagens`. */
	outageAlerts: Record<string, string[]>;
	/** Service invoices (NFS-e) per customer id, listed under `nfses` next to the data set's telecom notes. */
	serviceInvoices: Record<string, HubsoftServiceInvoice[]>;
	/** Subscriber-portal password per customer id (see {@link hubsoftCentralPassword}). */
	centralPasswords: Record<string, string>;
	/** Invalidates every issued token, as a Hubsoft update does (next calls get 401). */
	revokeTokens(): void;
}

type Query = Record<string, string>;
type Route = (query: Query, baseUrl: string) => SimulatorReply;

const API = '/api/v1/integracao';
const error = (msg: string): SimulatorReply => jsonReply(200, { status: 'error', msg });
/** `YYYY-MM-DD` plus `days`. */
const addIsoDays = (date: string, days: number): string => isoDate(days, new Date(`${date}T00:00:00Z`));
const clamp = (value: string | undefined, fallback: number, max: number) => Math.min(Math.max(Number(value) || fallback, 1), max);

/** Starts a Hubsoft simulator on a random loopback port. */
export async function startHubsoftSimulator(options: HubsoftSimulatorOptions = {}): Promise<HubsoftSimulator> {
	const expiresIn = options.expiresInSeconds ?? 2_592_000;
	const maxTrustDays = options.maxTrustUnlockDays ?? 3;
	const tokens = new Map<string, number>();
	let nextTicketId = 4200;

	function issueToken(request: RecordedRequest): SimulatorReply {
		const body = isPlainObject(request.json) ? request.json : {};
		const valid =
			body.grant_type === 'password' &&
			String(body.client_id) === HUBSOFT_TEST_CREDENTIALS.client_id &&
			body.client_secret === HUBSOFT_TEST_CREDENTIALS.client_secret &&
			body.username === HUBSOFT_TEST_CREDENTIALS.username &&
			body.password === HUBSOFT_TEST_CREDENTIALS.password;
		if (!valid) {
			return jsonReply(401, { error: 'invalid_credentials', error_description: 'The user credentials were incorrect.', message: 'The user credentials were incorrect.' });
		}
		const accessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}`;
		tokens.set(accessToken, Date.now() + expiresIn * 1000);
		return jsonReply(200, { access_token: accessToken, expires_in: expiresIn, refresh_token: `def50200${randomBytes(32).toString('hex')}`, token_type: 'Bearer' });
	}

	function authorized(request: RecordedRequest): boolean {
		const token = /^Bearer (.+)$/.exec(headerValue(request, 'authorization') ?? '')?.[1];
		const expiresAt = token ? tokens.get(token) : undefined;
		return expiresAt !== undefined && expiresAt > Date.now();
	}

	const all = () => simulator.customers;

	/** Customers matching `busca`/`termo_busca` on the client endpoint; `undefined` for an unknown `busca`. */
	function searchCustomers(busca: string, term: string): ErpCustomer[] | undefined {
		const byContract = (test: (contract: ErpContract) => boolean) => all().filter((customer) => customer.contracts.some(test));
		switch (busca) {
			case 'cpf_cnpj':
				return all().filter((customer) => unmaskDocument(customer.document) === term);
			case 'codigo_cliente':
				return all().filter((customer) => String(customer.code) === term);
			case 'telefone':
				return all().filter((customer) => customer.phones.some((phone) => digitsOnly(phone) === term));
			case 'nome_razaosocial':
			case 'nome_fantasia':
				return all().filter((customer) => customer.name.toLowerCase().includes(term.toLowerCase()));
			case 'login_radius':
				return byContract((contract) => contract.login.login === term);
			case 'ipv4':
				return byContract((contract) => contract.login.ipv4 === term);
			case 'mac':
				return byContract((contract) => contract.login.mac.toLowerCase() === term.toLowerCase());
			default:
				return undefined;
		}
	}

	/** Services selected by `busca` ∈ cpf_cnpj | codigo_cliente | id_cliente_servico (financeiro, atendimento). */
	function searchServices(busca: string, term: string): Array<{ customer: ErpCustomer; contract: ErpContract }> | undefined {
		if (busca === 'id_cliente_servico') return contractsWithCustomers(all()).filter(({ contract }) => contract.id === term);
		if (busca === 'cpf_cnpj' || busca === 'codigo_cliente') return contractsWithCustomers(searchCustomers(busca, term) ?? []);
		return undefined;
	}

	const customers: Route = (query, baseUrl) => {
		const found = searchCustomers(query.busca ?? '', query.termo_busca ?? '');
		if (!found) return error('Tipo de busca inválido');
		const rendering = { withLastConnection: query.ultima_conexao === 'sim', withContracts: query.incluir_contrato === 'sim', baseUrl };
		const list = found.slice(0, clamp(query.limit, 5, 100)).map((customer) => customerObject(customer, simulator.outageAlerts[customer.id] ?? [], rendering));
		return jsonReply(200, { status: 'success', msg: 'Dados consultados com sucesso', clientes: list });
	};

	const invoices: Route = (query, baseUrl) => {
		const services = searchServices(query.busca ?? '', query.termo_busca ?? '');
		if (!services) return error('Tipo de busca inválido');
		const onlyPending = (query.apenas_pendente ?? 'sim') === 'sim';
		const direction = query.order_type === 'desc' ? -1 : 1;
		const list = services
			.flatMap(({ customer, contract }) => customer.invoices.filter((invoice) => invoice.contractId === contract.id).map((invoice) => ({ customer, invoice })))
			.filter(({ invoice }) => !onlyPending || invoice.status === 'open')
			.filter(({ invoice }) => (!query.data_inicio || invoice.dueDate >= query.data_inicio) && (!query.data_fim || invoice.dueDate <= query.data_fim))
			.sort((a, b) => direction * a.invoice.dueDate.localeCompare(b.invoice.dueDate))
			.slice(0, clamp(query.limit, 20, 50));
		return jsonReply(200, { status: 'suscess', msg: 'Dados consultados com sucesso', faturas: list.map(({ customer, invoice }) => invoiceObject(customer, invoice, baseUrl)) });
	};

	/**
	 * `/financeiro` (docs/source/financeiro/consulta.rst): contas a receber of every customer by
	 * `tipo_data` (default data_vencimento) between `data_inicio` and `data_fim` (default: the last 10
	 * days); without `busca` the range is cut to 30 days. No offset. Dates `YYYY-MM-DD` plus `_br`.
	 */
	const receivables: Route = (query, baseUrl) => {
		const start = query.data_inicio || isoDate(-10);
		const requestedEnd = query.data_fim || isoDate(0);
		const cap = addIsoDays(start, 30);
		const end = !query.busca && requestedEnd > cap ? cap : requestedEnd;
		const onlyPaid = query.apenas_quitado === 'sim';
		const list = all()
			.flatMap((customer) => customer.invoices.map((invoice) => ({ customer, invoice })))
			.filter(({ invoice }) => (onlyPaid ? invoice.status === 'paid' : query.apenas_quitado === 'nao' ? invoice.status === 'open' : true))
			.filter(({ invoice }) => invoice.dueDate >= start && invoice.dueDate <= end)
			.sort((a, b) => a.invoice.dueDate.localeCompare(b.invoice.dueDate))
			.slice(0, query.limit ? Math.max(1, Number(query.limit)) : undefined);
		return jsonReply(200, { status: 'success', msg: 'Dados consultados com sucesso.', faturas: list.map(({ customer, invoice }) => receivableObject(customer, invoice, baseUrl, query.tipo_resultado === 'detalhado')) });
	};

	/** `/cliente/all` (docs/source/clientes/all.rst): every customer with his services, by `limit`/`offset`. */
	const allCustomers: Route = (query, baseUrl) => {
		const offset = Math.max(0, Number(query.offset) || 0);
		const limit = query.limit ? Math.max(1, Number(query.limit)) : undefined;
		const rendering = { withLastConnection: false, withContracts: false, baseUrl };
		const list = all().slice(offset, limit === undefined ? undefined : offset + limit);
		return jsonReply(200, { status: 'success', msg: 'Dados consultados com sucesso', clientes: list.map((customer) => customerObject(customer, [], rendering)) });
	};

	const tickets: Route = (query) => {
		const term = query.termo_busca ?? '';
		const busca = query.busca ?? '';
		const onlyPending = (query.apenas_pendente ?? 'sim') === 'sim';
		const services = busca === 'protocolo' ? contractsWithCustomers(all()) : searchServices(busca, term);
		if (!services) return error('Tipo de busca inválido');
		const list = services
			.flatMap(({ customer, contract }) => customer.tickets.filter((ticket) => ticket.contractId === contract.id).map((ticket) => ticketObject(customer, ticket)))
			.filter((ticket) => busca !== 'protocolo' || ticket.protocolo === term)
			.filter((ticket) => !onlyPending || ticket.status !== 'Finalizado')
			.slice(0, clamp(query.limit, 20, 50));
		return jsonReply(200, { status: 'suscess', msg: 'Dados consultados com sucesso', atendimentos: list });
	};

	const fiscalNotes: Route = (query, baseUrl) => {
		if (query.busca !== 'id_cliente') return error('Tipo de busca inválido');
		const customer = all().find((candidate) => String(hubsoftCustomerId(candidate)) === query.termo_busca);
		if (!customer) return error('Cliente não encontrado');
		if (query.data_inicio && query.data_fim && Date.parse(query.data_fim) - Date.parse(query.data_inicio) > 60 * 86_400_000) {
			return error('O intervalo entre data_inicio e data_fim não pode ser maior que 60 dias');
		}
		const issuedInRange = (issuedOn: string) => (!query.data_inicio || issuedOn >= query.data_inicio) && (!query.data_fim || issuedOn <= query.data_fim);
		const notes = customer.fiscalNotes
			.filter((note) => issuedInRange(note.issuedOn))
			.map((note) => ({
				id_nota_fiscal: Number(note.id),
				id_tipo_documento_fiscal: 1,
				numero_nota: note.number,
				serie_nota: note.series,
				cfop: '5307',
				identificacao: `NF${note.id}${note.number}`,
				valor: String(note.amount),
				data_cadastro_br: `${brDate(note.issuedOn)} 09:07`,
				data_emissao_br: brDate(note.issuedOn),
				data_cancelamento_br: null,
				cancelado: false,
				tipo_documento_fiscal: { id_tipo_documento_fiscal: 1, descricao: 'Nota Fiscal de Serviço de Comunicação', codigo: note.model, ativo: true, display: `${note.model} - Nota Fiscal de Serviço de Comunicação` },
				// The official Postman example ends each telecom note with its PDF `link`.
				link: `${baseUrl}/pdf/nota/${note.id}`,
			}));
		return jsonReply(200, {
			status: 'success',
			msg: 'Dados carregados com sucesso',
			cliente: { id_cliente: hubsoftCustomerId(customer), codigo_cliente: customer.code, nome_razaosocial: customer.name },
			notas_fiscais: notes,
			nfes: [],
			nfses: (simulator.serviceInvoices[customer.id] ?? []).filter((invoice) => issuedInRange(invoice.issuedOn)).map((invoice) => serviceInvoiceObject(invoice, baseUrl)),
		});
	};

	const connectionLog: Route = (query) => {
		if (query.busca !== 'login') return error('Tipo de busca inválido');
		const found = contractsWithCustomers(all()).find(({ contract }) => contract.login.login === query.termo_busca);
		if (!found) return jsonReply(200, { status: 'success', msg: 'Dados consultados com sucesso', registros: [], estatisticas: { total_conexoes: 0 } });
		const { customer, contract } = found;
		const login = contract.login;
		const registros = login.lastConnectionStart
			? [
					{
						acctstarttime: `${login.lastConnectionStart}-03`,
						acctstarttimebr: `${brDate(login.lastConnectionStart)} ${login.lastConnectionStart.slice(11)}`,
						acctstoptime: login.lastConnectionEnd ? `${login.lastConnectionEnd}-03` : null,
						acctstoptimebr: login.lastConnectionEnd ? `${brDate(login.lastConnectionEnd)} ${login.lastConnectionEnd.slice(11)}` : null,
						calledstationid: 'service2',
						callingstationid: login.mac,
						download_megabytes: 4594.95,
						upload_megabytes: 156.12,
						framedipaddress: login.ipv4,
						nasipaddress: '172.17.22.132',
						nasportid: 'ether3',
						nasporttype: 'Ethernet',
						username: login.login,
						servico: { numero_plano: 1, nome: contract.planName, valor: contract.monthlyAmount },
						cliente: customerSummary(customer),
					},
				]
			: [];
		return jsonReply(200, {
			status: 'success',
			msg: 'Dados consultados com sucesso',
			registros,
			estatisticas: { total_conexoes: registros.length, download_total: registros.length ? 4594.95 : 0, upload_total: registros.length ? 156.12 : 0 },
		});
	};

	function trustUnlock(request: RecordedRequest): SimulatorReply {
		const body = isPlainObject(request.json) ? request.json : {};
		const days = Number(body.dias_desbloqueio ?? 1);
		const found = findContract(all(), String(body.id_cliente_servico ?? ''));
		if (!found) return error('Serviço do cliente não encontrado');
		if (!Number.isInteger(days) || days < 1) return error('O campo dias_desbloqueio deve ser um número inteiro maior que 0');
		if (days > maxTrustDays) return error(`O valor informado para os dias de desbloqueio (${days}) não é permitido, pois ultrapassa o máximo de ${maxTrustDays} dia(s) configurado`);
		const { contract } = found;
		if (contract.state !== 'blockedForDebt') return error('O serviço não está suspenso');
		if (!contract.trustUnlockEnabled || trustUnlockUsedThisMonth(contract)) return error('O desbloqueio em confiança já foi utilizado neste período');
		applyTrustUnlock(contract);
		return jsonReply(200, { status: 'success', msg: `Desbloqueio em confiança realizado com sucesso até a data ${brDate(isoDate(days))}` });
	}

	function createTicket(request: RecordedRequest): SimulatorReply {
		const body = isPlainObject(request.json) ? request.json : {};
		for (const field of ['id_cliente_servico', 'descricao', 'nome', 'telefone']) {
			if (body[field] === undefined || body[field] === '') return error(`O campo ${field} é obrigatório`);
		}
		if (!/^\d{10,11}$/.test(String(body.telefone))) return error('O campo telefone deve estar no formato DDNNNNNNNNN');
		const found = findContract(all(), String(body.id_cliente_servico));
		if (!found) return error('Serviço do cliente não encontrado');
		const type = body.id_tipo_atendimento === undefined ? undefined : HUBSOFT_TICKET_TYPES.find((candidate) => String(candidate.id_tipo_atendimento) === String(body.id_tipo_atendimento));
		if (body.id_tipo_atendimento !== undefined && !type) return error('Tipo de atendimento não encontrado');
		const id = String(nextTicketId++);
		const ticket = {
			id,
			protocol: `${isoDate().replace(/-/g, '')}${id.padStart(7, '0')}`,
			contractId: found.contract.id,
			subject: type?.descricao ?? 'SAC',
			description: String(body.descricao),
			openedOn: isoDate(),
			status: 'open' as const,
		};
		found.customer.tickets.push(ticket);
		return jsonReply(200, { status: 'success', msg: `Atendimento aberto com sucesso. Anote o protocolo: ${ticket.protocol}.`, atendimento: ticketObject(found.customer, ticket) });
	}

	function centralLogin(request: RecordedRequest): SimulatorReply {
		const body = isPlainObject(request.json) ? request.json : {};
		for (const field of ['usuario', 'senha']) {
			if (typeof body[field] !== 'string' || body[field] === '') return error(`O campo ${field} é obrigatório`);
		}
		const customer = all().find((candidate) => unmaskDocument(candidate.document) === body.usuario);
		if (!customer || simulator.centralPasswords[customer.id] !== body.senha) return error('Usuário ou senha inválidos');
		return jsonReply(200, { status: 'success', msg: 'Usuário autenticado com sucesso', cliente: centralLoginCustomer(customer) });
	}

	/** `PUT cliente/contrato/aceitar_contrato`: marks contract documents accepted (Postman "Clientes / Contrato / Marcar como Aceito"). */
	function acceptContracts(request: RecordedRequest): SimulatorReply {
		const body = isPlainObject(request.json) ? request.json : {};
		const ids = body.ids_cliente_servico_contrato;
		if (!Array.isArray(ids) || ids.length === 0) return error('O campo ids_cliente_servico_contrato é obrigatório');
		if (typeof body.data_aceito !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.data_aceito)) return error('O campo data_aceito deve estar no formato YYYY-MM-DD');
		if (body.hora_aceito !== undefined && !/^\d{2}:\d{2}$/.test(String(body.hora_aceito))) return error('O campo hora_aceito deve estar no formato HH:MI');
		if (typeof body.observacao !== 'string' || body.observacao === '') return error('O campo observacao é obrigatório');
		const services = contractsWithCustomers(all());
		const chosen = ids.map((id) => services.find(({ contract }) => String(hubsoftContractDocumentId(contract)) === String(id)));
		if (chosen.some((found) => !found)) return error('Contrato do serviço do cliente não encontrado');
		const pending = chosen.filter((found): found is (typeof services)[number] => found !== undefined);
		if (pending.some(({ contract }) => contract.acceptanceSignedOn !== null)) return error('O contrato informado já foi aceito');
		const acceptedAt = `${brDate(body.data_aceito)} ${String(body.hora_aceito ?? '00:00')}`;
		for (const { contract } of pending) contract.acceptanceSignedOn = body.data_aceito;
		return jsonReply(200, {
			status: 'success',
			msg: `${pending.length} contrato(s) foi(ram) aceito(s) com sucesso!`,
			itens_aceito: pending.map(({ customer, contract }) => ({
				id_cliente_servico_contrato: hubsoftContractDocumentId(contract),
				data_aceito_br: acceptedAt,
				aceito: true,
				numero_contrato: Number(contract.id) + 4000,
				cliente_servico: { id_cliente_servico: Number(contract.id), id_cliente: hubsoftCustomerId(customer), display: `(1) ${contract.planName}` },
			})),
		});
	}

	const ticketTypes: Route = () => jsonReply(200, { status: 'success', msg: 'Dados consultados com sucesso', tipos_atendimento: HUBSOFT_TICKET_TYPES, encrypted: false });

	const getRoutes: Record<string, Route> = {
		[`${API}/cliente`]: customers,
		[`${API}/cliente/financeiro`]: invoices,
		[`${API}/financeiro`]: receivables,
		[`${API}/cliente/all`]: allCustomers,
		[`${API}/cliente/atendimento`]: tickets,
		[`${API}/cliente/nota_fiscal`]: fiscalNotes,
		[`${API}/cliente/extrato_conexao`]: connectionLog,
		[`${API}/configuracao/tipo_atendimento`]: ticketTypes,
	};
	const pdfRoutes: Record<string, string> = { '/pdf/fatura/': 'Fatura', '/pdf/contrato/': 'Contrato', '/pdf/nfse/': 'NFS-e', '/pdf/nota/': 'Nota Fiscal' };

	function handle(request: RecordedRequest, baseUrl: string): SimulatorReply {
		const path = request.path.replace(/\/+$/, '');
		if (path === '/oauth/token' && request.method === 'POST') return issueToken(request);
		const pdfPrefix = Object.keys(pdfRoutes).find((prefix) => path.startsWith(prefix));
		if (pdfPrefix && request.method === 'GET') return pdfReply(`${pdfRoutes[pdfPrefix]} Hubsoft ${path.slice(pdfPrefix.length)}`);
		if (!authorized(request)) return jsonReply(401, { message: 'Unauthenticated.' });
		if (request.method === 'GET' && getRoutes[path]) return getRoutes[path](request.query, baseUrl);
		if (request.method === 'POST' && path === `${API}/cliente/desbloqueio_confianca`) return trustUnlock(request);
		if (request.method === 'POST' && path === `${API}/atendimento`) return createTicket(request);
		if (request.method === 'POST' && path === `${API}/cliente/autenticacao`) return centralLogin(request);
		if (request.method === 'PUT' && path === `${API}/cliente/contrato/aceitar_contrato`) return acceptContracts(request);
		return jsonReply(404, { status: 'error', msg: 'Rota não encontrada' });
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
			simulator.outageAlerts = {};
			simulator.serviceInvoices = {};
			simulator.centralPasswords = centralPasswordsOf(simulator.customers);
			tokens.clear();
			nextTicketId = 4200;
		},
	});
	const initialCustomers = cloneCustomers();
	const simulator: HubsoftSimulator = Object.assign(base, {
		customers: initialCustomers,
		outageAlerts: {} as Record<string, string[]>,
		serviceInvoices: {} as Record<string, HubsoftServiceInvoice[]>,
		centralPasswords: centralPasswordsOf(initialCustomers),
		revokeTokens() {
			tokens.clear();
		},
	});
	return simulator;
}

function centralPasswordsOf(customers: ErpCustomer[]): Record<string, string> {
	return Object.fromEntries(customers.map((customer) => [customer.id, hubsoftCentralPassword(customer)]));
}

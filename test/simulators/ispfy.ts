/**
 * ISPFY simulator (docs/apis-externas.md §D.9), built from the vendor's Postman collection "ISPFY":
 * the "Tool" routes the adapter uses and the deprecated "Object" route of ticket topics, serving
 * the shared data set (erp-dataset.ts). Quirks reproduced:
 * - the header `Token` authenticates; without it (or wrong) → HTTP 401 plain text [UNCERTAIN: the
 *   collection shows no refusal];
 * - errors are plain text with HTTP 500 ("A opção de liberação de bloqueio não está ativa"), or with
 *   HTTP 200 when `errorsWithStatus200` is set (routes of some versions answer so) [UNCERTAIN];
 * - an unknown document is a plain-text "Cliente não encontrado para o documento <doc>" (HTTP 500),
 *   or `{ "message": "Cliente não encontrado" }` with HTTP 404 when `notFoundAs404` is set (the
 *   shape of the partner route "Academia do Provedor") [UNCERTAIN: the Tool route's is not shown];
 * - `info`'s `cobrancas` and `pontos` are objects keyed by position (`{"27": {...}}`), as in the
 *   collection's example; `listsAsArrays` renders them as arrays;
 * - money: `info` in integer cents as strings, boleto JSON in Brazilian text (`"99,90"`); dates:
 *   `info` `YYYY-MM-DD HH:MM:SS`, boleto JSON `DD/MM/YYYY`; boleto lines with dots and spaces;
 * - the object route of topics answers 10 records unless `limit` says otherwise (`-1` = all), and
 *   `{data, count, offset, limit}` with `paginaton=true`;
 * - `liberar` answers 200 with an empty body and releases the contract for 3 days;
 * - `ticket` answers the bare ticket id (`42186`).
 * `accessLog` keeps one line per request with every query value masked (`doc=***`): the CPF/CNPJ
 * travels in the query string of the Tool routes.
 */
import { createHash } from 'node:crypto';

import { headerValue, jsonReply, requestParams, startSimulator, textReply, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { brDate, isoDate, unmaskDocument } from './brazil-formats';
import { applyTrustUnlock, cloneCustomers, findContract, trustUnlockUsedThisMonth, type ErpContract, type ErpCustomer, type ErpInvoice } from './erp-dataset';
import { pdfReply } from './pdf';

/** The token the simulator accepts. */
export const ISPFY_TEST_TOKEN = 'ispfy-simulator-token-0001';

/** The subscriber-portal password of a customer in the simulator (ISPFY stores its MD5). */
export function ispfyPortalPassword(customer: ErpCustomer): string {
	return `central${customer.code}`;
}

/** Ticket topics ("tópicos para ticket"): 12, more than the object route's default page of 10. */
export const ISPFY_TOPICS = [
	'SUPORTE TÉCNICO',
	'FINANCEIRO',
	'COMERCIAL',
	'INSTALAÇÃO',
	'MUDANÇA DE ENDEREÇO',
	'CANCELAMENTO',
	'TROCA DE PLANO',
	'VISITA TÉCNICA',
	'SEM CONEXÃO',
	'LENTIDÃO',
	'SEGUNDA VIA',
	'OUVIDORIA',
].map((nome, index) => ({ id: String(60 + index), nome, tag_setor: index === 1 ? 'FINANCEIRO' : 'TECNICO', ativo: 's' }));

/** Options of {@link startIspfySimulator}. */
export interface IspfySimulatorOptions {
	/** Plain-text errors with HTTP 200 instead of 500. */
	errorsWithStatus200?: boolean;
	/** An unknown document answers 404 `{ message }` instead of a plain-text 500. */
	notFoundAs404?: boolean;
	/** `info`'s `cobrancas` / `pontos` as arrays instead of objects keyed by position. */
	listsAsArrays?: boolean;
	/** Prints boletos only at the older path `/api/tool/cobranca/imprimir/{id}` (a public client uses it). */
	legacyPrintPath?: boolean;
}

/** A ticket the simulator opened. */
export interface IspfyTicket {
	id: string;
	customerId: string;
	topicId: string;
	pointId?: string;
	request: string;
}

/** A running ISPFY simulator. */
export interface IspfySimulator extends Simulator {
	customers: ErpCustomer[];
	openedTickets: IspfyTicket[];
	/** `METHOD path?query` per request, query values masked. */
	accessLog: string[];
}

type Params = Record<string, unknown>;

const md5 = (value: string) => createHash('md5').update(value).digest('hex');
const cents = (amount: number) => String(Math.round(amount * 100));
const reais = (amount: number) => amount.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
/** The contract's download/upload speed as ISPFY writes it, from the plan's name ("300 MEGA"). */
const speedOf = (contract: ErpContract) => {
	const mega = Number(/(\d+)\s*MEGA/i.exec(contract.planName)?.[1] ?? 100);
	return `${mega * 1000}K/${Math.round(mega * 500)}K`;
};

/** Starts an ISPFY simulator on a random loopback port. */
export async function startIspfySimulator(options: IspfySimulatorOptions = {}): Promise<IspfySimulator> {
	let nextTicket = 42186;

	const list = <T>(entries: T[], offset: number): T[] | Record<string, T> =>
		options.listsAsArrays ? entries : Object.fromEntries(entries.map((entry, index) => [String(offset + index), entry]));

	const error = (message: string): SimulatorReply => textReply(options.errorsWithStatus200 ? 200 : 500, message, 'text/html; charset=UTF-8');

	function customerByParams(params: Params): ErpCustomer | undefined {
		if (params.id !== undefined && params.id !== '') return simulator.customers.find((customer) => customer.id === String(params.id));
		const doc = unmaskDocument(String(params.doc ?? ''));
		return doc ? simulator.customers.find((customer) => unmaskDocument(customer.document) === doc) : undefined;
	}

	function chargeEntry(invoice: ErpInvoice) {
		return {
			id: invoice.id,
			id_contrato: invoice.contractId,
			data_vencimento: `${invoice.dueDate} 00:00:00`,
			data_referencia: invoice.dueDate,
			data_pagamento: invoice.paidOn ? `${invoice.paidOn} 09:30:37` : null,
			data_exclusao: null,
			valor_pago: invoice.paidOn ? cents(invoice.amount) : null,
			valor: cents(invoice.amount),
			status: invoice.status === 'paid' ? 'pago' : 'aberto',
			tipo_cobranca: 'internet',
			linha_digitavel: invoice.digitableLine.replace(/\D/g, ''),
			pix_copia_cola: null,
		};
	}

	function pointEntry(contract: ErpContract) {
		const { login } = contract;
		return {
			id: login.id,
			id_contrato: contract.id,
			ativo: 's',
			nome_ponto: 'CASA',
			usuario: login.login,
			banda_contratada: speedOf(contract),
			endereco: 'RUA DO PONTO',
			numero: '1',
			bairro: 'CENTRO',
			tipo_conexao: 'pppoe',
			ultimo_login: login.lastConnectionStart,
			sessao_conexao_status: login.online ? 'active' : 'expired',
			mac: login.mac,
		};
	}

	function infoOf(customer: ErpCustomer) {
		let offset = 0;
		return {
			id: customer.id,
			nome_razao: customer.name,
			fantasia_apelido: customer.name,
			rg_ie: 'ISENTO',
			cpf_cnpj: unmaskDocument(customer.document),
			data_nascimento_fundacao: customer.birthDate,
			endereco_cobranca_cep: customer.address.zip.replace(/\D/g, ''),
			endereco_cobranca_rua: customer.address.street.toUpperCase(),
			endereco_cobranca_numero: customer.address.number,
			endereco_cobranca_bairro: customer.address.district.toUpperCase(),
			data_cadastro: '2023-03-01 10:00:00',
			logou_central: 's',
			senha_central_md5: md5(ispfyPortalPassword(customer)),
			contratos: customer.contracts.map((contract) => {
				const charges = customer.invoices.filter((invoice) => invoice.contractId === contract.id).map(chargeEntry);
				const entry = {
					id: contract.id,
					id_cliente: customer.id,
					data_adesao: contract.activatedOn,
					contrato_ativo: 's',
					valor_mensal: cents(contract.monthlyAmount),
					status_contrato: contract.state === 'blockedForDebt' ? 'bloqueado' : 'livre',
					dia_vencimento: '10',
					dias_para_bloqueio: null,
					cobrancas: list(charges, offset),
					pontos: list([pointEntry(contract)], offset + charges.length),
				};
				offset += charges.length + 1;
				return entry;
			}),
			chamados: customer.tickets.map((ticket) => ({
				id: ticket.id,
				id_cliente: customer.id,
				id_ponto: findContract(simulator.customers, ticket.contractId)?.contract.login.id ?? null,
				tag_setor: 'TECNICO',
				tag_status: ticket.status === 'open' ? 'aberto' : 'fechado',
				data_abertura: `${ticket.openedOn} 10:00:00`,
				texto_requisicao: ticket.description,
			})),
		};
	}

	const info = (params: Params): SimulatorReply => {
		const customer = customerByParams(params);
		if (customer) return jsonReply(200, infoOf(customer));
		if (options.notFoundAs404) return jsonReply(404, { message: 'Cliente não encontrado' });
		return error(`Cliente não encontrado para o documento ${String(params.doc ?? params.id ?? '')}`);
	};

	const pointStatus = (params: Params): SimulatorReply => {
		const customer = params.id_cliente !== undefined ? simulator.customers.find((candidate) => candidate.id === String(params.id_cliente)) : undefined;
		const contracts = customer
			? customer.contracts
			: simulator.customers.flatMap((candidate) => candidate.contracts).filter((contract) => contract.login.id === String(params.id_ponto ?? ''));
		return jsonReply(
			200,
			contracts.map((contract) => ({
				id_ponto: contract.login.id,
				id_contrato: contract.id,
				nome_ponto: 'CASA',
				bloqueado: contract.state === 'blockedForDebt' ? '1' : '0',
				status_acesso: '1',
				plano_contratado_nome: contract.planName,
				plano_contratado_velocidade: speedOf(contract),
				plano_teste_nome: null,
				plano_teste_velocidade: null,
				velocidade_atual: contract.state === 'speedReduced' ? '1000K/1000K' : speedOf(contract),
				ultimo_login: contract.login.lastConnectionStart,
				conexao_status: contract.login.online ? 'active' : 'expired',
				ipv4_atual_wan: contract.login.online ? contract.login.ipv4 : null,
				ipv6_atual_wan: null,
				upload_mes_kbytes: '0',
				download_mes_kbytes: '0',
			})),
		);
	};

	const STATUS_FILTER: Record<string, (invoice: ErpInvoice, today: string) => boolean> = {
		pagar: (invoice) => invoice.status === 'open',
		vencido: (invoice, today) => invoice.status === 'open' && invoice.dueDate < today,
		vincendo: (invoice, today) => invoice.status === 'open' && invoice.dueDate >= today,
		todos: () => true,
	};

	const invoices = (params: Params): SimulatorReply => {
		const customer = customerByParams(params);
		if (!customer) return options.notFoundAs404 ? jsonReply(404, { message: 'Cliente não encontrado' }) : error('Cliente não encontrado');
		const filter = STATUS_FILTER[String(params.status ?? 'pagar')];
		if (!filter) return error('Status inválido');
		if (params.retorno !== 'json' || params.tipo !== 'linha-detalhes') return error('O simulador responde só tipo=linha-detalhes&retorno=json');
		const today = isoDate();
		return jsonReply(200, {
			cobrancas: customer.invoices
				.filter((invoice) => filter(invoice, today))
				.map((invoice) => ({
					id: invoice.id,
					vencimento: brDate(invoice.dueDate),
					valor: reais(invoice.amount),
					linha: invoice.digitableLine,
					link: `/api/tool/assinante/boleto/imprimir/${invoice.id}`,
					pix: invoice.pixCopyPaste,
				})),
		});
	};

	const release = (params: Params): SimulatorReply => {
		const found = findContract(simulator.customers, String(params.id_contrato ?? ''));
		if (!found) return error('Contrato não encontrado');
		const { contract } = found;
		if (!contract.trustUnlockEnabled) return error('A opção de liberação de bloqueio não está ativa');
		// [UNCERTAIN wording] the collection shows only the refusal above.
		if (trustUnlockUsedThisMonth(contract)) return error('A liberação de bloqueio já foi utilizada para este contrato');
		if (contract.state !== 'blockedForDebt') return error('O contrato não está bloqueado');
		applyTrustUnlock(contract);
		return textReply(200, '', 'text/html; charset=UTF-8');
	};

	const openTicket = (params: Params): SimulatorReply => {
		const customer = simulator.customers.find((candidate) => candidate.id === String(params.id_cliente ?? ''));
		if (!customer) return error('Cliente não informado');
		const topicId = String(params.id_topico ?? ISPFY_TOPICS[0].id);
		if (!ISPFY_TOPICS.some((topic) => topic.id === topicId)) return error('Tópico inválido');
		if (!String(params.requisicao ?? '').trim()) return error('Requisição obrigatória para este tópico');
		const pointId = params.id_ponto === undefined ? undefined : String(params.id_ponto);
		if (pointId && !customer.contracts.some((contract) => contract.login.id === pointId)) return error('Ponto não pertence ao cliente');
		const id = String(nextTicket++);
		simulator.openedTickets.push({ id, customerId: customer.id, topicId, pointId, request: String(params.requisicao) });
		return jsonReply(200, Number(id));
	};

	const topics = (params: Params): SimulatorReply => {
		const offset = Number(params.offset) || 0;
		const limit = params.limit === undefined ? 10 : Number(params.limit);
		const page = limit === -1 ? ISPFY_TOPICS.slice(offset) : ISPFY_TOPICS.slice(offset, offset + limit);
		if (String(params.paginaton ?? '').toLowerCase() === 'true') return jsonReply(200, { data: page, count: ISPFY_TOPICS.length, offset, limit });
		return jsonReply(200, page);
	};

	const login = (params: Params): SimulatorReply => {
		const customer = simulator.customers.find((candidate) => unmaskDocument(candidate.document) === unmaskDocument(String(params.login ?? '')));
		if (!customer || String(params.password ?? '') !== md5(ispfyPortalPassword(customer))) return error('Login ou senha inválidos');
		const { contratos: _contracts, chamados: _tickets, ...customerRecord } = infoOf(customer);
		return jsonReply(200, customerRecord);
	};

	function handle(request: RecordedRequest): SimulatorReply {
		const masked = Object.keys(request.query).map((key) => `${key}=***`).join('&');
		simulator.accessLog.push(`${request.method} ${request.path}${masked ? `?${masked}` : ''}`);
		if (headerValue(request, 'token') !== ISPFY_TEST_TOKEN) return textReply(401, 'Token inválido', 'text/html; charset=UTF-8');
		const params = requestParams(request);
		const path = request.path.replace(/\/+$/, '');
		const pdf = (options.legacyPrintPath ? /^\/api\/tool\/cobranca\/imprimir\/(\d+)$/ : /^\/api\/tool\/assinante\/boleto\/imprimir\/(\d+)$/).exec(path);
		if (pdf && request.method === 'GET') {
			const exists = simulator.customers.some((customer) => customer.invoices.some((invoice) => invoice.id === pdf[1]));
			if (!exists) return error('Cobrança não encontrada');
			return params.retorno === 'pdf' ? pdfReply(`Boleto ISPFY ${pdf[1]}`) : textReply(200, `<!DOCTYPE html><html><body>Boleto ${pdf[1]}</body></html>`, 'text/html; charset=UTF-8');
		}
		const route = `${request.method} ${path}`;
		switch (route) {
			case 'GET /api/tool/assinante/info':
				return info(params);
			case 'GET /api/tool/assinante/ponto/status':
				return pointStatus(params);
			case 'GET /api/tool/assinante/boleto':
				return invoices(params);
			case 'POST /api/tool/assinante/liberar':
				return release(params);
			case 'POST /api/tool/assinante/ticket':
				return openTicket(params);
			case 'POST /api/tool/assinante/login':
				return login(params);
			case 'GET /api/object/suporte/topico':
				return topics(params);
			default:
				return textReply(404, '<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>', 'text/html; charset=UTF-8');
		}
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
			simulator.openedTickets.length = 0;
			simulator.accessLog.length = 0;
			nextTicket = 42186;
		},
	});
	const simulator: IspfySimulator = Object.assign(base, { customers: cloneCustomers(), openedTickets: [] as IspfyTicket[], accessLog: [] as string[] });
	return simulator;
}

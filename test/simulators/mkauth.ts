/**
 * MK-Auth API simulator, docs/apis-externas.md §D.3 (third-party sources only; no official doc).
 * `GET /api/` with `Basic base64(client_id:client_secret)` answers a raw JWT as text; later calls
 * carry `Bearer <jwt>` and fail with 401 once it expires. MK-Auth is login-centric: each contract
 * login is one "cliente". Endpoints: cliente/listar/<campo>=<valor>[&…] (cpf_cnpj, celular, login…
 * plus limite/pagina), cliente/show/<login|cpf> (literal `NULL` when not found), titulo/aberto/<login>,
 * titulo/show/<uuid>, PUT cliente/editar (unlock with `bloqueado: "nao"`), plano/listar/pagina=N.
 * Filter names other than cpf_cnpj, the 401 body and the plan list's key are assumptions.
 *
 * Client records also carry fields of MK-Auth's `sis_cliente` seen in third-party models of the API
 * payload: `pessoa`, `observacao` ("sim" while a customer is "em observação", i.e. unlocked in trust
 * and not yet paid, {@link OBSERVATION_DAYS} days by default per MK-AUTH's forum), `data_desbloq`
 * (last unlock) and `tit_vencidos` / `tit_abertos` (counters). `cliente/editar` changes only the
 * columns it is sent, as an UPDATE of `sis_cliente` does: `bloqueado: "nao"` unblocks the login and
 * nothing else; `data_desbloq` records the unlock date (what the monthly limit reads).
 */
import { createHmac } from 'node:crypto';

import { headerValue, isPlainObject, jsonReply, startSimulator, textReply, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { digitsOnly, isMobilePhone, isoDate, unmaskDocument } from './brazil-formats';
import { cloneCustomers, contractsWithCustomers, type ErpContract, type ErpCustomer, type ErpInvoice } from './erp-dataset';
import { pdfReply } from './pdf';

/** The API client the simulator accepts. */
export const MKAUTH_TEST_CREDENTIALS = { clientId: 'mkauth-simulator-client', clientSecret: 'mkauth-simulator-secret' } as const;

/** Options of {@link startMkAuthSimulator}. */
export interface MkAuthSimulatorOptions {
	/** JWT lifetime in seconds (default 3600). */
	tokenTtlSeconds?: number;
}

/** A running MK-Auth simulator. */
export interface MkAuthSimulator extends Simulator {
	customers: ErpCustomer[];
}

/** The `uuid_cliente` of a contract's login. */
export function mkAuthClientUuid(contract: ErpContract): string {
	return `7f1c0a00-0000-4000-8000-${contract.login.id.padStart(12, '0')}`;
}

/** The `uuid_lanc` of an invoice. */
export function mkAuthInvoiceUuid(invoice: ErpInvoice): string {
	return `9e2d0b00-0000-4000-8000-${invoice.id.padStart(12, '0')}`;
}

const base64url = (value: string) => Buffer.from(value).toString('base64url');

/** Days a customer unlocked in trust stays "em observação" (MK-AUTH's default). */
export const OBSERVATION_DAYS = 3;

function inObservation(contract: ErpContract): boolean {
	return contract.state === 'active' && contract.trustUnlockUsedOn !== null && contract.trustUnlockUsedOn >= isoDate(-OBSERVATION_DAYS);
}

function clientObject(customer: ErpCustomer, contract: ErpContract): Record<string, unknown> {
	const mobile = customer.phones.find(isMobilePhone) ?? '';
	const landline = customer.phones.find((phone) => !isMobilePhone(phone)) ?? '';
	const open = customer.invoices.filter((invoice) => invoice.contractId === contract.id && invoice.status === 'open');
	return {
		uuid_cliente: mkAuthClientUuid(contract),
		login: contract.login.login,
		nome: customer.name,
		cpf_cnpj: unmaskDocument(customer.document),
		pessoa: customer.personType === 'J' ? 'juridica' : 'fisica',
		celular: mobile,
		fone: landline,
		email: customer.email,
		plano: contract.planName,
		bloqueado: contract.state === 'blockedForDebt' ? 'sim' : 'nao',
		cli_ativado: 's',
		observacao: inObservation(contract) ? 'sim' : 'nao',
		data_desbloq: contract.trustUnlockUsedOn ? `${contract.trustUnlockUsedOn} 00:00:00` : null,
		tit_abertos: String(open.length),
		tit_vencidos: String(open.filter((invoice) => invoice.dueDate < isoDate()).length),
		ip: contract.login.ipv4,
		mac: contract.login.mac,
		endereco: customer.address.street,
		numero: customer.address.number,
		bairro: customer.address.district,
		cidade: customer.address.city,
		estado: customer.address.state,
		cep: customer.address.zip,
	};
}

function invoiceObject(contract: ErpContract, invoice: ErpInvoice, baseUrl: string): Record<string, unknown> {
	const uuid = mkAuthInvoiceUuid(invoice);
	return {
		uuid_lanc: uuid,
		login: contract.login.login,
		status: invoice.status === 'open' ? 'aberto' : 'pago',
		datavenc: `${invoice.dueDate} 00:00:00`,
		datapag: invoice.paidOn ? `${invoice.paidOn} 00:00:00` : null,
		valor: invoice.amount.toFixed(2),
		linhadig: digitsOnly(invoice.digitableLine),
		pix: invoice.pixCopyPaste,
		pix_link: `${baseUrl}/pix/${uuid}`,
		url: `${baseUrl}/boleto/${uuid}`,
	};
}

/** Starts an MK-Auth simulator on a random loopback port. */
export async function startMkAuthSimulator(options: MkAuthSimulatorOptions = {}): Promise<MkAuthSimulator> {
	const ttl = options.tokenTtlSeconds ?? 3600;
	const signingKey = 'mkauth-simulator-jwt-key';

	function issueToken(request: RecordedRequest): SimulatorReply {
		const expected = `Basic ${Buffer.from(`${MKAUTH_TEST_CREDENTIALS.clientId}:${MKAUTH_TEST_CREDENTIALS.clientSecret}`).toString('base64')}`;
		if (headerValue(request, 'authorization') !== expected) return jsonReply(401, { error: 'Credenciais inválidas' });
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const payload = base64url(JSON.stringify({ sub: MKAUTH_TEST_CREDENTIALS.clientId, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + ttl }));
		const signature = createHmac('sha256', signingKey).update(`${header}.${payload}`).digest('base64url');
		return textReply(200, `${header}.${payload}.${signature}`);
	}

	function authorized(request: RecordedRequest): boolean {
		const [header, payload, signature] = (/^Bearer (.+)$/.exec(headerValue(request, 'authorization') ?? '')?.[1] ?? '').split('.');
		if (!header || !payload || !signature) return false;
		if (createHmac('sha256', signingKey).update(`${header}.${payload}`).digest('base64url') !== signature) return false;
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
		return (claims.exp ?? 0) > Date.now() / 1000;
	}

	const logins = () => contractsWithCustomers(simulator.customers);

	function listClients(filterText: string): SimulatorReply {
		const filters = new URLSearchParams(filterText);
		const pageSize = Number(filters.get('limite')) || 100;
		const page = Number(filters.get('pagina')) || 1;
		filters.delete('limite');
		filters.delete('pagina');
		const rows = logins()
			.map(({ customer, contract }) => clientObject(customer, contract))
			.filter((client) => [...filters].every(([field, value]) => String(client[field] ?? '') === value || digitsOnly(String(client[field] ?? '')) === value));
		return jsonReply(200, { total_registros: rows.length, total_paginas: Math.max(1, Math.ceil(rows.length / pageSize)), clientes: rows.slice((page - 1) * pageSize, page * pageSize) });
	}

	function showClient(key: string): SimulatorReply {
		const found = logins().find(({ customer, contract }) => contract.login.login === key || unmaskDocument(customer.document) === key);
		return found ? jsonReply(200, clientObject(found.customer, found.contract)) : textReply(200, 'NULL');
	}

	function openInvoices(login: string, baseUrl: string): SimulatorReply {
		const found = logins().find(({ contract }) => contract.login.login === login);
		const titulos = found
			? found.customer.invoices.filter((invoice) => invoice.contractId === found.contract.id && invoice.status === 'open').map((invoice) => invoiceObject(found.contract, invoice, baseUrl))
			: [];
		return jsonReply(200, { Total: titulos.length, titulos });
	}

	function showInvoice(uuid: string, baseUrl: string): SimulatorReply {
		for (const { customer, contract } of logins()) {
			const invoice = customer.invoices.find((candidate) => candidate.contractId === contract.id && mkAuthInvoiceUuid(candidate) === uuid);
			if (invoice) return jsonReply(200, invoiceObject(contract, invoice, baseUrl));
		}
		return textReply(200, 'NULL');
	}

	function editClient(request: RecordedRequest): SimulatorReply {
		const body = isPlainObject(request.json) ? request.json : {};
		const found = logins().find(({ contract }) => mkAuthClientUuid(contract) === body.uuid);
		if (!found) return jsonReply(200, { status: 'error', mensagem: 'Cliente não encontrado' });
		if (body.bloqueado === 'nao' && found.contract.state === 'blockedForDebt') found.contract.state = 'active';
		if (body.bloqueado === 'sim') found.contract.state = 'blockedForDebt';
		const unlockedOn = /^(\d{4}-\d{2}-\d{2})/.exec(String(body.data_desbloq ?? ''))?.[1];
		if (unlockedOn) found.contract.trustUnlockUsedOn = unlockedOn;
		return jsonReply(200, { status: 'success' });
	}

	function listPlans(): SimulatorReply {
		const names = [...new Map(logins().map(({ contract }) => [contract.planName, contract])).values()];
		const planos = names.map((contract) => {
			const megabits = Number(/(\d+) MEGA/.exec(contract.planName)?.[1] ?? 100);
			return { nome: contract.planName, valor: contract.monthlyAmount.toFixed(2), veldown: String(megabits * 1024), velup: String(megabits * 512) };
		});
		return jsonReply(200, { total_registros: planos.length, total_paginas: 1, planos });
	}

	function handle(request: RecordedRequest, baseUrl: string): SimulatorReply {
		const path = decodeURIComponent(request.path);
		if (path === '/api/' || path === '/api') return issueToken(request);
		const pdf = /^\/(boleto|pix)\/([^/]+)$/.exec(path);
		if (pdf && request.method === 'GET') return pdfReply(`Titulo MK-Auth ${pdf[2]}`);
		if (!authorized(request)) return jsonReply(401, { error: 'Token inválido ou expirado' });
		const route = /^\/api\/(cliente|titulo|plano)\/(listar|show|aberto|editar)\/?(.*)$/.exec(path);
		if (!route) return jsonReply(404, { error: 'Rota não encontrada' });
		const [, resource, action, argument] = route;
		if (request.method === 'PUT' && resource === 'cliente' && action === 'editar') return editClient(request);
		if (request.method !== 'GET') return jsonReply(405, { error: 'Método não permitido' });
		if (resource === 'cliente' && action === 'listar') return listClients(argument);
		if (resource === 'cliente' && action === 'show') return showClient(argument);
		if (resource === 'titulo' && action === 'aberto') return openInvoices(argument, baseUrl);
		if (resource === 'titulo' && action === 'show') return showInvoice(argument, baseUrl);
		if (resource === 'plano' && action === 'listar') return listPlans();
		return jsonReply(404, { error: 'Rota não encontrada' });
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
		},
	});
	const simulator: MkAuthSimulator = Object.assign(base, { customers: cloneCustomers() });
	return simulator;
}

/**
 * SGP (TSMX) URA API simulator, docs/apis-externas.md §D.1. Authentication is `token` + `app` body fields
 * (form-urlencoded, multipart or JSON; `app` is case-sensitive) or Basic Auth; a failure is HTTP
 * 403 with "Credenciais de autenticação…". Business errors come back as HTTP 200 with
 * `status: 0|2` or an empty list in the body. `fatura2via` opens an occurrence unless
 * `nao_gerar_os=1` (recorded in `openedOccurrences`). `/api/ura/chamado/` reads JSON only.
 * Answers whose shape no public source shows [UNCERTAIN] (verificaacesso, ocorrencia/list,
 * refusal wordings, `clientes` contacts) are marked where they are built. `titulos` filters
 * `status` by the documented words (`abertos`, `pagos`, `aberto`, `pago`) or by `statusid` (1, 2);
 * `/api/ura/titulos` answers `titulos` (camelCase fields), `/api/central/titulos` answers `faturas`
 * (lowercase fields). `fatura2via` with `link_pdf` hands out links ending in `.pdf`.
 * `liberacaopromessa` reads a JSON body only (an integrator of real servers found it "precisa
 * JSON"), like `chamado`. `cpemanage` refuses with `{ success: false, msg }` and takes `servico`
 * (the service id `verificaacesso` gives).
 */
import { headerValue, isPlainObject, jsonReply, requestParams, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { isoDate, unmaskDocument } from './brazil-formats';
import { applyTrustUnlock, cloneCustomers, contractsWithCustomers, findContract, trustUnlockUsedThisMonth, type ErpContract, type ErpCustomer } from './erp-dataset';
import { pdfReply } from './pdf';
import { contractEntry, customerListEntry, phoneKey, secondCopyLink, titleEntry, uraTitleEntry } from './sgp-records';

/** Credentials the simulator accepts. */
export const SGP_TEST_CREDENTIALS = { token: 'sgp-simulator-token-0001', app: 'botatendimento', basicUser: 'api.bot', basicPassword: 'sgp-simulator-secret' } as const;

/** Options of {@link startSgpSimulator}. */
export interface SgpSimulatorOptions {
	/** Render `status` as strings and booleans as "True"/"False", as some SGP versions do (coercion test). */
	looseTypes?: boolean;
	/** `consultacliente`'s `telefones` and `emails` as plain strings instead of `{ tipoContato, contato }`. */
	contactsAsStrings?: boolean;
}

/** An occurrence (ticket / OS) the simulator opened. */
export interface SgpOccurrence {
	protocol: string;
	contractId: number;
	reason: string;
	content: string;
}

/** A running SGP simulator. */
export interface SgpSimulator extends Simulator {
	customers: ErpCustomer[];
	/** Occurrences opened by `chamado` or as a side effect of `fatura2via` without `nao_gerar_os=1`. */
	openedOccurrences: SgpOccurrence[];
}

type Params = Record<string, unknown>;
type Route = (params: Params, baseUrl: string) => SimulatorReply;

const ok = (body: Record<string, unknown>): SimulatorReply => jsonReply(200, body);
const flag = (value: unknown): boolean => ['1', 'true', 'True'].includes(String(value ?? ''));
/** `titulos`' `status` parameter: the documented words, or the `statusid` number. */
const TITLE_STATUS: Record<string, 'open' | 'paid'> = { abertos: 'open', aberto: 'open', '1': 'open', pagos: 'paid', pago: 'paid', '2': 'paid' };

/** Starts an SGP simulator on a random loopback port. */
export async function startSgpSimulator(options: SgpSimulatorOptions = {}): Promise<SgpSimulator> {
	const loose = (value: number | boolean): number | boolean | string =>
		!options.looseTypes ? value : typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
	let nextProtocol = 1;

	const contracts = () => contractsWithCustomers(simulator.customers);

	/** Contracts selected by `contrato`, `cpfcnpj` or `telefone`; `undefined` when none of them was sent. */
	function select(params: Params): Array<{ customer: ErpCustomer; contract: ErpContract }> | undefined {
		if (params.contrato !== undefined && params.contrato !== '') return contracts().filter(({ contract }) => contract.id === String(params.contrato));
		if (params.cpfcnpj !== undefined && params.cpfcnpj !== '') {
			return contracts().filter(({ customer }) => unmaskDocument(customer.document) === unmaskDocument(String(params.cpfcnpj)));
		}
		if (params.telefone !== undefined && params.telefone !== '') {
			return contracts().filter(({ customer }) => customer.phones.some((phone) => phoneKey(phone) === phoneKey(String(params.telefone))));
		}
		return undefined;
	}

	function openOccurrence(contract: ErpContract, reason: string, content: string): string {
		const protocol = `${isoDate().replace(/-/g, '')}${String(nextProtocol++).padStart(4, '0')}`;
		simulator.openedOccurrences.push({ protocol, contractId: Number(contract.id), reason, content });
		return protocol;
	}

	const consultCustomer: Route = (params) => {
		const selected = select(params);
		if (!selected) return ok({ status: loose(0), msg: 'CPF/CNPJ ou Contrato ID Não informados' });
		if (selected.length === 0) return ok({ msg: 'Nada encontrado', contratos: [] });
		return ok({ msg: 'Contrato(s) Localizado(s)', contratos: selected.map(({ customer, contract }) => contractEntry(customer, contract, options.contactsAsStrings)) });
	};

	/** The invoices `titulos` selects (by customer, contract, document or phone, and `status`), one page of them. */
	function titlePage(params: Params): { paginacao: Record<string, number>; page: Array<{ customer: ErpCustomer; invoice: ErpCustomer['invoices'][number] }> } {
		const clientId = params.cliente_id === undefined ? undefined : String(params.cliente_id);
		const selected = clientId ? contracts().filter(({ customer }) => customer.id === clientId) : (select(params) ?? contracts());
		const contractIds = new Set(selected.map(({ contract }) => contract.id));
		let invoices = simulator.customers.flatMap((customer) => customer.invoices.map((invoice) => ({ customer, invoice }))).filter(({ invoice }) => contractIds.has(invoice.contractId));
		if (params.status !== undefined && params.status !== '') invoices = invoices.filter(({ invoice }) => TITLE_STATUS[String(params.status)] === invoice.status);
		const offset = Number(params.offset) || 0;
		const limit = Math.min(Number(params.limit) || 50, 100);
		const page = invoices.slice(offset, offset + limit);
		return { paginacao: { offset, limit, parcial: page.length, total: invoices.length }, page };
	}

	const uraTitles: Route = (params, baseUrl) => {
		const { paginacao, page } = titlePage(params);
		return ok({ paginacao, titulos: page.map(({ customer, invoice }) => uraTitleEntry(invoice, customer, baseUrl)) });
	};

	const centralTitles: Route = (params, baseUrl) => {
		const { paginacao, page } = titlePage(params);
		return ok({ paginacao, faturas: page.map(({ invoice }) => titleEntry(invoice, baseUrl)) });
	};

	const secondCopy: Route = (params, baseUrl) => {
		const selected = select(params);
		if (!selected) return ok({ status: loose(0), msg: 'CPF/CNPJ ou Contrato ID Não informados', links: [] });
		const links = selected.flatMap(({ customer, contract }) =>
			customer.invoices
				.filter((invoice) => invoice.contractId === contract.id && invoice.status === 'open')
				.map((invoice) => secondCopyLink(invoice, customer, baseUrl, flag(params.link_pdf))),
		);
		if (String(params.nao_gerar_os ?? '') !== '1') {
			for (const { contract } of selected) openOccurrence(contract, 'Segunda via de fatura', 'Solicitação de 2ª via via URA');
		}
		return ok(links.length === 0 ? { status: loose(0), links: [] } : { status: loose(1), links });
	};

	// Filters of the documented list (cliente_id, cpfcnpj, contrato, telefone); `telefone` matches like consultacliente's.
	const listCustomers: Route = (params, baseUrl) => {
		let customers = simulator.customers;
		if (params.cliente_id !== undefined && params.cliente_id !== '') customers = customers.filter((customer) => customer.id === String(params.cliente_id));
		const selected = select(params);
		if (selected) customers = customers.filter((customer) => selected.some((entry) => entry.customer === customer));
		const offset = Number(params.offset) || 0;
		const limit = Math.min(Number(params.limit) || 100, 100);
		const page = customers.slice(offset, offset + limit);
		const options = { omitContracts: flag(params.omitir_contratos), omitTitles: flag(params.omitir_titulos), omitContacts: flag(params.omitir_contatos) };
		return ok({
			paginacao: { offset, limit, parcial: page.length, total: customers.length },
			clientes: page.map((customer) => customerListEntry(customer, baseUrl, options)),
		});
	};

	const pixOfInvoice = (params: Params, invoiceId: string): SimulatorReply => {
		const invoice = simulator.customers.flatMap((customer) => customer.invoices).find((candidate) => candidate.id === invoiceId && candidate.status === 'open');
		if (!invoice || (params.contrato !== undefined && String(params.contrato) !== invoice.contractId)) return ok({ status: loose(0), msg: 'Fatura não localizada' });
		return ok({ status: loose(1), msg: 'Dados do Pix', pix: invoice.pixCopyPaste });
	};

	const promiseToPay = (request: RecordedRequest): SimulatorReply => {
		const params: Params = isPlainObject(request.json) ? request.json : {};
		if (params.contrato === undefined || params.contrato === '') return ok({ status: loose(0), liberado: loose(false), msg: 'CPF/CNPJ ou Contrato ID Não informados' });
		const found = findContract(simulator.customers, String(params.contrato ?? ''));
		if (!found) return ok({ status: loose(0), liberado: loose(false), msg: 'Contrato não localizado' });
		const { customer, contract } = found;
		if (contract.state !== 'blockedForDebt' || !contract.trustUnlockEnabled || trustUnlockUsedThisMonth(contract)) {
			return ok({ status: loose(2), liberado: loose(false), msg: 'O recurso de promessa de pagamento já atingiu quantidade permitida. Recurso não disponível' });
		}
		applyTrustUnlock(contract);
		return ok({
			status: loose(1),
			liberado: loose(true),
			liberado_dias: 3,
			data_promessa: String(params.data_promessa ?? isoDate(3)),
			protocolo: openOccurrence(contract, 'Promessa de Pagamento', 'Liberação via URA'),
			razaoSocial: customer.name,
			cpfCnpj: customer.document,
			msg: `Liberação via URA -\nServiço ID: ${contract.id}, Login: ${contract.login.login.toUpperCase()}\nMotivo: Promessa de Pagamento\n`,
			contratoId: Number(contract.id),
		});
	};

	// [UNCERTAIN shape] fields seen: status, msg, contratoId, servico_id, login, razaoSocial; status 1 = online, 2 = offline is the simulator's choice.
	const checkAccess: Route = (params) => {
		const selected = select(params);
		if (!selected || selected.length === 0) return ok({ status: loose(0), msg: 'Contrato não localizado' });
		const { customer, contract } = selected[0];
		const online = contract.login.online;
		return ok({
			status: loose(online ? 1 : 2),
			msg: online ? 'Cliente conectado' : contract.state === 'blockedForDebt' ? 'Contrato suspenso por débito' : 'Cliente desconectado',
			contratoId: Number(contract.id),
			servico_id: Number(contract.login.id),
			login: contract.login.login,
			razaoSocial: customer.name,
		});
	};

	const openTicket = (request: RecordedRequest): SimulatorReply => {
		const params: Params = isPlainObject(request.json) ? request.json : {};
		const found = findContract(simulator.customers, String(params.contrato ?? ''));
		if (!found) return ok({ status: loose(0), msg: 'Contrato não localizado' });
		if (String(params.conteudo ?? '') === '') return ok({ status: loose(0), msg: 'Conteúdo não informado' });
		const protocol = openOccurrence(found.contract, `Ocorrência tipo ${String(params.ocorrenciatipo ?? 5)}`, String(params.conteudo));
		return ok({ status: loose(1), razaoSocial: found.customer.name, protocolo: protocol, contratoId: Number(found.contract.id), msg: 'Chamado aberto com sucesso' });
	};

	// [UNCERTAIN shape] the Postman collection lists the parameters only.
	const listOccurrences: Route = (params) => {
		const contractId = Number(params.contrato);
		const occurrences = simulator.openedOccurrences.filter((occurrence) => !params.contrato || occurrence.contractId === contractId);
		const offset = Number(params.offset) || 0;
		const limit = Math.min(Number(params.limit) || 100, 1000);
		return ok({
			paginacao: { offset, limit, total: occurrences.length },
			ocorrencias: occurrences.slice(offset, offset + limit).map((occurrence) => ({ protocolo: occurrence.protocol, contratoId: occurrence.contractId, tipo: occurrence.reason, conteudo: occurrence.content, status: 'Aberta' })),
		});
	};

	// Wi-Fi through the CPE manager: reads, or changes with novo_ssid / nova_senha. Refusals are
	// `{ success: false, msg }` (a client of real servers); `servico` picks the service of the contract.
	const cpeManage: Route = (params) => {
		const found = findContract(simulator.customers, String(params.contrato ?? ''));
		if (!found) return ok({ success: false, msg: 'Contrato não localizado' });
		if (params.servico !== undefined && String(params.servico) !== found.contract.login.id) return ok({ success: false, msg: 'Serviço não localizado neste contrato' });
		const wifi = found.contract.wifi;
		if (typeof params.nova_senha === 'string' && params.nova_senha.length < 8) return ok({ success: false, msg: 'A senha deve ter no mínimo 8 caracteres' });
		if (typeof params.novo_ssid === 'string' && params.novo_ssid !== '') wifi.ssid = params.novo_ssid;
		if (typeof params.nova_senha === 'string') wifi.password = params.nova_senha;
		return ok({ success: true, status: loose(1), msg: 'Dados do Wi-Fi', contratoId: Number(found.contract.id), ssid: wifi.ssid, wifi_status: 'ativo' });
	};

	const routes: Record<string, Route> = {
		'/api/ura/consultacliente': consultCustomer,
		'/api/ura/clientes': listCustomers,
		'/api/ura/titulos': uraTitles,
		'/api/central/titulos': centralTitles,
		'/api/ura/fatura2via': secondCopy,
		'/api/ura/verificaacesso': checkAccess,
		'/api/ura/ocorrencia/list': listOccurrences,
		'/api/ura/cpemanage': cpeManage,
	};

	function handle(request: RecordedRequest, baseUrl: string): SimulatorReply {
		const path = request.path.replace(/\/+$/, '');
		const pdf = /^\/boleto\/(\d+)(?:\.pdf)?$/.exec(path);
		if (pdf && request.method === 'GET') return pdfReply(`Boleto SGP ${pdf[1]}`);
		const params = requestParams(request);
		if (!authenticated(request, params)) return jsonReply(403, { detail: 'As credenciais de autenticação não foram fornecidas ou estão incorretas.' });
		if (path === '/api/ura/chamado') return openTicket(request);
		if (path === '/api/ura/liberacaopromessa') return promiseToPay(request);
		const pix = /^\/api\/ura\/pagamento\/pix\/([^/]+)$/.exec(path);
		if (pix) return pixOfInvoice(params, pix[1]);
		const route = routes[path];
		return route ? route(params, baseUrl) : jsonReply(404, { detail: 'Não encontrado.' });
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
			simulator.openedOccurrences.length = 0;
			nextProtocol = 1;
		},
	});
	const simulator: SgpSimulator = Object.assign(base, { customers: cloneCustomers(), openedOccurrences: [] as SgpOccurrence[] });
	return simulator;
}

function authenticated(request: RecordedRequest, params: Params): boolean {
	const basic = `Basic ${Buffer.from(`${SGP_TEST_CREDENTIALS.basicUser}:${SGP_TEST_CREDENTIALS.basicPassword}`).toString('base64')}`;
	if (headerValue(request, 'authorization') === basic) return true;
	return params.token === SGP_TEST_CREDENTIALS.token && params.app === SGP_TEST_CREDENTIALS.app;
}

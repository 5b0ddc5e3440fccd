/**
 * IXC Provedor webservice simulator (docs/apis-externas.md §C), base path `/webservice/v1/`.
 * Quirks reproduced: Basic auth of the whole `user_id:hash` token (Bearer → 400, wrong or missing
 * → 401 with IXC's HTML error page), any request with `ixcsoft: listar` is a listing whatever its
 * verb, a GET without it is 404, masked `cnpj_cpf`, `total` as a string, `registros` absent on
 * empty results, a missing `table.` prefix → 500, unknown resources →
 * `{"type":"error","message":"Recurso X não está disponível!"}`.
 * Listings: cliente, cliente_contrato, fn_areceber, radusuarios (Status Logins), su_ticket,
 * su_ticket_setor, su_oss_assunto, vd_saida, acs_device_grid. Resources: see `IXC_ACTIONS`. The
 * contract print button's name ends in a number that differs per installation (integrators read it
 * from configuration): `contractPrintResource` renames it.
 */
import { headerValue, jsonReply, requestParams, startSimulator, textReply, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { cloneCustomers, type ErpCustomer } from './erp-dataset';
import { IXC_ACTIONS } from './ixc-actions';
import { ixcHtmlError, listRows, type EmptyListShape } from './ixc-list';
import { IXC_TABLE_PREFIX, ixcTables } from './ixc-records';

export { IXC_HTML_ERROR } from './ixc-list';

/** The simulator's webservice token (`<user_id>:<hash>`, sent as `Basic base64(token)`). */
export const IXC_TEST_TOKEN = '8:k4n8wk1946j7simulatorhash0123456789abcdef';

/** Options of {@link startIxcSimulator}. */
export interface IxcSimulatorOptions {
	token?: string;
	/** How empty listings look (default `absent`: no `registros` key). */
	emptyListShape?: EmptyListShape;
	/** Fixed loopback port (default: a random free one), e.g. for the demo ERP of `npm start`. */
	port?: number;
	/** Name of the "Imprimir Contrato" resource on this installation (default `cliente_contrato_imprimir_contrato_17678`). */
	contractPrintResource?: string;
}

/** A running IXC simulator. */
export interface IxcSimulator extends Simulator {
	/** The live data (trust unlocks, new tickets… change it; `reset()` restores it). */
	customers: ErpCustomer[];
	/** The next `count` requests answer IXC's red HTML error page with `status` (default 504). */
	htmlErrorNext(count: number, status?: number): void;
	/** The next `count` requests answer "Seu IP não está liberado para efetuar login!". */
	ipNotAllowedNext(count: number): void;
}

const BASE_PATH = '/webservice/v1/';
const DEFAULT_CONTRACT_PRINT = 'cliente_contrato_imprimir_contrato_17678';

/** Starts an IXC simulator on a loopback port (random unless `options.port`). */
export async function startIxcSimulator(options: IxcSimulatorOptions = {}): Promise<IxcSimulator> {
	const token = options.token ?? IXC_TEST_TOKEN;
	const actions = { ...IXC_ACTIONS };
	if (options.contractPrintResource && options.contractPrintResource !== DEFAULT_CONTRACT_PRINT) {
		actions[options.contractPrintResource] = actions[DEFAULT_CONTRACT_PRINT];
		delete actions[DEFAULT_CONTRACT_PRINT];
	}

	function handle(request: RecordedRequest): SimulatorReply {
		if (!request.path.startsWith(BASE_PATH)) return textReply(404, 'Not Found');
		const authorization = headerValue(request, 'authorization') ?? '';
		if (/^Bearer /i.test(authorization)) return ixcHtmlError(400);
		if (authorization !== `Basic ${Buffer.from(token).toString('base64')}`) return ixcHtmlError(401);
		const [resource, recordId] = request.path.slice(BASE_PATH.length).split('/');
		const params = requestParams(request);
		if ((headerValue(request, 'ixcsoft') ?? '').toLowerCase() === 'listar') return list(resource, params);
		if (request.method === 'GET') return ixcHtmlError(404);
		if (request.method === 'POST' && !recordId) {
			const action = actions[resource];
			return action ? action({ customers: simulator.customers, params }) : unavailable(resource);
		}
		return jsonReply(501, { simulator: `${request.method} ${request.path} is not simulated` });
	}

	function list(resource: string, params: Record<string, unknown>): SimulatorReply {
		const rows = ixcTables(simulator.customers)[resource];
		if (!rows) return unavailable(resource);
		return listRows(rows, IXC_TABLE_PREFIX[resource] ?? resource, params, options.emptyListShape ?? 'absent');
	}

	const base = await startSimulator(handle, {
		port: options.port,
		onReset() {
			simulator.customers = cloneCustomers();
		},
	});
	const simulator: IxcSimulator = Object.assign(base, {
		customers: cloneCustomers(),
		htmlErrorNext(count: number, status = 504) {
			base.failNext(count, ixcHtmlError(status));
		},
		ipNotAllowedNext(count: number) {
			base.failNext(count, jsonReply(200, { type: 'error', message: 'Seu IP não está liberado para efetuar login!' }));
		},
	});
	return simulator;
}

function unavailable(resource: string): SimulatorReply {
	return jsonReply(200, { type: 'error', message: `Recurso ${resource} não está disponível!` });
}

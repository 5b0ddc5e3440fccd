/**
 * ReceitaNet "API URA" simulator, docs/apis-externas.md §D.6 and the vendor's OpenAPI 1.1.0
 * (https://www.receitanet.net/api/ura/openapi.yaml, copied in sufficit/sufficit-gateway-receitanet
 * `docs/openapi-1.1.0.yaml`). Base path `/api/novo/ura`; the token goes in the query (`?token=`),
 * `app=ura` in the JSON body as the 1.1.0 spec requires (clients sent it in the query until 2026;
 * `appInQuery` accepts that older form). Every endpoint is a POST:
 *
 * - `/clientes` `{cpfcnpj | phone | contrato}` → `{success, msg, contratos}`, `contratos` being ONE
 *   object when a single contract matches and an array otherwise; 404 `{success:false, msg}` when
 *   none; 401 `{error:"unauthorized_client"}` for a wrong token.
 * - `/verificar-acesso` `{contrato, uracontato}` → `status` 1 (connected) / 2 (disconnected).
 *   `uracontato` (the caller's number) is required by the spec on every contract call: empty → 400.
 * - `/notificacao-pagamento` `{contrato, uracontato}` → `liberado` and `status` 1 (allowed) / 2 (denied):
 *   the payment notice that releases a suspended contract (the trust unlock), once a month here.
 * - `/abertura-chamado` `{contrato, uracontato, motivoos, ocorrenciatipo ∈ 1,2,4,5}` → `protocolo`, `idSuporte`.
 *
 * Meanings of codes (contratoStatus 1 ativo / 3 suspenso / 4 cancelado, ocorrenciatipo 1 manutenção /
 * 2 instalação / 4 retirada de equipamento / 5 financeiro) come from a third-party client of the API;
 * the wording of denials and the 400 answers for missing fields are assumptions.
 */
import { isPlainObject, jsonReply, requestParams, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { digitsOnly, isMobilePhone, isoDate, unmaskDocument } from './brazil-formats';
import { applyTrustUnlock, cloneCustomers, contractsWithCustomers, findContract, trustUnlockUsedThisMonth, type ErpContract, type ErpCustomer } from './erp-dataset';

/** The token the simulator accepts. */
export const RECEITANET_TEST_TOKEN = 'receitanet-simulator-token';

/** Path prefix of the URA API. */
export const RECEITANET_PATH = '/api/novo/ura';

/** Ticket kinds (`ocorrenciatipo`) the API accepts. */
export const RECEITANET_TICKET_KINDS = [1, 2, 4, 5] as const;

/** Options of {@link startReceitaNetSimulator}. */
export interface ReceitaNetSimulatorOptions {
	/** Also accept `app=ura` in the query string (servers before the 1.1.0 spec). */
	appInQuery?: boolean;
}

/** A running ReceitaNet simulator. */
export interface ReceitaNetSimulator extends Simulator {
	customers: ErpCustomer[];
}

const CONTRACT_STATUS = { active: 1, suspended: 3 } as const;

function contractObject(customer: ErpCustomer, contract: ErpContract): Record<string, unknown> {
	const open = customer.invoices.filter((invoice) => invoice.contractId === contract.id && invoice.status === 'open');
	const openTickets = customer.tickets.filter((ticket) => ticket.contractId === contract.id && ticket.status === 'open').length;
	const suspended = contract.state === 'blockedForDebt';
	return {
		idCliente: Number(customer.id),
		razaoSocial: customer.name,
		contratoStatusDisplay: suspended ? 'Suspenso' : 'Ativo',
		isPromessaPagamento: contract.state === 'active' && trustUnlockUsedThisMonth(contract),
		contratoValorAberto: Math.round(open.reduce((sum, invoice) => sum + invoice.amount, 0) * 100) / 100,
		faturasEmAberto: open.map((invoice) => ({ valor: invoice.amount, vencimento: invoice.dueDate })),
		cpfCnpj: unmaskDocument(customer.document),
		contratoStatus: suspended ? CONTRACT_STATUS.suspended : CONTRACT_STATUS.active,
		existeChamado: openTickets > 0 ? 1 : 0,
		contratoId: Number(contract.id),
		isEmail: customer.email !== '',
		isSMS: customer.phones.some(isMobilePhone),
		isChamados: { '1': openTickets, '2': 0, '4': 0, '5': 0 },
		tecnologia: 1,
		servidor: { isManutencao: false, mensagemManutencao: false },
	};
}

/** Same DDD and last 8 digits (with or without the 9th digit, with or without +55). */
function samePhone(registered: string, searched: string): boolean {
	const national = (phone: string) => {
		const digits = digitsOnly(phone);
		return digits.length >= 12 && digits.startsWith('55') ? digits.slice(2) : digits;
	};
	const [a, b] = [national(registered), national(searched)];
	return a.length >= 10 && b.length >= 10 && a.slice(0, 2) === b.slice(0, 2) && a.slice(-8) === b.slice(-8);
}

const failure = (status: number, msg: string) => jsonReply(status, { success: false, msg });

/** Starts a ReceitaNet simulator on a random loopback port. */
export async function startReceitaNetSimulator(options: ReceitaNetSimulatorOptions = {}): Promise<ReceitaNetSimulator> {
	let ticketSequence = 0;
	const logins = () => contractsWithCustomers(simulator.customers);

	function findContracts(params: Record<string, unknown>): Array<{ customer: ErpCustomer; contract: ErpContract }> {
		if (params.contrato !== undefined && params.contrato !== null && params.contrato !== '') {
			const found = findContract(simulator.customers, String(params.contrato));
			return found ? [found] : [];
		}
		if (typeof params.cpfcnpj === 'string' && params.cpfcnpj) {
			const document = unmaskDocument(params.cpfcnpj);
			return logins().filter(({ customer }) => unmaskDocument(customer.document) === document);
		}
		if (typeof params.phone === 'string' && params.phone) {
			const phone = params.phone;
			return logins().filter(({ customer }) => customer.phones.some((registered) => samePhone(registered, phone)));
		}
		return [];
	}

	function clientes(params: Record<string, unknown>): SimulatorReply {
		if (![params.contrato, params.cpfcnpj, params.phone].some((value) => value !== undefined && value !== null && value !== '')) {
			return failure(400, 'Informe contrato, phone ou cpfcnpj');
		}
		const found = findContracts(params).map(({ customer, contract }) => contractObject(customer, contract));
		if (found.length === 0) return failure(404, 'Cliente não localizado');
		return jsonReply(200, {
			success: true,
			msg: found.length === 1 ? 'Contrato Localizado' : 'Contratos Localizados',
			contratos: found.length === 1 ? found[0] : found,
		});
	}

	/** The contract of a contract-scoped call, or the error answer. */
	function scoped(params: Record<string, unknown>): { customer: ErpCustomer; contract: ErpContract } | SimulatorReply {
		if (params.contrato === undefined || params.contrato === '' || typeof params.uracontato !== 'string' || params.uracontato.trim() === '') {
			return failure(400, 'Parâmetros obrigatórios: contrato e uracontato');
		}
		return findContract(simulator.customers, String(params.contrato)) ?? failure(404, 'Contrato não localizado.');
	}

	function echo(customer: ErpCustomer, contract: ErpContract, params: Record<string, unknown>): Record<string, unknown> {
		return { idCliente: Number(customer.id), razaoSocial: customer.name, cpfCnpj: unmaskDocument(customer.document), uracontato: params.uracontato, contratoId: Number(contract.id) };
	}

	function nextProtocol(): string {
		ticketSequence += 1;
		return `${isoDate().replace(/-/g, '')}${String(ticketSequence).padStart(7, '0')}`;
	}

	function verificarAcesso(params: Record<string, unknown>): SimulatorReply {
		const found = scoped(params);
		if (!('contract' in found)) return found;
		return jsonReply(200, { success: true, msg: 'Status de conexão', ...echo(found.customer, found.contract, params), status: found.contract.login.online ? 1 : 2 });
	}

	function notificacaoPagamento(params: Record<string, unknown>): SimulatorReply {
		const found = scoped(params);
		if (!('contract' in found)) return found;
		const { customer, contract } = found;
		const base = { success: true, ...echo(customer, contract, params), protocolo: nextProtocol() };
		if (contract.state !== 'blockedForDebt') return jsonReply(200, { ...base, msg: 'Contrato não está suspenso', liberado: false, status: 2 });
		if (!contract.trustUnlockEnabled || trustUnlockUsedThisMonth(contract)) {
			return jsonReply(200, { ...base, msg: 'Notificação de pagamento já utilizada neste mês', liberado: false, status: 2 });
		}
		applyTrustUnlock(contract);
		return jsonReply(200, { ...base, msg: 'Notificação de pagamento registrada, acesso liberado', liberado: true, status: 1 });
	}

	function aberturaChamado(params: Record<string, unknown>): SimulatorReply {
		const found = scoped(params);
		if (!('contract' in found)) return found;
		const kind = Number(params.ocorrenciatipo);
		if (!RECEITANET_TICKET_KINDS.some((known) => known === kind)) return failure(400, 'ocorrenciatipo inválido');
		if (typeof params.motivoos !== 'string' || !params.motivoos.trim()) return failure(400, 'Informe o motivoos');
		const { customer, contract } = found;
		const protocol = nextProtocol();
		const id = String(9000 + ticketSequence);
		customer.tickets.push({ id, protocol, contractId: contract.id, subject: `ocorrenciatipo ${kind}`, description: params.motivoos, openedOn: isoDate(), status: 'open' });
		return jsonReply(200, { success: true, msg: 'Chamado aberto com sucesso', ...echo(customer, contract, params), protocolo: protocol, status: true, idSuporte: Number(id) });
	}

	function handle(request: RecordedRequest): SimulatorReply {
		if (request.query.token !== RECEITANET_TEST_TOKEN) return jsonReply(401, { error: 'unauthorized_client' });
		const params = requestParams(request);
		const app = isPlainObject(request.json) ? request.json.app : undefined;
		if (app !== 'ura' && !(options.appInQuery && request.query.app === 'ura')) return failure(400, 'Informe app=ura');
		if (request.method !== 'POST') return failure(405, 'Método não permitido');
		if (request.json !== undefined && !isPlainObject(request.json)) return failure(400, 'Corpo inválido');
		if (!request.path.startsWith(`${RECEITANET_PATH}/`)) return failure(404, 'Rota não encontrada');
		switch (request.path.slice(RECEITANET_PATH.length).replace(/\/+$/, '')) {
			case '/clientes':
				return clientes(params);
			case '/verificar-acesso':
				return verificarAcesso(params);
			case '/notificacao-pagamento':
				return notificacaoPagamento(params);
			case '/abertura-chamado':
				return aberturaChamado(params);
			default:
				return failure(404, 'Rota não encontrada');
		}
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
			ticketSequence = 0;
		},
	});
	const simulator: ReceitaNetSimulator = Object.assign(base, { customers: cloneCustomers() });
	return simulator;
}

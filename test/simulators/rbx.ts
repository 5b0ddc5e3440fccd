/**
 * RBX ISP (RouterBox) web-services simulator, docs/apis-externas.md §D.5, serving the shared data set
 * (erp-dataset.ts). Every call is a POST of JSON whose root key names the service:
 * v1 on `/routerbox/ws/rbx_server_json.php` (key in `Autenticacao.ChaveIntegracao`, `Filtro` as SQL
 * text), v2 on `/routerbox/ws_json/ws_json.php` (key in the `authentication_key` header).
 *
 * Quirks reproduced: HTTP 200 for every answer, the verdict in `status`; v1 "no rows" as an error
 * (`status 0, erro_code 1`) and an invalid key as `erro_code 97`; v1 values as strings; v2 `status`
 * sometimes the string `"1"`; `radius_extract` without envelope; `get_barcode` refuses a past due date;
 * `contract_unblock` answers "Must be Blocked!" (error 10) for a contract that is not blocked and
 * unblocks any blocked one (no trust window, no monthly quota); the boleto link under `/routerbox/tmp/`.
 * [UNCERTAIN] choices are marked where built: the Filtro fields, the contract situation of a blocked
 * contract (stays "A", listed in ConsultaContratosBloqueados), the v2 invalid-key answer, ConsultaTopicos
 * fields, the portal login (CPF/CNPJ + the PPPoE password of the first contract).
 */
import { headerValue, isPlainObject, jsonReply, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { digitsOnly, isoDate, unmaskDocument } from './brazil-formats';
import { applyTrustUnlock, cloneCustomers, contractsWithCustomers, findContract, type ErpContract, type ErpCustomer } from './erp-dataset';
import { todayInBrazil } from '../../nodes/shared/erp/calendar';
import { pdfReply } from './pdf';

/** Credentials the simulator accepts. */
export const RBX_TEST_CREDENTIALS = { key: 'UAHS531AUSHUQ727182HNUHE18H37H', user: 'bot.atendimento' } as const;

/** A ticket the simulator opened. */
export interface RbxTicket {
	number: string;
	fields: Record<string, unknown>;
}

/** A running RBX simulator. */
export interface RbxSimulator extends Simulator {
	customers: ErpCustomer[];
	tickets: RbxTicket[];
}

const V1 = '/routerbox/ws/rbx_server_json.php';
const V2 = '/routerbox/ws_json/ws_json.php';
const TOPICS = [
	{ Codigo: '1', Descricao: 'Suporte Técnico', Ativo: 'S' },
	{ Codigo: '2', Descricao: 'Pendências Financeiras', Ativo: 'S' },
];

const v1Ok = (result: unknown[]) => jsonReply(200, { status: 1, erro_code: '', erro_inf: '', erro_desc: '', erro_detail: '', result });
const v1Error = (code: number, desc: string, detail: string) => jsonReply(200, { status: 0, erro_code: code, erro_inf: '', erro_desc: desc, erro_detail: detail, result: '' });
const v1Rows = (rows: unknown[]) => (rows.length === 0 ? v1Error(1, 'Consulta sem resultados', 'A consulta nao retornou resultados') : v1Ok(rows));
const v2Ok = (result: unknown) => jsonReply(200, { status: '1', error_code: '', error_description: '', result });
const v2Error = (code: number, description: string) => jsonReply(200, { status: 0, error_code: code, error_description: description, result: '' });

type Clause = { field: string; op: '=' | 'LIKE'; value: string };

/** The Filtro subset the adapter sends: `Campo = 'v'` or `Campo LIKE '%a%b'`, joined by OR. `undefined` when it does not parse. */
function parseFilter(filter: string): Clause[] | undefined {
	const clauses: Clause[] = [];
	const clause = /\s*(\w+)\s*(=|LIKE)\s*'((?:[^']|'')*)'\s*(OR\b|$)/iy;
	while (clause.lastIndex < filter.length) {
		const match = clause.exec(filter);
		if (!match) return undefined;
		clauses.push({ field: match[1], op: match[2].toUpperCase() as Clause['op'], value: match[3].replace(/''/g, "'") });
		if (match[4] === '') break;
	}
	return clauses;
}

function matches(row: Record<string, unknown>, clauses: Clause[]): boolean {
	return clauses.some(({ field, op, value }) => {
		const cell = String(row[field] ?? '');
		if (op === '=') return cell === value;
		const pattern = new RegExp(`^${value.split('%').map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
		return pattern.test(cell);
	});
}

/** Starts an RBX simulator on a random loopback port. */
export async function startRbxSimulator(): Promise<RbxSimulator> {
	let nextTicket = 1;
	const contracts = () => contractsWithCustomers(simulator.customers);
	const customerById = (id: unknown) => simulator.customers.find((customer) => customer.id === String(id ?? ''));

	const clientRow = (customer: ErpCustomer) => ({
		Codigo: customer.id,
		Tipo: customer.personType,
		CNPJ_CNPF: unmaskDocument(customer.document),
		Nome: customer.name,
		Endereco: customer.address.street,
		Numero: customer.address.number,
		Bairro: customer.address.district,
		Cidade: customer.address.city,
		UF: customer.address.state,
		CEP: digitsOnly(customer.address.zip),
		TelComercial: customer.personType === 'J' ? (customer.phones[0] ?? '') : '',
		TelResidencial: '',
		TelCelular: customer.phones.find((phone) => digitsOnly(phone).length === 11) ?? '',
		Nascimento: customer.birthDate,
		Bloqueavel: 'S',
		Grupo: '1',
		Situacao: 'A',
		Email: customer.email,
		AvisoPagamento: 'N',
	});

	// [UNCERTAIN] a blocked contract keeps situation "A" and shows in ConsultaContratosBloqueados; one awaiting signature is "Aguardando Instalação".
	const contractRow = (customer: ErpCustomer, contract: ErpContract) => ({
		Numero: contract.id,
		Cliente_Codigo: customer.id,
		Cliente_Nome: customer.name,
		Plano_Codigo: '1',
		Plano_Descricao: contract.planName,
		Situacao_Codigo: contract.state === 'awaitingSignature' ? 'I' : 'A',
		Situacao_Descricao: contract.state === 'awaitingSignature' ? 'Aguardando Instalação' : 'Ativo',
		Assinado: contract.acceptanceSignedOn ? 'S' : 'N',
		Aceite_Eletronico: contract.acceptanceSignedOn ? 'S' : 'N',
		Aceite_Eletronico_Data: contract.acceptanceSignedOn ?? '',
		CicloFaturamento_Vencimento: '10',
		ValorLiquido: contract.monthlyAmount.toFixed(2),
		Tecnologia: 'FTTH',
	});

	function v1(service: string, fields: Record<string, unknown>): SimulatorReply {
		const auth = isPlainObject(fields.Autenticacao) ? fields.Autenticacao : {};
		if (auth.ChaveIntegracao !== RBX_TEST_CREDENTIALS.key) return v1Error(97, 'Erro de integracao', 'Chave de integracao invalida ou inativa');
		const filter = typeof fields.Filtro === 'string' && fields.Filtro.trim() !== '' ? parseFilter(fields.Filtro) : [];
		if (!filter) return v1Error(2, 'Erro de integracao', 'Filtro invalido');
		const select = <T extends Record<string, unknown>>(rows: T[]) => (filter.length === 0 ? rows : rows.filter((row) => matches(row, filter)));
		switch (service) {
			case 'ConsultaClientes':
				return v1Rows(select(simulator.customers.map(clientRow)));
			case 'ConsultaContratos':
				return v1Rows(select(contracts().map(({ customer, contract }) => contractRow(customer, contract))));
			case 'ConsultaContratosBloqueados':
				return v1Rows(
					select(contracts().filter(({ contract }) => contract.state === 'blockedForDebt').map(({ customer, contract }) => ({ Contrato_Numero: contract.id, Contrato_Bloqueio: isoDate(-3), Cliente_Codigo: customer.id }))),
				);
			case 'ConsultaClientesReducao':
				return v1Rows(select(contracts().filter(({ contract }) => contract.state === 'speedReduced').map(({ customer, contract }) => ({ Regra: '1', Cliente_Codigo: customer.id, Contrato_Numero: contract.id }))));
			case 'ConsultaTopicos':
				return v1Rows(select(TOPICS));
			case 'AtendimentoCadastro':
				return openTicket(isPlainObject(fields.DadosAtendimento) ? fields.DadosAtendimento : {});
			default:
				return v1Error(98, 'Erro de integracao', 'Servico nao autorizado para esta chave');
		}
	}

	function openTicket(fields: Record<string, unknown>): SimulatorReply {
		if (!customerById(fields.Cliente)) return v1Error(3, 'Erro de validacao', 'Cliente nao encontrado');
		if (!fields.Topico && !fields.Fluxo) return v1Error(4, 'Erro de validacao', 'Topico ou Fluxo deve ser informado');
		if (!fields.Assunto) return v1Error(5, 'Erro de validacao', 'Assunto deve ser informado');
		const number = String(5000 + nextTicket++);
		simulator.tickets.push({ number, fields });
		return v1Ok([{ NumeroAtendimento: number, SLA: '24', SLA_Tipo: 'H', Mensagem: 'Atendimento cadastrado com sucesso' }]);
	}

	const openInvoices = (customerId: unknown) => customerById(customerId)?.invoices.filter((invoice) => invoice.status === 'open') ?? [];
	const invoiceById = (id: unknown) => simulator.customers.flatMap((customer) => customer.invoices).find((invoice) => invoice.id === String(id ?? '') && invoice.status === 'open');

	function v2(service: string, params: Record<string, unknown>, baseUrl: string): SimulatorReply {
		switch (service) {
			case 'get_unpaid_document':
				return v2Ok(
					openInvoices(params.customer_id).map((invoice) => ({
						id: Number(invoice.id),
						account_number: 3,
						due_date: invoice.dueDate,
						document_number: `DOC${invoice.id}`,
						bank_number: `000${invoice.id}`,
						charge_type: 'B',
						value_init: invoice.amount.toFixed(2),
						value_interest: '0.00',
						value_fine: '0.00',
						value_discount: '0.00',
						value_up: invoice.amount.toFixed(2),
						contracts: [Number(invoice.contractId)],
					})),
				);
			case 'get_barcode': {
				const invoice = invoiceById(params.banking_billet_id);
				if (!invoice) return v2Error(11, 'Banking billet not found!');
				// RBX runs on Brasília time, like the ISPs.
				if (String(params.banking_billet_due_date ?? '') < todayInBrazil()) return v2Error(6, 'The field banking_billet_due_date can not be past due!');
				return v2Ok(invoice.digitableLine);
			}
			case 'get_banking_billet': {
				const invoice = invoiceById(params.document_id);
				if (!invoice) return v2Error(11, 'Document not found!');
				return v2Ok({ banking_billet_link: `${baseUrl}/routerbox/tmp/boleto_${invoice.id}.pdf`, banking_billet_available: true, banking_billet_base64: '' });
			}
			case 'get_pix_copia_cola': {
				const invoice = invoiceById(params.banking_billet_id);
				if (!invoice) return v2Error(16, 'Banking billet without Pix!');
				return v2Ok(invoice.pixCopyPaste);
			}
			case 'contract_unblock': {
				const found = findContract(simulator.customers, String(params.contract_id ?? ''));
				if (!found || found.customer.id !== String(params.customer_id ?? '')) return v2Error(9, 'Contract not found!');
				if (found.contract.state !== 'blockedForDebt') return v2Error(10, 'Must be Blocked!');
				applyTrustUnlock(found.contract);
				return v2Ok('Successfully blocked uncontract');
			}
			case 'get_online_customer': {
				const customer = customerById(params.customer_id);
				return v2Ok(
					(customer?.contracts ?? [])
						.filter((contract) => contract.login.online)
						.map((contract, index) => ({
							session_id: `S${contract.login.id}${index}`,
							contract_id: Number(contract.id),
							authentication_username: contract.login.login,
							framed_ipv4_address: contract.login.ipv4,
							session_start_time: contract.login.lastConnectionStart,
							session_up_time: '3600',
							nas_ip_address: '10.0.0.1',
							calling_station_id: contract.login.mac,
						})),
				);
			}
			case 'radius_extract': {
				const customer = customerById(params.customer_id);
				// No envelope, as the manual shows it.
				return jsonReply(
					200,
					(customer?.contracts ?? [])
						.filter((contract) => contract.login.lastConnectionStart)
						.map((contract) => ({
							username: contract.login.login,
							start_time: contract.login.lastConnectionStart,
							stop_time: contract.login.lastConnectionEnd,
							session_time: '7200',
							terminatecause: 'User-Request',
							ipaddress: contract.login.ipv4,
							mac: contract.login.mac,
						})),
				);
			}
			case 'authentication_validation': {
				const customer = simulator.customers.find((candidate) => unmaskDocument(candidate.document) === unmaskDocument(String(params.user ?? '')));
				if (!customer || customer.contracts[0]?.login.password !== params.password) return v2Error(10, 'User/Password incorrect!');
				return v2Ok({ customer_id: Number(customer.id), customer_name: customer.name, contract_status: 'active' });
			}
			default:
				return v2Error(2, 'Service not found!');
		}
	}

	function handle(request: RecordedRequest, baseUrl: string): SimulatorReply {
		const path = request.path.replace(/\/+$/, '');
		const boleto = /^\/routerbox\/tmp\/boleto_(\d+)\.pdf$/.exec(path);
		if (boleto && request.method === 'GET') return pdfReply(`Boleto RBX ${boleto[1]}`);
		if (request.method !== 'POST' || !isPlainObject(request.json)) return jsonReply(404, 'Not Found');
		const [service, fields] = Object.entries(request.json)[0] ?? [];
		if (!service || !isPlainObject(fields)) return path === V1 ? v1Error(99, 'Erro de integracao', 'Servico nao informado') : v2Error(1, 'Service not informed!');
		if (path === V1) return v1(service, fields);
		if (path === V2) {
			// [UNCERTAIN] the v2 answer to a wrong key.
			if (headerValue(request, 'authentication_key') !== RBX_TEST_CREDENTIALS.key) return v2Error(97, 'Invalid authentication key!');
			return v2(service, fields, baseUrl);
		}
		return jsonReply(404, 'Not Found');
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
			simulator.tickets.length = 0;
			nextTicket = 1;
		},
	});
	const simulator: RbxSimulator = Object.assign(base, { customers: cloneCustomers(), tickets: [] as RbxTicket[] });
	return simulator;
}

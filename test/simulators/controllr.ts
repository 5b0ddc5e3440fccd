/**
 * Controllr (BrByte) admin API simulator, docs/apis-externas.md §D.8. `POST /login` (form
 * `username`, `password`) sets the `BRBOSCookie` session cookie; every route is a POST of an
 * url-encoded form whose `where` is a JSON list of `{field, oper, value}` joined by `{"field":"AND"}`,
 * answering `{success, total, results}` (pagination `start`/`limit`). Quirks reproduced:
 * - 403 `{"code":-2,"message":"Access Denied"}` for a missing or dead session AND for unknown routes;
 * - a body that is not fully url-encoded (a raw `%` not followed by two hex digits) makes the server
 *   ignore `where` silently (every row comes back);
 * - `client_pk` without its table prefix is ambiguous (Postgres 42702, `success:false` with HTTP 200);
 * - `contract/list` filtered by client answers empty: only `contract_pk` works there, and
 *   `contract/list_combo` enumerates a customer's contracts;
 * - `errors:[{id, msg:"Required Field"}]` for a missing field on create routes.
 * Documents are stored masked in `client_doc1`; phones in `client_phones` as `"Rótulo#-#número,…"`.
 */
import { randomBytes } from 'node:crypto';

import { jsonReply, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { digitsOnly, isMobilePhone, isoDate } from './brazil-formats';
import { applyTrustUnlock, cloneCustomers, contractsWithCustomers, type ContractState, type ErpCustomer } from './erp-dataset';

export const CONTROLLR_TEST_CREDENTIALS = { username: 'bot-atendimento', password: 'senha-controllr-1' } as const;

/** Days an observation set by the ERP's own staff lasts in the data set (ana's, this month). */
const DATASET_OBSERVATION_DAYS = 3;

export interface ControllrSimulator extends Simulator {
	customers: ErpCustomer[];
	/** Observations created through `invoice_ctl/observation/create`. */
	observations: Array<Record<string, string>>;
	/** Tickets created through `support_ctl/ticket/create`. */
	tickets: Array<{ protocol: string; fields: Record<string, string> }>;
	/** Ends every session (the next call with its cookie gets 403 Access Denied). */
	expireSessions(): void;
}

const CONTRACT_STATUS: Record<ContractState, number> = { active: 1, blockedForDebt: 4, speedReduced: 1, awaitingSignature: 3 };
const CATEGORIES = [
	{ category_pk: 1, category_name: 'Suporte Técnico' },
	{ category_pk: 2, category_name: 'Financeiro' },
];

type Row = Record<string, unknown>;

/** `YYYY-MM-DD` plus `days`. */
function addDaysIso(date: string, days: number): string {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function parseWhere(text: string | undefined): unknown {
	try {
		return JSON.parse(text ?? '[]');
	} catch {
		return undefined;
	}
}
type Condition = { field: string; oper: number; value: unknown };

/** The conditions of a `where` list (nested lists flattened: all are ANDed here). */
function conditionsOf(where: unknown): Condition[] {
	if (!Array.isArray(where)) return [];
	return where.flatMap((entry) => (Array.isArray(entry) ? conditionsOf(entry) : typeof entry === 'object' && entry && (entry as Condition).field !== 'AND' ? [entry as Condition] : []));
}

function matches(row: Row, condition: Condition): boolean {
	const column = condition.field.includes('.') ? condition.field.split('.').pop()! : condition.field;
	const value = row[column];
	switch (condition.oper) {
		case 5:
			return String(value) === String(condition.value);
		case 7:
			return condition.value === null ? value === null || value === undefined : value === condition.value;
		case 8:
			return value !== null && value !== undefined;
		case 10: {
			const pattern = String(condition.value).replace(/%/g, '').toLowerCase();
			return String(value ?? '').toLowerCase().includes(pattern);
		}
		case 21:
			return Array.isArray(condition.value) && condition.value.map(String).includes(String(value));
		default:
			return false;
	}
}

/** A raw "%" not followed by two hex digits: the body was not url-encoded as a whole. */
function badlyEncoded(raw: string): boolean {
	return /%(?![0-9a-fA-F]{2})/.test(raw);
}

export async function startControllrSimulator(): Promise<ControllrSimulator> {
	const sessions = new Set<string>();
	let sequence = 0;

	const everyContract = () => contractsWithCustomers(simulator.customers);

	function clientRow(customer: ErpCustomer): Row {
		const phones = customer.phones.map((phone) => `${isMobilePhone(phone) ? 'Celular' : 'Comercial'}#-#${digitsOnly(phone)}`).join(',');
		return {
			client_pk: Number(customer.id),
			client_status: 0,
			client_complete_name: customer.name,
			client_doc1: customer.document,
			client_doc2: '',
			client_mail: `Principal#-#${customer.email}`,
			client_phones: phones,
			cli_addr_street: customer.address.street,
			cli_addr_number: customer.address.number,
			cli_addr_city: customer.address.city,
		};
	}

	function phoneRows(): Row[] {
		return simulator.customers.flatMap((customer) => customer.phones.map((phone, index) => ({ phone_pk: Number(customer.id) * 10 + index, phone_identification: 'PRINCIPAL', phone_number: digitsOnly(phone), client_pk: Number(customer.id) })));
	}

	function contractRows(): Row[] {
		return everyContract().map(({ customer, contract }) => ({
			contract_pk: Number(contract.id),
			contract_number: Number(contract.id) + 10000,
			contract_status: CONTRACT_STATUS[contract.state],
			contract_pay_day: 10,
			contract_date_activation: `${contract.activatedOn} 00:00:00`,
			contract_sign_date: contract.acceptanceSignedOn ? `${contract.acceptanceSignedOn} 10:00:00` : null,
			client_pk: Number(customer.id),
		}));
	}

	function itemRows(): Row[] {
		return everyContract().map(({ contract }) => ({ item_pk: Number(contract.id) * 10, contract_pk: Number(contract.id), item_name: 'Internet', item_amount: contract.monthlyAmount.toFixed(2), plan_name: contract.planName }));
	}

	/** Observations: created ones, and ana's (used this month, from the data set). */
	function observationOf(invoiceId: string, contractId: string): { obs_pk: number; obs_date_end: string } | undefined {
		const created = simulator.observations.find((observation) => observation.invoice_pk === invoiceId);
		if (created) return { obs_pk: Number(created.obs_pk), obs_date_end: `${created.obs_date_end} 23:59:59` };
		const found = everyContract().find(({ contract }) => contract.id === contractId);
		const used = found?.contract.trustUnlockUsedOn;
		if (!used || found.contract.state !== 'blockedForDebt') return undefined;
		return { obs_pk: 900 + Number(invoiceId.slice(-2)), obs_date_end: `${addDaysIso(used, DATASET_OBSERVATION_DAYS)} 23:59:59` };
	}

	function invoiceRows(): Row[] {
		return simulator.customers.flatMap((customer) =>
			customer.invoices.map((invoice) => {
				const observation = invoice.status === 'open' ? observationOf(invoice.id, invoice.contractId) : undefined;
				return {
					invoice_pk: Number(invoice.id),
					client_pk: Number(customer.id),
					contract_pk: Number(invoice.contractId),
					invoice_date_due: invoice.dueDate,
					invoice_amount: invoice.amount.toFixed(2),
					invoice_date_credit: invoice.paidOn ? `${invoice.paidOn} 09:00:00` : null,
					invoice_deleted: false,
					obs_pk: observation?.obs_pk ?? null,
					obs_date_end: observation?.obs_date_end ?? null,
				};
			}),
		);
	}

	function cpeRows(): Row[] {
		return everyContract().map(({ customer, contract }) => ({
			cpe_pk: Number(contract.login.id),
			cpe_username: contract.login.login,
			cpe_status: contract.state === 'blockedForDebt' ? 0 : 1,
			cpe_sessions: contract.login.online ? 1 : 0,
			cpe_mac_last: contract.login.mac,
			client_pk: Number(customer.id),
			contract_pk: Number(contract.id),
		}));
	}

	function historyRows(): Row[] {
		return everyContract()
			.filter(({ contract }) => contract.login.lastConnectionStart)
			.map(({ contract }) => ({
				cpe_pk: Number(contract.login.id),
				session_username: contract.login.login,
				session_date_start: contract.login.lastConnectionStart,
				session_date_close: contract.login.lastConnectionEnd ?? `${isoDate()} 00:00:00`,
				session_v4_ip: contract.login.ipv4,
				session_terminate_cause: 2,
			}));
	}

	function listReply(rows: Row[], form: Record<string, string>, raw: string, ambiguous: string[] = []): SimulatorReply {
		let conditions: Condition[] = [];
		if (!badlyEncoded(raw)) {
			const where = parseWhere(form.where);
			if (where === undefined) return jsonReply(200, { success: false, errors: [{ id: 'where', msg: 'Invalid JSON' }] });
			conditions = conditionsOf(where);
		}
		const bare = conditions.find((condition) => ambiguous.includes(condition.field));
		if (bare) return jsonReply(200, { success: false, errors: [{ id: '42702', msg: `column reference "${bare.field}" is ambiguous` }] });
		let selected = rows.filter((row) => conditions.every((condition) => matches(row, condition)));
		if (form.sort) {
			const direction = form.dir === 'DESC' ? -1 : 1;
			selected = [...selected].sort((a, b) => String(a[form.sort] ?? '').localeCompare(String(b[form.sort] ?? '')) * direction);
		}
		const start = Number(form.start ?? 0) || 0;
		const limit = Number(form.limit ?? 25) || 25;
		return jsonReply(200, { success: true, total: selected.length, results: selected.slice(start, start + limit) });
	}

	function required(form: Record<string, string>, fields: string[]): SimulatorReply | undefined {
		const missing = fields.filter((field) => !form[field]);
		return missing.length > 0 ? jsonReply(200, { success: false, errors: missing.map((id) => ({ id, msg: 'Required Field' })) }) : undefined;
	}

	function createObservation(form: Record<string, string>): SimulatorReply {
		const missing = required(form, ['client_pk', 'contract_pk', 'invoice_pk', 'obs_release_type', 'obs_status', 'obs_text']);
		if (missing) return missing;
		if (form.obs_release_type === '0' && !/^\d{4}-\d{2}-\d{2}/.test(form.obs_date_end ?? '')) return jsonReply(200, { success: false, errors: [{ id: 'obs_date_end', msg: 'Required Field' }] });
		const found = everyContract().find(({ contract }) => contract.id === form.contract_pk);
		const invoice = found?.customer.invoices.find((candidate) => candidate.id === form.invoice_pk && candidate.contractId === form.contract_pk);
		if (!found || !invoice) return jsonReply(200, { success: false, code: 404, message: 'Invoice not found' });
		sequence += 1;
		const observation = { ...form, obs_pk: String(500 + sequence) };
		simulator.observations.push(observation);
		// The blocking routine releases a contract whose overdue invoices are all in observation.
		const overdue = found.customer.invoices.filter((candidate) => candidate.contractId === found.contract.id && candidate.status === 'open' && candidate.dueDate < isoDate());
		if (found.contract.state === 'blockedForDebt' && overdue.every((candidate) => simulator.observations.some((each) => each.invoice_pk === candidate.id))) applyTrustUnlock(found.contract);
		return jsonReply(200, { success: true, total: 1, results: [{ obs_pk: Number(observation.obs_pk) }] });
	}

	function createTicket(form: Record<string, string>): SimulatorReply {
		const missing = required(form, ['client_pk', 'category_pk', 'ticket_title', 'ticket_desc']);
		if (missing) return missing;
		sequence += 1;
		const protocol = `${isoDate().replace(/-/g, '')}${String(sequence).padStart(7, '0')}`;
		simulator.tickets.push({ protocol, fields: { ...form } });
		return jsonReply(200, { success: true, total: 1, results: [{ ticket_pk: 8000 + sequence, ticket_protocol: protocol }] });
	}

	function login(form: Record<string, string>): SimulatorReply {
		if (form.username !== CONTROLLR_TEST_CREDENTIALS.username || form.password !== CONTROLLR_TEST_CREDENTIALS.password) {
			return jsonReply(401, { code: -1, message: 'Invalid username or password' });
		}
		const cookie = randomBytes(16).toString('hex');
		sessions.add(cookie);
		return { status: 200, headers: { 'set-cookie': `BRBOSCookie=${cookie}; Path=/; HttpOnly` }, body: { success: true } };
	}

	function handle(request: RecordedRequest): SimulatorReply {
		const form = request.form;
		const raw = request.rawBody.toString('latin1');
		if (request.method === 'POST' && request.path === '/login') return login(form);
		const cookie = /BRBOSCookie=([^;\s]+)/.exec(String(request.headers.cookie ?? ''))?.[1];
		const denied = jsonReply(403, { code: -2, message: 'Access Denied' });
		if (!cookie || !sessions.has(cookie) || request.method !== 'POST') return denied;
		switch (request.path) {
			case '/session/logout':
				sessions.delete(cookie);
				return jsonReply(200, { success: true });
			case '/controllrctl/client/list':
				return listReply(simulator.customers.map(clientRow), form, raw, ['client_pk']);
			case '/controllrctl/phone/list':
				return listReply(phoneRows(), form, raw, ['client_pk']);
			case '/controllrctl/contract/list': {
				// The client filter answers empty (a known server bug): only contract_pk works here.
				const byClient = conditionsOf(parseWhere(form.where)).some((condition) => condition.field.endsWith('client_pk'));
				return byClient ? jsonReply(200, { success: true, total: 0, results: [] }) : listReply(contractRows(), form, raw);
			}
			case '/controllrctl/contract/list_combo':
				return listReply(contractRows().map(({ contract_pk, contract_number, client_pk }) => ({ contract_pk, contract_number, client_pk })), form, raw);
			case '/controllrctl/contract/svclist':
				return listReply(itemRows(), form, raw);
			case '/invoice_ctl/invoice/list':
				return listReply(invoiceRows(), form, raw, ['client_pk']);
			case '/invoice_ctl/observation/create':
				return createObservation(form);
			case '/aaa_ctl/cpe/list':
				return listReply(cpeRows(), form, raw, ['client_pk', 'contract_pk']);
			case '/aaa_ctl/session_history/list':
				return listReply(historyRows(), form, raw);
			case '/support_ctl/category/list':
				return listReply(CATEGORIES, form, raw);
			case '/support_ctl/ticket/create':
				return createTicket(form);
			default:
				return denied;
		}
	}

	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
			simulator.observations = [];
			simulator.tickets = [];
		},
	});
	const simulator: ControllrSimulator = Object.assign(base, {
		customers: cloneCustomers(),
		observations: [] as ControllrSimulator['observations'],
		tickets: [] as ControllrSimulator['tickets'],
		expireSessions() {
			sessions.clear();
		},
	});
	return simulator;
}

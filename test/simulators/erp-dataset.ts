/**
 * The one small data set behind every ERP simulator: each ERP renders these customers in its own
 * wire format, so a test can assert the same facts through IXC, SGP, Hubsoft or MK-Auth. Dates are
 * relative to the moment the module loads (due dates around today, a trust unlock used this month).
 *
 * | customer            | document             | situation                                                     |
 * |---------------------|----------------------|---------------------------------------------------------------|
 * | maria               | CPF 529.982.247-25   | active, online, one open invoice (due in 5 days), one paid    |
 * | joao                | CPF 627.105.245-20   | blocked for debt, offline, trust unlock available, open ticket |
 * | ana                 | CPF 175.181.720-20   | blocked for debt, trust unlock already used this month         |
 * | comercialSouza      | CNPJ 11.222.333/0001-81 | two contracts: one active, one with reduced speed          |
 * | alfaTecnologia      | CNPJ 12.ABC.345/01DE-35 (alphanumeric) | contract awaiting electronic signature        |
 */
import { boleto, firstDayOfMonth, isoDate, pixCopyPaste } from './brazil-formats';

/** A RADIUS/PPPoE login of a contract. */
export interface ErpLogin {
	id: string;
	login: string;
	password: string;
	online: boolean;
	ipv4: string;
	mac: string;
	/** `YYYY-MM-DD HH:MM:SS`, `null` when it never connected. */
	lastConnectionStart: string | null;
	/** `YYYY-MM-DD HH:MM:SS`, `null` while connected. */
	lastConnectionEnd: string | null;
}

/** What the bot can do about a contract depends on this. */
export type ContractState = 'active' | 'blockedForDebt' | 'speedReduced' | 'awaitingSignature';

/** A service contract (Hubsoft's `id_cliente_servico`, SGP's `contratoId`). */
export interface ErpContract {
	id: string;
	planName: string;
	monthlyAmount: number;
	state: ContractState;
	activatedOn: string;
	trustUnlockEnabled: boolean;
	/** `YYYY-MM-DD` of the last trust unlock, `null` if never used. */
	trustUnlockUsedOn: string | null;
	/** `YYYY-MM-DD` of the electronic acceptance, `null` while pending. */
	acceptanceSignedOn: string | null;
	login: ErpLogin;
	wifi: { ssid: string; password: string };
}

/** A receivable with its boleto and Pix data. */
export interface ErpInvoice {
	id: string;
	contractId: string;
	issuedOn: string;
	dueDate: string;
	amount: number;
	status: 'open' | 'paid';
	paidOn: string | null;
	barcode: string;
	digitableLine: string;
	pixTxid: string;
	pixCopyPaste: string;
}

/** A support ticket. */
export interface ErpTicket {
	id: string;
	protocol: string;
	contractId: string;
	subject: string;
	description: string;
	openedOn: string;
	status: 'open' | 'closed';
}

/** A telecom invoice (nota fiscal modelo 21/22, or NFCom, modelo 62). */
export interface ErpFiscalNote {
	id: string;
	number: number;
	model: '21' | '22' | '62';
	series: string;
	issuedOn: string;
	amount: number;
}

/** A customer with everything the bot asks about. */
export interface ErpCustomer {
	id: string;
	code: number;
	name: string;
	personType: 'F' | 'J';
	/** CPF or CNPJ, masked. */
	document: string;
	/** Masked, e.g. `(11) 98765-4321`. */
	phones: string[];
	email: string;
	birthDate: string;
	address: { street: string; number: string; district: string; city: string; state: string; zip: string };
	contracts: ErpContract[];
	invoices: ErpInvoice[];
	tickets: ErpTicket[];
	fiscalNotes: ErpFiscalNote[];
}

function invoice(id: string, contractId: string, dueInDays: number, amount: number, paidInDays?: number): ErpInvoice {
	const dueDate = isoDate(dueInDays);
	const pixTxid = `TX${id}PROVEDORTESTE0000000000`.slice(0, 26);
	return {
		id,
		contractId,
		issuedOn: isoDate(dueInDays - 15),
		dueDate,
		amount,
		status: paidInDays === undefined ? 'open' : 'paid',
		paidOn: paidInDays === undefined ? null : isoDate(paidInDays),
		...boleto(id, amount, dueDate),
		pixTxid,
		pixCopyPaste: pixCopyPaste(pixTxid, amount),
	};
}

function login(id: string, name: string, online: boolean, connectedDaysAgo: number | null, disconnectedDaysAgo: number | null): ErpLogin {
	const suffix = id.slice(-2);
	return {
		id,
		login: name,
		password: `senha${suffix}`,
		online,
		ipv4: `100.64.0.${Number(suffix)}`,
		mac: `AA:BB:CC:00:00:${suffix}`,
		lastConnectionStart: connectedDaysAgo === null ? null : `${isoDate(-connectedDaysAgo)} 08:15:00`,
		lastConnectionEnd: disconnectedDaysAgo === null ? null : `${isoDate(-disconnectedDaysAgo)} 23:40:12`,
	};
}

function contract(fields: Omit<ErpContract, 'activatedOn' | 'acceptanceSignedOn'> & Partial<ErpContract>): ErpContract {
	return { activatedOn: '2023-03-01', acceptanceSignedOn: '2023-03-01', ...fields };
}

const maria: ErpCustomer = {
	id: '101',
	code: 1001,
	name: 'MARIA SILVA',
	personType: 'F',
	document: '529.982.247-25',
	phones: ['(11) 98765-4321'],
	email: 'maria.silva@example.com',
	birthDate: '1990-05-20',
	address: { street: 'Rua das Flores', number: '100', district: 'Centro', city: 'São Paulo', state: 'SP', zip: '01001-000' },
	contracts: [
		contract({
			id: '2001',
			planName: 'FIBRA 300 MEGA',
			monthlyAmount: 99.9,
			state: 'active',
			trustUnlockEnabled: true,
			trustUnlockUsedOn: null,
			login: login('3001', 'maria.silva', true, 2, null),
			wifi: { ssid: 'MARIA_FIBRA', password: 'flores100' },
		}),
	],
	invoices: [invoice('30000', '2001', -25, 99.9, -27), invoice('30001', '2001', 5, 99.9)],
	tickets: [],
	fiscalNotes: [{ id: '5001', number: 1201, model: '21', series: 'U', issuedOn: isoDate(-30), amount: 99.9 }],
};

const joao: ErpCustomer = {
	id: '102',
	code: 1002,
	name: 'JOAO PEREIRA',
	personType: 'F',
	document: '627.105.245-20',
	phones: ['(49) 99999-1234'],
	email: 'joao.pereira@example.com',
	birthDate: '1985-11-02',
	address: { street: 'Rua XV de Novembro', number: '250', district: 'Centro', city: 'Chapecó', state: 'SC', zip: '89801-000' },
	contracts: [
		contract({
			id: '2002',
			planName: 'FIBRA 100 MEGA',
			monthlyAmount: 79.9,
			state: 'blockedForDebt',
			trustUnlockEnabled: true,
			trustUnlockUsedOn: null,
			login: login('3002', 'joao.pereira', false, 20, 3),
			wifi: { ssid: 'JOAO_NET', password: 'novembro250' },
		}),
	],
	invoices: [invoice('30003', '2002', -20, 79.9), invoice('30004', '2002', 10, 79.9)],
	tickets: [
		{
			id: '4001',
			protocol: '202501050000001',
			contractId: '2002',
			subject: 'Sem conexão',
			description: 'Cliente relata que está sem acesso desde o bloqueio.',
			openedOn: isoDate(-2),
			status: 'open',
		},
	],
	fiscalNotes: [],
};

const ana: ErpCustomer = {
	id: '103',
	code: 1003,
	name: 'ANA COSTA',
	personType: 'F',
	document: '175.181.720-20',
	phones: ['(98) 98512-0338'],
	email: 'ana.costa@example.com',
	birthDate: '1992-01-15',
	address: { street: 'Rua Grande', number: '45', district: 'Centro', city: 'São Luís', state: 'MA', zip: '65010-000' },
	contracts: [
		contract({
			id: '2003',
			planName: 'FIBRA 200 MEGA',
			monthlyAmount: 89.9,
			state: 'blockedForDebt',
			trustUnlockEnabled: true,
			trustUnlockUsedOn: firstDayOfMonth(),
			login: login('3003', 'ana.costa', false, 40, 5),
			wifi: { ssid: 'ANA_WIFI', password: 'grande45' },
		}),
	],
	invoices: [invoice('30005', '2003', -35, 89.9)],
	tickets: [],
	fiscalNotes: [],
};

const comercialSouza: ErpCustomer = {
	id: '104',
	code: 1004,
	name: 'COMERCIAL SOUZA LTDA',
	personType: 'J',
	document: '11.222.333/0001-81',
	phones: ['(21) 3333-4444', '(21) 99876-5432'],
	email: 'financeiro@comercialsouza.example',
	birthDate: '2010-06-01',
	address: { street: 'Avenida Atlântica', number: '1500', district: 'Copacabana', city: 'Rio de Janeiro', state: 'RJ', zip: '22021-000' },
	contracts: [
		contract({
			id: '2004',
			planName: 'EMPRESARIAL 500 MEGA',
			monthlyAmount: 299.9,
			state: 'active',
			trustUnlockEnabled: true,
			trustUnlockUsedOn: null,
			login: login('3004', 'comercial.souza', true, 6, null),
			wifi: { ssid: 'SOUZA_CORP', password: 'atlantica1500' },
		}),
		contract({
			id: '2005',
			planName: 'LINK BACKUP 100 MEGA',
			monthlyAmount: 149.9,
			state: 'speedReduced',
			trustUnlockEnabled: true,
			trustUnlockUsedOn: null,
			login: login('3005', 'comercial.backup', true, 1, null),
			wifi: { ssid: 'SOUZA_BACKUP', password: 'backup1500' },
		}),
	],
	invoices: [invoice('30006', '2004', 3, 299.9), invoice('30007', '2005', -15, 149.9)],
	tickets: [],
	fiscalNotes: [{ id: '5002', number: 1202, model: '21', series: 'U', issuedOn: isoDate(-30), amount: 449.8 }],
};

const alfaTecnologia: ErpCustomer = {
	id: '105',
	code: 1005,
	name: 'ALFA TECNOLOGIA LTDA',
	personType: 'J',
	document: '12.ABC.345/01DE-35',
	phones: ['(27) 99911-2233'],
	email: 'contato@alfatec.example',
	birthDate: isoDate(-10),
	address: { street: 'Rua Sete', number: '77', district: 'Centro', city: 'Vitória', state: 'ES', zip: '29010-000' },
	contracts: [
		contract({
			id: '2006',
			planName: 'FIBRA 500 MEGA',
			monthlyAmount: 199.9,
			state: 'awaitingSignature',
			activatedOn: isoDate(-1),
			acceptanceSignedOn: null,
			trustUnlockEnabled: false,
			trustUnlockUsedOn: null,
			login: login('3006', 'alfa.tecnologia', false, null, null),
			wifi: { ssid: 'ALFA_TEC', password: 'rua7setenta' },
		}),
	],
	invoices: [],
	tickets: [],
	fiscalNotes: [],
};

/** The customers by name, for tests. */
export const ERP_CUSTOMER = { maria, joao, ana, comercialSouza, alfaTecnologia } as const;

/** Every customer, in id order. */
export const ERP_CUSTOMERS: readonly ErpCustomer[] = [maria, joao, ana, comercialSouza, alfaTecnologia];

/** A deep copy of the data set, for a simulator's mutable state. */
export function cloneCustomers(): ErpCustomer[] {
	return structuredClone([...ERP_CUSTOMERS]);
}

/** `true` when the last trust unlock happened in the current month. */
export function trustUnlockUsedThisMonth(contract: ErpContract, today = isoDate()): boolean {
	return contract.trustUnlockUsedOn !== null && contract.trustUnlockUsedOn.slice(0, 7) === today.slice(0, 7);
}

/** Every contract paired with its customer. */
export function contractsWithCustomers(customers: ErpCustomer[]): Array<{ customer: ErpCustomer; contract: ErpContract }> {
	return customers.flatMap((customer) => customer.contracts.map((contract) => ({ customer, contract })));
}

/** Finds a contract (and its customer) by id. */
export function findContract(customers: ErpCustomer[], contractId: string): { customer: ErpCustomer; contract: ErpContract } | undefined {
	for (const customer of customers) {
		const found = customer.contracts.find((candidate) => candidate.id === contractId);
		if (found) return { customer, contract: found };
	}
	return undefined;
}

/** Marks a contract unlocked by trust today (the shared effect of every ERP's trust unlock). */
export function applyTrustUnlock(contract: ErpContract): void {
	contract.state = 'active';
	contract.trustUnlockUsedOn = isoDate();
}

/**
 * Voalle (Synsuite) "API's para Terceiros" simulator, docs/apis-externas.md §D.4, serving the shared
 * data set (erp-dataset.ts). One loopback server plays both ports: `POST /connect/token`
 * (form-urlencoded client_credentials with `scope=syngw` and `syndata`; 401 without them) and the
 * API under `/external/integrations/thirdparty/` (Bearer of an issued token, else 401).
 *
 * Quirks reproduced: the envelope `{ success, messages, response, dataResponseType, elapsedTime }`
 * with `success: false` on HTTP 200; `messages` as null, a string or a list of `{ type, message }`;
 * the data in `response`; dates as ISO `…T00:00:00`; `contract/getpaged` paginated from 1 (page 0 is
 * refused) or, with `zeroBasedPages`, from 0; `contracts/unlock` takes the contract **number**
 * (distinct from the id here); the access point status is the POP's, the same for every contract.
 * [UNCERTAIN] shapes no public source shows are the simulator's choice and marked where built:
 * the unknown-document answer, the `contract/getpaged` fields besides `contractNumber`, the unlock
 * refusal texts and the `opensolicitation` answer. The App Cliente (Portal V2) login
 * `GET /portal/portal_authentication?verify_token&client_id&client_secret&grant_type&username&password`
 * (credentials in the query string, as Voalle has it) answers `{ access_token, person{ id, name } }`.
 */
import { randomBytes } from 'node:crypto';

import { headerValue, isPlainObject, jsonReply, startSimulator, type RecordedRequest, type Simulator, type SimulatorReply } from './base';
import { digitsOnly, isMobilePhone, unmaskDocument } from './brazil-formats';
import { applyTrustUnlock, cloneCustomers, contractsWithCustomers, trustUnlockUsedThisMonth, type ErpContract, type ErpCustomer, type ErpInvoice } from './erp-dataset';
import { pdfReply } from './pdf';

/** Credentials the simulator accepts. */
export const VOALLE_TEST_CREDENTIALS = { clientId: 'bot-integrador', clientSecret: 'voalle-simulator-secret', syndata: 'syndata-tenant-0001' } as const;

/** The App Cliente (Portal V2) of the simulator: `Api_Path` is `<url>/portal`. */
export const VOALLE_PORTAL_CREDENTIALS = { path: '/portal', verifyToken: 'verify-0001', clientId: 'app-cliente', clientSecret: 'app-cliente-secret' } as const;

/** Options of {@link startVoalleSimulator}. */
export interface VoalleSimulatorOptions {
	/** `contract/getpaged` counts pages from 0 (default: from 1, page 0 refused). */
	zeroBasedPages?: boolean;
	/** An unknown document answers `success: true, response: null` (default: `success: false` with a message). */
	notFoundAsNull?: boolean;
}

/** A solicitation (ticket) the simulator opened. */
export interface VoalleSolicitation {
	protocol: string;
	clientId: string;
	contractId?: string;
	description: string;
}

/** A running Voalle simulator. */
export interface VoalleSimulator extends Simulator {
	customers: ErpCustomer[];
	solicitations: VoalleSolicitation[];
	/** The access point's state (`getaccesspointstatusbycontract`). */
	accessPoint: { title: string; inMaintenance: boolean; maintenance: string | null; active: boolean };
	/** Forgets every issued token (the next call gets 401, as after `expires_in`). */
	expireTokens(): void;
}

const PREFIX = '/external/integrations/thirdparty';

/** The contract number Voalle shows (not the id): `contracts/unlock` takes it. */
export const voalleContractNumber = (contract: ErpContract) => String(Number(contract.id) + 70_000);

function envelope(response: unknown, messages: unknown = null, success = true): SimulatorReply {
	return jsonReply(200, { success, messages, response, dataResponseType: null, elapsedTime: '00:00:00.0123456' });
}

const refusal = (message: string) => envelope(null, [{ type: 'Error', message }], false);

/** Voalle contract status code of a data-set state (no reduced-speed state: reads as Normal). */
function statusOf(contract: ErpContract): number {
	return contract.state === 'blockedForDebt' ? 6 : 1;
}

function billet(invoice: ErpInvoice) {
	return {
		bankTitleNumber: `000${invoice.id}`,
		barcode: invoice.barcode,
		typefulLine: invoice.digitableLine,
		pixQRCode: invoice.pixCopyPaste,
		title: `FAT${invoice.id}`,
		issueDate: `${invoice.issuedOn}T00:00:00`,
		expirationDate: `${invoice.dueDate}T00:00:00`,
		processingDate: `${invoice.issuedOn}T00:00:00`,
		amount: { value: invoice.amount, finalValue: invoice.amount, discount: 0, fine: 0, interest: 0 },
	};
}

/** Starts a Voalle simulator on a random loopback port. */
export async function startVoalleSimulator(options: VoalleSimulatorOptions = {}): Promise<VoalleSimulator> {
	const tokens = new Set<string>();
	let nextProtocol = 1;

	const customerByDocument = (txId: string) => simulator.customers.find((customer) => unmaskDocument(customer.document) === unmaskDocument(txId));
	const contracts = () => contractsWithCustomers(simulator.customers);

	function token(request: RecordedRequest): SimulatorReply {
		const form = request.form;
		const valid =
			form.grant_type === 'client_credentials' &&
			form.scope === 'syngw' &&
			form.client_id === VOALLE_TEST_CREDENTIALS.clientId &&
			form.client_secret === VOALLE_TEST_CREDENTIALS.clientSecret &&
			form.syndata === VOALLE_TEST_CREDENTIALS.syndata;
		if (!valid) return jsonReply(401, { error: 'invalid_client' });
		const issued = randomBytes(16).toString('hex');
		tokens.add(issued);
		return jsonReply(200, { access_token: issued, expires_in: 3600, token_type: 'Bearer', scope: 'syngw' });
	}

	function person(customer: ErpCustomer) {
		const mobile = customer.phones.find(isMobilePhone);
		const landline = customer.phones.find((phone) => !isMobilePhone(phone));
		return {
			id: Number(customer.id),
			name: customer.name,
			name2: customer.personType === 'J' ? customer.name : null,
			txId: unmaskDocument(customer.document),
			typeTxId: customer.personType === 'J' ? 1 : 2,
			email: customer.email,
			status: 1,
			phone: landline ? digitsOnly(landline) : '',
			cellPhone: mobile ? digitsOnly(mobile) : null,
			birthDate: customer.personType === 'J' ? null : `${customer.birthDate}T00:00:00`,
			mainAddress: {
				street: customer.address.street,
				number: customer.address.number,
				neighborhood: customer.address.district,
				city: customer.address.city,
				state: customer.address.state,
				postalCode: digitsOnly(customer.address.zip),
			},
		};
	}

	function peopleByTxId(txId: string): SimulatorReply {
		const customer = customerByDocument(txId);
		// [UNCERTAIN] the unknown-document answer.
		if (!customer) return options.notFoundAsNull ? envelope(null) : refusal('Nenhum cliente encontrado para o CPF/CNPJ informado.');
		return envelope(person(customer));
	}

	// [UNCERTAIN] fields besides contractNumber (3P code reads only it): id, description, status, stage as the 3P notes list them.
	function contractsPaged(body: Record<string, unknown>): SimulatorReply {
		const page = Number(body.page);
		const pageSize = Math.max(1, Number(body.pageSize) || 20);
		const firstPage = options.zeroBasedPages ? 0 : 1;
		if (!Number.isInteger(page) || page < firstPage) return refusal('O campo Page deve ser maior que zero.');
		const customer = customerByDocument(String(body.txId ?? ''));
		const all = (customer?.contracts ?? []).map((contract) => ({
			id: Number(contract.id),
			contractNumber: voalleContractNumber(contract),
			description: contract.planName,
			status: statusOf(contract),
			stage: contract.state === 'awaitingSignature' ? 1 : 3,
			clientId: Number(customer!.id),
			amount: contract.monthlyAmount,
			beginningDate: `${contract.activatedOn}T00:00:00`,
		}));
		const data = all.slice((page - firstPage) * pageSize, (page - firstPage + 1) * pageSize);
		return envelope({ data, totalRecords: all.length, page, pageSize });
	}

	function openTitles(txId: string): SimulatorReply {
		const customer = customerByDocument(txId);
		if (!customer) return envelope([]);
		return envelope(
			customer.invoices
				.filter((invoice) => invoice.status === 'open')
				.map((invoice) => ({ id: Number(invoice.id), billet: billet(invoice), client: { id: Number(customer.id), name: customer.name }, companyPlace: { id: 1, title: 'MATRIZ' }, bank: { id: 1, title: 'BANCO TESTE' }, collectionType: 1 })),
		);
	}

	function contractBillets(contractId: string): SimulatorReply {
		const invoices = simulator.customers.flatMap((customer) => customer.invoices).filter((invoice) => invoice.contractId === contractId && invoice.status === 'open');
		return envelope(
			invoices.map((invoice) => ({ id: Number(invoice.id), title: `FAT${invoice.id}`, expirationDate: `${invoice.dueDate}T00:00:00`, parcel: 1, typefulLine: invoice.digitableLine, link: `https://d03.synsuite.com.br/boleto/${invoice.id}`, pixQRCode: '' })),
		);
	}

	function registerPix(receivableId: string): SimulatorReply {
		const invoice = simulator.customers.flatMap((customer) => customer.invoices).find((candidate) => candidate.id === receivableId && candidate.status === 'open');
		if (!invoice) return refusal('Título não encontrado.');
		return envelope({ registerId: Number(invoice.id) + 1000, qrCode: invoice.pixCopyPaste, totalAmount: invoice.amount, interestAmount: 0, fineAmount: 0, transactionId: invoice.pixTxid, hybridBillet: false });
	}

	// [UNCERTAIN] refusal texts: Voalle applies its own trust-unlock rules and monthly quota.
	function unlock(contractNumber: string): SimulatorReply {
		const found = contracts().find(({ contract }) => voalleContractNumber(contract) === contractNumber);
		if (!found) return refusal('Contrato não encontrado.');
		const { contract } = found;
		if (contract.state !== 'blockedForDebt') return refusal('O contrato não está bloqueado.');
		if (!contract.trustUnlockEnabled || trustUnlockUsedThisMonth(contract)) return refusal('Limite de desbloqueios em confiança do mês atingido.');
		applyTrustUnlock(contract);
		return envelope(null, [{ type: 'Success', message: 'Contrato desbloqueado com sucesso.' }]);
	}

	// [UNCERTAIN] the answer of opensolicitation: the one opendetailedsolicitation documents.
	function openSolicitation(body: Record<string, unknown>): SimulatorReply {
		const clientId = String(body.clientId ?? '');
		const customer = simulator.customers.find((candidate) => candidate.id === clientId);
		if (!customer) return refusal('Cliente não encontrado.');
		if (typeof body.description !== 'string' || body.description.trim() === '') return refusal('A descrição é obrigatória.');
		const protocol = `2026${String(nextProtocol++).padStart(6, '0')}`;
		simulator.solicitations.push({ protocol, clientId, contractId: body.contractId === undefined ? undefined : String(body.contractId), description: body.description });
		return envelope({ protocol, assignmentId: 90000 + simulator.solicitations.length });
	}

	// Portal V2 login: everything in the query string. [UNCERTAIN] the refusal: 401 invalid_grant (OAuth's), no source shows it.
	function portalLogin(query: Record<string, string>): SimulatorReply {
		const portal = VOALLE_PORTAL_CREDENTIALS;
		if (query.verify_token !== portal.verifyToken || query.client_id !== portal.clientId || query.client_secret !== portal.clientSecret || query.grant_type !== 'client_credentials') {
			return jsonReply(401, { error: 'invalid_client' });
		}
		const customer = customerByDocument(query.username ?? '');
		if (!customer || customer.contracts[0]?.login.password !== query.password) return jsonReply(401, { error: 'invalid_grant', error_description: 'Usuário ou senha inválidos' });
		return jsonReply(200, { access_token: randomBytes(16).toString('hex'), expires_in: 14400, token_type: 'Bearer', person: { id: Number(customer.id), name: customer.name } });
	}

	function handle(request: RecordedRequest): SimulatorReply {
		const path = request.path.replace(/\/+$/, '');
		if (path === '/connect/token' && request.method === 'POST') return token(request);
		if (path === `${VOALLE_PORTAL_CREDENTIALS.path}/portal_authentication` && request.method === 'GET') return portalLogin(request.query);
		if (!path.startsWith(PREFIX)) return jsonReply(404, { message: 'Not Found' });
		const bearer = /^Bearer (.+)$/.exec(headerValue(request, 'authorization') ?? '')?.[1];
		if (!bearer || !tokens.has(bearer)) return jsonReply(401, { message: 'Unauthorized' });
		const rest = decodeURIComponent(path.slice(PREFIX.length));
		const body = isPlainObject(request.json) ? request.json : {};
		const match = (pattern: RegExp) => pattern.exec(rest)?.[1];
		let id: string | undefined;
		if (request.method === 'GET' && (id = match(/^\/people\/txid\/([^/]+)$/))) return peopleByTxId(id);
		if (request.method === 'POST' && rest === '/contract/getpaged') return contractsPaged(body);
		if (request.method === 'GET' && (id = match(/^\/getopentitlesbytxid\/([^/]+)$/))) return openTitles(id);
		if (request.method === 'GET' && (id = match(/^\/getcontractbillets\/([^/]+)$/))) return contractBillets(id);
		if (request.method === 'GET' && (id = match(/^\/GetBillet\/([^/]+)$/))) return pdfReply(`Boleto Voalle ${id}`);
		if (request.method === 'POST' && rest === '/billings/registerpix') return registerPix(String(request.query.receivableId ?? ''));
		if (request.method === 'POST' && (id = match(/^\/contracts\/unlock\/([^/]+)$/))) return unlock(id);
		if (request.method === 'GET' && match(/^\/getaccesspointstatusbycontract\/([^/]+)$/)) return envelope({ ...simulator.accessPoint });
		if (request.method === 'POST' && rest === '/opensolicitation') return openSolicitation(body);
		return jsonReply(404, { message: 'Not Found' });
	}

	const healthyPoint = () => ({ title: 'POP CENTRO - OLT 01', inMaintenance: false, maintenance: null as string | null, active: true });
	const base = await startSimulator(handle, {
		onReset() {
			simulator.customers = cloneCustomers();
			simulator.solicitations.length = 0;
			simulator.accessPoint = healthyPoint();
			nextProtocol = 1;
		},
	});
	const simulator: VoalleSimulator = Object.assign(base, {
		customers: cloneCustomers(),
		solicitations: [] as VoalleSolicitation[],
		accessPoint: healthyPoint(),
		expireTokens: () => tokens.clear(),
	});
	return simulator;
}

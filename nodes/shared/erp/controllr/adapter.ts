/**
 * Controllr (BrByte) over its admin REST API (docs/apis-externas.md §D.8). Every call is a POST of an
 * url-encoded form (`where` = JSON conditions, `start/limit/page/sort/dir`) answering
 * `{success, total, results}`. The session is the `BRBOSCookie` cookie of `POST /login`, held by the
 * credential; Controllr answers a dead session with the same 403 "Access Denied" as a missing ACL
 * right, so on a 403 the adapter logs in once more through the credential and retries.
 *
 * Customer `controllrctl/client/list` (`client_doc1`), by phone `controllrctl/phone/list`, contracts
 * `contract/list_combo` (by customer) then `contract/list` one by one (its `client_pk` filter may
 * answer empty) with the plan from `contract/svclist`, open invoices `invoice_ctl/invoice/list`
 * (due date and amount only: no boleto, line or Pix in the API), trust unlock
 * `invoice_ctl/observation/create` ("pagamento em observação" on each overdue invoice), connection
 * `aaa_ctl/cpe/list` + `aaa_ctl/session_history/list`, tickets `support_ctl/ticket/create` with the
 * department as `category_pk` (`support_ctl/category/list`).
 */
import { addDays, todayInBrazil } from '../calendar';
import { baseUrlOf, CONTROLLR_LOGIN_PATH, sessionCookieOf, type ErpCredentials } from '../credentials';
import { formatCnpj, formatCpf } from '../../validation';
import { sortOpenInvoices } from '../invoices';
import { asRecord, digitsOf, recordsOf, toNumber, toText, unmaskDocument, type JsonRecord as ControllrRecord } from '../values';
import type { Cliente, Contrato, ErpAction, ErpAdapter, ErpTransport, Fatura, ResultadoAcao } from '../types';
import { controllrAnswerError, controllrCallError, isAccessDenied, loginRefused, notOffered, readControllrAnswer } from './errors';
import { isOpenInvoice, mapCliente, mapConexao, mapContrato, mapFatura, observationEndOf, OPER, planOf, whereOf } from './mapping';
import { formatDateBr, formatReais } from '../format';

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
	'buscarClientesPorTelefone',
	'listarContratos',
	'listarFaturasAbertas',
	'desbloqueioConfianca',
	'diagnostico',
	'listarDepartamentos',
	'abrirChamado',
]);

type ActionNotOffered =
	| 'pdfFatura'
	| 'pixFatura'
	| 'listarNotasFiscais'
	| 'pdfNotaFiscal'
	| 'liberarReducaoVelocidade'
	| 'documentoAceite'
	| 'aceitarContrato'
	| 'autenticarCentral'
	| 'alterarSenhaWifi';

/** Why Controllr's API does not offer an action (the `nao_suportado` message). */
const NOT_OFFERED: Record<ActionNotOffered, string> = {
	pdfFatura: 'a API de faturas não traz boleto, link nem PDF.',
	pixFatura: 'a API de faturas não traz Pix.',
	listarNotasFiscais: 'nenhuma rota de notas fiscais foi encontrada.',
	pdfNotaFiscal: 'nenhuma rota de notas fiscais foi encontrada.',
	liberarReducaoVelocidade: 'não há rota de redução de velocidade.',
	documentoAceite: 'a assinatura é feita no link de assinatura do próprio Controllr; a API não registra o aceite.',
	aceitarContrato: 'a assinatura é feita no link de assinatura do próprio Controllr; a API não registra o aceite.',
	autenticarCentral: 'a central do assinante é outro serviço, sem API documentada.',
	alterarSenhaWifi: 'a rota do CPE altera só o cadastro (não há confirmação de que a senha chega ao roteador) e exige o registro inteiro.',
};

/** Rows per page of list routes. */
const PAGE_SIZE = 100;
/** Most pages read from one list (a guard against a server that ignores `start`). */
const MAX_PAGES = 20;
/** Observation days when the credential does not say. */
const DEFAULT_OBSERVATION_DAYS = 3;

function refuse(action: ActionNotOffered): never {
	throw notOffered(action, NOT_OFFERED[action]);
}

/** The stored forms of a document: digits, and masked (installations keep either). */
function documentForms(document: string): string[] {
	if (document.length === 11) return [document, formatCpf(document)];
	if (document.length === 14) return [document, formatCnpj(document)];
	return [document];
}

/** `R$ 79,90 vencida em 17/11/2026`, for messages. */
function describeInvoice(fatura: Fatura): string {
	return `${formatReais(fatura.valor)} vencida em ${formatDateBr(fatura.vencimento)}`;
}

export function createControllrAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const baseURL = baseUrlOf(credentials);
	const timeout = (credentials.timeoutSeconds ?? 15) * 1000;
	const observationDays = Math.min(30, Math.max(1, Math.round(toNumber(credentials.controllrObservationDays) ?? DEFAULT_OBSERVATION_DAYS)));
	/** The cookie of a new login made by this adapter (the credential's answered 403). */
	let renewedCookie: string | undefined;

	async function login(action: ErpAction): Promise<string> {
		let answer: unknown;
		try {
			answer = await transport({
				method: 'POST',
				baseURL,
				url: CONTROLLR_LOGIN_PATH,
				timeout,
				json: true,
				returnFullResponse: true,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: {},
			});
		} catch (error) {
			if (isAccessDenied(error)) throw loginRefused(action);
			throw controllrCallError(error, action);
		}
		const cookie = sessionCookieOf(asRecord(asRecord(answer)?.headers)?.['set-cookie']);
		if (!cookie) throw loginRefused(action);
		return cookie;
	}

	async function send(path: string, fields: Record<string, string>): Promise<unknown> {
		return await transport({
			method: 'POST',
			baseURL,
			url: path,
			timeout,
			json: true,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(renewedCookie ? { Cookie: `BRBOSCookie=${renewedCookie}` } : {}) },
			// URLSearchParams encodes the whole body: a raw "%" would make Controllr ignore `where`.
			body: fields,
		});
	}

	/** One POST; a 403 (dead session or no ACL) logs in again once. */
	async function post(action: ErpAction, path: string, fields: Record<string, string>): Promise<ControllrRecord> {
		try {
			return readControllrAnswer(await send(path, fields), action);
		} catch (error) {
			if (!isAccessDenied(error)) throw controllrCallError(error, action);
		}
		renewedCookie = await login(action);
		try {
			return readControllrAnswer(await send(path, fields), action);
		} catch (error) {
			throw controllrCallError(error, action);
		}
	}

	/** Every row of a list route, page by page up to `total`. */
	async function list(action: ErpAction, path: string, where: string, extra: Record<string, string> = {}): Promise<ControllrRecord[]> {
		const rows: ControllrRecord[] = [];
		for (let page = 1; page <= MAX_PAGES; page++) {
			const answer = await post(action, path, { where, start: String(rows.length), limit: String(PAGE_SIZE), page: String(page), ...extra });
			const results = recordsOf(answer.results);
			rows.push(...results);
			const total = toNumber(answer.total);
			if (results.length < PAGE_SIZE || total === undefined || rows.length >= total) break;
		}
		return rows;
	}

	async function clientsByPk(action: ErpAction, pks: string[]): Promise<Cliente[]> {
		if (pks.length === 0) return [];
		const rows = await list(action, '/controllrctl/client/list', whereOf({ field: 'client.client_pk', oper: OPER.in, value: pks.map(Number) }));
		return rows.map(mapCliente).filter((cliente): cliente is Cliente => cliente !== undefined);
	}

	async function contractsOf(action: ErpAction, cliente: Cliente): Promise<Contrato[]> {
		const combos = await list(action, '/controllrctl/contract/list_combo', whereOf({ field: 'contract.client_pk', oper: OPER.equal, value: Number(cliente.id) }));
		const ids = [...new Set(combos.map((combo) => toText(combo.contract_pk)).filter((id): id is string => id !== undefined))];
		const contracts = await Promise.all(ids.map((id) => contractById(action, cliente, id)));
		return contracts.filter((contract): contract is Contrato => contract !== undefined);
	}

	/** `contract/list` filtered by `contract_pk` (the only reliable filter) and its plan from `svclist`. */
	async function contractById(action: ErpAction, cliente: Cliente, id: string): Promise<Contrato | undefined> {
		const [rows, items] = await Promise.all([
			list(action, '/controllrctl/contract/list', whereOf({ field: 'contract.contract_pk', oper: OPER.equal, value: Number(id) })),
			list(action, '/controllrctl/contract/svclist', whereOf({ field: 'item.contract_pk', oper: OPER.equal, value: Number(id) })),
		]);
		const row = rows.find((candidate) => toText(candidate.contract_pk) === id);
		return row ? mapContrato(row, cliente.id, planOf(items)) : undefined;
	}

	/** Unpaid invoices of the customer, with their observation date (raw rows, for the trust unlock). */
	async function openInvoiceRows(action: ErpAction, cliente: Cliente, contrato?: Contrato): Promise<ControllrRecord[]> {
		const where = whereOf(
			{ field: 'client.client_pk', oper: OPER.equal, value: Number(cliente.id) },
			{ field: 'invoice_deleted', oper: OPER.is, value: false },
			{ field: 'invoice_date_credit', oper: OPER.is, value: null },
		);
		const rows = await list(action, '/invoice_ctl/invoice/list', where, { sort: 'invoice_date_due', dir: 'ASC' });
		return rows.filter(isOpenInvoice).filter((row) => !contrato || toText(row.contract_pk) === undefined || toText(row.contract_pk) === contrato.id);
	}

	async function listarFaturasAbertas(cliente: Cliente, contrato?: Contrato): Promise<Fatura[]> {
		const today = todayInBrazil();
		const rows = await openInvoiceRows('listarFaturasAbertas', cliente, contrato);
		return sortOpenInvoices(rows.map((row) => mapFatura(row, today)).filter((fatura): fatura is Fatura => fatura !== undefined));
	}

	/**
	 * "Pagamento em observação" on every overdue invoice of the contract until today + N days: the
	 * automatic blocking is suspended for these invoices only. An invoice already put in observation
	 * is not put again (the bot gives one observation per debt).
	 */
	async function desbloqueioConfianca(cliente: Cliente, contrato: Contrato): Promise<ResultadoAcao> {
		const action = 'desbloqueioConfianca';
		const today = todayInBrazil();
		const rows = await openInvoiceRows(action, cliente, contrato);
		const overdue = rows.map((row) => ({ row, fatura: mapFatura(row, today) })).filter((entry) => entry.fatura?.vencida) as Array<{ row: ControllrRecord; fatura: Fatura }>;
		if (overdue.length === 0) return { sucesso: false, motivo: 'Não há fatura vencida neste contrato para colocar o pagamento em observação.' };
		const observed = overdue.find(({ row }) => observationEndOf(row) !== undefined);
		if (observed) {
			const until = observationEndOf(observed.row)!;
			const when = until >= today ? `até ${formatDateBr(until)}` : `até ${formatDateBr(until)}, já encerrada`;
			return { sucesso: false, motivo: `O pagamento da fatura de ${describeInvoice(observed.fatura)} já foi colocado em observação (${when}); não é possível repetir pelo atendimento automático.` };
		}
		const until = addDays(today, observationDays);
		for (const { fatura } of overdue) {
			await post(action, '/invoice_ctl/observation/create', {
				client_pk: cliente.id,
				contract_pk: contrato.id,
				invoice_pk: fatura.id,
				// 0 = until obs_date_end; obs_status 1 = enabled (docs/apis-externas.md §D.8: sources disagree on 0/1).
				obs_release_type: '0',
				obs_date_end: until,
				obs_status: '1',
				obs_text: 'Desbloqueio de confiança pelo atendimento automático',
			});
		}
		return {
			sucesso: true,
			ate: until,
			mensagem: `Pagamento em observação até ${formatDateBr(until)}: ${overdue.map(({ fatura }) => describeInvoice(fatura)).join('; ')}.`,
			faturasEmObservacao: overdue.map(({ fatura }) => ({ id: fatura.id, vencimento: fatura.vencimento, valor: fatura.valor })),
		};
	}

	return {
		system: 'controllr',
		supports: (action) => SUPPORTED.has(action),

		async buscarClientePorDocumento(documento) {
			const document = unmaskDocument(documento);
			if (!document) return undefined;
			const rows = await list('buscarClientePorDocumento', '/controllrctl/client/list', whereOf({ field: 'client_doc1', oper: OPER.in, value: documentForms(document) }));
			const row = rows.find((candidate) => unmaskDocument(toText(candidate.client_doc1) ?? '') === document);
			return row ? mapCliente(row) : undefined;
		},

		async buscarClientesPorTelefone(telefone) {
			const lastEight = digitsOf(telefone).slice(-8);
			if (lastEight.length < 8) return [];
			const phones = await list('buscarClientesPorTelefone', '/controllrctl/phone/list', whereOf({ field: 'client_phone.phone_number', oper: OPER.ilike, value: `%${lastEight}%` }));
			const pks = phones.filter((phone) => digitsOf(toText(phone.phone_number) ?? '').endsWith(lastEight)).map((phone) => toText(phone.client_pk));
			return await clientsByPk('buscarClientesPorTelefone', [...new Set(pks.filter((pk): pk is string => pk !== undefined))]);
		},

		listarContratos: (cliente) => contractsOf('listarContratos', cliente),

		listarFaturasAbertas,

		pdfFatura: async () => refuse('pdfFatura'),

		pixFatura: async () => refuse('pixFatura'),

		listarNotasFiscais: async () => refuse('listarNotasFiscais'),

		pdfNotaFiscal: async () => refuse('pdfNotaFiscal'),

		desbloqueioConfianca,

		liberarReducaoVelocidade: async () => refuse('liberarReducaoVelocidade'),

		async diagnostico(cliente, contrato) {
			const action = 'diagnostico';
			const today = todayInBrazil();
			const [fresh, rows, cpes] = await Promise.all([
				contractById(action, cliente, contrato.id),
				openInvoiceRows(action, cliente, contrato),
				list(action, '/aaa_ctl/cpe/list', whereOf({ field: 'aaa_cpe.contract_pk', oper: OPER.equal, value: Number(contrato.id) })),
			]);
			const faturas = rows.map((row) => mapFatura(row, today)).filter((fatura): fatura is Fatura => fatura !== undefined);
			const faturasVencidas = faturas.filter((fatura) => fatura.vencida).length;
			const inObservation = rows.some((row) => (observationEndOf(row) ?? '') >= today);
			const current: Contrato = { ...(fresh ?? contrato), financeiroEmAtraso: faturasVencidas > 0, desbloqueioConfiancaAtivo: inObservation };
			const cpe = cpes[0];
			if (!cpe) return { contrato: current, faturasVencidas };
			const history = toText(cpe.cpe_pk)
				? await post(action, '/aaa_ctl/session_history/list', {
						where: whereOf({ field: 'cpe_pk', oper: OPER.equal, value: Number(cpe.cpe_pk) }),
						start: '0',
						limit: '1',
						page: '1',
						sort: 'session_date_close',
						dir: 'DESC',
					})
				: undefined;
			return { contrato: current, faturasVencidas, conexao: mapConexao(cpe, recordsOf(history?.results)[0], contrato.id) };
		},

		documentoAceite: async () => refuse('documentoAceite'),

		aceitarContrato: async () => refuse('aceitarContrato'),

		async listarDepartamentos() {
			const rows = await list('listarDepartamentos', '/support_ctl/category/list', '[]', { sort: 'category_name', dir: 'ASC' });
			return rows
				.map((row) => ({ id: toText(row.category_pk), nome: toText(row.category_name) }))
				.filter((department): department is { id: string; nome: string } => department.id !== undefined && department.nome !== undefined);
		},

		async abrirChamado(input) {
			const action = 'abrirChamado';
			const contact = [input.contato.nome, input.contato.telefone].filter(Boolean).join(' ');
			const answer = await post(action, '/support_ctl/ticket/create', {
				client_pk: input.cliente.id,
				...(input.contrato ? { contract_pk: input.contrato.id } : {}),
				...(input.departamentoId ? { category_pk: input.departamentoId } : {}),
				ticket_title: input.assunto,
				ticket_desc: input.descricao,
				...(contact ? { ticket_obs: `Aberto pelo atendimento automático. Contato: ${contact}` } : {}),
			});
			const created = recordsOf(answer.results)[0] ?? asRecord(answer.results) ?? {};
			const id = toText(created.ticket_pk);
			const protocolo = toText(created.ticket_protocol) ?? id;
			if (!id || !protocolo) throw controllrAnswerError(answer, action);
			return { id, protocolo, assunto: input.assunto };
		},

		autenticarCentral: async () => refuse('autenticarCentral'),

		alterarSenhaWifi: async () => refuse('alterarSenhaWifi'),
	};
}

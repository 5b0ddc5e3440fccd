/**
 * The MK-Auth adapter (docs/apis-externas.md §D.3). Authentication (JWT from `GET /api/`, Bearer after)
 * belongs to the credential; this file fetches, `mapping.ts` maps, `errors.ts` reads failures.
 *
 * What MK-Auth's API gives: customers by `cpf_cnpj` / phone (`cliente/listar/<campo>=<valor>`),
 * one login per contract, open invoices (`titulo/aberto/<login>`, `titulo/show/<uuid>` with boleto
 * line, Pix and link) and unlocking a login (`PUT cliente/editar`), used as the trust unlock.
 * `editar` changes only the columns it is sent, so the unlock also writes what MK-Auth's own trust
 * unlock writes: `data_desbloq` (what the monthly limit reads: a login unlocked this month is refused
 * until next month) and `observacao` "sim" until `rem_obs` (the observation period, during which
 * MK-Auth's blocking routine leaves the login alone).
 * Quirks: a literal `NULL` body (or a 404) means "not found"; a PHP page with status 200 is an error.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { baseUrlOf, type ErpCredentials } from '../credentials';
import { readFailedRequest } from '../http-errors';
import type { ArquivoPdf, Cliente, ClienteFiltrado, Contrato, DadosDiagnostico, ErpAction, ErpAdapter, ErpTransport, Fatura, FiltroClientes, PaginaClientes, ResultadoAcao } from '../types';
import { formatCnpj, formatCpf, parsePhone } from '../../validation';
import { loginNotFound, mkAuthError, notPdf, notSupported, refusedUpdate, unexpectedAnswer } from './errors';
import { addDays, firstDayOfNextMonth, todayInBrazil } from '../calendar';
import { sortOpenInvoices } from '../invoices';
import { toBuffer } from '../values';
import {
	clientRecordsOf,
	groupByCustomer,
	invoiceRecordsOf,
	isBlocked,
	isNullBody,
	isSuccessfulUpdate,
	needsInvoiceDetail,
	pdfUrlOf,
	pixOf,
	shownRecordOf,
	toCliente,
	toContrato,
	toFatura,
	unlockedThisMonth,
	unmaskDocument,
	type MkAuthRecord,
} from './mapping';

/** Days a login unlocked in trust stays "em observação" (MK-Auth's default for its own trust unlock). */
const OBSERVATION_DAYS = 3;

const timeOfDayInBrazil = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** `HH:MM:SS` now in Brasília time (MK-Auth's datetimes carry no time zone). */
function timeInBrazil(): string {
	return timeOfDayInBrazil.format(new Date());
}

const SUPPORTED: ReadonlySet<ErpAction> = new Set<ErpAction>([
	'buscarClientePorDocumento',
	'buscarClientesPorTelefone',
	'listarContratos',
	'listarFaturasAbertas',
	'pdfFatura',
	'pixFatura',
	'desbloqueioConfianca',
	'diagnostico',
	'listarClientes',
]);

/** The stored form of a document, masked, for installations that keep `cpf_cnpj` with punctuation. */
function maskedDocument(document: string): string | undefined {
	if (document.length === 11) return formatCpf(document);
	if (document.length === 14) return formatCnpj(document);
	return undefined;
}

/** National forms of a phone to search: DDD + number, and for mobiles also without the 9th digit. */
function phoneSearchForms(telefone: string): string[] {
	const phone = parsePhone(telefone);
	if (!phone) return [];
	const forms = [`${phone.ddd}${phone.subscriber}`];
	if (phone.lineType === 'mobile') forms.push(`${phone.ddd}${phone.subscriber.slice(1)}`);
	return forms;
}

const lastEight = (value: unknown) => (typeof value === 'string' ? value.replace(/\D/g, '').slice(-8) : '');

/** Logins per page of the customer listing. */
const MKAUTH_CUSTOMERS_PAGE = 100;

export function createMkAuthAdapter(transport: ErpTransport, credentials: ErpCredentials): ErpAdapter {
	const baseURL = baseUrlOf(credentials);
	const timeout = (credentials.timeoutSeconds ?? 15) * 1000;

	async function send(action: ErpAction, options: IHttpRequestOptions): Promise<unknown> {
		try {
			return await transport({ baseURL, timeout, json: true, ...options });
		} catch (error) {
			throw mkAuthError(error, action);
		}
	}

	/** A GET of JSON; `undefined` when MK-Auth says the record does not exist (`NULL` body or 404). */
	async function read(action: ErpAction, url: string): Promise<MkAuthRecord | undefined> {
		let body: unknown;
		try {
			body = await transport({ method: 'GET', baseURL, url, timeout, json: true });
		} catch (error) {
			if (readFailedRequest(error).status === 404) return undefined;
			throw mkAuthError(error, action);
		}
		if (isNullBody(body)) return undefined;
		if (typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) throw unexpectedAnswer(action);
		return body as MkAuthRecord;
	}

	async function listClients(action: ErpAction, field: string, value: string): Promise<MkAuthRecord[]> {
		const body = await read(action, `/api/cliente/listar/${field}=${encodeURIComponent(value)}`);
		return body ? clientRecordsOf(body) : [];
	}

	/** The logins of a document; only records of that document are kept, whatever the filter did. */
	async function loginsOfDocument(action: ErpAction, document: string): Promise<MkAuthRecord[]> {
		const unmasked = unmaskDocument(document);
		if (!unmasked) return [];
		const masked = maskedDocument(unmasked);
		for (const form of masked ? [unmasked, masked] : [unmasked]) {
			const records = (await listClients(action, 'cpf_cnpj', form)).filter((record) => unmaskDocument(record.cpf_cnpj) === unmasked);
			if (records.length > 0) return records;
		}
		return [];
	}

	async function showLogin(action: ErpAction, login: string): Promise<MkAuthRecord | undefined> {
		const body = await read(action, `/api/cliente/show/${encodeURIComponent(login)}`);
		return body ? shownRecordOf(body) : undefined;
	}

	async function loginsOf(action: ErpAction, cliente: Cliente): Promise<MkAuthRecord[]> {
		if (cliente.documento) return await loginsOfDocument(action, cliente.documento);
		const shown = cliente.codigo ? await showLogin(action, cliente.codigo) : undefined;
		return shown ? [shown] : [];
	}

	async function currentLogin(action: ErpAction, cliente: Cliente, contrato: Contrato): Promise<MkAuthRecord> {
		const login = contrato.login ?? cliente.codigo;
		const record = login ? await showLogin(action, login) : undefined;
		if (!record) throw loginNotFound(action);
		return record;
	}

	async function showInvoice(action: ErpAction, uuid: string): Promise<MkAuthRecord | undefined> {
		return await read(action, `/api/titulo/show/${encodeURIComponent(uuid)}`);
	}

	async function openInvoicesOf(action: ErpAction, contrato: Contrato, today: string): Promise<Fatura[]> {
		if (!contrato.login) return [];
		const body = await read(action, `/api/titulo/aberto/${encodeURIComponent(contrato.login)}`);
		const titulos = body ? invoiceRecordsOf(body) : [];
		const detailed = await Promise.all(
			titulos.map(async (titulo) => {
				const uuid = typeof titulo.uuid_lanc === 'string' ? titulo.uuid_lanc : '';
				return uuid && needsInvoiceDetail(titulo) ? { ...titulo, ...(await showInvoice(action, uuid)) } : titulo;
			}),
		);
		return detailed.map((titulo) => toFatura(titulo, contrato.id, today));
	}

	/**
	 * "Clientes por Filtro": the login listing `cliente/listar/limite=N&pagina=P` (`total_paginas`)
	 * has no filter by due date or block state that any source shows, so the whole base is paged
	 * through (bounded by the node's page limit); blocked logins come from the listing itself, open
	 * invoices from `titulo/aberto/<login>` for the logins whose `tit_abertos` counter is not 0.
	 */
	async function listarClientes(filtro: FiltroClientes, pagina: number): Promise<PaginaClientes> {
		const body = await read('listarClientes', `/api/cliente/listar/limite=${MKAUTH_CUSTOMERS_PAGE}&pagina=${pagina}`);
		const records = body ? clientRecordsOf(body) : [];
		const today = todayInBrazil();
		const itens = await Promise.all(
			records.map(async (record): Promise<ClienteFiltrado> => {
				const cliente = toCliente([record]);
				const contrato = toContrato(record, cliente.id);
				const cidade = typeof record.cidade === 'string' && record.cidade.trim() !== '' ? record.cidade.trim() : undefined;
				const mayHaveInvoices = filtro.tipo === 'faturasAbertas' && String(record.tit_abertos ?? '').trim() !== '0';
				const faturas = mayHaveInvoices ? await openInvoicesOf('listarClientes', contrato, today) : [];
				return { cliente, contrato, faturas, ...(cidade ? { cidade } : {}) };
			}),
		);
		const pages = Number(body?.total_paginas);
		const total = Number(body?.total_registros);
		return {
			itens,
			lidos: records.length,
			...(Number.isFinite(total) && body?.total_registros !== undefined ? { total } : {}),
			fim: records.length === 0 || (Number.isFinite(pages) && body?.total_paginas !== undefined ? pagina >= pages : records.length < MKAUTH_CUSTOMERS_PAGE),
		};
	}

	async function listarContratos(cliente: Cliente): Promise<Contrato[]> {
		const records = await loginsOf('listarContratos', cliente);
		return records.map((record) => toContrato(record, cliente.id));
	}

	async function listarFaturasAbertas(cliente: Cliente, contrato?: Contrato): Promise<Fatura[]> {
		const today = todayInBrazil();
		const contracts = contrato ? [contrato] : await listarContratos(cliente);
		const perContract = await Promise.all(contracts.map((each) => openInvoicesOf('listarFaturasAbertas', each, today)));
		return sortOpenInvoices(perContract.flat());
	}

	async function pdfFatura(fatura: Fatura): Promise<ArquivoPdf | undefined> {
		const link = fatura.pdfUrl ?? pdfUrlOf((await showInvoice('pdfFatura', fatura.id)) ?? {});
		if (!link) return undefined;
		const url = new URL(link, `${baseURL}/`);
		// The transport sends MK-Auth's JWT: never to another host (a bank's or gateway's page).
		if (url.origin !== new URL(`${baseURL}/`).origin) return undefined;
		const body = await send('pdfFatura', { method: 'GET', url: url.toString(), json: false, encoding: 'arraybuffer' });
		const pdf = toBuffer(body);
		if (pdf.subarray(0, 4).toString('latin1') !== '%PDF') throw notPdf('pdfFatura');
		return { fileName: `boleto-${fatura.vencimento || fatura.id}.pdf`, data: pdf.toString('base64'), mimeType: 'application/pdf' };
	}

	async function pixFatura(fatura: Fatura): Promise<string | undefined> {
		if (fatura.pixCopiaECola) return fatura.pixCopiaECola;
		const shown = await showInvoice('pixFatura', fatura.id);
		return shown ? pixOf(shown) : undefined;
	}

	async function desbloqueioConfianca(cliente: Cliente, contrato: Contrato): Promise<ResultadoAcao> {
		const action = 'desbloqueioConfianca';
		const record = await currentLogin(action, cliente, contrato);
		if (!isBlocked(record)) return { sucesso: false, motivo: 'O acesso deste contrato não está bloqueado.' };
		const today = todayInBrazil();
		if (unlockedThisMonth(record, today)) {
			return { sucesso: false, motivo: 'O desbloqueio de confiança já foi usado neste mês.', disponivelEm: firstDayOfNextMonth(today) };
		}
		const uuid = typeof record.uuid_cliente === 'string' && record.uuid_cliente ? record.uuid_cliente : contrato.id;
		const until = addDays(today, OBSERVATION_DAYS);
		const body = { uuid, bloqueado: 'nao', data_desbloq: `${today} ${timeInBrazil()}`, observacao: 'sim', rem_obs: `${until} 23:59:59` };
		const answer = await send(action, { method: 'PUT', url: '/api/cliente/editar', body });
		if (!isSuccessfulUpdate(answer)) throw refusedUpdate(answer, action);
		return { sucesso: true, mensagem: 'Acesso desbloqueado em confiança.', ate: until };
	}

	async function diagnostico(cliente: Cliente, contrato: Contrato): Promise<DadosDiagnostico> {
		const record = await currentLogin('diagnostico', cliente, contrato);
		const current = toContrato(record, cliente.id);
		const invoices = await openInvoicesOf('diagnostico', current, todayInBrazil());
		const faturasVencidas = invoices.filter((invoice) => invoice.vencida).length;
		// MK-Auth's API has no RADIUS session (online/offline): `conexao` stays absent.
		return { contrato: { ...current, financeiroEmAtraso: faturasVencidas > 0 }, faturasVencidas };
	}

	const unsupported = (action: ErpAction, why: string) => async (): Promise<never> => {
		throw notSupported(action, why);
	};

	return {
		system: 'mkauth',
		supports: (action) => SUPPORTED.has(action),
		async buscarClientePorDocumento(documento) {
			const records = await loginsOfDocument('buscarClientePorDocumento', documento);
			return records.length > 0 ? toCliente(records) : undefined;
		},
		async buscarClientesPorTelefone(telefone) {
			const forms = phoneSearchForms(telefone);
			const searches = forms.flatMap((form) => ['celular', 'fone'].map((field) => listClients('buscarClientesPorTelefone', field, form)));
			const found = (await Promise.all(searches)).flat();
			const wanted = lastEight(telefone);
			const matching = found.filter((record) => [record.celular, record.fone, record.celular2].some((phone) => lastEight(phone) === wanted));
			const unique = [...new Map(matching.map((record) => [String(record.uuid_cliente ?? record.login), record])).values()];
			return groupByCustomer(unique).map(toCliente);
		},
		listarContratos,
		listarFaturasAbertas,
		pdfFatura,
		pixFatura,
		listarNotasFiscais: unsupported('listarNotasFiscais', 'a API não expõe notas fiscais'),
		pdfNotaFiscal: unsupported('pdfNotaFiscal', 'a API não expõe notas fiscais'),
		desbloqueioConfianca,
		liberarReducaoVelocidade: unsupported('liberarReducaoVelocidade', 'a API não tem redução de velocidade'),
		diagnostico,
		documentoAceite: unsupported('documentoAceite', 'a API não tem aceite eletrônico de contrato'),
		aceitarContrato: unsupported('aceitarContrato', 'a API não tem aceite eletrônico de contrato'),
		listarDepartamentos: unsupported('listarDepartamentos', 'a abertura de chamados não faz parte da API documentada'),
		abrirChamado: unsupported('abrirChamado', 'a abertura de chamados não faz parte da API documentada'),
		autenticarCentral: unsupported('autenticarCentral', 'a API não confere o login da central do assinante'),
		alterarSenhaWifi: unsupported('alterarSenhaWifi', 'a API não altera a senha do Wi-Fi'),
		listarClientes,
	};
}

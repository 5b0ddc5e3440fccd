/**
 * Invoices (`cliente/financeiro`: boleto line, barcode, Pix and PDF link come inline; there is no
 * second-copy endpoint) and fiscal notes (`cliente/nota_fiscal`).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ArquivoPdf, Cliente, Contrato, ErpAction, Fatura, NotaFiscal } from '../types';
import type { HubsoftApi } from './api';
import { expectHubsoftSuccess, unexpectedHubsoftAnswer } from './errors';
import { todayInBrazil } from '../calendar';
import { mapFaturasAbertas, mapNotasFiscais, normalizeDocument } from './mapping';
import type { HubsoftAnswer, HubsoftFatura, HubsoftNotasAnswer } from './wire';

/** The documented maximum of `limit` on `cliente/financeiro`. */
const MAX_INVOICES = 50;

function invoiceSearch(cliente: Cliente, contrato?: Contrato): IDataObject {
	if (contrato) return { busca: 'id_cliente_servico', termo_busca: contrato.id };
	return cliente.codigo ? { busca: 'codigo_cliente', termo_busca: cliente.codigo } : { busca: 'cpf_cnpj', termo_busca: normalizeDocument(cliente.documento) };
}

async function pendingInvoices(api: HubsoftApi, action: ErpAction, cliente: Cliente, contrato?: Contrato): Promise<HubsoftFatura[]> {
	const answer = expectHubsoftSuccess(
		await api.get<HubsoftAnswer & { faturas?: HubsoftFatura[] }>(action, '/cliente/financeiro', {
			...invoiceSearch(cliente, contrato),
			apenas_pendente: 'sim',
			limit: MAX_INVOICES,
			order_by: 'data_vencimento',
			order_type: 'asc',
		}),
		action,
	);
	if (!Array.isArray(answer.faturas)) throw unexpectedHubsoftAnswer(action, 'faturas');
	return answer.faturas;
}

export async function listFaturasAbertas(api: HubsoftApi, cliente: Cliente, contrato?: Contrato, action: ErpAction = 'listarFaturasAbertas'): Promise<Fatura[]> {
	return mapFaturasAbertas(await pendingInvoices(api, action, cliente, contrato), todayInBrazil());
}

export async function invoicePdf(api: HubsoftApi, fatura: Fatura): Promise<ArquivoPdf | undefined> {
	return fatura.pdfUrl ? await api.pdf('pdfFatura', fatura.pdfUrl, `boleto-${fatura.id}.pdf`) : undefined;
}

/** The Pix of an invoice, read again from the listing (the only place Hubsoft gives it). */
export async function invoicePix(api: HubsoftApi, fatura: Fatura, cliente: Cliente, contrato?: Contrato): Promise<string | undefined> {
	const open = await listFaturasAbertas(api, cliente, contrato, 'pixFatura');
	return open.find((candidate) => candidate.id === fatura.id)?.pixCopiaECola;
}

/** Fiscal notes of the customer (Hubsoft lists them per customer, not per service). */
export async function listNotasFiscais(api: HubsoftApi, cliente: Cliente): Promise<NotaFiscal[]> {
	const answer = expectHubsoftSuccess(await api.get<HubsoftNotasAnswer>('listarNotasFiscais', '/cliente/nota_fiscal', { busca: 'id_cliente', termo_busca: cliente.id }), 'listarNotasFiscais');
	if (!Array.isArray(answer.notas_fiscais) && !Array.isArray(answer.nfses)) throw unexpectedHubsoftAnswer('listarNotasFiscais', 'notas_fiscais');
	return mapNotasFiscais(answer);
}

export async function fiscalNotePdf(api: HubsoftApi, nota: NotaFiscal): Promise<ArquivoPdf | undefined> {
	return nota.pdfUrl ? await api.pdf('pdfNotaFiscal', nota.pdfUrl, `nota-fiscal-${nota.numero || nota.id}.pdf`) : undefined;
}

/**
 * Invoices and notas fiscais in IXC: open receivables (`fn_areceber` released with `liberado` S and
 * not received or cancelled, C.4), the boleto PDF (`get_boleto`, C.5), Pix (`get_pix`), the sales
 * with a nota fiscal (`vd_saida`, C.9) and their PDF (`imprimir_nota`).
 */
import type { ArquivoPdf, Cliente, Contrato, Fatura, NotaFiscal } from '../types';
import type { IxcClient } from './client';
import { ixcErrorMessage, ixcRefusalError } from './errors';
import { isLinkedTo, linkedContractId, mapFatura, mapNotaFiscal, sortOpenInvoices } from './mapping';
import { pdfFromAnswer } from './pdf';

/**
 * Telecom (21/22), NF-e (55) and NF 13, the models of the "Vendas com NF" example, and NFCom (62),
 * which replaces 21/22 for telecom services (IXC's `vd_saida` has NFCom columns).
 */
const FISCAL_NOTE_MODELS = '22,21,55,13,62';
/** Notas fiscais listed, newest first (two years of monthly notes). */
const FISCAL_NOTES_LISTED = 24;

export async function listOpenInvoices(client: IxcClient, cliente: Cliente, contrato: Contrato | undefined, today: string): Promise<Fatura[]> {
	const rows = await client.listAll(
		'fn_areceber',
		{
			qtype: 'fn_areceber.id_cliente',
			query: cliente.id,
			sortname: 'fn_areceber.data_vencimento',
			sortorder: 'asc',
			filters: [
				{ TB: 'fn_areceber.liberado', OP: '=', P: 'S' },
				{ TB: 'fn_areceber.status', OP: '!=', P: 'C' },
				{ TB: 'fn_areceber.status', OP: '!=', P: 'R' },
			],
		},
		'listarFaturasAbertas',
	);
	// The contract may sit in any of three columns, and IXC has no OR: filtered here.
	const ofContract = contrato ? rows.filter((row) => isLinkedTo(row, contrato.id)) : rows;
	return sortOpenInvoices(ofContract.map((row) => mapFatura(row, today)));
}

export async function boletoPdf(client: IxcClient, fatura: Fatura): Promise<ArquivoPdf | undefined> {
	const answer = await client.file(
		'get_boleto',
		{ boletos: fatura.id, juro: 'S', multa: 'S', atualiza_boleto: 'S', tipo_boleto: 'arquivo', base64: 'S', layout_impressao: '' },
		'pdfFatura',
	);
	return pdfFromAnswer(answer, `boleto-${fatura.id}.pdf`, 'pdfFatura');
}

/** The copia-e-cola of `get_pix` (`pix.dadosPix.pixCopiaECola`, else `pix.qrCode.qrcode`). */
export async function pixCopyPaste(client: IxcClient, fatura: Fatura): Promise<string | undefined> {
	const answer = await client.call('get_pix', { id_areceber: fatura.id }, 'pixFatura');
	const refusal = ixcErrorMessage(answer);
	if (refusal !== undefined) throw ixcRefusalError(refusal, 'pixFatura');
	const pix = answer.pix as { dadosPix?: { pixCopiaECola?: unknown }; qrCode?: { qrcode?: unknown } } | undefined;
	const code = String(pix?.dadosPix?.pixCopiaECola ?? '').trim() || String(pix?.qrCode?.qrcode ?? '').trim();
	return code === '' ? undefined : code;
}

/**
 * Closed sales with a nota fiscal, newest first; of one contract when given (notes linked to no
 * contract belong to every contract of the customer).
 */
export async function listFiscalNotes(client: IxcClient, cliente: Cliente, contrato: Contrato | undefined): Promise<NotaFiscal[]> {
	const rows = await client.list(
		'vd_saida',
		{
			qtype: 'vd_saida.id_cliente',
			query: cliente.id,
			sortname: 'vd_saida.data_emissao',
			sortorder: 'desc',
			filters: [
				{ TB: 'vd_saida.modelo_nf', OP: 'IN', P: FISCAL_NOTE_MODELS },
				{ TB: 'vd_saida.status', OP: '=', P: 'F' },
			],
			rowsPerPage: FISCAL_NOTES_LISTED,
		},
		'listarNotasFiscais',
	);
	const ofContract = contrato ? rows.filter((row) => isLinkedTo(row, contrato.id) || linkedContractId(row) === undefined) : rows;
	return ofContract.map(mapNotaFiscal);
}

export async function fiscalNotePdf(client: IxcClient, nota: NotaFiscal): Promise<ArquivoPdf | undefined> {
	const answer = await client.file('imprimir_nota', { id: nota.id, base64: 'S' }, 'pdfNotaFiscal');
	return pdfFromAnswer(answer, `nota-fiscal-${nota.numero}.pdf`, 'pdfNotaFiscal');
}

import type { OutboundMessage } from '../shared/channels/types';
import { formatDateBr, formatReais } from '../shared/erp/format';
import type { ArquivoPdf, NotaFiscal } from '../shared/erp/types';

/** One line about the note: number, issue date, amount. */
export function fiscalNoteSummary(nota: NotaFiscal): string {
	return `Nota fiscal nº ${nota.numero}, emitida em ${formatDateBr(nota.emissao)}, no valor de ${formatReais(nota.valor)}.`;
}

/** How a note reached the customer: its PDF file, the ERP's link to it, or only the summary. */
export type FiscalNoteDelivery = 'pdf' | 'link' | 'resumo';

/**
 * Everything sent for one note: the summary, then the PDF as a file, or its link when the ERP gave no
 * file, or `noPdfText` when the ERP has neither (Hubsoft's telecom notes, for one).
 */
export function fiscalNoteMessages(nota: NotaFiscal, pdf: ArquivoPdf | undefined, noPdfText: string): { delivery: FiscalNoteDelivery; messages: OutboundMessage[] } {
	const summary = fiscalNoteSummary(nota);
	if (pdf) {
		const file: OutboundMessage = { kind: 'media', mediaType: 'document', data: pdf.data, mimeType: pdf.mimeType, fileName: pdf.fileName, caption: `Nota fiscal nº ${nota.numero}` };
		return { delivery: 'pdf', messages: [{ kind: 'text', text: summary }, file] };
	}
	if (nota.pdfUrl) return { delivery: 'link', messages: [{ kind: 'text', text: `${summary}\nPDF da nota fiscal: ${nota.pdfUrl}` }] };
	return { delivery: 'resumo', messages: [{ kind: 'text', text: noPdfText ? `${summary}\n${noPdfText}` : summary }] };
}

/** Newest first (issue date, then number), the order the card picks "the latest" from. */
export function newestFirst(notas: NotaFiscal[]): NotaFiscal[] {
	return [...notas].sort((a, b) => b.emissao.localeCompare(a.emissao) || Number(b.numero) - Number(a.numero) || b.numero.localeCompare(a.numero));
}

import type { OutboundMessage } from '../shared/channels/types';
import { formatDateBr, formatReais } from '../shared/erp/format';
import type { ArquivoPdf, Fatura } from '../shared/erp/types';

/** The invoice summary: amount, due date, whether it is overdue, and the boleto line. */
export function invoiceSummary(fatura: Fatura): string {
	const lines = [`Fatura de ${formatReais(fatura.valor)} com vencimento em ${formatDateBr(fatura.vencimento)}${fatura.vencida ? ' (vencida)' : ''}.`];
	if (fatura.linhaDigitavel) lines.push(`Linha digitável: ${fatura.linhaDigitavel}`);
	if (!fatura.linhaDigitavel && !fatura.pixCopiaECola && fatura.pdfUrl) lines.push(`Boleto: ${fatura.pdfUrl}`);
	return lines.join('\n');
}

/** Everything sent for one invoice: summary, PDF as a file, Pix copia-e-cola alone (easy to copy). */
export function invoiceMessages(fatura: Fatura, pdf: ArquivoPdf | undefined, pix: string | undefined, pixIntro: string): OutboundMessage[] {
	const messages: OutboundMessage[] = [{ kind: 'text', text: invoiceSummary(fatura) }];
	if (pdf) {
		messages.push({ kind: 'media', mediaType: 'document', data: pdf.data, mimeType: pdf.mimeType, fileName: pdf.fileName, caption: `Boleto ${formatDateBr(fatura.vencimento)}` });
	} else if (fatura.pdfUrl && (fatura.linhaDigitavel || pix)) {
		messages.push({ kind: 'text', text: `Boleto em PDF: ${fatura.pdfUrl}` });
	}
	if (pix) {
		messages.push({ kind: 'text', text: pixIntro });
		messages.push({ kind: 'text', text: pix });
	}
	return messages;
}

/** Label of an invoice in the "which invoice?" menu (≤ 24 characters). */
export function invoiceChoiceLabel(fatura: Fatura): string {
	return `${formatDateBr(fatura.vencimento)} ${formatReais(fatura.valor)}`.slice(0, 24);
}

/** Stand-in PDFs (boletos, invoices, notas fiscais) that ERP simulators hand out. */
import type { SimulatorReply } from './base';

/** A one-page PDF whose only text is `text` (a stand-in for boletos and invoices). */
export function tinyPdf(text: string): Buffer {
	const escaped = text.replace(/[\\()]/g, (character) => `\\${character}`);
	const stream = `BT /F1 12 Tf 50 750 Td (${escaped}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(Buffer.byteLength(body, 'latin1'));
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = Buffer.byteLength(body, 'latin1');
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

/** A PDF answer: raw bytes (`application/pdf`) or, as IXC's `base64=S` gives it, base64 text. */
export function pdfReply(text: string, encoding: 'binary' | 'base64' = 'binary'): SimulatorReply {
	const pdf = tinyPdf(text);
	if (encoding === 'base64') return { status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: pdf.toString('base64') };
	return { status: 200, headers: { 'content-type': 'application/pdf' }, body: pdf };
}

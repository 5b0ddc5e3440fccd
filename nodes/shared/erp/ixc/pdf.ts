/**
 * PDFs IXC hands out (boleto `get_boleto`, nota `imprimir_nota`, contract print): raw bytes starting
 * with `%PDF` (`base64=N`) or the base64 text of them (`base64=S`, C.5), whichever the version gives.
 */
import type { ArquivoPdf, ErpAction } from '../types';
import { unexpectedAnswer } from './errors';

const PDF_MAGIC = '%PDF';

function asBytes(body: unknown): Buffer | undefined {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return undefined;
}

/**
 * The PDF in an answer, `undefined` for an empty answer (nothing to print). Throws `ErpError`
 * (erro_erp) when the answer is neither a PDF nor the base64 of one.
 */
export function pdfFromAnswer(body: unknown, fileName: string, action: ErpAction): ArquivoPdf | undefined {
	const bytes = asBytes(body);
	if (!bytes) throw unexpectedAnswer(action, 'esperava um PDF');
	if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return undefined;
	if (bytes.subarray(0, 4).toString('latin1') === PDF_MAGIC) return { fileName, data: bytes.toString('base64'), mimeType: 'application/pdf' };
	const text = bytes
		.toString('utf8')
		.trim()
		.replace(/^data:application\/pdf;base64,/i, '')
		.replace(/\s+/g, '');
	if (/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
		const decoded = Buffer.from(text, 'base64');
		if (decoded.subarray(0, 4).toString('latin1') === PDF_MAGIC) return { fileName, data: decoded.toString('base64'), mimeType: 'application/pdf' };
	}
	throw unexpectedAnswer(action, 'o arquivo recebido não é um PDF');
}

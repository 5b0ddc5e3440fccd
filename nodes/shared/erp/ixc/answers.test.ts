/** IXC answers read without a server: errors, PDFs, the trust unlock codes, the calendar. */
import { HttpStatusError } from '../fetch-transport';
import { tinyPdf } from '../../../../test/simulators/pdf';
import { ErpError } from '../types';
import { firstDayOfNextMonth, todayInBrazil } from '../calendar';
import { trustUnlockResult } from './contracts';
import { cleanIxcMessage, ixcAccessError, ixcErrorMessage, ixcTransportError } from './errors';
import { pdfFromAnswer } from './pdf';

const HTML_PAGE = '<div style="margin:40px; background:#FF0000">Ocorreu um erro ao processar. Contate o suporte IXC Soft.</div>';

describe('IXC answers', () => {
	describe('access errors inside HTTP 200', () => {
		it('reads the HTML error page as unavailable, also when it came as bytes', () => {
			expect(ixcAccessError(HTML_PAGE, 'listarContratos')).toMatchObject({ kind: 'indisponivel' });
			expect(ixcAccessError(Buffer.from(HTML_PAGE), 'pdfFatura')).toMatchObject({ kind: 'indisponivel' });
		});

		it('reads "Seu IP não está liberado" as an authentication error and an unreleased resource as not supported', () => {
			const ip = ixcAccessError({ type: 'error', message: 'Seu IP não está liberado para efetuar login!' }, 'listarContratos');
			const resource = ixcAccessError(Buffer.from(JSON.stringify({ type: 'error', message: 'Recurso rad não está disponível!' })), 'pdfFatura');
			expect(ip).toMatchObject({ kind: 'autenticacao', details: { system: 'ixc', action: 'listarContratos' } });
			expect(resource).toMatchObject({ kind: 'nao_suportado' });
			expect(resource?.message).toContain('"rad"');
		});

		it('leaves other answers to the caller', () => {
			expect(ixcAccessError({ type: 'error', message: 'Parcela já está recebida ou cancelada!<br />' }, 'pixFatura')).toBeUndefined();
			expect(ixcAccessError({ page: '1', total: '0' }, 'listarContratos')).toBeUndefined();
			expect(ixcAccessError(tinyPdf('boleto'), 'pdfFatura')).toBeUndefined();
		});

		it('cleans IXC messages: no <br />, no CPF or CNPJ', () => {
			expect(ixcErrorMessage({ type: 'error', message: 'Parcela já está recebida ou cancelada!<br />' })).toBe('Parcela já está recebida ou cancelada!');
			expect(cleanIxcMessage('Cliente 627.105.245-20 / 11222333000181 / 12.ABC.345/01DE-35 duplicado')).toBe('Cliente *** / *** / *** duplicado');
		});
	});

	describe('transport errors', () => {
		it('maps 400 (wrong auth scheme), 401 and 403 to authentication, 5xx to unavailable, 404 to an ERP error', () => {
			expect(ixcTransportError(new HttpStatusError(400, HTML_PAGE), 'listarContratos').kind).toBe('autenticacao');
			expect(ixcTransportError(new HttpStatusError(401, HTML_PAGE), 'listarContratos').kind).toBe('autenticacao');
			expect(ixcTransportError(new HttpStatusError(403, HTML_PAGE), 'listarContratos').kind).toBe('autenticacao');
			expect(ixcTransportError(new HttpStatusError(504, HTML_PAGE), 'listarContratos')).toMatchObject({ kind: 'indisponivel', details: { httpCode: 504 } });
			expect(ixcTransportError(new HttpStatusError(404, HTML_PAGE), 'listarContratos').kind).toBe('erro_erp');
		});

		it('maps timeouts and network errors, and keeps an ErpError as it is', () => {
			const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
			const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
			const own = new ErpError('erro_erp', 'x', { system: 'ixc' });
			expect(ixcTransportError(timeout, 'pdfFatura').kind).toBe('timeout');
			expect(ixcTransportError(refused, 'pdfFatura').kind).toBe('indisponivel');
			expect(ixcTransportError(own, 'pdfFatura')).toBe(own);
		});
	});

	describe('PDFs', () => {
		const pdf = tinyPdf('Boleto 30001');

		it('takes raw PDF bytes, base64 text (base64=S) and a data URI', () => {
			for (const answer of [pdf, pdf.toString('base64'), Buffer.from(pdf.toString('base64')), `data:application/pdf;base64,${pdf.toString('base64')}\n`]) {
				expect(pdfFromAnswer(answer, 'boleto-30001.pdf', 'pdfFatura')).toEqual({ fileName: 'boleto-30001.pdf', data: pdf.toString('base64'), mimeType: 'application/pdf' });
			}
		});

		it('answers undefined for an empty answer and throws an ERP error for anything that is not a PDF', () => {
			expect(pdfFromAnswer(Buffer.alloc(0), 'x.pdf', 'pdfFatura')).toBeUndefined();
			expect(() => pdfFromAnswer(Buffer.from('{"registros":[{"sucesso":true}]}'), 'x.pdf', 'pdfFatura')).toThrow(expect.objectContaining({ kind: 'erro_erp' }));
			expect(() => pdfFromAnswer(Buffer.from('SGVsbG8='), 'x.pdf', 'pdfFatura')).toThrow(ErpError);
			expect(() => pdfFromAnswer({ arquivo: 'x' }, 'x.pdf', 'pdfFatura')).toThrow(ErpError);
		});
	});

	describe('desbloqueio_confianca answers (Portuguese keys, numeric codes)', () => {
		it('succeeds with the ERP message or a default one', () => {
			expect(trustUnlockResult({ tipo: 'sucesso', codigo: '', mensagem: 'Desbloqueio realizado!<br />' }, '2025-02-01')).toEqual({ sucesso: true, mensagem: 'Desbloqueio realizado!' });
			expect(trustUnlockResult({ tipo: 'sucesso' }, '2025-02-01')).toMatchObject({ sucesso: true });
		});

		it('refuses 113 (already used, not paid) with the first day of next month', () => {
			const answer = { tipo: 'erro', codigo: '113', mensagem: 'O desbloqueio de confiança não está disponível para o contrato 1234, este recurso foi usado no dia  e não foi realizado o pagamento até o dia 01/01/2022, ...' };
			expect(trustUnlockResult(answer, '2025-02-01')).toEqual({ sucesso: false, motivo: expect.stringContaining('já foi usado neste mês'), disponivelEm: '2025-02-01' });
		});

		it('refuses 107 (already active) and 109 (inactive) without a date, and unknown codes with the ERP message', () => {
			expect(trustUnlockResult({ tipo: 'erro', codigo: '107', mensagem: '...' }, '2025-02-01')).toEqual({ sucesso: false, motivo: expect.stringContaining('já está ativo') });
			expect(trustUnlockResult({ tipo: 'erro', codigo: '109', mensagem: '...' }, '2025-02-01')).toEqual({ sucesso: false, motivo: expect.stringContaining('inativo') });
			expect(trustUnlockResult({ tipo: 'erro', codigo: '120', mensagem: 'Limite de desbloqueios atingido.' }, '2025-02-01')).toEqual({ sucesso: false, motivo: 'Limite de desbloqueios atingido.' });
		});

		it('throws for 106 (unknown contract) and for an answer without tipo', () => {
			expect(() => trustUnlockResult({ tipo: 'erro', codigo: '106', mensagem: 'ID de contrato inexistente na base de dados.' }, '2025-02-01')).toThrow(
				expect.objectContaining({ kind: 'erro_erp', details: expect.objectContaining({ erpCode: '106' }) }),
			);
			expect(() => trustUnlockResult({ type: 'success' }, '2025-02-01')).toThrow(ErpError);
		});
	});

	describe('calendar', () => {
		it('takes today in Brasília time', () => {
			expect(todayInBrazil(new Date('2025-01-01T02:00:00Z'))).toBe('2024-12-31');
			expect(todayInBrazil(new Date('2025-01-01T03:00:00Z'))).toBe('2025-01-01');
		});

		it('gives the first day of next month, across the year', () => {
			expect(firstDayOfNextMonth('2025-01-31')).toBe('2025-02-01');
			expect(firstDayOfNextMonth('2024-12-15')).toBe('2025-01-01');
		});
	});
});

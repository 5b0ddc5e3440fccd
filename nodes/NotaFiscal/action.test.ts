import { ErpError, type ArquivoPdf, type NotaFiscal } from '../shared/erp/types';
import { fakeAdapter, fakeStep } from '../../test/support/fake-erp';
import { fiscalNoteAction, type FiscalNoteParameters } from './action';
import { fiscalNoteSummary, newestFirst } from './messages';

const parameters: FiscalNoteParameters = {
	notesToSend: 1,
	introMessage: 'Aqui está a sua nota fiscal, {{nome_cliente}}:',
	noPdfMessage: 'PDF indisponível, {{nome_cliente}}.',
	noNotesMessage: 'Não encontrei notas fiscais para este contrato.',
};

const older: NotaFiscal = { id: '5000', numero: '1100', emissao: '2026-01-05', valor: 99.9, modelo: '21' };
const latest: NotaFiscal = { id: '5001', numero: '1201', emissao: '2026-02-05', valor: 99.9, modelo: '21', pdfUrl: 'https://erp.example/nf/5001.pdf' };
const pdf: ArquivoPdf = { fileName: 'nota-1201.pdf', data: Buffer.from('%PDF-1.4 nota').toString('base64'), mimeType: 'application/pdf' };

describe('Nota Fiscal messages', () => {
	it('summarises number, issue date and amount in pt-BR', () => {
		expect(fiscalNoteSummary(latest)).toBe('Nota fiscal nº 1201, emitida em 05/02/2026, no valor de R$ 99,90.');
	});

	it('orders newest first, by issue date then number', () => {
		const sameDay = { ...latest, id: '5002', numero: '1202' };
		expect(newestFirst([older, latest, sameDay]).map((nota) => nota.numero)).toEqual(['1202', '1201', '1100']);
	});
});

describe('Nota Fiscal action', () => {
	it('sends the latest note as a PDF file and leaves by "Enviada"', async () => {
		const fetched: string[] = [];
		const adapter = fakeAdapter({
			listarNotasFiscais: async () => [older, latest],
			pdfNotaFiscal: async (nota) => {
				fetched.push(nota.id);
				return pdf;
			},
		});
		const turn = await fiscalNoteAction(parameters).run(fakeStep(adapter));
		expect(fetched).toEqual(['5001']);
		expect(turn).toMatchObject({
			kind: 'finish',
			output: 0,
			result: { notasFiscais: [{ numero: '1201', enviadaComo: 'pdf' }], contrato: { id: '2001' }, cliente: { documento: expect.not.stringContaining('52998224725') } },
			messages: [
				{ kind: 'text', text: 'Aqui está a sua nota fiscal, MARIA SILVA:' },
				{ kind: 'text', text: 'Nota fiscal nº 1201, emitida em 05/02/2026, no valor de R$ 99,90.' },
				{ kind: 'media', mediaType: 'document', data: pdf.data, mimeType: 'application/pdf', fileName: 'nota-1201.pdf', caption: 'Nota fiscal nº 1201' },
			],
		});
	});

	it('sends the link when the ERP gives no file, and the summary with the "no PDF" message when it has neither', async () => {
		const adapter = fakeAdapter({ listarNotasFiscais: async () => [latest, older] });
		const turn = await fiscalNoteAction({ ...parameters, notesToSend: 2, introMessage: '' }).run(fakeStep(adapter));
		expect(turn).toMatchObject({
			output: 0,
			messages: [
				{ kind: 'text', text: 'Nota fiscal nº 1201, emitida em 05/02/2026, no valor de R$ 99,90.\nPDF da nota fiscal: https://erp.example/nf/5001.pdf' },
				{ kind: 'text', text: 'Nota fiscal nº 1100, emitida em 05/01/2026, no valor de R$ 99,90.\nPDF indisponível, MARIA SILVA.' },
			],
			result: { notasFiscais: [{ enviadaComo: 'link' }, { enviadaComo: 'resumo' }] },
		});
	});

	it('an empty "no PDF" message sends the summary alone', async () => {
		const adapter = fakeAdapter({ listarNotasFiscais: async () => [older] });
		const turn = await fiscalNoteAction({ ...parameters, noPdfMessage: '' }).run(fakeStep(adapter));
		expect(turn.kind === 'finish' ? turn.messages?.at(-1) : undefined).toEqual({ kind: 'text', text: 'Nota fiscal nº 1100, emitida em 05/01/2026, no valor de R$ 99,90.' });
	});

	it('a PDF the ERP does not have falls back to the link', async () => {
		const adapter = fakeAdapter({ listarNotasFiscais: async () => [latest], pdfNotaFiscal: async () => undefined });
		const turn = await fiscalNoteAction(parameters).run(fakeStep(adapter));
		expect(turn.kind === 'finish' ? turn.messages?.at(-1) : undefined).toEqual({ kind: 'text', text: expect.stringContaining('https://erp.example/nf/5001.pdf') });
	});

	it('leaves by "Sem notas fiscais" with its message when the contract has none', async () => {
		const adapter = fakeAdapter({ listarNotasFiscais: async () => [] });
		const turn = await fiscalNoteAction(parameters).run(fakeStep(adapter));
		expect(turn).toEqual({
			kind: 'finish',
			output: 1,
			result: expect.objectContaining({ notasFiscais: [] }),
			messages: [{ kind: 'text', text: 'Não encontrei notas fiscais para este contrato.' }],
		});
	});

	it('asks the ERP for the notes of the chosen contract', async () => {
		const asked: Array<string | undefined> = [];
		const adapter = fakeAdapter({
			listarNotasFiscais: async (_cliente, contrato) => {
				asked.push(contrato?.id);
				return [];
			},
		});
		await fiscalNoteAction(parameters).run(fakeStep(adapter));
		expect(asked).toEqual(['2001']);
	});

	it('needs "listarNotasFiscais"; an ERP failure (listing or PDF) goes to the engine ("Erro")', async () => {
		expect(fiscalNoteAction(parameters).uses).toEqual(['listarNotasFiscais']);
		const unavailable = new ErpError('indisponivel', 'O ERP respondeu com erro.', { system: 'ixc' });
		const failingList = fakeAdapter({
			listarNotasFiscais: async () => {
				throw unavailable;
			},
		});
		await expect(fiscalNoteAction(parameters).run(fakeStep(failingList))).rejects.toBe(unavailable);
		const failingPdf = fakeAdapter({
			listarNotasFiscais: async () => [latest],
			pdfNotaFiscal: async () => {
				throw unavailable;
			},
		});
		await expect(fiscalNoteAction(parameters).run(fakeStep(failingPdf))).rejects.toBe(unavailable);
	});
});

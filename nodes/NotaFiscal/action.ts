import type { IDataObject } from 'n8n-workflow';

import type { OutboundMessage } from '../shared/channels/types';
import { publicCliente, publicContrato } from '../shared/erp/card/engine';
import type { ErpCardAction, ErpStep } from '../shared/erp/card/types';
import type { NotaFiscal } from '../shared/erp/types';
import { fiscalNoteMessages, newestFirst, type FiscalNoteDelivery } from './messages';

/** Parameters of the card's own step. */
export interface FiscalNoteParameters {
	/** How many of the latest notes to send (1 = only the latest). */
	notesToSend: number;
	introMessage: string;
	/** Added to a note's summary when the ERP gives neither its PDF nor a link. */
	noPdfMessage: string;
	noNotesMessage: string;
}

export const FISCAL_NOTE_OUTPUTS = ['Enviada', 'Sem notas fiscais'];
const SENT = 0;
const NO_NOTES = 1;

function fiscalNoteResult(notas: Array<NotaFiscal & { enviadaComo?: FiscalNoteDelivery }>, step: ErpStep): IDataObject {
	return {
		notasFiscais: notas.map((nota) => ({ ...nota })) as unknown as IDataObject[],
		cliente: publicCliente(step.cliente),
		contrato: step.contrato ? publicContrato(step.contrato) : null,
	};
}

/**
 * "Nota Fiscal": the latest fiscal note(s) of the contract, each as a PDF file when the ERP gives the
 * file (`pdfNotaFiscal`), else as the ERP's link, else as a summary (number, date, amount) with the
 * "no PDF" message. Each note of the item says how it went (`enviadaComo`: pdf, link, resumo).
 */
export function fiscalNoteAction(parameters: FiscalNoteParameters): ErpCardAction {
	return {
		outputs: FISCAL_NOTE_OUTPUTS,
		requires: 'contract',
		uses: ['listarNotasFiscais'],
		async run(step) {
			const notas = newestFirst(await step.adapter.listarNotasFiscais(step.cliente, step.contrato)).slice(0, Math.max(1, parameters.notesToSend));
			if (notas.length === 0) {
				return { kind: 'finish', output: NO_NOTES, result: fiscalNoteResult([], step), messages: [{ kind: 'text', text: step.render(parameters.noNotesMessage) }] };
			}
			const messages: OutboundMessage[] = [];
			if (parameters.introMessage.trim()) messages.push({ kind: 'text', text: step.render(parameters.introMessage) });
			const sent: Array<NotaFiscal & { enviadaComo: FiscalNoteDelivery }> = [];
			for (const nota of notas) {
				const pdf = step.adapter.supports('pdfNotaFiscal') ? await step.adapter.pdfNotaFiscal(nota, step.cliente) : undefined;
				const { delivery, messages: noteMessages } = fiscalNoteMessages(nota, pdf, step.render(parameters.noPdfMessage));
				messages.push(...noteMessages);
				sent.push({ ...nota, enviadaComo: delivery });
			}
			return { kind: 'finish', output: SENT, result: fiscalNoteResult(sent, step), messages };
		},
	};
}

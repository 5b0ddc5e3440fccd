import type { IDataObject } from 'n8n-workflow';

import type { Choice, OutboundMessage } from '../shared/channels/types';
import { publicContrato } from '../shared/erp/card/engine';
import { textOf, type ErpCardAction, type ErpStep, type ErpTurn } from '../shared/erp/card/types';
import type { Fatura } from '../shared/erp/types';
import { matchChoice } from '../shared/text/match';
import { invoiceChoiceLabel, invoiceMessages } from './messages';

/** Parameters of the card's own step. */
export interface SecondCopyParameters {
	/** Several open invoices: `ask` shows a menu, `oldest` sends the oldest, `all` sends every one. */
	invoiceSelection: 'ask' | 'oldest' | 'all';
	sendPdf: boolean;
	sendPix: boolean;
	introMessage: string;
	pixIntro: string;
	noInvoiceMessage: string;
	invoicePrompt: string;
}

export const SECOND_COPY_OUTPUTS = ['Enviada', 'Sem faturas em aberto'];
const SENT = 0;
const NO_INVOICE = 1;

function invoiceResult(faturas: Fatura[], step: ErpStep): IDataObject {
	return {
		faturas: faturas.map((fatura) => ({ ...fatura })) as unknown as IDataObject[],
		contrato: step.contrato ? publicContrato(step.contrato) : null,
	};
}

async function send(step: ErpStep, parameters: SecondCopyParameters, faturas: Fatura[]): Promise<ErpTurn> {
	const messages: OutboundMessage[] = [];
	if (parameters.introMessage.trim()) messages.push({ kind: 'text', text: step.render(parameters.introMessage) });
	for (const fatura of faturas) {
		const pdf = parameters.sendPdf && step.adapter.supports('pdfFatura') ? await step.adapter.pdfFatura(fatura, step.cliente, step.contrato) : undefined;
		let pix = parameters.sendPix ? fatura.pixCopiaECola : undefined;
		if (parameters.sendPix && !pix && step.adapter.supports('pixFatura')) pix = await step.adapter.pixFatura(fatura, step.cliente, step.contrato);
		messages.push(...invoiceMessages(fatura, pdf, pix, step.render(parameters.pixIntro)));
	}
	return { kind: 'finish', output: SENT, result: invoiceResult(faturas, step), messages };
}

function invoiceChoices(faturas: Fatura[]): Choice[] {
	return faturas.map((fatura) => ({ id: `fatura_${fatura.id}`, label: invoiceChoiceLabel(fatura), description: fatura.vencida ? 'vencida' : undefined }));
}

/** "Segunda Via": the open invoices of the contract, with boleto PDF, linha digitável and Pix. */
export function secondCopyAction(parameters: SecondCopyParameters): ErpCardAction {
	return {
		outputs: SECOND_COPY_OUTPUTS,
		requires: 'contract',
		uses: ['listarFaturasAbertas'],
		async run(step) {
			const faturas = await step.adapter.listarFaturasAbertas(step.cliente, step.contrato);
			if (faturas.length === 0) {
				return { kind: 'finish', output: NO_INVOICE, result: invoiceResult([], step), messages: [{ kind: 'text', text: step.render(parameters.noInvoiceMessage) }] };
			}
			if (faturas.length === 1 || parameters.invoiceSelection === 'oldest') return await send(step, parameters, [faturas[0]]);
			if (parameters.invoiceSelection === 'all') return await send(step, parameters, faturas);
			return {
				kind: 'ask',
				messages: [{ kind: 'choices', text: step.render(parameters.invoicePrompt), choices: invoiceChoices(faturas), buttonLabel: 'Faturas' }],
				state: { invoiceIds: faturas.map((fatura) => fatura.id) },
			};
		},
		async answer(step, message, state) {
			const wanted = (state.invoiceIds as string[]) ?? [];
			const faturas = (await step.adapter.listarFaturasAbertas(step.cliente, step.contrato)).filter((fatura) => wanted.includes(fatura.id));
			const choices = invoiceChoices(faturas);
			const content = message.content;
			const picked = (content.kind === 'choice' ? choices.find((choice) => choice.id === content.id) : undefined) ?? matchChoice(textOf(message), choices);
			if (!picked) return { kind: 'invalid', messages: [{ kind: 'choices', text: 'Escolha uma das faturas da lista.', choices, buttonLabel: 'Faturas' }] };
			return await send(step, parameters, [faturas[choices.indexOf(picked)]]);
		},
	};
}

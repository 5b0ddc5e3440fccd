import type { Choice, InboundMessage, OutboundMessage } from '../shared/channels/types';
import { textOf } from '../shared/erp/card/types';
import type { ArquivoPdf, Contrato } from '../shared/erp/types';
import { isNo, isYes, matchChoice } from '../shared/text/match';

/** Ids of the Sim/Não buttons of both confirmations. */
export const YES_ID = 'aceite_sim';
export const NO_ID = 'aceite_nao';

export const CONFIRMATION_CHOICES: Choice[] = [
	{ id: YES_ID, label: 'Sim' },
	{ id: NO_ID, label: 'Não' },
];

/** A Sim/Não question. */
export function confirmationQuestion(text: string): OutboundMessage {
	return { kind: 'choices', text, choices: CONFIRMATION_CHOICES };
}

/** The contract document as a file, named after the plan. */
export function contractDocument(pdf: ArquivoPdf, contrato: Contrato): OutboundMessage {
	return { kind: 'media', mediaType: 'document', data: pdf.data, mimeType: pdf.mimeType, fileName: pdf.fileName, caption: `Contrato ${contrato.plano}` };
}

/** Menu of the contracts awaiting acceptance (label ≤ 24 characters). */
export function pendingContractChoices(contratos: Contrato[]): Choice[] {
	return contratos.map((contrato) => ({
		id: `aceite_contrato_${contrato.id}`,
		label: [...contrato.plano].slice(0, 24).join(''),
		description: [contrato.endereco, `contrato ${contrato.id}`].filter(Boolean).join(' · ').slice(0, 72),
	}));
}

/** `2026-03-05T14:07:00.000Z` → `05/03/2026 às 11:07` (Brazil's main time zone). */
export function formatAcceptanceMoment(isoDateTime: string): string {
	const moment = new Date(isoDateTime);
	const date = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', day: '2-digit', month: '2-digit', year: 'numeric' }).format(moment);
	const time = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit', hour12: false }).format(moment);
	return `${date} às ${time}`;
}

/** Sim → true, Não → false (button, option number, or words such as "sim, confirmo"); otherwise undefined. */
export function readConfirmation(message: InboundMessage): boolean | undefined {
	const content = message.content;
	const picked = content.kind === 'choice' ? CONFIRMATION_CHOICES.find((choice) => choice.id === content.id) : undefined;
	const chosen = picked ?? matchChoice(textOf(message), CONFIRMATION_CHOICES);
	if (chosen) return chosen.id === YES_ID;
	const text = textOf(message);
	if (isYes(text)) return true;
	if (isNo(text)) return false;
	return undefined;
}

import type { InboundMessage, OutboundMessage } from '../shared/channels/types';
import type { Conversation } from '../shared/conversation/types';
import { renderTemplate } from '../shared/text/template';
import { templateVariablesOf } from '../shared/runtime/card';
import type { AnswerEvaluation, WaitingCardConfig } from '../shared/runtime/waiting';
import { OUTSIDE_WINDOW_OUTPUT } from '../shared/ui/outside-window';
import { descriptionOutputNames } from './outputs';

/** The card's parameters, read once per execution/webhook call. */
export interface DescriptionParameters {
	question: string;
	/** "Exigir mais de uma palavra". */
	requireSeveralWords: boolean;
	/** Shortest description in characters (spaces at the ends not counted); 0 = any. */
	minLength: number;
	maxAttempts: number;
	invalidMessage: string;
	maxAttemptsMessage: string;
	timeoutMinutes: number;
	outsideWindowOutput?: boolean;
}

export const DESCRIPTION_DEFAULTS: DescriptionParameters = {
	question: '',
	requireSeveralWords: true,
	minLength: 0,
	maxAttempts: 3,
	invalidMessage: '',
	maxAttemptsMessage: '',
	timeoutMinutes: 0,
	outsideWindowOutput: false,
};

/** A word: a run of letters or digits (punctuation and emoji alone are not words). */
const WORD = /[\p{L}\p{N}]+/gu;

/** The question as the customer sees it. */
export function descriptionPrompt(conversation: Conversation, parameters: DescriptionParameters): Extract<OutboundMessage, { kind: 'text' }> {
	return { kind: 'text', text: renderTemplate(parameters.question, templateVariablesOf(conversation)).trim() };
}

/**
 * Whether a message is a description: typed text (a file, audio, location or a tapped button of an
 * older menu is not), not empty, with more than one word when required and at least `minLength`
 * characters. The reason is pt-BR, sent to the customer.
 */
export function evaluateDescription(message: InboundMessage, parameters: DescriptionParameters): AnswerEvaluation {
	const content = message.content;
	if (content.kind !== 'text') {
		return { accepted: false, reason: 'Escreva a descrição em uma mensagem de texto (imagens, áudios e arquivos não valem como descrição).' };
	}
	const text = content.text.trim();
	if (!text) return { accepted: false, reason: 'A mensagem chegou vazia: escreva o que aconteceu.' };
	if (parameters.requireSeveralWords && (text.match(WORD) ?? []).length < 2) {
		return { accepted: false, reason: 'Escreva com mais de uma palavra o que aconteceu.' };
	}
	const minLength = Math.max(0, Math.floor(parameters.minLength));
	if ([...text].length < minLength) return { accepted: false, reason: `Escreva ao menos ${minLength} caracteres.` };
	return {
		accepted: true,
		output: 0,
		result: { descricao: text },
		record: (record) => {
			record.description = text;
		},
	};
}

/** The waiting-card behaviour of Solicitar Descrição for these parameters. */
export function descriptionConfig(parameters: DescriptionParameters, prompt: OutboundMessage): WaitingCardConfig {
	const names = descriptionOutputNames(parameters);
	return {
		outputCount: names.length,
		maxAttemptsOutput: names.indexOf('Máximo de tentativas'),
		noAnswerOutput: names.indexOf('Sem resposta'),
		...(parameters.outsideWindowOutput ? { outsideWindowOutput: names.indexOf(OUTSIDE_WINDOW_OUTPUT) } : {}),
		maxAttempts: Math.max(1, parameters.maxAttempts),
		timeoutMinutes: Math.max(0, parameters.timeoutMinutes),
		invalidMessages: (reason) => [{ kind: 'text', text: [parameters.invalidMessage.trim(), reason].filter(Boolean).join('\n') }, prompt],
		maxAttemptsMessages: parameters.maxAttemptsMessage.trim() ? [{ kind: 'text', text: parameters.maxAttemptsMessage.trim() }] : [],
		evaluate: (message) => evaluateDescription(message, parameters),
	};
}

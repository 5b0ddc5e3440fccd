import { NodeOperationError, type INode } from 'n8n-workflow';

import type { Choice, InboundContent, OutboundMessage } from '../shared/channels/types';
import { templateParameter } from '../shared/channels/whatsapp/render';
import { bodyParameters, previewText, quickReplyButtonPositions, quickReplyButtons, type VariableMapping, type WabaTemplate } from '../shared/channels/whatsapp/templates';
import type { Conversation } from '../shared/conversation/types';
import { templateVariablesOf } from '../shared/runtime/card';
import type { AnswerEvaluation, WaitingCardConfig } from '../shared/runtime/waiting';
import { matchChoice } from '../shared/text/match';
import { normalizeForMatch } from '../shared/text/normalize';
import { renderTemplate } from '../shared/text/template';
import { templateOutputNames } from './outputs';

/** WhatsApp's limit for a quick-reply button's text. */
export const MAX_BUTTON_LABEL = 25;

/** The card's parameters, read once per execution/webhook call. */
export interface TemplateCardParameters {
	mode: 'sendAndWait' | 'routeReply';
	/** "Rotear resposta de disparo": the campaign (with `*` wildcards) whose taps take the buttons' outputs; '' = any. */
	campaign: string;
	template: string;
	variables: { values?: VariableMapping[] };
	buttons: { values?: Array<{ label?: string }> };
	invalidMessage: string;
	maxAttempts: number;
	maxAttemptsMessage: string;
	timeoutMinutes: number;
}

/** The buttons as choices: id `botao_<n>` (the payload WhatsApp echoes back), label as configured. */
export function buttonChoices(node: INode, parameters: TemplateCardParameters): Choice[] {
	const values = parameters.buttons.values ?? [];
	if (values.length === 0) {
		throw new NodeOperationError(node, 'Nenhum botão configurado', { description: 'Adicione em "Botões" os botões de resposta rápida do template, na ordem dele.' });
	}
	return values.map((button, index) => {
		const label = (button.label ?? '').trim();
		if (!label) throw new NodeOperationError(node, `O botão ${index + 1} está sem texto`, { description: 'Preencha o texto de todos os botões, igual ao do template.' });
		if ([...label].length > MAX_BUTTON_LABEL) {
			throw new NodeOperationError(node, `O botão "${label}" tem mais de ${MAX_BUTTON_LABEL} caracteres`, { description: 'O WhatsApp não aceita botões de resposta rápida tão longos.' });
		}
		return { id: `botao_${index + 1}`, label };
	});
}

/** Refuses a template whose quick-reply buttons are not the configured ones (same texts, same order). */
export function checkTemplateButtons(node: INode, template: WabaTemplate, choices: Choice[]): void {
	const actual = quickReplyButtons(template);
	const same = actual.length === choices.length && actual.every((text, index) => normalizeForMatch(text) === normalizeForMatch(choices[index].label));
	if (same) return;
	throw new NodeOperationError(node, `Os botões configurados não são os do template "${template.name}"`, {
		description: actual.length
			? `O template tem os botões: ${actual.map((text) => `"${text}"`).join(', ')}. Configure "Botões" com esses textos, nessa ordem.`
			: 'Este template não tem botões de resposta rápida: escolha um template que tenha.',
	});
}

/**
 * What the customer receives: on WhatsApp the template itself (it may be sent outside the 24-hour
 * window), its buttons carrying the choice ids as payloads; on the other channels, which have no
 * templates, the same text with the buttons as choices.
 */
export function templatePrompt(conversation: Conversation, template: WabaTemplate, parameters: TemplateCardParameters, choices: Choice[]): OutboundMessage {
	const variables = templateVariablesOf(conversation);
	const mappings = (parameters.variables.values ?? []).map((mapping) => ({ variable: mapping.variable, value: renderTemplate(String(mapping.value ?? ''), variables) }));
	const values = bodyParameters(template, mappings, templateParameter);
	if (conversation.channel.type === 'whatsapp') {
		// Each choice at its button's index among all the template's buttons (checkTemplateButtons: same quick replies, same order).
		const buttonPayloads = quickReplyButtonPositions(template).map((button, position) => ({ index: button.index, payload: choices[position].id }));
		return { kind: 'template', name: template.name, language: template.language, bodyParameters: values, buttonPayloads };
	}
	return { kind: 'choices', text: previewText(template, values), choices };
}

/**
 * The button a message chose: a button reply by id (the payload) or by its text (a broadcast sent
 * without payloads echoes the button's text), or text typed by the customer (the button's text,
 * its number…). `undefined` when nothing fits.
 */
export function chosenButton(content: InboundContent, choices: Choice[]): Choice | undefined {
	if (content.kind === 'choice') return choices.find((choice) => choice.id === content.id) ?? matchChoice(content.title, choices) ?? matchChoice(content.id, choices);
	if (content.kind === 'text') return matchChoice(content.text, choices);
	return undefined;
}

/** The answer fields of the output item. */
export function answerOf(choice: Choice): { resposta: string; opcao: string } {
	return { resposta: choice.label, opcao: choice.id };
}

/** The waiting-card behaviour of "Enviar e aguardar resposta". */
export function waitingConfig(parameters: TemplateCardParameters, choices: Choice[]): WaitingCardConfig {
	const outputCount = templateOutputNames(parameters).length;
	const reAsk: OutboundMessage = { kind: 'choices', text: parameters.invalidMessage.trim() || 'Toque em uma das opções:', choices };
	return {
		outputCount,
		maxAttemptsOutput: outputCount - 2,
		noAnswerOutput: outputCount - 1,
		maxAttempts: Math.max(1, parameters.maxAttempts),
		timeoutMinutes: Math.max(0, parameters.timeoutMinutes),
		// The customer has just written, so the 24-hour window is open: the buttons go as a plain interactive message.
		invalidMessages: () => [reAsk],
		maxAttemptsMessages: parameters.maxAttemptsMessage.trim() ? [{ kind: 'text', text: parameters.maxAttemptsMessage.trim() }] : [],
		evaluate: (message): AnswerEvaluation => {
			const choice = chosenButton(message.content, choices);
			return choice ? { accepted: true, output: choices.indexOf(choice), result: answerOf(choice) } : { accepted: false };
		},
	};
}

import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import type { Choice, InboundMessage, OutboundMessage } from '../shared/channels/types';
import type { Conversation } from '../shared/conversation/types';
import { matchChoice } from '../shared/text/match';
import { isNo, isYes } from '../shared/text/confirmation';
import { renderTemplate } from '../shared/text/template';
import { templateVariablesOf } from '../shared/runtime/card';
import type { AnswerEvaluation, WaitingCardConfig } from '../shared/runtime/waiting';
import { isAnswerKind, validateAnswer } from '../shared/validation';
import { MAX_OPTION_LABEL } from './description';
import { questionOutputNames } from './outputs';
import { OUTSIDE_WINDOW_OUTPUT } from '../shared/ui/outside-window';

/** The card's parameters, read once per execution/webhook call. */
export interface QuestionParameters {
	answerType: 'choice' | 'confirmation' | 'input' | 'form';
	question: string;
	options: { values?: Array<{ label?: string; description?: string }> };
	validation: string;
	saveAs: string;
	maxAttempts: number;
	invalidMessage: string;
	maxAttemptsMessage: string;
	timeoutMinutes: number;
	/** The "Fora da janela de 24h" output is on. */
	outsideWindowOutput?: boolean;
}

const CONFIRMATION_CHOICES: Choice[] = [
	{ id: 'sim', label: 'Sim' },
	{ id: 'nao', label: 'Não' },
];

/** The options of an Escolha card, refusing labels the channels cannot show. */
export function choicesOf(node: INode, parameters: QuestionParameters): Choice[] {
	if (parameters.answerType === 'confirmation') return CONFIRMATION_CHOICES;
	if (parameters.answerType !== 'choice') return [];
	const values = parameters.options.values ?? [];
	if (values.length === 0) {
		throw new NodeOperationError(node, 'Nenhuma opção configurada', { description: 'Adicione ao menos uma opção em "Opções".' });
	}
	return values.map((option, index) => {
		const label = (option.label ?? '').trim();
		if (!label) {
			throw new NodeOperationError(node, `A opção ${index + 1} está sem texto`, { description: 'Preencha o texto de todas as opções.' });
		}
		if ([...label].length > MAX_OPTION_LABEL) {
			throw new NodeOperationError(node, `A opção "${label}" tem mais de ${MAX_OPTION_LABEL} caracteres`, {
				description: `O WhatsApp não mostra opções com mais de ${MAX_OPTION_LABEL} caracteres. Encurte o texto (ex.: use a descrição para detalhes).`,
			});
		}
		return { id: `opcao_${index + 1}`, label, description: option.description?.trim() || undefined };
	});
}

/** The prompt: the question, with its options when there are any. */
export function promptOf(conversation: Conversation, parameters: QuestionParameters, choices: Choice[]): OutboundMessage {
	const text = renderTemplate(parameters.question, templateVariablesOf(conversation)).trim();
	return choices.length > 0 ? { kind: 'choices', text, choices } : { kind: 'text', text };
}

function evaluateChoice(message: InboundMessage, choices: Choice[], parameters: QuestionParameters): AnswerEvaluation {
	const content = message.content;
	let chosen: Choice | undefined;
	if (content.kind === 'choice') chosen = choices.find((choice) => choice.id === content.id) ?? matchChoice(content.title, choices);
	else if (content.kind === 'text') {
		chosen = matchChoice(content.text, choices);
		if (!chosen && parameters.answerType === 'confirmation') {
			if (isYes(content.text)) chosen = choices[0];
			else if (isNo(content.text)) chosen = choices[1];
		}
	}
	if (!chosen) return { accepted: false };
	return { accepted: true, output: choices.indexOf(chosen), result: { resposta: chosen.label, opcao: chosen.id } };
}

function evaluateInput(message: InboundMessage, parameters: QuestionParameters): AnswerEvaluation {
	const content = message.content;
	if (parameters.validation === 'file') {
		if (content.kind !== 'media') return { accepted: false, reason: 'Envie um arquivo ou uma imagem.' };
		return { accepted: true, output: 0, result: { resposta: content as unknown as IDataObject } };
	}
	const text = content.kind === 'text' ? content.text : content.kind === 'choice' ? content.title : '';
	if (!text.trim()) return { accepted: false, reason: 'Responda com uma mensagem de texto.' };
	if (!isAnswerKind(parameters.validation)) return { accepted: true, output: 0, result: { resposta: text.trim() } };
	const result = validateAnswer(parameters.validation, text);
	if (!result.valid) return { accepted: false, reason: result.reason };
	return {
		accepted: true,
		output: 0,
		result: { resposta: result.value as IDataObject[keyof IDataObject], respostaFormatada: result.formatted ?? null, textoOriginal: text },
	};
}

/** The waiting-card behaviour of Enviar Pergunta for these parameters. */
export function questionConfig(node: INode, parameters: QuestionParameters, conversationPrompt: OutboundMessage): WaitingCardConfig {
	const choices = choicesOf(node, parameters);
	const names = questionOutputNames(parameters);
	const outputCount = names.length;
	return {
		outputCount,
		maxAttemptsOutput: names.lastIndexOf('Máximo de tentativas'),
		noAnswerOutput: names.lastIndexOf('Sem resposta'),
		...(parameters.outsideWindowOutput ? { outsideWindowOutput: names.lastIndexOf(OUTSIDE_WINDOW_OUTPUT) } : {}),
		maxAttempts: Math.max(1, parameters.maxAttempts),
		timeoutMinutes: Math.max(0, parameters.timeoutMinutes),
		saveAs: parameters.saveAs.trim() || undefined,
		invalidMessages: (reason) => [
			{ kind: 'text', text: [parameters.invalidMessage.trim(), reason].filter(Boolean).join('\n') },
			conversationPrompt,
		],
		maxAttemptsMessages: parameters.maxAttemptsMessage.trim() ? [{ kind: 'text', text: parameters.maxAttemptsMessage.trim() }] : [],
		evaluate: (message) =>
			parameters.answerType === 'input' ? evaluateInput(message, parameters) : evaluateChoice(message, choices, parameters),
	};
}

import { NodeOperationError, type INode } from 'n8n-workflow';

import type { Choice, InboundMessage, OutboundMessage } from '../shared/channels/types';
import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import type { Conversation } from '../shared/conversation/types';
import { templateVariablesOf } from '../shared/runtime/card';
import type { SendingContext } from '../shared/runtime/send';
import { sendToConversation } from '../shared/runtime/send';
import type { AnswerEvaluation, DialogState, WaitingCardConfig } from '../shared/runtime/waiting';
import {
	QUESTIONNAIRE_EVENT,
	RATING_EVENT,
	SCALE_MAX,
	SCALE_MIN,
	questionnaireData,
	ratingData,
	type RatingTarget,
} from '../shared/satisfaction/ratings';
import { matchChoice } from '../shared/text/match';
import { normalizeForMatch } from '../shared/text/normalize';
import { renderTemplate } from '../shared/text/template';
import { DEFAULT_SCORE_TEXTS, MAX_OPTION_LABEL } from './description';

/** The card's parameters, read once per execution/webhook call. */
export interface SurveyParameters {
	mode: 'rating' | 'free';
	target: 'empresa' | 'atendente' | 'ambos';
	question: string;
	agentQuestion: string;
	scoreTexts: { texts?: Record<string, string | undefined> };
	order: 'crescente' | 'decrescente';
	questionnaire: string;
	freeQuestion: string;
	options: { values?: Array<{ label?: string }> };
	saveAs: string;
	maxAttempts: number;
	invalidMessage: string;
	maxAttemptsMessage: string;
	timeoutMinutes: number;
}

/** Outputs of the card, fixed. */
export const SURVEY_OUTPUTS = ['Respondida', 'Máximo de tentativas', 'Sem resposta'];
const OUTPUT = { answered: 0, maxAttempts: 1, noAnswer: 2 } as const;

/** Reason added to the invalid-answer message when a number is outside the scale. */
export const OUT_OF_RANGE_REASON = `A nota vai de ${SCALE_MIN} a ${SCALE_MAX}.`;

const SCORE_ID = /^nota_(\d+)$/;

/** The scale as choices ("5 - Muito satisfeito", id `nota_5`), in the configured order. */
export function scoreChoices(node: INode, parameters: SurveyParameters): Choice[] {
	const texts = parameters.scoreTexts.texts ?? {};
	const choices: Choice[] = [];
	for (let score = SCALE_MIN; score <= SCALE_MAX; score++) {
		const text = (texts[`nota${score}`] ?? DEFAULT_SCORE_TEXTS[score - 1]).trim();
		const label = text ? `${score} - ${text}` : String(score);
		if ([...label].length > MAX_OPTION_LABEL) {
			throw new NodeOperationError(node, `O texto da nota ${score} ("${label}") tem mais de ${MAX_OPTION_LABEL} caracteres`, {
				description: `O WhatsApp não mostra opções com mais de ${MAX_OPTION_LABEL} caracteres (contando o número e " - "). Encurte o texto em "Textos das notas".`,
			});
		}
		choices.push({ id: `nota_${score}`, label });
	}
	return parameters.order === 'decrescente' ? choices.reverse() : choices;
}

/** The options of a free question, refusing labels the channels cannot show. */
export function freeChoices(node: INode, parameters: SurveyParameters): Choice[] {
	const values = parameters.options.values ?? [];
	if (values.length === 0) throw new NodeOperationError(node, 'Nenhuma opção configurada', { description: 'Adicione ao menos uma opção em "Opções".' });
	return values.map((option, index) => {
		const label = (option.label ?? '').trim();
		if (!label) throw new NodeOperationError(node, `A opção ${index + 1} está sem texto`, { description: 'Preencha o texto de todas as opções.' });
		if ([...label].length > MAX_OPTION_LABEL) {
			throw new NodeOperationError(node, `A opção "${label}" tem mais de ${MAX_OPTION_LABEL} caracteres`, {
				description: `O WhatsApp não mostra opções com mais de ${MAX_OPTION_LABEL} caracteres. Encurte o texto.`,
			});
		}
		return { id: `opcao_${index + 1}`, label };
	});
}

/**
 * The score a message gives: a tapped option (`nota_N`), a typed number ("5", "nota 5", "5 - ótimo")
 * or an option's text ("muito satisfeito"). A number outside the scale is `outOfRange`.
 */
export function scoreOf(content: InboundMessage['content'], choices: Choice[]): number | 'outOfRange' | undefined {
	if (content.kind === 'choice') {
		const byId = SCORE_ID.exec(content.id);
		if (byId && choices.some((choice) => choice.id === content.id)) return Number(byId[1]);
		return scoreOf({ kind: 'text', text: content.title }, choices);
	}
	if (content.kind !== 'text') return undefined;
	const normalized = normalizeForMatch(content.text);
	const number = /^(?:nota\s*)?(\d{1,3})(?:\s.*)?$/.exec(normalized);
	if (number) {
		const score = Number(number[1]);
		return score >= SCALE_MIN && score <= SCALE_MAX ? score : 'outOfRange';
	}
	// By the score's text alone ("satisfeito"), never by position (the order may be decrescente).
	const texts = choices.map((choice) => ({ id: choice.id, label: choice.label.replace(/^\d+\s*-\s*/, '') }));
	const chosen = matchChoice(content.text, texts.filter((choice) => choice.label));
	return chosen ? Number(SCORE_ID.exec(chosen.id)![1]) : undefined;
}

/** The questions the card asks, in order: one, or two for Ambos (company first). */
export function ratingSteps(parameters: SurveyParameters): Array<{ target: RatingTarget; question: string }> {
	const company = { target: 'empresa' as const, question: parameters.question };
	const agent = { target: 'atendente' as const, question: parameters.agentQuestion };
	if (parameters.target === 'ambos') return [company, agent];
	return [parameters.target === 'atendente' ? agent : company];
}

/** The question of step `step` (0 unless Ambos' second one), with its choices. */
export function promptOf(node: INode, conversation: Conversation, parameters: SurveyParameters, step = 0): OutboundMessage {
	const variables = templateVariablesOf(conversation);
	if (parameters.mode === 'free') {
		return { kind: 'choices', text: renderTemplate(parameters.freeQuestion, variables).trim(), choices: freeChoices(node, parameters) };
	}
	const question = ratingSteps(parameters)[step].question;
	return { kind: 'choices', text: renderTemplate(question, variables).trim(), choices: scoreChoices(node, parameters) };
}

async function recordEvent(conversation: Conversation, nodeName: string, type: string, data: Record<string, unknown>): Promise<void> {
	await getConversationStore().update(conversation.id, (record) => {
		record.events = appendEvent(record.events, { at: Date.now(), type, node: nodeName, data });
	});
}

function stepOf(dialog: DialogState): number {
	return typeof dialog?.step === 'number' ? dialog.step : 0;
}

/**
 * The waiting-card behaviour of Pesquisa de Satisfação (runtime/waiting.ts). Every accepted score is
 * recorded at once as an `avaliacao` event with the conversation's agent and team (Ambos: the
 * company's score as soon as it is given, then the agent's question is sent and the card keeps
 * waiting); a free answer as a `questionario` event.
 */
export function surveyConfig(context: SendingContext, node: INode, parameters: SurveyParameters, conversation: Conversation): WaitingCardConfig {
	// The question being answered, so an invalid answer re-asks the right one (Ambos' second step).
	// evaluate() runs before invalidMessages() for each message (handleMessage).
	let asked = promptOf(node, conversation, parameters);
	const invalidText = (reason: string | undefined) => [parameters.invalidMessage.trim(), reason].filter(Boolean).join('\n');

	const evaluateFree = async (message: InboundMessage, current: Conversation): Promise<AnswerEvaluation> => {
		const choices = freeChoices(node, parameters);
		const content = message.content;
		const chosen =
			content.kind === 'choice' ? (choices.find((choice) => choice.id === content.id) ?? matchChoice(content.title, choices)) : content.kind === 'text' ? matchChoice(content.text, choices) : undefined;
		if (!chosen) return { accepted: false };
		const questionnaire = parameters.questionnaire.trim();
		await recordEvent(current, node.name, QUESTIONNAIRE_EVENT, { ...questionnaireData(current, questionnaire, chosen.label) });
		return { accepted: true, output: OUTPUT.answered, result: { questionario: questionnaire, resposta: chosen.label, opcao: chosen.id } };
	};

	const evaluateRating = async (message: InboundMessage, current: Conversation, dialog: DialogState): Promise<AnswerEvaluation> => {
		const steps = ratingSteps(parameters);
		const step = Math.min(stepOf(dialog), steps.length - 1);
		asked = promptOf(node, current, parameters, step);
		const score = scoreOf(message.content, scoreChoices(node, parameters));
		if (score === 'outOfRange') return { accepted: false, reason: OUT_OF_RANGE_REASON };
		if (score === undefined) return { accepted: false };
		await recordEvent(current, node.name, RATING_EVENT, { ...ratingData(current, steps[step].target, score) });
		const scores = { ...(dialog?.scores as Record<string, number> | undefined), [steps[step].target]: score };
		if (step + 1 < steps.length) {
			await sendToConversation(context, current, [promptOf(node, current, parameters, step + 1)]);
			return { accepted: false, proceed: { step: step + 1, scores } };
		}
		if (steps.length === 1) return { accepted: true, output: OUTPUT.answered, result: { resposta: score, nota: score, alvo: steps[0].target } };
		return { accepted: true, output: OUTPUT.answered, result: { resposta: scores, notaEmpresa: scores.empresa, notaAtendente: scores.atendente } };
	};

	return {
		outputCount: SURVEY_OUTPUTS.length,
		maxAttemptsOutput: OUTPUT.maxAttempts,
		noAnswerOutput: OUTPUT.noAnswer,
		maxAttempts: Math.max(1, parameters.maxAttempts),
		timeoutMinutes: Math.max(0, parameters.timeoutMinutes),
		saveAs: parameters.saveAs.trim() || undefined,
		invalidMessages: (reason) => [...(invalidText(reason) ? [{ kind: 'text' as const, text: invalidText(reason) }] : []), asked],
		maxAttemptsMessages: parameters.maxAttemptsMessage.trim() ? [{ kind: 'text', text: parameters.maxAttemptsMessage.trim() }] : [],
		evaluate: (message, current, dialog) => (parameters.mode === 'free' ? evaluateFree(message, current) : evaluateRating(message, current, dialog)),
	};
}

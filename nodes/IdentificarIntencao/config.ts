import { NodeOperationError, type INode } from 'n8n-workflow';

import type { InboundMessage, OutboundMessage } from '../shared/channels/types';
import type { Conversation } from '../shared/conversation/types';
import { NO_INTENT } from '../shared/intent/model';
import { splitKeywords } from '../shared/intent/offline';
import type { Intent, IntentClassification } from '../shared/intent/types';
import { templateVariablesOf } from '../shared/runtime/card';
import type { AnswerEvaluation, WaitingCardConfig } from '../shared/runtime/waiting';
import { normalizeForMatch } from '../shared/text/normalize';
import { renderTemplate } from '../shared/text/template';
import { MAX_INTENT_NAME } from './description';
import { intentOutputNames } from './outputs';

/** The card's parameters, read once per execution/webhook call. */
export interface IntentParameters {
	question: string;
	intents: { values?: Array<{ name?: string; description?: string; keywords?: string }> };
	saveAs: string;
	maxAttempts: number;
	invalidMessage: string;
	maxAttemptsMessage: string;
	timeoutMinutes: number;
}

/** Classifies the customer's text (model or keywords) for one conversation. */
export type Classifier = (text: string, conversation: Conversation) => Promise<IntentClassification>;

/** The configured intents, refusing what cannot work: none, blank or long names, duplicates, "nenhuma". */
export function intentsOf(node: INode, parameters: IntentParameters, itemIndex = 0): Intent[] {
	const values = parameters.intents.values ?? [];
	const fail = (message: string, description: string) => new NodeOperationError(node, message, { itemIndex, description });
	if (values.length === 0) throw fail('Nenhuma intenção configurada', 'Adicione ao menos uma intenção em "Intenções" (ex.: Financeiro, Suporte, Comercial).');
	const seen = new Map<string, string>();
	return values.map((value, index) => {
		const name = (value.name ?? '').trim();
		if (!name) throw fail(`A intenção ${index + 1} está sem nome`, 'Preencha o nome de todas as intenções: ele é o nome da saída do card.');
		if ([...name].length > MAX_INTENT_NAME) {
			throw fail(`A intenção "${name}" tem mais de ${MAX_INTENT_NAME} caracteres`, 'Encurte o nome e explique o resto na descrição da intenção.');
		}
		const key = normalizeForMatch(name);
		if (key === NO_INTENT) {
			throw fail('Uma intenção não pode se chamar "nenhuma"', 'O modelo usa "nenhuma" quando não entende; a saída "Máximo de tentativas" já cobre esse caso. Use outro nome.');
		}
		const twin = seen.get(key);
		if (twin !== undefined) throw fail(`As intenções "${twin}" e "${name}" têm o mesmo nome`, 'Dê nomes diferentes às intenções (maiúsculas e acentos não contam).');
		seen.set(key, name);
		return { name, description: value.description?.trim() || undefined, keywords: splitKeywords(value.keywords ?? '') };
	});
}

/** The question, with the message variables filled in; nothing when the question is empty. */
export function promptOf(conversation: Conversation, parameters: IntentParameters): OutboundMessage[] {
	const text = renderTemplate(parameters.question, templateVariablesOf(conversation)).trim();
	return text ? [{ kind: 'text', text }] : [];
}

/** The text of a customer message to classify: typed text, a button's title, a file's caption. */
export function textOf(message: InboundMessage): string {
	const content = message.content;
	if (content.kind === 'text') return content.text.trim();
	if (content.kind === 'choice') return content.title.trim();
	if (content.kind === 'media') return content.caption?.trim() ?? '';
	return '';
}

/** What a classification means for the waiting card: the intent's output, or ask again. */
export function evaluationOf(classification: IntentClassification, intents: readonly Intent[], text: string): AnswerEvaluation {
	const output = intents.findIndex((intent) => intent.name === classification.intent);
	if (output === -1) {
		const tied = classification.tied ?? [];
		const reason = tied.length > 1 ? `Você falou de mais de um assunto: ${tied.join(' ou ')}. Qual deles você quer resolver agora?` : undefined;
		return { accepted: false, reason };
	}
	const name = intents[output].name;
	return {
		accepted: true,
		output,
		result: {
			resposta: name,
			intencao: name,
			origem: classification.source,
			confianca: classification.confidence ?? null,
			intencoesSecundarias: classification.secondary,
			textoOriginal: text,
			...(classification.fallbackReason ? { motivoSemModelo: classification.fallbackReason } : {}),
		},
	};
}

/** How many of the conversation's context texts (what the customer wrote before being asked) help classify a vague answer. */
export const CONTEXT_FOR_CLASSIFICATION = 5;

/**
 * Classifies the answer; when the first answer to the question names no intent (a vague "é isso",
 * "sim", "me ajuda"), classifies it again together with what the customer wrote before the question
 * (the conversation's context, e.g. "minha internet caiu" sent before the menu). Later answers (after
 * "não entendi") are classified alone: the context was already tried. An answer that names two
 * intents is asked about, not settled by the context.
 */
async function classifyWithContext(
	classify: Classifier,
	text: string,
	conversation: Conversation,
	intents: readonly Intent[],
	firstAnswer: boolean,
): Promise<AnswerEvaluation> {
	const classification = await classify(text, conversation);
	const evaluation = evaluationOf(classification, intents, text);
	if (evaluation.accepted || !firstAnswer || (classification.tied ?? []).length > 1) return evaluation;
	const context = (conversation.context ?? []).filter((line) => line !== text).slice(-CONTEXT_FOR_CLASSIFICATION);
	if (context.length === 0) return evaluation;
	const withContext = evaluationOf(await classify([...context, text].join('\n'), conversation), intents, text);
	if (!withContext.accepted) return evaluation;
	return { ...withContext, result: { ...withContext.result, contextoUsado: context } };
}

/** The waiting-card behaviour of Identificar Intenção for these parameters. */
export function intentCardConfig(
	parameters: IntentParameters,
	intents: readonly Intent[],
	prompt: OutboundMessage[],
	classify: Classifier,
): WaitingCardConfig {
	const outputCount = intentOutputNames(parameters).length;
	const invalidMessage = parameters.invalidMessage.trim();
	return {
		outputCount,
		maxAttemptsOutput: outputCount - 2,
		noAnswerOutput: outputCount - 1,
		maxAttempts: Math.max(1, parameters.maxAttempts),
		timeoutMinutes: Math.max(0, parameters.timeoutMinutes),
		saveAs: parameters.saveAs.trim() || undefined,
		invalidMessages: (reason) => {
			const text = reason ?? invalidMessage;
			return text ? [{ kind: 'text', text }] : prompt;
		},
		maxAttemptsMessages: parameters.maxAttemptsMessage.trim() ? [{ kind: 'text', text: parameters.maxAttemptsMessage.trim() }] : [],
		evaluate: async (message, conversation, _dialog, attempts = 0) => {
			const text = textOf(message);
			if (!text) return { accepted: false, reason: [invalidMessage, 'Responda com uma mensagem de texto.'].filter(Boolean).join('\n') };
			return await classifyWithContext(classify, text, conversation, intents, attempts === 0);
		},
	};
}

import type { IDataObject } from 'n8n-workflow';

import { chatWithTools, type AiTool, type ChatModel, type ToolUse } from '../shared/ai/model';
import { maskPersonalData } from '../shared/ai/personal-data';
import type { InboundMessage, OutboundMessage } from '../shared/channels/types';
import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import type { Conversation } from '../shared/conversation/types';
import { modelErrorReason } from '../shared/intent/classify';
import { logLine } from '../shared/log';
import { templateVariablesOf } from '../shared/runtime/card';
import type { SendingContext } from '../shared/runtime/send';
import type { AnswerEvaluation, DialogState, WaitingCardConfig } from '../shared/runtime/waiting';
import { renderTemplate } from '../shared/text/template';
import { textOf } from '../IdentificarIntencao/config';
import { asksForPerson, chosenExit, exitsOf, memoryOf, readAnswer, splitWords, systemMessage, truncateAtSentence, type AgentParameters } from './dialog';

/** The card's outputs, in order. */
export const AGENT_OUTPUTS = ['Saída escolhida', 'Transferir', 'Máximo de interações', 'Sem resposta', 'Erro'] as const;
export const EXIT_OUTPUT = 0;
export const HANDOFF_OUTPUT = 1;
export const MAX_TURNS_OUTPUT = 2;
export const NO_ANSWER_OUTPUT = 3;
export const ERROR_OUTPUT = 4;

/** Messages that are not text (a photo without caption, a sticker) in a row before the card gives up. */
export const MAX_NON_TEXT_MESSAGES = 3;

/** Where the dialog is, kept in the waiter between customer messages. */
export interface AgentDialog {
	/** Answers the model gave so far. */
	turns: number;
	/** Epoch ms the card started: the history from here is the model's memory. */
	startedAt: number;
}

/** How the card reaches the model and the customer; built per execute()/webhook() call. */
export interface AgentRuntime {
	/** The connected chat model (n8n runs the sub-node when called). */
	model: () => Promise<ChatModel>;
	tools: () => Promise<AiTool[]>;
	send: (conversation: Conversation, messages: OutboundMessage[]) => Promise<unknown>;
	nodeName: string;
	/** For the log line of a model failure. */
	logger?: SendingContext['logger'];
}

function dialogOf(state: DialogState): AgentDialog {
	return { turns: Number(state?.turns ?? 0), startedAt: Number(state?.startedAt ?? 0) };
}

function text(value: string): OutboundMessage[] {
	const trimmed = value.trim();
	return trimmed ? [{ kind: 'text', text: trimmed }] : [];
}

async function recordEvent(conversationId: string, nodeName: string, type: string, data: Record<string, unknown>): Promise<void> {
	await getConversationStore().update(conversationId, (record) => {
		record.events = appendEvent(record.events, { at: Date.now(), type, node: nodeName, data });
	});
}

/** The card's greeting with the message variables filled in (nothing when empty). */
export function greetingOf(conversation: Conversation, parameters: AgentParameters): OutboundMessage[] {
	return text(renderTemplate(parameters.greeting, templateVariablesOf(conversation)));
}

/**
 * One customer message: a way out (exit words, handoff words, the turn limit), or a question the
 * model answers (the answer is sent and the card keeps waiting), or a model failure (fallback message
 * and the Erro output).
 */
async function answer(
	parameters: AgentParameters,
	runtime: AgentRuntime,
	message: InboundMessage,
	conversation: Conversation,
	state: DialogState,
): Promise<AnswerEvaluation> {
	const customerText = textOf(message);
	if (!customerText) return { accepted: false, reason: 'Por enquanto eu só entendo mensagens de texto. Pode escrever a sua pergunta?' };
	const dialog = dialogOf(state);
	const base: IDataObject = { textoOriginal: customerText, interacoes: dialog.turns };
	const exits = exitsOf(parameters);
	const exit = chosenExit(customerText, exits);
	if (exit) return { accepted: true, output: EXIT_OUTPUT, result: { ...base, resposta: exit.name, saida: exit.name } };
	if (asksForPerson(customerText, splitWords(parameters.handoffWords))) {
		return { accepted: true, output: HANDOFF_OUTPUT, result: { ...base, transferir: true, motivo: 'pedido_do_cliente' } };
	}
	if (dialog.turns >= Math.max(1, parameters.maxTurns)) {
		await runtime.send(conversation, text(renderTemplate(parameters.maxTurnsMessage, templateVariablesOf(conversation))));
		return { accepted: true, output: MAX_TURNS_OUTPUT, result: { ...base, maximoInteracoes: true } };
	}

	let reply: { text: string; tools: ToolUse[] };
	try {
		const [model, tools] = await Promise.all([runtime.model(), runtime.tools()]);
		const companyInfo = renderTemplate(parameters.companyInfo, templateVariablesOf(conversation));
		const question = parameters.allowPersonalData ? customerText : maskPersonalData(customerText);
		reply = await chatWithTools(
			model,
			[
				{ role: 'system', content: systemMessage(parameters, companyInfo, exits, tools.length > 0) },
				...memoryOf(conversation.history, dialog.startedAt, message.messageId, parameters.allowPersonalData),
				{ role: 'user', content: question },
			],
			tools,
			Math.max(1, parameters.modelTimeoutSeconds) * 1000,
		);
	} catch (error) {
		const reason = modelErrorReason(error);
		logLine(runtime.logger, 'warn', `Agente Virtual: o modelo falhou (${reason})`, { node: runtime.nodeName, protocolo: conversation.protocolo });
		await recordEvent(conversation.id, runtime.nodeName, 'agente_erro', { motivo: reason });
		await runtime.send(conversation, text(renderTemplate(parameters.fallbackMessage, templateVariablesOf(conversation))));
		return { accepted: true, output: ERROR_OUTPUT, result: { ...base, erro: reason } };
	}
	if (reply.tools.length > 0) await recordEvent(conversation.id, runtime.nodeName, 'agente_ferramentas', { ferramentas: reply.tools.map((tool) => tool.name) });

	const { text: answerText, handoff } = readAnswer(reply.text);
	const toSend = truncateAtSentence(answerText, parameters.maxAnswerLength);
	if (handoff) {
		await runtime.send(conversation, text(toSend));
		return { accepted: true, output: HANDOFF_OUTPUT, result: { ...base, transferir: true, motivo: 'modelo' } };
	}
	if (!toSend) {
		await recordEvent(conversation.id, runtime.nodeName, 'agente_erro', { motivo: 'resposta vazia do modelo' });
		await runtime.send(conversation, text(renderTemplate(parameters.fallbackMessage, templateVariablesOf(conversation))));
		return { accepted: true, output: ERROR_OUTPUT, result: { ...base, erro: 'resposta vazia do modelo' } };
	}
	await runtime.send(conversation, text(toSend));
	return { accepted: false, proceed: { ...dialog, turns: dialog.turns + 1 } };
}

/** The waiting-card behaviour of the Agente Virtual for these parameters. */
export function agentCardConfig(parameters: AgentParameters, runtime: AgentRuntime, conversation: Conversation): WaitingCardConfig {
	return {
		outputCount: AGENT_OUTPUTS.length,
		maxAttemptsOutput: MAX_TURNS_OUTPUT,
		noAnswerOutput: NO_ANSWER_OUTPUT,
		maxAttempts: MAX_NON_TEXT_MESSAGES,
		timeoutMinutes: Math.max(0, parameters.timeoutMinutes),
		invalidMessages: (reason) => text(reason ?? ''),
		maxAttemptsMessages: text(renderTemplate(parameters.maxTurnsMessage, templateVariablesOf(conversation))),
		evaluate: async (message, conversation, state) => await answer(parameters, runtime, message, conversation, state),
	};
}

import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import type { InboundMessage, OutboundMessage } from '../shared/channels/types';
import { getConversationStore } from '../shared/conversation';
import { appendEvent, contextTextOf } from '../shared/conversation/routing';
import type { Conversation } from '../shared/conversation/types';
import { currentTeamOf, idleMsBefore } from '../shared/keyword-triggers/interaction';
import { firstMatchingTrigger } from '../shared/keyword-triggers/rules';
import { logLine } from '../shared/log';
import { toAtendimentoItem } from '../shared/runtime/atendimento';
import { enterCard, requireOneItem, templateVariablesOf } from '../shared/runtime/card';
import type { SendingContext } from '../shared/runtime/send';
import { sendToConversation } from '../shared/runtime/send';
import { resumeWaitingCard, startWaitingCard, type AnswerEvaluation, type WaitingCardConfig } from '../shared/runtime/waiting';
import { renderTemplate } from '../shared/text/template';
import { putOnDesk } from '../TransferirAtendimento/transfer';
import { triggerOutputIndexes } from './outputs';
import { readTriggerRules, type TriggerRule } from './parameters';

/** Event recorded for every message the card looked at (also tells a looped-back item's message apart). */
const TRIGGER_EVENT = 'gatilho';

interface CardSettings {
	rules: TriggerRule[];
	timeoutMinutes: number;
}

function readSettings(read: (name: string, fallback: unknown) => unknown): CardSettings {
	return { rules: readTriggerRules(read('rules', {})), timeoutMinutes: Math.max(0, Number(read('timeoutMinutes', 0)) || 0) };
}

/** What the rules make of one message: the rule (index) that matched and its keyword, or none. */
function matchMessage(settings: CardSettings, conversation: Conversation, message: InboundMessage) {
	const facts = { team: currentTeamOf(conversation), idleMs: idleMsBefore(conversation, message.messageId), text: contextTextOf(message) ?? '' };
	return { facts, match: firstMatchingTrigger(settings.rules, facts) };
}

/** The item's `gatilho` field: which rule matched and why (null: none). */
function triggerDetail(rule: TriggerRule | undefined, index: number, keyword: string, facts: { team?: string; idleMs?: number }): IDataObject | null {
	if (!rule) return null;
	return {
		regra: index + 1,
		descricao: rule.description || `Regra ${index + 1}`,
		acao: rule.action,
		palavraChave: keyword || null,
		equipeAtual: facts.team ?? null,
		horasSemInteracao: facts.idleMs === undefined ? null : Math.round((facts.idleMs / 3_600_000) * 100) / 100,
		...(rule.action === 'team' ? { equipe: rule.actionTeam || null, painel: rule.handToDesk } : {}),
	};
}

/** An answer of the matched rule: sent, then the card waits for the next message. */
interface Reply {
	reply: OutboundMessage[];
	/** The record after the rule's side effects (a team change). */
	conversation: Conversation;
	/** 1-based number of the rule. */
	rule: number;
}

/**
 * Applies the rules to one message and does the matched rule's action. Answers ("Mensagem
 * inteligente", a team change kept with the bot) are sent here and the card keeps waiting
 * (`proceed`); the other actions, and no match, leave by an output.
 */
async function evaluateMessage(
	context: SendingContext,
	settings: CardSettings,
	conversation: Conversation,
	message: InboundMessage,
): Promise<AnswerEvaluation | Reply> {
	const store = getConversationStore();
	const nodeName = context.getNode().name;
	const outputs = triggerOutputIndexes(settings.rules);
	const { facts, match } = matchMessage(settings, conversation, message);
	const rule = match ? settings.rules[match.index] : undefined;
	const detail = triggerDetail(rule, match?.index ?? -1, match?.keyword ?? '', facts);
	let current = (await store.update(conversation.id, (record) => {
		record.events = appendEvent(record.events, {
			at: Date.now(),
			type: TRIGGER_EVENT,
			node: nodeName,
			data: { mensagem: message.messageId, regra: detail?.regra ?? null, acao: rule?.action ?? null },
		});
	}))!;
	const result: IDataObject = { gatilho: detail, mensagem: message as unknown as IDataObject };
	if (!rule || !match) return { accepted: true, output: outputs.none, result };
	const text = renderTemplate(rule.message, templateVariablesOf(current)).trim();
	const reply: Reply = { reply: text ? [{ kind: 'text', text }] : [], conversation: current, rule: match.index + 1 };
	if (rule.action === 'message') return reply;
	if (rule.action === 'team' && !rule.handToDesk) {
		current = (await store.update(current.id, (record) => {
			record.department = rule.actionTeam || undefined;
			record.events = appendEvent(record.events, { at: Date.now(), type: 'equipe_alterada', node: nodeName, data: { equipe: rule.actionTeam || null } });
		}))!;
		return { ...reply, conversation: current };
	}
	if (rule.action === 'team') {
		if (current.channel.type === 'chatwoot') {
			// The agents of a Chatwoot conversation are in Chatwoot: Transferir Atendimento hands it over there.
			logLine(context.logger, 'warn', `Gatilho "${String(detail!.descricao)}": conversa do Chatwoot não vai ao Painel; ligue a saída a um Transferir Atendimento`, {
				node: nodeName,
				protocolo: current.protocolo,
			});
			return { accepted: true, output: outputs.rules[match.index]!, result: { ...result, transferido: false } };
		}
		await putOnDesk(context, current, {
			team: rule.actionTeam || undefined,
			reason: `Gatilho "${String(detail!.descricao)}"${match.keyword ? ` (palavra-chave "${match.keyword}")` : ''}`,
			message: rule.message,
		});
		return { accepted: true, output: outputs.rules[match.index]!, result: { ...result, transferido: true } };
	}
	return { accepted: true, output: outputs.rules[match.index]!, result };
}

function waitingConfig(context: SendingContext, settings: CardSettings): WaitingCardConfig {
	const outputs = triggerOutputIndexes(settings.rules);
	return {
		outputCount: outputs.none + 1 + (settings.timeoutMinutes > 0 ? 1 : 0),
		// Every message is settled by the rules: nothing is ever an invalid answer.
		maxAttempts: Number.POSITIVE_INFINITY,
		maxAttemptsOutput: outputs.none,
		noAnswerOutput: settings.timeoutMinutes > 0 ? outputs.noAnswer : undefined,
		timeoutMinutes: settings.timeoutMinutes,
		invalidMessages: () => [],
		maxAttemptsMessages: [],
		evaluate: async (message, conversation) => {
			const evaluation = await evaluateMessage(context, settings, conversation, message);
			if (!('reply' in evaluation)) return evaluation;
			await sendToConversation(context, evaluation.conversation, evaluation.reply);
			return { accepted: false, proceed: { gatilho: evaluation.rule } };
		},
	};
}

/** The message the item carries (the trigger's `mensagem`), unless this card already looked at it (an item looped back). */
function unreadItemMessage(item: INodeExecutionData, conversation: Conversation, nodeName: string): InboundMessage | undefined {
	const message = item.json.mensagem as unknown as InboundMessage | undefined;
	if (!message || typeof message !== 'object' || typeof message.messageId !== 'string' || !message.content) return undefined;
	const seen = conversation.events.some((event) => event.type === TRIGGER_EVENT && event.node === nodeName && event.data?.mensagem === message.messageId);
	return seen ? undefined : message;
}

/**
 * execute(): the rules look at the message the item carries (the first of the atendimento, straight
 * from the trigger); an answer keeps the card waiting for the next message, which the webhook
 * evaluates the same way. An item whose message the card saw already (looped back from "Nenhum
 * gatilho") just waits for the next one.
 */
export async function executeTriggers(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	requireOneItem(context, items, 'Gatilhos por Palavra-chave');
	const settings = readSettings((name, fallback) => context.getNodeParameter(name, 0, fallback));
	const config = waitingConfig(context, settings);
	let conversation = await enterCard(context, 0);
	let reply: OutboundMessage[] = [];
	const message = unreadItemMessage(items[0], conversation, context.getNode().name);
	if (message) {
		const evaluation = await evaluateMessage(context, settings, conversation, message);
		if ('reply' in evaluation) {
			reply = evaluation.reply;
			conversation = evaluation.conversation;
		} else if (evaluation.accepted) {
			const updated = (await getConversationStore().get(conversation.id)) ?? conversation;
			const outputs: INodeExecutionData[][] = Array.from({ length: config.outputCount }, () => []);
			outputs[evaluation.output] = [{ json: { ...evaluation.result, atendimento: toAtendimentoItem(updated) as unknown as IDataObject }, pairedItem: { item: 0 } }];
			return outputs;
		}
	}
	// The answer goes out as the waiting card's prompt: messages typed before it showed are context, not evaluated.
	return await startWaitingCard(context, config, conversation, reply);
}

/** webhook(): the customer's next message, evaluated by the rules. */
export async function resumeTriggers(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readSettings((name, fallback) => context.getNodeParameter(name, fallback));
	return await resumeWaitingCard(context, () => waitingConfig(context, settings));
}

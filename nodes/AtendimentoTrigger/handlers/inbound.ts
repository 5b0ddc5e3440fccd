import type { IDataObject, IHttpRequestOptions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { InboundMessage } from '../../shared/channels/types';
import { getConversationStore } from '../../shared/conversation';
import type { ChannelRef, Conversation } from '../../shared/conversation/types';
import { toAtendimentoItem } from '../../shared/runtime/atendimento';
import { BurstDeliveryError, deliverBurst, deliverInbound } from '../../shared/runtime/deliver';
import { errorText, logLine } from '../../shared/log';
import { INTERNAL_SECRET_HEADER } from '../../shared/runtime/send';
import { holdInBurst, joinsBurst, redeliverJoined } from '../bursts';
import { keepTestRunOpenFor } from '../test-run';

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** The trigger's configuration shared by every channel handler. */
export interface TriggerConfig {
	channel: ChannelRef;
	runningLeaseMs: number;
	/** "Agrupar mensagens em sequência": quiet time that ends a burst of text messages; 0 = off. */
	groupWindowMs?: number;
	/**
	 * Called, without waiting, for a message the bot starts or resumes on (not one that goes to a human,
	 * to the inbox or is only recorded): WhatsApp marks it read and shows "digitando".
	 */
	onBotTurn?: (message: InboundMessage) => void;
}

/**
 * True when `conversation` is one of this trigger's: same channel and channel account. The trigger's
 * token and credential act on nothing else.
 */
export function isOwnConversation(conversation: Conversation, config: TriggerConfig): boolean {
	return conversation.channel.type === config.channel.type && conversation.channel.accountId === config.channel.accountId;
}

/**
 * One of this trigger's conversations, to send through this trigger: one recorded before conversations
 * carried the channel credential gets the trigger's.
 */
export function withTriggerCredential(conversation: Conversation, config: TriggerConfig): Conversation {
	if (conversation.channel.credential || !config.channel.credential) return conversation;
	return { ...conversation, channel: { ...conversation.channel, credential: config.channel.credential } };
}

/** Body of the trigger's internal call that starts an extra execution (several new contacts in one delivery). */
export interface StartCommand {
	command: 'start';
	conversationId: string;
	message: InboundMessage;
}

/** The item that starts an execution: the atendimento and the customer's first message. */
export function startItem(conversation: Conversation, message: InboundMessage): INodeExecutionData {
	return {
		json: {
			atendimento: toAtendimentoItem(conversation) as unknown as IDataObject,
			mensagem: message as unknown as IDataObject,
		},
	};
}

/**
 * Routes every message of one delivery and returns the items of the executions to start. n8n starts
 * one execution per webhook call, so when a delivery opens several conversations the first is
 * returned and the others are started through the trigger's own URL.
 *
 * With "Agrupar mensagens em sequência" on, a text message joins the contact's pending burst
 * (routed later by a timer, bursts.ts) and anything else first routes the burst pending before it.
 */
export async function routeDelivery(
	context: IWebhookFunctions,
	config: TriggerConfig,
	messages: InboundMessage[],
): Promise<INodeExecutionData[] | undefined> {
	const starts: INodeExecutionData[] = [];
	const windowMs = config.groupWindowMs ?? 0;
	for (const message of messages) {
		if (windowMs > 0) {
			if (joinsBurst(message)) {
				await holdInBurst(config, message, windowMs);
				continue;
			}
			const flushed = await flushBurstBefore(context, config, message);
			if (flushed?.outcome.kind === 'start') starts.push(startItem(flushed.outcome.conversation, flushed.outcome.message));
		}
		const outcome = await deliverInbound(context, config.channel, message, { runningLeaseMs: config.runningLeaseMs, onBotTurn: config.onBotTurn });
		if (outcome.kind === 'start') {
			config.onBotTurn?.(outcome.message);
			if (await startedInOtherFlow(context, config, outcome.conversation, outcome.message)) continue;
			starts.push(startItem(outcome.conversation, outcome.message));
		}
	}
	if (starts.length === 0) return undefined;
	await keepTestRunOpenFor(context, (starts[0].json.atendimento as IDataObject).conversationId as string);
	for (const extra of starts.slice(1)) {
		await startThroughTrigger(
			context.helpers.httpRequest,
			config.channel.triggerUrl,
			(extra.json.atendimento as IDataObject).conversationId as string,
			extra.json.mensagem as unknown as InboundMessage,
		);
	}
	return [starts[0]];
}

/**
 * A conversation opened by the reply to a Migrar para WhatsApp invitation that chose another flow carries
 * that flow's trigger URL: its execution starts there (the trigger's internal 'start'). When that trigger
 * cannot start it (inactive, another account), it starts in this trigger's flow, with a log line.
 */
async function startedInOtherFlow(context: IWebhookFunctions, config: TriggerConfig, conversation: Conversation, message: InboundMessage): Promise<boolean> {
	if (conversation.channel.triggerUrl === config.channel.triggerUrl) return false;
	try {
		await startThroughTrigger(context.helpers.httpRequest, conversation.channel.triggerUrl, conversation.id, message);
		return true;
	} catch (error) {
		logLine(context.logger, 'error', `o fluxo escolhido no convite do WhatsApp não iniciou (${errorText(error)}); o atendimento segue neste fluxo`, {
			node: context.getNode().name,
			protocolo: conversation.protocolo,
		});
		await getConversationStore().update(conversation.id, (record) => {
			record.channel.triggerUrl = config.channel.triggerUrl;
		});
		return false;
	}
}

/** A message that is not text ends its contact's burst: the joined text is routed before it. */
async function flushBurstBefore(context: IWebhookFunctions, config: TriggerConfig, message: InboundMessage) {
	try {
		return await deliverBurst(context.helpers.httpRequest, config.channel, message.contactId, undefined);
	} catch (error) {
		if (!(error instanceof BurstDeliveryError)) throw error;
		void redeliverJoined(config.channel, error); // in the background, as the burst's own timer would
		return undefined;
	}
}

/** Starts an execution for a conversation through the trigger's internal 'start' call (handlers/internal.ts). */
export async function startThroughTrigger(httpRequest: HttpRequest, triggerUrl: string, conversationId: string, message: InboundMessage): Promise<void> {
	const command: StartCommand = { command: 'start', conversationId, message };
	const response = (await httpRequest({
		method: 'POST',
		url: triggerUrl,
		headers: { [INTERNAL_SECRET_HEADER]: await getConversationStore().internalSecret() },
		body: command,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 30_000,
	})) as { statusCode: number };
	if (response.statusCode >= 300) throw new Error(`O gatilho recusou o início do atendimento ${conversationId} (HTTP ${response.statusCode}).`);
}

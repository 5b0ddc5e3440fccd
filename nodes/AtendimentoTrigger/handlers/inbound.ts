import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { InboundMessage } from '../../shared/channels/types';
import { getConversationStore } from '../../shared/conversation';
import type { ChannelRef, Conversation } from '../../shared/conversation/types';
import { toAtendimentoItem } from '../../shared/runtime/atendimento';
import { deliverInbound } from '../../shared/runtime/deliver';
import { INTERNAL_SECRET_HEADER } from '../../shared/runtime/send';

/** The trigger's configuration shared by every channel handler. */
export interface TriggerConfig {
	channel: ChannelRef;
	runningLeaseMs: number;
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
 */
export async function routeDelivery(
	context: IWebhookFunctions,
	config: TriggerConfig,
	messages: InboundMessage[],
): Promise<INodeExecutionData[] | undefined> {
	const starts: INodeExecutionData[] = [];
	for (const message of messages) {
		const outcome = await deliverInbound(context, config.channel, message, { runningLeaseMs: config.runningLeaseMs });
		if (outcome.kind === 'start') starts.push(startItem(outcome.conversation, outcome.message));
	}
	if (starts.length === 0) return undefined;
	const secret = await getConversationStore().internalSecret();
	for (const extra of starts.slice(1)) {
		const command: StartCommand = {
			command: 'start',
			conversationId: (extra.json.atendimento as IDataObject).conversationId as string,
			message: extra.json.mensagem as unknown as InboundMessage,
		};
		await context.helpers.httpRequest({
			method: 'POST',
			url: config.channel.triggerUrl,
			headers: { [INTERNAL_SECRET_HEADER]: secret },
			body: command,
			json: true,
		});
	}
	return [starts[0]];
}

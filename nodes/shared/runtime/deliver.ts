import { randomUUID } from 'crypto';

import type { InboundMessage } from '../channels/types';
import { contactKey, getConversationStore } from '../conversation';
import { appendEvent } from '../conversation/routing';
import type { ChannelRef, Conversation, RouteDecision } from '../conversation/types';
import { newProtocol } from '../protocol';
import { postResume, restoreWaiter, type ResumeDelivery } from './resume';
import { expectsSecretAnswer, maskedMessage } from './sensitive';
import { endConversation } from './card';
import { sendToConversation, type SendingContext } from './send';

/** Text that opts the contact out at any moment (seed: "/bloquear"). */
export const OPT_OUT_COMMAND = '/bloquear';
export const OPT_OUT_CONFIRMATION = 'Pronto! Você não receberá mais mensagens automáticas nossas. Para voltar a receber, envie /desbloquear.';
export const OPT_IN_COMMAND = '/desbloquear';
export const OPT_IN_CONFIRMATION = 'Pronto! Você voltará a receber nossas mensagens.';

export interface DeliveryOptions {
	/** A conversation 'running' with no card activity for this long is treated as finished. */
	runningLeaseMs: number;
}

/** What happened to one inbound message; `start` asks the trigger to start an execution for it. */
export type DeliveryOutcome =
	| { kind: 'start'; conversation: Conversation; message: InboundMessage }
	| { kind: 'resumed' | 'queued' | 'human' | 'duplicate' | 'optOut' | 'optIn' };

/**
 * Routes one inbound message by its conversation's state (DESIGN.md §1), serialised per contact:
 * new/ended → start; waiting → deliver to the waiting card; running → inbox; human → recorded only.
 */
export async function deliverInbound(
	context: SendingContext,
	channel: ChannelRef,
	message: InboundMessage,
	options: DeliveryOptions,
): Promise<DeliveryOutcome> {
	const store = getConversationStore();
	return await store.withLock(contactKey(channel, message.contactId), async () => {
		const command = message.content.kind === 'text' ? message.content.text.trim().toLowerCase() : '';
		if (command === OPT_OUT_COMMAND || command === OPT_IN_COMMAND) {
			return await handleOptCommand(context, channel, message, command === OPT_OUT_COMMAND);
		}
		const routeOptions = {
			now: Date.now(),
			runningLeaseMs: options.runningLeaseMs,
			newConversationId: () => randomUUID(),
			newProtocolo: () => newProtocol(new Date()),
		};
		const decision = await store.routeInbound(channel, message, routeOptions);
		if (decision.action !== 'resume') return await outcomeOf(decision, message);

		const delivery: ResumeDelivery = { conversationId: decision.conversation.id, message, waiter: decision.waiter };
		let outcome;
		try {
			outcome = await postResume(context.helpers.httpRequest, delivery, await store.internalSecret());
		} catch (error) {
			await restoreWaiter(decision.conversation.id, decision.waiter);
			throw error; // the channel gets an error and redelivers; the card still waits
		}
		if (outcome === 'resumed') return { kind: 'resumed' };
		// The waiting execution is gone (finished, failed or deleted): the contact starts over. A secret answer
		// (a password) starts it as "••••••": the first message is saved in the new execution's data.
		await store.update(decision.conversation.id, (record) => {
			record.state = 'ended';
			record.endedAt = Date.now();
			record.endReason = 'execucao_encerrada';
			record.events = appendEvent(record.events, { at: Date.now(), type: 'execucao_perdida' });
		});
		const restart = expectsSecretAnswer(decision.waiter.dialog) ? maskedMessage(message) : message;
		return await outcomeOf(await store.routeInbound(channel, restart, { ...routeOptions, skipDedupe: true }), restart);
	});
}

async function outcomeOf(decision: RouteDecision, message: InboundMessage): Promise<DeliveryOutcome> {
	if (decision.action === 'start') return { kind: 'start', conversation: await withContactTags(decision.conversation), message };
	if (decision.action === 'resume') return { kind: 'resumed' };
	return { kind: decision.action };
}

/** A new conversation starts with the contact's tags (Adicionar Etiqueta on the contact). */
async function withContactTags(conversation: Conversation): Promise<Conversation> {
	const store = getConversationStore();
	const tags = await store.contactTags(conversation.channel.type, conversation.contact.id);
	if (tags.length === 0) return conversation;
	return (
		(await store.update(conversation.id, (record) => {
			record.contactTags = tags;
		})) ?? conversation
	);
}

async function handleOptCommand(
	context: SendingContext,
	channel: ChannelRef,
	message: InboundMessage,
	optOut: boolean,
): Promise<DeliveryOutcome> {
	const store = getConversationStore();
	await store.setConsent(channel.type, message.contactId, optOut ? 'out' : 'in');
	const current = optOut ? await store.currentOf(channel, message.contactId) : undefined;
	if (current && current.state !== 'ended') {
		// The bot stops here: a card still waiting must not take the contact's next answer.
		await endConversation(current.id, { reason: 'opt_out' });
	}
	const confirmation: Conversation = {
		version: 1,
		id: `opt-${message.messageId}`,
		protocolo: '',
		channel,
		contact: { id: message.contactId, name: message.contactName, phone: message.contactPhone },
		tags: [],
		variables: {},
		state: 'ended',
		inbox: [],
		createdAt: Date.now(),
		updatedAt: Date.now(),
		events: [],
	};
	await sendToConversation(context, confirmation, [{ kind: 'text', text: optOut ? OPT_OUT_CONFIRMATION : OPT_IN_CONFIRMATION }], {
		ignoreOptOut: true,
	});
	return { kind: optOut ? 'optOut' : 'optIn' };
}

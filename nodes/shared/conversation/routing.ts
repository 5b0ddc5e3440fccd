import type { InboundMessage } from '../channels/types';
import type { RouteOptions } from './store';
import type { ChannelRef, Conversation, RouteDecision, Waiter } from './types';

/** The most events kept on one conversation record (older ones are dropped). */
export const MAX_EVENTS_PER_CONVERSATION = 500;

/** A new conversation record for a first message. */
export function newConversation(channel: ChannelRef, message: InboundMessage, options: RouteOptions): Conversation {
	return {
		version: 1,
		id: options.newConversationId(),
		protocolo: options.newProtocolo(),
		channel,
		contact: { id: message.contactId, name: message.contactName, phone: message.contactPhone },
		tags: [],
		variables: {},
		state: 'running',
		inbox: [],
		referral: message.referral,
		cardActivityAt: options.now,
		createdAt: options.now,
		updatedAt: options.now,
		events: [{ at: options.now, type: 'atendimento_iniciado', data: { canal: channel.type } }],
	};
}

/**
 * A conversation that is over without an explicit end: running with no card activity for longer than
 * the lease (a flow that ended without "Encerrar"; customer messages do not renew it), or
 * transferred to a human with no message either way for longer than its inactivity timeout.
 */
export function isFinished(conversation: Conversation, now: number, runningLeaseMs: number): boolean {
	if (conversation.state === 'running') {
		const lastActivity = Math.max(conversation.cardActivityAt ?? conversation.updatedAt, conversation.busyUntil ?? 0);
		return now - lastActivity > runningLeaseMs;
	}
	if (conversation.state === 'human') {
		return Boolean(conversation.humanTimeoutMs) && now - conversation.updatedAt > conversation.humanTimeoutMs!;
	}
	return false;
}

/**
 * The routing table of DESIGN.md §1 as a pure function of the current record: what to do with
 * `message`, the record to store afterwards, and the conversation it replaces (ended), if any.
 * Backends call it inside their atomic section.
 */
export function decideRoute(
	current: Conversation | undefined,
	channel: ChannelRef,
	message: InboundMessage,
	options: RouteOptions,
): { decision: RouteDecision; store?: Conversation; ended?: Conversation } {
	if (!current || current.state === 'ended' || isFinished(current, options.now, options.runningLeaseMs)) {
		const conversation = newConversation(channel, message, options);
		const ended: Conversation | undefined =
			current && current.state !== 'ended'
				? {
						...current,
						state: 'ended',
						waiter: undefined,
						endedAt: options.now,
						endReason: current.state === 'human' ? 'inatividade_atendente' : 'fluxo_concluido',
						updatedAt: options.now,
					}
				: undefined;
		return { decision: { action: 'start', conversation }, store: conversation, ended };
	}
	const conversation: Conversation = { ...current, updatedAt: options.now };
	if (message.contactName && !conversation.contact.name) {
		conversation.contact = { ...conversation.contact, name: message.contactName };
	}
	switch (current.state) {
		case 'waiting': {
			const waiter = current.waiter!;
			conversation.state = 'running';
			conversation.waiter = undefined;
			return { decision: { action: 'resume', conversation, waiter }, store: conversation };
		}
		case 'running':
			conversation.inbox = [...current.inbox, message];
			return { decision: { action: 'queued', conversation }, store: conversation };
		case 'human':
			conversation.events = appendEvent(conversation.events, {
				at: options.now,
				type: 'mensagem_para_humano',
				data: { messageId: message.messageId },
			});
			return { decision: { action: 'human', conversation }, store: conversation };
	}
}

/**
 * The transition of `parkOrTake` on a copy of the record: takes (and returns) the oldest inbox
 * message, or parks the conversation at `waiter`. Ended and transferred conversations do not park.
 */
export function parkOrTakeTransition(conversation: Conversation, waiter: Waiter): InboundMessage | undefined {
	if (conversation.inbox.length > 0) {
		const taken = conversation.inbox.shift();
		conversation.state = 'running';
		conversation.waiter = undefined;
		return taken;
	}
	if (conversation.state !== 'ended' && conversation.state !== 'human') {
		conversation.state = 'waiting';
		conversation.waiter = waiter;
	}
	return undefined;
}

/** Appends an event, keeping at most MAX_EVENTS_PER_CONVERSATION. */
export function appendEvent<T>(events: T[], event: T): T[] {
	const next = [...events, event];
	return next.length > MAX_EVENTS_PER_CONVERSATION ? next.slice(next.length - MAX_EVENTS_PER_CONVERSATION) : next;
}

/** A tag list after adding and removing tags: trimmed, no empties, no duplicates, order kept. */
export function applyTagChanges(current: string[], add: string[], remove: string[]): string[] {
	const removed = new Set(remove.map((tag) => tag.trim()));
	const tags: string[] = [];
	for (const tag of [...current, ...add].map((value) => value.trim())) {
		if (tag && !removed.has(tag) && !tags.includes(tag)) tags.push(tag);
	}
	return tags;
}

import type { Conversation } from '../conversation/types';

/**
 * How long the contact had been silent before a message of the conversation: from his previous
 * message in this conversation's history, or, for the first one, from his last message in the
 * conversation this one replaced (`previousCustomerMessageAt`). `messageId`: the message looked at
 * (default: the contact's latest). Undefined when he never wrote before (or it is beyond the store's
 * retention).
 */
export function idleMsBefore(conversation: Pick<Conversation, 'history' | 'previousCustomerMessageAt'>, messageId?: string): number | undefined {
	const history = conversation.history;
	let index = history.length - 1;
	if (messageId !== undefined) {
		for (let candidate = history.length - 1; candidate >= 0; candidate--) {
			if (history[candidate].from === 'cliente' && history[candidate].messageId === messageId) {
				index = candidate;
				break;
			}
		}
	}
	while (index >= 0 && history[index].from !== 'cliente') index--;
	if (index < 0) return undefined;
	const at = history[index].at;
	for (let previous = index - 1; previous >= 0; previous--) {
		if (history[previous].from === 'cliente') return Math.max(0, at - history[previous].at);
	}
	return conversation.previousCustomerMessageAt === undefined ? undefined : Math.max(0, at - conversation.previousCustomerMessageAt);
}

/** The conversation's current team: the desk team it is (or was last) in, or the one a keyword trigger set; undefined = none. */
export function currentTeamOf(conversation: Pick<Conversation, 'department'>): string | undefined {
	const team = conversation.department?.trim();
	return team ? team : undefined;
}

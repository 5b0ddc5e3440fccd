import type { OutboundMessage } from '../channels/types';
import { getConversationStore } from '../conversation';
import { countSentMessages } from '../conversation/checkpoint';
import { appendHistory, outboundHistoryEntries } from '../conversation/routing';
import type { Conversation, HistoryAuthor, HistoryStatus } from '../conversation/types';

/**
 * Records messages handed to the channel (`enviada`) or refused by it (`falhou`) in the conversation's
 * history (Conversation.history): files by kind and name, never their data. A conversation that is
 * not stored (none) records nothing. `agent`: the login of the attendant who sent them (Painel);
 * `at`: when the channel took (or refused) them. `executionId`: the execution of the card that sent them
 * (its checkpoint counts them).
 */
export async function recordSent(
	conversation: Pick<Conversation, 'id'>,
	messages: OutboundMessage[],
	from: HistoryAuthor = 'bot',
	status: Extract<HistoryStatus, 'enviada' | 'falhou'> = 'enviada',
	agent?: string,
	at = Date.now(),
	executionId?: string,
): Promise<void> {
	if (messages.length === 0) return;
	const entries = outboundHistoryEntries(messages, from, at, status).map((entry) => (agent ? { ...entry, agent } : entry));
	await getConversationStore().update(conversation.id, (record) => {
		record.history = appendHistory(record.history, ...entries);
		// A card run again after its process died leaves these unsent (checkpoint.ts).
		if (status === 'enviada') countSentMessages(record, executionId, messages.length);
	});
}

/** Epoch ms of the customer's last message in the conversation's history, if any (the channels' reply windows). */
export function lastCustomerMessageAt(conversation: Pick<Conversation, 'history'>): number | undefined {
	for (let index = conversation.history.length - 1; index >= 0; index--) {
		if (conversation.history[index].from === 'cliente') return conversation.history[index].at;
	}
	return undefined;
}

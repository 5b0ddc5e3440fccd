import type { StatusUpdate } from '../channels/types';
import { getConversationStore } from '../conversation';
import { appendEvent } from '../conversation/routing';
import type { ChannelRef } from '../conversation/types';

/**
 * Records delivery status callbacks (sent, delivered, read, failed) as events of the recipient's
 * current conversation. They never start or resume anything. Statuses of unknown recipients are
 * dropped (e.g. a broadcast to a contact who never wrote).
 */
export async function recordStatuses(channel: ChannelRef, statuses: StatusUpdate[]): Promise<number> {
	const store = getConversationStore();
	let recorded = 0;
	for (const status of statuses) {
		const conversation = await store.currentOf(channel, status.recipientId);
		if (!conversation) continue;
		await store.update(conversation.id, (record) => {
			record.events = appendEvent(record.events, {
				at: status.timestamp,
				type: 'status_entrega',
				data: { mensagem: status.messageId, status: status.status, ...(status.errors ? { erros: status.errors } : {}) },
			});
		});
		recorded++;
	}
	return recorded;
}

import { getBroadcastStore } from '../broadcast';
import type { StatusUpdate } from '../channels/types';
import { getConversationStore } from '../conversation';
import { appendEvent } from '../conversation/routing';
import type { ChannelRef } from '../conversation/types';

/**
 * Records delivery status callbacks (sent, delivered, read, failed) as events of the recipient's
 * current conversation, and WhatsApp ones in the broadcast send log (by message id, or by the job id
 * echoed in `biz_opaque_callback_data`). They never start or resume anything. Statuses of unknown
 * recipients are dropped from the conversations (e.g. a broadcast to a contact who never wrote).
 */
export async function recordStatuses(channel: ChannelRef, statuses: StatusUpdate[]): Promise<number> {
	const store = getConversationStore();
	let recorded = 0;
	for (const status of statuses) {
		if (status.channel === 'whatsapp') await recordBroadcastStatus(status);
		const conversation = await store.currentOf(channel, await recipientContactId(status));
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

/** Updates the send log when the status is about a broadcast message (the store ignores the others). */
async function recordBroadcastStatus(status: StatusUpdate): Promise<void> {
	const [error] = status.errors ?? [];
	await getBroadcastStore().recordStatus({
		wamid: status.messageId,
		...(status.callbackData !== undefined ? { jobId: status.callbackData } : {}),
		status: status.status,
		at: status.timestamp,
		...(error ? { errorCode: error.code, errorTitle: error.title } : {}),
	});
}

/**
 * The contact id of a status's recipient: the canonical id its phone or business-scoped user id was
 * linked to (a contact known by both), else the phone, else the BSUID.
 */
async function recipientContactId(status: StatusUpdate): Promise<string> {
	const store = getConversationStore();
	for (const id of [status.recipientId, status.recipientUserId]) {
		const canonical = id ? await store.canonicalContactId(status.channel, id) : undefined;
		if (canonical) return canonical;
	}
	return status.recipientId;
}

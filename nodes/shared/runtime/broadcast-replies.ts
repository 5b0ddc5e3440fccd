import { getBroadcastStore } from '../broadcast';
import { buttonPayload, decodeReplyPayload } from '../broadcast/reply-payload';
import type { BroadcastJob, BroadcastStore } from '../broadcast/types';
import type { BroadcastReply, InboundMessage } from '../channels/types';
import { samePhone } from '../validation/phone';

/**
 * Whether the job was sent to the sender of `message`: the same Brazilian phone (with or without the
 * 9th digit, as WhatsApp's `wa_id` may come), or the same business-scoped user id for a job addressed
 * to one.
 */
function sentToSender(job: BroadcastJob, message: InboundMessage): boolean {
	if (!job.phone.startsWith('+')) return [message.contactUserId, message.contactId].includes(job.phone);
	return [message.contactPhone, message.contactId].some((id) => id !== undefined && samePhone(job.phone, id));
}

/**
 * Reads the taps on broadcast template buttons of one WhatsApp delivery (docs/arquitetura.md §8.1):
 * a choice whose id is an `atd1` payload (both inbound shapes, `button.payload` and an interactive
 * `button_reply.id`, arrive as a choice) becomes the button's own choice (`botao_<n>`, the tapped
 * text kept) with `broadcastReply` saying which campaign it answers, once the store's job says it was
 * sent to this sender; a confirmed tap is recorded on the job's send-log row. Other messages pass as
 * they are.
 */
export async function recognizeBroadcastReplies(messages: InboundMessage[], store: BroadcastStore = getBroadcastStore()): Promise<InboundMessage[]> {
	return await Promise.all(
		messages.map(async (message) => {
			if (message.content.kind !== 'choice') return message;
			const payload = decodeReplyPayload(message.content.id);
			if (!payload) return message;
			const job = await store.job(payload.jobId);
			let broadcastReply: BroadcastReply;
			if (!job) broadcastReply = { status: 'envioDesconhecido' };
			else if (!sentToSender(job, message)) broadcastReply = { status: 'outroDestinatario' };
			else {
				broadcastReply = { status: 'confirmada', campaign: job.campaign, jobId: job.id };
				await store.recordReply(job.id, { at: message.timestamp, resposta: message.content.title });
			}
			return { ...message, content: { kind: 'choice', id: buttonPayload(payload.button), title: message.content.title }, broadcastReply };
		}),
	);
}

/**
 * The recipient's WhatsApp 24-hour window when a broadcast message leaves, for the send log: inside
 * it when his last message in the conversation store is less than 24 h old, outside when older, and
 * "desconhecido" when the store has no conversation of his (or none with a message of his). It
 * decides nothing for a template (templates go in or out of the window); a utility template inside it
 * is free (docs/apis-externas.md §A.12), which the log's cost reflects.
 */
import { broadcastRecipient, isBroadcastPhone } from '../shared/broadcast';
import type { Window24h } from '../shared/broadcast/types';
import type { ConversationStore } from '../shared/conversation';
import { lastCustomerMessageAt } from '../shared/runtime/history';
import { WHATSAPP_WINDOW_MS } from '../shared/runtime/whatsapp-window';

/** Where the customer's last message at `now` puts him. */
export function windowAt(lastCustomerMessage: number | undefined, now: number): Window24h {
	if (lastCustomerMessage === undefined) return 'desconhecido';
	return now - lastCustomerMessage < WHATSAPP_WINDOW_MS ? 'dentro' : 'fora';
}

/**
 * The window of the contact `phone` (E.164 or BSUID, as queued) on the WhatsApp number `accountId`:
 * his ids with and without the 9th digit, each through its canonical id (a contact known by phone and
 * by BSUID), the newest customer message of his conversations there.
 */
export async function recipientWindow(
	conversations: Pick<ConversationStore, 'canonicalContactId' | 'currentOf'>,
	accountId: string,
	phone: string,
	now: number,
): Promise<Window24h> {
	const recipient = broadcastRecipient(phone);
	const ids = isBroadcastPhone(recipient) ? recipient.waIds : [phone.replace(/^\+/, '')];
	let last: number | undefined;
	for (const id of new Set(ids)) {
		const contactId = (await conversations.canonicalContactId('whatsapp', id)) ?? id;
		const conversation = await conversations.currentOf({ type: 'whatsapp', accountId }, contactId);
		const at = conversation ? lastCustomerMessageAt(conversation) : undefined;
		if (at !== undefined && (last === undefined || at > last)) last = at;
	}
	return windowAt(last, now);
}

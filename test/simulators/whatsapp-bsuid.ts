/**
 * Webhook builders of WhatsApp's business-scoped user ids (BSUID, docs/apis-externas.md §A.9): the
 * four inbound variants Meta lists (no username; username without phone; username with phone; parent
 * BSUID) and the `failed` status of the marketing limit (131049).
 */
import { webhookErrorObject } from './whatsapp-errors';
import { messagesWebhook, statusObject, type EnvelopeOptions, type WebhookObject } from './whatsapp-webhooks';

/** Who sends a BSUID-era message. */
export interface BsuidSender {
	/** The BSUID (`US.1349…`). */
	userId: string;
	/** The phone (`wa_id`/`from`); absent when the user adopted a username and the phone is not shared. */
	phone?: string;
	/** `profile.username`, for a user who adopted one. */
	username?: string;
	/** Parent BSUID (`US.ENT.…`), for an enrolled business. */
	parentUserId?: string;
	/** `profile.name` (default `Pablo M.`). */
	name?: string;
}

/** The four variants of Meta's BSUID page, as senders. */
export type BsuidVariant = 'noUsername' | 'usernameWithoutPhone' | 'usernameWithPhone' | 'parentBsuid';

/** A sender of `variant` with the given ids (the username and parent are filled in when the variant has them). */
export function bsuidSender(variant: BsuidVariant, userId: string, phone: string, username = 'pablomorales'): BsuidSender {
	switch (variant) {
		case 'noUsername':
			return { userId, phone };
		case 'usernameWithoutPhone':
			return { userId, username };
		case 'usernameWithPhone':
			return { userId, phone, username };
		case 'parentBsuid':
			return { userId, username, parentUserId: `${userId.slice(0, 2)}.ENT.${userId.slice(3)}` };
	}
}

/**
 * A messages delivery from `sender`: `messages[]` carry `from_user_id` (and `from` only with a phone,
 * `from_parent_user_id` only with a parent), `contacts[]` carry `user_id`, `profile.username`,
 * `wa_id` and `parent_user_id` the same way. `message` comes from a message builder (e.g.
 * `textMessage`); its `from` is replaced.
 */
export function bsuidMessagesWebhook(message: WebhookObject, sender: BsuidSender, options: EnvelopeOptions = {}): WebhookObject {
	const { from: _from, ...rest } = message;
	const wireMessage: WebhookObject = {
		...(sender.phone ? { from: sender.phone } : {}),
		from_user_id: sender.userId,
		...(sender.parentUserId ? { from_parent_user_id: sender.parentUserId } : {}),
		...rest,
	};
	const contact: WebhookObject = {
		profile: { name: sender.name ?? options.contactName ?? 'Pablo M.', ...(sender.username ? { username: sender.username } : {}) },
		...(sender.phone ? { wa_id: sender.phone } : {}),
		user_id: sender.userId,
		...(sender.parentUserId ? { parent_user_id: sender.parentUserId } : {}),
	};
	const delivery = messagesWebhook(wireMessage, options) as { entry: Array<{ changes: Array<{ value: WebhookObject }> }> };
	delivery.entry[0].changes[0].value.contacts = [contact];
	return delivery;
}

/**
 * The `failed` status of the per-user marketing limit (131049, "not delivered to maintain healthy
 * ecosystem engagement"): like every `failed`, without `contacts`; `recipient_user_id` only for a BSUID send.
 */
export function marketingLimitFailedStatus(wamid: string, recipient: { phone?: string; userId?: string }): WebhookObject {
	const status = statusObject({ id: wamid, status: 'failed', errorCode: 131049, ...(recipient.phone ? { recipientId: recipient.phone } : {}) });
	if (!recipient.phone && recipient.userId) status.recipient_user_id = recipient.userId;
	status.errors = [webhookErrorObject(131049)];
	return status;
}

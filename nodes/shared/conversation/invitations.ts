/**
 * Invitations to continue on WhatsApp (Migrar para WhatsApp, docs/arquitetura.md §14): a template went to a
 * number; the contact's next message that starts a conversation on that WhatsApp account takes the
 * invitation (its protocolo, variables and the flow to start). Pure decisions, which both stores run
 * inside their atomic section (like routing.ts).
 */
import { parsePhone } from '../validation/phone';

/** A pending invitation of one contact on one WhatsApp account. */
export interface Invitation {
	/** Epoch ms the template was sent: the "one invitation per interval" counts from here. */
	sentAt: number;
	/** Until when (epoch ms) the contact's first message takes it. */
	validUntil: number;
	/** Protocolo of the atendimento the reply opens. */
	protocolo: string;
	/** Conversation variables the atendimento starts with. */
	variables: Record<string, unknown>;
	/** Path of the Início do Atendimento whose flow the reply starts; undefined = the trigger that receives it. */
	triggerPath?: string;
	/** Epoch ms the reply took it; a taken invitation still counts for the interval. */
	takenAt?: number;
}

/** What `inviteContact` did: recorded the invitation, or found one sent less than the interval before. */
export type InviteResult = { recorded: true } | { recorded: false; previous: Invitation };

/**
 * The store key of a contact's invitation: `<account>:<phone>`, the phone normalised (with the 9th digit)
 * so that the wa_id WhatsApp answers from (with or without it) finds the invitation sent to the number.
 */
export function invitationKey(accountId: string, contactId: string): string {
	return `${accountId}:${parsePhone(contactId)?.e164 ?? contactId}`;
}

/** How long an invitation record must live: until both its validity and the interval are over. */
export function invitationTtlMs(invitation: Invitation, intervalMs: number, now: number): number {
	return Math.max(invitation.validUntil, invitation.sentAt + intervalMs) - now;
}

/** Records `next` unless `current` was sent less than `intervalMs` ago. Returns the record to write (undefined = none). */
export function inviteTransition(current: Invitation | undefined, next: Invitation, intervalMs: number): { result: InviteResult; write?: Invitation } {
	if (current && next.sentAt - current.sentAt < intervalMs) return { result: { recorded: false, previous: current } };
	return { result: { recorded: true }, write: next };
}

/** Takes `current` once, while valid: the invitation to apply and the record to write. */
export function takeTransition(current: Invitation | undefined, now: number): { taken?: Invitation; write?: Invitation } {
	if (!current || current.takenAt !== undefined || current.validUntil <= now) return {};
	const write = { ...current, takenAt: now };
	return { taken: write, write };
}

/**
 * The production URL of the Início do Atendimento at `path`, on the same n8n as `triggerUrl` (the trigger
 * that received the reply): `…/webhook/<path>`.
 */
export function triggerUrlOfPath(triggerUrl: string, path: string): string {
	const url = new URL(triggerUrl);
	const base = url.pathname.replace(/\/webhook(?:-test)?\/.*$/, '');
	url.pathname = `${base}/webhook/${path.replace(/^\/+|\/+$/g, '')}`;
	url.search = '';
	return url.toString();
}

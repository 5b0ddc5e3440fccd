/**
 * Migrar para WhatsApp, one number (docs/arquitetura.md §14): normalise the Brazilian number, refuse an
 * opted-out contact or one invited less than the interval ago, record the invitation (atomic: two calls
 * for one number never both send), send the template, and drop the invitation again if WhatsApp refuses it.
 */
import type { OutboundMessage } from '../shared/channels/types';
import type { ConversationStore } from '../shared/conversation/store';
import { invitationKey, type Invitation } from '../shared/conversation/invitations';
import { formatPhone, parsePhone, whatsappVariants } from '../shared/validation/phone';

/** Why an invitation was not sent (the item's `convite.motivo`). */
export type NotSentReason = 'opt_out' | 'intervalo' | 'numero_invalido' | 'erro_meta';

/** What the card asks for one item. */
export interface InviteRequest {
	/** The number as the PBX or the previous node gave it. */
	phone: string;
	/** WhatsApp phone_number_id of the credential: the account the reply comes to. */
	accountId: string;
	/** The template to send, its body variables already filled for this number. */
	template: (protocolo: string) => Extract<OutboundMessage, { kind: 'template' }>;
	protocolo: string;
	variables: Record<string, unknown>;
	triggerPath?: string;
	intervalMs: number;
	validityMs: number;
	now: number;
}

export type InviteOutcome =
	| { sent: true; to: string; contato: string; invitation: Invitation }
	| { sent: false; reason: NotSentReason; message: string; contato: string; previous?: Invitation };

const dateTime = (at: number) => new Date(at).toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo', dateStyle: 'short', timeStyle: 'short' });

/** Whether any WhatsApp id the number may have (with or without the 9th digit, or the contact it is an alias of) opted out. */
async function optedOut(store: ConversationStore, variants: string[]): Promise<boolean> {
	for (const id of variants) {
		const canonical = (await store.canonicalContactId('whatsapp', id)) ?? id;
		if ((await store.consentOf('whatsapp', canonical)) === 'out' || (await store.consentOf('whatsapp', id)) === 'out') return true;
	}
	return false;
}

/** Invites one number; `send` sends a message to the number through the credential (throws on a refusal). */
export async function inviteNumber(store: ConversationStore, request: InviteRequest, send: (to: string, message: OutboundMessage) => Promise<void>): Promise<InviteOutcome> {
	const phone = parsePhone(request.phone);
	if (!phone || phone.lineType !== 'mobile') {
		const given = request.phone.trim();
		return {
			sent: false,
			reason: 'numero_invalido',
			contato: given,
			message: phone
				? `${formatPhone(phone)} é um telefone fixo: o WhatsApp precisa de um celular.`
				: `Número inválido para o WhatsApp: "${given}". Informe um celular do Brasil com DDD (ex.: (11) 98765-4321).`,
		};
	}
	const contato = formatPhone(phone);
	if (await optedOut(store, whatsappVariants(phone.e164))) {
		return { sent: false, reason: 'opt_out', contato, message: `${contato} pediu para não receber mensagens automáticas (/bloquear): nada foi enviado.` };
	}
	const invitation: Invitation = {
		sentAt: request.now,
		validUntil: request.now + request.validityMs,
		protocolo: request.protocolo,
		variables: request.variables,
		...(request.triggerPath ? { triggerPath: request.triggerPath } : {}),
	};
	const key = invitationKey(request.accountId, phone.e164);
	const recorded = await store.inviteContact(key, invitation, request.intervalMs);
	if (!recorded.recorded) {
		const next = recorded.previous.sentAt + request.intervalMs;
		return {
			sent: false,
			reason: 'intervalo',
			contato,
			previous: recorded.previous,
			message: `${contato} já convidado em ${dateTime(recorded.previous.sentAt)} (protocolo ${recorded.previous.protocolo}); novo convite só a partir de ${dateTime(next)}.`,
		};
	}
	try {
		await send(phone.e164, request.template(request.protocolo));
	} catch (error) {
		await store.cancelInvitation(key, invitation.sentAt);
		const description = (error as { description?: unknown }).description;
		return {
			sent: false,
			reason: 'erro_meta',
			contato,
			message: `O WhatsApp não aceitou o template: ${(error as Error).message}${typeof description === 'string' && description ? ` (${description})` : ''}`,
		};
	}
	return { sent: true, to: phone.e164, contato, invitation };
}

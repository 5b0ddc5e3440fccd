import { isBsuid } from '../channels/whatsapp/bsuid';
import { formatPhone, parsePhone, validatePhone, whatsappVariants } from '../validation/phone';

/** A recipient's number ready for WhatsApp: a Brazilian mobile. */
export interface BroadcastPhone {
	/** E.164 with plus, `+5511987654321`; or a WhatsApp BSUID (`BR.1234…`, see broadcastRecipient). */
	e164: string;
	/** `+55 (11) 98765-4321`, as the send log shows it. */
	contato: string;
	/** WhatsApp IDs the contact may have (with and without the 9th digit), digits only. */
	waIds: string[];
}

/** Why a number cannot receive the broadcast, and how the log shows what was given. */
export interface RejectedPhone {
	kind: 'semTelefone' | 'telefoneFixo' | 'telefoneInvalido';
	reason: string;
	contato: string;
}

export const REASON_NO_PHONE = 'Sem telefone celular no cadastro.';
export const REASON_LANDLINE = 'Telefone fixo: o WhatsApp precisa de um celular.';

/** Separators between several numbers kept in one ERP field (`(11) 98765-4321 / (11) 3456-7890`). */
const SEPARATORS = /[,;/|]+|\s+(?:e|ou)\s+/i;

/**
 * The numbers of a recipient: a string (possibly several numbers in one field) or a list of them;
 * empty entries dropped.
 */
export function phoneCandidates(value: unknown): string[] {
	const values = Array.isArray(value) ? value : [value];
	return values
		.filter((entry): entry is string | number => typeof entry === 'string' || typeof entry === 'number')
		.flatMap((entry) => String(entry).split(SEPARATORS))
		.map((entry) => entry.trim())
		.filter((entry) => /\d/.test(entry));
}

/**
 * Picks the first Brazilian mobile among the recipient's numbers, normalised to +55 E.164. When
 * there is none, says why: no number, only landlines, or invalid numbers (the first one's reason).
 */
export function broadcastPhone(value: unknown): BroadcastPhone | RejectedPhone {
	const candidates = phoneCandidates(value);
	if (candidates.length === 0) return { kind: 'semTelefone', reason: REASON_NO_PHONE, contato: '' };
	let landline: string | undefined;
	for (const candidate of candidates) {
		const phone = parsePhone(candidate);
		if (!phone) continue;
		if (phone.lineType === 'landline') {
			landline ??= formatPhone(phone);
			continue;
		}
		return { e164: `+${phone.e164}`, contato: formatPhone(phone), waIds: whatsappVariants(phone.e164) };
	}
	if (landline) return { kind: 'telefoneFixo', reason: REASON_LANDLINE, contato: landline };
	const first = validatePhone(candidates[0]);
	return { kind: 'telefoneInvalido', reason: 'reason' in first ? first.reason : REASON_NO_PHONE, contato: candidates[0] };
}

/**
 * The recipient of a broadcast: a WhatsApp business-scoped user id (BSUID, a contact known only by
 * his username; sent by `recipient`) given as the "telefone", else `broadcastPhone`.
 */
export function broadcastRecipient(value: unknown): BroadcastPhone | RejectedPhone {
	const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
	if (typeof single === 'string' && isBsuid(single)) {
		const bsuid = single.trim();
		return { e164: bsuid, contato: bsuid, waIds: [bsuid] };
	}
	return broadcastPhone(value);
}

/** Whether `broadcastPhone` found a mobile. */
export function isBroadcastPhone(phone: BroadcastPhone | RejectedPhone): phone is BroadcastPhone {
	return 'e164' in phone;
}

/** `+5511987654321` → `+55 (11) 98765-4321`; a number that does not parse is shown as given. */
export function formatContato(e164: string): string {
	const phone = parsePhone(e164);
	return phone ? formatPhone(phone) : e164;
}

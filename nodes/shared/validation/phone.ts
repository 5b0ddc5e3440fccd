import { isValidAreaCode } from './area-codes';
import { accept, reject, type ValidationResult } from './result';

export type PhoneLineType = 'mobile' | 'landline';

/** A Brazilian phone number, normalised. */
export interface BrazilianPhone {
	/** E.164 digits without `+`: `55` + DDD + subscriber (13 digits for mobiles, 12 for landlines). */
	e164: string;
	/** Two-digit area code. */
	ddd: string;
	/** 9 digits starting with 9 for mobiles (9th digit added when missing), 8 digits for landlines. */
	subscriber: string;
	lineType: PhoneLineType;
}

type PhoneAnalysis = { phone: BrazilianPhone } | { reason: string };

const REASON_FORMAT = 'Telefone inválido: informe o DDD e o número (ex.: (11) 98765-4321).';
const REASON_NOT_BRAZILIAN = 'Telefone inválido: informe um número do Brasil (+55) com DDD.';
const REASON_SUBSCRIBER = 'Telefone inválido: verifique os dígitos do número.';

/**
 * Reduces the digits of a typed number to the national form DDD + subscriber (10 or 11 digits),
 * dropping `+55`, `55` (wa_id form), the trunk prefix `0` and a carrier code after it (`0 21 11 …`).
 */
function toNationalDigits(text: string, digits: string): string | { reason: string } {
	if (text.includes('+')) return digits.startsWith('55') ? digits.slice(2) : { reason: REASON_NOT_BRAZILIAN };
	const withoutTrunkPrefix = digits.replace(/^0+/, '');
	const hadTrunkPrefix = withoutTrunkPrefix.length < digits.length;
	const hasTwoDigitPrefix = withoutTrunkPrefix.length === 12 || withoutTrunkPrefix.length === 13;
	if (hasTwoDigitPrefix && (hadTrunkPrefix || withoutTrunkPrefix.startsWith('55'))) return withoutTrunkPrefix.slice(2);
	return withoutTrunkPrefix;
}

/**
 * Classifies the subscriber part per ANATEL's plan: 9 digits starting with 9 is a mobile; 8 digits
 * starting with 2–5 a landline, with 6–9 a mobile written before the 9th digit (which is added).
 */
function classifySubscriber(subscriber: string): { subscriber: string; lineType: PhoneLineType } | undefined {
	if (/^9\d{8}$/.test(subscriber)) return { subscriber, lineType: 'mobile' };
	if (/^[2-5]\d{7}$/.test(subscriber)) return { subscriber, lineType: 'landline' };
	if (/^[6-9]\d{7}$/.test(subscriber)) return { subscriber: `9${subscriber}`, lineType: 'mobile' };
	return undefined;
}

function analysePhone(text: string): PhoneAnalysis {
	const digits = text.replace(/\D/g, '');
	if (!digits) return { reason: REASON_FORMAT };
	const national = toNationalDigits(text, digits);
	if (typeof national !== 'string') return national;
	if (national.length !== 10 && national.length !== 11) return { reason: REASON_FORMAT };
	const ddd = national.slice(0, 2);
	if (!isValidAreaCode(ddd)) return { reason: `Telefone inválido: o DDD ${ddd} não existe.` };
	const classified = classifySubscriber(national.slice(2));
	if (!classified) return { reason: REASON_SUBSCRIBER };
	return { phone: { e164: `55${ddd}${classified.subscriber}`, ddd, ...classified } };
}

/**
 * Parses a Brazilian phone number from free text: `(11) 98765-4321`, `+55 11 8765-4321`,
 * `011987654321`, a WhatsApp ID such as `5549987654321`… Returns `undefined` when the text is not
 * a valid Brazilian number (wrong length, unassigned DDD, another country).
 */
export function parsePhone(text: string): BrazilianPhone | undefined {
	const analysis = analysePhone(text);
	return 'phone' in analysis ? analysis.phone : undefined;
}

/** Formats a phone as `+55 (11) 98765-4321` (mobile) or `+55 (11) 3456-7890` (landline). */
export function formatPhone(phone: BrazilianPhone): string {
	const { ddd, subscriber } = phone;
	return `+55 (${ddd}) ${subscriber.slice(0, -4)}-${subscriber.slice(-4)}`;
}

/**
 * Validates a Brazilian phone answer. The value is the E.164 digits (`5511987654321`);
 * `formatted` is `+55 (11) 98765-4321`.
 */
export function validatePhone(text: string): ValidationResult {
	const analysis = analysePhone(text);
	if ('reason' in analysis) return reject(analysis.reason);
	return accept(analysis.phone.e164, formatPhone(analysis.phone));
}

/**
 * The WhatsApp IDs a number may have, digits only: for a mobile both the form with the 9th digit
 * and the older one without it (`5549987654321`, `554987654321`); for a landline only itself;
 * none when the text is not a Brazilian number. Use it to match, never to rewrite, a `wa_id`.
 */
export function whatsappVariants(text: string): string[] {
	const phone = parsePhone(text);
	if (!phone) return [];
	if (phone.lineType === 'landline') return [phone.e164];
	return [phone.e164, `55${phone.ddd}${phone.subscriber.slice(1)}`];
}

/**
 * Whether two texts denote the same Brazilian phone, comparing the DDD and the last 8 digits so
 * that a number with and without the 9th digit match. `false` when either cannot be parsed.
 */
export function samePhone(a: string, b: string): boolean {
	const first = parsePhone(a);
	const second = parsePhone(b);
	return (
		first !== undefined &&
		second !== undefined &&
		first.ddd === second.ddd &&
		first.subscriber.slice(-8) === second.subscriber.slice(-8)
	);
}

/**
 * What to send as `termo_busca`. Hubsoft's `busca=telefone` takes a free term and the docs do not
 * say whether it matches whole numbers or parts, so a phone is searched in every national form it
 * may be registered in (DDD + number, mobiles with and without the 9th digit): exact matching
 * finds it, and so would partial matching.
 */
import { parsePhone } from '../../validation/phone';

/** National forms (digits) of a phone given with area code, as registered in Hubsoft (`37988242968`). */
export function phoneSearchTerms(telefone: string): string[] {
	const phone = parsePhone(telefone);
	if (!phone) {
		const digits = telefone.replace(/\D/g, '');
		return digits.length >= 8 ? [digits] : [];
	}
	const national = `${phone.ddd}${phone.subscriber}`;
	return phone.lineType === 'mobile' ? [national, `${phone.ddd}${phone.subscriber.slice(1)}`] : [national];
}

/** The phone Hubsoft requires on a new ticket: `DDNNNNNNNNN` (10 or 11 digits), or `undefined`. */
export function ticketPhone(...candidates: Array<string | undefined>): string | undefined {
	for (const candidate of candidates) {
		const phone = candidate ? parsePhone(candidate) : undefined;
		if (phone) return `${phone.ddd}${phone.subscriber}`;
	}
	return undefined;
}

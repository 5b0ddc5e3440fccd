/**
 * WhatsApp business-scoped user ids (BSUID, docs/apis-externas.md §A.9): `US.13491208655302741918`
 * (ISO country, period, up to 128 letters and digits) or a parent BSUID `US.ENT.1181…`. A contact who
 * adopted a username may be known only by one.
 */
const BSUID_PATTERN = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

/** True when `id` is a BSUID (or parent BSUID), not a phone number. */
export function isBsuid(id: string): boolean {
	return BSUID_PATTERN.test(id.trim());
}

/**
 * The addressing fields of a send to `id`: a BSUID goes in `recipient`, a phone in `to`. Never a BSUID
 * in `to`: Meta answers HTTP 200 with a wamid and silently drops the message. `to` takes precedence
 * when both are sent, so a BSUID send leaves `to` out.
 */
export function addressee(id: string): { to: string } | { recipient: string } {
	const trimmed = id.trim();
	return isBsuid(trimmed) ? { recipient: trimmed } : { to: id };
}

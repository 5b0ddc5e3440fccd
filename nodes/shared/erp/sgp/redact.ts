/**
 * SGP messages are passed on to users and logs (refusal reasons, error details); these hide what
 * must not reach execution data: CPF/CNPJ (masked, unmasked, alphanumeric) and long digit runs.
 */
const MASKED_CPF = /\d{3}\.\d{3}\.\d{3}-\d{2}/g;
const MASKED_CNPJ = /[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2}/gi;
const ALPHANUMERIC_CNPJ = /\b[0-9A-Z]{12}\d{2}\b/g;
const LONG_DIGIT_RUN = /\d{8,}/g;
const MAX_LENGTH = 300;

/** `text` with documents and long numbers replaced by `***`, cut at 300 characters. */
export function redactSensitive(text: string): string {
	const redacted = text.replace(MASKED_CNPJ, '***').replace(MASKED_CPF, '***').replace(ALPHANUMERIC_CNPJ, '***').replace(LONG_DIGIT_RUN, '***').trim();
	return redacted.length > MAX_LENGTH ? `${redacted.slice(0, MAX_LENGTH - 1)}…` : redacted;
}

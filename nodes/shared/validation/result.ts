/**
 * Outcome of validating a customer's answer: either the normalised value (and, when useful, a
 * display form), or a short pt-BR reason to send back to the customer.
 */
export type ValidationResult<T = string> =
	| { valid: true; value: T; formatted?: string }
	| { valid: false; reason: string };

/** Builds a successful result. */
export function accept<T>(value: T, formatted?: string): ValidationResult<T> {
	return formatted === undefined ? { valid: true, value } : { valid: true, value, formatted };
}

/** Builds a failed result with a pt-BR reason for the customer. */
export function reject<T = never>(reason: string): ValidationResult<T> {
	return { valid: false, reason };
}

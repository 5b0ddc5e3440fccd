import { accept, reject, type ValidationResult } from './result';

/**
 * Validates a CEP: 8 digits, typed as `01310-100`, `01310100` or `01.310-100`. The value is the
 * 8 digits; `formatted` is `00000-000`. `00000-000` does not exist and is rejected.
 */
export function validateCep(text: string): ValidationResult {
	const digits = text.trim().replace(/[.\-\s]/g, '');
	if (!/^\d{8}$/.test(digits) || digits === '00000000') {
		return reject('CEP inválido: informe os 8 dígitos (ex.: 01310-100).');
	}
	return accept(digits, `${digits.slice(0, 5)}-${digits.slice(5)}`);
}

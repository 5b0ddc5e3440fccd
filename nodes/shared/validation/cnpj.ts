import { accept, reject, type ValidationResult } from './result';

const CNPJ_WEIGHTS_DV1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_WEIGHTS_DV2 = [6, ...CNPJ_WEIGHTS_DV1];

/** Value of a CNPJ character per Nota Técnica COCAD/SUARA/RFB nº 49/2024: ASCII code − 48. */
function characterValue(character: string): number {
	return character.charCodeAt(0) - 48;
}

function mod11CheckDigit(characters: string, weights: number[]): number {
	const sum = weights.reduce((total, weight, index) => total + characterValue(characters[index]) * weight, 0);
	const remainder = sum % 11;
	return remainder < 2 ? 0 : 11 - remainder;
}

/**
 * Computes the two numeric check digits of a 12-character CNPJ base, numeric or alphanumeric
 * (`0-9A-Z`, uppercase). Numeric bases give the same digits as the pre-2026 algorithm.
 */
export function cnpjCheckDigits(base12: string): string {
	const dv1 = mod11CheckDigit(base12, CNPJ_WEIGHTS_DV1);
	const dv2 = mod11CheckDigit(base12 + dv1, CNPJ_WEIGHTS_DV2);
	return `${dv1}${dv2}`;
}

/** Formats a 14-character CNPJ as `00.000.000/0000-00` (letters kept, e.g. `12.ABC.345/01DE-35`). */
export function formatCnpj(characters: string): string {
	return characters.replace(/^(\w{2})(\w{3})(\w{3})(\w{4})(\w{2})$/, '$1.$2.$3/$4-$5');
}

/**
 * Validates a CNPJ, numeric or the alphanumeric form issued from July 2026 (IN RFB nº 2.229/2024):
 * 12 characters `0-9A-Z` followed by 2 numeric check digits. Input may be masked and in lower
 * case; the value is the 14 characters in upper case, letters never stripped.
 */
export function validateCnpj(text: string): ValidationResult {
	const characters = text.trim().toUpperCase().replace(/[.\/\-\s]/g, '');
	if (!/^[0-9A-Z]{12}\d{2}$/.test(characters)) {
		return reject('CNPJ inválido: informe os 14 caracteres (ex.: 11.222.333/0001-81).');
	}
	if (/^(\d)\1{13}$/.test(characters) || cnpjCheckDigits(characters.slice(0, 12)) !== characters.slice(12)) {
		return reject('CNPJ inválido: verifique os 14 caracteres.');
	}
	return accept(characters, formatCnpj(characters));
}

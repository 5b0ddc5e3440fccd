import { accept, reject, type ValidationResult } from './result';

const CPF_WEIGHTS_DV1 = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_WEIGHTS_DV2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];

function mod11CheckDigit(digits: string, weights: number[]): number {
	const sum = weights.reduce((total, weight, index) => total + Number(digits[index]) * weight, 0);
	const remainder = sum % 11;
	return remainder < 2 ? 0 : 11 - remainder;
}

/** Computes the two check digits (Receita Federal mod-11) of a 9-digit CPF base. */
export function cpfCheckDigits(base9: string): string {
	const dv1 = mod11CheckDigit(base9, CPF_WEIGHTS_DV1);
	const dv2 = mod11CheckDigit(base9 + dv1, CPF_WEIGHTS_DV2);
	return `${dv1}${dv2}`;
}

/** Formats 11 CPF digits as `000.000.000-00`. */
export function formatCpf(digits: string): string {
	return digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
}

/**
 * Validates a CPF typed with or without punctuation (`529.982.247-25`, `52998224725`).
 * The value is the 11 digits; `formatted` is the masked form. Numbers with all digits equal
 * pass the mod-11 check but are rejected.
 */
export function validateCpf(text: string): ValidationResult {
	const digits = text.trim().replace(/[.\-\s]/g, '');
	if (!/^\d{11}$/.test(digits)) return reject('CPF inválido: informe os 11 dígitos (ex.: 123.456.789-09).');
	if (/^(\d)\1{10}$/.test(digits) || cpfCheckDigits(digits.slice(0, 9)) !== digits.slice(9)) {
		return reject('CPF inválido: verifique os 11 dígitos.');
	}
	return accept(digits, formatCpf(digits));
}

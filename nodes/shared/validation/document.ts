import { validateCnpj } from './cnpj';
import { validateCpf } from './cpf';
import { reject, type ValidationResult } from './result';

export type DocumentType = 'cpf' | 'cnpj';

/** Strips the punctuation people type in documents (`.`, `-`, `/`, spaces) and upper-cases letters. */
function stripDocument(text: string): string {
	return text.trim().toUpperCase().replace(/[.\/\-\s]/g, '');
}

/**
 * Tells a CPF from a CNPJ by length once punctuation is stripped: 11 characters is a CPF,
 * 14 a CNPJ. Returns `undefined` for any other length. Check digits are not verified here.
 */
export function detectDocumentType(text: string): DocumentType | undefined {
	const length = stripDocument(text).length;
	if (length === 11) return 'cpf';
	if (length === 14) return 'cnpj';
	return undefined;
}

/** Validates an answer that may be either a CPF or a CNPJ (numeric or alphanumeric). */
export function validateDocument(text: string): ValidationResult {
	switch (detectDocumentType(text)) {
		case 'cpf':
			return validateCpf(text);
		case 'cnpj':
			return validateCnpj(text);
		default:
			return reject('Documento inválido: informe um CPF (11 dígitos) ou CNPJ (14 caracteres).');
	}
}

/**
 * Masks a CPF/CNPJ for logs, keeping only the first 3 and last 2 characters, in the document's
 * usual layout: `123.456.789-09` → `123.***.***-09`; a CNPJ keeps its `00.000.000/0000-00` layout.
 * Anything shorter than a CPF is masked entirely, without punctuation.
 */
export function maskDocument(doc: string): string {
	const characters = stripDocument(doc);
	if (characters.length < 11) return '*'.repeat(characters.length);
	const masked = characters.slice(0, 3) + '*'.repeat(characters.length - 5) + characters.slice(-2);
	switch (detectDocumentType(doc)) {
		case 'cpf':
			return masked.replace(/^(.{3})(.{3})(.{3})(.{2})$/, '$1.$2.$3-$4');
		case 'cnpj':
			return masked.replace(/^(.{2})(.{3})(.{3})(.{4})(.{2})$/, '$1.$2.$3/$4-$5');
		default:
			return masked;
	}
}

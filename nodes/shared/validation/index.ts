import { validateCep } from './cep';
import { validateCnpj } from './cnpj';
import { validateCpf } from './cpf';
import { validateDate } from './date';
import { validateDocument } from './document';
import { validateEmail } from './email';
import { validateNumber } from './number';
import { validatePhone } from './phone';
import type { ValidationResult } from './result';
import { validateText } from './text';

export type { ValidationResult } from './result';
export { isValidAreaCode } from './area-codes';
export { validateCep } from './cep';
export { cnpjCheckDigits, formatCnpj, validateCnpj } from './cnpj';
export { cpfCheckDigits, formatCpf, validateCpf } from './cpf';
export { validateDate } from './date';
export { detectDocumentType, maskDocument, validateDocument, type DocumentType } from './document';
export { validateEmail } from './email';
export { validateNumber } from './number';
export {
	formatPhone,
	parsePhone,
	samePhone,
	validatePhone,
	whatsappVariants,
	type BrazilianPhone,
	type PhoneLineType,
} from './phone';
export { validateText } from './text';

/** Normalised value type of each answer kind a question card can ask for. */
export interface AnswerValueByKind {
	text: string;
	number: number;
	cpf: string;
	cnpj: string;
	cpfCnpj: string;
	email: string;
	phone: string;
	date: string;
	cep: string;
}

/** Answer kinds validated from text (files and images are checked by the media cards). */
export type AnswerKind = keyof AnswerValueByKind;

const VALIDATORS: { [K in AnswerKind]: (text: string) => ValidationResult<AnswerValueByKind[K]> } = {
	text: validateText,
	number: validateNumber,
	cpf: validateCpf,
	cnpj: validateCnpj,
	cpfCnpj: validateDocument,
	email: validateEmail,
	phone: validatePhone,
	date: (text) => validateDate(text),
	cep: validateCep,
};

/** Whether a string (e.g. a node parameter) names a known answer kind. */
export function isAnswerKind(value: string): value is AnswerKind {
	return Object.prototype.hasOwnProperty.call(VALIDATORS, value);
}

/**
 * Validates a customer's text answer for the kind of data the question expects. The value type
 * follows the kind: a number for `number`, ISO `yyyy-mm-dd` for `date`, a normalised string
 * otherwise (see each `validate*` function). Throws a `TypeError` for an unknown kind, which is
 * a programming error, not a customer one.
 */
export function validateAnswer<K extends AnswerKind>(kind: K, text: string): ValidationResult<AnswerValueByKind[K]> {
	if (!isAnswerKind(kind)) throw new TypeError(`Unknown answer kind: ${String(kind)}`);
	const validate: (text: string) => ValidationResult<AnswerValueByKind[K]> = VALIDATORS[kind];
	return validate(text);
}

import { maskDocumentsIn } from '../log/redact';
import { validateEmail } from '../validation/email';
import { parsePhone } from '../validation/phone';

/**
 * Personal data taken out of a customer's text before it leaves n8n for a model provider (the
 * "Permitir dados pessoais" switch of the AI cards): CPF/CNPJ masked as in the logs (`123.***.***-09`,
 * only runs whose check digits are right), e-mail addresses, Brazilian phone numbers, card numbers
 * (Luhn) and CEPs replaced by a label the model understands.
 */

const EMAIL_CANDIDATE = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[a-z]{2,63}\b/gi;
// 13–19 digits, optionally in groups separated by spaces or hyphens.
const CARD_CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
// `+55 (11) 98765-4321`, `(11) 3456-7890`, `11987654321`, `5511987654321`…
const PHONE_CANDIDATE = /(?<![\d+])(?:\+?\d{2}[\s.-]?)?(?:\(?\d{2}\)?[\s.-]?)?\d{4,5}[\s.-]?\d{4}(?![\d])/g;
const CEP_FORMATTED = /(?<![\d])\d{5}-\d{3}(?![\d])/g;

/** Luhn's check, used by every payment card number. */
function passesLuhn(digits: string): boolean {
	let sum = 0;
	for (let index = 0; index < digits.length; index++) {
		let digit = Number(digits[digits.length - 1 - index]);
		if (index % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum % 10 === 0;
}

/** `text` with the personal data above masked or replaced; the rest untouched. */
export function maskPersonalData(text: string): string {
	return maskDocumentsIn(text.replace(EMAIL_CANDIDATE, (match) => (validateEmail(match).valid ? '[e-mail]' : match)))
		.replace(CARD_CANDIDATE, (match) => {
			const digits = match.replace(/\D/g, '');
			return digits.length >= 13 && passesLuhn(digits) ? '[cartão]' : match;
		})
		.replace(PHONE_CANDIDATE, (match) => (parsePhone(match) ? '[telefone]' : match))
		.replace(CEP_FORMATTED, '[CEP]');
}

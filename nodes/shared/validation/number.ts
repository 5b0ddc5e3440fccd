import { accept, reject, type ValidationResult } from './result';

/** `1.234.567,89`: thousands separated by dots, optional decimal comma. */
const GROUPED = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
/** `1234,5` or `12`: no thousands separator, optional decimal comma. */
const PLAIN = /^(\d+)(?:,(\d+))?$/;
/** `3.5`: a decimal point that cannot be a thousands separator (not followed by exactly 3 digits). */
const DECIMAL_POINT = /^(\d+)\.(\d{1,2}|\d{4,})$/;
/** Upper bound of `Intl.NumberFormat` fraction digits in every supported runtime. */
const MAX_FRACTION_DIGITS = 20;

/**
 * Validates a number typed the Brazilian way (`1.234,56`, `12`, `-3,5`, `R$ 50,00`). A dot
 * followed by exactly three digits is a thousands separator (`1.234` is 1234); any other dot is
 * read as a decimal point (`3.5`). The value is a JavaScript number; `formatted` is pt-BR,
 * keeping the decimals typed.
 */
export function validateNumber(text: string): ValidationResult<number> {
	const compact = text.trim().replace(/^R\$/i, '').replace(/\s/g, '');
	const negative = compact.startsWith('-');
	const unsigned = negative ? compact.slice(1) : compact;
	const match = GROUPED.exec(unsigned) ?? PLAIN.exec(unsigned) ?? DECIMAL_POINT.exec(unsigned);
	if (!match) return reject('Número inválido: use só dígitos e vírgula para decimais (ex.: 1.234,56).');
	const integerPart = match[1].replace(/\./g, '');
	const decimals = match[2] ?? '';
	const magnitude = Number(decimals ? `${integerPart}.${decimals}` : integerPart);
	if (!Number.isFinite(magnitude)) return reject('Número inválido: valor grande demais.');
	const value = negative && magnitude !== 0 ? -magnitude : magnitude;
	const fractionDigits = Math.min(decimals.length, MAX_FRACTION_DIGITS);
	const formatted = new Intl.NumberFormat('pt-BR', {
		minimumFractionDigits: fractionDigits,
		maximumFractionDigits: fractionDigits,
	}).format(value);
	return accept(value, formatted);
}

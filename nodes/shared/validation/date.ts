import { accept, reject, type ValidationResult } from './result';

/** Day, month and a 2- or 4-digit year, separated twice by the same `/`, `-` or `.`. */
const DAY_MONTH_YEAR = /^(\d{1,2})([\/.-])(\d{1,2})\2(\d{2}|\d{4})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Two-digit years up to this many years ahead of today are read as 20xx, the rest as 19xx. */
const TWO_DIGIT_YEAR_LOOKAHEAD = 20;

function expandTwoDigitYear(twoDigits: number, now: Date): number {
	const currentYear = now.getUTCFullYear();
	const century = currentYear - (currentYear % 100);
	const candidate = century + twoDigits;
	return candidate > currentYear + TWO_DIGIT_YEAR_LOOKAHEAD ? candidate - 100 : candidate;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(value: number, length: number): string {
	return String(value).padStart(length, '0');
}

/**
 * Validates a date typed as `dd/mm/aaaa` or `d/m/aa` (also with `-` or `.`) and checks that it
 * exists in the calendar (`31/02/2024` does not). Two-digit years are read within a window of
 * 20 years ahead of `now` (in 2026: `46` → 2046, `47` → 1947). The value is ISO `yyyy-mm-dd`;
 * `formatted` is `dd/mm/aaaa`.
 */
export function validateDate(text: string, now: Date = new Date()): ValidationResult {
	const match = DAY_MONTH_YEAR.exec(text.trim());
	if (!match) return reject('Data inválida: use o formato dd/mm/aaaa (ex.: 25/12/2024).');
	const [, dayText, , monthText, yearText] = match;
	const day = Number(dayText);
	const month = Number(monthText);
	const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), now) : Number(yearText);
	if (year < MIN_YEAR || year > MAX_YEAR) {
		return reject(`Data inválida: o ano deve estar entre ${MIN_YEAR} e ${MAX_YEAR}.`);
	}
	if (!isCalendarDate(year, month, day)) {
		return reject(`Data inválida: ${pad(day, 2)}/${pad(month, 2)}/${year} não existe no calendário.`);
	}
	return accept(`${year}-${pad(month, 2)}-${pad(day, 2)}`, `${pad(day, 2)}/${pad(month, 2)}/${year}`);
}

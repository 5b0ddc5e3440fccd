/**
 * Dates as a Brazilian ISP counts them: "today" in Brasília time, so an invoice due today is not
 * overdue at 22:00 when UTC is already tomorrow.
 */
const TIME_ZONE = 'America/Sao_Paulo';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` of `now` in Brasília time. */
export function todayInBrazil(now: Date = new Date()): string {
	return dayFormat.format(now);
}

/** `YYYY-MM-DD` of `date` (`YYYY-MM-DD`) plus `days`. */
export function addDays(date: string, days: number): string {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of the first day of the month after `date` (`YYYY-MM-DD`). */
export function firstDayOfNextMonth(date: string): string {
	const [year, month] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

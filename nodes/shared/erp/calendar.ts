/**
 * Calendar days as Brazilian ISPs count them: ERP dates carry no time zone and the ISPs run on
 * Brasília time, so "today" (overdue invoices, the month of a trust unlock) is the date in
 * America/Sao_Paulo — an invoice due today is not overdue at 22:00 when UTC is already tomorrow.
 */
const dayInBrazil = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` of `now` in Brasília time. */
export function todayInBrazil(now: Date = new Date()): string {
	return dayInBrazil.format(now);
}

/** `YYYY-MM-DD` of `date` (`YYYY-MM-DD`) plus `days`. */
export function addDays(date: string, days: number): string {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of the first day of the month after `date` (`YYYY-MM-DD`): when a monthly allowance is back. */
export function firstDayOfNextMonth(date: string): string {
	const [year, month] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

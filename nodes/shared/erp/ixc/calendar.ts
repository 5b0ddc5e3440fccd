/**
 * Calendar days as IXC means them: its dates carry no time zone and Brazilian ISPs run on Brasília
 * time, so "today" (overdue invoices, the month of a trust unlock) is the date in America/Sao_Paulo.
 */
const TIME_ZONE = 'America/Sao_Paulo';

/** `YYYY-MM-DD` of `now` in Brasília time. */
export function todayInBrazil(now: Date): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `YYYY-MM-DD` of the first day of the month after the one of `day` (`YYYY-MM-DD`). */
export function firstDayOfNextMonth(day: string): string {
	const year = Number(day.slice(0, 4));
	const month = Number(day.slice(5, 7));
	return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

import { DateTime } from 'luxon';

import { checkBusinessHours, parseBusinessHours, parseHolidays, type BusinessHoursInput, type WeeklyIntervalInput } from './business-hours';

const SAO_PAULO = 'America/Sao_Paulo';

/** Epoch ms of a wall-clock time in a zone. 2025-06-02 is a Monday. */
function at(iso: string, zone = SAO_PAULO): number {
	const instant = DateTime.fromISO(iso, { zone });
	if (!instant.isValid) throw new Error(`bad fixture ${iso}`);
	return instant.toMillis();
}

function hours(intervals: WeeklyIntervalInput[], extra: Partial<BusinessHoursInput> = {}) {
	return parseBusinessHours({ intervals, holidays: '', timeZone: SAO_PAULO, ...extra });
}

const inside = (schedule: ReturnType<typeof hours>, instant: number) => checkBusinessHours(schedule, instant).inside;

describe('weekly intervals', () => {
	const weekdays = hours([{ day: 'mondayToFriday', start: '08:00', end: '18:00' }]);

	it('is inside from the start minute to the minute before the end', () => {
		expect(inside(weekdays, at('2025-06-02T07:59'))).toBe(false);
		expect(inside(weekdays, at('2025-06-02T08:00'))).toBe(true);
		expect(inside(weekdays, at('2025-06-02T12:34'))).toBe(true);
		expect(inside(weekdays, at('2025-06-02T17:59:59'))).toBe(true);
		expect(inside(weekdays, at('2025-06-02T18:00'))).toBe(false);
	});

	it('covers Monday to Friday only', () => {
		expect(inside(weekdays, at('2025-06-06T10:00'))).toBe(true); // Friday
		expect(inside(weekdays, at('2025-06-07T10:00'))).toBe(false); // Saturday
		expect(inside(weekdays, at('2025-06-08T10:00'))).toBe(false); // Sunday
	});

	it('takes several intervals per day (lunch break) and single days', () => {
		const split = hours([
			{ day: 'mondayToFriday', start: '08:00', end: '12:00' },
			{ day: 'mondayToFriday', start: '13:00', end: '18:00' },
			{ day: 'saturday', start: '8:00', end: '12:00' },
		]);
		expect(inside(split, at('2025-06-02T11:59'))).toBe(true);
		expect(inside(split, at('2025-06-02T12:30'))).toBe(false);
		expect(inside(split, at('2025-06-02T13:00'))).toBe(true);
		expect(inside(split, at('2025-06-07T09:00'))).toBe(true);
		expect(inside(split, at('2025-06-07T13:00'))).toBe(false);
		expect(inside(split, at('2025-06-08T09:00'))).toBe(false);
	});

	it('runs an interval ending at 00:00 or 24:00 until midnight', () => {
		for (const end of ['00:00', '24:00']) {
			const evening = hours([{ day: 'monday', start: '20:00', end }]);
			expect(inside(evening, at('2025-06-02T23:59'))).toBe(true);
			expect(inside(evening, at('2025-06-03T00:00'))).toBe(false);
		}
	});

	it('takes 00:00 to 00:00 as the whole day, and "Todos os dias"', () => {
		const always = hours([{ day: 'everyDay', start: '00:00', end: '00:00' }]);
		for (let day = 2; day <= 8; day++) {
			expect(inside(always, at(`2025-06-0${day}T00:00`))).toBe(true);
			expect(inside(always, at(`2025-06-0${day}T23:59`))).toBe(true);
		}
	});
});

describe('intervals crossing midnight', () => {
	const fridayNight = hours([{ day: 'friday', start: '22:00', end: '06:00' }]);

	it('covers the evening and the next morning until the end', () => {
		expect(inside(fridayNight, at('2025-06-06T21:59'))).toBe(false);
		expect(inside(fridayNight, at('2025-06-06T22:00'))).toBe(true);
		expect(inside(fridayNight, at('2025-06-06T23:59'))).toBe(true);
		expect(inside(fridayNight, at('2025-06-07T00:00'))).toBe(true);
		expect(inside(fridayNight, at('2025-06-07T05:59'))).toBe(true);
		expect(inside(fridayNight, at('2025-06-07T06:00'))).toBe(false);
	});

	it('does not cover the morning of the day it is configured on', () => {
		expect(inside(fridayNight, at('2025-06-06T03:00'))).toBe(false);
		expect(inside(fridayNight, at('2025-06-05T23:00'))).toBe(false);
	});

	it('wraps from Sunday night into Monday', () => {
		const sundayNight = hours([{ day: 'sunday', start: '23:00', end: '01:30' }]);
		expect(inside(sundayNight, at('2025-06-08T23:30'))).toBe(true);
		expect(inside(sundayNight, at('2025-06-09T01:29'))).toBe(true);
		expect(inside(sundayNight, at('2025-06-09T01:30'))).toBe(false);
		expect(inside(sundayNight, at('2025-06-02T01:00'))).toBe(true); // the Monday of the week before
	});

	it('gives a 24-hour plantão every day when each night joins the next morning', () => {
		const plantao = hours([
			{ day: 'everyDay', start: '08:00', end: '20:00' },
			{ day: 'everyDay', start: '20:00', end: '08:00' },
		]);
		for (const time of ['00:00', '07:59', '08:00', '19:59', '20:00', '23:59']) {
			expect(inside(plantao, at(`2025-06-04T${time}`))).toBe(true);
		}
	});
});

describe('holidays', () => {
	it('parses dd/mm (every year) and dd/mm/aaaa, separated by commas, semicolons, spaces or lines', () => {
		expect(parseHolidays(' 25/12, 1/1;\n04/03/2025  29/02 ')).toEqual([
			{ day: 25, month: 12, year: undefined, text: '25/12' },
			{ day: 1, month: 1, year: undefined, text: '1/1' },
			{ day: 4, month: 3, year: 2025, text: '04/03/2025' },
			{ day: 29, month: 2, year: undefined, text: '29/02' },
		]);
		expect(parseHolidays('')).toEqual([]);
	});

	it('refuses dates that do not exist or are not dd/mm[/aaaa], with the fix', () => {
		for (const bad of ['31/02', '32/01', '00/10', '15/13', '25-12', '25/12/25', '29/02/2025', 'natal']) {
			expect(() => parseHolidays(`01/01, ${bad}`)).toThrow(`Feriado "${bad}" inválido`);
		}
		expect(() => parseHolidays('25-12')).toThrow(expect.objectContaining({ description: expect.stringMatching(/^Informe datas como dd\/mm \(repete todo ano/) }));
	});

	const withHolidays = hours([{ day: 'everyDay', start: '00:00', end: '24:00' }], { holidays: '25/12, 04/03/2025' });

	it('closes a recurring holiday every year, the whole day', () => {
		expect(checkBusinessHours(withHolidays, at('2025-12-25T10:00'))).toEqual({ inside: false, localTime: '25/12/2025 10:00', holiday: '25/12' });
		expect(inside(withHolidays, at('2026-12-25T00:00'))).toBe(false);
		expect(inside(withHolidays, at('2026-12-25T23:59'))).toBe(false);
		expect(inside(withHolidays, at('2026-12-24T23:59'))).toBe(true);
		expect(inside(withHolidays, at('2026-12-26T00:00'))).toBe(true);
	});

	it('closes a dated holiday only in its year', () => {
		expect(inside(withHolidays, at('2025-03-04T10:00'))).toBe(false);
		expect(inside(withHolidays, at('2026-03-04T10:00'))).toBe(true);
	});

	it('closes the after-midnight part of an interval that started the day before', () => {
		const nights = hours([{ day: 'everyDay', start: '22:00', end: '02:00' }], { holidays: '25/12' });
		expect(inside(nights, at('2025-12-24T23:00'))).toBe(true);
		expect(inside(nights, at('2025-12-25T01:00'))).toBe(false);
		expect(inside(nights, at('2025-12-26T01:00'))).toBe(true); // the 25th's own night belongs to the 26th
	});

	it('decides holidays on the local date of the zone, not UTC', () => {
		// 2025-12-25 23:30 in São Paulo is already 26/12 in UTC.
		expect(inside(withHolidays, Date.UTC(2025, 11, 26, 2, 30))).toBe(false);
		expect(inside(withHolidays, Date.UTC(2025, 11, 25, 2, 30))).toBe(true); // 24/12 23:30 local
	});
});

describe('time zones', () => {
	const weekdays = (timeZone: string) => hours([{ day: 'mondayToFriday', start: '08:00', end: '18:00' }], { timeZone });

	it('defaults to America/Sao_Paulo when blank', () => {
		expect(weekdays('  ').timeZone).toBe('America/Sao_Paulo');
	});

	it('reads the wall clock of the configured zone', () => {
		const instant = Date.UTC(2025, 5, 2, 11, 30); // Monday 11:30 UTC
		expect(checkBusinessHours(weekdays('America/Sao_Paulo'), instant)).toEqual({ inside: true, localTime: '02/06/2025 08:30' });
		expect(checkBusinessHours(weekdays('America/Manaus'), instant)).toEqual({ inside: false, localTime: '02/06/2025 07:30' });
		expect(checkBusinessHours(weekdays('America/Rio_Branco'), instant)).toEqual({ inside: false, localTime: '02/06/2025 06:30' });
		expect(checkBusinessHours(weekdays('America/Noronha'), instant)).toEqual({ inside: true, localTime: '02/06/2025 09:30' });
	});

	it('has no daylight saving in Brazil: UTC-3 all year, including the old summer-time months', () => {
		const schedule = weekdays('America/Sao_Paulo');
		for (const [month, day] of [
			[0, 15],
			[5, 16],
			[10, 17],
			[11, 15],
		]) {
			const instant = Date.UTC(2025, month, day, 11, 0); // Mondays/Wednesdays at 11:00 UTC
			expect(checkBusinessHours(schedule, instant).localTime).toMatch(/ 08:00$/);
		}
	});

	it('follows daylight saving where a zone has it', () => {
		const newYork = weekdays('America/New_York');
		expect(inside(newYork, Date.UTC(2025, 6, 1, 12, 30))).toBe(true); // 08:30 EDT
		expect(inside(newYork, Date.UTC(2025, 0, 15, 12, 30))).toBe(false); // 07:30 EST
		expect(inside(newYork, at('2025-03-10T08:00', 'America/New_York'))).toBe(true); // Monday after the spring change
		const lisbon = hours([{ day: 'sunday', start: '01:00', end: '03:00' }], { timeZone: 'Europe/Lisbon' });
		// 30/03/2025: clocks jump from 01:00 to 02:00; 02:30 local exists, 01:30 does not.
		expect(inside(lisbon, at('2025-03-30T02:30', 'Europe/Lisbon'))).toBe(true);
		expect(inside(lisbon, Date.UTC(2025, 2, 30, 3, 0))).toBe(false); // 04:00 WEST
	});

	it('refuses an unknown zone with examples', () => {
		expect(() => weekdays('Brasil/Brasilia')).toThrow('Fuso horário "Brasil/Brasilia" desconhecido');
		expect(() => weekdays('GMT-3 Brasília')).toThrow('desconhecido');
	});
});

describe('configuration errors', () => {
	const one = (start: string, end: string, day = 'monday') => () => hours([{ day, start, end }]);

	it('needs at least one interval', () => {
		expect(() => hours([])).toThrow('Nenhum horário de atendimento configurado');
	});

	it('refuses malformed times, naming the interval and the field', () => {
		expect(one('8h', '18:00')).toThrow('Horário 1 (início): horário "8h" inválido');
		expect(one('08:00', '25:00')).toThrow('Horário 1 (fim): horário "25:00" inválido');
		expect(one('08:60', '18:00')).toThrow('horário "08:60" inválido');
		expect(one('24:00', '06:00')).toThrow('Horário 1 (início): horário "24:00" inválido');
		expect(one('08:00', '24:30')).toThrow('horário "24:30" inválido');
		expect(one('', '18:00')).toThrow('horário "" inválido');
	});

	it('refuses an interval that starts and ends at the same minute', () => {
		expect(one('08:00', '08:00')).toThrow('Horário 1: início e fim iguais (08:00)');
	});

	it('refuses an unknown day', () => {
		expect(one('08:00', '18:00', 'feriado')).toThrow('Horário 1: dia "feriado" desconhecido');
		expect(one('08:00', '18:00', 'toString')).toThrow('desconhecido');
	});
});

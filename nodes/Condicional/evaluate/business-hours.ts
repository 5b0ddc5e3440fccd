import { DateTime } from 'luxon';

import { checkTimeZone, localTime, MINUTES_PER_DAY, parseClockTime } from './clock';
import { ConditionConfigError } from './errors';

/** Days an interval can be given for: one weekday, or a shortcut for several. */
export type DaySpec = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday' | 'mondayToFriday' | 'everyDay';

/** Luxon weekday numbers (1 = Monday … 7 = Sunday) each day spec stands for. */
const WEEKDAYS: Readonly<Record<DaySpec, readonly number[]>> = {
	monday: [1],
	tuesday: [2],
	wednesday: [3],
	thursday: [4],
	friday: [5],
	saturday: [6],
	sunday: [7],
	mondayToFriday: [1, 2, 3, 4, 5],
	everyDay: [1, 2, 3, 4, 5, 6, 7],
};

/** One row of "Horários de atendimento" as typed in the card. */
export interface WeeklyIntervalInput {
	day: string;
	start: string;
	end: string;
}

/** What the card's parameters say, before checking. */
export interface BusinessHoursInput {
	intervals: WeeklyIntervalInput[];
	/** Dates separated by commas, semicolons, spaces or lines: `dd/mm` (every year) or `dd/mm/aaaa`. */
	holidays: string;
	timeZone: string;
}

/** A stretch of one weekday, in minutes since midnight, end exclusive. */
interface DaySegment {
	weekday: number;
	from: number;
	to: number;
}

/** A holiday: a day and month, and a year when it does not repeat. */
export interface Holiday {
	day: number;
	month: number;
	year?: number;
	/** As typed, for the output item. */
	text: string;
}

/** Checked business hours: the week as segments, the holidays and the zone. */
export interface BusinessHours {
	segments: DaySegment[];
	holidays: Holiday[];
	timeZone: string;
}

/** Where an instant falls. */
export interface BusinessHoursVerdict {
	inside: boolean;
	/** Local date and time the decision was made on, `dd/MM/yyyy HH:mm`. */
	localTime: string;
	/** The holiday that closed the day, as typed. */
	holiday?: string;
}

const HOLIDAY = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/;
/** A leap year, so that 29/02 is accepted as a recurring date. */
const LEAP_YEAR = 2024;

/** Parses the holiday list; throws on the first date that is not `dd/mm` or `dd/mm/aaaa`. */
export function parseHolidays(text: string): Holiday[] {
	return text
		.split(/[\s,;]+/)
		.filter(Boolean)
		.map((token) => {
			const match = HOLIDAY.exec(token);
			const day = Number(match?.[1]);
			const month = Number(match?.[2]);
			const year = match?.[3] === undefined ? undefined : Number(match[3]);
			if (!match || !DateTime.fromObject({ year: year ?? LEAP_YEAR, month, day }).isValid) {
				throw new ConditionConfigError(
					`Feriado "${token}" inválido`,
					'Informe datas como dd/mm (repete todo ano, ex.: 25/12) ou dd/mm/aaaa (só naquele ano, ex.: 04/03/2025), separadas por vírgula ou uma por linha.',
				);
			}
			return { day, month, year, text: token };
		});
}

function isDaySpec(value: string): value is DaySpec {
	return Object.prototype.hasOwnProperty.call(WEEKDAYS, value);
}

/**
 * Turns one interval into day segments. The end is exclusive; an end of `00:00` or `24:00` means
 * midnight at the end of the day. An end before the start crosses midnight: the part after
 * midnight belongs to the next weekday (22:00–06:00 on Friday covers Friday night and Saturday
 * until 06:00).
 */
function segmentsOf(interval: WeeklyIntervalInput, position: number): DaySegment[] {
	const field = `Horário ${position}`;
	if (!isDaySpec(interval.day)) {
		throw new ConditionConfigError(`${field}: dia "${interval.day}" desconhecido`, 'Escolha um dia da semana, "Segunda a sexta" ou "Todos os dias".');
	}
	const from = parseClockTime(interval.start, `${field} (início)`);
	const parsedEnd = parseClockTime(interval.end, `${field} (fim)`, true);
	const to = parsedEnd === 0 ? MINUTES_PER_DAY : parsedEnd;
	if (to === from) {
		throw new ConditionConfigError(
			`${field}: início e fim iguais (${interval.start})`,
			'Para o dia inteiro use 00:00 a 00:00 (ou 00:00 a 24:00); para atravessar a meia-noite, fim antes do início (ex.: 22:00 a 06:00).',
		);
	}
	return WEEKDAYS[interval.day].flatMap((weekday) =>
		to > from
			? [{ weekday, from, to }]
			: [
					{ weekday, from, to: MINUTES_PER_DAY },
					{ weekday: (weekday % 7) + 1, from: 0, to },
				],
	);
}

/** Checks the card's business-hours parameters; throws a {@link ConditionConfigError} on the first problem. */
export function parseBusinessHours(input: BusinessHoursInput): BusinessHours {
	if (input.intervals.length === 0) {
		throw new ConditionConfigError(
			'Nenhum horário de atendimento configurado',
			'Adicione ao menos um horário em "Horários de atendimento" (ex.: Segunda a sexta, 08:00 a 18:00).',
		);
	}
	return {
		segments: input.intervals.flatMap((interval, index) => segmentsOf(interval, index + 1)),
		holidays: parseHolidays(input.holidays),
		timeZone: checkTimeZone(input.timeZone),
	};
}

function holidayOn(date: DateTime, holidays: Holiday[]): Holiday | undefined {
	return holidays.find(
		(holiday) => holiday.day === date.day && holiday.month === date.month && (holiday.year === undefined || holiday.year === date.year),
	);
}

/**
 * Whether `instant` (epoch ms) falls within the business hours, on the wall clock of their zone.
 * A holiday closes its whole calendar date, including the after-midnight part of an interval that
 * started the day before.
 */
export function checkBusinessHours(hours: BusinessHours, instant: number): BusinessHoursVerdict {
	const local = localTime(instant, hours.timeZone);
	const formatted = local.toFormat('dd/MM/yyyy HH:mm');
	const holiday = holidayOn(local, hours.holidays);
	if (holiday) return { inside: false, localTime: formatted, holiday: holiday.text };
	const minute = local.hour * 60 + local.minute;
	const inside = hours.segments.some((segment) => segment.weekday === local.weekday && minute >= segment.from && minute < segment.to);
	return { inside, localTime: formatted };
}

import { DateTime, IANAZone } from 'luxon';

import { ConditionConfigError } from './errors';

/** Default time zone of the time-based conditions: Brasília time (no daylight saving since 2019). */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/** Minutes in a day; also the value of "24:00". */
export const MINUTES_PER_DAY = 24 * 60;

const TIME = /^(\d{1,2}):(\d{2})$/;

/**
 * Minutes since midnight of an `HH:mm` time (`8:30` is accepted). `24:00` only when `allowEndOfDay`
 * (the end of an interval). Throws a {@link ConditionConfigError} naming `field` otherwise.
 */
export function parseClockTime(text: string, field: string, allowEndOfDay = false): number {
	const match = TIME.exec(text.trim());
	const hours = match ? Number(match[1]) : NaN;
	const minutes = match ? Number(match[2]) : NaN;
	const isEndOfDay = hours === 24 && minutes === 0;
	if (!match || minutes > 59 || hours > 24 || (hours === 24 && !(allowEndOfDay && isEndOfDay))) {
		throw new ConditionConfigError(
			`${field}: horário "${text}" inválido`,
			allowEndOfDay
				? 'Use HH:mm, de 00:00 a 23:59 (ex.: 08:00, 18:30). Para terminar à meia-noite use 00:00 ou 24:00.'
				: 'Use HH:mm, de 00:00 a 23:59 (ex.: 06:00, 12:30).',
		);
	}
	return hours * 60 + minutes;
}

/** The IANA zone name, checked; blank means {@link DEFAULT_TIME_ZONE}. */
export function checkTimeZone(zone: string): string {
	const name = zone.trim() || DEFAULT_TIME_ZONE;
	if (!IANAZone.isValidZone(name)) {
		throw new ConditionConfigError(
			`Fuso horário "${zone}" desconhecido`,
			'Use um nome IANA, por exemplo America/Sao_Paulo (Brasília), America/Manaus, America/Cuiaba, America/Rio_Branco, America/Noronha.',
		);
	}
	return name;
}

/** The wall-clock time of `instant` (epoch ms) in `zone`. */
export function localTime(instant: number, zone: string): DateTime {
	return DateTime.fromMillis(instant, { zone });
}

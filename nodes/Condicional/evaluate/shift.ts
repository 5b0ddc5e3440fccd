import { checkTimeZone, localTime, parseClockTime } from './clock';
import { ConditionConfigError } from './errors';

/** The shifts, in the order of the card's outputs. */
export const SHIFTS = ['manha', 'tarde', 'noite', 'madrugada'] as const;
export type Shift = (typeof SHIFTS)[number];

const SHIFT_LABELS: Readonly<Record<Shift, string>> = { manha: 'Manhã', tarde: 'Tarde', noite: 'Noite', madrugada: 'Madrugada' };

/** When each shift starts (`HH:mm`), and the zone of the wall clock. */
export interface ShiftInput {
	starts: Record<Shift, string>;
	timeZone: string;
}

/** Checked shift boundaries. */
export interface ShiftSchedule {
	/** Start minute of each shift, by output order. */
	starts: Array<{ shift: Shift; minute: number }>;
	timeZone: string;
}

/** Checks the boundaries: valid `HH:mm` times, all different. */
export function parseShiftSchedule(input: ShiftInput): ShiftSchedule {
	const starts = SHIFTS.map((shift) => ({ shift, minute: parseClockTime(input.starts[shift], `Início de ${SHIFT_LABELS[shift]}`) }));
	const repeated = starts.find((entry, index) => starts.findIndex((other) => other.minute === entry.minute) !== index);
	if (repeated) {
		throw new ConditionConfigError(
			`Dois turnos começam no mesmo horário (${input.starts[repeated.shift]})`,
			'Cada turno precisa de um início diferente (padrão: Madrugada 00:00, Manhã 06:00, Tarde 12:00, Noite 18:00).',
		);
	}
	return { starts, timeZone: checkTimeZone(input.timeZone) };
}

/**
 * The shift of `instant` (epoch ms): the one whose start is the latest at or before the local time;
 * before the earliest start of the day, the shift that started last the day before.
 */
export function shiftAt(schedule: ShiftSchedule, instant: number): { shift: Shift; output: number; localTime: string } {
	const local = localTime(instant, schedule.timeZone);
	const minute = local.hour * 60 + local.minute;
	const byStart = [...schedule.starts].sort((a, b) => a.minute - b.minute);
	const current = byStart.filter((entry) => entry.minute <= minute).at(-1) ?? byStart[byStart.length - 1];
	return { shift: current.shift, output: SHIFTS.indexOf(current.shift), localTime: local.toFormat('dd/MM/yyyy HH:mm') };
}

import { DateTime } from 'luxon';

import { parseShiftSchedule, shiftAt, type ShiftInput } from './shift';

const DEFAULT_STARTS: ShiftInput['starts'] = { manha: '06:00', tarde: '12:00', noite: '18:00', madrugada: '00:00' };
const at = (time: string, zone = 'America/Sao_Paulo') => DateTime.fromISO(`2025-06-02T${time}`, { zone }).toMillis();

describe('Turno', () => {
	const schedule = parseShiftSchedule({ starts: DEFAULT_STARTS, timeZone: 'America/Sao_Paulo' });

	it('splits the day at 06, 12, 18 and 00 by default, each shift from its start to the next', () => {
		const cases: Array<[string, string, number]> = [
			['00:00', 'madrugada', 3],
			['05:59', 'madrugada', 3],
			['06:00', 'manha', 0],
			['11:59', 'manha', 0],
			['12:00', 'tarde', 1],
			['17:59', 'tarde', 1],
			['18:00', 'noite', 2],
			['23:59', 'noite', 2],
		];
		for (const [time, shift, output] of cases) {
			expect(shiftAt(schedule, at(time))).toEqual({ shift, output, localTime: `02/06/2025 ${time}` });
		}
	});

	it('wraps around midnight when no shift starts at 00:00', () => {
		const custom = parseShiftSchedule({ starts: { manha: '05:00', tarde: '13:00', noite: '19:00', madrugada: '01:00' }, timeZone: '' });
		expect(shiftAt(custom, at('00:30')).shift).toBe('noite');
		expect(shiftAt(custom, at('01:00')).shift).toBe('madrugada');
		expect(shiftAt(custom, at('04:59')).shift).toBe('madrugada');
		expect(shiftAt(custom, at('05:00')).shift).toBe('manha');
		expect(shiftAt(custom, at('18:59')).shift).toBe('tarde');
		expect(shiftAt(custom, at('23:00')).shift).toBe('noite');
	});

	it('reads the clock of the configured zone', () => {
		const manaus = parseShiftSchedule({ starts: DEFAULT_STARTS, timeZone: 'America/Manaus' });
		expect(shiftAt(manaus, at('06:30')).shift).toBe('madrugada'); // 05:30 in Manaus
		expect(shiftAt(schedule, at('06:30')).shift).toBe('manha');
	});

	it('refuses malformed or repeated starts and unknown zones', () => {
		expect(() => parseShiftSchedule({ starts: { ...DEFAULT_STARTS, tarde: '12h' }, timeZone: '' })).toThrow('Início de Tarde: horário "12h" inválido');
		expect(() => parseShiftSchedule({ starts: { ...DEFAULT_STARTS, noite: '12:00' }, timeZone: '' })).toThrow(
			'Dois turnos começam no mesmo horário (12:00)',
		);
		expect(() => parseShiftSchedule({ starts: DEFAULT_STARTS, timeZone: 'Brasilia' })).toThrow('Fuso horário "Brasilia" desconhecido');
	});
});

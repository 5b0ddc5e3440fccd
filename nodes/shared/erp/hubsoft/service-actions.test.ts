import { todayInBrazil } from '../calendar';
import { acceptanceMoment } from './service-actions';

describe('Hubsoft acceptance moment', () => {
	it('keeps a calendar date as given, converts a date-time to Brasília, and falls back on today', () => {
		expect(acceptanceMoment('2026-03-02')).toEqual({ data_aceito: '2026-03-02' });
		expect(acceptanceMoment('2026-03-02T01:10:00Z')).toEqual({ data_aceito: '2026-03-01', hora_aceito: '22:10' });
		expect(acceptanceMoment('02/03/2026')).toEqual({ data_aceito: todayInBrazil() });
	});
});

import { validateDate } from './date';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('validateDate', () => {
	it.each([
		['25/12/2024', '2024-12-25', '25/12/2024'],
		['05/03/2026', '2026-03-05', '05/03/2026'],
		['5/3/2026', '2026-03-05', '05/03/2026'],
		['5/3/26', '2026-03-05', '05/03/2026'],
		['29/02/2024', '2024-02-29', '29/02/2024'],
		['29-02-2024', '2024-02-29', '29/02/2024'],
		['29.02.2024', '2024-02-29', '29/02/2024'],
		['  01/01/1990 ', '1990-01-01', '01/01/1990'],
		['31/12/2100', '2100-12-31', '31/12/2100'],
	])('accepts %p as %p', (input, value, formatted) => {
		expect(validateDate(input, NOW)).toEqual({ valid: true, value, formatted });
	});

	it.each([
		// Window of 20 years ahead of 2026: up to 2046 is 20xx, from 47 on is 19xx.
		['1/1/46', '2046-01-01'],
		['1/1/47', '1947-01-01'],
		['15/8/85', '1985-08-15'],
		['1/1/00', '2000-01-01'],
	])('reads the two-digit year of %p as %p', (input, value) => {
		expect(validateDate(input, NOW)).toMatchObject({ valid: true, value });
	});

	it.each([
		['31/02/2024', '31/02/2024'],
		['29/02/2023', '29/02/2023'],
		['29/02/1900', '29/02/1900'],
		['31/04/2025', '31/04/2025'],
		['00/01/2025', '00/01/2025'],
		['10/13/2025', '10/13/2025'],
		['1/0/25', '01/00/2025'],
	])('rejects %p, which is not in the calendar', (input, shown) => {
		expect(validateDate(input, NOW)).toEqual({ valid: false, reason: `Data inválida: ${shown} não existe no calendário.` });
	});

	it.each(['', '2024-12-25', '25/12', '25/12/024', '25/12/20245', '25 de dezembro', '25/12-2024', '1/1/1'])('rejects the format of %p', (input) => {
		expect(validateDate(input, NOW)).toEqual({ valid: false, reason: 'Data inválida: use o formato dd/mm/aaaa (ex.: 25/12/2024).' });
	});

	it.each(['01/01/1899', '01/01/2101'])('rejects the out-of-range year of %p', (input) => {
		expect(validateDate(input, NOW)).toEqual({ valid: false, reason: 'Data inválida: o ano deve estar entre 1900 e 2100.' });
	});
});

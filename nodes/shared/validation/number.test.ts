import { validateNumber } from './number';

const REASON = 'Número inválido: use só dígitos e vírgula para decimais (ex.: 1.234,56).';

describe('validateNumber', () => {
	it.each([
		['12', 12, '12'],
		['0', 0, '0'],
		['1.234,56', 1234.56, '1.234,56'],
		['1234,56', 1234.56, '1.234,56'],
		['1.234.567', 1234567, '1.234.567'],
		['1.234', 1234, '1.234'],
		['3,5', 3.5, '3,5'],
		['3.5', 3.5, '3,5'],
		['0,10', 0.1, '0,10'],
		['-3,5', -3.5, '-3,5'],
		['- 7', -7, '-7'],
		['-0', 0, '0'],
		['R$ 50,00', 50, '50,00'],
		['r$1.500', 1500, '1.500'],
		['  42  ', 42, '42'],
	])('reads %p as %p', (input, value, formatted) => {
		expect(validateNumber(input)).toEqual({ valid: true, value, formatted });
	});

	it.each(['', 'doze', '1,2,3', '1.23.456', '12,', ',5', '1e5', '1.234.56', '12a', '--1', '+5', 'R$'])('rejects %p', (input) => {
		expect(validateNumber(input)).toEqual({ valid: false, reason: REASON });
	});

	it('rejects numbers too large to represent', () => {
		expect(validateNumber('9'.repeat(400))).toEqual({ valid: false, reason: 'Número inválido: valor grande demais.' });
	});
});

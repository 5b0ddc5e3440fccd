import { cnpjCheckDigits, formatCnpj, validateCnpj } from './cnpj';

describe('validateCnpj', () => {
	describe('numeric CNPJs', () => {
		// 11.222.333/0001-81 is verified in the API reference (F.2); 11.444.777/0001-61 is the classic example.
		it.each([
			['11.222.333/0001-81', '11222333000181', '11.222.333/0001-81'],
			['11222333000181', '11222333000181', '11.222.333/0001-81'],
			[' 11 222 333 0001 81 ', '11222333000181', '11.222.333/0001-81'],
			['11.444.777/0001-61', '11444777000161', '11.444.777/0001-61'],
		])('accepts %p', (input, value, formatted) => {
			expect(validateCnpj(input)).toEqual({ valid: true, value, formatted });
		});

		it.each(['11.222.333/0001-80', '11.222.333/0001-18', '11.444.777/0001-62'])('rejects wrong check digits %p', (input) => {
			expect(validateCnpj(input)).toEqual({ valid: false, reason: 'CNPJ inválido: verifique os 14 caracteres.' });
		});

		it('rejects all-equal digits even though 00.000.000/0000-00 passes mod-11', () => {
			expect(cnpjCheckDigits('000000000000')).toBe('00');
			expect(validateCnpj('00.000.000/0000-00').valid).toBe(false);
			expect(validateCnpj('11111111111111').valid).toBe(false);
		});
	});

	describe('alphanumeric CNPJs (IN RFB 2.229/2024, from July 2026)', () => {
		it.each([
			// Reference F.2: DVs computed = 35.
			['12.ABC.345/01DE-35', '12ABC34501DE35', '12.ABC.345/01DE-35'],
			['12ABC34501DE35', '12ABC34501DE35', '12.ABC.345/01DE-35'],
			['12.abc.345/01de-35', '12ABC34501DE35', '12.ABC.345/01DE-35'],
			// Reference F.2: autocom3's A1.B2C.3D4/1A2B has computed DVs 62.
			['A1.B2C.3D4/1A2B-62', 'A1B2C3D41A2B62', 'A1.B2C.3D4/1A2B-62'],
			// I, O, Q and F may be discouraged by RFB but must not be rejected (DVs computed = 27).
			['IO.QF0.000/0001-27', 'IOQF0000000127', 'IO.QF0.000/0001-27'],
		])('accepts %p', (input, value, formatted) => {
			expect(validateCnpj(input)).toEqual({ valid: true, value, formatted });
		});

		it('rejects the illustrative A1.B2C.3D4/1A2B-99, whose real DVs are 62', () => {
			expect(validateCnpj('A1.B2C.3D4/1A2B-99').valid).toBe(false);
		});

		it.each([
			['12.ABC.345/01DE-3A', 'check digits must be numeric'],
			['12.ÁBC.345/01DE-35', 'accented letters are not allowed'],
			['12.A_C.345/01DE-35', 'only 0-9 and A-Z are allowed'],
			['12.ABC.345/01D-35', 'too short'],
		])('rejects %p (%s)', (input) => {
			expect(validateCnpj(input)).toEqual({
				valid: false,
				reason: 'CNPJ inválido: informe os 14 caracteres (ex.: 11.222.333/0001-81).',
			});
		});
	});
});

describe('cnpjCheckDigits', () => {
	it.each([
		['112223330001', '81'],
		['12ABC34501DE', '35'],
		// 'A'..'Z' are worth 17..42 (ASCII − 48): ABCDEFGHIJKL gives 80.
		['ABCDEFGHIJKL', '80'],
	])('computes the DVs of %p', (base, dvs) => {
		expect(cnpjCheckDigits(base)).toBe(dvs);
	});
});

describe('formatCnpj', () => {
	it('masks 14 characters, keeping letters', () => {
		expect(formatCnpj('11222333000181')).toBe('11.222.333/0001-81');
		expect(formatCnpj('12ABC34501DE35')).toBe('12.ABC.345/01DE-35');
	});
});

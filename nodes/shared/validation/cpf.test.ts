import { cpfCheckDigits, formatCpf, validateCpf } from './cpf';

describe('validateCpf', () => {
	// Vectors from the API reference (F.1): 529.982.247-25 and the IXC examples; 123.456.789-09 is the
	// textbook example (sums 210 and 255 → DVs 0 and 9).
	it.each([
		['529.982.247-25', '52998224725', '529.982.247-25'],
		['52998224725', '52998224725', '529.982.247-25'],
		['  529 982 247 25 ', '52998224725', '529.982.247-25'],
		['529982247-25', '52998224725', '529.982.247-25'],
		['627.105.245-20', '62710524520', '627.105.245-20'],
		['175.181.720-20', '17518172020', '175.181.720-20'],
		['123.456.789-09', '12345678909', '123.456.789-09'],
	])('accepts %p', (input, value, formatted) => {
		expect(validateCpf(input)).toEqual({ valid: true, value, formatted });
	});

	it.each(['529.982.247-24', '529.982.247-52', '123.456.789-00', '12345678910'])('rejects wrong check digits %p', (input) => {
		expect(validateCpf(input)).toEqual({ valid: false, reason: 'CPF inválido: verifique os 11 dígitos.' });
	});

	it.each(['000.000.000-00', '111.111.111-11', '99999999999'])('rejects all-equal digits %p even though mod-11 passes', (input) => {
		const digits = input.replace(/\D/g, '');
		expect(cpfCheckDigits(digits.slice(0, 9))).toBe(digits.slice(9));
		expect(validateCpf(input).valid).toBe(false);
	});

	it.each(['', '5299822472', '529982247255', '529.982.247-2X', 'abc', '529/982/247-25'])('rejects malformed %p with a length hint', (input) => {
		expect(validateCpf(input)).toEqual({ valid: false, reason: 'CPF inválido: informe os 11 dígitos (ex.: 123.456.789-09).' });
	});
});

describe('cpfCheckDigits', () => {
	it.each([
		['529982247', '25'],
		['627105245', '20'],
		// DV1 sum 210, remainder 1 → 0; DV2 sum 255, remainder 2 → 9
		['123456789', '09'],
		// DV1 sum 21, remainder 10 → 1; DV2 sum 33, remainder 0 → 0
		['000000019', '10'],
	])('computes the DVs of %p', (base, dvs) => {
		expect(cpfCheckDigits(base)).toBe(dvs);
	});
});

describe('formatCpf', () => {
	it('masks 11 digits', () => {
		expect(formatCpf('52998224725')).toBe('529.982.247-25');
	});
});

import { validateCep } from './cep';

const REASON = 'CEP inválido: informe os 8 dígitos (ex.: 01310-100).';

describe('validateCep', () => {
	it.each(['01310-100', '01310100', '01.310-100', ' 01310 100 '])('accepts %p', (input) => {
		expect(validateCep(input)).toEqual({ valid: true, value: '01310100', formatted: '01310-100' });
	});

	it.each(['', '1310-100', '013101000', '01310-10a', '01310/100', '00000-000', 'CEP 01310-100'])('rejects %p', (input) => {
		expect(validateCep(input)).toEqual({ valid: false, reason: REASON });
	});
});

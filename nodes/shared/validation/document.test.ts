import { detectDocumentType, maskDocument, validateDocument } from './document';

describe('detectDocumentType', () => {
	it.each([
		['529.982.247-25', 'cpf'],
		['52998224725', 'cpf'],
		['11.222.333/0001-81', 'cnpj'],
		['12.ABC.345/01DE-35', 'cnpj'],
		['1234567890', undefined],
		['123456789012', undefined],
		['', undefined],
	])('%p → %p', (input, type) => {
		expect(detectDocumentType(input)).toBe(type);
	});
});

describe('validateDocument', () => {
	it('validates an 11-character answer as a CPF', () => {
		expect(validateDocument('529.982.247-25')).toEqual({ valid: true, value: '52998224725', formatted: '529.982.247-25' });
		expect(validateDocument('529.982.247-26')).toEqual({ valid: false, reason: 'CPF inválido: verifique os 11 dígitos.' });
	});

	it('validates a 14-character answer as a CNPJ, numeric or alphanumeric', () => {
		expect(validateDocument('11222333000181')).toEqual({ valid: true, value: '11222333000181', formatted: '11.222.333/0001-81' });
		expect(validateDocument('12.abc.345/01de-35')).toEqual({ valid: true, value: '12ABC34501DE35', formatted: '12.ABC.345/01DE-35' });
		expect(validateDocument('11.222.333/0001-82')).toEqual({ valid: false, reason: 'CNPJ inválido: verifique os 14 caracteres.' });
	});

	it('rejects an 11-character answer with letters as an invalid CPF', () => {
		expect(validateDocument('529.982.247-AB')).toMatchObject({ valid: false, reason: expect.stringContaining('CPF') });
	});

	it.each(['', '1234', '529.982.247-255', 'meu cpf'])('asks for a CPF or CNPJ when the length fits neither: %p', (input) => {
		expect(validateDocument(input)).toEqual({
			valid: false,
			reason: 'Documento inválido: informe um CPF (11 dígitos) ou CNPJ (14 caracteres).',
		});
	});
});

describe('maskDocument', () => {
	it.each([
		['123.456.789-09', '123.***.***-09'],
		['12345678909', '123.***.***-09'],
		['11.222.333/0001-81', '11.2**.***/****-81'],
		['12.abc.345/01de-35', '12.A**.***/****-35'],
		// Other lengths: same rule, no punctuation; short values fully hidden.
		['1234567890123', '123********23'],
		['12345', '*****'],
		['', ''],
	])('%p → %p', (input, masked) => {
		expect(maskDocument(input)).toBe(masked);
	});

	it('never reveals the middle digits', () => {
		expect(maskDocument('529.982.247-25')).not.toMatch(/982|247/);
	});
});

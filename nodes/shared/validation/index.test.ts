import { isAnswerKind, maskDocument, validateAnswer, type AnswerKind } from './index';

describe('validateAnswer', () => {
	it.each<[AnswerKind, string, string | number, string | undefined]>([
		['text', '  Oi  ', 'Oi', undefined],
		['number', '1.234,56', 1234.56, '1.234,56'],
		['cpf', '529.982.247-25', '52998224725', '529.982.247-25'],
		['cnpj', '12.ABC.345/01DE-35', '12ABC34501DE35', '12.ABC.345/01DE-35'],
		['cpfCnpj', '11222333000181', '11222333000181', '11.222.333/0001-81'],
		['email', 'Ana@Provedor.com.br', 'ana@provedor.com.br', undefined],
		['phone', '(11) 98765-4321', '5511987654321', '+55 (11) 98765-4321'],
		['date', '29/02/2024', '2024-02-29', '29/02/2024'],
		['cep', '01310100', '01310100', '01310-100'],
	])('routes %p to its validator', (kind, text, value, formatted) => {
		const result = validateAnswer(kind, text);
		expect(result).toEqual(formatted === undefined ? { valid: true, value } : { valid: true, value, formatted });
	});

	it.each<[AnswerKind, string]>([
		['text', ' '],
		['number', 'dez'],
		['cpf', '111.111.111-11'],
		['cnpj', '11.222.333/0001-80'],
		['cpfCnpj', '123'],
		['email', 'ana@'],
		['phone', '(20) 98765-4321'],
		['date', '31/02/2024'],
		['cep', '123'],
	])('rejects a bad %p answer with a pt-BR reason', (kind, text) => {
		const result = validateAnswer(kind, text);
		expect(result.valid).toBe(false);
		if (!result.valid) expect(result.reason).toMatch(/inválid|vazia/);
	});

	it('types the value by kind', () => {
		const result = validateAnswer('number', '12');
		const doubled = result.valid ? result.value * 2 : 0;
		expect(doubled).toBe(24);
	});

	it('throws on an unknown kind instead of accepting everything', () => {
		expect(() => validateAnswer('file' as AnswerKind, 'x')).toThrow(TypeError);
		expect(() => validateAnswer('toString' as AnswerKind, 'x')).toThrow(TypeError);
	});
});

describe('isAnswerKind', () => {
	it('recognises the supported kinds only', () => {
		expect(['text', 'cpfCnpj', 'cep'].every(isAnswerKind)).toBe(true);
		expect(['image', 'file', 'CPF', 'constructor', ''].some(isAnswerKind)).toBe(false);
	});
});

describe('maskDocument (re-exported)', () => {
	it('masks a CPF for logs', () => {
		expect(maskDocument('123.456.789-09')).toBe('123.***.***-09');
	});
});

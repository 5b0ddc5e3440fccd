import { InvalidPathError, parsePath, readPath } from './path';

const BODY = {
	data: { fatura: { valor: 89.9, vencimento: '10/07/2026', pago: false, desconto: null }, 'nome completo': 'Maria Souza' },
	items: [{ id: 'a1' }, { id: 'b2' }, { id: 'c3' }],
	vazio: [],
};

describe('parsePath', () => {
	it('reads dotted keys, indexes and quoted keys', () => {
		expect(parsePath('data.fatura.valor')).toEqual([{ key: 'data' }, { key: 'fatura' }, { key: 'valor' }]);
		expect(parsePath('items[0].id')).toEqual([{ key: 'items' }, { index: 0 }, { key: 'id' }]);
		expect(parsePath('[0].id')).toEqual([{ index: 0 }, { key: 'id' }]);
		expect(parsePath('items[-1]')).toEqual([{ key: 'items' }, { index: -1 }]);
		expect(parsePath('data["nome completo"]')).toEqual([{ key: 'data' }, { key: 'nome completo' }]);
		expect(parsePath('matriz[1][2]')).toEqual([{ key: 'matriz' }, { index: 1 }, { index: 2 }]);
		expect(parsePath('  data.x-y  ')).toEqual([{ key: 'data' }, { key: 'x-y' }]);
	});

	it('an empty path is the whole body', () => {
		expect(parsePath('')).toEqual([]);
		expect(parsePath('   ')).toEqual([]);
	});

	it.each(['.data', 'data.', 'data..valor', 'items[0]id', 'items[x]', 'data[', 'a b', 'items[0'])('refuses %p', (path) => {
		expect(() => parsePath(path)).toThrow(InvalidPathError);
	});

	it('says what is wrong in pt-BR', () => {
		expect(() => parsePath('data..valor')).toThrow('Caminho "data..valor" inválido');
	});
});

describe('readPath', () => {
	it('finds nested values of any type', () => {
		expect(readPath(BODY, 'data.fatura.valor')).toEqual({ found: true, value: 89.9 });
		expect(readPath(BODY, 'data.fatura.pago')).toEqual({ found: true, value: false });
		expect(readPath(BODY, 'data.fatura.desconto')).toEqual({ found: true, value: null });
		expect(readPath(BODY, 'data.fatura')).toEqual({ found: true, value: BODY.data.fatura });
		expect(readPath(BODY, 'data["nome completo"]')).toEqual({ found: true, value: 'Maria Souza' });
		expect(readPath(BODY, '')).toEqual({ found: true, value: BODY });
	});

	it('indexes arrays, from the end with negative numbers, and accepts items.0', () => {
		expect(readPath(BODY, 'items[0].id').value).toBe('a1');
		expect(readPath(BODY, 'items[-1].id').value).toBe('c3');
		expect(readPath(BODY, 'items.1.id').value).toBe('b2');
		expect(readPath(BODY.items, '[2].id').value).toBe('c3');
	});

	it('reports missing steps instead of throwing', () => {
		expect(readPath(BODY, 'data.boleto.linha')).toEqual({ found: false });
		expect(readPath(BODY, 'items[3].id')).toEqual({ found: false });
		expect(readPath(BODY, 'items[-4]')).toEqual({ found: false });
		expect(readPath(BODY, 'vazio[0]')).toEqual({ found: false });
		expect(readPath(BODY, 'data[0]')).toEqual({ found: false });
		expect(readPath(BODY, 'items.id')).toEqual({ found: false });
		expect(readPath('texto puro', 'length')).toEqual({ found: false });
		expect(readPath(null, 'a')).toEqual({ found: false });
	});

	it('reads own properties only', () => {
		expect(readPath({}, 'constructor')).toEqual({ found: false });
		expect(readPath({ a: {} }, 'a.__proto__')).toEqual({ found: false });
		expect(readPath([1, 2], 'length')).toEqual({ found: false });
	});
});

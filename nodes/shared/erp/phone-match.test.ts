import { customersWithPhone, phoneSearchTerm } from './phone-match';
import type { Cliente } from './types';

function cliente(id: string, ...telefones: string[]): Cliente {
	return { id, nome: `Cliente ${id}`, documento: '52998224725', tipoPessoa: 'fisica', telefones };
}

describe('phoneSearchTerm', () => {
	it.each([
		['5549999991234', '49999991234'],
		['554999991234', '49999991234'],
		['+55 (49) 99999-1234', '49999991234'],
		['(21) 3333-4444', '2133334444'],
		['021 21 3333-4444', '2133334444'],
	])('%s searches as %s', (phone, term) => {
		expect(phoneSearchTerm(phone)).toBe(term);
	});

	it('is undefined for a number without DDD or from another country', () => {
		expect(phoneSearchTerm('99999-1234')).toBeUndefined();
		expect(phoneSearchTerm('+1 415 555 2671')).toBeUndefined();
		expect(phoneSearchTerm('')).toBeUndefined();
	});
});

describe('customersWithPhone (DDD + last 8 digits)', () => {
	const joao = cliente('102', '49999991234');
	const souza = cliente('104', '(21) 3333-4444', '(21) 99876-5432');
	const vizinho = cliente('106', '(48) 99999-1234');
	const semDdd = cliente('107', '9999-1234');

	it('matches a WhatsApp ID with the 9th digit, and the older one without it', () => {
		expect(customersWithPhone([joao, souza], '5549999991234')).toEqual([joao]);
		expect(customersWithPhone([joao, souza], '554999991234')).toEqual([joao]);
	});

	it('matches any of the registered phones, masked or not', () => {
		expect(customersWithPhone([joao, souza], '5521998765432')).toEqual([souza]);
		expect(customersWithPhone([joao, souza], '552133334444')).toEqual([souza]);
	});

	it('does not match the same 8 digits under another DDD, nor a registered phone without DDD', () => {
		expect(customersWithPhone([vizinho, semDdd], '5549999991234')).toEqual([]);
	});

	it('does not match on fewer than the last 8 digits', () => {
		expect(customersWithPhone([cliente('108', '(49) 99998-1234')], '5549999991234')).toEqual([]);
	});

	it('keeps every matching customer once, in the ERP order', () => {
		const conjuge = cliente('109', '(49) 9 9999-1234');
		expect(customersWithPhone([conjuge, joao, joao, vizinho], '5549999991234')).toEqual([conjuge, joao]);
	});

	it('finds nothing for a phone that is not Brazilian', () => {
		expect(customersWithPhone([joao], '14155552671')).toEqual([]);
	});
});

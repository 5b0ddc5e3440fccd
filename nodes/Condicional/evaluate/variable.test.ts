import { firstMatchingRule, readVariable, ruleMatches, type VariableRule } from './variable';

const rule = (value: unknown, comparison: string, compareTo = '', ignoreCase = true): VariableRule => ({ value, comparison, compareTo, ignoreCase });
const matches = (value: unknown, comparison: string, compareTo = '', ignoreCase = true) => ruleMatches(rule(value, comparison, compareTo, ignoreCase), 1);

describe('readVariable', () => {
	const variables = { plano: '500', fatura: { valor: 99.9, vencimento: '10/06/2025' }, vazio: '', lista: ['a'] };

	it('reads a name, a dotted path and the {{var.x}} spelling', () => {
		expect(readVariable(variables, 'plano')).toBe('500');
		expect(readVariable(variables, ' fatura.valor ')).toBe(99.9);
		expect(readVariable(variables, 'var.fatura.vencimento')).toBe('10/06/2025');
		expect(readVariable(variables, '{{ var.plano }}')).toBe('500');
		expect(readVariable(variables, 'vazio')).toBe('');
	});

	it('gives undefined for anything missing, and never reads inherited properties', () => {
		expect(readVariable(variables, 'nada')).toBeUndefined();
		expect(readVariable(variables, 'fatura.juros')).toBeUndefined();
		expect(readVariable(variables, 'plano.length')).toBeUndefined();
		expect(readVariable(variables, 'constructor')).toBeUndefined();
		expect(readVariable(variables, 'lista.0')).toBe('a');
		expect(readVariable(variables, '')).toBeUndefined();
		expect(readVariable(variables, 'fatura.')).toBeUndefined();
	});
});

describe('text comparisons', () => {
	it('equals, ignoring case, accents and surrounding spaces by default', () => {
		expect(matches('  Não ', 'equals', 'nao')).toBe(true);
		expect(matches('Não', 'equals', 'nao', false)).toBe(false);
		expect(matches('Não', 'equals', 'Não', false)).toBe(true);
		expect(matches('Financeiro', 'notEquals', 'financeiro')).toBe(false);
		expect(matches('Financeiro', 'notEquals', 'suporte')).toBe(true);
	});

	it('contains, starts with, ends with', () => {
		expect(matches('Quero a 2ª via do BOLETO', 'contains', 'boleto')).toBe(true);
		expect(matches('Quero a 2ª via', 'notContains', 'boleto')).toBe(true);
		expect(matches('Suporte técnico', 'startsWith', 'suporte')).toBe(true);
		expect(matches('Suporte técnico', 'endsWith', 'TECNICO')).toBe(true);
		expect(matches('Suporte técnico', 'endsWith', 'TECNICO', false)).toBe(false);
	});

	it('compares numbers, booleans and objects as their text', () => {
		expect(matches(500, 'equals', '500')).toBe(true);
		expect(matches(true, 'equals', 'true')).toBe(true);
		expect(matches({ id: 7 }, 'contains', '"id":7')).toBe(true);
		expect(matches(undefined, 'equals', '')).toBe(true);
		expect(matches(null, 'contains', 'x')).toBe(false);
	});

	it('looks for an element in lists', () => {
		expect(matches(['VIP', 'Inadimplente'], 'contains', 'vip')).toBe(true);
		expect(matches(['VIP'], 'contains', 'vi')).toBe(false);
		expect(matches(['VIP'], 'notContains', 'suporte')).toBe(true);
		expect(matches([1, 2], 'contains', '2')).toBe(true);
	});
});

describe('regular expressions', () => {
	it('takes a bare pattern or /pattern/flags, case-insensitive when the rule ignores case', () => {
		expect(matches('12345678', 'regex', '^\\d{8}$')).toBe(true);
		expect(matches('1234567', 'regex', '^\\d{8}$')).toBe(false);
		expect(matches('SIM', 'regex', '^sim$')).toBe(true);
		expect(matches('SIM', 'regex', '^sim$', false)).toBe(false);
		expect(matches('SIM', 'regex', '/^sim$/i', false)).toBe(true);
		expect(matches('a\nb', 'regex', '/^b$/m', false)).toBe(true);
	});

	it('ignores the stateful g and y flags (the same rule gives the same answer every time)', () => {
		const sticky = rule('abc abc', 'regex', '/abc/g');
		expect([ruleMatches(sticky, 1), ruleMatches(sticky, 1), ruleMatches(sticky, 1)]).toEqual([true, true, true]);
	});

	it('refuses an invalid pattern, naming the rule', () => {
		expect(() => ruleMatches(rule('x', 'regex', '(abc'), 3)).toThrow('Regra 3: expressão regular inválida');
	});
});

describe('numeric comparisons', () => {
	it('reads numbers typed the Brazilian way on both sides', () => {
		expect(matches('1.234,56', 'greaterThan', '1000')).toBe(true);
		expect(matches('R$ 99,90', 'lessThanOrEqual', '99,9')).toBe(true);
		expect(matches(99.9, 'numberEquals', '99,90')).toBe(true);
		expect(matches('3.5', 'numberEquals', '3,5')).toBe(true);
		expect(matches('500', 'greaterThanOrEqual', '500')).toBe(true);
		expect(matches('499', 'greaterThanOrEqual', '500')).toBe(false);
		expect(matches('-2', 'lessThan', '0')).toBe(true);
		expect(matches('10', 'numberNotEquals', '10')).toBe(false);
	});

	it('never matches a value that is not a number (not even "diferente de")', () => {
		expect(matches('quinhentos', 'greaterThan', '1')).toBe(false);
		expect(matches('', 'lessThan', '1')).toBe(false);
		expect(matches(undefined, 'numberNotEquals', '1')).toBe(false);
		expect(matches(Number.NaN, 'numberNotEquals', '1')).toBe(false);
		expect(matches(true, 'numberEquals', '1')).toBe(false);
	});

	it('refuses a comparison value that is not a number, naming the rule', () => {
		expect(() => ruleMatches(rule('5', 'greaterThan', 'cinco'), 2)).toThrow('Regra 2: "cinco" não é um número');
	});
});

describe('empty / not empty', () => {
	it('treats missing, null, blank text, [] and {} as empty; 0 and false are values', () => {
		for (const empty of [undefined, null, '', '   ', [], {}]) expect(matches(empty, 'isEmpty')).toBe(true);
		for (const value of [0, false, 'x', ['a'], { a: 1 }]) {
			expect(matches(value, 'isEmpty')).toBe(false);
			expect(matches(value, 'isNotEmpty')).toBe(true);
		}
	});
});

describe('firstMatchingRule', () => {
	it('returns the first rule that matches, or -1', () => {
		const rules = [rule('600', 'lessThan', '100'), rule('600', 'greaterThanOrEqual', '500'), rule('600', 'isNotEmpty')];
		expect(firstMatchingRule(rules)).toBe(1);
		expect(firstMatchingRule([rule('x', 'isEmpty')])).toBe(-1);
		expect(firstMatchingRule([])).toBe(-1);
	});

	it('reports a malformed rule even when an earlier one matches', () => {
		expect(() => firstMatchingRule([rule('x', 'isNotEmpty'), rule('x', 'regex', '[')])).toThrow('Regra 2: expressão regular inválida');
		expect(() => firstMatchingRule([rule('x', 'isNotEmpty'), rule('x', 'lessThan', 'dez')])).toThrow('Regra 2: "dez" não é um número');
		expect(() => firstMatchingRule([rule('x', 'isNotEmpty'), rule('x', 'parecido')])).toThrow('Regra 2: comparação "parecido" desconhecida');
	});
});

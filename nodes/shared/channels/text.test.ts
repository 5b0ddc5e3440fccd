import { numberedChoicesText, templateAsText, truncate, utf8Length } from './text';

describe('truncate', () => {
	it('keeps short text and cuts long text to the limit with an ellipsis', () => {
		expect(truncate('abc', 3)).toBe('abc');
		expect(truncate('abcdef', 4)).toBe('abc…');
		expect(truncate('abcdef', 4)).toHaveLength(4);
	});

	it('never splits an emoji (surrogate pair)', () => {
		const cut = truncate('ab😀cd', 4);
		expect(cut).toBe('ab…');
		expect(() => encodeURIComponent(cut)).not.toThrow();
	});
});

describe('utf8Length', () => {
	it('counts bytes, not characters', () => {
		expect(utf8Length('ção')).toBe(5);
		expect(utf8Length('😀')).toBe(4);
	});
});

describe('numberedChoicesText', () => {
	const choices = [
		{ id: 'a', label: 'Comercial' },
		{ id: 'b', label: 'Suporte', description: 'internet lenta' },
	];

	it('numbers the options and tells the customer to answer with the number', () => {
		expect(numberedChoicesText('Com quem quer falar?', choices, 4096, 'Provedor XYZ')).toBe(
			'Com quem quer falar?\n\n1 - Comercial\n2 - Suporte (internet lenta)\n\nResponda com o número da opção desejada.\n\nProvedor XYZ',
		);
	});

	it('shortens the prompt, not the options, to fit the limit', () => {
		const text = numberedChoicesText('x'.repeat(500), choices, 100);
		expect(text).toHaveLength(100);
		expect(text).toContain('2 - Suporte (internet lenta)');
		expect(text.startsWith('xxx')).toBe(true);
	});
});

describe('templateAsText', () => {
	it('fills {{n}} in the fallback text', () => {
		expect(templateAsText('fatura', ['Maria', 'R$ 26,00'], 'Olá {{1}}, sua fatura de {{ 2 }} está disponível. {{3}}')).toBe(
			'Olá Maria, sua fatura de R$ 26,00 está disponível. {{3}}',
		);
	});

	it('without fallback text, lists the parameters, or the template name when there are none', () => {
		expect(templateAsText('fatura', ['Maria', '', 'R$ 26,00'])).toBe('Maria\nR$ 26,00');
		expect(templateAsText('boas_vindas', [])).toBe('boas_vindas');
	});
});

import { normalizeForMatch } from './normalize';

describe('normalizeForMatch', () => {
	it.each([
		['Suporte Técnico', 'suporte tecnico'],
		['  SUPORTE   TÉCNICO!  ', 'suporte tecnico'],
		['Não', 'nao'],
		['Opção 2', 'opcao 2'],
		['Conexão/Internet', 'conexao internet'],
		['2 - Financeiro', '2 financeiro'],
		['2.', '2'],
		['ÀÉÎÕÜ ç ñ', 'aeiou c n'],
		['linha1\n\tlinha2', 'linha1 linha2'],
		['Sim 👍', 'sim'],
		['R$ 50,00', 'r 50 00'],
		['', ''],
		['?!...', ''],
	])('%p → %p', (input, expected) => {
		expect(normalizeForMatch(input)).toBe(expected);
	});

	it('treats precomposed and decomposed accents alike', () => {
		expect(normalizeForMatch('T\u00e9cnico')).toBe(normalizeForMatch('Te\u0301cnico'));
	});
});

import { matchChoice } from './match';

const MENU = [
	{ id: 'opt_1', label: 'Financeiro' },
	{ id: 'opt_2', label: 'Suporte Técnico' },
	{ id: 'opt_3', label: 'Segunda via de boleto' },
	{ id: 'opt_4', label: 'Falar com atendente' },
];

function matchedId(answer: string, choices = MENU): string | undefined {
	return matchChoice(answer, choices)?.id;
}

describe('matchChoice', () => {
	it('matches the exact id of a button or list reply', () => {
		expect(matchedId('opt_3')).toBe('opt_3');
		expect(matchedId(' opt_3 ')).toBe('opt_3');
	});

	it.each([
		['2', 'opt_2'],
		['2.', 'opt_2'],
		['2)', 'opt_2'],
		[' 4 ', 'opt_4'],
		['opção 2', 'opt_2'],
		['Opcao 3', 'opt_3'],
		['opção: 1', 'opt_1'],
		['nº 4', 'opt_4'],
		['n° 4', 'opt_4'],
		['#2', 'opt_2'],
		['2 - Suporte', 'opt_2'],
		['1 financeiro', 'opt_1'],
	])('matches the option number in %p', (answer, id) => {
		expect(matchedId(answer)).toBe(id);
	});

	it.each(['0', '5', '10', 'opção 9'])('does not match an option number out of range: %p', (answer) => {
		expect(matchedId(answer)).toBeUndefined();
	});

	it.each([
		['financeiro', 'opt_1'],
		['FINANCEIRO', 'opt_1'],
		['suporte tecnico', 'opt_2'],
		['Suporte técnico.', 'opt_2'],
		['segunda via de boleto', 'opt_3'],
	])('matches the label ignoring case, accents and punctuation: %p', (answer, id) => {
		expect(matchedId(answer)).toBe(id);
	});

	it.each([
		['fin', 'opt_1'],
		['suporte', 'opt_2'],
		['Sup. téc', undefined],
		['falar', 'opt_4'],
		['segunda', 'opt_3'],
	])('matches the only label starting with %p', (answer, id) => {
		expect(matchedId(answer)).toBe(id);
	});

	it('does not guess when several labels start with the answer', () => {
		expect(matchedId('s')).toBeUndefined();
		expect(matchedId('se')).toBeUndefined(); // too short to guess from
		expect(matchedId('seg')).toBe('opt_3');
		const choices = [
			{ id: 'a', label: 'Suporte Internet' },
			{ id: 'b', label: 'Suporte TV' },
		];
		expect(matchedId('suporte', choices)).toBeUndefined();
		expect(matchedId('suporte tv', choices)).toBe('b');
	});

	it('accepts the start of a label from 3 characters, never a lone letter', () => {
		expect(matchedId('f')).toBeUndefined();
		const choices = [
			{ id: 'net', label: 'Internet' },
			{ id: 'bol', label: 'Boleto' },
		];
		expect(matchedId('b', choices)).toBeUndefined();
		expect(matchedId('bo', choices)).toBeUndefined();
		expect(matchedId('bol', choices)).toBe('bol');
	});

	it.each(['', '   ', '?', 'quero cancelar', 'internet lenta'])('returns undefined for %p', (answer) => {
		expect(matchedId(answer)).toBeUndefined();
	});

	it('prefers an exact label over the option number when labels are numbers', () => {
		const choices = [
			{ id: 'd5', label: '5 dias' },
			{ id: 'd1', label: '1 dia' },
		];
		expect(matchedId('1 dia', choices)).toBe('d1');
		expect(matchedId('1', choices)).toBe('d5');
		expect(matchedId('5', choices)).toBe('d5');
	});

	it('returns the caller\'s own choice object', () => {
		const choices = [{ id: 'x', label: 'Sim', description: 'Confirmar' }];
		expect(matchChoice('sim', choices)).toBe(choices[0]);
	});
});

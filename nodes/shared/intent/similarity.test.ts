import { editDistance, wordSimilarity } from './similarity';

describe('editDistance (Damerau-Levenshtein, optimal string alignment)', () => {
	it.each([
		['', '', 0],
		['', 'abc', 3],
		['boleto', 'boleto', 0],
		['boleto', 'bolteo', 1], // one swap of neighbours
		['boleto', 'boletos', 1],
		['internet', 'intenet', 1],
		['financeiro', 'finaceiro', 1],
		['suporte', 'suprote', 1],
		['kitten', 'sitting', 3],
		['ca', 'abc', 3], // OSA: no edit of a transposed pair
	])('%j → %j = %i', (a, b, distance) => {
		expect(editDistance(a, b)).toBe(distance);
		expect(editDistance(b, a)).toBe(distance);
	});

	it('counts characters, not UTF-16 units', () => {
		expect(editDistance('😀a', 'a')).toBe(1);
	});
});

describe('wordSimilarity', () => {
	it('is 1 for equal words, typed short words included', () => {
		expect(wordSimilarity('via', 'via')).toBe(1);
		expect(wordSimilarity('pix', 'pix')).toBe(1);
	});

	it('tolerates a typo in words of 4+ letters', () => {
		expect(wordSimilarity('bolteo', 'boleto')).toBeCloseTo(5 / 6);
		expect(wordSimilarity('intenet', 'internet')).toBeCloseTo(7 / 8);
		expect(wordSimilarity('caiu', 'cair')).toBeCloseTo(0.75);
	});

	it('does not guess short words nor words too far apart', () => {
		expect(wordSimilarity('via', 'vai')).toBe(0);
		expect(wordSimilarity('net', 'nat')).toBe(0);
		expect(wordSimilarity('boleto', 'bilhete')).toBe(0);
		expect(wordSimilarity('plano', 'pagar')).toBe(0);
	});
});

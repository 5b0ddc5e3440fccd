import { matchBranch } from './branch';

describe('matchBranch', () => {
	it('finds the branch ignoring case, accents and punctuation', () => {
		expect(matchBranch(['Centro', 'São José', 'Zona Norte'], 'sao jose')).toBe(1);
		expect(matchBranch(['Centro', 'Zona-Norte'], ' ZONA NORTE ')).toBe(1);
	});

	it('gives -1 ("Outras") for another branch or none', () => {
		expect(matchBranch(['Centro'], 'Bairro Novo')).toBe(-1);
		expect(matchBranch(['Centro'], undefined)).toBe(-1);
		expect(matchBranch(['', 'Centro'], '')).toBe(-1);
	});
});

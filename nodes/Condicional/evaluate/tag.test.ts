import { matchedTags } from './tag';

describe('matchedTags', () => {
	it('returns the selected tags that are present, ignoring case and accents', () => {
		expect(matchedTags(['VIP', 'Inadimplência', 'Suporte'], ['suporte', 'inadimplencia'])).toEqual(['Inadimplência', 'Suporte']);
	});

	it('is empty when none is present (at least one is enough for "Tem etiqueta")', () => {
		expect(matchedTags(['VIP'], ['Suporte'])).toEqual([]);
		expect(matchedTags([], ['VIP'])).toEqual([]);
		expect(matchedTags(['', ' '], ['', 'VIP'])).toEqual([]);
	});
});

import { escapeHtml } from './html';

describe('escapeHtml', () => {
	it('escapes the five HTML-significant characters', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
	});

	it('leaves other text, accents included, as it is', () => {
		expect(escapeHtml('Olá, atendimento nº 5 — 100%')).toBe('Olá, atendimento nº 5 — 100%');
	});
});

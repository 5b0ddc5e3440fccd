import { classifyOffline, phraseScore, splitKeywords, wordsOf } from './offline';
import type { Intent } from './types';

const INTENTS: Intent[] = [
	{ name: 'Financeiro', keywords: splitKeywords('boleto, segunda via, fatura, pagamento, pagar, pix') },
	{ name: 'Suporte', keywords: splitKeywords('sem internet, internet caiu, internet lenta, sem sinal, conexão, roteador') },
	{ name: 'Comercial', keywords: splitKeywords('contratar, planos; mudar de plano\nvelocidade') },
];

const intentOf = (text: string, intents: Intent[] = INTENTS) => classifyOffline(text, intents).intent;

describe('wordsOf', () => {
	it('normalises case, accents and punctuation', () => {
		expect(wordsOf('  Conexão  CAINDO!!! ')).toEqual(['conexao', 'caindo']);
	});

	it('writes ordinals out: 2ª, 2a, 2° and 2º', () => {
		expect(wordsOf('2ª via')).toEqual(['segunda', 'via']);
		expect(wordsOf('2a via')).toEqual(['segunda', 'via']);
		expect(wordsOf('2° via')).toEqual(['segundo', 'via']);
		expect(wordsOf('1º boleto')).toEqual(['primeiro', 'boleto']);
		expect(wordsOf('22a')).toEqual(['22a']);
	});

	it('is empty for empty, blank or emoji-only text', () => {
		expect(wordsOf('')).toEqual([]);
		expect(wordsOf('   ')).toEqual([]);
		expect(wordsOf('👍🙏')).toEqual([]);
	});

	it('reads at most 200 words of a huge message', () => {
		expect(wordsOf('palavra '.repeat(10_000))).toHaveLength(200);
	});
});

describe('splitKeywords', () => {
	it('splits on commas, semicolons and line breaks, dropping blanks', () => {
		expect(splitKeywords(' boleto,, 2ª via ;fatura\n\npix ')).toEqual(['boleto', '2ª via', 'fatura', 'pix']);
		expect(splitKeywords('')).toEqual([]);
	});
});

describe('phraseScore', () => {
	it('is 1 for the phrase as typed and 0 when a word is missing', () => {
		expect(phraseScore(['internet', 'caiu'], wordsOf('a internet caiu'))).toBe(1);
		expect(phraseScore(['internet', 'caiu'], wordsOf('a internet voltou'))).toBe(0);
	});

	it('allows a few words between the words of a phrase, in order only', () => {
		expect(phraseScore(['internet', 'caiu'], wordsOf('a internet aqui em casa caiu'))).toBe(1);
		expect(phraseScore(['internet', 'caiu'], wordsOf('a internet aqui em casa de novo caiu'))).toBe(0);
		expect(phraseScore(['sem', 'internet'], wordsOf('internet sem fio'))).toBe(0);
	});

	it('scores typos below 1', () => {
		const score = phraseScore(['internet', 'caiu'], wordsOf('intenet caiu'));
		expect(score).toBeGreaterThan(0.9);
		expect(score).toBeLessThan(1);
	});
});

describe('classifyOffline', () => {
	it.each([
		['quero a segunda via', 'Financeiro'],
		['2a via por favor', 'Financeiro'],
		['2ª via do mês', 'Financeiro'],
		['me manda o 2° via', 'Financeiro'],
		['BOLETO', 'Financeiro'],
		['Preciso pagar a conta, tem pix?', 'Financeiro'],
		['estou sem internet', 'Suporte'],
		['a internet caiu', 'Suporte'],
		['minha internet aqui de casa caiu', 'Suporte'],
		['conexao ruim', 'Suporte'],
		['Conexão ruim', 'Suporte'],
		['quero contratar', 'Comercial'],
		['quais os planos?', 'Comercial'],
	])('%j → %s', (text, intent) => {
		expect(intentOf(text)).toBe(intent);
	});

	it('tolerates typos', () => {
		expect(intentOf('bolteo')).toBe('Financeiro');
		expect(intentOf('intenet caiu')).toBe('Suporte');
		expect(intentOf('roteadro piscando')).toBe('Suporte');
		expect(intentOf('quero contratr')).toBe('Comercial');
	});

	it('recognises the intent name itself, with accents or typos', () => {
		expect(intentOf('financeiro')).toBe('Financeiro');
		expect(intentOf('finaceiro')).toBe('Financeiro');
		expect(intentOf('SUPORTE!')).toBe('Suporte');
		expect(intentOf('técnico', [{ name: 'Técnico', keywords: [] }])).toBe('Técnico');
		expect(intentOf('tecnico', [{ name: 'Técnico', keywords: [] }])).toBe('Técnico');
	});

	it('finds nothing in greetings, empty or unrelated text', () => {
		for (const text of ['bom dia', '', '   ', '👍', 'qual o horário de vocês?']) {
			expect(classifyOffline(text, INTENTS)).toEqual({ source: 'palavras_chave', secondary: [] });
		}
	});

	it('does not guess from short words with a typo', () => {
		expect(intentOf('pux')).toBeUndefined();
		expect(intentOf('segunda vai')).toBeUndefined();
	});

	it('prefers the intent with more (and longer) matches and lists the others as secondary', () => {
		const result = classifyOffline('a internet caiu e preciso do boleto', INTENTS);
		expect(result).toEqual({ intent: 'Suporte', source: 'palavras_chave', confidence: 1, secondary: ['Financeiro'] });
		expect(intentOf('boleto, fatura e pix; estou sem sinal')).toBe('Financeiro'); // 3 keywords against a 2-word phrase
	});

	it('reports a tie instead of guessing', () => {
		expect(classifyOffline('boleto e roteador', INTENTS)).toEqual({ source: 'palavras_chave', secondary: [], tied: ['Financeiro', 'Suporte'] });
		expect(classifyOffline('boleto da fatura e sem sinal', INTENTS).tied).toEqual(['Financeiro', 'Suporte']); // 1 + 1 against 2
		const twins: Intent[] = [
			{ name: 'A', keywords: ['internet'] },
			{ name: 'B', keywords: ['internet'] },
			{ name: 'C', keywords: ['boleto'] },
		];
		expect(classifyOffline('internet', twins).tied).toEqual(['A', 'B']);
		expect(classifyOffline('internet', twins).intent).toBeUndefined();
	});

	it('gives the best phrase similarity as confidence', () => {
		expect(classifyOffline('boleto', INTENTS).confidence).toBe(1);
		expect(classifyOffline('bolteo', INTENTS).confidence).toBe(0.83);
	});

	it('counts a repeated keyword of an intent once', () => {
		const intents: Intent[] = [
			{ name: 'Financeiro', keywords: ['boleto', 'Boleto', 'BOLETO'] },
			{ name: 'Suporte', keywords: ['internet'] },
		];
		expect(classifyOffline('boleto internet', intents).tied).toEqual(['Financeiro', 'Suporte']);
	});

	it('works without intents', () => {
		expect(classifyOffline('boleto', [])).toEqual({ source: 'palavras_chave', secondary: [] });
	});
});

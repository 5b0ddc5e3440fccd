import { normalizeForMatch } from '../text/normalize';
import { wordSimilarity } from './similarity';
import type { Intent, IntentClassification } from './types';

/** Words read from one message at most: keeps a hostile, huge message cheap to match. */
const MAX_WORDS = 200;

/** Words a phrase may skip between two of its words ("internet caiu" in "a internet aqui em casa caiu"). */
const MAX_GAP = 3;

/** Stems of the ordinals 1–9, so "2ª via", "2a via" and "2° via" read "segunda via" / "segundo via". */
const ORDINAL_STEMS = ['primeir', 'segund', 'terceir', 'quart', 'quint', 'sext', 'setim', 'oitav', 'non'];

/**
 * The words of a text as offline matching compares them: lower case, no accents or punctuation,
 * ordinals written out (`"2ª via"` → `["segunda", "via"]`).
 */
export function wordsOf(text: string): string[] {
	const marked = text.replace(/(\d)\s*[°º]/g, '$1o').replace(/(\d)\s*ª/g, '$1a');
	const normalized = normalizeForMatch(marked.normalize('NFKD'));
	if (!normalized) return [];
	return normalized
		.split(' ')
		.slice(0, MAX_WORDS)
		.map((word) => {
			const ordinal = /^([1-9])([ao])$/.exec(word);
			return ordinal ? `${ORDINAL_STEMS[Number(ordinal[1]) - 1]}${ordinal[2]}` : word;
		});
}

/**
 * How well `phrase` occurs in `words`, 0–1: its words in order, each equal or a near miss of a typo
 * ({@link wordSimilarity}), at most {@link MAX_GAP} words apart; the mean similarity of the best
 * placement, or 0 when some word is missing.
 */
export function phraseScore(phrase: string[], words: string[]): number {
	if (phrase.length === 0 || words.length === 0) return 0;
	// best[p]: best sum of similarities with the current phrase word at position p (0 = impossible).
	let best = words.map((word) => wordSimilarity(phrase[0], word));
	for (let k = 1; k < phrase.length; k++) {
		best = words.map((word, p) => {
			const similarity = wordSimilarity(phrase[k], word);
			if (similarity === 0) return 0;
			let previous = 0;
			for (let q = Math.max(0, p - 1 - MAX_GAP); q < p; q++) previous = Math.max(previous, best[q]);
			return previous > 0 ? previous + similarity : 0;
		});
	}
	return Math.max(...best) / phrase.length;
}

/** Splits the keywords field: commas, semicolons or line breaks. */
export function splitKeywords(keywords: string): string[] {
	return keywords
		.split(/[,;\n]/)
		.map((keyword) => keyword.trim())
		.filter(Boolean);
}

interface IntentScore {
	name: string;
	/** Sum over matched terms of (phrase score × words in the phrase): longer phrases say more. */
	score: number;
	/** Best single phrase score. */
	confidence: number;
}

function scoreIntent(intent: Intent, words: string[]): IntentScore {
	const terms = new Map<string, string[]>();
	for (const term of [intent.name, ...intent.keywords]) {
		const termWords = wordsOf(term);
		if (termWords.length > 0) terms.set(termWords.join(' '), termWords);
	}
	let score = 0;
	let confidence = 0;
	for (const termWords of terms.values()) {
		const match = phraseScore(termWords, words);
		score += match * termWords.length;
		confidence = Math.max(confidence, match);
	}
	return { name: intent.name, score, confidence };
}

/** Scores closer than this are a tie. */
const TIE_EPSILON = 1e-9;

/**
 * Classifies a message without a model: each intent's name and keywords are looked for in the text,
 * ignoring case, accents and punctuation, tolerating typos (Damerau-Levenshtein) in words of 4+
 * letters, phrases matched in order. The intent with the highest score wins; when two or more share the
 * highest score the message is ambiguous (`intent` undefined, `tied` lists them).
 */
export function classifyOffline(text: string, intents: readonly Intent[]): IntentClassification {
	const words = wordsOf(text);
	const ranking = intents
		.map((intent) => scoreIntent(intent, words))
		.filter((entry) => entry.score > 0)
		.sort((a, b) => b.score - a.score);
	if (ranking.length === 0) return { source: 'palavras_chave', secondary: [] };
	const top = ranking.filter((entry) => ranking[0].score - entry.score < TIE_EPSILON);
	if (top.length > 1) {
		return { source: 'palavras_chave', secondary: [], tied: top.map((entry) => entry.name) };
	}
	return {
		intent: ranking[0].name,
		source: 'palavras_chave',
		confidence: Math.round(ranking[0].confidence * 100) / 100,
		secondary: ranking.slice(1).map((entry) => entry.name),
	};
}

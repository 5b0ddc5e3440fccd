import { normalizeForMatch } from './normalize';

const YES_WORDS: ReadonlySet<string> = new Set([
	'sim', 's', 'yes', 'y', 'ok', 'okay', 'claro', 'confirmo', 'confirmado', 'isso', 'certo', 'correto',
]);
const NO_WORDS: ReadonlySet<string> = new Set(['nao', 'n', 'no', 'negativo']);

/** Reads 👍/👎 (any skin tone) as the words "sim"/"nao"; other emoji are dropped by normalisation. */
function tokenize(answer: string): string[] {
	const normalized = normalizeForMatch(answer.replace(/👍/gu, ' sim ').replace(/👎/gu, ' nao '));
	return normalized ? normalized.split(' ') : [];
}

function consistsOf(answer: string, words: ReadonlySet<string>): boolean {
	const tokens = tokenize(answer);
	return tokens.length > 0 && tokens.every((token) => words.has(token));
}

/**
 * Whether an answer to a Confirmação card means yes: every word is one of sim, s, yes, y, ok,
 * okay, claro, confirmo, confirmado, isso, certo, correto or 👍 (`"Sim, confirmo!"` and `"ok 👍"`
 * count). Case, accents, punctuation and other emoji are ignored.
 */
export function isYes(answer: string): boolean {
	return consistsOf(answer, YES_WORDS);
}

/**
 * Whether an answer to a Confirmação card means no: every word is one of não/nao, n, no,
 * negativo or 👎 (`"Não, negativo"` counts).
 */
export function isNo(answer: string): boolean {
	return consistsOf(answer, NO_WORDS);
}

/**
 * Edit distance with adjacent transpositions (Damerau-Levenshtein, optimal string alignment): the
 * number of insertions, deletions, substitutions and swaps of neighbours that turn `a` into `b`.
 * `"bolteo"` → `"boleto"` is 1 (one swap).
 */
export function editDistance(a: string, b: string): number {
	const x = [...a];
	const y = [...b];
	if (x.length === 0) return y.length;
	if (y.length === 0) return x.length;
	// Three rows are enough: the previous two and the current one.
	let beforePrevious: number[] = [];
	let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
	for (let i = 1; i <= x.length; i++) {
		const current = [i];
		for (let j = 1; j <= y.length; j++) {
			const cost = x[i - 1] === y[j - 1] ? 0 : 1;
			let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, beforePrevious[j - 2] + 1);
			current.push(best);
		}
		beforePrevious = previous;
		previous = current;
	}
	return previous[y.length];
}

/** Shortest word compared with tolerance for typos; shorter words must be typed exactly. */
export const MIN_FUZZY_LENGTH = 4;

/** Lowest similarity that still counts as the same word (1 typo in 4–5 letters, 2 in 8–9…). */
export const FUZZY_THRESHOLD = 0.75;

/**
 * How alike two normalised words are, 0–1: 1 when equal, `1 - distance / longer length` when both have
 * at least {@link MIN_FUZZY_LENGTH} letters and that reaches {@link FUZZY_THRESHOLD}, else 0.
 */
export function wordSimilarity(a: string, b: string): number {
	if (a === b) return 1;
	const longer = Math.max([...a].length, [...b].length);
	if (Math.min([...a].length, [...b].length) < MIN_FUZZY_LENGTH) return 0;
	const similarity = 1 - editDistance(a, b) / longer;
	return similarity >= FUZZY_THRESHOLD ? similarity : 0;
}

import { normalizeForMatch } from '../../shared/text/normalize';

/**
 * The selected tags found among the tags present (conversation and contact), compared ignoring
 * case, accents and punctuation. The condition holds when at least one is found.
 */
export function matchedTags(selected: string[], present: string[]): string[] {
	const have = new Set(present.map(normalizeForMatch).filter(Boolean));
	return selected.filter((tag) => have.has(normalizeForMatch(tag)));
}

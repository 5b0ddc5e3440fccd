import { normalizeForMatch } from '../../shared/text/normalize';

/**
 * Index of the listed branch that names the conversation's branch (the trigger's "Filial" option),
 * ignoring case, accents and punctuation; -1 ("Outras") when none does or the trigger has none.
 */
export function matchBranch(branches: string[], branch: string | undefined): number {
	const wanted = normalizeForMatch(branch ?? '');
	if (!wanted) return -1;
	return branches.findIndex((candidate) => normalizeForMatch(candidate) === wanted);
}

import { normalizeForMatch } from './normalize';

export { isNo, isYes } from './confirmation';

/** What a choice needs to be matched: its id and the label shown to the customer. */
export interface MatchableChoice {
	id: string;
	label: string;
}

/**
 * An option number, optionally introduced by a word (`2`, `2.`, `opção 2`, `nº 2`, `#2`) and
 * optionally followed by the label (`2 - Suporte`). Applied to normalised text.
 */
const OPTION_NUMBER = /^(?:(?:opcao|opc|op|option|numero|num|nº|n)\s*)?(\d{1,3})(?:\s.*)?$/;

function matchByNumber<T extends MatchableChoice>(normalized: string, choices: readonly T[]): T | undefined {
	const match = OPTION_NUMBER.exec(normalized);
	return match ? choices[Number(match[1]) - 1] : undefined;
}

/**
 * Shortest word matched as the start of a label: a lone letter is more often "s"/"n" than a menu
 * option. Numbers ("5" for "5 dias") match from one digit.
 */
const MIN_PREFIX_LENGTH = 3;

function matchByLabelPrefix<T extends MatchableChoice>(normalized: string, choices: readonly T[]): T | undefined {
	if (normalized.length < MIN_PREFIX_LENGTH && !/^\d+$/.test(normalized)) return undefined;
	const candidates = choices.filter((choice) => normalizeForMatch(choice.label).startsWith(normalized));
	return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * Finds the choice a customer meant, trying in order: the exact id (button/list replies), the
 * label ignoring case, accents and punctuation (`suporte tecnico` → "Suporte Técnico"), the
 * 1-based option number (`2`, `2.`, `opção 2`, `2 - Suporte`), and finally the only label that
 * starts with the answer (3+ letters, or digits). Returns `undefined` when nothing or more than one choice fits, so the
 * card can ask again.
 */
export function matchChoice<T extends MatchableChoice>(answer: string, choices: readonly T[]): T | undefined {
	const byId = choices.find((choice) => choice.id === answer.trim());
	if (byId) return byId;
	const normalized = normalizeForMatch(answer);
	if (!normalized) return undefined;
	return (
		choices.find((choice) => normalizeForMatch(choice.label) === normalized) ??
		matchByNumber(normalized, choices) ??
		matchByLabelPrefix(normalized, choices)
	);
}

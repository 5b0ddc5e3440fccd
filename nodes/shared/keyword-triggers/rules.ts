import { normalizeForMatch } from '../text/normalize';

/**
 * Keyword triggers ("Gatilhos por Palavra-chave", like Acelerato's "Gatilhos Conversas"): rules with
 * conditions on the conversation's current team, the time the contact had been silent and the words
 * of the message. Pure functions: the card and the Condicional read the facts from the store.
 */

/** How a rule looks at the conversation's current team. */
export type TeamOperator = 'any' | 'none' | 'is' | 'isNot';

/** How a rule looks at the time without interaction. */
export type IdleOperator = 'any' | 'moreThan' | 'lessThan';

export interface TeamCondition {
	operator: TeamOperator;
	/** The team compared (`is`, `isNot`); case, accents and punctuation do not matter. */
	team?: string;
}

export interface IdleCondition {
	operator: IdleOperator;
	/** Hours compared (`moreThan`, `lessThan`); may be fractional. */
	hours?: number;
}

export interface TriggerConditions {
	team: TeamCondition;
	idle: IdleCondition;
	/** Comma-separated keywords; empty = any message. */
	keywords: string;
}

/** What a rule is evaluated against. */
export interface TriggerFacts {
	/** The conversation's current team (`Conversation.department`); undefined = none. */
	team?: string;
	/** Milliseconds the contact had been silent before this message; undefined = never wrote before. */
	idleMs?: number;
	/** The message's text (typed text, a chosen option's title, a caption). */
	text: string;
}

const HOUR_MS = 60 * 60 * 1000;

/** The keywords of a comma-separated list (also `;` and line breaks), trimmed, empty ones dropped. */
export function parseKeywords(list: string): string[] {
	return list
		.split(/[,;\n]/)
		.map((keyword) => keyword.trim())
		.filter((keyword) => normalizeForMatch(keyword) !== '');
}

/**
 * Whether `keyword` occurs in `text` as whole words: case, accents and punctuation do not matter
 * ("atendimento" is found in "Quero ATENDIMENTO!" and "Atendimento." but not in "atendimentos" or
 * "teleatendimento"); a keyword of several words must occur as that phrase ("segunda via").
 */
export function containsKeyword(text: string, keyword: string): boolean {
	const wanted = normalizeForMatch(keyword);
	if (!wanted) return false;
	return ` ${normalizeForMatch(text)} `.includes(` ${wanted} `);
}

/** The first keyword of the list found in `text`, or undefined. An empty list matches any text (''). */
export function matchedKeyword(text: string, keywords: string): string | undefined {
	const list = parseKeywords(keywords);
	if (list.length === 0) return '';
	return list.find((keyword) => containsKeyword(text, keyword));
}

/** Whether the current team satisfies the condition ("none": the conversation is in no team). */
export function teamMatches(condition: TeamCondition, team: string | undefined): boolean {
	const current = normalizeForMatch(team ?? '');
	const wanted = normalizeForMatch(condition.team ?? '');
	switch (condition.operator) {
		case 'none':
			return current === '';
		case 'is':
			return current !== '' && current === wanted;
		case 'isNot':
			return current !== wanted;
		default:
			return true;
	}
}

/**
 * Whether the time without interaction satisfies the condition, strictly: "more than 1 hour" holds
 * after 1 h and 1 ms, "less than 23 hours" up to 22 h 59 min 59.999 s; exactly N hours is neither.
 * A contact who never wrote before has been silent forever: "more than" holds, "less than" does not.
 */
export function idleMatches(condition: IdleCondition, idleMs: number | undefined): boolean {
	if (condition.operator === 'any') return true;
	const limitMs = Math.max(0, condition.hours ?? 0) * HOUR_MS;
	if (idleMs === undefined) return condition.operator === 'moreThan';
	return condition.operator === 'moreThan' ? idleMs > limitMs : idleMs < limitMs;
}

/** The rule's verdict: undefined when it does not apply, else the keyword that matched ('' = no keywords asked). */
export function ruleMatch(conditions: TriggerConditions, facts: TriggerFacts): { keyword: string } | undefined {
	if (!teamMatches(conditions.team, facts.team) || !idleMatches(conditions.idle, facts.idleMs)) return undefined;
	const keyword = matchedKeyword(facts.text, conditions.keywords);
	return keyword === undefined ? undefined : { keyword };
}

/** Rules in order, first match wins: its index and keyword, or undefined ("Nenhum gatilho"). */
export function firstMatchingTrigger(rules: TriggerConditions[], facts: TriggerFacts): { index: number; keyword: string } | undefined {
	for (let index = 0; index < rules.length; index++) {
		const match = ruleMatch(rules[index], facts);
		if (match) return { index, keyword: match.keyword };
	}
	return undefined;
}

/** One rule as n8n hands it to the `outputs` expression (only the fields the outputs depend on). */
export interface RuleOutputParameters {
	description?: string;
	ruleAction?: string;
	handToDesk?: boolean;
}

/** The parameters the outputs depend on. */
export interface TriggerOutputParameters {
	rules?: { values?: RuleOutputParameters[] };
	timeoutMinutes?: number;
}

/**
 * The card's outputs, computed from its parameters (Switch V3 pattern): one per rule that ends the
 * card — "Executar fluxo" (wire it to Executar Fluxo or any card) and "Equipe de atendimento" handed
 * to the Painel — named by the rule's description, then "Nenhum gatilho", then "Sem resposta" when a
 * waiting time is set. Rules that only answer ("Mensagem inteligente", a team change kept with the bot)
 * keep the card waiting for the next message and have no output. Serialised into the description's
 * `outputs` expression: must stay self-contained (no imports, no outer names).
 */
export function triggerOutputNames(parameters: TriggerOutputParameters): string[] {
	const rules = parameters.rules?.values ?? [];
	const named = rules.map((rule, index) => {
		const ends = rule.ruleAction === 'flow' || (rule.ruleAction === 'team' && rule.handToDesk !== false);
		const described = typeof rule.description === 'string' ? rule.description.trim() : '';
		return ends ? described || `Regra ${index + 1}` : '';
	});
	const waits = typeof parameters.timeoutMinutes === 'number' && parameters.timeoutMinutes > 0;
	return [...named.filter((name) => name !== ''), 'Nenhum gatilho', ...(waits ? ['Sem resposta'] : [])];
}

/** A rule as the card reads it (parameters.ts): what decides whether it has an output. */
export interface RuleEnding {
	action: string;
	handToDesk: boolean;
}

/** Whether a rule ends the card (has an output of its own); the same test as in {@link triggerOutputNames}. */
export function ruleEndsCard(rule: RuleEnding): boolean {
	return rule.action === 'flow' || (rule.action === 'team' && rule.handToDesk);
}

/** Output index of each rule (undefined for the rules that keep the card waiting), "Nenhum gatilho" and "Sem resposta". */
export function triggerOutputIndexes(rules: RuleEnding[]): { rules: Array<number | undefined>; none: number; noAnswer: number } {
	let next = 0;
	const indexes = rules.map((rule) => (ruleEndsCard(rule) ? next++ : undefined));
	return { rules: indexes, none: next, noAnswer: next + 1 };
}

/** The description's `outputs` expression. */
export const triggerOutputsExpression: `={{${string}}}` = `={{(${triggerOutputNames.toString()})($parameter).map((name) => ({ type: "main", displayName: name }))}}`;

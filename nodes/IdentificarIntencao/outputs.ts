/**
 * The card's outputs, computed from its parameters (Switch V3 pattern): one per intent, then
 * "Máximo de tentativas" and "Sem resposta". Serialised into the description's `outputs`
 * expression, so it must stay self-contained.
 */
export function intentOutputNames(parameters: { intents?: { values?: Array<{ name?: string }> } }): string[] {
	const names = (parameters.intents?.values ?? []).map((intent, index) => (intent.name ?? '').trim() || `Intenção ${index + 1}`);
	return [...names, 'Máximo de tentativas', 'Sem resposta'];
}

/** The description's `outputs` expression. */
export const intentOutputsExpression: `={{${string}}}` = `={{(${intentOutputNames.toString()})($parameter).map((name) => ({ type: "main", displayName: name }))}}`;

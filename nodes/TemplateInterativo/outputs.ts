/**
 * The card's outputs, computed from its parameters (Switch V3 pattern): one per button, then
 * "Máximo de tentativas" and "Sem resposta" when it sends and waits, or, when it routes a reply to a
 * broadcast, "Outra campanha" (only with a campaign to check) and "Outra mensagem". Serialised into
 * the description's `outputs` expression, so it must stay self-contained.
 */
export function templateOutputNames(parameters: { mode?: string; campaign?: unknown; buttons?: { values?: Array<{ label?: string }> } }): string[] {
	const labels = (parameters.buttons?.values ?? []).map((button, index) => button.label || `Botão ${index + 1}`);
	if (parameters.mode === 'routeReply') return [...labels, ...(String(parameters.campaign ?? '').trim() ? ['Outra campanha'] : []), 'Outra mensagem'];
	return [...labels, 'Máximo de tentativas', 'Sem resposta'];
}

/** The description's `outputs` expression. */
export const templateOutputsExpression: `={{${string}}}` = `={{(${templateOutputNames.toString()})($parameter).map((name) => ({ type: "main", displayName: name }))}}`;

/**
 * The card's outputs, computed from its parameters (Switch V3 pattern). This function is also
 * serialised into the node description's `outputs` expression, so it must stay self-contained.
 */
export function descriptionOutputNames(parameters: { outsideWindowOutput?: boolean }): string[] {
	return ['Descrição recebida', 'Máximo de tentativas', 'Sem resposta', ...(parameters.outsideWindowOutput ? ['Fora da janela de 24h'] : [])];
}

/** The description's `outputs` expression. */
export const descriptionOutputsExpression: `={{${string}}}` = `={{(${descriptionOutputNames.toString()})($parameter).map((name) => ({ type: "main", displayName: name }))}}`;

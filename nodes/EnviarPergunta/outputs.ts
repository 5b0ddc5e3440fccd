/**
 * The card's outputs, computed from its parameters (Switch V3 pattern). This function is also
 * serialised into the node description's `outputs` expression, so it must stay self-contained.
 */
export function questionOutputNames(parameters: {
	answerType?: string;
	options?: { values?: Array<{ label?: string }> };
	outsideWindowOutput?: boolean;
}): string[] {
	const tail = ['Máximo de tentativas', 'Sem resposta', ...(parameters.outsideWindowOutput ? ['Fora da janela de 24h'] : [])];
	if (parameters.answerType === 'confirmation') return ['Sim', 'Não', ...tail];
	if (parameters.answerType === 'input') return ['Resposta', ...tail];
	if (parameters.answerType === 'form') return ['Respondido', ...tail];
	const labels = (parameters.options?.values ?? []).map((option, index) => option.label || `Opção ${index + 1}`);
	return [...labels, ...tail];
}

/** The description's `outputs` expression. */
export const questionOutputsExpression: `={{${string}}}` = `={{(${questionOutputNames.toString()})($parameter).map((name) => ({ type: "main", displayName: name }))}}`;

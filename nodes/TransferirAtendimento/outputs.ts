/**
 * Outputs of Transferir Atendimento, computed from its parameters (Switch V3 pattern): to the Painel
 * the card waits and continues by how the human part ended; to the attendant API it goes on at once.
 * Serialised into the description's `outputs` expression: must stay self-contained.
 */
export function transferOutputNames(parameters: { destination?: string }): string[] {
	if (parameters.destination === 'api') return ['Transferido'];
	return ['Devolvido ao bot', 'Encerrado pelo atendente', 'Encerrado por inatividade'];
}

/** The description's `outputs` expression. */
export const transferOutputsExpression: `={{${string}}}` = `={{(${transferOutputNames.toString()})($parameter).map((name) => ({ type: "main", displayName: name }))}}`;

/** Output index of each way the human part ends on the Painel. */
export const DESK_OUTPUT = { devolvido: 0, resolvido: 1, inatividade: 2 } as const;

/**
 * What Executar Fluxo knows about the sub-flow it hands the conversation to, and what it tells the
 * customer and the operator when n8n cannot start it (the workflow was deleted, is not published, or the
 * id came from another installation: a template imported by the public API or the editor's *Import from
 * file* gets new ids). Pure: the node does the sending and logging.
 */

/** The chosen sub-flow: its workflow id and, when picked from the list, its name. */
export interface SubFlowReference {
	id: string;
	name?: string;
}

/** The workflowSelector value (a resource locator `{ __rl, mode, value, cachedResultName }`) or a plain id. */
export function subFlowReference(value: unknown): SubFlowReference {
	if (typeof value === 'string') return { id: value.trim() };
	if (value && typeof value === 'object' && 'value' in value) {
		const locator = value as { value?: unknown; cachedResultName?: unknown };
		const name = typeof locator.cachedResultName === 'string' && locator.cachedResultName.trim() ? locator.cachedResultName.trim() : undefined;
		return { id: String(locator.value ?? '').trim(), name };
	}
	return { id: '' };
}

/** How the messages name the sub-flow: by name and id when the card knows the name. */
export function subFlowLabel(reference: SubFlowReference): string {
	return reference.name ? `"${reference.name}" (id ${reference.id})` : `de id ${reference.id}`;
}

/** What the customer reads when the sub-flow cannot start: never silence. */
export const SUB_FLOW_UNAVAILABLE_MESSAGE =
	'Desculpe, não consegui continuar o seu atendimento agora. Por favor, tente de novo em alguns minutos.';

/** The card's error (and log line) when n8n refused to start the sub-flow. */
export function subFlowUnavailable(card: string, reference: SubFlowReference): { message: string; description: string } {
	return {
		message: `O card "${card}" não conseguiu iniciar o fluxo ${subFlowLabel(reference)}`,
		description:
			'O fluxo escolhido não existe nesta instalação ou não está publicado (o n8n só executa subfluxos publicados). ' +
			`Abra o card "${card}", escolha o fluxo na lista "Fluxo" e publique o subfluxo. O cliente recebeu uma mensagem de falha e o atendimento foi encerrado.`,
	};
}

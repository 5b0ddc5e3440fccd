import type { IHookFunctions, NodeTypeAndVersion } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Node type of the Executar Fluxo card, as n8n names it in a workflow. */
const EXECUTAR_FLUXO_TYPE = 'n8n-nodes-atendimento.executarFluxo';
/** The placeholder older template files used for a submenu (`template:comercial.json`): no n8n workflow has that id. */
const TEMPLATE_PLACEHOLDER = 'template:';

/** The locator value of an Executar Fluxo card ('' when nothing is chosen). */
function chosenFlow(parameters: NodeTypeAndVersion['parameters']): string {
	const value = parameters?.workflowId;
	if (typeof value === 'string') return value.trim();
	if (value && typeof value === 'object' && 'value' in value) return String((value as { value?: unknown }).value ?? '').trim();
	return '';
}

/**
 * Setup mistakes a flow's cards show in their parameters that would leave a customer without a reply:
 * an Executar Fluxo with no flow chosen, or still pointing at a template placeholder. One pt-BR line per
 * card, naming it. Disabled cards and expressions (`={{…}}`, decided at run time) are not judged.
 * What the parameters cannot show (a sub-flow deleted or unpublished since) Executar Fluxo handles when
 * it runs: the customer is told and the error names the card.
 */
export function flowSetupProblems(nodes: NodeTypeAndVersion[]): string[] {
	const problems: string[] = [];
	for (const node of nodes) {
		if (node.disabled || node.type !== EXECUTAR_FLUXO_TYPE) continue;
		const flow = chosenFlow(node.parameters);
		if (flow.startsWith('=')) continue;
		if (!flow) problems.push(`o card "${node.name}" (Executar Fluxo) não tem fluxo escolhido`);
		else if (flow.startsWith(TEMPLATE_PLACEHOLDER)) problems.push(`o card "${node.name}" (Executar Fluxo) ainda aponta para o modelo ${flow.slice(TEMPLATE_PLACEHOLDER.length)}, não para um fluxo desta instalação`);
	}
	return problems;
}

/**
 * Called from the trigger's activation hook (publishing the flow, or n8n starting with it published):
 * refuses to activate a flow whose cards after this trigger have a setup mistake, with a message that
 * names each card and says what to do. The editor's test runs ('manual') are not blocked.
 */
export function assertFlowReady(context: IHookFunctions): void {
	if (context.getMode() === 'manual') return;
	const trigger = context.getNode();
	const problems = flowSetupProblems(context.getChildNodes(trigger.name, { includeNodeParameters: true }));
	if (problems.length === 0) return;
	throw new NodeOperationError(trigger, `O fluxo não pode ser publicado: ${problems.join('; ')}`, {
		description: 'Abra cada card citado, escolha em "Fluxo" o subfluxo na lista (ele precisa estar publicado) e publique de novo.',
	});
}

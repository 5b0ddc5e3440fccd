import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import { outputItem } from '../shared/runtime/atendimento';
import { forEachConversationItem } from '../shared/runtime/card';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/** The workflow id of a workflowSelector value (a resource locator) or of a plain id. */
function workflowIdOf(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value ?? '').trim();
	return '';
}

/**
 * "Executar Fluxo": the conversation continues in another workflow (a submenu), which starts with
 * n8n's "When Executed by Another Workflow" trigger and receives the atendimento. This execution ends
 * here; the called flow's cards wait for the customer as any card does (the waiter is theirs).
 */
export class ExecutarFluxo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Executar Fluxo',
		name: 'executarFluxo',
		icon: 'file:executarFluxo.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(`"Fluxo " + ${subtitleText('$parameter["workflowId"]', '(escolha o fluxo)')}`),
		description: 'Continua o atendimento em outro fluxo (submenu), que começa com "When Executed by Another Workflow"',
		defaults: { name: 'Executar Fluxo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Fluxo',
				name: 'workflowId',
				type: 'workflowSelector',
				default: '',
				required: true,
				description: 'O fluxo que continua o atendimento. Ele deve começar com o gatilho "When Executed by Another Workflow" (aceitando todos os dados).',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return await forEachConversationItem(this, async (conversation, itemIndex) => {
			const workflowId = workflowIdOf(this.getNodeParameter('workflowId', itemIndex));
			if (!workflowId) {
				throw new NodeOperationError(this.getNode(), 'Nenhum fluxo escolhido', { itemIndex, description: 'Escolha em "Fluxo" o fluxo que continua o atendimento.' });
			}
			const proxy = this.getWorkflowDataProxy(itemIndex);
			const handedOver = outputItem(items[itemIndex], conversation, itemIndex);
			const result = await this.executeWorkflow({ id: workflowId }, [handedOver], undefined, {
				doNotWaitToFinish: true,
				parentExecution: { executionId: proxy.$execution.id, workflowId: proxy.$workflow.id as string, shouldResume: false },
			});
			const updated = (await getConversationStore().update(conversation.id, (record) => {
				record.events = appendEvent(record.events, {
					at: Date.now(),
					type: 'fluxo_executado',
					node: this.getNode().name,
					data: { workflowId, execucao: result.executionId ?? null },
				});
			}))!;
			return outputItem(items[itemIndex], updated, itemIndex, { subfluxo: { workflowId, execucao: result.executionId ?? null } });
		});
	}
}

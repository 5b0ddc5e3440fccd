import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import { errorText, logLine } from '../shared/log';
import { outputItem } from '../shared/runtime/atendimento';
import { endConversation, forEachConversationItem } from '../shared/runtime/card';
import { sendToConversation } from '../shared/runtime/send';
import { SUB_FLOW_UNAVAILABLE_MESSAGE, subFlowReference, subFlowUnavailable } from './sub-flow';
import { subtitleExpression } from '../shared/ui/subtitle';

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
		// n8n hands a subtitle only the selector's id (never its cachedResultName), which says nothing on the
		// canvas: the subtitle says whether a flow is chosen; the card's name says which ("Vai para Comercial").
		subtitle: subtitleExpression(`String($parameter["workflowId"] ?? "").trim() ? "continua no subfluxo" : "(escolha o fluxo)"`),
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
			const reference = subFlowReference(this.getNodeParameter('workflowId', itemIndex));
			const workflowId = reference.id;
			if (!workflowId) {
				throw new NodeOperationError(this.getNode(), 'Nenhum fluxo escolhido', { itemIndex, description: 'Escolha em "Fluxo" o fluxo que continua o atendimento.' });
			}
			const proxy = this.getWorkflowDataProxy(itemIndex);
			const handedOver = outputItem(items[itemIndex], conversation, itemIndex);
			let result: Awaited<ReturnType<IExecuteFunctions['executeWorkflow']>>;
			try {
				result = await this.executeWorkflow({ id: workflowId }, [handedOver], undefined, {
					doNotWaitToFinish: true,
					parentExecution: { executionId: proxy.$execution.id, workflowId: proxy.$workflow.id as string, shouldResume: false },
				});
			} catch (error) {
				// Whatever n8n's reason (deleted, unpublished, an id from another installation), the customer
				// is told and the atendimento ends, so the next message starts over; the execution fails naming the card.
				const card = this.getNode().name;
				const failure = subFlowUnavailable(card, reference);
				logLine(this.logger, 'error', `${failure.message}: ${errorText(error)}`, { node: card, protocolo: conversation.protocolo, workflowId });
				try {
					await sendToConversation(this, conversation, [{ kind: 'text', text: SUB_FLOW_UNAVAILABLE_MESSAGE }]);
				} finally {
					await endConversation(conversation.id, { reason: 'subfluxo_indisponivel', resolved: false, node: card });
				}
				throw new NodeOperationError(this.getNode(), failure.message, { itemIndex, description: `${failure.description} Erro do n8n: ${errorText(error)}` });
			}
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

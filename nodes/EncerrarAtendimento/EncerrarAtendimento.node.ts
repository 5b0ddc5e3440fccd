import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { outputItem } from '../shared/runtime/atendimento';
import { endConversation, forEachConversationItem, templateVariablesOf } from '../shared/runtime/card';
import { sendToConversation } from '../shared/runtime/send';
import { renderTemplate } from '../shared/text/template';
import { variablesHint } from '../shared/ui/variables-hint';

/** "Encerrar Atendimento": final message and the end of the conversation (a flow may have several). */
export class EncerrarAtendimento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Encerrar Atendimento',
		name: 'encerrarAtendimento',
		icon: 'file:encerrarAtendimento.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["resolved"] ? "Resolvido" : "Não resolvido" }}',
		description: 'Envia a mensagem final e encerra o atendimento; a próxima mensagem do cliente abre um novo',
		defaults: { name: 'Encerrar Atendimento' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Mensagem final',
				name: 'finalMessage',
				type: 'string',
				typeOptions: { rows: 3 },
				default: 'Atendimento encerrado. Protocolo: {{protocolo}}. Obrigado pelo contato!',
				description: 'Deixe vazio para encerrar sem mensagem. ' + variablesHint,
			},
			{
				displayName: 'Resolvido pelo bot',
				name: 'resolved',
				type: 'boolean',
				default: true,
				description: 'Se o atendimento conta como resolvido no relatório',
			},
			{
				displayName: 'Motivo',
				name: 'reason',
				type: 'string',
				default: 'concluido',
				description: 'Motivo do encerramento registrado nos eventos (ex.: segunda_via_enviada)',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return await forEachConversationItem(this, async (conversation, itemIndex) => {
			const text = renderTemplate(this.getNodeParameter('finalMessage', itemIndex) as string, templateVariablesOf(conversation)).trim();
			if (text) await sendToConversation(this, conversation, [{ kind: 'text', text }]);
			const ended = await endConversation(conversation.id, {
				reason: (this.getNodeParameter('reason', itemIndex) as string) || 'concluido',
				resolved: this.getNodeParameter('resolved', itemIndex) as boolean,
				node: this.getNode().name,
			});
			return outputItem(items[itemIndex], ended ?? conversation, itemIndex, { encerrado: true });
		});
	}
}

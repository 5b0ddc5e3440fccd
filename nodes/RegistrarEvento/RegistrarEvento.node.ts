import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import { outputItem } from '../shared/runtime/atendimento';
import { endIfLastCard, forEachConversationItem } from '../shared/runtime/card';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/** "Registrar Evento": a custom event on the conversation (e.g. the demand chosen), for the reports. */
export class RegistrarEvento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Registrar Evento',
		name: 'registrarEvento',
		icon: 'file:registrarEvento.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(subtitleText('$parameter["eventType"]', '(sem tipo)')),
		description: 'Registra um evento personalizado no atendimento (ex.: demanda escolhida), usado nos relatórios',
		defaults: { name: 'Registrar Evento' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Evento',
				name: 'eventType',
				type: 'string',
				default: 'demanda',
				required: true,
				placeholder: 'demanda',
				description: 'Nome do evento (ex.: demanda, cancelamento_motivo)',
			},
			{
				displayName: 'Dados',
				name: 'data',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Adicionar campo',
				default: {},
				options: [
					{
						name: 'values',
						displayName: 'Campo',
						values: [
							{ displayName: 'Nome', name: 'name', type: 'string', default: '' },
							{ displayName: 'Valor', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return await forEachConversationItem(this, async (conversation, itemIndex) => {
			const type = (this.getNodeParameter('eventType', itemIndex) as string).trim();
			if (!type) {
				throw new NodeOperationError(this.getNode(), 'Evento sem nome', { itemIndex, description: 'Dê um nome ao evento, ex.: demanda.' });
			}
			const fields = (this.getNodeParameter('data', itemIndex, {}) as { values?: Array<{ name: string; value: string }> }).values ?? [];
			const data: IDataObject = {};
			for (const field of fields) if (field.name.trim()) data[field.name.trim()] = field.value;
			const updated = (await getConversationStore().update(conversation.id, (record) => {
				record.events = appendEvent(record.events, { at: Date.now(), type, node: this.getNode().name, data });
			}))!;
			await endIfLastCard(this, conversation.id);
			return outputItem(items[itemIndex], updated, itemIndex, { evento: { tipo: type, dados: data } });
		});
	}
}

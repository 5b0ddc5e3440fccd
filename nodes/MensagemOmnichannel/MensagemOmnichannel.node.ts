import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { approvedTemplatesOf, chosenTemplate, templateOptions, templateVariableOptions, WHATSAPP_CREDENTIAL_TYPE } from '../shared/channels/whatsapp/n8n-templates';
import { TemplateVariableError, type VariableMapping } from '../shared/channels/whatsapp/templates';
import { messageProperties } from './description';
import { templateMessage } from './message';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/**
 * "Mensagem Omnichannel": picks an approved WhatsApp template (listed from the WABA) and fills its
 * variables from each item, adding `mensagem` (a QueuedTemplateMessage) to the item. Sends nothing:
 * "Enfileirar Envio" queues it and "Processar Fila" sends it.
 */
export class MensagemOmnichannel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mensagem Omnichannel',
		name: 'mensagemOmnichannel',
		icon: 'file:mensagemOmnichannel.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(subtitleText('($parameter["template"] ?? "").split("|")[0]', '(escolha o template)')),
		description: 'Monta a mensagem de um template aprovado do WhatsApp para cada item (variáveis e prévia do texto)',
		defaults: { name: 'Mensagem Omnichannel' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: WHATSAPP_CREDENTIAL_TYPE, required: true }],
		properties: messageProperties,
	};

	methods = {
		loadOptions: {
			listTemplates: templateOptions,
			listTemplateVariables: templateVariableOptions,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const templates = await approvedTemplatesOf(this);
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const template = chosenTemplate(this.getNode(), templates, this.getNodeParameter('template', itemIndex) as string, itemIndex);
				const variables = this.getNodeParameter('variables', itemIndex, {}) as { values?: VariableMapping[] };
				const mensagem = templateMessage(template, variables.values ?? []);
				output.push({ json: { ...items[itemIndex].json, mensagem: mensagem as unknown as IDataObject }, pairedItem: { item: itemIndex } });
			} catch (caught) {
				const error =
					caught instanceof TemplateVariableError ? new NodeOperationError(this.getNode(), caught.message, { itemIndex, description: caught.description }) : caught;
				if (!this.continueOnFail()) throw error;
				output.push({ json: { ...items[itemIndex].json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}

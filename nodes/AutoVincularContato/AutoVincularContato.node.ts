import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { AUTO_LINK_OUTPUTS, autoLinkAction, type AutoLinkParameters } from './action';
import { autoLinkProperties } from './description';

function readParameters(read: (name: string, fallback: unknown) => unknown): AutoLinkParameters {
	return { linkedMessage: String(read('linkedMessage', '')), notLinkedMessage: String(read('notLinkedMessage', '')) };
}

/** "Auto Vincular Contato": links the conversation to the ERP customer registered with the contact's phone. */
export class AutoVincularContato implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auto Vincular Contato',
		name: 'autoVincularContato',
		icon: 'file:autoVincularContato.svg',
		version: 1,
		subtitle: 'ERP: identifica o cliente pelo telefone',
		description: 'Vincula o atendimento ao cliente do ERP cadastrado com o número de WhatsApp do contato, sem perguntar nada',
		defaults: { name: 'Auto Vincular Contato' },
		...erpCardDescription(AUTO_LINK_OUTPUTS),
		properties: autoLinkProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback));
		return await executeErpCard(this, autoLinkAction(parameters, this.getNode().name));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const parameters = readParameters((name, fallback) => this.getNodeParameter(name, fallback));
		return await webhookErpCard(this, autoLinkAction(parameters, this.getNode().name));
	}
}

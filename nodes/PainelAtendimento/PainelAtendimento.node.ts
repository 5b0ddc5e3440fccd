import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { ERP_CREDENTIAL_TYPE } from '../shared/erp/n8n-transport';
import { painelProperties } from './description';
import { handlePainelWebhook } from './webhook';

/**
 * "Painel de Atendimento": serves the Painel do Atendente (the page and its JSON API) at its path,
 * like the web chat, with no extra server. It never starts executions: every request is answered by
 * the node itself (docs/arquitetura.md, Painel do Atendente).
 */
export class PainelAtendimento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Painel de Atendimento',
		name: 'painelAtendimento',
		icon: 'file:painel.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "/webhook/" + $parameter["path"] }}',
		description: 'Painel do Atendente no navegador: equipes, atendentes e as conversas transferidas, ao vivo',
		defaults: { name: 'Painel de Atendimento' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'atendimentoPainelApi', required: true },
			{ name: ERP_CREDENTIAL_TYPE, required: true, displayOptions: { show: { erpIntegration: [true] } } },
		],
		webhooks: [
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true },
			{ name: 'setup', httpMethod: 'POST', responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true },
		],
		properties: painelProperties,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handlePainelWebhook(this);
	}
}

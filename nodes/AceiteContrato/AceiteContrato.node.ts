import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { CONTRACT_ACCEPTANCE_OUTPUTS, contractAcceptanceAction, type ContractAcceptanceParameters } from './action';
import { CONTRACT_ACCEPTANCE_DEFAULTS, contractAcceptanceProperties } from './description';

function readParameters(read: (name: string, fallback: unknown) => unknown): ContractAcceptanceParameters {
	const text = (name: keyof ContractAcceptanceParameters) => String(read(name, '') ?? '').trim() || CONTRACT_ACCEPTANCE_DEFAULTS[name];
	return {
		notLinkedMessage: text('notLinkedMessage'),
		notPhoneVerifiedMessage: text('notPhoneVerifiedMessage'),
		nothingPendingMessage: text('nothingPendingMessage'),
		contractPrompt: text('contractPrompt'),
		helpText: text('helpText'),
		confirmationText1: text('confirmationText1'),
		confirmationText2: text('confirmationText2'),
		successMessage: text('successMessage'),
		refusedMessage: text('refusedMessage'),
	};
}

/** "Aceite de Contrato": sends the contract awaiting signature as a PDF, asks two confirmations and records the acceptance in the ERP. */
export class AceiteContrato implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aceite de Contrato',
		name: 'aceiteContrato',
		icon: 'file:aceiteContrato.svg',
		version: 1,
		subtitle: 'ERP: aceite do contrato',
		description: 'Envia o contrato aguardando assinatura em PDF, pede a confirmação do cliente e registra o aceite eletrônico no ERP',
		defaults: { name: 'Aceite de Contrato' },
		...erpCardDescription(CONTRACT_ACCEPTANCE_OUTPUTS),
		properties: contractAcceptanceProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, contractAcceptanceAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, contractAcceptanceAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

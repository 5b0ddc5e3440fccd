import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { VALIDATE_CUSTOMER_OUTPUTS, validateCustomerAction, type ValidateCustomerParameters } from './action';
import { validateCustomerProperties } from './description';

function readParameters(read: (name: string, fallback: unknown) => unknown): ValidateCustomerParameters {
	return { successMessage: String(read('successMessage', '')) };
}

/** "Validar Cadastro": identifies the customer by CPF/CNPJ in the ERP and links it to the conversation. */
export class ValidarCadastro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Validar Cadastro',
		name: 'validarCadastro',
		icon: 'file:validarCadastro.svg',
		version: 1,
		subtitle: 'ERP: identifica o cliente (CPF/CNPJ)',
		description: 'Pede o CPF/CNPJ e confere no ERP se o cliente tem cadastro; o atendimento fica vinculado ao cliente',
		defaults: { name: 'Validar Cadastro' },
		...erpCardDescription(VALIDATE_CUSTOMER_OUTPUTS),
		properties: validateCustomerProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, validateCustomerAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, validateCustomerAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { TWO_FACTOR_OUTPUTS, twoFactorAction, type TwoFactorParameters } from './action';
import { twoFactorProperties } from './description';

function readParameters(read: (name: string, fallback: unknown) => unknown): TwoFactorParameters {
	return {
		loginPrompt: String(read('firstPhasePrompt', '')),
		passwordPrompt: String(read('secondPhasePrompt', '')),
		wrongCredentialsMessage: String(read('wrongCredentialsMessage', '')),
		successMessage: String(read('successMessage', '')),
	};
}

/** "Autenticação em Duas Etapas": CPF/CNPJ plus the subscriber-portal login and password, checked by the ERP. */
export class AutenticacaoDuasEtapas implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Autenticação em Duas Etapas',
		name: 'autenticacaoDuasEtapas',
		icon: 'file:autenticacaoDuasEtapas.svg',
		version: 1,
		subtitle: 'ERP: CPF/CNPJ e senha da Central',
		description: 'Confirma a identidade do cliente com o CPF/CNPJ e o login e a senha da Central do Assinante',
		defaults: { name: 'Autenticação em Duas Etapas' },
		...erpCardDescription(TWO_FACTOR_OUTPUTS),
		properties: twoFactorProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, twoFactorAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, twoFactorAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

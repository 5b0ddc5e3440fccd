import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { WIFI_PASSWORD_OUTPUTS, wifiPasswordAction, type WifiPasswordParameters } from './action';
import { WIFI_PASSWORD_DEFAULTS, wifiPasswordProperties } from './description';

function readParameters(read: (name: string, fallback: unknown) => unknown): WifiPasswordParameters {
	const messages = (read('wifiMessages', {}) ?? {}) as Partial<Record<keyof WifiPasswordParameters, unknown>>;
	const text = (name: keyof WifiPasswordParameters) => (typeof messages[name] === 'string' && messages[name].trim()) || WIFI_PASSWORD_DEFAULTS[name];
	return { prompt: text('prompt'), successMessage: text('successMessage'), refusedMessage: text('refusedMessage') };
}

/** "Alterar Senha Wi-Fi": the customer types a new router password and the ERP's ACS applies it. */
export class AlterarSenhaWifi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alterar Senha Wi-Fi',
		name: 'alterarSenhaWifi',
		icon: 'file:alterarSenhaWifi.svg',
		version: 1,
		subtitle: 'ERP: nova senha do Wi-Fi',
		description: 'Pede a nova senha do Wi-Fi ao cliente e altera a senha do roteador pelo ACS do ERP',
		defaults: { name: 'Alterar Senha Wi-Fi' },
		...erpCardDescription(WIFI_PASSWORD_OUTPUTS),
		properties: wifiPasswordProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, wifiPasswordAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, wifiPasswordAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

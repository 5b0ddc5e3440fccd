import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { SPEED_RELEASE_OUTPUTS, speedReleaseAction, type SpeedReleaseParameters } from './action';
import { speedReleaseProperties } from './description';

function readParameters(read: (name: string, fallback: unknown) => unknown): SpeedReleaseParameters {
	return {
		successMessage: String(read('successMessage', '')),
		refusedMessage: String(read('refusedMessage', '')),
		notReducedMessage: String(read('notReducedMessage', '')),
	};
}

/** "Liberar Redução de Velocidade": lifts the speed reduction of the customer's contract through the ERP. */
export class LiberarReducaoVelocidade implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Liberar Redução de Velocidade',
		name: 'liberarReducaoVelocidade',
		icon: 'file:liberarReducaoVelocidade.svg',
		version: 1,
		subtitle: 'ERP: retira a redução de velocidade',
		description: 'Retira pelo ERP a redução de velocidade aplicada ao contrato do cliente (por exemplo, por atraso)',
		defaults: { name: 'Liberar Redução de Velocidade' },
		...erpCardDescription(SPEED_RELEASE_OUTPUTS),
		properties: speedReleaseProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, speedReleaseAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, speedReleaseAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

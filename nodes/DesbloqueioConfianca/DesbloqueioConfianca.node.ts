import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { TRUST_UNLOCK_OUTPUTS, trustUnlockAction, type TrustUnlockParameters } from './action';
import { trustUnlockProperties } from './description';

function readParameters(read: (name: string, fallback: unknown) => unknown): TrustUnlockParameters {
	return {
		successMessage: String(read('successMessage', '')),
		successWithoutDateMessage: String(read('successWithoutDateMessage', '')),
		fullUnlockMessage: String(read('fullUnlockMessage', '')),
		successInvoicesOnHoldMessage: String(read('successInvoicesOnHoldMessage', '')),
		alreadyUsedMessage: String(read('alreadyUsedMessage', '')),
		refusedMessage: String(read('refusedMessage', '')),
		alreadyActiveMessage: String(read('alreadyActiveMessage', '')),
	};
}

/** "Desbloqueio de Confiança": releases the customer's blocked contract through the ERP. */
export class DesbloqueioConfianca implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Desbloqueio de Confiança',
		name: 'desbloqueioConfianca',
		icon: 'file:desbloqueioConfianca.svg',
		version: 1,
		subtitle: 'ERP: desbloqueio de confiança',
		description: 'Desbloqueia em confiança o contrato bloqueado por atraso, conforme a regra do ERP, e informa até quando vale ou quando poderá ser usado de novo',
		defaults: { name: 'Desbloqueio de Confiança' },
		...erpCardDescription(TRUST_UNLOCK_OUTPUTS),
		properties: trustUnlockProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, trustUnlockAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, trustUnlockAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

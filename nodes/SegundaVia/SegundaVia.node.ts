import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { SECOND_COPY_OUTPUTS, secondCopyAction, type SecondCopyParameters } from './action';
import { secondCopyProperties } from './description';
import { subtitleExpression, subtitleLabel } from '../shared/ui/subtitle';

function readParameters(read: (name: string, fallback: unknown) => unknown): SecondCopyParameters {
	return {
		invoiceSelection: read('invoiceSelection', 'ask') as SecondCopyParameters['invoiceSelection'],
		sendPdf: read('sendPdf', true) as boolean,
		sendPix: read('sendPix', true) as boolean,
		introMessage: String(read('introMessage', '')),
		pixIntro: String(read('pixIntro', '')),
		noInvoiceMessage: String(read('noInvoiceMessage', '')),
		invoicePrompt: String(read('invoicePrompt', '')),
	};
}

/** "Segunda Via": sends the open invoice(s) of the customer's contract — boleto PDF, linha digitável, Pix. */
export class SegundaVia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segunda Via',
		name: 'segundaVia',
		icon: 'file:segundaVia.svg',
		version: 1,
		subtitle: subtitleExpression(`"Segunda via: " + ${subtitleLabel('invoiceSelection', { ask: 'pergunta a fatura', oldest: 'a mais antiga', all: 'todas as faturas' })} + " · " + ([$parameter["sendPdf"] ? "PDF" : "", $parameter["sendPix"] ? "Pix" : ""].filter((part) => part).join(" + ") || "linha digitável")`),
		description: 'Envia a segunda via da fatura (PDF, linha digitável e Pix copia e cola) direto do ERP',
		defaults: { name: 'Segunda Via' },
		...erpCardDescription(SECOND_COPY_OUTPUTS),
		properties: secondCopyProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, secondCopyAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, secondCopyAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { FISCAL_NOTE_OUTPUTS, fiscalNoteAction, type FiscalNoteParameters } from './action';
import { fiscalNoteProperties } from './description';
import { subtitleExpression } from '../shared/ui/subtitle';

function readParameters(read: (name: string, fallback: unknown) => unknown): FiscalNoteParameters {
	return {
		notesToSend: Number(read('notesToSend', 1)) || 1,
		introMessage: String(read('introMessage', '')),
		noPdfMessage: String(read('noPdfMessage', '')),
		noNotesMessage: String(read('noNotesMessage', '')),
	};
}

/** "Nota Fiscal": sends the latest fiscal note(s) of the customer's contract, as PDF or link. */
export class NotaFiscal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nota Fiscal',
		name: 'notaFiscal',
		icon: 'file:notaFiscal.svg',
		version: 1,
		subtitle: subtitleExpression('($parameter["notesToSend"] ?? 1) > 1 ? "Nota fiscal: as " + $parameter["notesToSend"] + " últimas" : "Nota fiscal: a última"'),
		description: 'Envia ao cliente a nota fiscal mais recente do contrato (PDF ou link), direto do ERP',
		defaults: { name: 'Nota Fiscal' },
		...erpCardDescription(FISCAL_NOTE_OUTPUTS),
		properties: fiscalNoteProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, fiscalNoteAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, fiscalNoteAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

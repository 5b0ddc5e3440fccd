import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { DIAGNOSTIC_VARIABLE } from '../shared/erp/diagnostic';
import { DIAGNOSTIC_OUTPUTS, diagnosticAction } from './action';
import { diagnosticProperties } from './description';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

function variableNameOf(read: (name: string, fallback: unknown) => unknown): string {
	const name = String(read('variableName', DIAGNOSTIC_VARIABLE) ?? '').trim();
	return name || DIAGNOSTIC_VARIABLE;
}

/** "Diagnóstico": checks the customer's contract in the ERP and stores the result for the Condicional. */
export class Diagnostico implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diagnóstico',
		name: 'diagnostico',
		icon: 'file:diagnostico.svg',
		version: 1,
		subtitle: subtitleExpression(`"Diagnóstico em var." + ${subtitleText('$parameter["variableName"]', 'diagnostico')}`),
		description: 'Consulta no ERP se o cliente está ativo, bloqueado ou inativo, com financeiro em atraso, com desbloqueio de confiança ativo e online ou offline, para o Condicional "Diagnóstico"',
		defaults: { name: 'Diagnóstico' },
		...erpCardDescription(DIAGNOSTIC_OUTPUTS),
		properties: diagnosticProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, diagnosticAction(variableNameOf((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, diagnosticAction(variableNameOf((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

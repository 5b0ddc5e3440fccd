import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { OPEN_TICKET_OUTPUTS, openTicketAction, type OpenTicketParameters } from './action';
import { OPEN_TICKET_DEFAULTS, openTicketProperties, type OpenTicketText } from './description';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

function readParameters(read: (name: string, fallback: unknown) => unknown): OpenTicketParameters {
	const raw = (name: string) => String(read(name, '') ?? '').trim();
	const text = (name: OpenTicketText) => raw(name) || OPEN_TICKET_DEFAULTS[name];
	return {
		departmentSelection: read('departmentSelection', 'ask') as OpenTicketParameters['departmentSelection'],
		departmentId: raw('departmentId'),
		departmentPrompt: text('departmentPrompt'),
		subject: text('subject'),
		subjectId: raw('subjectId'),
		description: raw('description'),
		descriptionPrompt: text('descriptionPrompt'),
		successMessage: text('successMessage'),
	};
}

/** "Abrir Atendimento no ERP": opens a ticket in the ERP for the customer's contract and sends its protocol. */
export class AbrirAtendimentoErp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Abrir Atendimento no ERP',
		name: 'abrirAtendimentoErp',
		icon: 'file:abrirAtendimentoErp.svg',
		version: 1,
		subtitle: subtitleExpression(`"Abrir atendimento: " + ($parameter["departmentSelection"] === "fixed" ? "departamento " + ${subtitleText('$parameter["departmentId"]', '(escolha)', 16)} : "cliente escolhe o setor")`),
		description: 'Abre um atendimento (chamado) no ERP com departamento, assunto e descrição, e envia o protocolo ao cliente',
		defaults: { name: 'Abrir Atendimento no ERP' },
		...erpCardDescription(OPEN_TICKET_OUTPUTS),
		properties: openTicketProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, openTicketAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, openTicketAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { testErpCredential } from '../shared/erp/credential-test';
import { executeErpCard, readCommonParameters, webhookErpCard } from '../shared/erp/card/engine';
import { erpCardDescription } from '../shared/erp/card/properties';
import { MANAGE_ACCOUNTS_OUTPUTS, manageAccountsAction, type ManageAccountsParameters } from './action';
import { manageAccountsProperties } from './description';
import { subtitleExpression, subtitleLabel } from '../shared/ui/subtitle';

function readParameters(read: (name: string, fallback: unknown) => unknown): ManageAccountsParameters {
	return {
		operation: read('account', 'menu') as ManageAccountsParameters['operation'],
		menuPrompt: String(read('menuPrompt', '')),
		addPrompt: String(read('addPrompt', '')),
		notFoundMessage: readCommonParameters(read).notFoundMessage,
		addedMessage: String(read('addedMessage', '')),
		switchPrompt: String(read('switchPrompt', '')),
		switchedMessage: String(read('switchedMessage', '')),
		noAccountsMessage: String(read('noAccountsMessage', '')),
	};
}

/** "Gerenciar Contas": adds another customer account by CPF/CNPJ, or switches the conversation between accounts. */
export class GerenciarContas implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gerenciar Contas',
		name: 'gerenciarContas',
		icon: 'file:gerenciarContas.svg',
		version: 1,
		subtitle: subtitleExpression(subtitleLabel('account', { menu: 'Contas: adicionar ou trocar', addAccount: 'Contas: adicionar conta', switchAccount: 'Contas: trocar de conta' }, 'Contas')),
		description: 'Adiciona a conta de outro CPF/CNPJ ao atendimento ou troca entre as contas vinculadas ao contato',
		defaults: { name: 'Gerenciar Contas' },
		...erpCardDescription(MANAGE_ACCOUNTS_OUTPUTS),
		properties: manageAccountsProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeErpCard(this, manageAccountsAction(readParameters((name, fallback) => this.getNodeParameter(name, 0, fallback))));
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookErpCard(this, manageAccountsAction(readParameters((name, fallback) => this.getNodeParameter(name, fallback))));
	}
}

import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ERP_NAMES } from '../shared/erp/adapters';
import { testErpCredential } from '../shared/erp/credential-test';
import { createIxcClient } from '../shared/erp/ixc/client';
import { listStatusLogins } from '../shared/erp/ixc/logins';
import { ERP_CREDENTIAL_TYPE, erpCredentialsOf, n8nErpTransport } from '../shared/erp/n8n-transport';
import { erpSourceNodeError, type ErpErrorHints } from '../shared/erp/source-errors';
import { statusLoginsProperties } from './description';
import { statusLoginsQuery, StatusLoginsParameterError, type StatusLoginsParameters } from './parameters';

const ERROR_HINTS: ErpErrorHints = {
	timeout: 'O IXC demorou a responder. Tente de novo, ou diminua "Logins Por Página" nas opções.',
	indisponivel: 'O IXC está fora do ar ou respondeu com erro. Tente de novo em alguns minutos.',
	autenticacao: 'Confira a URL e o token da credencial "ERP do Provedor" e se o IP do n8n está liberado no IXC.',
	erro_erp: 'O IXC recusou a consulta. Confira os filtros (códigos de concentrador e cidade).',
	nao_suportado: 'O usuário do webservice precisa de acesso às tabelas radusuarios, cliente e cliente_contrato.',
};

/**
 * "Status Logins": the source of the omnichannel broadcast (docs/arquitetura.md §8). Lists IXC Provedor's logins
 * with the report's filters, each with its customer and contract, one output item per login.
 */
export class StatusLogins implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Status Logins',
		name: 'statusLogins',
		icon: 'file:statusLogins.svg',
		group: ['input'],
		version: 1,
		subtitle: '={{ {"S":"Online","N":"Offline","SS":"Sem status","offlineOrNoStatus":"Offline ou sem status"}[$parameter["loginFilters"]["online"]] ?? "Todos os logins" }}',
		description: 'Lista logins do IXC Provedor (online/offline, concentrador, plano, cidade…) com cliente e contrato, para disparos',
		defaults: { name: 'Status Logins' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ERP_CREDENTIAL_TYPE, required: true, testedBy: 'testErpCredential' }],
		properties: statusLoginsProperties,
	};

	methods = { credentialTest: { testErpCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await erpCredentialsOf(this);
		if (credentials.system !== 'ixc') {
			throw new NodeOperationError(this.getNode(), `Status Logins funciona só com o IXC Provedor (a credencial é do ${ERP_NAMES[credentials.system] ?? credentials.system})`, {
				description: 'O relatório Status Logins é do IXC. Escolha uma credencial "ERP do Provedor" com Sistema = IXC Provedor.',
			});
		}
		const client = createIxcClient(n8nErpTransport(this), credentials);
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const parameters: StatusLoginsParameters = {
					loginFilters: this.getNodeParameter('loginFilters', itemIndex, {}) as StatusLoginsParameters['loginFilters'],
					customerFilters: this.getNodeParameter('customerFilters', itemIndex, {}) as StatusLoginsParameters['customerFilters'],
					sortBy: this.getNodeParameter('sortBy', itemIndex, 'id') as string,
					sortOrder: this.getNodeParameter('sortOrder', itemIndex, 'asc') as string,
					options: this.getNodeParameter('options', itemIndex, {}) as StatusLoginsParameters['options'],
				};
				const query = statusLoginsQuery(parameters, this.getTimezone());
				await listStatusLogins(client, query, (logins) => {
					for (const login of logins) output.push({ json: login as unknown as IDataObject, pairedItem: { item: itemIndex } });
				});
			} catch (error) {
				const failure = erpSourceNodeError(this, error, itemIndex, ERROR_HINTS, (candidate): candidate is StatusLoginsParameterError => candidate instanceof StatusLoginsParameterError);
				if (!this.continueOnFail()) throw failure;
				output.push({ json: { error: failure.message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}

import {
	NodeConnectionTypes,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type INodeCredentialTestResult,
	type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { parseInitialPasswords } from '../shared/desk/auth';
import { ERP_CREDENTIAL_TYPE } from '../shared/erp/n8n-transport';
import { painelProperties } from './description';
import { handlePainelWebhook } from './webhook';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/**
 * "Painel de Atendimento": serves the Painel do Atendente (the page and its JSON API) at its path,
 * like the web chat, with no extra server. It never starts executions: every request is answered by
 * the node itself (docs/arquitetura.md, Painel do Atendente).
 */
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete -- the webhook serves the desk itself (like the web chat); there is no third-party service to register it with
export class PainelAtendimento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Painel de Atendimento',
		name: 'painelAtendimento',
		icon: 'file:painel.svg',
		group: ['trigger'],
		version: 1,
		subtitle: subtitleExpression(`"/webhook/" + ${subtitleText('$parameter["path"]', '(sem caminho)')}`),
		description: 'Painel do Atendente no navegador: equipes, atendentes e as conversas transferidas, ao vivo',
		defaults: { name: 'Painel de Atendimento' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'atendimentoPainelApi', required: true, testedBy: 'testPainelCredential' },
			{ name: ERP_CREDENTIAL_TYPE, required: true, displayOptions: { show: { erpIntegration: [true] } } },
		],
		webhooks: [
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true },
			{ name: 'setup', httpMethod: 'POST', responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true },
		],
		properties: painelProperties,
	};

	methods = {
		credentialTest: {
			/** "Testar": at least one well-formed `login: senha` line. */
			async testPainelCredential(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const logins = parseInitialPasswords(String(credential.data?.senhasIniciais ?? ''));
				return logins.size > 0
					? { status: 'OK', message: `${logins.size} ${logins.size === 1 ? 'senha' : 'senhas'}: ${[...logins.keys()].join(', ')}` }
					: { status: 'Error', message: 'Nenhuma linha "login: senha" encontrada.' };
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handlePainelWebhook(this);
	}
}

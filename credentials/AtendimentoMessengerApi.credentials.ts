import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { BEARER_AUTHENTICATION, metaMessagingSharedFields } from './meta-messaging-fields';

/** Facebook Messenger (Meta's Messenger Platform, a Facebook Page) for the "Início do Atendimento" trigger. */
export class AtendimentoMessengerApi implements ICredentialType {
	name = 'atendimentoMessengerApi';

	displayName = 'Atendimento: Facebook Messenger API';

	documentationUrl = 'https://developers.facebook.com/docs/messenger-platform';

	icon = 'file:messenger.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'ID da Página',
			name: 'pageId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '104123456789012',
			description: 'ID da Página do Facebook (Página > Sobre > Transparência da Página, ou Messenger > Configurações da API no app)',
		},
		{
			displayName: 'Token de acesso da Página',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Token da Página gerado em Messenger > Configurações da API, com a permissão pages_messaging',
		},
		...metaMessagingSharedFields('Messenger'),
		{
			displayName: 'URL base',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description: 'Troque apenas para testes (simulador)',
		},
	];

	authenticate: IAuthenticateGeneric = BEARER_AUTHENTICATION;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/$/, "")}}/{{$credentials.apiVersion}}',
			url: '=/{{$credentials.pageId}}',
			qs: { fields: 'id,name' },
		},
	};
}

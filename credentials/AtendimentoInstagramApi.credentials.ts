import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { BEARER_AUTHENTICATION, metaMessagingSharedFields } from './meta-messaging-fields';

/**
 * Instagram Direct (Meta's Messenger Platform for Instagram) for the "Início do Atendimento" trigger:
 * through the Facebook Page linked to the account (graph.facebook.com, Page token) or with the
 * "Instagram API with Instagram Login" (graph.instagram.com, Instagram user token, no Page).
 */
export class AtendimentoInstagramApi implements ICredentialType {
	name = 'atendimentoInstagramApi';

	displayName = 'Atendimento: Instagram Direct API';

	documentationUrl = 'https://developers.facebook.com/docs/instagram-platform';

	icon = 'file:instagram.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Tipo de acesso',
			name: 'loginType',
			type: 'options',
			options: [
				{ name: 'Pela Página do Facebook Vinculada', value: 'facebookPage', description: 'Token da Página (graph.facebook.com), permissão instagram_manage_messages' },
				{ name: 'Login Do Instagram (Sem Página)', value: 'instagramLogin', description: 'Token de usuário do Instagram (graph.instagram.com), permissão instagram_business_manage_messages' },
			],
			default: 'facebookPage',
		},
		{
			displayName: 'ID da conta profissional do Instagram',
			name: 'instagramAccountId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '17841400000000000',
			description: 'ID da conta profissional (o "id" de cada entrada dos webhooks do Instagram)',
		},
		{
			displayName: 'Token de acesso',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Token da Página vinculada à conta, ou o token de usuário do Instagram (login do Instagram)',
		},
		...metaMessagingSharedFields('Instagram'),
		{
			displayName: 'URL base',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://graph.facebook.com',
			description: 'Vazio: graph.facebook.com (pela Página) ou graph.instagram.com (login do Instagram). Troque apenas para testes (simulador).',
		},
	];

	authenticate: IAuthenticateGeneric = BEARER_AUTHENTICATION;

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{($credentials.baseUrl || ($credentials.loginType === "instagramLogin" ? "https://graph.instagram.com" : "https://graph.facebook.com")).replace(/\\/$/, "")}}/{{$credentials.apiVersion}}',
			url: '/me',
			qs: { fields: 'id' },
		},
	};
}

import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** WhatsApp Business Cloud API (Meta Graph API) for the "Início do Atendimento" trigger. */
export class AtendimentoWhatsAppApi implements ICredentialType {
	name = 'atendimentoWhatsAppApi';

	displayName = 'Atendimento: WhatsApp Cloud API';

	documentationUrl = 'https://developers.facebook.com/docs/whatsapp/cloud-api';

	icon = 'file:whatsapp.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Token de acesso',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Token permanente de usuário do sistema (Meta Business), com as permissões whatsapp_business_messaging e whatsapp_business_management',
		},
		{
			displayName: 'ID do número de telefone',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			required: true,
			description: 'Phone number ID mostrado em WhatsApp > Configuração da API',
		},
		{
			displayName: 'ID da conta do WhatsApp Business (WABA)',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			description: 'Necessário para listar os templates aprovados',
		},
		{
			displayName: 'Chave secreta do app',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'App Secret do app da Meta: confere a assinatura X-Hub-Signature-256 de cada webhook',
		},
		{
			displayName: 'Token de verificação do webhook',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'O mesmo texto digitado em "Verify token" ao configurar o webhook no painel da Meta',
		},
		{
			displayName: 'Versão da API',
			name: 'apiVersion',
			type: 'string',
			default: 'v25.0',
		},
		{
			displayName: 'URL base',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description: 'Troque apenas para testes (simulador)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/$/, "")}}/{{$credentials.apiVersion}}',
			url: '=/{{$credentials.phoneNumberId}}',
		},
	};
}

import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields the Facebook Messenger and Instagram Direct credentials share: both are Meta's Messenger
 * Platform (same webhook handshake and signature, same Send API), so only the account id and the kind
 * of token differ between them.
 */
export function metaMessagingSharedFields(platform: 'Messenger' | 'Instagram'): INodeProperties[] {
	return [
		{
			displayName: 'Chave secreta do app',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				platform === 'Instagram'
					? 'App Secret do app da Meta (com "Instagram API com login do Instagram", a "Chave secreta do app do Instagram"): confere a assinatura X-Hub-Signature-256 de cada webhook'
					: 'App Secret do app da Meta (Configurações do app > Básico): confere a assinatura X-Hub-Signature-256 de cada webhook',
		},
		{
			displayName: 'Token de verificação do webhook',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'O mesmo texto digitado em "Verificar token" ao configurar o webhook no painel da Meta',
		},
		{
			displayName: 'Versão da API',
			name: 'apiVersion',
			type: 'string',
			default: 'v26.0',
			description: 'Versão da Graph API usada nos envios (ex.: v26.0)',
		},
	];
}

/** The token as an `Authorization: Bearer` header, accepted by graph.facebook.com and graph.instagram.com. */
export const BEARER_AUTHENTICATION = {
	type: 'generic' as const,
	properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
};

import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Chatwoot (Agent Bot API) for the "Início do Atendimento" trigger: the bot serves one inbox of one
 * account. Every Chatwoot token goes in the `api_access_token` header (docs/apis-externas.md §G).
 * The test reaches the server's public `GET /api` (version and health): a bot token may call no read
 * endpoint that exists on every Chatwoot version, so the tokens are checked at their first use.
 */
export class AtendimentoChatwootApi implements ICredentialType {
	name = 'atendimentoChatwootApi';

	displayName = 'Atendimento: Chatwoot API';

	documentationUrl = 'https://www.chatwoot.com/hc/user-guide/articles/1677497472-how-to-use-agent-bots';

	icon = 'file:chatwoot.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'URL do Chatwoot',
			name: 'url',
			type: 'string',
			default: 'https://app.chatwoot.com',
			required: true,
			placeholder: 'https://chat.meuprovedor.com.br',
			description: 'Endereço do seu Chatwoot (o mesmo que você abre no navegador), sem barra no fim',
		},
		{
			displayName: 'ID da conta',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1',
			description: 'O número depois de /app/accounts/ na barra de endereço do Chatwoot',
		},
		{
			displayName: 'ID da caixa de entrada',
			name: 'inboxId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3',
			description: 'A caixa de entrada que o bot atende: o número depois de /inbox/ ao abrir a caixa em Configurações > Caixas de entrada',
		},
		{
			displayName: 'Token do agent bot',
			name: 'botToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Token de acesso do agent bot (Configurações > Bots > o bot > Token de acesso). Envia as mensagens, muda o status e atribui a conversa.',
		},
		{
			displayName: 'Token de usuário (administrador)',
			name: 'userToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Opcional. Token de acesso de um administrador (Configurações do perfil > Token de acesso): cadastra o bot e o liga à caixa ao ativar o fluxo, lista as equipes para a transferência e grava etiquetas em versões do Chatwoot que recusam o token do bot',
		},
		{
			displayName: 'Segredo de assinatura do webhook',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Opcional. O "secret" do bot (versões do Chatwoot de março de 2026 em diante): cada chamada do Chatwoot vem assinada (X-Chatwoot-Signature) e chamadas com assinatura errada são recusadas',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { api_access_token: '={{$credentials.botToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.replace(/\\/+$/, "")}}',
			url: '/api',
		},
	};
}

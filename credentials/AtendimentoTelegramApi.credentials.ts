import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Telegram Bot API for the "Início do Atendimento" trigger. The token travels in the URL path, as the API requires. */
export class AtendimentoTelegramApi implements ICredentialType {
	name = 'atendimentoTelegramApi';

	displayName = 'Atendimento: Telegram Bot API';

	documentationUrl = 'https://core.telegram.org/bots/api';

	icon = 'file:telegram.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Token do bot',
			name: 'botToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Token dado pelo @BotFather, no formato 123456:ABC-DEF...',
		},
		{
			displayName: 'URL base',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.telegram.org',
			description: 'Troque apenas para testes (simulador) ou para um servidor Bot API próprio',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/$/, "")}}',
			url: '=/bot{{$credentials.botToken}}/getMe',
		},
	};
}

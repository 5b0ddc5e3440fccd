import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An OpenAI-compatible chat-completions API for "Identificar Intenção": OpenAI itself, or any
 * compatible server (Ollama, a gateway, the test simulator) through the base URL.
 */
export class AtendimentoOpenAiApi implements ICredentialType {
	name = 'atendimentoOpenAiApi';

	displayName = 'Atendimento: OpenAI API';

	documentationUrl = 'https://platform.openai.com/docs/api-reference/chat';

	icon = 'file:openai.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Chave da API',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Chave secreta (sk-...) criada em platform.openai.com, ou a do servidor compatível',
		},
		{
			displayName: 'URL base',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.openai.com/v1',
			description: 'Troque para usar um servidor compatível com a API da OpenAI (ex.: http://localhost:11434/v1 no Ollama)',
		},
		{
			displayName: 'Modelo',
			name: 'model',
			type: 'string',
			default: 'gpt-4o-mini',
			description: 'Modelo usado na classificação; precisa aceitar respostas estruturadas (response_format json_schema)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/models',
		},
	};
}

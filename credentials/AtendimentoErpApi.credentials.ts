import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateErpRequest, fetchSessionToken, type ErpCredentials } from '../nodes/shared/erp/credentials';

const only = (...system: string[]) => ({ show: { system } });

/**
 * "ERP do Provedor": one credential type for every supported ERP (field "Sistema"), so a flow runs
 * on another ERP by changing only the credential. Tested by the ERP cards (`testedBy`).
 */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required -- every card that uses it declares testedBy: 'testErpCredential' (through erpCredentials in nodes/shared/erp/card/properties.ts, which the rule cannot follow); the test request depends on the chosen ERP, so no single declarative `test` fits
export class AtendimentoErpApi implements ICredentialType {
	name = 'atendimentoErpApi';

	displayName = 'Atendimento: ERP do Provedor API';

	documentationUrl = 'https://github.com/n8n-nodes-atendimento/n8n-nodes-atendimento#erp';

	icon = 'file:erp.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Sistema (ERP)',
			name: 'system',
			type: 'options',
			default: 'ixc',
			options: [
				{ name: 'IXC Provedor', value: 'ixc' },
				{ name: 'SGP (TSMX)', value: 'sgp' },
				{ name: 'Hubsoft', value: 'hubsoft' },
				{ name: 'ISPFY', value: 'ispfy' },
				{ name: 'MK-Auth', value: 'mkauth' },
				{ name: 'ReceitaNet', value: 'receitanet' },
			],
		},
		{
			displayName: 'URL do ERP',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://erp.seuprovedor.com.br',
			description: 'Endereço do servidor do ERP, sem caminho (sem /webservice/v1 nem /api)',
		},
		{
			displayName: 'Token do webservice',
			name: 'ixcToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('ixc'),
			placeholder: '8:k4n8wk1946j7…',
			description: 'Em IXC: Configurações > Usuários > Token (formato id:hash), de um usuário com "Permite acesso webservice" e o IP do n8n em Redes Permitidas',
		},
		{
			displayName: 'Recurso de Impressão do Contrato',
			name: 'ixcContractPrintResource',
			type: 'string',
			default: 'cliente_contrato_imprimir_contrato_17678',
			displayOptions: only('ixc'),
			description:
				'Nome do botão "Imprimir Contrato" no webservice deste IXC, usado pelo card Aceite de Contrato. O número final muda de uma instalação para outra: se o card disser que o recurso não está disponível, copie o nome da documentação da API do seu IXC (Cliente > Contrato > Imprimir Contrato).',
		},
		{
			displayName: 'Autenticação',
			name: 'sgpAuthMode',
			type: 'options',
			default: 'tokenApp',
			displayOptions: only('sgp'),
			options: [
				{ name: 'Token + App', value: 'tokenApp' },
				{ name: 'Usuário e Senha (Basic)', value: 'basic' },
			],
		},
		{
			displayName: 'Token',
			name: 'sgpToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { system: ['sgp'], sgpAuthMode: ['tokenApp'] } },
		},
		{
			displayName: 'App',
			name: 'sgpApp',
			type: 'string',
			default: '',
			displayOptions: { show: { system: ['sgp'], sgpAuthMode: ['tokenApp'] } },
			description: 'Nome do app cadastrado no SGP (diferencia maiúsculas de minúsculas)',
		},
		{
			displayName: 'Usuário',
			name: 'sgpUser',
			type: 'string',
			default: '',
			displayOptions: { show: { system: ['sgp'], sgpAuthMode: ['basic'] } },
		},
		{
			displayName: 'Senha',
			name: 'sgpPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { system: ['sgp'], sgpAuthMode: ['basic'] } },
		},
		{ displayName: 'Client ID', name: 'hubsoftClientId', type: 'string', default: '', displayOptions: only('hubsoft') },
		{
			displayName: 'Client Secret',
			name: 'hubsoftClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('hubsoft'),
		},
		{ displayName: 'Usuário (E-Mail)', name: 'hubsoftUser', type: 'string', default: '', displayOptions: only('hubsoft') },
		{
			displayName: 'Senha',
			name: 'hubsoftPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('hubsoft'),
		},
		{
			displayName: 'Token',
			name: 'ispfyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('ispfy'),
			description:
				'Em ISPFY: token de um usuário do sistema (herda as permissões dele), enviado no cabeçalho "Token". Na URL do ERP inclua a porta das rotas privadas: 8020 (http) ou 8043 (https), liberada em Sistema > Network > Firewall',
		},
		{ displayName: 'Client ID', name: 'mkauthClientId', type: 'string', default: '', displayOptions: only('mkauth') },
		{
			displayName: 'Client Secret',
			name: 'mkauthClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('mkauth'),
		},
		{
			displayName: 'Token da API URA',
			name: 'receitanetToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('receitanet'),
		},
		{
			displayName: 'Tempo Limite (Segundos)',
			name: 'timeoutSeconds',
			type: 'number',
			default: 15,
			description: 'Sem resposta do ERP nesse tempo, o card segue pela saída "Erro" com uma mensagem clara ao cliente',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field -- a hidden, expirable field (n8n's preAuthentication pattern) that n8n fills and refreshes; nobody types or sees it, and it is stored encrypted with the rest of the credential
		{
			displayName: 'Token de sessão',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const sessionToken = await fetchSessionToken(credentials as unknown as ErpCredentials, async (options) => await this.helpers.httpRequest(options));
		return { sessionToken };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return authenticateErpRequest(credentials as unknown as ErpCredentials, requestOptions);
	}
}

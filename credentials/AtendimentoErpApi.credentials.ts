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
				{ name: 'RBX ISP (RouterBox)', value: 'rbx' },
				{ name: 'Voalle (Synsuite)', value: 'voalle' },
				{ name: 'Controllr (BrByte)', value: 'controllr' },
				{ name: 'MK Solutions (MK ERP)', value: 'mksolutions' },
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
			displayName: 'Chave de Integração',
			name: 'rbxApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('rbx'),
			description: 'Em RBX: Empresa > Parâmetros > Web Services, chave no ambiente Produção, com os serviços usados pelos cards liberados',
		},
		{
			displayName: 'Usuário de Abertura dos Atendimentos',
			name: 'rbxUser',
			type: 'string',
			default: '',
			displayOptions: only('rbx'),
			placeholder: 'routerbox',
			description: 'Usuário do RBX registrado como quem abriu os atendimentos do bot (Usuario_Abertura); vazio, o RBX decide',
		},
		{
			displayName: 'URL De Autenticação',
			name: 'voalleAuthUrl',
			type: 'string',
			default: '',
			displayOptions: only('voalle'),
			placeholder: 'https://erp.seuprovedor.com.br:45700',
			description: 'Onde o Voalle entrega o token (/connect/token). Vazio: a URL do ERP na porta 45700. A URL do ERP acima é a da API, normalmente na porta 45715.',
		},
		{ displayName: 'Client ID', name: 'voalleClientId', type: 'string', default: '', displayOptions: only('voalle') },
		{
			displayName: 'Client Secret',
			name: 'voalleClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('voalle'),
		},
		{
			displayName: 'Syndata',
			name: 'voalleSyndataToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('voalle'),
			description: 'Token do provedor no Voalle: Suíte > Configurações > Parâmetros > Integração/Mapa',
		},
		{
			displayName: 'App Cliente: Api_Path',
			name: 'voallePortalUrl',
			type: 'string',
			default: '',
			displayOptions: only('voalle'),
			placeholder: 'https://app.seuprovedor.com.br/api',
			description: 'Só para a Autenticação em Duas Etapas (login da Central do Assinante). Em Voalle: Suíte > Configurações > Parâmetros > App Cliente. Vazio: o card de autenticação sai por Erro.',
		},
		{
			displayName: 'App Cliente: Verify Token',
			name: 'voallePortalVerifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('voalle'),
		},
		{ displayName: 'App Cliente: Client ID', name: 'voallePortalClientId', type: 'string', default: '', displayOptions: only('voalle') },
		{
			displayName: 'App Cliente: Client Secret',
			name: 'voallePortalClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('voalle'),
		},
		{
			displayName: 'Usuário',
			name: 'controllrUser',
			type: 'string',
			default: '',
			displayOptions: only('controllr'),
			description: 'Usuário do painel do Controllr com permissão (ACL) de clientes, contratos, faturas, CPE e chamados',
		},
		{
			displayName: 'Senha',
			name: 'controllrPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('controllr'),
		},
		{
			displayName: 'Dias do Pagamento em Observação',
			name: 'controllrObservationDays',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 1, maxValue: 30 },
			displayOptions: only('controllr'),
			description: 'No desbloqueio de confiança, por quantos dias as faturas vencidas ficam "em observação" (o bloqueio automático fica suspenso até lá)',
		},
		{
			displayName: 'Token do Usuário (Webservice)',
			name: 'mksolutionsUserToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('mksolutions'),
			description: 'Em MK: Integradores > Gerenciador de Webservices, perfil do webservice (deixe "Invalidar" desmarcado)',
		},
		{
			displayName: 'Contra-Senha',
			name: 'mksolutionsPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: only('mksolutions'),
			description: 'A contra-senha do mesmo perfil (mínimo de 8 caracteres)',
		},
		{
			displayName: 'Processo do Atendimento',
			name: 'mksolutionsProcess',
			type: 'string',
			default: '',
			displayOptions: only('mksolutions'),
			description: 'Código do processo (cd_processo) dos atendimentos abertos pelo bot; o card pode informar outro como processo:classificação',
		},
		{
			displayName: 'Classificação do Atendimento',
			name: 'mksolutionsClassification',
			type: 'string',
			default: '',
			displayOptions: only('mksolutions'),
			description: 'Código da classificação (cd_classificacao_ate) dos atendimentos abertos pelo bot',
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

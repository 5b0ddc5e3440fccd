import type { INodeProperties } from 'n8n-workflow';

/** Parameters of "Início do Atendimento". */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Canal',
		name: 'channel',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Chatwoot (Agent Bot)',
				value: 'chatwoot',
				description: 'Uma caixa de entrada do Chatwoot (WhatsApp, Instagram, Facebook, e-mail, SMS, Telegram, site); a transferência vai para a equipe no próprio Chatwoot',
			},
			{ name: 'Facebook Messenger', value: 'messenger', description: 'Mensagens da Página do Facebook (Messenger Platform da Meta)' },
			{ name: 'Instagram Direct', value: 'instagram', description: 'Mensagens diretas da conta profissional do Instagram (Meta)' },
			{ name: 'Telegram', value: 'telegram', description: 'Bot do Telegram criado no @BotFather' },
			{ name: 'Web Chat', value: 'webchat', description: 'Página de chat servida pelo próprio n8n; não precisa de conta' },
			{ name: 'WhatsApp (Cloud API)', value: 'whatsapp', description: 'Número oficial da Meta (WhatsApp Business Cloud API)' },
		],
		default: 'webchat',
	},
	{
		displayName: 'Caminho do webhook',
		name: 'path',
		type: 'string',
		default: 'atendimento',
		required: true,
		description: 'Parte final da URL. Web chat: abra <URL do n8n>/webhook/<caminho> no navegador. WhatsApp, Messenger e Instagram: cadastre essa URL no painel da Meta. Chatwoot: é a URL do agent bot (cadastrada sozinha ao ativar, com o token de administrador).',
	},
	{
		displayName:
			'Testar no editor: clique em <b>Executar fluxo</b> e abra a URL de teste (<i>Webhook URLs</i> no topo deste painel, "Test URL": &lt;URL do n8n&gt;/webhook-test/&lt;caminho&gt;) no navegador. A conversa inteira roda nesta execução manual, com os dados de cada card no editor; termina quando o fluxo encerra o atendimento ou ao parar a execução.',
		name: 'testUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { channel: ['webchat'] } },
	},
	{
		displayName:
			'Testar no editor: aponte o webhook do canal para a URL de teste (<i>Webhook URLs</i> no topo deste painel, "Test URL": &lt;URL do n8n&gt;/webhook-test/&lt;caminho&gt;; no Telegram o n8n faz isso sozinho) e clique em <b>Executar fluxo</b>. A conversa inteira roda nesta execução manual; termina quando o fluxo encerra o atendimento ou ao parar a execução. Depois volte o webhook para a URL de produção.',
		name: 'testUrlChannelNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { channel: ['whatsapp', 'telegram', 'messenger', 'instagram'] } },
	},
	{
		displayName: 'Nome da empresa',
		name: 'companyName',
		type: 'string',
		default: 'Minha Empresa',
		description: 'Usado na variável {{nome_empresa}} das mensagens e no topo do web chat',
	},
	{
		displayName: 'Título do chat',
		name: 'chatTitle',
		type: 'string',
		default: 'Atendimento',
		displayOptions: { show: { channel: ['webchat'] } },
	},
	{
		displayName: 'Cor principal',
		name: 'chatColor',
		type: 'color',
		default: '#1565c0',
		displayOptions: { show: { channel: ['webchat'] } },
	},
	{
		displayName: 'Texto de apresentação',
		name: 'chatGreeting',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Olá! Envie uma mensagem para começar.',
		displayOptions: { show: { channel: ['webchat'] } },
	},
	{
		displayName: 'Marcar como lida e mostrar digitando',
		name: 'markAsRead',
		type: 'boolean',
		default: true,
		description:
			'Quando o robô começa ou continua o atendimento com uma mensagem do cliente, a mensagem aparece como lida (tiques azuis) e o cliente vê "digitando…" até a resposta (no máximo 25 s). Não vale para mensagens que vão a um atendente humano.',
		displayOptions: { show: { channel: ['whatsapp'] } },
	},
	{
		displayName: 'Modelo fora da janela de 24h',
		name: 'outsideWindowTemplate',
		type: 'collection',
		placeholder: 'Configurar modelo',
		default: {},
		description:
			'Template aprovado enviado no lugar da mensagem de um card quando já passaram 24 horas desde a última mensagem do cliente (o WhatsApp recusa texto livre fora dessa janela, erro 131047). Sem ele, o card sai por "Fora da janela de 24h" (Enviar Mensagem, Enviar Pergunta) ou para com um erro.',
		displayOptions: { show: { channel: ['whatsapp'] } },
		options: [
			{
				displayName: 'Nome do template',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'retomar_atendimento',
				description: 'Nome exato do template aprovado no WhatsApp Manager',
			},
			{
				displayName: 'Idioma',
				name: 'language',
				type: 'string',
				default: 'pt_BR',
				description: 'Código do idioma do template, como no WhatsApp Manager',
			},
			{
				displayName: 'Variáveis do corpo',
				name: 'bodyParameters',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: '{{nome_cliente}}\n{{protocolo}}',
				description: 'Uma por linha, na ordem {{1}}, {{2}}… do template. Aceitam as variáveis da mensagem, como {{nome_cliente}} e {{protocolo}}.',
			},
		],
	},
	{
		displayName: 'Opções',
		name: 'options',
		type: 'collection',
		placeholder: 'Adicionar opção',
		default: {},
		options: [
			{
				displayName: 'Agrupar mensagens em sequência (segundos)',
				name: 'groupMessagesSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 30 },
				default: 0,
				hint: 'Segundos inteiros ou frações (1,5); 0 = desligado.',
				description:
					'Mensagens de texto que o contato manda uma atrás da outra, com até este intervalo entre elas, viram uma só (uma por linha) antes de iniciar o atendimento ou responder a uma pergunta. Espera no máximo 3× este tempo desde a primeira; arquivo, áudio, localização ou botão encerra o grupo na hora. 0 = desligado.',
			},
			{
				displayName: 'Filial',
				name: 'branch',
				type: 'string',
				default: '',
				placeholder: 'Centro',
				description: 'Filial atendida por este canal; o card Condicional (tipo Filial) direciona o fluxo por ela',
			},
			{
				displayName: 'Token da API de atendentes',
				name: 'attendantApiToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Ativa a API com que o atendimento humano responde, libera ou encerra atendimentos transferidos (POST nesta URL com Authorization: Bearer <token>; veja o README)',
			},
			{
				displayName: 'Tempo máximo entre cards (segundos)',
				name: 'runningLeaseSeconds',
				type: 'number',
				typeOptions: { minValue: 5, numberPrecision: 0 },
				default: 60,
				description:
					'Se o fluxo ficar este tempo sem passar por um card de atendimento (ex.: terminou sem "Encerrar Atendimento"), a próxima mensagem do contato abre um novo atendimento',
			},
		],
	},
];

import type { INodeProperties } from 'n8n-workflow';

export const logsProperties: INodeProperties[] = [
	{
		displayName: 'Campanha',
		name: 'campaign',
		type: 'string',
		default: '',
		description: 'Só os registros desta campanha (o nome usado no "Enfileirar Envio"). Vazio = todas.',
	},
	{
		displayName: 'ID Do Cliente',
		name: 'clienteId',
		type: 'string',
		default: '',
		description: 'Só os registros deste cliente (ID do cadastro no ERP). Vazio = todos.',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Falha', value: 'falha', description: 'Envios que falharam, com o motivo' },
			{ name: 'Ignorado', value: 'ignorado', description: 'Contatos que ficaram fora da fila: opt-out, sem celular, número inválido' },
			{ name: 'Reagendado', value: 'reagendado', description: 'Envios adiados pelo WhatsApp (limite de marketing por usuário, 131049), com a data da nova tentativa' },
			{ name: 'Sucesso', value: 'sucesso', description: 'Mensagens aceitas pelo WhatsApp' },
			{ name: 'Todos', value: 'all' },
		],
		default: 'all',
	},
	{
		displayName: 'Contato',
		name: 'contato',
		type: 'string',
		default: '',
		placeholder: 'ex.: (11) 98765-4321',
		description: 'Registros cujo telefone contém estes dígitos. Vazio = todos.',
	},
	{
		displayName: 'De',
		name: 'from',
		type: 'dateTime',
		default: '',
		description: 'Enviados a partir desta data e hora (fuso do fluxo). Vazio = desde o início.',
	},
	{
		displayName: 'Até',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'Enviados até esta data e hora (fuso do fluxo). Vazio = até agora.',
	},
	{
		displayName: 'Máximo De Registros',
		name: 'maxRows',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1000,
		description: 'Máximo de registros, os mais recentes primeiro',
	},
	{
		displayName: 'Exportar CSV',
		name: 'exportCsv',
		type: 'boolean',
		default: false,
		description:
			'Em vez de um item por registro, um único item com o arquivo CSV (separado por ";", UTF-8 com BOM: abre direto no Excel). Células que começam com + = - @ ganham um apóstrofo, para a planilha não as tratar como fórmula.',
	},
	{
		displayName: 'Nome Do Arquivo',
		name: 'fileName',
		type: 'string',
		default: 'logs-omnichannel.csv',
		displayOptions: { show: { exportCsv: [true] } },
	},
	{
		displayName: 'Campo Binário',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { exportCsv: [true] } },
		description: 'Nome do campo binário do item com o arquivo (ex.: para o nó "Send Email" ou "Write Binary File")',
	},
];

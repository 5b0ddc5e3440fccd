import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { genericAuthCredentials, genericAuthProperties } from '../shared/http/generic-auth';
import { variablesHint } from '../shared/ui/variables-hint';

export const DEFAULT_NOTIFICATION =
	'🔔 Atendimento {{protocolo}}\nContato: {{nome_usuario}} {{telefone}}\nCliente: {{nome_cliente}}\nPrecisa da atenção da equipe.';

export const notificationCredentials: INodeCredentialDescription[] = [
	{ name: 'atendimentoTelegramApi', required: true, displayOptions: { show: { destination: ['telegram'] } } },
	{ name: 'atendimentoWhatsAppApi', required: true, displayOptions: { show: { destination: ['whatsapp'] } } },
	...genericAuthCredentials({ destination: ['http'] }),
];

export const notificationProperties: INodeProperties[] = [
	{
		displayName: 'Enviar para',
		name: 'destination',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Endpoint HTTP', value: 'http', description: 'POST com JSON (texto, protocolo, canal, contato…) para um sistema da equipe' },
			{ name: 'Grupo do Telegram', value: 'telegram', description: 'Um grupo onde o bot da credencial foi adicionado' },
			{ name: 'Número de WhatsApp', value: 'whatsapp', description: 'Um número da equipe, pelo número comercial da credencial' },
		],
		default: 'telegram',
	},
	{
		displayName: 'ID do grupo',
		name: 'chatId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ex.: -1001234567890',
		description: 'Chat ID do grupo (começa com -100 em supergrupos) ou @canal público. O bot precisa estar no grupo.',
		displayOptions: { show: { destination: ['telegram'] } },
	},
	{
		displayName: 'Número',
		name: 'phone',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ex.: (11) 98765-4321',
		description: 'Número da equipe com DDD (estrangeiro: com + e código do país)',
		displayOptions: { show: { destination: ['whatsapp'] } },
	},
	{
		displayName: 'Formato no WhatsApp',
		name: 'whatsAppFormat',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Template aprovado', value: 'template', description: 'Entrega a qualquer momento; o texto vai na variável {{1}} do template' },
			{ name: 'Texto', value: 'text', description: 'Só é entregue se o número falou com o número comercial nas últimas 24 horas' },
		],
		default: 'text',
		displayOptions: { show: { destination: ['whatsapp'] } },
	},
	{
		displayName: 'Nome do template',
		name: 'templateName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'alerta_equipe',
		displayOptions: { show: { destination: ['whatsapp'], whatsAppFormat: ['template'] } },
	},
	{
		displayName: 'Idioma do template',
		name: 'templateLanguage',
		type: 'string',
		default: 'pt_BR',
		displayOptions: { show: { destination: ['whatsapp'], whatsAppFormat: ['template'] } },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://alertas.exemplo.com.br/atendimento',
		description: 'Recebe um POST com JSON: texto, protocolo, canal, contato, cliente, etiquetas, variaveis…',
		displayOptions: { show: { destination: ['http'] } },
	},
	...genericAuthProperties({ destination: ['http'] }),
	{
		displayName: 'Mensagem',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 5 },
		default: DEFAULT_NOTIFICATION,
		required: true,
		description: variablesHint,
	},
];

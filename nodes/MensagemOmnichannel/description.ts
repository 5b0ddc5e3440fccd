import type { INodeProperties } from 'n8n-workflow';

import { templateVariablesProperty } from '../shared/ui/template-variables';

export const messageProperties: INodeProperties[] = [
	{
		displayName:
			'Escolha um template aprovado da sua conta do WhatsApp e preencha as variáveis com campos de cada item (ex.: o nome do cliente do "Status Logins"). A saída traz a mensagem pronta para "Enfileirar Envio", com o texto que o cliente vai ler em mensagem.previewText.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Template Name or ID',
		name: 'template',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'listTemplates' },
		default: '',
		required: true,
		description:
			'Templates aprovados da conta do WhatsApp Business (WABA) da credencial; o idioma vem do template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	templateVariablesProperty({
		placeholder: '={{ $json.cliente.nome }}',
		description: 'Valor desta variável para cada item; use uma expressão com um campo do item',
	}),
];

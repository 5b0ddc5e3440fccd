import type { INodeProperties } from 'n8n-workflow';

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
	{
		displayName: 'Variáveis',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar variável',
		default: {},
		description: 'Uma linha por variável do corpo do template ({{1}}, {{2}}…)',
		options: [
			{
				name: 'values',
				displayName: 'Variável',
				values: [
					{
						displayName: 'Variable Name or ID',
						name: 'variable',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'listTemplateVariables', loadOptionsDependsOn: ['/template'] },
						default: '',
						description:
							'Variável do template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Valor',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: '={{ $json.cliente.nome }}',
						description: 'Valor desta variável para cada item; use uma expressão com um campo do item',
					},
				],
			},
		],
	},
];

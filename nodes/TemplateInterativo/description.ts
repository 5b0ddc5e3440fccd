import type { INodeProperties } from 'n8n-workflow';

import { templateVariablesProperty } from '../shared/ui/template-variables';
import { variablesHint } from '../shared/ui/variables-hint';
import { timeoutMinutesProperty } from '../shared/ui/waiting-card';

const sendOnly = { show: { mode: ['sendAndWait'] } };

export const templateProperties: INodeProperties[] = [
	{
		displayName: 'Modo',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Enviar E Aguardar Resposta',
				value: 'sendAndWait',
				description: 'Envia o template ao contato do atendimento e segue pela saída do botão que ele tocar',
			},
			{
				name: 'Rotear Resposta De Disparo',
				value: 'routeReply',
				description: 'Logo depois do "Início do Atendimento": o cliente tocou num botão de um template enviado em massa; segue pela saída desse botão',
			},
		],
		default: 'sendAndWait',
	},
	{
		displayName: 'Template Name or ID',
		name: 'template',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'listTemplates' },
		displayOptions: sendOnly,
		default: '',
		description:
			'Template aprovado da conta do WhatsApp da credencial, com botões de resposta rápida. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Campanha',
		name: 'campaign',
		type: 'string',
		displayOptions: { show: { mode: ['routeReply'] } },
		default: '',
		placeholder: 'lembrete-vencimento-*',
		description:
			'Só os toques nos botões de um disparo desta campanha (o nome usado no Enfileirar Envio; * vale qualquer trecho) seguem pelas saídas dos botões; toques de outra campanha, ou de um disparo enviado a outro contato, saem por "Outra campanha". Vazio: não confere a campanha.',
	},
	templateVariablesProperty({ placeholder: '{{nome_cliente}}', description: variablesHint }, sendOnly),
	{
		displayName: 'Botões',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar botão',
		default: {},
		description:
			'Os botões de resposta rápida do template, na mesma ordem e com o mesmo texto: cada um vira uma saída do card. Ao enviar, o card confere os botões com o template aprovado.',
		options: [
			{
				name: 'values',
				displayName: 'Botão',
				values: [
					{
						displayName: 'Texto Do Botão',
						name: 'label',
						type: 'string',
						default: '',
						required: true,
						description: 'Igual ao texto do botão no template (até 25 caracteres)',
					},
				],
			},
		],
	},
	{
		displayName: 'Mensagem De Opção Inválida',
		name: 'invalidMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		displayOptions: sendOnly,
		default: 'Não entendi sua resposta. Toque em uma das opções:',
		description: 'Enviada com os botões de novo quando o cliente escreve outra coisa',
	},
	{
		displayName: 'Tentativas',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		displayOptions: sendOnly,
		default: 3,
		description: 'Respostas inválidas aceitas antes de seguir pela saída "Máximo de tentativas"',
	},
	{
		displayName: 'Mensagem Após Máximo De Tentativas',
		name: 'maxAttemptsMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		displayOptions: sendOnly,
		default: 'Não consegui entender suas respostas. Vamos seguir por outro caminho.',
	},
	{ ...timeoutMinutesProperty, displayOptions: sendOnly },
];

import type { INodeProperties } from 'n8n-workflow';

import { templateVariablesProperty } from '../shared/ui/template-variables';

export const MIGRATE_OUTPUTS = ['Convite enviado', 'Não enviado'];

export const migrateProperties: INodeProperties[] = [
	{
		displayName:
			'Custo: este template abre o atendimento fora da janela de 24 horas, e a Meta cobra cada template entregue fora da janela (marketing ou utilidade, pelo preço por mensagem da Meta para o Brasil). Depois que o cliente responde, as mensagens do bot nas 24 horas seguintes não são cobradas. Recomendamos uma etiqueta no fluxo escolhido para medir quantos atendimentos da telefonia continuaram no WhatsApp.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Telefone',
		name: 'phone',
		type: 'string',
		default: '={{ $json.body.telefone }}',
		required: true,
		placeholder: '={{ $json.body.telefone }}',
		description:
			'Número do cliente, com DDD, em qualquer formato ((47) 99141-0001, 5547991410001, 047991410001…). Do nó Webhook que recebe a chamada do PABX (Asterisk, Issabel, 3CX): uma expressão com o campo do corpo (padrão: body.telefone).',
	},
	{
		displayName: 'Template Name or ID',
		name: 'template',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'listTemplates' },
		default: '',
		required: true,
		description:
			'Template aprovado da conta do WhatsApp Business da credencial (marketing ou utilidade). Sugerimos não alterar o texto aprovado: ele passa por validação jurídica. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	templateVariablesProperty({
		placeholder: '={{ $json.body.nome }}',
		description: 'Valor desta variável; aceita expressões com campos do item e {{protocolo}} (o protocolo do atendimento)',
	}),
	{
		displayName: 'Caminho do gatilho do fluxo',
		name: 'triggerPath',
		type: 'string',
		default: '',
		placeholder: 'suporte-telefonia',
		description:
			'O fluxo em que a resposta do cliente abre o atendimento: o "Caminho do webhook" de um Início do Atendimento (canal WhatsApp, mesma credencial) ativo. Vazio: o fluxo do Início do Atendimento que recebe as mensagens deste número.',
	},
	{
		displayName: 'Protocolo',
		name: 'protocolo',
		type: 'string',
		default: '',
		description: 'Protocolo do atendimento que a resposta abre (ex.: o da ligação). Vazio: um protocolo novo, gerado agora.',
	},
	{
		displayName: 'Origem',
		name: 'origin',
		type: 'string',
		default: 'telefonia',
		description: 'Guardada na variável "origem" do atendimento ({{var.origem}}; Condicional por variável)',
	},
	{
		displayName: 'Variáveis do atendimento',
		name: 'conversationVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Adicionar variável',
		default: {},
		description: 'Variáveis com que o atendimento começa ({{var.nome}} nas mensagens)',
		options: [
			{
				name: 'values',
				displayName: 'Variável',
				values: [
					{ displayName: 'Nome', name: 'name', type: 'string', default: '' },
					{ displayName: 'Valor', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Intervalo entre convites (horas)',
		name: 'intervalHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 24,
		hint: 'Horas inteiras ou frações (0,5 = 30 min); 0 = sem limite.',
		description: 'Um número convidado não recebe outro convite antes disso (sai por "Não enviado", motivo "intervalo"). 0 = sem limite.',
	},
	{
		displayName: 'Validade do convite (horas)',
		name: 'validityHours',
		type: 'number',
		typeOptions: { minValue: 0.01 },
		default: 72,
		hint: 'Horas inteiras ou frações (0,5 = 30 min).',
		description: 'Até quando a primeira mensagem do cliente abre o atendimento com este protocolo, variáveis e fluxo. Depois, ele é atendido como um contato novo.',
	},
];

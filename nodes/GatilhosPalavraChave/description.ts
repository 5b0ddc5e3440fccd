import type { INodeProperties } from 'n8n-workflow';

import { variablesHint } from '../shared/ui/variables-hint';

const ruleFields: INodeProperties[] = [
	{
		displayName: 'Descrição',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'Boas-vindas',
		description: 'Nome da regra: vira o nome da saída (nas ações que têm saída) e aparece no histórico da conversa',
	},
	{
		displayName: 'Equipe Atual',
		name: 'teamOperator',
		type: 'options',
		options: [
			{ name: 'Qualquer', value: 'any' },
			{ name: 'Nenhuma', value: 'none', description: 'A conversa ainda não está em nenhuma equipe' },
			{ name: 'É', value: 'is' },
			{ name: 'Não É', value: 'isNot' },
		],
		default: 'any',
		description: 'A equipe em que a conversa está: a do Painel para onde foi transferida, ou a que um gatilho "Equipe de atendimento" escolheu',
	},
	{
		displayName: 'Equipe',
		name: 'team',
		type: 'string',
		default: '',
		placeholder: 'Comercial',
		displayOptions: { show: { teamOperator: ['is', 'isNot'] } },
	},
	{
		displayName: 'Tempo Sem Interação',
		name: 'idleOperator',
		type: 'options',
		options: [
			{ name: 'Qualquer', value: 'any' },
			{ name: 'Maior Que', value: 'moreThan' },
			{ name: 'Menor Que', value: 'lessThan' },
		],
		default: 'any',
		description: 'Tempo desde a mensagem anterior do contato (nesta conversa ou na anterior). Quem nunca escreveu conta como "maior que" qualquer tempo.',
	},
	{
		displayName: 'Horas',
		name: 'idleHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		hint: 'Horas inteiras ou frações (1,5 = 1 h 30 min).',
		displayOptions: { show: { idleOperator: ['moreThan', 'lessThan'] } },
	},
	{
		displayName: 'Palavras-Chave',
		name: 'keywords',
		type: 'string',
		default: '',
		placeholder: 'comercial, vendas, planos',
		description: 'Separadas por vírgula; basta uma. Palavras inteiras, sem diferença de maiúsculas e acentos ("atendimento" vale em "Atendimento!", não em "atendimentos"). Vazio = qualquer mensagem.',
	},
	{
		displayName: 'Ação',
		name: 'ruleAction',
		type: 'options',
		options: [
			{ name: 'Mensagem Inteligente', value: 'message', description: 'Responde com a mensagem e espera a próxima mensagem do cliente' },
			{ name: 'Equipe De Atendimento', value: 'team', description: 'Passa a conversa para a equipe' },
			{ name: 'Executar Fluxo', value: 'flow', description: 'Sai pela saída da regra: ligue-a a um Executar Fluxo (ou a qualquer card)' },
		],
		default: 'message',
	},
	{
		displayName: 'Equipe De Atendimento',
		name: 'actionTeam',
		type: 'string',
		default: '',
		placeholder: 'Comercial',
		description: 'Equipe do Painel do Atendente que recebe a conversa',
		displayOptions: { show: { ruleAction: ['team'] } },
	},
	{
		displayName: 'Entregar Ao Painel Do Atendente',
		name: 'handToDesk',
		type: 'boolean',
		default: true,
		description:
			'Ligado: a conversa vai para a fila da equipe no Painel do Atendente (o bot para e o item sai pela saída desta regra). Desligado: só a equipe atual muda e o bot continua (por exemplo, mandando o menu da equipe).',
		displayOptions: { show: { ruleAction: ['team'] } },
	},
	{
		displayName: 'Mensagem',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Enviada ao cliente. Na "Equipe de atendimento", vazio = sem mensagem. ' + variablesHint,
		displayOptions: { show: { ruleAction: ['message', 'team'] } },
	},
];

/** Parameters of Gatilhos por Palavra-chave. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Cada mensagem do cliente é conferida com as regras, na ordem: a primeira que servir vale. Ponha o card logo depois do Início do Atendimento: ele confere a primeira mensagem e, depois de uma "Mensagem inteligente", cada mensagem seguinte. Sem regra que sirva, sai por "Nenhum gatilho".',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Regras',
		name: 'rules',
		placeholder: 'Adicionar regra',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		options: [{ name: 'values', displayName: 'Regra', values: ruleFields }],
	},
	{
		displayName: 'Tempo Sem Resposta (Minutos)',
		name: 'timeoutMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		hint: 'Minutos inteiros ou frações (0,5 = 30 segundos); 0 = sem limite.',
		description: 'Depois de uma "Mensagem inteligente", quanto esperar a próxima mensagem antes de sair por "Sem resposta". 0 = espera sem limite (a próxima mensagem, mesmo dias depois, é conferida com as regras).',
	},
];

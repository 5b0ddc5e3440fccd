import type { INodeProperties } from 'n8n-workflow';

import { variablesHint } from '../shared/ui/variables-hint';
import { timeoutMinutesProperty } from '../shared/ui/waiting-card';

/** Longest option text: WhatsApp list rows allow 24 characters (the score and " - " come before a score's text). */
export const MAX_OPTION_LABEL = 24;

/** Default texts of the scores 1…5. */
export const DEFAULT_SCORE_TEXTS = ['Muito insatisfeito', 'Insatisfeito', 'Regular', 'Satisfeito', 'Muito satisfeito'];

const rating = { show: { mode: ['rating'] } };

export const surveyProperties: INodeProperties[] = [
	{
		displayName: 'Tipo',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Avaliação (Nota De 1 a 5)', value: 'rating', description: 'Pesquisa de satisfação: CSAT da empresa e do atendente no Relatório de Atendimento' },
			{ name: 'Pergunta De Avaliação Livre', value: 'free', description: 'Opções livres (ex.: "Por que você está cancelando?"), contadas por questionário no relatório' },
		],
		default: 'rating',
	},
	{
		displayName: 'O Que Avaliar',
		name: 'target',
		type: 'options',
		displayOptions: rating,
		options: [
			{ name: 'Empresa', value: 'empresa', description: 'A nota conta para a empresa' },
			{ name: 'Atendente', value: 'atendente', description: 'A nota conta para o atendente (e a equipe) que atendeu a conversa' },
			{ name: 'Ambos', value: 'ambos', description: 'Duas perguntas: a nota da empresa e a do atendente' },
		],
		default: 'empresa',
	},
	{
		displayName: 'Pergunta',
		name: 'question',
		type: 'string',
		typeOptions: { rows: 3 },
		displayOptions: { show: { mode: ['rating'], target: ['empresa', 'ambos'] } },
		default: 'De 1 a 5, como você avalia o atendimento da {{nome_empresa}}?',
		description: variablesHint,
	},
	{
		displayName: 'Pergunta Sobre O Atendente',
		name: 'agentQuestion',
		type: 'string',
		typeOptions: { rows: 3 },
		displayOptions: { show: { mode: ['rating'], target: ['atendente', 'ambos'] } },
		default: 'De 1 a 5, como você avalia o atendimento de {{nome_atendente}}?',
		description: variablesHint,
	},
	{
		displayName: 'Textos Das Notas',
		name: 'scoreTexts',
		type: 'fixedCollection',
		displayOptions: rating,
		default: {},
		placeholder: 'Editar os textos das notas',
		description: 'O texto de cada nota, mostrado depois do número (ex.: "5 - Muito satisfeito"). O cliente toca na opção ou digita o número.',
		options: [
			{
				name: 'texts',
				displayName: 'Textos',
				values: DEFAULT_SCORE_TEXTS.map((text, index) => ({
					displayName: `Nota ${index + 1}`,
					name: `nota${index + 1}`,
					type: 'string' as const,
					default: text,
				})),
			},
		],
	},
	{
		displayName: 'Ordem Das Opções',
		name: 'order',
		type: 'options',
		displayOptions: rating,
		options: [
			{ name: 'Crescente (1 a 5)', value: 'crescente' },
			{ name: 'Decrescente (5 a 1)', value: 'decrescente' },
		],
		default: 'crescente',
	},
	{
		displayName: 'Nome Do Questionário',
		name: 'questionnaire',
		type: 'string',
		displayOptions: { show: { mode: ['free'] } },
		default: '',
		required: true,
		placeholder: 'Motivo do cancelamento',
		description: 'As respostas são contadas por este nome no Relatório de Atendimento',
	},
	{
		displayName: 'Pergunta',
		name: 'freeQuestion',
		type: 'string',
		typeOptions: { rows: 3 },
		displayOptions: { show: { mode: ['free'] } },
		default: '',
		required: true,
		placeholder: 'Por que você está cancelando?',
		description: variablesHint,
	},
	{
		displayName: 'Opções',
		name: 'options',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { mode: ['free'] } },
		placeholder: 'Adicionar opção',
		default: {},
		description: 'Até 3 viram botões no WhatsApp, até 10 uma lista; o cliente também pode digitar o número ou o texto',
		options: [
			{
				name: 'values',
				displayName: 'Opção',
				values: [{ displayName: 'Texto Da Opção', name: 'label', type: 'string', default: '', required: true, description: `Até ${MAX_OPTION_LABEL} caracteres` }],
			},
		],
	},
	{
		displayName: 'Salvar Resposta Na Variável',
		name: 'saveAs',
		type: 'string',
		default: 'avaliacao',
		description: 'Nome da variável da conversa; use depois como {{var.nome}} nas mensagens. Em Ambos, guarda {"empresa": nota, "atendente": nota}.',
	},
	{
		displayName: 'Tentativas',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		default: 3,
		description: 'Respostas inválidas aceitas (ex.: "6" numa escala de 1 a 5) antes de seguir pela saída "Máximo de tentativas"',
	},
	{
		displayName: 'Mensagem De Resposta Inválida',
		name: 'invalidMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não entendi sua resposta.',
		description: 'Enviada antes de perguntar de novo; numa nota fora da escala vem seguida de "A nota vai de 1 a 5."',
	},
	{
		displayName: 'Mensagem Após Máximo De Tentativas',
		name: 'maxAttemptsMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não conseguimos registrar sua avaliação. Obrigado pelo contato!',
	},
	timeoutMinutesProperty,
];

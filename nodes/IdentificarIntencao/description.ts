import type { INodeProperties } from 'n8n-workflow';

import { variablesHint } from '../shared/ui/variables-hint';
import { timeoutMinutesProperty } from '../shared/ui/waiting-card';

/** Longest intent name: it is an output label and a WhatsApp-sized option elsewhere in the pack. */
export const MAX_INTENT_NAME = 24;

export const DEFAULT_QUESTION = 'Olá! Conte em poucas palavras como podemos ajudar.';
export const DEFAULT_INVALID_MESSAGE = 'Desculpe, não entendi. Pode me explicar de outro jeito?';
export const DEFAULT_MAX_ATTEMPTS_MESSAGE = 'Não consegui entender o que você precisa. Vamos seguir por outro caminho.';

export const intentProperties: INodeProperties[] = [
	{
		displayName:
			'Um modelo de IA escolhe a intenção quando há um Chat Model do n8n ligado na entrada "Modelo (opcional)" (OpenAI, Anthropic, Gemini, Ollama, Groq…) ou, sem ele, uma credencial "Atendimento: OpenAI API" (OpenAI ou servidor compatível). Sem nenhum dos dois, ou se o modelo falhar, valem as palavras-chave (sem acentos, tolerando erros de digitação).',
		name: 'classifierNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Pergunta',
		name: 'question',
		type: 'string',
		typeOptions: { rows: 3 },
		default: DEFAULT_QUESTION,
		description: 'Enviada antes de esperar a mensagem do cliente; vazia = só espera. ' + variablesHint,
	},
	{
		displayName: 'Intenções',
		name: 'intents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar intenção',
		default: {},
		description: 'Cada intenção vira uma saída do card, na mesma ordem',
		options: [
			{
				name: 'values',
				displayName: 'Intenção',
				values: [
					{
						displayName: 'Nome',
						name: 'name',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'Financeiro',
						description: `Nome da saída, até ${MAX_INTENT_NAME} caracteres; é também o que fica salvo na variável`,
					},
					{
						displayName: 'Descrição',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'Boletos, segunda via, faturas, pagamentos e desbloqueio',
						description: 'O que esta intenção cobre, para o modelo de IA decidir melhor',
					},
					{
						displayName: 'Palavras-chave',
						name: 'keywords',
						type: 'string',
						default: '',
						placeholder: 'boleto, segunda via, 2ª via, fatura, pix',
						description: 'Palavras ou frases separadas por vírgula. Usadas sem IA (e como exemplos para o modelo).',
					},
				],
			},
		],
	},
	{
		displayName: 'Salvar intenção na variável',
		name: 'saveAs',
		type: 'string',
		default: 'intencao',
		description: 'Nome da variável da conversa que recebe o nome da intenção; use depois como {{var.nome}} nas mensagens',
	},
	{
		displayName: 'Tentativas',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		default: 3,
		description: 'Mensagens não entendidas aceitas antes de seguir pela saída "Máximo de tentativas"',
	},
	{
		displayName: 'Mensagem quando não entender',
		name: 'invalidMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: DEFAULT_INVALID_MESSAGE,
	},
	{
		displayName: 'Mensagem após máximo de tentativas',
		name: 'maxAttemptsMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: DEFAULT_MAX_ATTEMPTS_MESSAGE,
	},
	timeoutMinutesProperty,
];

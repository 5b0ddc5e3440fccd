import type { INodeProperties } from 'n8n-workflow';

import { variablesHint } from '../shared/ui/variables-hint';
import { timeoutMinutesProperty } from '../shared/ui/waiting-card';

export const DEFAULT_GREETING =
	'Olá! Sou o assistente virtual da {{nome_empresa}}. Pode perguntar o que quiser sobre nossos planos e serviços. Para voltar ao menu, digite *menu*; para falar com um atendente, digite *atendente*.';
export const DEFAULT_INSTRUCTIONS =
	'Você é o assistente virtual de atendimento da empresa, educado e objetivo. Responda às dúvidas do cliente sobre a empresa, seus planos e serviços.';
export const DEFAULT_HANDOFF_WORDS = 'atendente, humano, falar com uma pessoa, falar com alguém';
export const DEFAULT_MAX_TURNS_MESSAGE = 'Vamos seguir por outro caminho para resolver a sua questão.';
export const DEFAULT_FALLBACK_MESSAGE = 'Desculpe, não consegui responder agora. Vou te encaminhar para continuar o atendimento.';

export const agentProperties: INodeProperties[] = [
	{
		displayName:
			'Ligue um Chat Model do n8n em "Modelo" (OpenAI, Anthropic, Gemini, Ollama, Groq, Azure OpenAI…) e, se quiser, ferramentas em "Ferramentas". O card responde às perguntas do cliente com base nas informações da empresa até ele escolher uma saída, pedir um atendente ou atingir o limite de interações.',
		name: 'agentNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Mensagem inicial',
		name: 'greeting',
		type: 'string',
		typeOptions: { rows: 3 },
		default: DEFAULT_GREETING,
		description: 'Enviada quando o card começa; vazia = só espera a pergunta. ' + variablesHint,
	},
	{
		displayName: 'Informações da empresa',
		name: 'companyInfo',
		type: 'string',
		typeOptions: { rows: 8 },
		default: '',
		placeholder: 'Planos: 300 Mega por R$ 99,90; 600 Mega por R$ 129,90. Horário: seg. a sex., 8h às 18h. Vencimentos: dias 5, 10 e 20…',
		description: 'O que o agente sabe da empresa: ele responde só com isto (e com as ferramentas ligadas). ' + variablesHint,
	},
	{
		displayName: 'Instruções do agente',
		name: 'instructions',
		type: 'string',
		typeOptions: { rows: 4 },
		default: DEFAULT_INSTRUCTIONS,
		description: 'Texto de sistema: o papel e o tom do agente. As regras do card (responder só com as informações da empresa, transferir, sair) são acrescentadas sempre.',
	},
	{
		displayName: 'Opções de saída',
		name: 'exits',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar opção de saída',
		default: { values: [{ name: 'Menu', words: 'menu, voltar, voltar ao menu' }] },
		description: 'Palavras com que o cliente sai da conversa com o agente; o card segue pela saída "Saída escolhida" com o nome da opção em "saida"',
		options: [
			{
				name: 'values',
				displayName: 'Opção',
				values: [
					{ displayName: 'Nome', name: 'name', type: 'string', default: '', placeholder: 'Menu' },
					{ displayName: 'Palavras', name: 'words', type: 'string', default: '', placeholder: 'menu, voltar', description: 'Separadas por vírgula; valem como palavras inteiras, sem acentos' },
				],
			},
		],
	},
	{
		displayName: 'Palavras para transferir',
		name: 'handoffWords',
		type: 'string',
		default: DEFAULT_HANDOFF_WORDS,
		description: 'Se o cliente escrever uma destas (separadas por vírgula), o card segue pela saída "Transferir". O modelo também pode pedir a transferência quando o cliente quer uma pessoa.',
	},
	{
		displayName: 'Máximo de interações',
		name: 'maxTurns',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 10,
		description: 'Respostas do agente antes de seguir pela saída "Máximo de interações"',
	},
	{
		displayName: 'Mensagem após o máximo de interações',
		name: 'maxTurnsMessage',
		type: 'string',
		default: DEFAULT_MAX_TURNS_MESSAGE,
	},
	{
		displayName: 'Tamanho máximo da resposta',
		name: 'maxAnswerLength',
		type: 'number',
		typeOptions: { minValue: 100, numberPrecision: 0 },
		default: 1000,
		description: 'Em caracteres; uma resposta maior é cortada no fim de uma frase',
	},
	{
		displayName: 'Permitir dados pessoais',
		name: 'allowPersonalData',
		type: 'boolean',
		default: false,
		description:
			'Ligado, CPF/CNPJ, e-mail, telefone, número de cartão e CEP que o cliente escrever vão ao modelo como estão. Desligado (recomendado), são mascarados antes de sair do n8n.',
	},
	{
		displayName: 'Tempo limite do modelo (segundos)',
		name: 'modelTimeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 30,
		description: 'Se o modelo não responder neste tempo (ou falhar), o cliente recebe a mensagem de falha e o card segue pela saída "Erro"',
	},
	{
		displayName: 'Mensagem de falha',
		name: 'fallbackMessage',
		type: 'string',
		default: DEFAULT_FALLBACK_MESSAGE,
		description: 'Enviada ao cliente quando o modelo falha ou não responde a tempo. ' + variablesHint,
	},
	timeoutMinutesProperty,
];

import type { INodeProperties } from 'n8n-workflow';

import { variablesHint } from '../shared/ui/variables-hint';
import { timeoutMinutesProperty } from '../shared/ui/waiting-card';
import { outsideWindowOutputProperty } from '../shared/ui/outside-window';

export const descriptionProperties: INodeProperties[] = [
	{
		displayName: 'Pergunta',
		name: 'question',
		type: 'string',
		typeOptions: { rows: 3 },
		default: 'Descreva em poucas palavras o motivo do seu contato, para o nosso atendente já saber do que se trata.',
		required: true,
		description: ['O que o cliente deve descrever (o problema, a solicitação, o motivo do contato).', variablesHint].join(' '),
	},
	{
		displayName: 'Exigir mais de uma palavra',
		name: 'requireSeveralWords',
		type: 'boolean',
		default: true,
		description: 'Whether a one-word answer ("oi", "internet") counts as an invalid attempt',
	},
	{
		displayName: 'Tamanho mínimo (caracteres)',
		name: 'minLength',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 500, numberPrecision: 0 },
		default: 0,
		description: 'Descrições mais curtas contam como tentativa inválida. 0 = sem mínimo.',
	},
	{
		displayName: 'Tentativas',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		default: 3,
		description: 'Quantas vezes o cliente pode enviar algo que não é uma descrição (imagem, áudio, mensagem vazia, uma palavra só) antes de seguir pela saída "Máximo de tentativas"',
	},
	{
		displayName: 'Mensagem de descrição inválida',
		name: 'invalidMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não consegui entender a sua descrição.',
		description: 'Enviada a cada tentativa inválida, seguida do motivo (ex.: "Escreva com mais de uma palavra.") e da pergunta de novo',
	},
	{
		displayName: 'Mensagem após máximo de tentativas',
		name: 'maxAttemptsMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Tudo bem, vamos seguir mesmo assim.',
	},
	timeoutMinutesProperty,
	outsideWindowOutputProperty,
];

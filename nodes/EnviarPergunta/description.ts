import type { INodeProperties } from 'n8n-workflow';

import { variablesHint } from '../shared/ui/variables-hint';
import { formProperties } from './form-description';
import { timeoutMinutesProperty } from '../shared/ui/waiting-card';
import { outsideWindowOutputProperty } from '../shared/ui/outside-window';

/** Longest option label: WhatsApp list rows allow 24 characters. */
export const MAX_OPTION_LABEL = 24;

export const questionProperties: INodeProperties[] = [
	{
		displayName: 'Tipo de resposta',
		name: 'answerType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Escolha', value: 'choice', description: 'Menu de opções; uma saída por opção' },
			{ name: 'Confirmação', value: 'confirmation', description: 'Sim ou Não' },
			{ name: 'Aguardar Interação', value: 'input', description: 'Espera um texto, número, CPF, e-mail… validado' },
			{
				name: 'Formulário (WhatsApp Flow)',
				value: 'form',
				description: 'Um formulário do WhatsApp (Flow); nos outros canais, os campos perguntados um a um',
			},
		],
		default: 'choice',
	},
	{
		displayName: 'Pergunta',
		name: 'question',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: variablesHint,
	},
	...formProperties,
	{
		displayName: 'Opções',
		name: 'options',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar opção',
		default: {},
		displayOptions: { show: { answerType: ['choice'] } },
		description: 'Cada opção vira uma saída do card, na mesma ordem. Até 3 viram botões no WhatsApp, até 10 uma lista; mais que isso, texto numerado.',
		options: [
			{
				name: 'values',
				displayName: 'Opção',
				values: [
					{
						displayName: 'Texto da opção',
						name: 'label',
						type: 'string',
						default: '',
						required: true,
						description: `Até ${MAX_OPTION_LABEL} caracteres`,
					},
					{
						displayName: 'Descrição',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Linha extra, mostrada nas listas do WhatsApp (até 72 caracteres)',
					},
				],
			},
		],
	},
	{
		displayName: 'Validação',
		name: 'validation',
		type: 'options',
		displayOptions: { show: { answerType: ['input'] } },
		options: [
			{ name: 'Arquivo Ou Imagem', value: 'file' },
			{ name: 'CEP', value: 'cep' },
			{ name: 'CNPJ', value: 'cnpj', description: 'Numérico ou alfanumérico (2026)' },
			{ name: 'CPF', value: 'cpf' },
			{ name: 'CPF Ou CNPJ', value: 'cpfCnpj' },
			{ name: 'Data', value: 'date', description: 'Formato dd/mm/aaaa' },
			{ name: 'E-Mail', value: 'email' },
			{ name: 'Número', value: 'number' },
			{ name: 'Telefone', value: 'phone' },
			{ name: 'Texto', value: 'text' },
		],
		default: 'text',
	},
	{
		displayName: 'Salvar resposta na variável',
		name: 'saveAs',
		type: 'string',
		displayOptions: { hide: { answerType: ['form'] } },
		default: 'resposta',
		description: 'Nome da variável da conversa; use depois como {{var.nome}} nas mensagens',
	},
	{
		displayName: 'Tentativas',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		default: 3,
		description: 'Respostas inválidas aceitas antes de seguir pela saída "Máximo de tentativas"',
	},
	{
		displayName: 'Mensagem de opção inválida',
		name: 'invalidMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não entendi sua resposta. Por favor, tente novamente.',
	},
	{
		displayName: 'Mensagem após máximo de tentativas',
		name: 'maxAttemptsMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não consegui entender suas respostas. Vamos seguir por outro caminho.',
	},
	timeoutMinutesProperty,
	outsideWindowOutputProperty,
];

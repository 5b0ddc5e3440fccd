import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RULE_VARIABLE } from '../parameters';

const TEXT_COMPARISONS = ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'regex'];

/** Variável: a list of rules, one output each (first match wins), then "Nenhuma regra". */
export const variableProperties: INodeProperties[] = [
	{
		displayName: 'Regras',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar regra',
		default: {},
		displayOptions: { show: { conditionType: ['variable'] } },
		description: 'Cada regra vira uma saída, na mesma ordem; vale a primeira que corresponder. Nenhuma: saída "Nenhuma regra".',
		options: [
			{
				name: 'values',
				displayName: 'Regra',
				// eslint-disable-next-line n8n-nodes-base/node-param-fixed-collection-type-unsorted-items -- fields in the order they are filled in
				values: [
					{
						displayName: 'Nome da saída',
						name: 'outputName',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'ex.: Plano alto',
						description: 'Nome da saída desta regra, mostrado no card e no histórico do atendimento',
					},
					{
						displayName: 'Comparar',
						name: 'valueSource',
						type: 'options',
						options: [
							{
								name: 'Variável do atendimento',
								value: 'variable',
								description: 'Uma variável da conversa, como a resposta salva pelo "Enviar Pergunta"',
							},
							{ name: 'Valor ou expressão', value: 'expression', description: 'Qualquer valor, normalmente uma expressão do n8n' },
						],
						default: 'variable',
					},
					{
						displayName: 'Variável',
						name: 'variableName',
						type: 'string',
						default: DEFAULT_RULE_VARIABLE,
						required: true,
						placeholder: `ex.: ${DEFAULT_RULE_VARIABLE}`,
						displayOptions: { show: { valueSource: ['variable'] } },
						description: 'Nome da variável da conversa; caminhos aninhados com ponto (fatura.valor)',
					},
					{
						displayName: 'Valor',
						name: 'value',
						type: 'string',
						default: '',
						required: true,
						displayOptions: { show: { valueSource: ['expression'] } },
						description: 'Valor a comparar; normalmente uma expressão',
					},
					{
						displayName: 'Comparação',
						name: 'comparison',
						type: 'options',
						options: [
							{ name: 'Começa com', value: 'startsWith' },
							{ name: 'Contém', value: 'contains', description: 'Em listas: tem um item igual' },
							{ name: 'Corresponde à expressão regular', value: 'regex' },
							{ name: 'É diferente de', value: 'notEquals' },
							{ name: 'É igual a', value: 'equals' },
							{ name: 'Está vazio', value: 'isEmpty' },
							{ name: 'Não contém', value: 'notContains' },
							{ name: 'Não está vazio', value: 'isNotEmpty' },
							{ name: 'Número diferente de', value: 'numberNotEquals' },
							{ name: 'Número igual a', value: 'numberEquals' },
							{ name: 'Número maior ou igual a', value: 'greaterThanOrEqual' },
							{ name: 'Número maior que', value: 'greaterThan' },
							{ name: 'Número menor ou igual a', value: 'lessThanOrEqual' },
							{ name: 'Número menor que', value: 'lessThan' },
							{ name: 'Termina com', value: 'endsWith' },
						],
						default: 'equals',
					},
					{
						displayName: 'Comparar com',
						name: 'compareTo',
						type: 'string',
						default: '',
						displayOptions: { hide: { comparison: ['isEmpty', 'isNotEmpty'] } },
						description: 'Texto, número (1.234,56 ou 99.9) ou expressão regular (^\\d{8}$ ou /^sim/i)',
					},
					{
						displayName: 'Ignorar maiúsculas e acentos',
						name: 'ignoreCase',
						type: 'boolean',
						default: true,
						displayOptions: { show: { comparison: TEXT_COMPARISONS } },
					},
				],
			},
		],
	},
];

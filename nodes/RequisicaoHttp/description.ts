import type { INodeProperties } from 'n8n-workflow';

import { genericAuthProperties } from '../shared/http/generic-auth';
import { variablesHint } from '../shared/ui/variables-hint';

function nameValueList(name: string, displayName: string, placeholder: string, valueDescription: string, show?: Record<string, string[]>): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder,
		default: {},
		...(show ? { displayOptions: { show } } : {}),
		options: [
			{
				name: 'values',
				displayName: 'Item',
				values: [
					{ displayName: 'Nome', name: 'name', type: 'string', default: '' },
					{ displayName: 'Valor', name: 'value', type: 'string', default: '', description: valueDescription },
				],
			},
		],
	};
}

const BODY_METHODS = { method: ['DELETE', 'PATCH', 'POST', 'PUT'] };

export const httpCardProperties: INodeProperties[] = [
	{
		displayName: 'Método',
		name: 'method',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://erp.exemplo.com.br/api/faturas/{{var.cpf}}',
		description: 'Endereço completo. Variáveis no caminho e na query são codificadas para URL. ' + variablesHint,
	},
	...genericAuthProperties(),
	nameValueList('queryParameters', 'Parâmetros da query', 'Adicionar parâmetro', 'Aceita variáveis, ex.: {{protocolo}}'),
	nameValueList('headerParameters', 'Cabeçalhos', 'Adicionar cabeçalho', 'Aceita variáveis. Chaves de API ficam numa credencial (Autenticação), não aqui.'),
	{
		displayName: 'Corpo',
		name: 'bodyType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Formulário (urlencoded)', value: 'form' },
			{ name: 'JSON', value: 'json' },
			{ name: 'Sem corpo', value: 'none' },
			{ name: 'Texto', value: 'text', description: 'XML, texto puro…' },
		],
		default: 'json',
		displayOptions: { show: BODY_METHODS },
	},
	{
		displayName: 'Corpo JSON',
		name: 'jsonBody',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		placeholder: '{"protocolo": "{{protocolo}}", "valor": {{var.valor}}}',
		description:
			'Variáveis entre aspas viram texto escapado; fora de aspas entram com o tipo da variável (número, objeto) e null quando não existem',
		displayOptions: { show: { ...BODY_METHODS, bodyType: ['json'] } },
	},
	nameValueList('formParameters', 'Campos do formulário', 'Adicionar campo', 'Aceita variáveis', { ...BODY_METHODS, bodyType: ['form'] }),
	{
		displayName: 'Corpo em texto',
		name: 'textBody',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		description: variablesHint,
		displayOptions: { show: { ...BODY_METHODS, bodyType: ['text'] } },
	},
	{
		displayName: 'Content-Type',
		name: 'textContentType',
		type: 'string',
		default: 'text/plain; charset=utf-8',
		placeholder: 'application/xml',
		displayOptions: { show: { ...BODY_METHODS, bodyType: ['text'] } },
	},
	{
		displayName: 'Salvar da resposta',
		name: 'responseMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar variável',
		default: {},
		description: 'Campos da resposta (2xx) gravados em variáveis da conversa, para usar depois como {{var.nome}}',
		options: [
			{
				name: 'values',
				displayName: 'Variável',
				values: [
					{
						displayName: 'Nome da variável',
						name: 'variable',
						type: 'string',
						default: '',
						placeholder: 'valor_fatura',
						description: 'Letras, números e _ (começando por letra)',
					},
					{
						displayName: 'Caminho na resposta',
						name: 'path',
						type: 'string',
						default: '',
						placeholder: 'data.fatura.valor',
						description: 'Ex.: data.fatura.valor, items[0].ID, [0].nome. Vazio = a resposta inteira.',
					},
				],
			},
		],
	},
	{
		displayName: 'Tempo limite (segundos)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 300, numberPrecision: 0 },
		default: 10,
		description: 'Sem resposta neste tempo, segue pela saída "Erro"',
	},
	{
		displayName: 'Incluir a resposta no item',
		name: 'includeResponse',
		type: 'boolean',
		default: false,
		description: 'Coloca o corpo da resposta em requisicaoHttp.resposta (fica salvo nos dados da execução: evite se ela trouxer dados sensíveis)',
	},
];

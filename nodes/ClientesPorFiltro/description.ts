import type { INodeProperties } from 'n8n-workflow';

/** The source's filters (README, "Disparos por filtro de clientes"). */
export const clientesPorFiltroProperties: INodeProperties[] = [
	{
		displayName:
			'Lista os clientes do ERP que passam no filtro (fatura a vencer, fatura vencida, contrato bloqueado): um item por cliente, com telefone, fatura (valor, vencimento, linha digitável, Pix) e contrato, pronto para "Mensagem Omnichannel" e "Enfileirar Envio"',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Situação',
		name: 'situacao',
		type: 'options',
		options: [
			{ name: 'Fatura Vencendo', value: 'faturaAVencer', description: 'Clientes com fatura em aberto que vence daqui a N dias (lembrete de segunda via)' },
			{ name: 'Fatura Vencida', value: 'faturaVencida', description: 'Clientes com fatura em aberto vencida há N dias (cobrança)' },
			{ name: 'Contrato Bloqueado', value: 'contratoBloqueado', description: 'Clientes com contrato bloqueado (por atraso ou manualmente)' },
		],
		default: 'faturaAVencer',
	},
	{
		displayName: 'Dias',
		name: 'dias',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3650, numberPrecision: 0 },
		default: 3,
		description: 'Quantos dias até o vencimento (fatura vencendo) ou desde o vencimento (fatura vencida), contados no horário de Brasília',
		displayOptions: { show: { situacao: ['faturaAVencer', 'faturaVencida'] } },
	},
	{
		displayName: 'Contagem',
		name: 'contagem',
		type: 'options',
		options: [
			{ name: 'Exatamente N Dias', value: 'exact', description: 'Só o dia N: rodando todo dia, cada fatura entra uma vez' },
			{ name: 'Até N Dias (Vencendo) / N Dias Ou Mais (Vencidas)', value: 'upTo', description: 'Vencendo de hoje até o dia N, ou vencidas no dia N e antes' },
		],
		default: 'exact',
		displayOptions: { show: { situacao: ['faturaAVencer', 'faturaVencida'] } },
	},
	{
		displayName: 'Filtros',
		name: 'filtros',
		type: 'collection',
		placeholder: 'Adicionar filtro',
		default: {},
		options: [
			{
				displayName: 'Cidade',
				name: 'cidade',
				type: 'string',
				default: '',
				placeholder: 'ex.: Chapecó',
				description: 'Parte do nome da cidade do cliente (sem diferença de acento e maiúsculas). No IXC, o código da cidade.',
			},
			{
				displayName: 'Plano',
				name: 'plano',
				type: 'string',
				default: '',
				placeholder: 'ex.: FIBRA',
				description: 'Parte do nome do plano do contrato (sem diferença de acento e maiúsculas)',
			},
		],
	},
	{
		displayName: 'Opções',
		name: 'options',
		type: 'collection',
		placeholder: 'Adicionar opção',
		default: {},
		options: [
			{
				displayName: 'Data De Referência',
				name: 'dataReferencia',
				type: 'string',
				default: '',
				placeholder: 'AAAA-MM-DD',
				description: 'O dia a partir do qual os dias são contados; vazio = hoje (Brasília)',
			},
			{
				displayName: 'Máximo De Clientes',
				name: 'maxClientes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000, numberPrecision: 0 },
				default: 1000,
				description: 'A listagem para ao chegar a este número de clientes (o resto fica para a próxima execução)',
			},
			{
				displayName: 'Máximo De Páginas',
				name: 'maxPaginas',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 500, numberPrecision: 0 },
				default: 50,
				description: 'Páginas lidas do ERP no máximo (SGP e MK-Auth leem a base toda, 100 clientes por página; IXC, 200 faturas ou contratos por página)',
			},
		],
	},
];

import type { INodeProperties } from 'n8n-workflow';

/** The parameters of "Processar Fila" (defaults as in settings.ts DEFAULT_PARAMETERS). */
export const processarFilaProperties: INodeProperties[] = [
	{
		displayName:
			'Envia os templates enfileirados pelo "Enfileirar Envio". Coloque um Schedule Trigger antes deste card (ex.: a cada minuto): cada execução envia o que estiver pendente e para após a duração máxima.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Mensagens por Segundo',
		name: 'ratePerSecond',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000, numberPrecision: 0 },
		default: 80,
		description:
			'Ritmo de envio do número de WhatsApp. A Meta permite 80 mensagens por segundo por número (até 1000 em números com limite ampliado); se o limite for atingido, o envio desacelera sozinho.',
	},
	{
		displayName: 'Envios Simultâneos',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 500, numberPrecision: 0 },
		default: 20,
		description:
			'Quantas requisições ao WhatsApp podem estar em andamento ao mesmo tempo. O ritmo possível é cerca de envios simultâneos ÷ tempo de resposta da Meta (0,1 a 0,3 s): 20 bastam para 80 mensagens/s; para 1000/s use de 200 a 300.',
	},
	{
		displayName: 'Duração Máxima (Segundos)',
		name: 'maxDurationSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600, numberPrecision: 0 },
		default: 50,
		description:
			'Depois deste tempo a execução não pega novos envios (o restante fica para a próxima). Com o Schedule Trigger a cada minuto, 50 s evita duas execuções ao mesmo tempo.',
	},
	{
		displayName: 'Máximo de Tentativas',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20, numberPrecision: 0 },
		default: 5,
		description:
			'Envios por destinatário antes de registrar falha, quando o WhatsApp pede para tentar de novo (limite de ritmo, 131056, erro 5xx, sem resposta). Os erros definitivos (131026 número sem WhatsApp, 131047, outros 4xx) não são repetidos; 131049 (limite de marketing por usuário) espera a opção abaixo.',
	},
	{
		displayName: 'Opções',
		name: 'options',
		type: 'collection',
		placeholder: 'Adicionar opção',
		default: {},
		options: [
			{
				displayName: 'Espera por Confirmação de Envio Interrompido (Segundos)',
				name: 'inFlightGraceSeconds',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 120,
				description:
					'Se uma execução parou no meio de um envio (n8n reiniciado, queda), a mensagem pode ter chegado ao WhatsApp. Ela só é reenviada depois deste tempo sem o status de entrega (recebido pelo Início do Atendimento), para nunca chegar em dobro.',
			},
			{
				displayName: 'Nova Tentativa Após Limite De Marketing (Horas)',
				name: 'marketingLimitDelayHours',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 720 },
				default: 24,
				hint: 'Horas inteiras ou frações (0,5 = 30 min); 0 = falha sem nova tentativa.',
				description:
					'Quando a Meta recusa um template de marketing para não cansar o contato (erro 131049, limite de marketing por usuário), reenviar logo não adianta: o contato volta para a fila depois deste tempo (conta como uma tentativa) e o log mostra "reagendado" com a data. Com 0 o envio é registrado como falha, sem nova tentativa.',
			},
			{
				displayName: 'Tempo Limite da Requisição (Segundos)',
				name: 'requestTimeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 120, numberPrecision: 0 },
				default: 20,
				description: 'Sem resposta do WhatsApp neste tempo, o envio é tentado de novo depois da espera por confirmação',
			},
		],
	},
];

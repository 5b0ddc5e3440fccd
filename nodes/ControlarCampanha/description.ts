import type { INodeProperties } from 'n8n-workflow';

export const controlarCampanhaProperties: INodeProperties[] = [
	{
		displayName:
			'Pausa, retoma ou cancela um disparo da fila de envios, ou mostra o progresso dele (enviadas, entregues, lidas, falhas, pendentes e a previsão de término). Pausada, o "Processar Fila" não envia nada dela até você retomar; cancelada, o que ainda não saiu vira "cancelado" nos "Logs Omnichannel" e nunca mais é enviado.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Operação',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Ver Progresso', value: 'progress', action: 'Ver o progresso de uma campanha', description: 'Enviadas, entregues, lidas, falhas, pendentes, canceladas e a previsão de término' },
			{ name: 'Pausar', value: 'pause', action: 'Pausar uma campanha', description: 'O Processar Fila não envia mais nada dela; o que estava saindo termina' },
			{ name: 'Retomar', value: 'resume', action: 'Retomar uma campanha pausada', description: 'Continua de onde parou, sem repetir ninguém' },
			{ name: 'Cancelar', value: 'cancel', action: 'Cancelar uma campanha', description: 'O que ainda não foi enviado vira "cancelado" no log, para sempre' },
		],
		default: 'progress',
	},
	{
		displayName: 'Campanha',
		name: 'campaign',
		type: 'string',
		default: "=status-logins-{{ $today.toFormat('yyyy-MM-dd') }}",
		required: true,
		description: 'O nome da campanha como no "Enfileirar Envio" (a saída dele mostra em "campanha")',
	},
	{
		displayName: 'Motivo',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'ex.: aviso enviado por engano',
		description: 'Vai para o log de cada envio cancelado ("Campanha cancelada antes do envio: <motivo>")',
		displayOptions: { show: { operation: ['cancel'] } },
	},
	{
		displayName: 'Ritmo Para a Previsão (Mensagens por Segundo)',
		name: 'etaRatePerSecond',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 80,
		description: 'A previsão de término usa o ritmo medido no último minuto; sem envios recentes, este (o "Mensagens por Segundo" do Processar Fila). 0 = sem previsão nesse caso.',
	},
];

import type { INodeProperties } from 'n8n-workflow';

/** Tempo sem interação: "Mais de N h" or "Até N h". */
export const idleProperties: INodeProperties[] = [
	{
		displayName: 'Horas',
		name: 'idleHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		hint: 'Horas inteiras ou frações (1,5 = 1 h 30 min).',
		displayOptions: { show: { conditionType: ['idleTime'] } },
		description:
			'Tempo que o contato ficou sem escrever antes da sua última mensagem (desde a mensagem anterior, nesta conversa ou no atendimento anterior). Mais que isso: saída "Mais de N h" (também quem nunca escreveu antes); senão "Até N h".',
	},
];

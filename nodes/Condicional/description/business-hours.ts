import type { INodeProperties } from 'n8n-workflow';

const weeklyHoursProperty: INodeProperties = {
	displayName: 'Horários de atendimento',
	name: 'weeklyHours',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Adicionar horário',
	default: { values: [{ day: 'mondayToFriday', start: '08:00', end: '18:00' }] },
	displayOptions: { show: { conditionType: ['businessHours'] } },
	description:
		'Intervalos em que há atendimento; vários por dia são permitidos (ex.: 08:00–12:00 e 13:00–18:00). Fim antes do início atravessa a meia-noite (22:00–06:00); fim 00:00 ou 24:00 vai até a meia-noite.',
	options: [
		{
			name: 'values',
			displayName: 'Horário',
			values: [
				{
					displayName: 'Dia',
					name: 'day',
					type: 'options',
					// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items -- days read in calendar order
					options: [
						{ name: 'Segunda a sexta', value: 'mondayToFriday' },
						{ name: 'Todos os dias', value: 'everyDay' },
						{ name: 'Segunda-feira', value: 'monday' },
						{ name: 'Terça-feira', value: 'tuesday' },
						{ name: 'Quarta-feira', value: 'wednesday' },
						{ name: 'Quinta-feira', value: 'thursday' },
						{ name: 'Sexta-feira', value: 'friday' },
						{ name: 'Sábado', value: 'saturday' },
						{ name: 'Domingo', value: 'sunday' },
					],
					default: 'mondayToFriday',
				},
				{
					displayName: 'Início',
					name: 'start',
					type: 'string',
					default: '08:00',
					placeholder: 'ex.: 08:00',
					description: 'HH:mm',
				},
				{
					displayName: 'Fim',
					name: 'end',
					type: 'string',
					default: '18:00',
					placeholder: 'ex.: 18:00',
					description: 'HH:mm; o atendimento vai até o minuto anterior',
				},
			],
		},
	],
};

/** "Horários de atendimento" of a new card: Monday to Friday, 08:00 to 18:00. */
export const DEFAULT_WEEKLY_HOURS = weeklyHoursProperty.default;

/** Período de atendimento: weekly intervals and holidays; outputs "Dentro do horário" / "Fora do horário". */
export const businessHoursProperties: INodeProperties[] = [
	weeklyHoursProperty,
	{
		displayName: 'Feriados',
		name: 'holidays',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'ex.: 25/12, 01/01/2027',
		hint: 'dd/mm repete todo ano; dd/mm/aaaa vale só naquele ano.',
		displayOptions: { show: { conditionType: ['businessHours'] } },
		description:
			'Dias sem atendimento (o dia inteiro): dd/mm repete todo ano, dd/mm/aaaa vale só naquele ano (ex.: Carnaval). Separe por vírgula ou um por linha.',
	},
];

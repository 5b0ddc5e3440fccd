import type { INodeProperties } from 'n8n-workflow';

const showForShift = { show: { conditionType: ['shift'] } };

/** Turno: where each of the four shifts starts; outputs Manhã, Tarde, Noite, Madrugada. */
export const shiftProperties: INodeProperties[] = [
	{
		displayName: 'Início da manhã',
		name: 'morningStart',
		type: 'string',
		default: '06:00',
		placeholder: 'ex.: 06:00',
		displayOptions: showForShift,
		description: 'HH:mm. Cada turno vai do seu início até o início do próximo.',
	},
	{
		displayName: 'Início da tarde',
		name: 'afternoonStart',
		type: 'string',
		default: '12:00',
		placeholder: 'ex.: 12:00',
		displayOptions: showForShift,
		description: 'HH:mm',
	},
	{
		displayName: 'Início da noite',
		name: 'eveningStart',
		type: 'string',
		default: '18:00',
		placeholder: 'ex.: 18:00',
		displayOptions: showForShift,
		description: 'HH:mm',
	},
	{
		displayName: 'Início da madrugada',
		name: 'overnightStart',
		type: 'string',
		default: '00:00',
		placeholder: 'ex.: 00:00',
		displayOptions: showForShift,
		description: 'HH:mm',
	},
];

/** Time zone of Período de atendimento and Turno. */
export const timeZoneProperty: INodeProperties = {
	displayName: 'Fuso horário',
	name: 'timeZone',
	type: 'string',
	default: 'America/Sao_Paulo',
	displayOptions: { show: { conditionType: ['businessHours', 'shift'] } },
	description:
		'Nome IANA do fuso dos horários acima. Brasília: America/Sao_Paulo; outros: America/Manaus, America/Cuiaba, America/Porto_Velho, America/Boa_Vista, America/Rio_Branco, America/Noronha.',
};

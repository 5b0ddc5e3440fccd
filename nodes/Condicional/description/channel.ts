import type { INodeProperties } from 'n8n-workflow';

/** Canal: one output per listed channel (optionally one account of it), then "Outros". */
export const channelProperties: INodeProperties[] = [
	{
		displayName: 'Canais',
		name: 'channels',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar canal',
		default: {},
		displayOptions: { show: { conditionType: ['channel'] } },
		description: 'Cada canal vira uma saída, na mesma ordem; vale o primeiro que corresponder. Atendimentos de outros canais saem por "Outros".',
		options: [
			{
				name: 'values',
				displayName: 'Canal',
				values: [
					{
						displayName: 'Canal',
						name: 'channel',
						type: 'options',
						options: [
							{ name: 'Facebook Messenger', value: 'messenger' },
							{ name: 'Instagram Direct', value: 'instagram' },
							{ name: 'Telegram', value: 'telegram' },
							{ name: 'Web Chat', value: 'webchat' },
							{ name: 'WhatsApp', value: 'whatsapp' },
						],
						default: 'whatsapp',
					},
					{
						displayName: 'Conta (opcional)',
						name: 'accountId',
						type: 'string',
						default: '',
						description:
							'Para separar vários números ou bots do mesmo canal: o ID do número no WhatsApp (phone_number_id), o ID do bot no Telegram (parte do token antes de ":") o caminho do web chat, o ID da Página (Messenger) ou o ID da conta profissional (Instagram). Vazio: qualquer conta do canal.',
					},
					{
						displayName: 'Nome da saída',
						name: 'outputName',
						type: 'string',
						default: '',
						description: 'Vazio: o nome do canal',
					},
				],
			},
		],
	},
];

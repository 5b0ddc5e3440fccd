import type { INodeProperties } from 'n8n-workflow';

export const enqueueProperties: INodeProperties[] = [
	{
		displayName:
			'Coloca na fila de envios a mensagem de cada item (vinda do "Mensagem Omnichannel") para o celular do cliente. Rodar a mesma campanha de novo não envia duas vezes a mesma mensagem ao mesmo cliente e login. Quem pediu opt-out e números inválidos ou fixos ficam de fora e aparecem nos "Logs Omnichannel" com o motivo. Quem envia é o "Processar Fila".',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Campanha',
		name: 'campaign',
		type: 'string',
		default: "=status-logins-{{ $today.toFormat('yyyy-MM-dd') }}",
		required: true,
		description:
			'Nome do disparo. Cada cliente/login recebe uma mensagem por campanha: com a data no nome, rodar de novo no mesmo dia não repete envios, e no dia seguinte é outra campanha.',
	},
	{
		displayName: 'Opções',
		name: 'options',
		type: 'collection',
		placeholder: 'Adicionar opção',
		default: {},
		options: [
			{
				displayName: 'Campo Do Destinatário',
				name: 'recipientField',
				type: 'string',
				default: 'destinatario',
				description: 'Campo do item com { clienteId, login, telefone } (o "Status Logins" o preenche). O telefone pode ter vários números; vale o primeiro celular. Um contato do WhatsApp conhecido só pelo nome de usuário vai pelo seu ID de usuário (BSUID, como BR.1234…) no lugar do telefone.',
			},
			{
				displayName: 'Campo Da Mensagem',
				name: 'messageField',
				type: 'string',
				default: 'mensagem',
				description: 'Campo do item com a mensagem pronta do template (o "Mensagem Omnichannel" o preenche)',
			},
		],
	},
];

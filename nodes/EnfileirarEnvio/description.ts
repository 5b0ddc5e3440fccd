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
		displayName: 'Categoria do Template',
		name: 'templateCategory',
		type: 'options',
		options: [
			{ name: 'Marketing', value: 'marketing', description: 'Promoções, ofertas, campanhas' },
			{ name: 'Utilidade', value: 'utility', description: 'Avisos sobre um serviço do cliente: fatura, conexão, manutenção' },
			{ name: 'Autenticação', value: 'authentication', description: 'Códigos de verificação' },
			{ name: 'Serviço', value: 'service', description: 'Mensagens livres dentro da janela de 24 horas' },
		],
		default: 'marketing',
		description:
			'A categoria que a Meta deu ao template (aparece no WhatsApp Manager, em Modelos de mensagem). Define o preço de cada mensagem entregue na estimativa de custo da campanha e no log.',
	},
	{
		displayName: 'Opções',
		name: 'options',
		type: 'collection',
		placeholder: 'Adicionar opção',
		default: {},
		options: [
			{
				displayName: 'Campo Da Mensagem',
				name: 'messageField',
				type: 'string',
				default: 'mensagem',
				description: 'Campo do item com a mensagem pronta do template (o "Mensagem Omnichannel" o preenche)',
			},
			{
				displayName: 'Campo Do Destinatário',
				name: 'recipientField',
				type: 'string',
				default: 'destinatario',
				description: 'Campo do item com { clienteId, login, telefone } (o "Status Logins" o preenche). O telefone pode ter vários números; vale o primeiro celular. Um contato do WhatsApp conhecido só pelo nome de usuário vai pelo seu ID de usuário (BSUID, como BR.1234…) no lugar do telefone.',
			},
			{
				displayName: 'Cotação Do Dólar (R$)',
				name: 'usdToBrl',
				type: 'number',
				typeOptions: { minValue: 0.01 },
				hint: 'Reais com frações (5,4 = R$ 5,40 por dólar).',
				default: 5.4,
				description: 'Reais por US$ 1,00, para converter os preços acima. O valor padrão é só um exemplo: use a cotação do dia (ou a do cartão que paga a Meta).',
			},
			{
				displayName: 'Preço Autenticação (USD)',
				name: 'priceAuthenticationUsd',
				type: 'number',
				typeOptions: { minValue: 0 },
				hint: 'Dólares com frações (0,0625 = 6,25 centavos de dólar).',
				default: 0.0068,
				description: 'Preço da Meta por template de autenticação entregue no Brasil, em dólares (tabela em vigor desde 01/01/2026)',
			},
			{
				displayName: 'Preço Marketing (USD)',
				name: 'priceMarketingUsd',
				type: 'number',
				typeOptions: { minValue: 0 },
				hint: 'Dólares com frações (0,0625 = 6,25 centavos de dólar).',
				default: 0.0625,
				description: 'Preço da Meta por template de marketing entregue no Brasil, em dólares (tabela em vigor desde 01/01/2026). A Meta publica os preços do Brasil só em USD: confira a tabela atual no site da Meta e atualize aqui.',
			},
			{
				displayName: 'Preço Serviço (USD)',
				name: 'priceServiceUsd',
				type: 'number',
				typeOptions: { minValue: 0 },
				hint: 'Dólares com frações (0,0625 = 6,25 centavos de dólar).',
				default: 0,
				description: 'Mensagens de serviço (livres, dentro da janela) são grátis desde 07/2025; parceiros da Meta anunciam cobrança a partir de 10/2026 — ajuste se a sua fatura mostrar',
			},
			{
				displayName: 'Preço Utilidade (USD)',
				name: 'priceUtilityUsd',
				type: 'number',
				typeOptions: { minValue: 0 },
				hint: 'Dólares com frações (0,0625 = 6,25 centavos de dólar).',
				default: 0.0068,
				description: 'Preço da Meta por template de utilidade entregue fora da janela de 24 horas no Brasil, em dólares (tabela em vigor desde 01/01/2026). Dentro da janela sai grátis.',
			},
		],
	},
];

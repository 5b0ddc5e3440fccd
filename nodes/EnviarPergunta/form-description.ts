import type { INodeProperties } from 'n8n-workflow';

const showForm = { show: { answerType: ['form'] } };

/** Parameters of the "Formulário (WhatsApp Flow)" answer type. */
export const formProperties: INodeProperties[] = [
	{
		displayName:
			'No WhatsApp o cliente recebe a "Pergunta" com um botão que abre o Flow publicado em WhatsApp Manager; nos outros canais (chat do site, Telegram) o card faz as perguntas dos campos uma a uma. Em ambos, cada campo é salvo na sua variável e o card segue por "Respondido".',
		name: 'formNotice',
		type: 'notice',
		default: '',
		displayOptions: showForm,
	},
	{
		displayName: 'Identificar o Flow por',
		name: 'flowBy',
		type: 'options',
		options: [
			{ name: 'ID', value: 'id', description: 'Número mostrado em WhatsApp Manager > Flows' },
			{ name: 'Nome', value: 'name', description: 'Nome dado ao Flow ao criá-lo' },
		],
		default: 'id',
		displayOptions: showForm,
	},
	{
		displayName: 'ID do Flow',
		name: 'flowId',
		type: 'string',
		default: '',
		placeholder: 'ex.: 1197715005513101',
		displayOptions: { show: { answerType: ['form'], flowBy: ['id'] } },
	},
	{
		displayName: 'Nome do Flow',
		name: 'flowName',
		type: 'string',
		default: '',
		placeholder: 'cadastro_cliente',
		displayOptions: { show: { answerType: ['form'], flowBy: ['name'] } },
	},
	{
		displayName: 'Texto do botão',
		name: 'flowCta',
		type: 'string',
		default: 'Preencher',
		description: 'Botão que abre o formulário no WhatsApp: até 20 caracteres, sem emoji',
		displayOptions: showForm,
	},
	{
		displayName: 'Modo',
		name: 'flowMode',
		type: 'options',
		options: [
			{ name: 'Publicado', value: 'published', description: 'O Flow publicado, para os clientes' },
			{ name: 'Rascunho', value: 'draft', description: 'Para testar um Flow ainda não publicado' },
		],
		default: 'published',
		displayOptions: showForm,
	},
	{
		displayName: 'Abertura',
		name: 'flowAction',
		type: 'options',
		options: [
			{ name: 'Abrir Uma Tela (Navigate)', value: 'navigate', description: 'Abre a tela indicada, com dados iniciais opcionais' },
			{ name: 'Endpoint Do Flow (Data Exchange)', value: 'dataExchange', description: 'O endpoint configurado no Flow escolhe a primeira tela' },
		],
		default: 'navigate',
		displayOptions: showForm,
	},
	{
		displayName: 'Tela inicial',
		name: 'flowScreen',
		type: 'string',
		default: '',
		placeholder: 'CADASTRO',
		description: 'O "id" da primeira tela no JSON do Flow',
		displayOptions: { show: { answerType: ['form'], flowAction: ['navigate'] } },
	},
	{
		displayName: 'Dados iniciais (JSON)',
		name: 'flowData',
		type: 'json',
		default: '',
		description: 'Objeto enviado à tela inicial (ex.: {"plano": "500MB"}); em branco, nada é enviado',
		displayOptions: { show: { answerType: ['form'], flowAction: ['navigate'] } },
	},
	{
		displayName: 'Cabeçalho',
		name: 'flowHeader',
		type: 'string',
		default: '',
		description: 'Título opcional da mensagem do formulário no WhatsApp (até 60 caracteres)',
		displayOptions: showForm,
	},
	{
		displayName: 'Rodapé',
		name: 'flowFooter',
		type: 'string',
		default: '',
		description: 'Linha opcional abaixo do texto no WhatsApp (até 60 caracteres)',
		displayOptions: showForm,
	},
	{
		displayName: 'Campos do formulário',
		name: 'formFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar campo',
		default: {},
		displayOptions: showForm,
		description: 'Cada campo do Flow e a variável da conversa que o recebe (use depois como {{var.nome}})',
		options: [
			{
				name: 'values',
				displayName: 'Campo',
				values: [
					{
						displayName: 'Nome do campo no Flow',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'nome',
						description: 'A chave que o Flow devolve na resposta (o "name" do campo, ou a chave do payload da ação "complete")',
					},
					{
						displayName: 'Salvar na variável',
						name: 'variable',
						type: 'string',
						default: '',
						placeholder: 'nome_cliente',
						description: 'Em branco: o próprio nome do campo',
					},
					{
						displayName: 'Pergunta nos outros canais',
						name: 'question',
						type: 'string',
						default: '',
						placeholder: 'Qual é o seu nome completo?',
						description: 'Feita no chat do site e no Telegram, que não mostram Flows',
					},
					{
						displayName: 'Obrigatório',
						name: 'required',
						type: 'boolean',
						default: true,
						description: 'Se o cliente precisa responder (nos outros canais, um campo opcional aceita "pular")',
					},
				],
			},
		],
	},
];

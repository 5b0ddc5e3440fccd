import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

/** A field description made of whole sentences. */
const sentences = (...parts: string[]): string => parts.join(' ');

export const openTicketProperties: INodeProperties[] = [
	{
		displayName: 'Departamento',
		name: 'departmentSelection',
		type: 'options',
		default: 'ask',
		options: [
			{
				name: 'Perguntar ao cliente',
				value: 'ask',
				description:
					'Menu com os departamentos do ERP que atendem clientes (IXC: "Presta atendimento externo"; Hubsoft: tipos de atendimento; ISPFY: tópicos de ticket). Com um só departamento, ou num ERP sem departamentos, não pergunta.',
			},
			{ name: 'Departamento fixo', value: 'fixed', description: 'Sempre o departamento (ou setor) informado abaixo' },
			{ name: 'Padrão do ERP', value: 'none', description: 'Sem departamento: o ERP usa o seu padrão' },
		],
	},
	{
		displayName: 'ID do departamento',
		name: 'departmentId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID do departamento no ERP (IXC: setor do atendimento; SGP: setor; Hubsoft: tipo de atendimento; ISPFY: tópico do ticket)',
		displayOptions: { show: { departmentSelection: ['fixed'] } },
	},
	{
		displayName: 'Pergunta do departamento',
		name: 'departmentPrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Para qual setor é o seu atendimento?',
		displayOptions: { show: { departmentSelection: ['ask'] } },
	},
	{
		displayName: 'Assunto',
		name: 'subject',
		type: 'string',
		default: 'Atendimento pelo chatbot',
		description: sentences('Título do atendimento no ERP (no IXC, sem ID do assunto, também escolhe o assunto cadastrado com esse nome).', variablesHint),
	},
	{
		displayName: 'ID do assunto (IXC)',
		name: 'subjectId',
		type: 'string',
		default: '',
		placeholder: 'ex.: 12',
		description:
			'Só para IXC: o ID do assunto do atendimento, em Suporte > Assuntos (coluna ID). Vazio: o card procura o assunto cadastrado com o mesmo nome do campo Assunto e, sem nenhum com esse nome, usa o primeiro assunto ativo. Os outros ERPs não têm cadastro de assuntos e ignoram este campo.',
	},
	{
		displayName: 'Descrição',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: sentences(
			'Texto do atendimento no ERP. Vazio: a descrição do atendimento (card Solicitar Descrição, {{descricao}}) ou, sem ela, o card pede ao cliente que descreva o problema.',
			variablesHint,
		),
	},
	{
		displayName: 'Mensagem para pedir a descrição',
		name: 'descriptionPrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Descreva o problema ou a sua solicitação em uma única mensagem, com o máximo de detalhes.',
		description: 'Enviada quando a Descrição está vazia. Texto preenchido com base em validação jurídica: não recomendamos alterar.',
	},
	{
		displayName: 'Mensagem de sucesso',
		name: 'successMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Seu atendimento foi aberto com o protocolo {{protocolo_erp}}. Nossa equipe vai analisar e retornar em breve.',
		description: sentences('Também aceita {{protocolo_erp}} (protocolo do atendimento no ERP, guardado também na variável chamadoErp: {{var.chamadoErp.protocolo}}).', variablesHint),
	},
	...erpCommonProperties,
];

/** Texts that fall back to their default when left empty (an empty description means: ask the customer). */
export type OpenTicketText = 'departmentPrompt' | 'subject' | 'descriptionPrompt' | 'successMessage';

/** Default of each text parameter, used when the field is left empty. */
export const OPEN_TICKET_DEFAULTS = Object.fromEntries(
	(['departmentPrompt', 'subject', 'descriptionPrompt', 'successMessage'] as const).map((name) => [name, String(openTicketProperties.find((property) => property.name === name)?.default)]),
) as Record<OpenTicketText, string>;

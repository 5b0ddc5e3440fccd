import type { INodeProperties } from 'n8n-workflow';

import { variablesHint } from '../shared/ui/variables-hint';

const destination = (version: number, fallback: 'painel' | 'api'): INodeProperties => ({
	displayName: 'Destino',
	name: 'destination',
	type: 'options',
	options: [
		{ name: 'Painel Do Atendente', value: 'painel', description: 'A conversa entra na fila da equipe no Painel de Atendimento; o fluxo continua quando ela terminar' },
		{ name: 'API De Atendentes', value: 'api', description: 'Um sistema de fora fala com o cliente pela API de atendentes do gatilho' },
	],
	default: fallback,
	displayOptions: { show: { '@version': [version] } },
});

const onDesk = { show: { destination: ['painel'] } };
const onApi = { show: { destination: ['api'] } };

export const transferProperties: INodeProperties[] = [
	destination(1, 'api'),
	destination(2, 'painel'),
	{
		displayName: 'Equipe',
		name: 'department',
		type: 'string',
		default: '',
		placeholder: 'ex.: Suporte',
		hint: 'Vazio: a "Equipe do primeiro contato" do Painel.',
		description: 'Equipe do Painel que recebe a conversa; vazio = a "Equipe do primeiro contato" do Painel',
		displayOptions: onDesk,
	},
	{
		displayName: 'Atendente (Login)',
		name: 'attendant',
		type: 'string',
		default: '',
		description: 'Login de um atendente do Painel para atribuir a conversa direto a ele; vazio = a fila da equipe',
		displayOptions: onDesk,
	},
	{
		displayName: 'Departamento',
		name: 'department',
		type: 'string',
		default: '',
		placeholder: 'ex.: Suporte',
		displayOptions: onApi,
	},
	{
		displayName: 'Atendente',
		name: 'attendant',
		type: 'string',
		default: '',
		description: 'Nome do atendente (variável {{nome_atendente}}); vazio para qualquer atendente do departamento',
		displayOptions: onApi,
	},
	{
		displayName: 'Motivo Da Transferência',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'Cliente pediu um atendente',
		description: 'Mostrado ao atendente no Painel; vazio = "Transferido pelo fluxo (card <nome deste card>)"',
		displayOptions: onDesk,
	},
	{
		displayName: 'Mensagem ao cliente',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Estou transferindo você para um atendente. Aguarde um momento, por favor. Protocolo {{protocolo}}.',
		description: 'Vazio para transferir sem mensagem. ' + variablesHint,
	},
	{
		displayName: 'Encerrar após inatividade (minutos)',
		name: 'inactivityMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		hint: 'Minutos inteiros ou frações (0,5 = 30 segundos); 0 = nunca.',
		description: 'Sem mensagens de nenhum dos lados por este tempo, o atendimento é encerrado e a próxima mensagem volta ao bot. 0 = nunca.',
		displayOptions: onApi,
	},
	{
		displayName: 'A inatividade, a mensagem de encerramento e as equipes são configuradas no nó "Painel de Atendimento".',
		name: 'deskNotice',
		type: 'notice',
		default: '',
		displayOptions: onDesk,
	},
	{
		displayName:
			'Em conversas do Chatwoot, a transferência é feita no próprio Chatwoot: Equipe é o nome da equipe lá (precisa do token de administrador na credencial), Atendente é o ID numérico do agente; o bot deixa uma nota privada com o resumo e abre a conversa. Voltar a conversa para "Pendente" devolve ao bot; resolver encerra.',
		name: 'chatwootNotice',
		type: 'notice',
		default: '',
	},
];

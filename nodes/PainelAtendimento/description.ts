import type { INodeProperties } from 'n8n-workflow';

import { variablesHint } from '../shared/ui/variables-hint';

export const painelProperties: INodeProperties[] = [
	{
		displayName: 'Caminho',
		name: 'path',
		type: 'string',
		default: 'painel',
		required: true,
		description: 'O Painel fica em <URL do n8n>/webhook/<caminho>',
	},
	{
		displayName: 'Empresa',
		name: 'company',
		type: 'string',
		default: 'Atendimento',
		description: 'Título do Painel',
	},
	{
		displayName: 'Equipes',
		name: 'teams',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: { values: [{ name: 'Atendimento' }] },
		options: [{ name: 'values', displayName: 'Equipe', values: [{ displayName: 'Nome', name: 'name', type: 'string', default: '' }] }],
	},
	{
		displayName: 'Atendentes',
		name: 'agents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'As senhas ficam na credencial "Painel do Atendente", nunca aqui',
		options: [
			{
				name: 'values',
				displayName: 'Atendente',
				values: [
					{ displayName: 'Nome', name: 'name', type: 'string', default: '' },
					{ displayName: 'Login', name: 'login', type: 'string', default: '' },
					{ displayName: 'Equipes', name: 'teams', type: 'string', default: 'Atendimento', description: 'Nomes das equipes, separados por vírgula' },
					{
						displayName: 'Papel',
						name: 'role',
						type: 'options',
						default: 'agente',
						options: [
							{ name: 'Agente', value: 'agente', description: 'Atende as conversas das suas equipes' },
							{ name: 'Supervisor', value: 'supervisor', description: 'Vê todas as equipes, a carga dos atendentes e as métricas' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Configurações Gerais',
		name: 'settings',
		type: 'collection',
		placeholder: 'Adicionar configuração',
		default: {},
		options: [
			{ displayName: 'Atribuir Ao Primeiro Atendente Que Responder', name: 'autoAssign', type: 'boolean', default: true },
			{ displayName: 'Duração Da Sessão (Horas)', name: 'sessionHours', type: 'number', typeOptions: { minValue: 0 }, default: 12, hint: 'Horas inteiras ou frações (0,5 = 30 min).' },
			{ displayName: 'Equipe Do Primeiro Contato', name: 'firstContactTeam', type: 'string', default: 'Atendimento', description: 'Recebe as conversas transferidas sem equipe' },
			{
				displayName: 'Inatividade (Minutos)',
				name: 'inactivityMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				hint: 'Minutos inteiros ou frações (0,5 = 30 segundos); 0 = nunca.',
				description: 'Sem mensagens de nenhum dos lados por este tempo, a conversa se encerra (saída "Encerrado por inatividade" do Transferir). 0 = nunca.',
			},
			{ displayName: 'Mensagem Ao Encerrar', name: 'closeMessage', type: 'string', typeOptions: { rows: 2 }, default: 'Atendimento encerrado. Obrigado pelo contato! Protocolo {{protocolo}}.', description: 'Enviada quando o atendente resolve a conversa; vazio = nenhuma. ' + variablesHint },
			{ displayName: 'Mensagem De Encerramento Por Inatividade', name: 'inactivityMessage', type: 'string', typeOptions: { rows: 2 }, default: 'Encerramos este atendimento por falta de interação. Se precisar, é só mandar uma nova mensagem. Protocolo {{protocolo}}.', description: variablesHint },
			{
				displayName: 'Respostas Rápidas',
				name: 'quickReplies',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						name: 'values',
						displayName: 'Resposta',
						values: [
							{ displayName: 'Atalho', name: 'shortcut', type: 'string', default: '', placeholder: 'boleto' },
							{ displayName: 'Texto', name: 'text', type: 'string', typeOptions: { rows: 2 }, default: '', description: variablesHint },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Integração ERP',
		name: 'erpIntegration',
		type: 'boolean',
		default: false,
		description: 'Whether to show the linked customer (contracts, invoices) and open tickets in the ERP from the desk',
	},
];

import type { INodeProperties } from 'n8n-workflow';

import { branchProperties } from './branch';
import { businessHoursProperties } from './business-hours';
import { channelProperties } from './channel';
import { diagnosticProperties } from './diagnostic';
import { shiftProperties, timeZoneProperty } from './shift';
import { idleProperties } from './idle';
import { tagProperties } from './tag';
import { teamProperties } from './team';
import { variableProperties } from './variable';

const conditionTypeProperty: INodeProperties = {
	displayName: 'Tipo de condição',
	name: 'conditionType',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Canal', value: 'channel', description: 'Canal (e conta) pelo qual o cliente chegou' },
		{ name: 'Diagnóstico', value: 'diagnostic', description: 'Resultado do card "Diagnóstico" do ERP' },
		{ name: 'Equipe atual', value: 'team', description: 'Equipe em que a conversa está (Painel ou Gatilhos por Palavra-chave)' },
		{ name: 'Etiqueta do atendimento', value: 'tag', description: 'Se o atendimento tem ao menos uma das etiquetas' },
		{ name: 'Filial', value: 'branch', description: 'Filial do canal que recebeu o atendimento' },
		{ name: 'Origem do atendimento', value: 'origin', description: 'Anúncio click-to-WhatsApp ou orgânico' },
		{ name: 'Período de atendimento', value: 'businessHours', description: 'Dentro ou fora do horário de atendimento, com feriados' },
		{ name: 'Tempo sem interação', value: 'idleTime', description: 'Quanto tempo o contato ficou sem escrever antes da última mensagem' },
		{ name: 'Tipo de cadastro', value: 'personType', description: 'Pessoa física ou jurídica do cliente vinculado' },
		{ name: 'Turno', value: 'shift', description: 'Manhã, tarde, noite ou madrugada' },
		{ name: 'Variável', value: 'variable', description: 'Regras sobre variáveis da conversa ou qualquer valor' },
	],
	default: 'businessHours',
};

const personTypeNotice: INodeProperties = {
	displayName:
		'Usa o cliente vinculado ao atendimento (Validar Cadastro, Auto Vincular Contato): o tipo informado pelo ERP ou, sem ele, o documento (CPF: física; CNPJ: jurídica). Sem cliente vinculado: "Sem cadastro".',
	name: 'personTypeNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { conditionType: ['personType'] } },
};

const originNotice: INodeProperties = {
	displayName:
		'"Anúncio" quando a conversa começou pelo botão de um anúncio (ou publicação impulsionada) click-to-WhatsApp da Meta; os dados do anúncio saem no campo "condicional". Qualquer outro início é "Orgânico".',
	name: 'originNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { conditionType: ['origin'] } },
};

/** Parameters of the Condicional card. */
export const conditionProperties: INodeProperties[] = [
	conditionTypeProperty,
	...channelProperties,
	...branchProperties,
	...businessHoursProperties,
	...shiftProperties,
	timeZoneProperty,
	...tagProperties,
	...variableProperties,
	personTypeNotice,
	originNotice,
	...diagnosticProperties,
	...teamProperties,
	...idleProperties,
];

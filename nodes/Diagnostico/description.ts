import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { DIAGNOSTIC_VARIABLE } from '../shared/erp/diagnostic';

export const diagnosticProperties: INodeProperties[] = [
	{
		displayName: 'Ligue a saída "Concluído" a um card Condicional do tipo "Diagnóstico": ele direciona o atendimento conforme o resultado (inativo, bloqueado, desbloqueio de confiança ativo, financeiro em atraso, offline, online, ativo).',
		name: 'conditionalNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Variável do resultado',
		name: 'variableName',
		type: 'string',
		default: DIAGNOSTIC_VARIABLE,
		description:
			'Variável da conversa em que o resultado é gravado (status ativo/inativo/bloqueado, financeiroEmAtraso, desbloqueioConfiancaAtivo, online). O Condicional "Diagnóstico" lê "diagnostico" por padrão; troque só se o fluxo guardar dois diagnósticos.',
	},
	...erpCommonProperties,
];

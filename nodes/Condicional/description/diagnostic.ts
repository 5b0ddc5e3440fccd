import type { INodeProperties } from 'n8n-workflow';

import { DIAGNOSTIC_VARIABLE } from '../../shared/erp/diagnostic';

/** Diagnóstico: which conversation variable holds the ERP diagnosis. */
export const diagnosticProperties: INodeProperties[] = [
	{
		displayName: 'Variável do diagnóstico',
		name: 'diagnosticVariable',
		type: 'string',
		default: DIAGNOSTIC_VARIABLE,
		displayOptions: { show: { conditionType: ['diagnostic'] } },
		description:
			'Variável da conversa em que o card "Diagnóstico" do ERP gravou o resultado. Vale a primeira saída que se aplica, de cima para baixo: Inativo, Bloqueado, Desbloqueio de confiança ativo, Financeiro em atraso, Offline, Online, Ativo (ativo, sem pendências e sem estado de conexão); sem diagnóstico: "Sem diagnóstico".',
	},
];

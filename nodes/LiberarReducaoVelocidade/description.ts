import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

export const speedReleaseProperties: INodeProperties[] = [
	{
		displayName: 'Mensagem de liberação',
		name: 'successMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Pronto, {{nome_cliente}}! A redução de velocidade foi retirada e sua internet volta à velocidade do plano em alguns minutos. Se continuar lenta, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
		description: variablesHint,
	},
	{
		displayName: 'Mensagem de recusa',
		name: 'refusedMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: 'Não foi possível retirar a redução de velocidade: {{motivo}}',
		description: 'Segue pela saída "Recusado". {{motivo}} = motivo informado pelo ERP. ' + variablesHint,
	},
	{
		displayName: 'Mensagem de contrato sem redução',
		name: 'notReducedMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'{{nome_cliente}}, seu plano não está com a velocidade reduzida: ele já está na velocidade contratada. Se a internet estiver lenta, desligue o roteador da tomada, aguarde 30 segundos e ligue de novo.',
		description: 'Quando o ERP mostra o contrato ativo, sem redução (o ERP nem é chamado); segue pela saída "Recusado". ' + variablesHint,
	},
	...erpCommonProperties,
];

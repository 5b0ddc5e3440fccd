import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

export const validateCustomerProperties: INodeProperties[] = [
	{
		displayName: 'Mensagem de cadastro encontrado',
		name: 'successMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Obrigado, {{nome_cliente}}! Encontrei o seu cadastro.',
		description: variablesHint,
		hint: 'Enviada quando o cliente é identificado; em branco, nada é enviado.',
	},
	...erpCommonProperties,
];

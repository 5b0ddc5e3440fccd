import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

export const autoLinkProperties: INodeProperties[] = [
	{
		displayName:
			'Procura no ERP o cliente com o número de WhatsApp que entrou em contato (mesmo DDD e mesmos 8 últimos dígitos) e vincula o atendimento a ele, sem perguntar nada. O cliente precisa falar do número cadastrado no ERP. No web chat não há número: a saída é "Não vinculado".',
		name: 'autoLinkNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Mensagem ao vincular',
		name: 'linkedMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'Olá, {{nome_cliente}}! Encontrei o seu cadastro pelo seu número.',
		description: variablesHint,
		hint: 'Enviada quando o contato é vinculado; em branco, nada é enviado.',
	},
	{
		displayName: 'Mensagem sem vínculo',
		name: 'notLinkedMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Enviada quando nenhum cliente tem o número do contato; em branco, nada é enviado',
	},
	...erpCommonProperties,
];

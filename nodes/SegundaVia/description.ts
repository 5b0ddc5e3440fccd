import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

export const secondCopyProperties: INodeProperties[] = [
	{
		displayName: 'Mais de uma fatura em aberto',
		name: 'invoiceSelection',
		type: 'options',
		default: 'ask',
		options: [
			{ name: 'Perguntar qual (menu)', value: 'ask' },
			{ name: 'Enviar a mais antiga', value: 'oldest' },
			{ name: 'Enviar todas', value: 'all' },
		],
	},
	{ displayName: 'Enviar PDF do boleto', name: 'sendPdf', type: 'boolean', default: true },
	{ displayName: 'Enviar Pix copia e cola', name: 'sendPix', type: 'boolean', default: true },
	{
		displayName: 'Mensagem inicial',
		name: 'introMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Aqui está a segunda via, {{nome_cliente}}:',
		description: variablesHint,
	},
	{ displayName: 'Texto antes do Pix', name: 'pixIntro', type: 'string', default: 'Pix copia e cola (copie a mensagem abaixo):' },
	{
		displayName: 'Pergunta da fatura',
		name: 'invoicePrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Você tem mais de uma fatura em aberto. Qual delas deseja?',
		displayOptions: { show: { invoiceSelection: ['ask'] } },
	},
	{
		displayName: 'Mensagem sem faturas',
		name: 'noInvoiceMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não há faturas em aberto neste contrato. Obrigado por manter tudo em dia!',
	},
	...erpCommonProperties,
];

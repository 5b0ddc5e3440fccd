import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

export const fiscalNoteProperties: INodeProperties[] = [
	{
		displayName: 'Quantidade de notas',
		name: 'notesToSend',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 12, numberPrecision: 0 },
		default: 1,
		description: 'Quantas notas fiscais enviar, da mais recente para a mais antiga (1 = só a última)',
	},
	{
		displayName: 'Mensagem inicial',
		name: 'introMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Aqui está a sua nota fiscal, {{nome_cliente}}:',
		description: variablesHint,
	},
	{
		displayName: 'Mensagem sem PDF',
		name: 'noPdfMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'O PDF desta nota não está disponível por aqui. Se precisar do documento, fale com um atendente.',
		description: 'Enviada junto com os dados da nota (número, data, valor) quando o ERP não fornece o PDF nem um link para ele. Deixe vazio para enviar só os dados.',
	},
	{
		displayName: 'Mensagem sem notas fiscais',
		name: 'noNotesMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não encontrei notas fiscais emitidas para este contrato. Se precisar, fale com um atendente.',
		description: variablesHint,
	},
	...erpCommonProperties,
];

import type { INodeProperties } from 'n8n-workflow';

/**
 * "Variáveis" of the cards that fill a WhatsApp template (Mensagem Omnichannel, Template
 * Interativo): one row per body variable, chosen from the template set in the `template` parameter.
 * The cards differ only in how the value is written (`value`: placeholder and description).
 */
export function templateVariablesProperty(value: { placeholder: string; description: string }, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Variáveis',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Adicionar variável',
		...(displayOptions ? { displayOptions } : {}),
		default: {},
		description: 'Uma linha por variável do corpo do template ({{1}}, {{2}}…)',
		options: [
			{
				name: 'values',
				displayName: 'Variável',
				values: [
					{
						displayName: 'Variable Name or ID',
						name: 'variable',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'listTemplateVariables', loadOptionsDependsOn: ['/template'] },
						default: '',
						description:
							'Variável do template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Valor',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: value.placeholder,
						description: value.description,
					},
				],
			},
		],
	};
}

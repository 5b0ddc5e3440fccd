import type { INodeProperties } from 'n8n-workflow';

/** Etiqueta do atendimento: "Tem etiqueta" when at least one selected tag is present. */
export const tagProperties: INodeProperties[] = [
	{
		displayName: 'Etiquetas',
		name: 'tags',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Adicionar etiqueta' },
		default: [],
		displayOptions: { show: { conditionType: ['tag'] } },
		description:
			'Saída "Tem etiqueta" quando ao menos uma destas etiquetas está no atendimento (ou no contato); maiúsculas e acentos não importam',
	},
];

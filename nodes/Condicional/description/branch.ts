import type { INodeProperties } from 'n8n-workflow';

/** Filial: one output per listed branch, then "Outras". */
export const branchProperties: INodeProperties[] = [
	{
		displayName: 'Filiais',
		name: 'branches',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Adicionar filial' },
		default: [],
		displayOptions: { show: { conditionType: ['branch'] } },
		description:
			'Cada filial vira uma saída, na mesma ordem. A filial do atendimento é a da opção "Filial" do card "Início do Atendimento" que o recebeu (maiúsculas e acentos não importam); sem filial ou outra filial: saída "Outras".',
	},
];

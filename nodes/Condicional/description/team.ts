import type { INodeProperties } from 'n8n-workflow';

/** Equipe atual: one output per listed team, then "Outra equipe" and "Sem equipe". */
export const teamProperties: INodeProperties[] = [
	{
		displayName: 'Equipes',
		name: 'teams',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Adicionar equipe' },
		default: [],
		displayOptions: { show: { conditionType: ['team'] } },
		description:
			'Cada equipe vira uma saída, na mesma ordem. A equipe atual é a do Painel para onde a conversa foi transferida, ou a que um gatilho "Equipe de atendimento" (Gatilhos por Palavra-chave) escolheu; maiúsculas e acentos não importam. Outra equipe: saída "Outra equipe"; nenhuma: "Sem equipe".',
	},
];

import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Passwords of the Painel do Atendente's agents: initial (or reset) passwords, kept encrypted by n8n,
 * never in the workflow JSON. An agent who changes his password on the desk gets a scrypt hash in the
 * atendimento store; editing his line here resets it.
 */
 
export class AtendimentoPainelApi implements ICredentialType {
	name = 'atendimentoPainelApi';

	displayName = 'Atendimento: Painel Do Atendente API';

	documentationUrl = 'https://github.com/n8n-nodes-atendimento/n8n-nodes-atendimento#readme';

	icon = 'file:painel.svg' as const;

	properties: INodeProperties[] = [
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the field holds the agents' passwords
		{
			displayName: 'Senhas Iniciais',
			name: 'senhasIniciais',
			type: 'string',
			typeOptions: { password: true, rows: 6 },
			default: '',
			required: true,
			placeholder: 'ana: senha-da-ana\nsupervisor: outra-senha',
			description:
				'Uma linha por atendente: "login: senha". O atendente pode trocar a senha no Painel; mudar a linha dele aqui volta a valer esta senha (reset).',
		},
	];
}

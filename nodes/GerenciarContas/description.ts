import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

const accountHint = `Use {{conta}} para o nome da conta. ${variablesHint}`;

export const manageAccountsProperties: INodeProperties[] = [
	{
		displayName: 'Conta',
		name: 'account',
		type: 'options',
		default: 'menu',
		options: [
			{ name: 'Perguntar ao Cliente (Menu)', value: 'menu', description: 'O cliente escolhe entre Adicionar conta e Trocar conta' },
			{ name: 'Adicionar Conta', value: 'addAccount', description: 'Vincula ao atendimento a conta de outro CPF/CNPJ' },
			{ name: 'Trocar Conta', value: 'switchAccount', description: 'Alterna entre as contas já vinculadas ao contato' },
		],
	},
	{
		displayName: 'Pergunta do menu',
		name: 'menuPrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'O que você deseja fazer?',
		displayOptions: { show: { account: ['menu'] } },
	},
	{
		displayName: 'Pedido do CPF/CNPJ da outra conta',
		name: 'addPrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Digite o CPF ou CNPJ da conta que deseja adicionar (só os números).',
		displayOptions: { show: { account: ['menu', 'addAccount'] } },
	},
	{
		displayName: 'Mensagem de conta adicionada',
		name: 'addedMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Pronto! A conta de {{conta}} foi adicionada. Para usá-la, escolha Trocar conta.',
		description: accountHint,
		displayOptions: { show: { account: ['menu', 'addAccount'] } },
	},
	{
		displayName: 'Pergunta da conta',
		name: 'switchPrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Para qual conta você deseja trocar?',
		displayOptions: { show: { account: ['menu', 'switchAccount'] } },
	},
	{
		displayName: 'Mensagem de conta trocada',
		name: 'switchedMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Pronto! Agora o atendimento está na conta de {{conta}}.',
		description: accountHint,
		displayOptions: { show: { account: ['menu', 'switchAccount'] } },
	},
	{
		displayName: 'Mensagem sem outras contas',
		name: 'noAccountsMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Você ainda não tem outras contas vinculadas a este atendimento.',
		description: 'Enviada em Trocar conta quando o contato não adicionou outra conta; o card segue pela saída "Sem outras contas"',
		displayOptions: { show: { account: ['menu', 'switchAccount'] } },
	},
	...erpCommonProperties,
];

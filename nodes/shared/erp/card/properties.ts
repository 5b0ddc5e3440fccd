import type { INodeCredentialDescription, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { timeoutMinutesProperty, waitingCardWebhooks } from '../../ui/waiting-card';
import { ERP_CREDENTIAL_TYPE } from '../n8n-transport';

/** Outputs every ERP card has after its own. */
export const COMMON_OUTPUTS = ['Máximo de tentativas', 'Erro', 'Sem resposta'] as const;

/** The parameters every ERP card shares (identification, attempts, errors). */
export interface ErpCommonParameters {
	documentPrompt: string;
	notFoundMessage: string;
	contractPrompt: string;
	maxAttempts: number;
	maxAttemptsMessage: string;
	errorMessage: string;
	timeoutMinutes: number;
}

export const ERP_COMMON_DEFAULTS: ErpCommonParameters = {
	documentPrompt: 'Para continuar, digite o CPF ou CNPJ do titular do cadastro (só os números).',
	notFoundMessage: 'Não encontrei cadastro com esse CPF/CNPJ. Confira os números e digite novamente.',
	contractPrompt: 'Encontrei mais de um contrato no seu cadastro. Qual deles?',
	maxAttempts: 3,
	maxAttemptsMessage: 'Não consegui concluir com as respostas enviadas. Vou te encaminhar por outro caminho.',
	errorMessage: 'Não consegui consultar o sistema agora. Tente novamente em alguns minutos ou fale com um atendente.',
	timeoutMinutes: 0,
};

/** The credential declaration of every ERP card ("Testar" runs `testErpCredential`). */
export const erpCredentials: INodeCredentialDescription[] = [{ name: ERP_CREDENTIAL_TYPE, required: true, testedBy: 'testErpCredential' }];

/** Shared fields, shown after the card's own. */
export const erpCommonProperties: INodeProperties[] = [
	{
		displayName: 'Tentativas',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		default: 3,
		description: 'Respostas inválidas aceitas (CPF/CNPJ não encontrado, opção inexistente…) antes de seguir pela saída "Máximo de tentativas"',
	},
	{
		displayName: 'Mensagem após máximo de tentativas',
		name: 'maxAttemptsMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não consegui concluir com as respostas enviadas. Vou te encaminhar por outro caminho.',
	},
	{
		displayName: 'Mensagem de erro do ERP',
		name: 'errorMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não consegui consultar o sistema agora. Tente novamente em alguns minutos ou fale com um atendente.',
		description: 'Enviada quando o ERP não responde ou responde com erro; o card segue pela saída "Erro"',
	},
	timeoutMinutesProperty,
	{
		displayName: 'Mensagens de identificação',
		name: 'identification',
		type: 'collection',
		placeholder: 'Alterar mensagem',
		default: {},
		description: 'O CPF/CNPJ só é pedido quando o atendimento ainda não tem cliente vinculado. Aceita as variáveis de mensagem, como {{nome_cliente}}.',
		options: [
			{
				displayName: 'Pedido de CPF/CNPJ',
				name: 'documentPrompt',
				type: 'string',
				typeOptions: { rows: 2 },
				default: 'Para continuar, digite o CPF ou CNPJ do titular do cadastro (só os números).',
			},
			{
				displayName: 'Cadastro não encontrado',
				name: 'notFoundMessage',
				type: 'string',
				typeOptions: { rows: 2 },
				default: 'Não encontrei cadastro com esse CPF/CNPJ. Confira os números e digite novamente.',
			},
			{
				displayName: 'Pergunta do contrato',
				name: 'contractPrompt',
				type: 'string',
				typeOptions: { rows: 2 },
				default: 'Encontrei mais de um contrato no seu cadastro. Qual deles?',
			},
		],
	},
];

/** The parts of an ERP card's description that are the same for every card. */
export function erpCardDescription(outputs: string[]): Pick<INodeTypeDescription, 'inputs' | 'outputs' | 'outputNames' | 'credentials' | 'webhooks' | 'group'> {
	const names = [...outputs, ...COMMON_OUTPUTS];
	return {
		group: ['transform'],
		inputs: [NodeConnectionTypes.Main],
		outputs: names.map(() => NodeConnectionTypes.Main),
		outputNames: names,
		credentials: erpCredentials,
		webhooks: waitingCardWebhooks,
	};
}

import type { INodeProperties } from 'n8n-workflow';

import { erpCommonProperties } from '../shared/erp/card/properties';
import { variablesHint } from '../shared/ui/variables-hint';

const legalReview = 'Texto preenchido com base em validação jurídica do aceite eletrônico: não recomendamos alterar.';
const contractPlaceholder = 'Também aceita {{contrato}} (plano do contrato).';

/** A field description made of whole sentences. */
const sentences = (...parts: string[]): string => parts.join(' ');

/** The card's own texts, with the defaults a legal review would start from. */
const textProperties: INodeProperties[] = [
	{
		displayName: 'Texto de ajuda para aceite',
		name: 'helpText',
		type: 'string',
		typeOptions: { rows: 4 },
		default:
			'Acima está o seu contrato de prestação de serviços ({{contrato}}). Leia todas as cláusulas com atenção antes de responder. O aceite feito aqui é uma assinatura eletrônica: a data, a hora e o número de telefone deste atendimento ficam registrados como comprovação. Se tiver qualquer dúvida, responda Não e fale com um atendente antes de aceitar.',
		description: sentences(legalReview, contractPlaceholder, variablesHint),
	},
	{
		displayName: 'Texto de confirmação 1',
		name: 'confirmationText1',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Você leu o contrato e concorda com todas as cláusulas e condições?',
		description: sentences(legalReview, 'Enviado com os botões Sim e Não.', contractPlaceholder, variablesHint),
	},
	{
		displayName: 'Texto de confirmação 2',
		name: 'confirmationText2',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Para concluir: você, titular do cadastro, aceita eletronicamente o contrato {{contrato}}, com a mesma validade da sua assinatura?',
		description: sentences(legalReview, 'Enviado com os botões Sim e Não depois do primeiro Sim.', contractPlaceholder, variablesHint),
	},
	{
		displayName: 'Mensagem de sucesso',
		name: 'successMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Aceite registrado em {{data_aceite}}. Seu contrato {{contrato}} foi ativado e a conexão será liberada em instantes. Guarde esta mensagem como comprovante. Obrigado!',
		description: sentences(legalReview, 'Também aceita {{data_aceite}} (data e hora do aceite).', contractPlaceholder, variablesHint),
	},
	{
		displayName: 'Mensagem de recusa',
		name: 'refusedMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Tudo bem, o contrato não foi aceito e nada foi alterado. Se tiver dúvidas sobre as cláusulas, fale com um dos nossos atendentes.',
		description: sentences('Enviada quando o cliente responde Não; o card segue pela saída "Recusado".', contractPlaceholder, variablesHint),
	},
	{
		displayName: 'Mensagem sem contrato pendente',
		name: 'nothingPendingMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Não há contrato aguardando aceite no seu cadastro, {{nome_cliente}}.',
		description: sentences('Nenhum contrato aguardando assinatura; o card segue pela saída "Nada pendente".', variablesHint),
	},
	{
		displayName: 'Mensagem de contato não vinculado',
		name: 'notLinkedMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Para aceitar o contrato por aqui, precisamos confirmar que você é o titular: fale com a gente pelo número de WhatsApp cadastrado no contrato. Se o seu número mudou, peça a um atendente para atualizar o cadastro.',
		description: sentences('O atendimento não tem cliente vinculado; o card segue pela saída "Contato não vinculado".', variablesHint),
	},
	{
		displayName: 'Mensagem de vínculo sem telefone confirmado',
		name: 'notPhoneVerifiedMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default:
			'Para aceitar o contrato por aqui, precisamos confirmar que você é o titular pelo telefone cadastrado no contrato, e não foi possível: {{motivo}}. Fale com a gente pelo número de WhatsApp cadastrado, ou peça a um atendente para atualizar o cadastro.',
		description: sentences(
			'O atendimento tem cliente vinculado, mas o vínculo não foi confirmado pelo telefone (Auto Vincular Contato): foi feito pelo CPF/CNPJ digitado (Validar Cadastro), só pelo login da Central do Assinante (Autenticação Duas Etapas) ou antes de o vínculo registrar como foi feito. Segue pela saída "Contato não vinculado". {{motivo}} = por que o vínculo não vale para o aceite.',
			variablesHint,
		),
	},
	{
		displayName: 'Pergunta do contrato',
		name: 'contractPrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Você tem mais de um contrato aguardando aceite. Qual deseja ver agora?',
		description: 'Enviada quando mais de um contrato aguarda aceite',
	},
];

/** Default of each text parameter, used when the field is left empty. */
export const CONTRACT_ACCEPTANCE_DEFAULTS: Record<string, string> = Object.fromEntries(textProperties.map((property) => [property.name, String(property.default)]));

export const contractAcceptanceProperties: INodeProperties[] = [
	{
		displayName:
			'Use antes deste card o Auto Vincular Contato: ele confirma que o número do atendimento é o do titular. Sem cliente vinculado, o card segue pela saída "Contato não vinculado" sem pedir CPF/CNPJ.',
		name: 'linkNotice',
		type: 'notice',
		default: '',
	},
	...textProperties,
	// The CPF/CNPJ is never asked here: the identification texts do not apply.
	...erpCommonProperties.filter((property) => property.name !== 'identification'),
];

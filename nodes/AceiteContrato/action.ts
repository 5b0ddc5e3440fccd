import type { IDataObject } from 'n8n-workflow';

import type { InboundMessage, OutboundMessage } from '../shared/channels/types';
import type { LinkedCustomer } from '../shared/conversation/types';
import { publicContrato } from '../shared/erp/card/engine';
import { textOf, type ErpCardAction, type ErpStep, type ErpTurn } from '../shared/erp/card/types';
import { ErpError, type Contrato, type ErpSystem } from '../shared/erp/types';
import { matchChoice } from '../shared/text/match';
import { confirmationQuestion, contractDocument, formatAcceptanceMoment, pendingContractChoices, readConfirmation } from './messages';

/** Parameters of the card's own step (the texts of the acceptance come from a legal review: see description.ts). */
export interface ContractAcceptanceParameters {
	notLinkedMessage: string;
	/** The link was made by typed CPF/CNPJ or portal login, or before the link recorded how: `{{motivo}}`. */
	notPhoneVerifiedMessage: string;
	nothingPendingMessage: string;
	contractPrompt: string;
	helpText: string;
	confirmationText1: string;
	confirmationText2: string;
	successMessage: string;
	refusedMessage: string;
}

export const CONTRACT_ACCEPTANCE_OUTPUTS = ['Aceito', 'Recusado', 'Nada pendente', 'Contato não vinculado'];
const ACCEPTED = 0;
const REFUSED = 1;
const NOTHING_PENDING = 2;
const NOT_LINKED = 3;

/** Where the card's own dialog is. */
type Dialog = { stage: 'contract'; contractIds: string[] } | { stage: 'confirmation1' | 'confirmation2'; contractId: string };

const say = (text: string): OutboundMessage => ({ kind: 'text', text });

/**
 * Why the conversation's link cannot accept a contract, or `undefined` when it can. Only a link made by
 * phone counts (Auto Vincular Contato: the channel's number is registered on the customer), because
 * the acceptance's evidence is that phone. A typed CPF/CNPJ proves nothing about who types it, and the
 * subscriber-portal password (Autenticação Duas Etapas) proves knowledge of a password, not the
 * registered phone: neither counts, alone or together. A link recorded before links said how they
 * were made counts as not verified by phone.
 */
export function phoneVerificationProblem(link: LinkedCustomer): string | undefined {
	const how = link.verifiedBy;
	if (how?.includes('telefone')) return undefined;
	if (!how || how.length === 0) return 'o vínculo deste atendimento é anterior ao registro de como ele foi feito, então não dá para saber se o telefone foi confirmado';
	if (how.includes('portal')) return 'o cadastro foi confirmado com o login da Central do Assinante, mas o telefone desta conversa não foi confirmado no cadastro';
	return 'o cadastro foi identificado pelo CPF/CNPJ digitado, sem confirmar o telefone desta conversa no cadastro';
}

function notLinked(step: Omit<ErpStep, 'cliente' | 'contrato'>, parameters: ContractAcceptanceParameters): ErpTurn {
	return { kind: 'finish', output: NOT_LINKED, result: { vinculado: false }, messages: [say(step.render(parameters.notLinkedMessage))] };
}

/** "Contato não vinculado" when the conversation has no link to this ERP or one not verified by phone. */
function linkRefusal(step: Omit<ErpStep, 'cliente' | 'contrato'>, parameters: ContractAcceptanceParameters): ErpTurn | undefined {
	const link = step.conversation.customer;
	const system: ErpSystem = step.adapter.system;
	if (!link || link.erp !== system || !link.document) return notLinked(step, parameters);
	const motivo = phoneVerificationProblem(link);
	if (!motivo) return undefined;
	return {
		kind: 'finish',
		output: NOT_LINKED,
		result: { vinculado: true, verificadoPorTelefone: false, verificacoes: link.verifiedBy ?? [], motivo },
		messages: [say(step.render(parameters.notPhoneVerifiedMessage, { motivo }))],
	};
}

function nothingPending(step: ErpStep, parameters: ContractAcceptanceParameters, contrato?: Contrato): ErpTurn {
	return {
		kind: 'finish',
		output: NOTHING_PENDING,
		result: { contrato: contrato ? publicContrato(contrato) : null },
		messages: [say(step.render(parameters.nothingPendingMessage))],
	};
}

async function pendingContracts(step: ErpStep): Promise<Contrato[]> {
	return (await step.adapter.listarContratos(step.cliente)).filter((contrato) => contrato.status === 'aguardando_assinatura');
}

/** Sends the contract PDF, the help text and the first confirmation. */
async function present(step: ErpStep, parameters: ContractAcceptanceParameters, contrato: Contrato): Promise<ErpTurn> {
	const pdf = await step.adapter.documentoAceite(step.cliente, contrato);
	if (!pdf) return nothingPending(step, parameters, contrato);
	const extra = { contrato: contrato.plano };
	return {
		kind: 'ask',
		messages: [contractDocument(pdf, contrato), say(step.render(parameters.helpText, extra)), confirmationQuestion(step.render(parameters.confirmationText1, extra))],
		state: { stage: 'confirmation1', contractId: contrato.id } satisfies Dialog,
	};
}

/** Records the acceptance with its evidence (phone of the conversation, moment) and activates the contract. */
async function accept(step: ErpStep, parameters: ContractAcceptanceParameters, contrato: Contrato): Promise<ErpTurn> {
	const data = new Date().toISOString();
	const telefone = step.conversation.contact.phone;
	const outcome = await step.adapter.aceitarContrato(step.cliente, contrato, { ...(telefone ? { telefone } : {}), data });
	if (!outcome.sucesso) {
		throw new ErpError('erro_erp', `O ERP recusou o aceite do contrato ${contrato.id}: ${outcome.motivo}`, { system: step.adapter.system, action: 'aceitarContrato' });
	}
	const aceite: IDataObject = { aceito: true, data, telefone: telefone ?? null, protocolo: outcome.protocolo ?? null };
	return {
		kind: 'finish',
		output: ACCEPTED,
		result: { contrato: publicContrato(contrato), aceite },
		messages: [say(step.render(parameters.successMessage, { contrato: contrato.plano, data_aceite: formatAcceptanceMoment(data) }))],
	};
}

async function answerContract(step: ErpStep, parameters: ContractAcceptanceParameters, message: InboundMessage, contractIds: string[]): Promise<ErpTurn> {
	const contratos = (await pendingContracts(step)).filter((contrato) => contractIds.includes(contrato.id));
	if (contratos.length === 0) return nothingPending(step, parameters);
	const choices = pendingContractChoices(contratos);
	const content = message.content;
	const picked = (content.kind === 'choice' ? choices.find((choice) => choice.id === content.id) : undefined) ?? matchChoice(textOf(message), choices);
	if (!picked) return { kind: 'invalid', messages: [{ kind: 'choices', text: 'Escolha um dos contratos da lista.', choices, buttonLabel: 'Contratos' }] };
	return await present(step, parameters, contratos[choices.indexOf(picked)]);
}

/**
 * "Aceite de Contrato": a contract awaiting signature (status `aguardando_assinatura`) is sent as a PDF
 * with the help text, then confirmed twice (Sim/Não); the second Sim records the acceptance in the ERP
 * with its evidence, which activates the contract. Only for conversations whose link to the customer
 * was verified by phone (Auto Vincular Contato; see `phoneVerificationProblem`): the CPF/CNPJ is never
 * asked here, since typing a document proves nothing about who accepts.
 */
export function contractAcceptanceAction(parameters: ContractAcceptanceParameters): ErpCardAction {
	return {
		outputs: CONTRACT_ACCEPTANCE_OUTPUTS,
		requires: 'customer',
		uses: ['listarContratos', 'documentoAceite', 'aceitarContrato'],
		async beforeIdentification(step) {
			return linkRefusal(step, parameters);
		},
		async run(step) {
			const pending = await pendingContracts(step);
			if (pending.length === 0) return nothingPending(step, parameters);
			const active = pending.find((contrato) => contrato.id === step.conversation.customer?.activeContractId);
			if (active || pending.length === 1) return await present(step, parameters, active ?? pending[0]);
			return {
				kind: 'ask',
				messages: [{ kind: 'choices', text: step.render(parameters.contractPrompt), choices: pendingContractChoices(pending), buttonLabel: 'Contratos' }],
				state: { stage: 'contract', contractIds: pending.map((contrato) => contrato.id) } satisfies Dialog,
			};
		},
		async answer(step, message, state) {
			if (!step.cliente) return linkRefusal(step, parameters) ?? notLinked(step, parameters);
			const dialog = state as Dialog;
			if (dialog.stage === 'contract') return await answerContract(step, parameters, message, dialog.contractIds);
			const contrato = (await pendingContracts(step)).find((candidate) => candidate.id === dialog.contractId);
			if (!contrato) return nothingPending(step, parameters);
			const extra = { contrato: contrato.plano };
			const question = dialog.stage === 'confirmation1' ? parameters.confirmationText1 : parameters.confirmationText2;
			const confirmed = readConfirmation(message);
			if (confirmed === undefined) return { kind: 'invalid', messages: [say('Responda Sim ou Não, por favor.'), confirmationQuestion(step.render(question, extra))] };
			if (!confirmed) {
				return { kind: 'finish', output: REFUSED, result: { contrato: publicContrato(contrato), aceite: { aceito: false } }, messages: [say(step.render(parameters.refusedMessage, extra))] };
			}
			if (dialog.stage === 'confirmation2') return await accept(step, parameters, contrato);
			return {
				kind: 'ask',
				messages: [confirmationQuestion(step.render(parameters.confirmationText2, extra))],
				state: { stage: 'confirmation2', contractId: contrato.id } satisfies Dialog,
			};
		},
	};
}

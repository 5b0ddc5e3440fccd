import type { IDataObject } from 'n8n-workflow';

import type { OutboundMessage } from '../shared/channels/types';
import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import { publicCliente } from '../shared/erp/card/engine';
import { textOf, type ErpCardAction, type ErpStep, type ErpTurn } from '../shared/erp/card/types';
import type { Cliente } from '../shared/erp/types';
import { maskDocument, validateDocument } from '../shared/validation';
import { ADD_CHOICE, accountChoices, accountMenu, operationMenu, pickedChoice, SWITCH_CHOICE, type Account } from './messages';

/** What the card does: asks the customer (menu), or always adds, or always switches. */
export type AccountOperation = 'menu' | 'addAccount' | 'switchAccount';

/** Parameters of the card's own step. */
export interface ManageAccountsParameters {
	operation: AccountOperation;
	menuPrompt: string;
	addPrompt: string;
	/** The common "Cadastro não encontrado" text of the identification messages. */
	notFoundMessage: string;
	addedMessage: string;
	switchPrompt: string;
	switchedMessage: string;
	noAccountsMessage: string;
}

export const MANAGE_ACCOUNTS_OUTPUTS = ['Conta adicionada', 'Conta trocada', 'Sem outras contas'];
const ADDED = 0;
const SWITCHED = 1;
const NO_ACCOUNTS = 2;

type Stage = { step: 'menu' } | { step: 'add' } | { step: 'switch'; accountIds: string[] };

const say = (text: string): OutboundMessage[] => (text ? [{ kind: 'text', text }] : []);

function publicAccount(account: Account): IDataObject {
	return { id: account.id, nome: account.name ?? '', documento: maskDocument(account.document ?? '') };
}

/** The contact's other accounts, as stored on the conversation (never the current one). */
function otherAccounts(step: ErpStep): Account[] {
	return (step.conversation.customer?.additionalAccounts ?? []).filter((account) => account.id !== step.cliente.id);
}

function askAdd(step: ErpStep, parameters: ManageAccountsParameters): ErpTurn {
	return { kind: 'ask', messages: say(step.render(parameters.addPrompt)), state: { step: 'add' } };
}

function askSwitch(step: ErpStep, parameters: ManageAccountsParameters): ErpTurn {
	const accounts = otherAccounts(step);
	if (accounts.length === 0) {
		return { kind: 'finish', output: NO_ACCOUNTS, result: { conta: publicCliente(step.cliente), contas: [] }, messages: say(step.render(parameters.noAccountsMessage)) };
	}
	return {
		kind: 'ask',
		messages: [accountMenu(step.render(parameters.switchPrompt), accounts)],
		state: { step: 'switch', accountIds: accounts.map((account) => account.id) },
	};
}

/** "Adicionar conta": the CPF/CNPJ of another customer joins the conversation's additional accounts. */
async function addAccount(step: ErpStep, parameters: ManageAccountsParameters, text: string): Promise<ErpTurn> {
	const validation = validateDocument(text);
	if (!validation.valid) return { kind: 'invalid', messages: say(validation.reason) };
	const found = await step.adapter.buscarClientePorDocumento(validation.value);
	if (!found) return { kind: 'invalid', messages: say(step.render(parameters.notFoundMessage)) };
	if (found.id === step.cliente.id) {
		return { kind: 'invalid', messages: say('Esse CPF/CNPJ é o da conta que você já está usando. Digite o de outra conta.') };
	}
	const updated = await getConversationStore().update(step.conversation.id, (record) => {
		if (!record.customer) return;
		const accounts = record.customer.additionalAccounts ?? [];
		if (!accounts.some((account) => account.id === found.id)) accounts.push({ id: found.id, name: found.nome, document: found.documento, verifiedBy: ['documento'] });
		record.customer.additionalAccounts = accounts;
		record.events = appendEvent(record.events, { at: Date.now(), type: 'conta_adicionada', data: { clienteId: found.id } });
	});
	return {
		kind: 'finish',
		output: ADDED,
		result: {
			conta: publicCliente(found),
			contaAtual: publicCliente(step.cliente),
			contas: (updated?.customer?.additionalAccounts ?? []).map(publicAccount),
		},
		messages: say(step.render(parameters.addedMessage, { conta: found.nome })),
	};
}

/**
 * "Trocar conta": the chosen account becomes the conversation's customer (looked up again in the ERP
 * for its current data) and the previous one stays among the additional accounts.
 */
async function switchAccount(step: ErpStep, parameters: ManageAccountsParameters, account: Account): Promise<ErpTurn> {
	const found: Cliente | undefined = account.document ? await step.adapter.buscarClientePorDocumento(account.document) : undefined;
	if (!found) {
		const remaining = otherAccounts(step).filter((other) => other.id !== account.id);
		return {
			kind: 'invalid',
			messages: [accountMenu('Não encontrei mais essa conta no sistema. Escolha outra.', remaining)],
			state: { step: 'switch', accountIds: remaining.map((other) => other.id) },
		};
	}
	const previous = step.cliente;
	await getConversationStore().update(step.conversation.id, (record) => {
		const chosen = (record.customer?.additionalAccounts ?? []).find((other) => other.id === found.id);
		const previousVerifiedBy = record.customer?.id === previous.id ? record.customer.verifiedBy : undefined;
		const others = (record.customer?.additionalAccounts ?? []).filter((other) => other.id !== found.id && other.id !== previous.id);
		record.customer = {
			erp: step.adapter.system,
			id: found.id,
			name: found.nome,
			document: found.documento,
			personType: found.tipoPessoa,
			code: found.codigo,
			phones: found.telefones,
			// Each account keeps how it was tied to the contact (Aceite de Contrato reads it).
			...(chosen?.verifiedBy ? { verifiedBy: chosen.verifiedBy } : {}),
			additionalAccounts: [...others, { id: previous.id, name: previous.nome, document: previous.documento, ...(previousVerifiedBy ? { verifiedBy: previousVerifiedBy } : {}) }],
		};
		record.events = appendEvent(record.events, { at: Date.now(), type: 'conta_trocada', data: { de: previous.id, para: found.id } });
	});
	return {
		kind: 'finish',
		output: SWITCHED,
		result: { conta: publicCliente(found), contaAnterior: publicCliente(previous) },
		messages: say(step.render(parameters.switchedMessage, { conta: found.nome })),
	};
}

/** "Gerenciar Contas": add another customer account by CPF/CNPJ, or switch the conversation to one of them. */
export function manageAccountsAction(parameters: ManageAccountsParameters): ErpCardAction {
	return {
		outputs: MANAGE_ACCOUNTS_OUTPUTS,
		requires: 'customer',
		uses: [],
		async run(step) {
			if (parameters.operation === 'addAccount') return askAdd(step, parameters);
			if (parameters.operation === 'switchAccount') return askSwitch(step, parameters);
			return { kind: 'ask', messages: [operationMenu(step.render(parameters.menuPrompt))], state: { step: 'menu' } };
		},
		async answer(step, message, state) {
			const stage = state as Stage;
			if (stage.step === 'add') return await addAccount(step, parameters, textOf(message));
			if (stage.step === 'switch') {
				const accounts = otherAccounts(step).filter((account) => stage.accountIds.includes(account.id));
				const choices = accountChoices(accounts);
				const picked = pickedChoice(message, choices);
				if (!picked) return { kind: 'invalid', messages: [accountMenu('Escolha uma das contas da lista.', accounts)] };
				return await switchAccount(step, parameters, accounts[choices.indexOf(picked)]);
			}
			const operation = pickedChoice(message, [ADD_CHOICE, SWITCH_CHOICE]);
			if (!operation) return { kind: 'invalid', messages: [operationMenu('Escolha uma das opções: Adicionar conta ou Trocar conta.')] };
			return operation.id === ADD_CHOICE.id ? askAdd(step, parameters) : askSwitch(step, parameters);
		},
	};
}

import type { Choice, InboundMessage, OutboundMessage } from '../shared/channels/types';
import type { LinkedCustomer } from '../shared/conversation/types';
import { textOf } from '../shared/erp/card/types';
import { matchChoice } from '../shared/text/match';
import { maskDocument } from '../shared/validation';

/** One of the contact's other accounts (`LinkedCustomer.additionalAccounts`). */
export type Account = NonNullable<LinkedCustomer['additionalAccounts']>[number];

export const ADD_CHOICE: Choice = { id: 'conta_adicionar', label: 'Adicionar conta', description: 'Vincular a conta de outro CPF/CNPJ' };
export const SWITCH_CHOICE: Choice = { id: 'conta_trocar', label: 'Trocar conta', description: 'Usar outra conta já vinculada' };

/** The "Adicionar conta / Trocar conta" menu. */
export function operationMenu(text: string): OutboundMessage {
	return { kind: 'choices', text, choices: [ADD_CHOICE, SWITCH_CHOICE], buttonLabel: 'Contas' };
}

/** Menu rows of the accounts to switch to: name (≤ 24 characters) and the masked CPF/CNPJ. */
export function accountChoices(accounts: Account[]): Choice[] {
	return accounts.map((account) => ({
		id: `conta_${account.id}`,
		label: [...(account.name || `Conta ${account.id}`)].slice(0, 24).join(''),
		description: account.document ? maskDocument(account.document) : undefined,
	}));
}

export function accountMenu(text: string, accounts: Account[]): OutboundMessage {
	return { kind: 'choices', text, choices: accountChoices(accounts), buttonLabel: 'Contas' };
}

/** The choice the customer tapped or typed (button id, number or name), if any. */
export function pickedChoice(message: InboundMessage, choices: Choice[]): Choice | undefined {
	const content = message.content;
	return (content.kind === 'choice' ? choices.find((choice) => choice.id === content.id) : undefined) ?? matchChoice(textOf(message), choices);
}

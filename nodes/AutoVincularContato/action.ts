import type { IDataObject } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import type { LinkedCustomer } from '../shared/conversation/types';
import { linkCustomer, publicCliente } from '../shared/erp/card/engine';
import type { ErpCardAction, ErpStep, ErpTurn } from '../shared/erp/card/types';
import { customersWithPhone, phoneSearchTerm } from '../shared/erp/phone-match';
import type { Cliente } from '../shared/erp/types';
import { maskDocument } from '../shared/validation';

/** Parameters of the card's own step. */
export interface AutoLinkParameters {
	/** Sent when the contact was linked; empty = nothing is sent. */
	linkedMessage: string;
	/** Sent when no customer has the contact's phone; empty = nothing is sent. */
	notLinkedMessage: string;
}

export const AUTO_LINK_OUTPUTS = ['Vinculado', 'Não vinculado'];
const LINKED = 0;
const NOT_LINKED = 1;

/** Why the contact was not linked (item JSON `motivo`). */
type NotLinkedReason = 'sem_telefone' | 'telefone_nao_cadastrado';

function say(step: Pick<ErpStep, 'render'>, text: string) {
	const rendered = step.render(text);
	return rendered ? [{ kind: 'text' as const, text: rendered }] : [];
}

function notLinked(step: Pick<ErpStep, 'render'>, parameters: AutoLinkParameters, motivo: NotLinkedReason): ErpTurn {
	return { kind: 'finish', output: NOT_LINKED, result: { vinculado: false, motivo }, messages: say(step, parameters.notLinkedMessage) };
}

function otherAccounts(link: LinkedCustomer | undefined): IDataObject[] {
	return (link?.additionalAccounts ?? []).map((account) => ({ id: account.id, nome: account.name ?? '', documento: maskDocument(account.document ?? '') }));
}

/**
 * Links the conversation to the customers registered with its phone: the one already linked stays the
 * main account when it is among them, otherwise the first; the others become additional accounts
 * (Gerenciar Contas → "Trocar conta" switches between them).
 */
async function linkByPhone(conversationId: string, system: string, matches: Cliente[], nodeName: string): Promise<void> {
	const current = (await getConversationStore().get(conversationId))?.customer;
	const kept = current?.erp === system ? matches.find((cliente) => cliente.id === current.id) : undefined;
	const main = kept ?? matches[0];
	await linkCustomer(conversationId, system, main, nodeName, 'telefone');
	await getConversationStore().update(conversationId, (record) => {
		if (!record.customer) return;
		// linkCustomer kept the contact's other accounts of this ERP (and the previous customer among them).
		const accounts = [...(record.customer.additionalAccounts ?? [])];
		for (const cliente of matches) {
			if (cliente.id !== main.id && !accounts.some((account) => account.id === cliente.id)) {
				accounts.push({ id: cliente.id, name: cliente.nome, document: cliente.documento, verifiedBy: ['telefone'] });
			}
		}
		record.customer.additionalAccounts = accounts.filter((account) => account.id !== main.id);
	});
}

/**
 * "Auto Vincular Contato": looks the conversation's phone up in the ERP (DDD + last 8 digits) and links
 * the customer without asking anything. No phone (web chat) or no customer with it: "Não vinculado".
 */
export function autoLinkAction(parameters: AutoLinkParameters, nodeName: string): ErpCardAction {
	return {
		outputs: AUTO_LINK_OUTPUTS,
		requires: 'customer',
		uses: ['buscarClientesPorTelefone'],
		async beforeIdentification(step) {
			const phone = step.conversation.contact.phone;
			const term = phone ? phoneSearchTerm(phone) : undefined;
			if (!phone || !term) return notLinked(step, parameters, 'sem_telefone');
			// A customer without CPF/CNPJ on file cannot be linked (the other ERP cards find customers by it).
			const matches = customersWithPhone(await step.adapter.buscarClientesPorTelefone(term), phone).filter((cliente) => cliente.documento);
			if (matches.length === 0) return notLinked(step, parameters, 'telefone_nao_cadastrado');
			await linkByPhone(step.conversation.id, step.adapter.system, matches, nodeName);
			return undefined; // linked: the engine goes on to run() with the customer
		},
		async run(step) {
			return {
				kind: 'finish',
				output: LINKED,
				result: { vinculado: true, cliente: publicCliente(step.cliente), outrasContas: otherAccounts(step.conversation.customer) },
				messages: say(step, parameters.linkedMessage),
			};
		},
	};
}

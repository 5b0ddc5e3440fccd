import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { AtendimentoItem, Conversation, LinkedCustomer } from '../conversation/types';
import { maskDocument } from '../validation/document';

/** The conversation's tags and its contact's, without repeats (what Condicional "Etiqueta" looks at). */
export function allTags(conversation: Conversation): string[] {
	return [...new Set([...conversation.tags, ...(conversation.contactTags ?? [])])];
}

/** The linked customer as items carry it: CPF/CNPJ masked, here and in additional accounts (items are saved in execution data). */
function maskedCustomer(customer: LinkedCustomer): LinkedCustomer {
	const mask = (document: string | undefined) => (document ? maskDocument(document) : document);
	return {
		...customer,
		document: mask(customer.document),
		additionalAccounts: customer.additionalAccounts?.map((account) => ({ ...account, document: mask(account.document) })),
	};
}

/** The `atendimento` field of items, built from the stored record (no secrets). */
export function toAtendimentoItem(conversation: Conversation): AtendimentoItem {
	return {
		conversationId: conversation.id,
		protocolo: conversation.protocolo,
		canal: conversation.channel.type,
		contato: {
			id: conversation.contact.id,
			nome: conversation.contact.name,
			telefone: conversation.contact.phone,
			// WhatsApp: the username of a contact who adopted one (he may come without a phone, §4.1)
			...(conversation.contact.username ? { usuario: conversation.contact.username } : {}),
		},
		cliente: conversation.customer && maskedCustomer(conversation.customer),
		...(conversation.description ? { descricao: conversation.description } : {}),
		variaveis: conversation.variables,
		etiquetas: allTags(conversation),
		contexto: [...conversation.context],
	};
}

/** Type of the trigger node, whose item every later card can reach through n8n's paired items. */
const TRIGGER_TYPE_SUFFIX = '.atendimentoTrigger';

/**
 * The conversation id item `itemIndex` belongs to: its own `atendimento` field, or, when a node
 * between the cards replaced the item (an HTTP Request, a Set without "include other fields"…),
 * the trigger's item reached through n8n's paired items. A clear error when neither exists.
 */
export function conversationIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const item = context.getInputData()[itemIndex];
	const own = (item.json.atendimento as IDataObject | undefined)?.conversationId;
	if (typeof own === 'string' && own) return own;
	const trigger = context.getParentNodes(context.getNode().name).find((parent) => parent.type.endsWith(TRIGGER_TYPE_SUFFIX));
	if (trigger) {
		try {
			const paired = context.evaluateExpression(
				`{{ $(${JSON.stringify(trigger.name)}).item.json.atendimento.conversationId }}`,
				itemIndex,
			);
			if (typeof paired === 'string' && paired) return paired;
		} catch {
			// no paired item back to the trigger: fall through to the error below
		}
	}
	throw new NodeOperationError(context.getNode(), 'Este item não pertence a um atendimento', {
		itemIndex,
		description:
			'Os cards de atendimento precisam receber, direta ou indiretamente, o item que sai do "Início do Atendimento" (campo "atendimento"). Ligue este card depois do gatilho ou de outro card de atendimento.',
	});
}

/** An output item: the input's fields with a fresh `atendimento` and the card's own result fields. */
export function outputItem(
	input: INodeExecutionData,
	conversation: Conversation,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	return {
		json: { ...input.json, ...extra, atendimento: toAtendimentoItem(conversation) as unknown as IDataObject },
		pairedItem: { item: itemIndex },
	};
}

import { NodeOperationError, type IDataObject, type INode, type INodeExecutionData } from 'n8n-workflow';

import type { AtendimentoItem, Conversation } from '../conversation/types';

/** The `atendimento` field of items, built from the stored record (no secrets). */
export function toAtendimentoItem(conversation: Conversation): AtendimentoItem {
	return {
		conversationId: conversation.id,
		protocolo: conversation.protocolo,
		canal: conversation.channel.type,
		contato: { id: conversation.contact.id, nome: conversation.contact.name, telefone: conversation.contact.phone },
		cliente: conversation.customer,
		variaveis: conversation.variables,
		etiquetas: conversation.tags,
	};
}

/** The conversation id an item belongs to, or a clear error when the item did not come from the trigger. */
export function conversationIdOf(node: INode, item: INodeExecutionData, itemIndex: number): string {
	const atendimento = item.json.atendimento as IDataObject | undefined;
	const id = atendimento?.conversationId;
	if (typeof id !== 'string' || !id) {
		throw new NodeOperationError(node, 'Este item não pertence a um atendimento', {
			itemIndex,
			description:
				'Os cards de atendimento precisam receber o item que sai do "Início do Atendimento" (campo "atendimento"). Ligue este card depois do gatilho ou de outro card de atendimento.',
		});
	}
	return id;
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

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { appendEvent, applyTagChanges } from '../shared/conversation/routing';
import { outputItem } from '../shared/runtime/atendimento';
import { endIfLastCard, forEachConversationItem } from '../shared/runtime/card';
import { conversationChatwootApi } from '../shared/runtime/send';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/** "Adicionar Etiqueta": adds or removes tags on the conversation, the contact, or both. */
export class AdicionarEtiqueta implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adicionar Etiqueta',
		name: 'adicionarEtiqueta',
		icon: 'file:adicionarEtiqueta.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(`($parameter["operation"] === "remove" ? "Remover: " : "Adicionar: ") + ${subtitleText('$parameter["tags"]', '(sem etiqueta)', 28)}`),
		description: 'Adiciona ou remove etiquetas do atendimento e/ou do contato (usadas pela Condicional "Etiqueta"); no Chatwoot, também as etiquetas da conversa',
		defaults: { name: 'Adicionar Etiqueta' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Operação',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Adicionar', value: 'add' },
					{ name: 'Remover', value: 'remove' },
				],
				default: 'add',
			},
			{
				displayName: 'Etiquetas',
				name: 'tags',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'vip, inadimplente',
				description: 'Uma ou mais etiquetas separadas por vírgula',
			},
			{
				displayName: 'Onde',
				name: 'target',
				type: 'options',
				options: [
					{ name: 'Atendimento', value: 'conversation', description: 'Só neste atendimento' },
					{ name: 'Atendimento E Contato', value: 'both' },
					{ name: 'Contato', value: 'contact', description: 'Fica no contato para os próximos atendimentos' },
				],
				default: 'conversation',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const store = getConversationStore();
		return await forEachConversationItem(this, async (conversation, itemIndex) => {
			const tags = (this.getNodeParameter('tags', itemIndex) as string).split(',').map((tag) => tag.trim()).filter(Boolean);
			if (tags.length === 0) {
				throw new NodeOperationError(this.getNode(), 'Nenhuma etiqueta informada', { itemIndex, description: 'Escreva uma ou mais etiquetas separadas por vírgula.' });
			}
			const remove = this.getNodeParameter('operation', itemIndex) === 'remove';
			const target = this.getNodeParameter('target', itemIndex) as 'conversation' | 'contact' | 'both';
			const [add, drop] = remove ? [[], tags] : [tags, []];
			const contactTags =
				target === 'conversation' ? undefined : await store.updateContactTags(conversation.channel.type, conversation.contact.id, add, drop);
			const updated = (await store.update(conversation.id, (record) => {
				if (target !== 'contact') record.tags = applyTagChanges(record.tags, add, drop);
				if (contactTags) record.contactTags = contactTags;
				record.events = appendEvent(record.events, {
					at: Date.now(),
					type: remove ? 'etiqueta_removida' : 'etiqueta_adicionada',
					node: this.getNode().name,
					data: { etiquetas: tags, onde: target },
				});
			}))!;
			if (conversation.channel.type === 'chatwoot' && target !== 'contact') {
				// Chatwoot's POST .../labels replaces the whole list: read, change, write.
				const api = await conversationChatwootApi(this, conversation, itemIndex);
				const current = await api.labels(conversation.contact.id);
				const next = applyTagChanges(current, add, drop);
				if (next.join('\n') !== current.join('\n')) await api.setLabels(conversation.contact.id, next);
			}
			await endIfLastCard(this, conversation.id);
			return outputItem(items[itemIndex], updated, itemIndex);
		});
	}
}

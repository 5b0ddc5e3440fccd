import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getBroadcastStore } from '../shared/broadcast';
import { getConversationStore } from '../shared/conversation';
import { enqueueCampaigns, type CampaignItem } from './campaign';
import { InvalidPricingError, messagePricing, type PricingOptions } from './cost';
import { enqueueProperties } from './description';
import { readMessage, readRecipient, RecipientItemError } from './recipient';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/**
 * "Enfileirar Envio": not a conversation card. Queues each item's template message for its
 * recipient in the durable broadcast queue (idempotent per campaign and customer/login), skipping
 * and logging opted-out contacts and unusable numbers; outputs one summary per campaign.
 */
export class EnfileirarEnvio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enfileirar Envio',
		name: 'enfileirarEnvio',
		icon: 'file:enfileirarEnvio.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(subtitleText('$parameter["campaign"]', '(sem campanha)', 40)),
		description: 'Coloca as mensagens de template na fila de envios do WhatsApp, uma por cliente e login em cada campanha',
		defaults: { name: 'Enfileirar Envio' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: enqueueProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const campaignItems: CampaignItem[] = [];
		const failed: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const campaign = String(this.getNodeParameter('campaign', itemIndex)).trim();
				if (!campaign) {
					throw new NodeOperationError(this.getNode(), 'A campanha está vazia', {
						itemIndex,
						description: 'Dê um nome à campanha em "Campanha" (ex.: status-logins-2026-01-05).',
					});
				}
				const options = this.getNodeParameter('options', itemIndex, {}) as { recipientField?: string; messageField?: string } & PricingOptions;
				const json = items[itemIndex].json;
				const recipient = readRecipient(json, options.recipientField?.trim() || 'destinatario');
				const message = readMessage(json, options.messageField?.trim() || 'mensagem');
				const pricing = messagePricing({ ...options, templateCategory: this.getNodeParameter('templateCategory', itemIndex, 'marketing') as string });
				campaignItems.push({ itemIndex, campaign, recipient, message, pricing });
			} catch (caught) {
				const error =
					caught instanceof RecipientItemError || caught instanceof InvalidPricingError
						? new NodeOperationError(this.getNode(), caught.message, { itemIndex, description: caught.description })
						: caught;
				if (!this.continueOnFail()) throw error;
				failed.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		const conversations = getConversationStore();
		const results = await enqueueCampaigns(campaignItems, {
			broadcasts: getBroadcastStore(),
			// a contact known by phone and by BSUID has his consent under his canonical id
			consentOf: async (waId) => await conversations.consentOf('whatsapp', (await conversations.canonicalContactId('whatsapp', waId)) ?? waId),
			now: Date.now(),
		});
		const summaries = results.map(({ summary, itemIndexes }) => ({
			json: summary as unknown as IDataObject,
			pairedItem: itemIndexes.map((item) => ({ item })),
		}));
		return [[...summaries, ...failed]];
	}
}

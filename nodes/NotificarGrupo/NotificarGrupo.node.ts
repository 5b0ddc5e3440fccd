import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { errorText, logLine } from '../shared/log';
import { InvalidOutboundError } from '../shared/channels/errors';
import type { OutboundMessage } from '../shared/channels/types';
import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import type { Conversation } from '../shared/conversation/types';
import { authSelectionOf } from '../shared/http/generic-auth';
import { hostOf } from '../shared/http/request';
import { outputItem } from '../shared/runtime/atendimento';
import { endIfLastCard, forEachConversationItem, templateVariablesOf } from '../shared/runtime/card';
import { renderTemplate } from '../shared/text/template';
import { notificationCredentials, notificationProperties } from './description';
import {
	endpointUrl,
	EVENT_TEXT_LENGTH,
	httpNotificationBody,
	notificationMessage,
	NotificationConfigError,
	telegramChatId,
	whatsAppRecipient,
	type Destination,
	type WhatsAppFormat,
} from './notification';
import { notifyHttp, notifyTelegram, notifyWhatsApp } from './transport';

/** Where a notification goes, resolved from the parameters before anything is sent. */
type Target = { destination: 'telegram'; to: string } | { destination: 'whatsapp'; to: string; format: WhatsAppFormat } | { destination: 'http'; to: string; url: string };

function targetOf(context: IExecuteFunctions, itemIndex: number): Target {
	const destination = context.getNodeParameter('destination', itemIndex) as Destination;
	if (destination === 'telegram') return { destination, to: telegramChatId(context.getNodeParameter('chatId', itemIndex, '') as string) };
	if (destination === 'whatsapp') {
		const format = context.getNodeParameter('whatsAppFormat', itemIndex, 'text') as WhatsAppFormat['format'];
		return {
			destination,
			to: whatsAppRecipient(context.getNodeParameter('phone', itemIndex, '') as string),
			format: {
				format,
				...(format === 'template'
					? {
							templateName: context.getNodeParameter('templateName', itemIndex, '') as string,
							templateLanguage: context.getNodeParameter('templateLanguage', itemIndex, 'pt_BR') as string,
						}
					: {}),
			},
		};
	}
	const url = endpointUrl(context.getNodeParameter('url', itemIndex, '') as string);
	return { destination, to: hostOf(url), url };
}

/** Records the notification on the conversation (recipient and text; never a URL path or a credential). */
async function recordNotification(conversation: Conversation, node: string, target: Target, text: string, error?: Error): Promise<Conversation> {
	const updated = await getConversationStore().update(conversation.id, (record) => {
		record.events = appendEvent(record.events, {
			at: Date.now(),
			type: 'notificacao_grupo',
			node,
			data: {
				destino: target.destination,
				para: target.to,
				texto: text.slice(0, EVENT_TEXT_LENGTH),
				enviada: !error,
				...(error ? { motivo: error.message } : {}),
			},
		});
	});
	return updated ?? conversation;
}

/**
 * "Notificar Grupo Interno": a message with the conversation's variables sent to the team (a Telegram
 * group, a WhatsApp number or an HTTP endpoint), never to the customer; recorded on the conversation.
 */
export class NotificarGrupo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Notificar Grupo Interno',
		name: 'notificarGrupo',
		icon: 'file:notificarGrupo.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"telegram":"Telegram","whatsapp":"WhatsApp","http":"Endpoint HTTP"}[$parameter["destination"]] }}',
		description: 'Avisa a equipe (grupo do Telegram, número de WhatsApp ou endpoint HTTP) com os dados do atendimento',
		defaults: { name: 'Notificar Grupo Interno' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: notificationCredentials,
		properties: notificationProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		return await forEachConversationItem(this, async (conversation, itemIndex) => {
			let target: Target;
			let text: string;
			let message: OutboundMessage;
			try {
				target = targetOf(this, itemIndex);
				text = renderTemplate(this.getNodeParameter('message', itemIndex, '') as string, templateVariablesOf(conversation)).trim();
				message = notificationMessage(text, target.destination === 'whatsapp' ? target.format : undefined);
			} catch (error) {
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- rethrows unchanged what this catch does not handle (already a NodeApiError/NodeOperationError, or a bug worth its stack)
				if (!(error instanceof NotificationConfigError)) throw error;
				throw new NodeOperationError(node, error.message, { itemIndex, description: error.description });
			}
			try {
				if (target.destination === 'telegram') await notifyTelegram(this, itemIndex, target.to, message);
				if (target.destination === 'whatsapp') await notifyWhatsApp(this, itemIndex, target.to, message);
				if (target.destination === 'http') {
					await notifyHttp(this, itemIndex, target.url, httpNotificationBody(conversation, text, node.name, Date.now()), authSelectionOf(this, itemIndex));
				}
			} catch (error) {
				const failure =
					error instanceof InvalidOutboundError
						? new NodeOperationError(node, error.message, { itemIndex, description: 'Confira a credencial e o destino da notificação.' })
						: (error as Error);
				logLine(this.logger, 'warn', `notificação interna (${target.destination}) falhou: ${errorText(failure)}`, { node: node.name, protocolo: conversation.protocolo });
				await recordNotification(conversation, node.name, target, text, failure);
				throw failure;
			}
			const updated = await recordNotification(conversation, node.name, target, text);
			await endIfLastCard(this, conversation.id);
			return outputItem(items[itemIndex], updated, itemIndex, {
				notificacao: { destino: target.destination, para: target.to, enviada: true },
			});
		});
	}
}

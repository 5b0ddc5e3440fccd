import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { ChannelType } from '../shared/channels/types';
import type { ChannelRef } from '../shared/conversation/types';
import { armPendingDeadlines } from '../shared/runtime/deadlines';
import { rememberLocalSender } from '../shared/runtime/local-senders';
import type { ChannelSender } from '../shared/runtime/send';
import { armPendingBursts } from './bursts';
import { triggerProperties } from './description';
import { handleAttendantApi, isAttendantApiCall } from './handlers/attendant-api';
import type { TriggerConfig } from './handlers/inbound';
import { handleInternalCall, isInternalCall } from './handlers/internal';
import { respond } from './handlers/respond';
import { handleTelegramUpdate } from './handlers/telegram';
import { handleWebchatGet, handleWebchatPost } from './handlers/webchat';
import { handleWhatsAppDelivery, handleWhatsAppVerification } from './handlers/whatsapp';
import { telegramWebhookMethods } from './telegram-webhook';
import {
	telegramBotId,
	telegramSender,
	whatsAppSender,
	type TelegramCredentials,
	type WhatsAppCredentials,
} from './senders';

/** "Início do Atendimento": owns a channel's inbound traffic and routes each message by conversation state. */
export class AtendimentoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Início do Atendimento',
		name: 'atendimentoTrigger',
		icon: 'file:atendimento.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {"webchat":"Web Chat","whatsapp":"WhatsApp","telegram":"Telegram"}[$parameter["channel"]] }}',
		description: 'Começa um atendimento a cada nova conversa do canal e entrega as respostas do cliente aos cards que aguardam',
		defaults: { name: 'Início do Atendimento' },
		inputs: [],
		outputs: ['main'],
		credentials: [
			{ name: 'atendimentoWhatsAppApi', required: true, displayOptions: { show: { channel: ['whatsapp'] } } },
			{ name: 'atendimentoTelegramApi', required: true, displayOptions: { show: { channel: ['telegram'] } } },
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true },
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true },
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: telegramWebhookMethods,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		await armPendingDeadlines();
		await armPendingBursts();
		const channelType = this.getNodeParameter('channel') as ChannelType;
		const method = this.getRequestObject().method;
		if (channelType === 'whatsapp') {
			const credentials = await this.getCredentials<WhatsAppCredentials>('atendimentoWhatsAppApi');
			const config = triggerConfig(this, channelType, credentials.phoneNumberId, whatsAppSender(this, credentials));
			if (method === 'GET') return handleWhatsAppVerification(this, credentials);
			if (isInternalCall(this)) return await handleInternalCall(this, config);
			if (isAttendantApiCall(this)) return await handleAttendantApi(this, config);
			return await handleWhatsAppDelivery(this, config, credentials);
		}
		if (channelType === 'telegram') {
			const credentials = await this.getCredentials<TelegramCredentials>('atendimentoTelegramApi');
			const config = triggerConfig(this, channelType, telegramBotId(credentials), telegramSender(this, credentials));
			if (method === 'GET') return respond(this, 200, { ok: true, canal: 'telegram' });
			if (isInternalCall(this)) return await handleInternalCall(this, config);
			if (isAttendantApiCall(this)) return await handleAttendantApi(this, config);
			return await handleTelegramUpdate(this, config, credentials);
		}
		const config = triggerConfig(this, 'webchat', this.getNodeParameter('path') as string);
		if (method === 'GET') return await handleWebchatGet(this, config);
		if (isInternalCall(this)) return await handleInternalCall(this, config);
		if (isAttendantApiCall(this)) return await handleAttendantApi(this, config);
		return await handleWebchatPost(this, config);
	}
}

function triggerConfig(context: IWebhookFunctions, type: ChannelType, accountId: string, sender?: ChannelSender): TriggerConfig {
	const options = context.getNodeParameter('options', {}) as { runningLeaseSeconds?: number; branch?: string; groupMessagesSeconds?: number };
	const branch = options.branch?.trim();
	const channel: ChannelRef = {
		type,
		accountId,
		triggerUrl: context.getNodeWebhookUrl('default')!,
		workflowId: context.getWorkflow().id,
		companyName: context.getNodeParameter('companyName', '') as string,
		...(branch ? { branch } : {}),
	};
	if (sender) rememberLocalSender(channel.triggerUrl, sender);
	return {
		channel,
		runningLeaseMs: (options.runningLeaseSeconds ?? 60) * 1000,
		sender,
		groupWindowMs: Math.max(0, options.groupMessagesSeconds ?? 0) * 1000,
	};
}


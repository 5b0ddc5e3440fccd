import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ChannelType } from '../shared/channels/types';
import type { ChannelRef } from '../shared/conversation/types';
import { startDeadlinePoller } from '../shared/runtime/deadlines';
import { armDeskInactivity } from '../shared/desk/lifecycle';
import { armPendingBursts } from './bursts';
import { triggerProperties } from './description';
import { handleChatwootDelivery } from './handlers/chatwoot';
import { handleAttendantApi, isAttendantApiCall } from './handlers/attendant-api';
import type { TriggerConfig } from './handlers/inbound';
import { handleInternalCall, isInternalCall } from './handlers/internal';
import { respond } from './handlers/respond';
import { handleTelegramUpdate } from './handlers/telegram';
import { handleWebchatGet, handleWebchatPost } from './handlers/webchat';
import { handleMetaMessagingDelivery, handleMetaMessagingVerification, META_CREDENTIAL_TYPES, type MetaMessagingCredentials } from './handlers/meta-messaging';
import { handleWhatsAppDelivery, handleWhatsAppVerification } from './handlers/whatsapp';
import { telegramWebhookMethods } from './telegram-webhook';
import { TELEGRAM_CREDENTIAL_TYPE, telegramBotId, type TelegramCredentials } from '../shared/channels/telegram/api';
import { WHATSAPP_CREDENTIAL_TYPE, type WhatsAppCredentials } from '../shared/channels/whatsapp/api';
import { CHATWOOT_CREDENTIAL_TYPE, chatwootAccountKey, type ChatwootCredentials } from '../shared/channels/chatwoot/api';
import { metaAccountOf } from '../shared/channels/meta-messaging/api';

/** "Início do Atendimento": owns a channel's inbound traffic and routes each message by conversation state. */
export class AtendimentoTrigger implements INodeType {
	description: INodeTypeDescription = {
		// eslint-disable-next-line @n8n/community-nodes/trigger-node-conventions -- pt-BR UI: no English "Trigger" in the name shown to users (the rule's other checks, name ending in Trigger and no inputs, hold)
		displayName: 'Início do Atendimento',
		name: 'atendimentoTrigger',
		icon: 'file:atendimento.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {"webchat":"Web Chat","whatsapp":"WhatsApp","telegram":"Telegram","messenger":"Facebook Messenger","instagram":"Instagram Direct","chatwoot":"Chatwoot"}[$parameter["channel"]] }}',
		description: 'Começa um atendimento a cada nova conversa do canal e entrega as respostas do cliente aos cards que aguardam',
		defaults: { name: 'Início do Atendimento' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'atendimentoWhatsAppApi', required: true, displayOptions: { show: { channel: ['whatsapp'] } } },
			{ name: 'atendimentoTelegramApi', required: true, displayOptions: { show: { channel: ['telegram'] } } },
			{ name: 'atendimentoMessengerApi', required: true, displayOptions: { show: { channel: ['messenger'] } } },
			{ name: 'atendimentoInstagramApi', required: true, displayOptions: { show: { channel: ['instagram'] } } },
			{ name: 'atendimentoChatwootApi', required: true, displayOptions: { show: { channel: ['chatwoot'] } } },
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
		startDeadlinePoller();
		await armDeskInactivity();
		await armPendingBursts();
		const channelType = this.getNodeParameter('channel') as ChannelType;
		const method = this.getRequestObject().method;
		if (channelType === 'whatsapp') {
			const credentials = await this.getCredentials<WhatsAppCredentials>(WHATSAPP_CREDENTIAL_TYPE);
			const config = triggerConfig(this, channelType, credentials.phoneNumberId, WHATSAPP_CREDENTIAL_TYPE);
			if (method === 'GET') return handleWhatsAppVerification(this, credentials);
			if (isInternalCall(this)) return await handleInternalCall(this, config);
			if (isAttendantApiCall(this)) return await handleAttendantApi(this, config);
			return await handleWhatsAppDelivery(this, config, credentials);
		}
		if (channelType === 'telegram') {
			const credentials = await this.getCredentials<TelegramCredentials>(TELEGRAM_CREDENTIAL_TYPE);
			const config = triggerConfig(this, channelType, telegramBotId(credentials), TELEGRAM_CREDENTIAL_TYPE);
			if (method === 'GET') return respond(this, 200, { ok: true, canal: 'telegram' });
			if (isInternalCall(this)) return await handleInternalCall(this, config);
			if (isAttendantApiCall(this)) return await handleAttendantApi(this, config);
			return await handleTelegramUpdate(this, config, credentials);
		}
		if (channelType === 'chatwoot') {
			const credentials = await this.getCredentials<ChatwootCredentials>(CHATWOOT_CREDENTIAL_TYPE);
			const config = triggerConfig(this, channelType, chatwootAccountKey(credentials), CHATWOOT_CREDENTIAL_TYPE);
			if (method === 'GET') return respond(this, 200, { ok: true, canal: 'chatwoot' });
			if (isInternalCall(this)) return await handleInternalCall(this, config);
			if (isAttendantApiCall(this)) return await handleAttendantApi(this, config);
			return await handleChatwootDelivery(this, config, credentials);
		}
		if (channelType === 'messenger' || channelType === 'instagram') {
			const credentialType = META_CREDENTIAL_TYPES[channelType];
			const credentials = await this.getCredentials<MetaMessagingCredentials>(credentialType);
			const config = triggerConfig(this, channelType, metaAccountOf(channelType, credentials).accountId, credentialType);
			if (method === 'GET') return handleMetaMessagingVerification(this, credentials);
			if (isInternalCall(this)) return await handleInternalCall(this, config);
			if (isAttendantApiCall(this)) return await handleAttendantApi(this, config);
			return await handleMetaMessagingDelivery(this, channelType, config, credentials);
		}
		const config = triggerConfig(this, 'webchat', this.getNodeParameter('path') as string);
		if (method === 'GET') return await handleWebchatGet(this, config);
		if (isInternalCall(this)) return await handleInternalCall(this, config);
		if (isAttendantApiCall(this)) return await handleAttendantApi(this, config);
		return await handleWebchatPost(this, config);
	}
}

/** The trigger's channel, with a reference to its channel credential (of type `credentialType`) for the cards. */
function triggerConfig(context: IWebhookFunctions, type: ChannelType, accountId: string, credentialType?: string): TriggerConfig {
	const options = context.getNodeParameter('options', {}) as { runningLeaseSeconds?: number; branch?: string; groupMessagesSeconds?: number };
	const branch = options.branch?.trim();
	const credential = credentialType ? context.getNode().credentials?.[credentialType] : undefined;
	const outsideWindowTemplate = type === 'whatsapp' ? outsideWindowTemplateOf(context) : undefined;
	// A call on the test URL (a manual execution from the editor) belongs to a test run (test-run.ts).
	const test = context.getMode() === 'manual';
	const channel: ChannelRef = {
		type,
		accountId,
		triggerUrl: (test ? context.getWebhookResourceUrl('default') : context.getNodeWebhookUrl('default'))!,
		...(test ? { test: true as const } : {}),
		workflowId: context.getWorkflow().id,
		companyName: context.getNodeParameter('companyName', '') as string,
		...(branch ? { branch } : {}),
		...(credential?.id ? { credential: { id: credential.id, name: credential.name, type: credentialType! } } : {}),
		...(outsideWindowTemplate ? { outsideWindowTemplate } : {}),
	};
	return {
		channel,
		runningLeaseMs: (options.runningLeaseSeconds ?? 60) * 1000,
		groupWindowMs: Math.max(0, options.groupMessagesSeconds ?? 0) * 1000,
	};
}


/** "Modelo fora da janela de 24h" (WhatsApp): undefined when no template name is set. */
function outsideWindowTemplateOf(context: IWebhookFunctions): ChannelRef['outsideWindowTemplate'] {
	const value = context.getNodeParameter('outsideWindowTemplate', {}) as { name?: string; language?: string; bodyParameters?: string };
	const name = value.name?.trim();
	if (!name) return undefined;
	const bodyParameters = (value.bodyParameters ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
	return { name, language: value.language?.trim() || 'pt_BR', bodyParameters };
}

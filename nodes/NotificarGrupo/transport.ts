/**
 * Sends a team notification through the Telegram Bot API, the WhatsApp Cloud API (the channel API
 * modules) or an HTTP endpoint, all under the channel transport's one retry policy. Platform failures
 * become a NodeApiError with a pt-BR reason; nothing in an error carries the bot token, the access
 * token or the endpoint's path (which may hold a secret).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { TELEGRAM_CREDENTIAL_TYPE, telegramApi, type TelegramCredentials } from '../shared/channels/telegram/api';
import { doorOf, withRetries, type ChannelPlatform } from '../shared/channels/transport';
import type { OutboundMessage } from '../shared/channels/types';
import { WHATSAPP_CREDENTIAL_TYPE, whatsAppApi, type WhatsAppCredentials } from '../shared/channels/whatsapp/api';
import { authenticate, type AuthSelection } from '../shared/http/generic-auth';
import { hostOf, sendHttpRequest } from '../shared/http/request';

/** Time limit of each call to the HTTP endpoint. */
export const NOTIFICATION_TIMEOUT_MS = 20_000;

/** Sends `message` to a Telegram chat with the bot of the `atendimentoTelegramApi` credential. */
export async function notifyTelegram(context: IExecuteFunctions, itemIndex: number, chatId: string, message: OutboundMessage): Promise<void> {
	const credentials = await context.getCredentials<TelegramCredentials>(TELEGRAM_CREDENTIAL_TYPE, itemIndex);
	await telegramApi(doorOf(context, TELEGRAM_CREDENTIAL_TYPE, undefined, itemIndex), credentials).sendMessage(chatId, message);
}

/** Sends `message` to a WhatsApp number with the business number of the `atendimentoWhatsAppApi` credential. */
export async function notifyWhatsApp(context: IExecuteFunctions, itemIndex: number, to: string, message: OutboundMessage): Promise<void> {
	const credentials = await context.getCredentials<WhatsAppCredentials>(WHATSAPP_CREDENTIAL_TYPE, itemIndex);
	await whatsAppApi(doorOf(context, WHATSAPP_CREDENTIAL_TYPE, undefined, itemIndex), credentials).sendMessage(to, message);
}

/** POSTs `body` as JSON to `url`, with the card's generic credential when one is chosen. Any 2xx is a success. */
export async function notifyHttp(context: IExecuteFunctions, itemIndex: number, url: string, body: IDataObject, auth: AuthSelection): Promise<void> {
	const prepared = await authenticate(context, itemIndex, auth, { method: 'POST', url, body, json: true });
	const host = hostOf(url);
	const endpoint: ChannelPlatform = {
		subject: `O endpoint ${host}`,
		target: `ao endpoint ${host}`,
		networkHint: 'Confira a URL do endpoint e a conexão do n8n com a internet.',
		classify: (status) =>
			status === 429 || (status !== undefined && status >= 500)
				? { retry: 'backoff', reason: `O endpoint ${host} respondeu HTTP ${status}` }
				: { retry: 'never', reason: `O endpoint ${host} respondeu HTTP ${status}` },
	};
	await withRetries({ node: context.getNode(), itemIndex }, endpoint, async () => await sendHttpRequest(context, prepared, NOTIFICATION_TIMEOUT_MS), NOTIFICATION_TIMEOUT_MS);
}

import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { MalformedDeliveryError } from '../../shared/channels/errors';
import { verifyTelegramSecret } from '../../shared/channels/signature';
import { parseTelegramUpdate } from '../../shared/channels/telegram/parse';
import { TELEGRAM_CREDENTIAL_TYPE, telegramApi, telegramBotId, telegramWebhookSecret, type TelegramCredentials } from '../../shared/channels/telegram/api';
import { doorOf } from '../../shared/channels/transport';
import { routeDelivery, type TriggerConfig } from './inbound';
import { respond } from './respond';

/** POST: an Update from Telegram, authenticated by the secret token set with setWebhook. */
export async function handleTelegramUpdate(
	context: IWebhookFunctions,
	config: TriggerConfig,
	credentials: TelegramCredentials,
): Promise<IWebhookResponseData> {
	const secret = context.getHeaderData()['x-telegram-bot-api-secret-token'];
	if (!verifyTelegramSecret(typeof secret === 'string' ? secret : undefined, telegramWebhookSecret(credentials))) {
		return respond(context, 403, { error: 'Cabeçalho X-Telegram-Bot-Api-Secret-Token inválido.' });
	}
	let delivery;
	try {
		delivery = parseTelegramUpdate(context.getBodyData(), telegramBotId(credentials));
	} catch (error) {
		if (error instanceof MalformedDeliveryError) return respond(context, 400, { error: error.message });
		throw error;
	}
	if (delivery.callbackQueryId) await telegramApi(doorOf(context, TELEGRAM_CREDENTIAL_TYPE), credentials).answerCallbackQuery(delivery.callbackQueryId);
	const starts = await routeDelivery(context, config, delivery.messages);
	respond(context, 200, { ok: true });
	return starts ? { noWebhookResponse: true, workflowData: [starts] } : { noWebhookResponse: true };
}

import type { IHookFunctions } from 'n8n-workflow';

import {
	deleteWebhookRequest,
	getWebhookInfoRequest,
	setWebhookRequest,
	withTelegramToken,
} from '../shared/channels/telegram/requests';
import type { WireRequest } from '../shared/channels/types';
import { armPendingDeadlines } from '../shared/runtime/deadlines';
import { armPendingBursts } from './bursts';
import { telegramWebhookSecret, type TelegramCredentials } from './senders';

async function telegramCall(context: IHookFunctions, wire: WireRequest): Promise<{ ok: boolean; result?: { url?: string } }> {
	const credentials = await context.getCredentials<TelegramCredentials>('atendimentoTelegramApi');
	const addressed = withTelegramToken(credentials.botToken, wire);
	return (await context.helpers.httpRequest({
		method: addressed.method,
		url: `${credentials.baseUrl.replace(/\/$/, '')}${addressed.path}`,
		body: addressed.body as object,
		json: true,
	})) as { ok: boolean; result?: { url?: string } };
}

/**
 * Webhook lifecycle: on activation the Telegram channel registers its URL with `setWebhook` and a secret
 * token; on deactivation it deletes it. Other channels need nothing (WhatsApp is configured in Meta's panel).
 */
export const telegramWebhookMethods = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		// Runs when n8n (re)activates the workflow, e.g. at start-up: re-arm "Sem resposta" deadlines and
		// the timers of messages being grouped.
		await armPendingDeadlines();
		await armPendingBursts();
		if (this.getNodeParameter('channel') !== 'telegram') return true;
		const info = await telegramCall(this, getWebhookInfoRequest());
		return info.result?.url === this.getNodeWebhookUrl('default');
	},
	async create(this: IHookFunctions): Promise<boolean> {
		if (this.getNodeParameter('channel') !== 'telegram') return true;
		const credentials = await this.getCredentials<TelegramCredentials>('atendimentoTelegramApi');
		const response = await telegramCall(this, setWebhookRequest(this.getNodeWebhookUrl('default')!, telegramWebhookSecret(credentials)));
		return response.ok;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		if (this.getNodeParameter('channel') !== 'telegram') return true;
		const response = await telegramCall(this, deleteWebhookRequest());
		return response.ok;
	},
};

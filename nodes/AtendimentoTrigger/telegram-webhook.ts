import type { IHookFunctions } from 'n8n-workflow';

import { TELEGRAM_CREDENTIAL_TYPE, telegramApi, telegramWebhookSecret, type TelegramApi, type TelegramCredentials } from '../shared/channels/telegram/api';
import { doorOf } from '../shared/channels/transport';
import { startDeadlinePoller } from '../shared/runtime/deadlines';
import { assertFlowReady } from './activation-check';
import { isTestWebhookUrl } from '../shared/runtime/n8n-engine';
import { armPendingBursts } from './bursts';
import { chatwootWebhookMethods } from './chatwoot-webhook';

async function botOf(context: IHookFunctions): Promise<{ api: TelegramApi; credentials: TelegramCredentials }> {
	const credentials = await context.getCredentials<TelegramCredentials>(TELEGRAM_CREDENTIAL_TYPE);
	return { api: telegramApi(doorOf(context, TELEGRAM_CREDENTIAL_TYPE), credentials), credentials };
}

/**
 * Webhook lifecycle: on activation the Telegram channel registers its URL with `setWebhook` and a secret
 * token; on deactivation it deletes it. The Chatwoot channel registers its agent bot (./chatwoot-webhook.ts).
 * Other channels need nothing (WhatsApp is configured in Meta's panel).
 */
export const telegramWebhookMethods = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		// Runs when n8n (re)activates the workflow, e.g. at start-up: the main process starts its
		// "Sem resposta" deadline poller and re-arms the timers of messages being grouped.
		startDeadlinePoller();
		await armPendingBursts();
		assertFlowReady(this);
		if (this.getNodeParameter('channel') === 'chatwoot') return await chatwootWebhookMethods.checkExists.call(this);
		if (this.getNodeParameter('channel') !== 'telegram') return true;
		const { api } = await botOf(this);
		return (await api.getWebhookInfo()).url === this.getNodeWebhookUrl('default');
	},
	async create(this: IHookFunctions): Promise<boolean> {
		if (this.getNodeParameter('channel') === 'chatwoot') return await chatwootWebhookMethods.create.call(this);
		if (this.getNodeParameter('channel') !== 'telegram') return true;
		const { api, credentials } = await botOf(this);
		return await api.setWebhook(this.getNodeWebhookUrl('default')!, telegramWebhookSecret(credentials));
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		if (this.getNodeParameter('channel') !== 'telegram') return true;
		// n8n removes a test run's webhooks right after the message that starts it; the test run keeps
		// the test URL (test-run.ts), so the bot must keep posting there: its webhook stays until the
		// workflow is published again (create points it back to the production URL).
		if (isTestWebhookUrl(this.getNodeWebhookUrl('default'))) return true;
		const { api } = await botOf(this);
		return await api.deleteWebhook();
	},
};

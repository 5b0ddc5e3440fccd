/**
 * Activation of the Chatwoot channel (docs/apis-externas.md §G): with the administrator's token
 * in the credential, the workflow's activation registers the trigger's production URL as the agent
 * bot's `outgoing_url` and attaches the bot to the credential's inbox (`set_agent_bot`). "Our" bot is
 * the one whose `access_token` is the credential's bot token (servers that show it to administrators),
 * else the one already pointing at this URL, else a new one. Without the administrator's token nothing
 * is called: the README shows the clicks in Chatwoot's panel. Deactivation changes nothing in Chatwoot
 * (detaching the bot would leave new conversations without anyone; while the URL does not answer,
 * Chatwoot opens them to the agents).
 */
import type { IHookFunctions } from 'n8n-workflow';

import { chatwootApi, chatwootDoors, CHATWOOT_CREDENTIAL_TYPE, type ChatwootAgentBot, type ChatwootCredentials } from '../shared/channels/chatwoot/api';
import { logLine } from '../shared/log';

/** Name given to a bot the activation creates. */
export const CHATWOOT_BOT_NAME = 'Atendimento (n8n)';

async function apiOf(context: IHookFunctions) {
	const credentials = await context.getCredentials<ChatwootCredentials>(CHATWOOT_CREDENTIAL_TYPE);
	const reference = context.getNode().credentials?.[CHATWOOT_CREDENTIAL_TYPE];
	const doors = chatwootDoors(context, { id: reference?.id ?? '', name: reference?.name ?? CHATWOOT_CREDENTIAL_TYPE }, credentials as unknown as Record<string, string>);
	return { api: chatwootApi(doors, credentials), credentials };
}

/** The bot of the credential among the account's bots (see the module comment). */
export function ourBot(bots: ChatwootAgentBot[], botToken: string, url: string): ChatwootAgentBot | undefined {
	return bots.find((bot) => bot.access_token !== undefined && bot.access_token === botToken) ?? bots.find((bot) => bot.outgoing_url === url);
}

export const chatwootWebhookMethods = {
	/** Always registers again on activation (idempotent) when it can; nothing to do without the administrator's token. */
	async checkExists(this: IHookFunctions): Promise<boolean> {
		const { api } = await apiOf(this);
		return !api.hasUserToken();
	},
	async create(this: IHookFunctions): Promise<boolean> {
		const { api, credentials } = await apiOf(this);
		if (!api.hasUserToken()) return true;
		const url = this.getNodeWebhookUrl('default')!;
		let bot = ourBot(await api.agentBots(), credentials.botToken, url);
		if (!bot) {
			bot = await api.createAgentBot(CHATWOOT_BOT_NAME, url);
			logLine(this.logger, 'warn', `Agent bot "${CHATWOOT_BOT_NAME}" (id ${bot.id}) criado no Chatwoot: o token do bot na credencial é de outro bot; troque-o pelo token deste para que as mensagens saiam em nome dele`, {
				node: this.getNode().name,
			});
		} else if (bot.outgoing_url !== url) {
			await api.updateAgentBot(bot.id, url);
		}
		await api.setInboxBot(bot.id);
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		return true;
	},
};

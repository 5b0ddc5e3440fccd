import type { ChannelRef } from '../../shared/conversation/types';

/** One row of "Canais": a channel type and, optionally, one account of it. */
export interface ChannelRule {
	channel: string;
	/** WhatsApp phone_number_id, Telegram bot id or web chat path; blank = any account of the channel. */
	accountId?: string;
}

/** Index of the first rule the conversation's channel matches, or -1 ("Outros"). */
export function matchChannel(rules: ChannelRule[], channel: Pick<ChannelRef, 'type' | 'accountId'>): number {
	return rules.findIndex((rule) => {
		const account = (rule.accountId ?? '').trim();
		return rule.channel === channel.type && (account === '' || account === channel.accountId);
	});
}

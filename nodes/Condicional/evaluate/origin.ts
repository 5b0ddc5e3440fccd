import type { Conversation } from '../../shared/conversation/types';

/**
 * Whether the conversation began from a click-to-WhatsApp entry point: Meta attaches a `referral`
 * (ad or boosted post: source type, id, URL, headline, ctwa_clid) to the first message only in that
 * case. Any other start is organic.
 */
export function isAdReferral(referral: Conversation['referral']): boolean {
	return referral !== undefined && Object.values(referral).some((value) => typeof value === 'string' && value !== '');
}

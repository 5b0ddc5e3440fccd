import type { ChannelSender } from './send';

/**
 * Channel senders of the triggers running in this process, by trigger URL. A card whose
 * conversation belongs to such a trigger sends through it directly instead of calling the trigger
 * over HTTP (one n8n request less per card message: docs/benchmarks.md). Kept in memory only: a
 * queue-mode worker or a freshly restarted process does not have it and goes through the trigger's
 * webhook, as before. Updated on every call the trigger handles, so a changed credential takes over
 * with the next inbound message.
 */
const senders = new Map<string, ChannelSender>();

export function rememberLocalSender(triggerUrl: string, sender: ChannelSender): void {
	senders.set(triggerUrl, sender);
}

export function localSenderOf(triggerUrl: string): ChannelSender | undefined {
	return senders.get(triggerUrl);
}

/** Forgets every sender (tests). */
export function forgetLocalSenders(): void {
	senders.clear();
}

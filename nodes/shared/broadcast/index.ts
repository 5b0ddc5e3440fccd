import { conversationStoreKind, localStoreDirectory, redisConnectionFromEnv } from '../conversation';
import { LocalBroadcastStore } from './local-store';
import { RedisBroadcastStore } from './redis-store';
import type { BroadcastStore } from './types';

let store: BroadcastStore | undefined;

/**
 * The process-wide broadcast queue and send log, in the same backend as the conversation store
 * (ATENDIMENTO_STORE, see `conversationStoreKind`): a journal next to the conversations'
 * (`envios.jsonl`), or the same Redis (`redisConnectionFromEnv`) under `atendimento:envios:`.
 */
export function getBroadcastStore(): BroadcastStore {
	if (!store) {
		store =
			conversationStoreKind() === 'redis'
				? new RedisBroadcastStore(redisConnectionFromEnv())
				: new LocalBroadcastStore(localStoreDirectory());
	}
	return store;
}

/** Replaces the process-wide store (tests). */
export function setBroadcastStore(next: BroadcastStore | undefined): void {
	store = next;
}

export { broadcastPhone, broadcastRecipient, isBroadcastPhone } from './phone';
export * from './types';
export { campaignProgressItem, campaignProgressLine, campaignSituation } from './progress';

import { conversationStoreKind, localStoreDirectory } from '../conversation';
import { LocalBroadcastStore } from './local-store';
import type { BroadcastStore } from './types';

let store: BroadcastStore | undefined;

/**
 * The process-wide broadcast queue and send log, in the same backend as the conversation store
 * (ATENDIMENTO_STORE): a journal next to the conversations' (`envios.jsonl`).
 */
export function getBroadcastStore(): BroadcastStore {
	if (!store) {
		if (conversationStoreKind() === 'redis') throw new Error('A fila de envios em Redis ainda não está disponível.');
		store = new LocalBroadcastStore(localStoreDirectory());
	}
	return store;
}

/** Replaces the process-wide store (tests). */
export function setBroadcastStore(next: BroadcastStore | undefined): void {
	store = next;
}

export * from './types';

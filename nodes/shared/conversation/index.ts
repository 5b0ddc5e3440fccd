import { homedir } from 'os';
import { join } from 'path';

import { LocalConversationStore } from './local-store';
import type { ConversationStore } from './store';

let store: ConversationStore | undefined;

/** Folder of the local store: ATENDIMENTO_STORE_DIR, else `<n8n user folder>/.n8n/atendimento`. */
export function localStoreDirectory(): string {
	if (process.env.ATENDIMENTO_STORE_DIR) return process.env.ATENDIMENTO_STORE_DIR;
	return join(process.env.N8N_USER_FOLDER ?? homedir(), '.n8n', 'atendimento');
}

/**
 * The process-wide conversation store, shared by the trigger and every card of the pack.
 * ATENDIMENTO_STORE=local (default) or redis (see README, "Escalar").
 */
export function getConversationStore(): ConversationStore {
	if (!store) {
		const kind = process.env.ATENDIMENTO_STORE ?? 'local';
		if (kind !== 'local') {
			throw new Error(`ATENDIMENTO_STORE=${kind} não é suportado nesta versão; use "local".`);
		}
		store = new LocalConversationStore(localStoreDirectory());
	}
	return store;
}

/** Replaces the process-wide store (tests). */
export function setConversationStore(next: ConversationStore | undefined): void {
	store = next;
}

export * from './store';
export * from './types';

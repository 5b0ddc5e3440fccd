// A fresh local conversation store per test, installed as the process-wide store and removed after
// (with a broadcast store in the same folder, since WhatsApp status callbacks also reach it).
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { setBroadcastStore } from '../../nodes/shared/broadcast';
import { LocalBroadcastStore } from '../../nodes/shared/broadcast/local-store';
import { setConversationStore } from '../../nodes/shared/conversation';
import { LocalConversationStore } from '../../nodes/shared/conversation/local-store';

/** Registers beforeEach/afterEach that give every test its own store; `use` receives each one. */
export function useTemporaryStore(name: string, use: (store: LocalConversationStore) => void): void {
	let directory: string;
	let store: LocalConversationStore;
	let broadcasts: LocalBroadcastStore;
	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), `${name}-`));
		store = new LocalConversationStore(directory);
		setConversationStore(store);
		broadcasts = new LocalBroadcastStore(directory);
		setBroadcastStore(broadcasts);
		use(store);
	});
	afterEach(async () => {
		await store.close();
		setConversationStore(undefined);
		await broadcasts.close();
		setBroadcastStore(undefined);
		rmSync(directory, { recursive: true, force: true });
	});
}

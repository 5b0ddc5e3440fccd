// A fresh local conversation store per test, installed as the process-wide store and removed after.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { setConversationStore } from '../../nodes/shared/conversation';
import { LocalConversationStore } from '../../nodes/shared/conversation/local-store';

/** Registers beforeEach/afterEach that give every test its own store; `use` receives each one. */
export function useTemporaryStore(name: string, use: (store: LocalConversationStore) => void): void {
	let directory: string;
	let store: LocalConversationStore;
	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), `${name}-`));
		store = new LocalConversationStore(directory);
		setConversationStore(store);
		use(store);
	});
	afterEach(async () => {
		await store.close();
		setConversationStore(undefined);
		rmSync(directory, { recursive: true, force: true });
	});
}

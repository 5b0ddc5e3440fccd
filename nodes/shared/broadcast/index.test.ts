import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { getBroadcastStore, setBroadcastStore } from './index';
import { LocalBroadcastStore } from './local-store';
import { RedisBroadcastStore } from './redis-store';

const saved = { ...process.env };
let directory: string;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'envios-index-'));
	setBroadcastStore(undefined);
});
afterEach(async () => {
	await getBroadcastStore().close?.();
	setBroadcastStore(undefined);
	process.env = { ...saved };
	rmSync(directory, { recursive: true, force: true });
});

it('keeps the queue next to the conversations by default, in one store per process', () => {
	delete process.env.ATENDIMENTO_STORE;
	delete process.env.EXECUTIONS_MODE;
	process.env.ATENDIMENTO_STORE_DIR = directory;
	const store = getBroadcastStore();
	expect(store).toBeInstanceOf(LocalBroadcastStore);
	expect(getBroadcastStore()).toBe(store);
});

it('uses Redis where the conversation store does (queue mode)', () => {
	delete process.env.ATENDIMENTO_STORE;
	process.env.EXECUTIONS_MODE = 'queue';
	// Nothing listens there: the store is only created (ioredis connects in the background) and closed after the test.
	process.env.ATENDIMENTO_REDIS_URL = 'redis://127.0.0.1:1';
	expect(getBroadcastStore()).toBeInstanceOf(RedisBroadcastStore);
});

// Starts one real n8n for the whole e2e run: fresh data folder, the pack installed as a community
// package, owner + API key. Tests read the connection from E2E_STATE_FILE.
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { E2E_DATA_DIR, E2E_N8N_ENV, E2E_PORT, E2E_STATE_FILE } from './paths';

const instance = require('../../scripts/lib/n8n-instance.js');

export default async function globalSetup(): Promise<void> {
	const dataDir = E2E_DATA_DIR;
	rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true });
	const port = E2E_PORT;
	instance.installPack(dataDir);
	const n8n = await instance.startN8n({ dataDir, port, logFile: join(dataDir, 'n8n.log'), extraEnv: E2E_N8N_ENV });
	const { apiKey } = await instance.prepareOwner(n8n.baseUrl, dataDir);
	writeFileSync(E2E_STATE_FILE, JSON.stringify({ baseUrl: n8n.baseUrl, apiKey, dataDir, port, pid: n8n.child.pid }));
	(globalThis as Record<string, unknown>).__ATENDIMENTO_N8N__ = n8n;
}

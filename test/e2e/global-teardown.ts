import { readFileSync } from 'fs';
import { E2E_STATE_FILE } from './paths';

// Stops the n8n of this run: the one global-setup.ts started, or the one a restart test started
// in its place (its pid is in the state file).
export default async function globalTeardown(): Promise<void> {
	const n8n = (globalThis as Record<string, unknown>).__ATENDIMENTO_N8N__ as { stop: () => Promise<void>; child: { pid?: number } } | undefined;
	if (n8n) await n8n.stop();
	const state = JSON.parse(readFileSync(E2E_STATE_FILE, 'utf8')) as { pid: number };
	if (state.pid === n8n?.child.pid) return;
	try {
		process.kill(state.pid, 'SIGTERM');
	} catch {
		return; // already gone
	}
	for (let waited = 0; waited < 20_000; waited += 200) {
		try {
			process.kill(state.pid, 0);
		} catch {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	process.kill(state.pid, 'SIGKILL');
}

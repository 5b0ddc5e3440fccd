// A throwaway redis-server for the benches (the Redis store runs): loopback, no persistence, a folder of
// its own, started by the same code as the integration tests and the scale cluster (scripts/lib/redis-server.js).
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { startRedisServer } = createRequire(import.meta.url)('../scripts/lib/redis-server.js');

/** Starts redis-server on `port`; resolves once it accepts connections. Returns { url, pid, stop }. */
export async function startRedis(port) {
	const server = await startRedisServer({ port, directory: mkdtempSync(join(tmpdir(), 'bench-redis-')) });
	return { url: server.url, pid: server.child.pid, stop: () => server.stop() };
}

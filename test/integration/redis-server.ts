import { mkdtempSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

const redisServer = require('../../scripts/lib/redis-server.js') as {
	redisServerAvailable(): boolean;
	startRedisServer(options: { port: number; directory: string }): Promise<RedisServer>;
};

/** A throwaway redis-server on a loopback port, without persistence, in a temporary folder. */
export interface RedisServer {
	port: number;
	url: string;
	stop(): Promise<void>;
}

/** Whether Debian's `redis-server` is installed (scripts/install-test-deps.sh installs it). */
export function redisServerAvailable(): boolean {
	return redisServer.redisServerAvailable();
}

/** Starts redis-server and resolves once it accepts connections. */
export async function startRedisServer(): Promise<RedisServer> {
	let lastError: Error | undefined;
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			return await startOn(await freeLoopbackPort());
		} catch (error) {
			lastError = error as Error; // the port was taken between probing and binding: try another
		}
	}
	throw lastError!;
}

async function startOn(port: number): Promise<RedisServer> {
	const { port: bound, url, stop } = await redisServer.startRedisServer({ port, directory: mkdtempSync(join(tmpdir(), 'redis-test-')) });
	return { port: bound, url, stop };
}

async function freeLoopbackPort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

import { spawn, spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

/** A throwaway redis-server on a loopback port, without persistence, in a temporary folder. */
export interface RedisServer {
	port: number;
	url: string;
	stop(): Promise<void>;
}

/** Whether Debian's `redis-server` is installed (scripts/install-test-deps.sh installs it). */
export function redisServerAvailable(): boolean {
	return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
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
	const directory = mkdtempSync(join(tmpdir(), 'redis-test-'));
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory];
	const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let output = '';
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`redis-server não ficou pronto em 10 s:\n${output}`)), 10_000);
			const onData = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Ready to accept connections')) {
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
			child.once('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`redis-server saiu com código ${code}:\n${output}`));
			});
		});
	} catch (error) {
		child.kill('SIGKILL');
		await exited;
		rmSync(directory, { recursive: true, force: true });
		throw error;
	}
	child.stdout.removeAllListeners('data');
	child.stderr.removeAllListeners('data');
	child.stdout.resume();
	child.stderr.resume();
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(directory, { recursive: true, force: true });
		},
	};
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

// A throwaway redis-server for the Redis store run: loopback, no persistence, its own folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts redis-server on `port`; resolves once it accepts connections. Returns { url, pid, version, stop }. */
export async function startRedis(port) {
	const directory = mkdtempSync(join(tmpdir(), 'bench-redis-'));
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory];
	const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise((resolve) => child.once('exit', resolve));
	let output = '';
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`redis-server não ficou pronto em 10 s:\n${output}`)), 10_000);
		const onData = (chunk) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`redis-server saiu com código ${code}:\n${output}`)));
	});
	child.stdout.resume();
	child.stderr.resume();
	const version = /v=(\S+)/.exec(output)?.[1] ?? /Redis version=(\S+)/.exec(output)?.[1];
	return {
		url: `redis://127.0.0.1:${port}`,
		pid: child.pid,
		version,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(directory, { recursive: true, force: true });
		},
	};
}

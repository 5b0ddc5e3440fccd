// A redis-server of Debian's package on a loopback port, without persistence, in a folder of its own.
// Used by the Redis integration tests (test/integration/redis-server.ts) and the cluster of the scale
// tests (scripts/lib/n8n-cluster.js). CommonJS so both can require it.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');

/** Whether Debian's `redis-server` is installed (scripts/install-test-deps.sh installs it). */
function redisServerAvailable() {
	return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts redis-server on `port` with `directory` as its working folder (created); resolves once it accepts
 * connections with { port, url, child, stop }. `stop()` ends it (SIGTERM) and, with `removeDirectory`, deletes the folder.
 */
async function startRedisServer({ port, directory, removeDirectory = true }) {
	fs.mkdirSync(directory, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory];
	const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise((resolve) => child.once('exit', () => resolve()));
	let output = '';
	try {
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
		if (removeDirectory) fs.rmSync(directory, { recursive: true, force: true });
		throw error;
	}
	child.stdout.removeAllListeners('data');
	child.stderr.removeAllListeners('data');
	child.stdout.resume();
	child.stderr.resume();
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		child,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				await exited;
			}
			if (removeDirectory) fs.rmSync(directory, { recursive: true, force: true });
		},
	};
}

module.exports = { redisServerAvailable, startRedisServer };

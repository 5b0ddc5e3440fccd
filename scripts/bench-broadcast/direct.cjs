// The sender module (nodes/ProcessarFila/sender.ts) run directly, without n8n: the same code path as
// the node (pacing, store, outcome handling), with a keep-alive Node http transport instead of n8n's
// httpRequestWithAuthentication.
const http = require('http');
const { mkdtempSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

require('../../bench/typescript-require.cjs');
const { runSender } = require('../../nodes/ProcessarFila/sender.ts');
const { DEFAULT_PARAMETERS, senderSettings } = require('../../nodes/ProcessarFila/settings.ts');
const { templateSendRequest } = require('../../nodes/ProcessarFila/template-request.ts');
const { LocalBroadcastStore } = require('../../nodes/shared/broadcast/local-store.ts');
const { RedisBroadcastStore } = require('../../nodes/shared/broadcast/redis-store.ts');
const { WHATSAPP_TEST_ACCOUNT: ACCOUNT, benchJobs } = require('./jobs.cjs');
const { watchPeak } = require('../../bench/process-stats.cjs');

/** User + system CPU time of this process, in ms. */
function ownCpuMs() {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

const systemClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** One POST through a keep-alive agent, as a SendOutcome (statuses, timeouts and network failures are data). */
function httpSender(simulatorUrl, agent, timeoutMs) {
	const target = { apiVersion: ACCOUNT.apiVersion, phoneNumberId: ACCOUNT.phoneNumberId };
	return (job) =>
		new Promise((resolve) => {
			const wire = templateSendRequest(job, target);
			const payload = JSON.stringify(wire.body);
			const request = http.request(`${simulatorUrl}${wire.path}`, {
				method: 'POST',
				agent,
				timeout: timeoutMs,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${ACCOUNT.accessToken}` },
			});
			request.on('response', (response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body = text;
					try {
						body = JSON.parse(text);
					} catch {
						/* not JSON */
					}
					resolve({ kind: 'response', statusCode: response.statusCode, body });
				});
			});
			request.on('timeout', () => {
				request.destroy();
				resolve({ kind: 'timeout' });
			});
			request.on('error', (error) => resolve({ kind: 'network', code: error.code }));
			request.end(payload);
		});
}

/**
 * Queues `count` jobs in a fresh store ('local' in a temporary folder, or 'redis' at `redisUrl`),
 * then runs the sender until the queue is empty. Returns { summary, peakRss, rssBeforeSend, cpuMs }
 * (CPU of this process while sending: the sender, the store and the HTTP client).
 */
async function runDirect({ store: kind, redisUrl, simulatorUrl, count, ratePerSecond, concurrency }) {
	const directory = mkdtempSync(join(tmpdir(), 'bench-broadcast-'));
	const store = kind === 'redis' ? new RedisBroadcastStore(redisUrl) : new LocalBroadcastStore(directory);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	try {
		const jobs = benchJobs(count);
		for (let start = 0; start < jobs.length; start += 1000) await store.enqueue(jobs.slice(start, start + 1000), Date.now());
		const settings = senderSettings({ ...DEFAULT_PARAMETERS, ratePerSecond, concurrency, maxDurationSeconds: 3600 });
		global.gc?.();
		const rssBeforeSend = process.memoryUsage.rss();
		const sampler = watchPeak(() => process.memoryUsage.rss(), 100);
		const cpuBefore = ownCpuMs();
		const summary = await runSender(
			{ store, send: httpSender(simulatorUrl, agent, settings.requestTimeoutMs), clock: systemClock, random: Math.random },
			settings,
		);
		const cpuMs = ownCpuMs() - cpuBefore;
		const peakRss = sampler.stop();
		return { summary, peakRss, rssBeforeSend, cpuMs };
	} finally {
		agent.destroy();
		await store.close?.();
		rmSync(directory, { recursive: true, force: true });
	}
}

module.exports = { runDirect };

// The sender module (nodes/ProcessarFila/sender.ts) run directly, without n8n: the same code path as
// the node (pacing, store, outcome handling) and the same transport (the WhatsApp API module over the
// kept-alive door, nodes/shared/channels/transport.ts keepAliveDoor), without n8n around it.
const { mkdtempSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

require('../../bench/typescript-require.cjs');
const { runSender } = require('../../nodes/ProcessarFila/sender.ts');
const { DEFAULT_PARAMETERS, senderSettings } = require('../../nodes/ProcessarFila/settings.ts');
const { whatsAppTemplateSender } = require('../../nodes/ProcessarFila/whatsapp-transport.ts');
const { keepAliveDoor } = require('../../nodes/shared/channels/transport.ts');
const { whatsAppAuthentication } = require('../../nodes/shared/channels/whatsapp/api.ts');
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
const BENCH_NODE = { id: 'bench', name: 'Processar Fila (bench)', type: 'n8n-nodes-atendimento.processarFila', typeVersion: 1, position: [0, 0], parameters: {} };

/**
 * Queues `count` jobs in a fresh store ('local' in a temporary folder, or 'redis' at `redisUrl`),
 * then runs the sender until the queue is empty. Returns { summary, peakRss, rssBeforeSend, cpuMs }
 * (CPU of this process while sending: the sender, the store and the HTTP client).
 */
async function runDirect({ store: kind, redisUrl, simulatorUrl, count, ratePerSecond, concurrency }) {
	const directory = mkdtempSync(join(tmpdir(), 'bench-broadcast-'));
	const store = kind === 'redis' ? new RedisBroadcastStore(redisUrl) : new LocalBroadcastStore(directory);
	try {
		const jobs = benchJobs(count);
		for (let start = 0; start < jobs.length; start += 1000) await store.enqueue(jobs.slice(start, start + 1000), Date.now());
		const target = { baseUrl: simulatorUrl, apiVersion: ACCOUNT.apiVersion, phoneNumberId: ACCOUNT.phoneNumberId };
		const door = keepAliveDoor(BENCH_NODE, whatsAppAuthentication(ACCOUNT));
		const settings = senderSettings({ ...DEFAULT_PARAMETERS, ratePerSecond, concurrency, maxDurationSeconds: 3600 });
		global.gc?.();
		const rssBeforeSend = process.memoryUsage.rss();
		const sampler = watchPeak(() => process.memoryUsage.rss(), 100);
		const cpuBefore = ownCpuMs();
		const summary = await runSender(
			{ store, send: whatsAppTemplateSender(door, target, settings.requestTimeoutMs), clock: systemClock, random: Math.random },
			settings,
		);
		const cpuMs = ownCpuMs() - cpuBefore;
		const peakRss = sampler.stop();
		return { summary, peakRss, rssBeforeSend, cpuMs };
	} finally {
		await store.close?.();
		rmSync(directory, { recursive: true, force: true });
	}
}

module.exports = { runDirect };

// The "Processar Fila" node inside a real n8n (the pinned 2.40.7, pack installed from the current
// build): the campaign is queued in the local store's journal before n8n starts, a Webhook starts one
// execution, and the simulator counts what arrives.
const { randomUUID } = require('crypto');
const { mkdirSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

const instance = require('../lib/n8n-instance.js');
const { createWhatsAppSimulatorCredential } = require('../../bench/whatsapp-credential.cjs');
require('../../bench/typescript-require.cjs');
const { LocalBroadcastStore } = require('../../nodes/shared/broadcast/local-store.ts');
const { WHATSAPP_TEST_ACCOUNT: ACCOUNT, benchJobs } = require('./jobs.cjs');
const { treeCpuSeconds, treeResidentBytes, watchPeak } = require('../../bench/process-stats.cjs');

const WEBHOOK_PATH = 'bench-processar-fila';

async function createWhatsAppCredential(baseUrl, apiKey, simulatorUrl) {
	return await createWhatsAppSimulatorCredential(baseUrl, apiKey, { account: ACCOUNT, simulatorUrl, name: 'WhatsApp simulador (bench de envios)' });
}

function benchWorkflow(credential, { ratePerSecond, concurrency }) {
	return {
		name: 'Bench: Processar Fila',
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'GET', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Processar Fila',
				type: 'n8n-nodes-atendimento.processarFila',
				typeVersion: 1,
				position: [240, 0],
				parameters: { ratePerSecond, concurrency, maxDurationSeconds: 600, maxAttempts: 5, options: {} },
				credentials: { atendimentoWhatsAppApi: credential },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Processar Fila', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The node's summary item once the execution has finished. */
async function finishedSummary(baseUrl, apiKey, workflowId, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await instance.request(baseUrl, 'GET', `/api/v1/executions?workflowId=${workflowId}&includeData=true&limit=1`, { apiKey });
		const execution = list.json?.data?.[0];
		if (execution && execution.status !== 'running' && execution.status !== 'new') {
			const run = execution.data?.resultData?.runData?.['Processar Fila']?.[0];
			if (run?.error) throw new Error(`Processar Fila falhou: ${run.error.message}`);
			return run?.data?.main?.[0]?.[0]?.json;
		}
		if (Date.now() > deadline) throw new Error('A execução do Processar Fila não terminou a tempo');
		await sleep(500);
	}
}

/**
 * Runs the campaign through n8n, with `env` added to n8n's environment. `simulatorStats()` reads the simulator's counters.
 * Returns { summary, peakRss, idleRss, cpuMs } (cpuMs: CPU of n8n's processes during the run).
 */
async function runInN8n({ port, simulatorUrl, simulatorStats, count, ratePerSecond, concurrency, env = {} }) {
	const dataDir = join(tmpdir(), `bench-broadcast-n8n-${port}`);
	rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true });
	const storeDir = join(dataDir, 'atendimento');
	const store = new LocalBroadcastStore(storeDir);
	const jobs = benchJobs(count);
	for (let start = 0; start < jobs.length; start += 1000) await store.enqueue(jobs.slice(start, start + 1000), Date.now());
	await store.close();

	instance.installPack(dataDir);
	const extraEnv = { ATENDIMENTO_STORE: 'local', ATENDIMENTO_STORE_DIR: storeDir, N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn', ...env };
	if (process.env.BENCH_CPU_PROFILE) {
		mkdirSync(process.env.BENCH_CPU_PROFILE, { recursive: true });
		extraEnv.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`;
	}
	const n8n = await instance.startN8n({ dataDir, port, logFile: join(dataDir, 'n8n.log'), extraEnv });
	try {
		const { apiKey } = await instance.prepareOwner(n8n.baseUrl, dataDir);
		const credential = await createWhatsAppCredential(n8n.baseUrl, apiKey, simulatorUrl);
		const { id: workflowId } = await instance.importWorkflow(n8n.baseUrl, apiKey, benchWorkflow(credential, { ratePerSecond, concurrency }), { activate: true });
		await sleep(2000);
		const idleRss = treeResidentBytes(n8n.child.pid);
		const sampler = watchPeak(() => treeResidentBytes(n8n.child.pid), 100);
		const cpuBefore = treeCpuSeconds(n8n.child.pid) * 1000;
		// the first GET the production webhook answers starts the one execution
		await instance.waitForWebhook(`${n8n.baseUrl}/webhook/${WEBHOOK_PATH}`);
		let last = -1;
		let unchangedSince = Date.now();
		for (;;) {
			const { accepted } = await simulatorStats();
			if (accepted >= count) break;
			if (accepted !== last) {
				last = accepted;
				unchangedSince = Date.now();
			} else if (Date.now() - unchangedSince > 30_000) {
				break;
			}
			await sleep(250);
		}
		const summary = await finishedSummary(n8n.baseUrl, apiKey, workflowId, 120_000);
		const cpuMs = treeCpuSeconds(n8n.child.pid) * 1000 - cpuBefore;
		const peakRss = sampler.stop();
		return { summary, peakRss, idleRss, cpuMs };
	} finally {
		await n8n.stop();
		if (!process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
	}
}

module.exports = { runInN8n };

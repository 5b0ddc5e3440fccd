// One n8n for one store backend: a fresh data folder with the pack installed, owner and API key,
// the simulator's WhatsApp credential and both bench workflows active.
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { baselineWorkflow, BASELINE_PATH, conversationWorkflow, CONVERSATION_PATH } from './workflows.mjs';
import { WHATSAPP_TEST_ACCOUNT as ACCOUNT, loadWhatsAppSimulator } from './traffic.mjs';

const require = createRequire(import.meta.url);
const instance = require('../scripts/lib/n8n-instance.js');
const { createWhatsAppSimulatorCredential } = require('./whatsapp-credential.cjs');
const { verifyWebhook } = loadWhatsAppSimulator();

async function createWhatsAppCredential(baseUrl, apiKey, simulatorUrl) {
	const credential = await createWhatsAppSimulatorCredential(baseUrl, apiKey, { account: ACCOUNT, simulatorUrl, name: 'WhatsApp simulador (bench)' });
	return { atendimentoWhatsAppApi: credential };
}

async function until(probe, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe().catch(() => false))) {
		if (Date.now() > deadline) throw new Error(`Tempo esgotado esperando ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/**
 * Starts n8n on `port` with the conversation store `store` ('local' or 'redis' at `redisUrl`).
 * `extraEnv` is added to n8n's environment (e.g. NODE_OPTIONS for a CPU profile).
 * Returns { n8n, baseUrl, pid, baselineUrl, conversationUrl, dataDir }.
 */
export async function startBenchN8n({ store, port, redisUrl, simulatorUrl, dataDir, extraEnv = {} }) {
	rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true });
	instance.installPack(dataDir);
	const env = { ATENDIMENTO_STORE: store, N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn', ...extraEnv };
	if (redisUrl) env.ATENDIMENTO_REDIS_URL = redisUrl;
	const n8n = await instance.startN8n({ dataDir, port, logFile: join(dataDir, 'n8n.log'), extraEnv: env });
	try {
		const { apiKey } = await instance.prepareOwner(n8n.baseUrl, dataDir);
		const credentials = await createWhatsAppCredential(n8n.baseUrl, apiKey, simulatorUrl);
		await instance.importWorkflow(n8n.baseUrl, apiKey, baselineWorkflow(simulatorUrl, ACCOUNT), { activate: true });
		await instance.importWorkflow(n8n.baseUrl, apiKey, conversationWorkflow(credentials), { activate: true });
		const baselineUrl = `${n8n.baseUrl}/webhook/${BASELINE_PATH}`;
		const conversationUrl = `${n8n.baseUrl}/webhook/${CONVERSATION_PATH}`;
		// Webhooks are registered in activation order: once the later one answers, both do.
		await until(async () => (await verifyWebhook(conversationUrl, ACCOUNT.verifyToken, '1')).status === 200, 60_000, 'o webhook do atendimento');
		return { n8n, baseUrl: n8n.baseUrl, pid: n8n.child.pid, baselineUrl, conversationUrl, dataDir };
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}

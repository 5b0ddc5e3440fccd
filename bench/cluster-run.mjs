// One n8n queue-mode cluster for `npm run bench:scale`: the test cluster of scripts/lib/n8n-cluster.js
// (Postgres, Redis, main, webhook processor, workers), with the simulator's WhatsApp credential and the
// bench's conversation workflows published. Also reads what the cluster holds: resident memory of
// each process, Redis memory, Postgres sizes.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { conversationWorkflow, CONVERSATION_PATH } from './workflows.mjs';
import { WHATSAPP_TEST_ACCOUNT as ACCOUNT, loadWhatsAppSimulator } from './traffic.mjs';

const require = createRequire(import.meta.url);
const instance = require('../scripts/lib/n8n-instance.js');
const cluster = require('../scripts/lib/n8n-cluster.js');
const { createWhatsAppSimulatorCredential } = require('./whatsapp-credential.cjs');
const { treeCpuSeconds, treeResidentBytes } = require('./process-stats.cjs');
const { verifyWebhook } = loadWhatsAppSimulator();

/** Path of the bench flow whose successful executions n8n does not keep (saveDataSuccessExecution: none). */
export const UNSAVED_PATH = `${CONVERSATION_PATH}-sem-dados`;

async function until(probe, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe().catch(() => false))) {
		if (Date.now() > deadline) throw new Error(`Tempo esgotado esperando ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/** The bench's conversation flow at `path`, with n8n's execution-data settings `settings`. */
function flowAt(credentials, path, name, settings = {}) {
	const workflow = conversationWorkflow(credentials);
	const trigger = workflow.nodes[0];
	trigger.parameters.path = path;
	return { ...workflow, name, settings: { ...workflow.settings, ...settings } };
}

/**
 * Starts a cluster with `workers` workers in `dataDir` (ports from `basePort`), creates the WhatsApp
 * credential and publishes two copies of the bench flow: one keeping n8n's default execution data, one
 * with `saveDataSuccessExecution: none`. Returns { state, conversationUrl, unsavedUrl, stop }.
 */
export async function startBenchCluster({ dataDir, basePort, workers, simulatorUrl, extraEnv = {} }) {
	const state = await cluster.startCluster({ dataDir, basePort, workers, extraEnv: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn', ...extraEnv } });
	try {
		const credential = await createWhatsAppSimulatorCredential(state.mainUrl, state.apiKey, { account: ACCOUNT, simulatorUrl, name: 'WhatsApp simulador (bench de escala)' });
		const credentials = { atendimentoWhatsAppApi: credential };
		await instance.importWorkflow(state.mainUrl, state.apiKey, flowAt(credentials, CONVERSATION_PATH, 'Bench: atendimento (dados padrão)'), { activate: true });
		await instance.importWorkflow(state.mainUrl, state.apiKey, flowAt(credentials, UNSAVED_PATH, 'Bench: atendimento (sem dados de sucesso)', { saveDataSuccessExecution: 'none' }), {
			activate: true,
		});
		const conversationUrl = `${state.webhookUrl}/webhook/${CONVERSATION_PATH}`;
		const unsavedUrl = `${state.webhookUrl}/webhook/${UNSAVED_PATH}`;
		for (const url of [conversationUrl, unsavedUrl]) {
			await until(async () => (await verifyWebhook(url, ACCOUNT.verifyToken, '1')).status === 200, 120_000, `o webhook ${url}`);
		}
		return { state, conversationUrl, unsavedUrl, stop: () => cluster.stopCluster(state) };
	} catch (error) {
		await cluster.stopCluster(state);
		throw error;
	}
}

/** The pid of each process of the cluster: its n8n roles, redis-server and the Postgres postmaster. */
export function clusterPids(state) {
	const current = cluster.readState(state.dataDir);
	const pids = { ...current.pids };
	if (current.redisPid) pids.redis = current.redisPid;
	try {
		const postmaster = execFileSync('head', ['-1', join(cluster.clusterPaths(state.dataDir).postgres, 'postmaster.pid')]).toString().trim();
		if (postmaster) pids.postgres = Number(postmaster);
	} catch {
		/* not running */
	}
	return pids;
}

/** CPU seconds used so far by each process (tree) of the cluster. */
export function clusterCpu(state) {
	return Object.fromEntries(Object.entries(clusterPids(state)).map(([role, pid]) => [role, treeCpuSeconds(pid)]));
}

/** Resident memory of each process (tree) of the cluster, in bytes. */
export function clusterResident(state) {
	return Object.fromEntries(Object.entries(clusterPids(state)).map(([role, pid]) => [role, treeResidentBytes(pid)]));
}

/** One SQL query's single value, through Debian's psql on the cluster's Postgres. */
export function postgresValue(state, sql) {
	const psql = join(cluster.postgresBinDir(), 'psql');
	return execFileSync(psql, ['-h', '127.0.0.1', '-p', String(state.ports.postgres), '-U', 'atendimento', '-d', 'n8n', '-tAc', sql]).toString().trim();
}

/**
 * Size of n8n's database and of its execution tables on disk, in bytes, and the bytes of the executions
 * n8n keeps (`liveExecutions`: rows not soft-deleted — n8n soft-deletes an execution it does not save and
 * hard-deletes it in its pruning, up to ~2 h later — without the space of deleted rows that only VACUUM
 * gives back).
 */
export function postgresSizes(state) {
	const database = Number(postgresValue(state, "select pg_database_size('n8n')"));
	const executions = Number(
		postgresValue(
			state,
			"select coalesce(sum(pg_total_relation_size(c.oid)),0) from pg_class c join pg_namespace n on n.oid=c.relnamespace where n.nspname='public' and c.relkind='r' and c.relname in ('execution_entity','execution_data','execution_metadata','execution_annotations')",
		),
	);
	const liveExecutions = Number(
		postgresValue(
			state,
			'select (select coalesce(sum(pg_column_size(e.*)),0) from execution_entity e where e."deletedAt" is null)' +
				' + (select coalesce(sum(pg_column_size(d.*)),0) from execution_data d join execution_entity e on e.id = d."executionId" where e."deletedAt" is null)' +
				' + (select coalesce(sum(pg_column_size(m.*)),0) from execution_metadata m join execution_entity e on e.id = m."executionId" where e."deletedAt" is null)',
		),
	);
	return { database, executions, liveExecutions };
}

/** Redis's own memory figures (INFO memory): used_memory and used_memory_rss, in bytes, and the pack's key count. */
export async function redisMemory(state) {
	const Redis = require('ioredis');
	const client = new Redis(state.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
	try {
		await client.connect();
		const info = await client.info('memory');
		const field = (name) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1]);
		let packKeys = 0;
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', 'atendimento:*', 'COUNT', 1000);
			packKeys += keys.length;
			cursor = next;
		} while (cursor !== '0');
		return { used: field('used_memory'), rss: field('used_memory_rss'), packKeys };
	} finally {
		client.disconnect();
	}
}

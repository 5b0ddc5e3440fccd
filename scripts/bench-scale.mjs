// `npm run bench:scale` (not part of the tests): the pack in n8n's queue mode against regular mode, on
// this machine, with the WhatsApp simulator. Prints the tables and writes them into docs/benchmarks.md
// (section "Escala") and the capacity plan computed from them into docs/capacidade.md (bench/capacity.mjs). Sizes from the environment:
//   BENCH_SCALE_CONTACTS (20)    customers at once in the step measurements
//   BENCH_SCALE_ROUNDS (10)      whole conversations per customer (2 steps each)
//   BENCH_SCALE_THINK_MS (200)   the customer's pause between question and answer (also measured with 0)
//   BENCH_SCALE_WAITING (10000)  conversations waiting at once in the 2-worker cluster
//   BENCH_SCALE_GROWTH (1000)    conversations per flow for the database and Redis growth
//   BENCH_SCALE_BROADCAST (10000) recipients of the broadcast whose Redis footprint is measured
//   BENCH_SCALE_CONCURRENCY (20) messages in flight while parking/resuming/growing
//   BENCH_SCALE_PORT (5740)      regular n8n on this port; the cluster from port+10 (Postgres +57, Redis +58)
//   BENCH_SKIP_BUILD=1           use the current dist/
//   BENCH_NO_DOCS=1              print only
//   BENCH_SCALE_FROM=<json>      no measuring: rewrite the docs from the raw results of an earlier run
//                                (every run leaves them in <tmp>/atendimento-bench-scale.json)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CAPACITY_MARKERS, capacitySection } from '../bench/capacity.mjs';
import { clusterCpu, clusterResident, postgresSizes, redisMemory, startBenchCluster, UNSAVED_PATH } from '../bench/cluster-run.mjs';
import { Mailbox } from '../bench/mailbox.mjs';
import { startBenchN8n } from '../bench/n8n-run.mjs';
import { currentLoad, describeMachine, redisServerVersion, writeResultSection } from '../bench/report.mjs';
import { measureBroadcastFootprint, measureGrowth, measureSteps, measureWaitingInCluster } from '../bench/scale-scenarios.mjs';
import { SCALE_MARKERS, scaleSection } from '../bench/scale-report.mjs';
import { contactIds, loadWhatsAppSimulator, sleep } from '../bench/traffic.mjs';

const require = createRequire(import.meta.url);
const { treeCpuSeconds } = require('../bench/process-stats.cjs');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const number = (name, fallback) => Number(process.env[name] ?? fallback);
const settings = {
	contacts: number('BENCH_SCALE_CONTACTS', 20),
	rounds: number('BENCH_SCALE_ROUNDS', 10),
	thinkMs: number('BENCH_SCALE_THINK_MS', 200),
	waiting: number('BENCH_SCALE_WAITING', 10_000),
	growth: number('BENCH_SCALE_GROWTH', 1000),
	broadcast: number('BENCH_SCALE_BROADCAST', 10_000),
	concurrency: number('BENCH_SCALE_CONCURRENCY', 20),
	port: number('BENCH_SCALE_PORT', 5740),
};
/** The raw results of the last run (JSON), beside the other bench data. */
const RESULTS_FILE = join(tmpdir(), 'atendimento-bench-scale.json');
/** Time for the last executions to be saved (as waiting, or finished) before anything is read. */
const SETTLE_MS = 5_000;

const log = (message) => process.stderr.write(`[bench:scale] ${message}\n`);

/** Steps with the customer's pause and without it, against `url`; `readCpu` reads CPU seconds per process. */
async function stepsAt(mailbox, url, prefix, readCpu) {
	const nextId = contactIds(prefix);
	const common = { mailbox, url, nextId, contacts: settings.contacts, rounds: settings.rounds, readCpu };
	const paused = await measureSteps({ ...common, thinkMs: settings.thinkMs });
	const immediate = await measureSteps({ ...common, thinkMs: 0 });
	return { paused, immediate };
}

async function regularMode(mailbox, simulator) {
	log(`modo regular (SQLite, armazenamento local) na porta ${settings.port}...`);
	const run = await startBenchN8n({ store: 'local', port: settings.port, simulatorUrl: simulator.url, dataDir: join(tmpdir(), `atendimento-bench-scale-${settings.port}`) });
	try {
		const steps = await stepsAt(mailbox, run.conversationUrl, '551170', () => ({ n8n: treeCpuSeconds(run.pid) }));
		return { steps };
	} finally {
		await run.n8n.stop();
	}
}

async function queueMode(mailbox, simulator, workers, { withWaiting }) {
	const basePort = settings.port + 10;
	log(`modo fila com ${workers} worker(s) (Postgres, Redis, principal, webhook) a partir da porta ${basePort}...`);
	const run = await startBenchCluster({ dataDir: join(tmpdir(), `atendimento-bench-scale-cluster-${basePort}`), basePort, workers, simulatorUrl: simulator.url });
	try {
		const prefix = `55117${workers}`;
		const steps = await stepsAt(mailbox, run.conversationUrl, prefix, () => clusterCpu(run.state));
		if (!withWaiting) return { workers, steps };
		log(`${settings.waiting} conversas em espera...`);
		const readHoldings = async () => ({ resident: clusterResident(run.state), redis: await redisMemory(run.state), postgres: postgresSizes(run.state) });
		const waiting = await measureWaitingInCluster({
			mailbox,
			url: run.conversationUrl,
			nextId: contactIds('551180'),
			count: settings.waiting,
			concurrency: settings.concurrency,
			settleMs: SETTLE_MS,
			readHoldings,
			progress: log,
		});
		log(`crescimento do banco por ${settings.growth} conversas...`);
		const growth = await measureGrowth({
			mailbox,
			flows: { padrao: run.conversationUrl, semDados: `${run.state.webhookUrl}/webhook/${UNSAVED_PATH}` },
			nextId: contactIds('551190'),
			count: settings.growth,
			concurrency: settings.concurrency,
			settleMs: SETTLE_MS,
			readSizes: async () => ({ ...postgresSizes(run.state), redisUsed: (await redisMemory(run.state)).used }),
		});
		log(`disparo de ${settings.broadcast} destinatários no Redis...`);
		const broadcast = await measureBroadcastFootprint({
			// the pack's own Redis broadcast store, from dist/ (built at the start)
			createStore: () => new (require('../dist/nodes/shared/broadcast/redis-store.js').RedisBroadcastStore)(run.state.redisUrl),
			count: settings.broadcast,
			readUsed: async () => (await redisMemory(run.state)).used,
		});
		return { workers, steps, waiting, growth, broadcast };
	} finally {
		await run.stop();
	}
}

/** BENCH_SCALE_FROM=<json>: rewrites the docs from the raw results of an earlier run (e.g. after changing the plan's assumptions). */
function rewriteFrom(file) {
	const results = JSON.parse(readFileSync(file, 'utf8'));
	writeResultSection(join(root, 'docs', 'benchmarks.md'), scaleSection(results), SCALE_MARKERS);
	writeResultSection(join(root, 'docs', 'capacidade.md'), capacitySection(results), CAPACITY_MARKERS);
	log(`docs/benchmarks.md e docs/capacidade.md reescritos a partir de ${file}`);
}

async function main() {
	if (process.env.BENCH_SCALE_FROM) return rewriteFrom(process.env.BENCH_SCALE_FROM);
	const versions = JSON.parse(readFileSync(join(root, 'scripts', 'versions.json'), 'utf8'));
	const machine = describeMachine({ n8nVersion: versions.n8n, nodeVersion: versions.node, redisVersion: redisServerVersion() });
	if (process.env.BENCH_SKIP_BUILD !== '1') {
		log('npm run build...');
		execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const { startWhatsAppSimulator } = loadWhatsAppSimulator();
	const simulator = await startWhatsAppSimulator();
	const mailbox = new Mailbox(simulator);
	const results = { settings, machine };
	try {
		results.regular = await regularMode(mailbox, simulator);
		results.queue1 = await queueMode(mailbox, simulator, 1, { withWaiting: false });
		results.queue2 = await queueMode(mailbox, simulator, 2, { withWaiting: true });
		await sleep(2_000);
		results.tally = mailbox.tally();
	} finally {
		mailbox.close();
		await simulator.close();
	}
	results.machine.loadAtEnd = currentLoad();
	writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2));
	log(`resultados brutos em ${RESULTS_FILE}`);
	const section = scaleSection(results);
	process.stdout.write(`\n${section}\n\n${capacitySection(results)}\n`);
	if (process.env.BENCH_NO_DOCS !== '1') {
		writeResultSection(join(root, 'docs', 'benchmarks.md'), section, SCALE_MARKERS);
		writeResultSection(join(root, 'docs', 'capacidade.md'), capacitySection(results), CAPACITY_MARKERS);
		log('tabelas gravadas em docs/benchmarks.md e o plano em docs/capacidade.md');
	}
}

main().catch((error) => {
	log(`Erro: ${error.stack ?? error.message}`);
	process.exitCode = 1;
});

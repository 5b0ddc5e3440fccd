// `npm run bench` (not part of the tests): our conversation runtime against a plain n8n workflow,
// in the same real n8n and on the WhatsApp simulator, with the local and then the Redis store.
// Prints one table and writes it into docs/benchmarks.md. Sizes come from the environment:
//   BENCH_SAMPLES (200)       latency samples, one conversation at a time
//   BENCH_THINK_MS (200)      the customer's pause between question and answer in those samples
//   BENCH_CONCURRENCY (8)     messages in flight for messages/s and for the waiting conversations
//   BENCH_SECONDS (20)        messages/s measured for this long per flow (5-second windows, alternating)
//   BENCH_WAITING (2000)      conversations waiting at the same time
//   BENCH_STORES (local,redis)
//   BENCH_PHASES (latency,throughput,waiting,memory)  which measurements run; the docs get the table
//                             of the first three only when they all ran, the memory table when it ran
//   BENCH_MEMORY_STEP (1000)  conversations per heap reading (ended, then waiting)
//   BENCH_MEMORY_LARGE (10000) conversations waiting at once on one n8n under the heap cap
//   BENCH_MEMORY_LARGE_STORES (local,redis) stores that run the large step (it takes the longest)
//   BENCH_HEAP_CAP_MB (1024)  --max-old-space-size of n8n when the memory phase runs
//   BENCH_PORT (5720), BENCH_REDIS_PORT (6391), BENCH_INSPECT_PORT (BENCH_PORT + 9)
//   BENCH_SKIP_BUILD=1        use the current dist/ instead of running `npm run build`
//   BENCH_CPU_PROFILE=<dir>   n8n writes V8 CPU profiles there (node --cpu-prof)
//   BENCH_N8N_NODE_OPTIONS    more NODE_OPTIONS for n8n
//   BENCH_NO_DOCS=1           print only, leave docs/benchmarks.md alone
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Mailbox } from '../bench/mailbox.mjs';
import { startBenchN8n } from '../bench/n8n-run.mjs';
import { connectInspector } from '../bench/inspector.mjs';
import { startRedis } from '../bench/redis.mjs';
import {
	currentLoad,
	describeMachine,
	MEMORY_MARKERS,
	memorySection,
	memoryTable,
	memoryVerdicts,
	redisServerVersion,
	RESULT_MARKERS,
	resultSection,
	resultTable,
	targetVerdicts,
	writeResultSection,
} from '../bench/report.mjs';
import { measureLatency, measureMemory, measureThroughput, measureWaiting } from '../bench/scenarios.mjs';
import { contactIds, loadWhatsAppSimulator, sleep } from '../bench/traffic.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const number = (name, fallback) => Number(process.env[name] ?? fallback);
const list = (name, fallback) =>
	(process.env[name] ?? fallback)
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean);
const settings = {
	samples: number('BENCH_SAMPLES', 200),
	thinkMs: number('BENCH_THINK_MS', 200),
	concurrency: number('BENCH_CONCURRENCY', 8),
	seconds: number('BENCH_SECONDS', 20),
	waiting: number('BENCH_WAITING', 2000),
	stores: list('BENCH_STORES', 'local,redis'),
	phases: list('BENCH_PHASES', 'latency,throughput,waiting,memory'),
	memoryStep: number('BENCH_MEMORY_STEP', 1000),
	memoryLarge: number('BENCH_MEMORY_LARGE', 10_000),
	memoryLargeStores: list('BENCH_MEMORY_LARGE_STORES', 'local,redis'),
	heapCapMb: number('BENCH_HEAP_CAP_MB', 1024),
	port: number('BENCH_PORT', 5720),
	redisPort: number('BENCH_REDIS_PORT', 6391),
};
settings.inspectPort = number('BENCH_INSPECT_PORT', settings.port + 9);
const runs = (phase) => settings.phases.includes(phase);
/** The table of latency, throughput and waiting is written only from a run that measured all three. */
const TABLE_PHASES = ['latency', 'throughput', 'waiting'];
/** Conversations run before the first heap reading (lazy loading and JIT are not retained data). */
const MEMORY_WARM_UP = 100;
/** Contact ids of each flow (replies are counted per flow). */
const BASELINE_PREFIX = '551191';
const CONVERSATION_PREFIX = '551192';
/** Quiet time before counting replies, so a late duplicate is still seen. */
const QUIET_MS = 2_000;
/** Time for the last parked executions to be saved as waiting before memory is read. */
const SETTLE_MS = 5_000;

function log(message) {
	process.stderr.write(`[bench] ${message}\n`);
}

/**
 * NODE_OPTIONS of n8n: with the memory phase a heap cap and the inspector on loopback (its task
 * runner, started with the same options, finds the port taken and runs without one), then
 * BENCH_N8N_NODE_OPTIONS, and a CPU profile when BENCH_CPU_PROFILE is set.
 */
function n8nNodeOptions() {
	const options = [];
	if (runs('memory')) options.push(`--max-old-space-size=${settings.heapCapMb} --inspect=127.0.0.1:${settings.inspectPort}`);
	options.push(process.env.BENCH_N8N_NODE_OPTIONS ?? '');
	const profileDirectory = process.env.BENCH_CPU_PROFILE;
	if (profileDirectory) {
		mkdirSync(profileDirectory, { recursive: true });
		options.push(`--cpu-prof --cpu-prof-dir=${resolve(profileDirectory)}`);
	}
	const joined = options.join(' ').trim();
	return joined ? { NODE_OPTIONS: joined } : {};
}

async function measureStore(store, { simulator, mailbox }) {
	const redis = store === 'redis' ? await startRedis(settings.redisPort) : undefined;
	let run;
	try {
		log(`n8n com armazenamento ${store} na porta ${settings.port}...`);
		run = await startBenchN8n({
			store,
			port: settings.port,
			redisUrl: redis?.url,
			simulatorUrl: simulator.url,
			dataDir: join(tmpdir(), `atendimento-bench-${settings.port}`),
			extraEnv: n8nNodeOptions(),
		});
		const flows = {
			mailbox,
			baselineUrl: run.baselineUrl,
			conversationUrl: run.conversationUrl,
			nextBaselineId: contactIds(BASELINE_PREFIX),
			nextConversationId: contactIds(CONVERSATION_PREFIX),
		};
		const result = {};
		if (runs('latency')) {
			log(`${store}: latência, n8n puro e nosso intercalados (${settings.samples} amostras)...`);
			result.latency = await measureLatency({ ...flows, samples: settings.samples, thinkMs: settings.thinkMs });
		}
		if (runs('throughput')) {
			log(`${store}: vazão com ${settings.concurrency} em andamento (${settings.seconds} s por fluxo)...`);
			result.throughput = await measureThroughput({ ...flows, seconds: settings.seconds, concurrency: settings.concurrency, pid: run.pid });
		}
		if (runs('waiting')) {
			log(`${store}: ${settings.waiting} conversas aguardando...`);
			result.waiting = await measureWaiting({
				...flows,
				count: settings.waiting,
				concurrency: settings.concurrency,
				settleMs: SETTLE_MS,
				pid: run.pid,
				redisPid: redis?.pid,
			});
		}
		if (runs('memory')) {
			const large = settings.memoryLargeStores.includes(store) ? settings.memoryLarge : 0;
			log(`${store}: heap retido (GC forçado) por ${settings.memoryStep} conversas encerradas e aguardando, depois ${large} aguardando...`);
			const inspector = await connectInspector(settings.inspectPort);
			try {
				result.memory = await measureMemory({
					...flows,
					inspector,
					pid: run.pid,
					step: settings.memoryStep,
					large,
					warmUp: MEMORY_WARM_UP,
					concurrency: settings.concurrency,
					settleMs: SETTLE_MS,
				});
			} finally {
				inspector.close();
			}
		}
		await sleep(QUIET_MS);
		const tally = { baseline: mailbox.tally(BASELINE_PREFIX), ours: mailbox.tally(CONVERSATION_PREFIX) };
		mailbox.clear();
		simulator.reset();
		return { ...result, tally };
	} finally {
		if (run) await run.n8n.stop();
		if (redis) await redis.stop();
	}
}

async function main() {
	const versions = JSON.parse(readFileSync(join(root, 'scripts', 'versions.json'), 'utf8'));
	// Described first: the load average is read before the build adds to it.
	const machine = describeMachine({ n8nVersion: versions.n8n, nodeVersion: versions.node, redisVersion: redisServerVersion() });
	if (process.env.BENCH_SKIP_BUILD !== '1') {
		log('npm run build...');
		execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const { startWhatsAppSimulator } = loadWhatsAppSimulator();
	const simulator = await startWhatsAppSimulator();
	const mailbox = new Mailbox(simulator);
	const results = {
		settings,
		machine,
		stores: {},
	};
	try {
		for (const store of settings.stores) {
			results.stores[store] = await measureStore(store, { simulator, mailbox });
		}
	} finally {
		mailbox.close();
		await simulator.close();
	}
	results.machine.loadAtEnd = currentLoad();
	const file = join(root, 'docs', 'benchmarks.md');
	if (TABLE_PHASES.every(runs)) {
		process.stdout.write(`\n${resultTable(results)}\n\n`);
		for (const verdict of targetVerdicts(results)) process.stdout.write(`${verdict.ok ? 'OK   ' : 'FALHA'} ${verdict.text}\n`);
		if (process.env.BENCH_NO_DOCS !== '1') writeResultSection(file, resultSection(results), RESULT_MARKERS);
	}
	if (runs('memory')) {
		process.stdout.write(`\n${memoryTable(results)}\n\n`);
		for (const verdict of memoryVerdicts(results)) process.stdout.write(`${verdict.ok ? 'OK   ' : 'FALHA'} ${verdict.text}\n`);
		if (process.env.BENCH_NO_DOCS !== '1') writeResultSection(file, memorySection(results), MEMORY_MARKERS);
	}
	if (process.env.BENCH_NO_DOCS !== '1') log('resultados gravados em docs/benchmarks.md');
}

main().catch((error) => {
	log(`Erro: ${error.stack ?? error.message}`);
	process.exitCode = 1;
});

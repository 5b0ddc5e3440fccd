// `npm run bench:broadcast` (not part of the tests): "Processar Fila" sends a campaign of 20,000
// template messages to the WhatsApp simulator at a configured 1,000 messages/s, and the bench prints
// the achieved/configured rate, duplicates and losses (counted by the simulator, by the job id echoed
// in biz_opaque_callback_data and by recipient), the CPU per message and the peak memory, measured in
// the same run, and rewrites the table in docs/benchmarks.md (between its bench:envios markers) when
// every mode ran. Targets: ≥ 0.95 of the configured rate (sender alone and in n8n), no duplicate, no loss.
// Modes (BENCH_BROADCAST_MODES, comma-separated, default all six):
//   direct-local, direct-redis  the sender module run directly (no n8n), local journal or Redis store
//   n8n                         the node inside the pinned real n8n, local store
//   n8n-helper                  the same, sending through n8n's httpRequestWithAuthentication as before
//                               (n8n started with HTTP_PROXY set and NO_PROXY=*: the node keeps n8n's helper
//                               behind a proxy, and n8n then connects directly): the comparison, same run
//   limit-1, limit-10           direct-local with 1 % / 10 % of first attempts answered 130429 by the
//                               simulator (the number's throughput limit): the pacing must keep ≥ 0.8 /
//                               ≥ 0.5 of the configured rate (docs/arquitetura.md §8); try them with a
//                               smaller campaign, e.g. BENCH_BROADCAST_MODES=limit-1,limit-10
//                               BENCH_BROADCAST_MESSAGES=5000 BENCH_BROADCAST_RATE=200
// Settings: BENCH_BROADCAST_MESSAGES (20000), BENCH_BROADCAST_RATE (1000), BENCH_BROADCAST_CONCURRENCY (20),
//   BENCH_BROADCAST_PORT (5758, n8n; its task broker takes the next port), BENCH_BROADCAST_REDIS_PORT (6394),
//   BENCH_SKIP_BUILD=1 (use the current dist/ for n8n), BENCH_KEEP_DATA=1 (keep n8n's data folder),
//   BENCH_CPU_PROFILE=<dir> (n8n writes V8 CPU profiles there), BENCH_NO_DOCS=1 (print only).
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startRedis } from '../bench/redis.mjs';
import { writeResultSection } from '../bench/report.mjs';

const require = createRequire(import.meta.url);
const ALL_MODES = ['direct-local', 'direct-redis', 'n8n', 'n8n-helper', 'limit-1', 'limit-10'];
const DOCS_MARKERS = { start: '<!-- bench:envios:início -->', end: '<!-- bench:envios:fim -->' };
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const number = (name, fallback) => Number(process.env[name] ?? fallback);
const settings = {
	count: number('BENCH_BROADCAST_MESSAGES', 20_000),
	ratePerSecond: number('BENCH_BROADCAST_RATE', 1000),
	concurrency: number('BENCH_BROADCAST_CONCURRENCY', 20),
	port: number('BENCH_BROADCAST_PORT', 5758),
	redisPort: number('BENCH_BROADCAST_REDIS_PORT', 6394),
	modes: (process.env.BENCH_BROADCAST_MODES ?? ALL_MODES.join(',')).split(',').map((mode) => mode.trim()).filter(Boolean),
};
const TARGET_RATIO = 0.95;

const log = (message) => process.stderr.write(`[bench:broadcast] ${message}\n`);
const megabytes = (bytes) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The simulator in a child process; `stats()` asks for its counters. */
async function startSimulatorProcess() {
	const child = fork(join(root, 'scripts', 'bench-broadcast', 'simulator.cjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const waiters = [];
	child.on('message', (message) => waiters.shift()?.(message));
	const next = () => new Promise((resolveMessage) => waiters.push(resolveMessage));
	const ready = await next();
	return {
		url: ready.url,
		async stats() {
			child.send({ type: 'stats' });
			return await next();
		},
		async reset() {
			child.send({ type: 'reset' });
			await next();
		},
		async limitShare(share) {
			child.send({ type: 'limitShare', share });
			await next();
		},
		async stop() {
			const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
			child.send({ type: 'stop' });
			await exited;
		},
	};
}

/** Duplicates and losses from the simulator's point of view, and its steady rate (first to last accepted send). */
function simulatorVerdict(stats, expectedIds) {
	const received = new Set(stats.ids);
	const lost = expectedIds.filter((id) => !received.has(id)).length;
	const seconds = stats.firstAt !== undefined && stats.lastAt > stats.firstAt ? (stats.lastAt - stats.firstAt) / 1000 : undefined;
	return {
		accepted: stats.accepted,
		duplicateIds: stats.duplicateIds,
		duplicateRecipients: stats.duplicateRecipients,
		lost,
		simulatorRate: seconds ? (stats.accepted - 1) / seconds : undefined,
		limited: stats.limited,
	};
}

const MODE_LABELS = {
	'direct-local': 'sender direto (sem n8n), fila local',
	'direct-redis': 'sender direto (sem n8n), fila Redis',
	n8n: 'Processar Fila no n8n 2.40.7 real, fila local',
	'n8n-helper': 'o mesmo pelo httpRequestWithAuthentication do n8n (como antes, para comparar)',
	'limit-1': 'sender direto, fila local, 1 % de 130429',
	'limit-10': 'sender direto, fila local, 10 % de 130429',
};
/** Share of first attempts the simulator answers 130429, and the achieved/configured target, per mode. */
const LIMIT_MODES = { 'limit-1': { share: 0.01, target: 0.8 }, 'limit-10': { share: 0.1, target: 0.5 } };
/** Rows whose rate is measured against the target (all but the comparison with n8n's helper). */
const RATE_TARGET_MODES = new Set(ALL_MODES.filter((mode) => mode !== 'n8n-helper'));
const targetRatio = (mode) => LIMIT_MODES[mode]?.target ?? TARGET_RATIO;

async function runMode(mode, simulator) {
	if (mode === 'n8n' || mode === 'n8n-helper') {
		// a proxy variable makes the node keep n8n's helper (nodes/shared/http/keep-alive.ts keepAliveAllowed); NO_PROXY=* makes n8n connect directly
		const env = mode === 'n8n-helper' ? { HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '*' } : {};
		const result = await runInN8n({ ...settings, env, simulatorUrl: simulator.url, simulatorStats: () => simulator.stats() });
		return { ...result, summaryRate: result.summary?.taxaAlcancada, memoryNote: `RSS do n8n e do task runner; ${megabytes(result.idleRss)} parado antes do envio` };
	}
	if (LIMIT_MODES[mode]) await simulator.limitShare(LIMIT_MODES[mode].share);
	const redis = mode === 'direct-redis' ? await startRedis(settings.redisPort) : undefined;
	try {
		const result = await runDirect({ ...settings, store: redis ? 'redis' : 'local', redisUrl: redis?.url, simulatorUrl: simulator.url });
		return { ...result, summaryRate: result.summary.achievedRate, memoryNote: `RSS do processo do bench; ${megabytes(result.rssBeforeSend)} com a fila carregada, antes do envio` };
	} finally {
		await redis?.stop();
	}
}

let runDirect;
let runInN8n;

async function main() {
	const unknown = settings.modes.filter((mode) => !MODE_LABELS[mode]);
	if (unknown.length > 0) throw new Error(`Modo desconhecido: ${unknown.join(', ')} (use ${Object.keys(MODE_LABELS).join(', ')})`);
	if (settings.modes.includes('n8n') && !process.env.BENCH_SKIP_BUILD) {
		log('npm run build');
		execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const { benchJobIds } = require('./bench-broadcast/jobs.cjs');
	({ runDirect } = require('./bench-broadcast/direct.cjs'));
	({ runInN8n } = require('./bench-broadcast/n8n.cjs'));
	const expectedIds = benchJobIds(settings.count);
	const loadBefore = loadavg()[0];
	const startedAt = new Date();
	const simulator = await startSimulatorProcess();
	const rows = [];
	try {
		for (const mode of settings.modes) {
			await simulator.reset();
			log(`${MODE_LABELS[mode]}: ${settings.count} mensagens a ${settings.ratePerSecond}/s…`);
			const result = await runMode(mode, simulator);
			rows.push({ mode, ...result, ...simulatorVerdict(await simulator.stats(), expectedIds) });
		}
	} finally {
		await simulator.stop();
	}
	for (const row of rows) {
		row.ratio = row.simulatorRate === undefined ? undefined : row.simulatorRate / settings.ratePerSecond;
		row.correct = row.duplicateIds === 0 && row.duplicateRecipients === 0 && row.lost === 0 && row.accepted === settings.count;
		row.targetsMet = row.correct && (!RATE_TARGET_MODES.has(row.mode) || row.ratio >= targetRatio(row.mode));
	}
	const section = reportSection(rows, { loadBefore, loadAfter: loadavg()[0], startedAt });
	process.stdout.write(`\n${section}\n`);
	if (process.env.BENCH_NO_DOCS === '1') {
		log('BENCH_NO_DOCS=1: docs/benchmarks.md não foi reescrito');
	} else if (ALL_MODES.every((mode) => settings.modes.includes(mode))) {
		writeResultSection(join(root, 'docs', 'benchmarks.md'), section, DOCS_MARKERS);
		log('tabela gravada em docs/benchmarks.md');
	} else {
		log(`docs/benchmarks.md não foi reescrito: a tabela de lá tem todos os modos (${ALL_MODES.join(', ')})`);
	}
	process.exitCode = rows.every((row) => row.targetsMet) ? 0 : 1;
}

function reportSection(rows, { loadBefore, loadAfter, startedAt }) {
	const decimal = (value, digits = 1) =>
		value === undefined || Number.isNaN(value) ? '—' : value.toLocaleString('pt-BR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
	const versions = JSON.parse(readFileSync(join(root, 'scripts', 'versions.json'), 'utf8'));
	const lines = [
		`Medido em ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC com \`npm run bench:broadcast\`: ${settings.count} templates por modo ao simulador do WhatsApp (em outro processo), ritmo configurado ${settings.ratePerSecond} msg/s, ${settings.concurrency} envios simultâneos.`,
		'',
		`- Máquina: ${cpus().length} × ${cpus()[0]?.model?.trim() ?? '?'}; carga média (1 min) ${decimal(loadBefore, 2)} no início e ${decimal(loadAfter, 2)} no fim. n8n ${versions.n8n} em Node ${versions.node}; bench e sender direto em Node ${process.versions.node}.`,
		'',
		'| modo | ritmo configurado | ritmo alcançado (simulador) | alcançado / configurado | ritmo do resumo do nó | aceitas | 130429 respondidos | duplicadas (id / destinatário) | perdidas | CPU por mensagem | memória de pico |',
		'|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
	];
	for (const row of rows) {
		lines.push(
			`| ${MODE_LABELS[row.mode]} | ${settings.ratePerSecond} msg/s | ${decimal(row.simulatorRate)} msg/s | ${decimal(row.ratio, 3)} | ${decimal(row.summaryRate)} msg/s | ${row.accepted} | ${row.limited ?? 0} | ` +
				`${row.duplicateIds} / ${row.duplicateRecipients} | ${row.lost} | ${decimal(row.cpuMs / row.accepted, 3)} ms | ${megabytes(row.peakRss)} (${row.memoryNote}) |`,
		);
	}
	lines.push(
		'',
		'- Ritmo alcançado: envios aceitos pelo simulador entre o primeiro e o último (inclui a rajada inicial de 100 ms que o ritmo permite). Ritmo do resumo: enviadas ÷ duração da execução (inclui pegar os primeiros envios da fila).',
		'- Duplicadas e perdidas: contadas no simulador pelo biz_opaque_callback_data (= id do envio na fila) e pelo destinatário, contra os ids enfileirados.',
		'- CPU por mensagem: no n8n, tempo de CPU (usuário + sistema, de `/proc/<pid>/stat`) do processo do n8n e dos filhos durante o envio ÷ mensagens aceitas; no sender direto, `process.cpuUsage()` do processo do bench (sender, fila e cliente HTTP; o simulador roda em outro processo).',
		'- Memória de pico: RSS amostrado a cada 100 ms.',
		'- "Sender direto": o módulo nodes/ProcessarFila/sender.ts com o mesmo transporte do nó (whatsapp/api.ts pela porta com conexões mantidas), sem o n8n em volta e sem a consulta da janela de 24 h.',
		`- Metas: alcançado/configurado ≥ ${TARGET_RATIO} (sender direto e no n8n; ≥ ${LIMIT_MODES['limit-1'].target} com 1 % de 130429, ≥ ${LIMIT_MODES['limit-10'].target} com 10 %), 0 duplicadas e 0 perdidas (em todos os modos).`,
		'',
		'Metas:',
		'',
	);
	for (const row of rows) {
		const rateTarget = RATE_TARGET_MODES.has(row.mode) ? `meta ≥ ${targetRatio(row.mode)}` : 'comparação, sem meta de ritmo';
		lines.push(`- ${row.targetsMet ? '✅' : '❌'} ${MODE_LABELS[row.mode]}: alcançado/configurado ${decimal(row.ratio, 3)} (${rateTarget}), ${row.duplicateIds + row.duplicateRecipients} duplicadas, ${row.lost} perdidas`);
	}
	return lines.join('\n');
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});

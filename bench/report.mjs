// The bench's one table (printed and written into docs/benchmarks.md) and the machine it ran on.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** Each generated part of docs/benchmarks.md lies between its own pair of markers. */
export const RESULT_MARKERS = { start: '<!-- bench:resultados:início -->', end: '<!-- bench:resultados:fim -->' };
export const MEMORY_MARKERS = { start: '<!-- bench:memória:início -->', end: '<!-- bench:memória:fim -->' };
const MIB = 1024 * 1024;
/** The issue's memory target: 2,000 waiting conversations within 1 GB of n8n resident memory. */
export const MEMORY_TARGET_BYTES = 1024 * MIB;
/** The issue's latency target: our p50 within 1.5× of the baseline's. */
export const LATENCY_TARGET_RATIO = 1.5;

const STORE_NAMES = { local: 'local', redis: 'Redis' };

function decimal(value, digits) {
	return value === undefined || Number.isNaN(value) ? '—' : value.toLocaleString('pt-BR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Seconds between the last message of a memory step and its reading (bench/scenarios.mjs settleMs). */
const SETTLE_SECONDS = 5;
const ms = (value) => decimal(value, 1);
const mibTenths = (bytes) => (bytes === undefined ? '—' : decimal(bytes / MIB, 1));
const mib = (bytes) => (bytes === undefined ? '—' : decimal(bytes / MIB, 0));
const ratio = (ours, base) => (ours === undefined || !base ? '—' : `${decimal(ours / base, 2)}×`);
const lossText = (tally) => `${tally.lost} / ${tally.duplicated} de ${tally.expected}`;

/** A description of this machine and of the software measured. */
export function describeMachine({ n8nVersion, nodeVersion, redisVersion }) {
	const processors = cpus();
	return {
		loadAtStart: currentLoad(),
		date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
		cpu: `${processors.length} × ${processors[0]?.model?.trim() ?? 'CPU desconhecida'}`,
		memory: `${decimal(totalmem() / 1024 ** 3, 1)} GiB de RAM`,
		system: `${type()} ${release()}`,
		software: `n8n ${n8nVersion} em Node ${nodeVersion}; bench em Node ${process.versions.node}; redis-server ${redisVersion ?? '—'}`,
	};
}

/** The 1-minute load average, as text. */
export function currentLoad() {
	return decimal(loadavg()[0], 2);
}

/** Version of the installed redis-server, or undefined. */
export function redisServerVersion() {
	try {
		return /v=(\S+)/.exec(execFileSync('redis-server', ['--version']).toString())?.[1];
	} catch {
		return undefined;
	}
}

function rows(results) {
	const { stores, settings } = results;
	const waiting = settings.waiting;
	const perStore = (cells) => Object.values(stores).flatMap(cells);
	const compared = (label, format, pickBase, pickOurs) => [
		label,
		...perStore((s) => [format(pickBase(s)), format(pickOurs(s)), ratio(pickOurs(s), pickBase(s))]),
	];
	const oursOnly = (label, format, pick) => [label, ...perStore((s) => ['—', format(pick(s)), ''])];
	const seconds = (value) => decimal(value, 1);
	const perSecond = (value) => decimal(value, 1);
	return [
		compared('Latência da 1ª mensagem, p50 (ms)', ms, (s) => s.latency.baseline.p50, (s) => s.latency.first.p50),
		compared('Latência da 1ª mensagem, p99 (ms)', ms, (s) => s.latency.baseline.p99, (s) => s.latency.first.p99),
		compared('Latência de resposta retomada, p50 (ms)', ms, (s) => s.latency.baseline.p50, (s) => s.latency.resumed.p50),
		compared('Latência de resposta retomada, p99 (ms)', ms, (s) => s.latency.baseline.p99, (s) => s.latency.resumed.p99),
		compared(`Mensagens/s com ${settings.concurrency} em andamento`, perSecond, (s) => s.throughput.baseline.messagesPerSecond, (s) => s.throughput.ours.messagesPerSecond),
		compared('CPU do n8n por mensagem (ms)', ms, (s) => s.throughput.baseline.cpuMsPerMessage, (s) => s.throughput.ours.cpuMsPerMessage),
		['Respostas perdidas / duplicadas', ...perStore((s) => [lossText(s.tally.baseline), lossText(s.tally.ours), ''])],
		oursOnly(`RSS do n8n antes das ${waiting} conversas (MiB)`, mib, (s) => s.waiting.residentBefore),
		oursOnly(`RSS do n8n com ${waiting} conversas aguardando (MiB)`, mib, (s) => s.waiting.residentWaiting),
		oursOnly(`RSS do n8n, pico durante as ${waiting} (MiB)`, mib, (s) => s.waiting.residentPeak),
		oursOnly(`RSS do redis-server com ${waiting} aguardando (MiB)`, mib, (s) => s.waiting.redisResidentWaiting),
		oursOnly(`Tempo para pôr ${waiting} conversas em espera (s)`, seconds, (s) => s.waiting.parkSeconds),
		oursOnly(`Retomada com ${waiting} aguardando, p50 (ms)`, ms, (s) => s.waiting.resume.p50),
		oursOnly(`Retomada com ${waiting} aguardando, p99 (ms)`, ms, (s) => s.waiting.resume.p99),
		oursOnly(`Tempo para retomar as ${waiting} (s)`, seconds, (s) => s.waiting.resumeSeconds),
	];
}

/** The results as one Markdown table (readable as plain text too: columns are padded). */
export function resultTable(results) {
	const header = [
		'Medida',
		...Object.keys(results.stores).flatMap((store) => [`${STORE_NAMES[store]}: n8n puro`, `${STORE_NAMES[store]}: nosso`, 'nosso/puro']),
	];
	return markdownTable(header, rows(results));
}

/** A Markdown table, first column left-aligned and the others right-aligned, padded to be readable as plain text. */
export function markdownTable(header, body) {
	const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => String(row[column]).length)));
	const line = (row) => `| ${row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join(' | ')} |`;
	const rule = `|${widths.map((width, column) => (column === 0 ? `-${'-'.repeat(width)}-` : `-${'-'.repeat(width)}:`)).join('|')}|`;
	return [line(header), rule, ...body.map(line)].join('\n');
}

/** Each target of the issue with its verdict per store backend. */
export function targetVerdicts(results) {
	const verdicts = [];
	for (const [store, s] of Object.entries(results.stores)) {
		const name = `Armazenamento ${STORE_NAMES[store]}`;
		const base = s.latency.baseline.p50;
		for (const [what, value] of [
			['1ª mensagem', s.latency.first.p50],
			['resposta retomada', s.latency.resumed.p50],
		]) {
			verdicts.push({
				ok: value <= LATENCY_TARGET_RATIO * base,
				text: `${name}: p50 da ${what} ${ms(value)} ms = ${ratio(value, base)} o n8n puro (${ms(base)} ms; meta ≤ ${decimal(LATENCY_TARGET_RATIO, 1)}×)`,
			});
		}
		const lost = s.tally.ours.lost + s.tally.baseline.lost;
		const duplicated = s.tally.ours.duplicated + s.tally.baseline.duplicated;
		verdicts.push({
			ok: lost === 0 && duplicated === 0,
			text: `${name}: ${lost} respostas perdidas e ${duplicated} duplicadas em ${s.tally.ours.expected + s.tally.baseline.expected} (meta: nenhuma)`,
		});
		verdicts.push({
			ok: s.waiting.residentWaiting <= MEMORY_TARGET_BYTES,
			text:
				`${name}: ${results.settings.waiting} conversas aguardando com ${mib(s.waiting.residentWaiting)} MiB de RSS do n8n (meta ≤ 1024 MiB; ` +
				`pico ${mib(s.waiting.residentPeak)} MiB enquanto entravam em espera e eram retomadas)`,
		});
	}
	return verdicts;
}

/** The generated part of docs/benchmarks.md: when, where, with which sizes, the table and the targets. */
export function resultSection(results) {
	const { machine, settings } = results;
	return [
		`Medido em ${machine.date} com \`npm run bench\`.`,
		'',
		`- Máquina: ${machine.cpu}, ${machine.memory}, ${machine.system}; carga média (1 min) ${machine.loadAtStart} no início e ${machine.loadAtEnd} no fim.`,
		`- Software: ${machine.software}.`,
		`- Tamanhos: ${settings.samples} amostras de latência (uma conversa por vez, ${settings.thinkMs} ms entre a pergunta e a resposta do cliente); ` +
			`vazão por ${settings.seconds} s por fluxo, em janelas de 5 s alternadas, com ${settings.concurrency} mensagens em andamento; ${settings.waiting} conversas em espera ao mesmo tempo, ` +
			`postas em espera e retomadas com ${settings.concurrency} em andamento.`,
		'',
		resultTable(results),
		'',
		'Metas:',
		'',
		...targetVerdicts(results).map((verdict) => `- ${verdict.ok ? '✅' : '❌'} ${verdict.text}`),
	].join('\n');
}

/** Puts `section` between `markers` in `file` (the hand-written text around them stays; appended when they are missing). */
export function writeResultSection(file, section, markers) {
	const generated = `${markers.start}\n${section}\n${markers.end}`;
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Desempenho: atendimento × n8n puro\n';
	const start = current.indexOf(markers.start);
	const end = current.indexOf(markers.end);
	const next =
		start >= 0 && end > start ? current.slice(0, start) + generated + current.slice(end + markers.end.length) : `${current.trimEnd()}\n\n${generated}\n`;
	writeFileSync(file, next);
}

/** The issue's resume target with many conversations waiting on one n8n under the heap cap. */
export const LARGE_RESUME_P99_TARGET_MS = 500;

const thousands = (count) => count.toLocaleString('pt-BR');

/** Heap or RSS growth per 1,000 conversations between two readings. */
function perThousand(after, before, count, pick) {
	return count > 0 ? ((pick(after) - pick(before)) * 1000) / count : undefined;
}

function memoryRows(results) {
	const { settings, stores } = results;
	const step = thousands(settings.memoryStep);
	const cells = (format, pick) => Object.values(stores).map((s) => (s.memory ? format(pick(s.memory)) : '—'));
	const row = (label, format, pick) => [label, ...cells(format, pick)];
	const heap = (pick) => (m) => pick(m)?.heap;
	const rss = (pick) => (m) => pick(m)?.resident;
	const large = Math.max(...Object.values(stores).map((s) => s.memory?.large ?? 0));
	const largeRow = (label, format, pick) => [label, ...cells(format, (m) => (m.large > 0 ? pick(m) : undefined))];
	const rows = [
		row('Heap retido após GC, no início (MiB)', mib, heap((m) => m.start)),
		row(`Heap retido, Δ por 1.000 conversas encerradas (MiB)`, mibTenths, (m) => perThousand(m.afterEnded, m.start, m.step, (r) => r.heap)),
		row(`Heap retido, Δ por 1.000 conversas aguardando (MiB)`, mibTenths, (m) => perThousand(m.afterWaiting, m.afterEnded, m.step, (r) => r.heap)),
		row(`Heap retido depois de as ${step} aguardando terminarem (MiB)`, mib, heap((m) => m.afterWaitingEnded)),
		row('RSS do n8n no início (MiB)', mib, rss((m) => m.start)),
		row(`RSS do n8n com ${step} aguardando (MiB)`, mib, rss((m) => m.afterWaiting)),
	];
	if (large > 0) {
		const largeCount = thousands(large);
		rows.push(
			largeRow(`Heap retido com ${largeCount} aguardando (MiB)`, mib, heap((m) => m.withLarge)),
			largeRow(`Heap retido, Δ por 1.000 das ${largeCount} aguardando (MiB)`, mibTenths, (m) => perThousand(m.withLarge, m.afterWaitingEnded, m.large, (r) => r.heap)),
			largeRow(`RSS do n8n com ${largeCount} aguardando (MiB)`, mib, rss((m) => m.withLarge)),
			largeRow(`Tempo para pôr ${largeCount} em espera (s)`, (v) => decimal(v, 1), (m) => m.parkSeconds),
			largeRow(`Retomada com ${largeCount} aguardando, p50 (ms)`, ms, (m) => m.resume.p50),
			largeRow(`Retomada com ${largeCount} aguardando, p99 (ms)`, ms, (m) => m.resume.p99),
			largeRow(`Tempo para retomar as ${largeCount} (s)`, (v) => decimal(v, 1), (m) => m.resumeSeconds),
			largeRow(`Heap retido depois de retomadas as ${largeCount} (MiB)`, mib, heap((m) => m.afterLarge)),
			largeRow(`RSS do n8n depois de retomadas as ${largeCount} (MiB)`, mib, rss((m) => m.afterLarge)),
		);
	}
	rows.push(['Respostas perdidas / duplicadas (toda a execução)', ...Object.values(stores).map((s) => lossText(s.tally.ours))]);
	return rows;
}

/** The memory readings as one Markdown table, a column per store backend. */
export function memoryTable(results) {
	const header = ['Medida', ...Object.keys(results.stores).map((store) => `armazenamento ${STORE_NAMES[store]}`)];
	return markdownTable(header, memoryRows(results));
}

/** The memory targets: many waiting under the cap with resume p99 within the target, nothing lost. */
export function memoryVerdicts(results) {
	const verdicts = [];
	for (const [store, s] of Object.entries(results.stores)) {
		const m = s.memory;
		if (!m) continue;
		const name = `Armazenamento ${STORE_NAMES[store]}`;
		if (m.large > 0) {
			verdicts.push({
				ok: m.resume.count === m.large && m.resume.p99 < LARGE_RESUME_P99_TARGET_MS,
				text:
					`${name}: ${thousands(m.large)} conversas aguardando num n8n com --max-old-space-size=${results.settings.heapCapMb}, ` +
					`${thousands(m.resume.count)} retomadas com p99 ${ms(m.resume.p99)} ms (meta < ${LARGE_RESUME_P99_TARGET_MS} ms); heap retido ${mib(m.withLarge.heap)} MiB`,
			});
		}
		verdicts.push({
			ok: s.tally.ours.lost === 0 && s.tally.ours.duplicated === 0,
			text: `${name}: ${s.tally.ours.lost} respostas perdidas e ${s.tally.ours.duplicated} duplicadas em ${s.tally.ours.expected} (meta: nenhuma)`,
		});
	}
	return verdicts;
}

/** The generated memory part of docs/benchmarks.md. */
export function memorySection(results) {
	const { machine, settings } = results;
	return [
		`Medido em ${machine.date} com \`npm run bench\` (fases: ${settings.phases.join(', ')}).`,
		'',
		`- Máquina: ${machine.cpu}, ${machine.memory}, ${machine.system}; carga média (1 min) ${machine.loadAtStart} no início e ${machine.loadAtEnd} no fim.`,
		`- Software: ${machine.software}; n8n com \`--max-old-space-size=${settings.heapCapMb}\` e o inspetor em 127.0.0.1.`,
		`- Heap retido: \`HeapProfiler.collectGarbage\` (duas vezes) e \`Runtime.getHeapUsage\` pelo inspetor do n8n, ${SETTLE_SECONDS} s depois da última mensagem de cada etapa; ` +
			`${thousands(settings.memoryStep)} conversas por etapa, ${settings.concurrency} mensagens em andamento.`,
		'',
		memoryTable(results),
		'',
		'Metas:',
		'',
		...memoryVerdicts(results).map((verdict) => `- ${verdict.ok ? '✅' : '❌'} ${verdict.text}`),
	].join('\n');
}


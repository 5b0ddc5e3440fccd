// The bench's one table (printed and written into docs/benchmarks.md) and the machine it ran on.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

const START_MARKER = '<!-- bench:resultados:início -->';
const END_MARKER = '<!-- bench:resultados:fim -->';
const MIB = 1024 * 1024;
/** The issue's memory target: 2,000 waiting conversations within 1 GB of n8n resident memory. */
export const MEMORY_TARGET_BYTES = 1024 * MIB;
/** The issue's latency target: our p50 within 1.5× of the baseline's. */
export const LATENCY_TARGET_RATIO = 1.5;

const STORE_NAMES = { local: 'local', redis: 'Redis' };

function decimal(value, digits) {
	return value === undefined || Number.isNaN(value) ? '—' : value.toLocaleString('pt-BR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const ms = (value) => decimal(value, 1);
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
	const body = rows(results);
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

/**
 * Puts `section` between the result markers of `file` (the hand-written text around them stays);
 * `markers` names another pair (the broadcast bench's table).
 */
export function writeResultSection(file, section, markers = { start: START_MARKER, end: END_MARKER }) {
	const generated = `${markers.start}\n${section}\n${markers.end}`;
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const start = current.indexOf(markers.start);
	const end = current.indexOf(markers.end);
	const next =
		start >= 0 && end > start
			? current.slice(0, start) + generated + current.slice(end + markers.end.length)
			: current
				? `${current.trimEnd()}\n\n${generated}\n`
				: `# Desempenho: atendimento × n8n puro\n\n${generated}\n`;
	writeFileSync(file, next);
}

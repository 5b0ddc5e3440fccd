// The tables of `npm run bench:scale` (printed and written into docs/benchmarks.md, section "escala").
import { markdownTable } from './report.mjs';

/** Where the generated part lies in docs/benchmarks.md. */
export const SCALE_MARKERS = { start: '<!-- bench:escala:início -->', end: '<!-- bench:escala:fim -->' };

const MIB = 1024 * 1024;
/** The target: a step's p50 in queue mode within 5× regular mode's, 20 customers at once. */
export const QUEUE_STEP_RATIO_TARGET = 5;

function decimal(value, digits) {
	return value === undefined || Number.isNaN(value) ? '—' : value.toLocaleString('pt-BR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
const ms = (value) => decimal(value, 1);
const mib = (bytes) => (bytes === undefined ? '—' : decimal(bytes / MIB, 1));
const ratio = (value, base) => (value === undefined || !base ? '—' : `${decimal(value / base, 2)}×`);

/** Names of the processes of a cluster, as the tables show them. */
const ROLE_NAMES = { main: 'n8n principal', webhook: 'n8n webhook', worker1: 'worker 1', worker2: 'worker 2', postgres: 'Postgres', redis: 'Redis', n8n: 'n8n (modo regular)' };

function stepsTable({ regular, queue1, queue2 }, settings) {
	const modes = [regular.steps, queue1.steps, queue2.steps];
	const row = (label, pick, format) => [label, ...modes.map((steps) => format(pick(steps))), ratio(pick(queue2.steps), pick(regular.steps))];
	return markdownTable(
		['Medida', 'regular', 'fila, 1 worker', 'fila, 2 workers', '2 workers/regular'],
		[
			row(`Passo, p50 (ms), pausa de ${settings.thinkMs} ms`, (s) => s.paused.all.p50, ms),
			row(`Passo, p99 (ms), pausa de ${settings.thinkMs} ms`, (s) => s.paused.all.p99, ms),
			row('Passo, p50 (ms), resposta imediata', (s) => s.immediate.all.p50, ms),
			row('Passo, p99 (ms), resposta imediata', (s) => s.immediate.all.p99, ms),
			row('Passos/s, resposta imediata', (s) => s.immediate.stepsPerSecond, (v) => decimal(v, 1)),
			row('CPU por passo, todos os processos (ms)', (s) => s.immediate.cpuMsPerStepTotal, ms),
			['Passos sem resposta', ...modes.map((s) => String(s.paused.lost + s.immediate.lost)), ''],
		],
	);
}

function cpuTable({ queue1, queue2 }) {
	const roles = Object.keys(queue2.steps.immediate.cpuMsPerStep);
	return markdownTable(
		['CPU por passo (ms), resposta imediata', 'fila, 1 worker', 'fila, 2 workers'],
		roles.map((role) => [ROLE_NAMES[role] ?? role, ms(queue1.steps.immediate.cpuMsPerStep[role]), ms(queue2.steps.immediate.cpuMsPerStep[role])]),
	);
}

function waitingTable(waiting) {
	const roles = Object.keys(waiting.waiting.resident);
	return markdownTable(
		['Medida', `antes`, `com ${waiting.count} aguardando`, `por 1.000 aguardando`],
		[
			...roles.map((role) => {
				const before = waiting.before.resident[role];
				const during = waiting.waiting.resident[role];
				return [`RSS ${ROLE_NAMES[role] ?? role} (MiB)`, mib(before), mib(during), mib(((during - before) * 1000) / waiting.count)];
			}),
			['Redis used_memory (MiB)', mib(waiting.before.redis.used), mib(waiting.waiting.redis.used), mib(((waiting.waiting.redis.used - waiting.before.redis.used) * 1000) / waiting.count)],
			['Chaves `atendimento:*` no Redis', String(waiting.before.redis.packKeys), String(waiting.waiting.redis.packKeys), ''],
			['Banco do n8n no Postgres (MiB)', mib(waiting.before.postgres.database), mib(waiting.waiting.postgres.database), mib(((waiting.waiting.postgres.database - waiting.before.postgres.database) * 1000) / waiting.count)],
			['Tabelas de execução em disco (MiB)', mib(waiting.before.postgres.executions), mib(waiting.waiting.postgres.executions), mib(((waiting.waiting.postgres.executions - waiting.before.postgres.executions) * 1000) / waiting.count)],
			...(waiting.waiting.postgres.liveExecutions === undefined
				? []
				: [['Execuções guardadas (MiB)', mib(waiting.before.postgres.liveExecutions), mib(waiting.waiting.postgres.liveExecutions), mib(((waiting.waiting.postgres.liveExecutions - waiting.before.postgres.liveExecutions) * 1000) / waiting.count)]]),
		],
	);
}

function waitingTimes(waiting) {
	return markdownTable(
		['Medida', 'valor'],
		[
			[`Tempo para pôr ${waiting.count} em espera (s, ${waiting.concurrency} em andamento)`, decimal(waiting.parkSeconds, 1)],
			['Retomada, p50 (ms)', ms(waiting.resume.p50)],
			['Retomada, p99 (ms)', ms(waiting.resume.p99)],
			[`Tempo para retomar as ${waiting.count} (s)`, decimal(waiting.resumeSeconds, 1)],
			['Sem resposta (ao pôr em espera / ao retomar)', `${waiting.parkedLost} / ${waiting.resumeLost}`],
		],
	);
}

function growthTable(growth) {
	const names = { padrao: 'padrão do n8n (salva as execuções com sucesso)', semDados: '`saveDataSuccessExecution: none` no fluxo' };
	return markdownTable(
		['Dados de execução', 'banco em disco (MiB por 1.000)', 'execuções guardadas (MiB por 1.000)', 'Redis (MiB por 1.000 encerradas)'],
		Object.entries(growth).map(([name, g]) => [names[name] ?? name, mib(g.databasePer1000), mib(g.liveExecutionsPer1000), mib(g.redisPer1000)]),
	);
}

function broadcastTable(broadcast) {
	const kib = (bytes) => decimal(bytes / 1024, 2);
	return markdownTable(
		['Disparo no Redis', 'KiB por destinatário'],
		[
			[`na fila (${broadcast.count} enfileirados)`, kib(broadcast.queuedBytesPerRecipient)],
			['enviado (job + linha do log, guardados 90 dias)', kib(broadcast.sentBytesPerRecipient)],
		],
	);
}

/** Each target with its verdict. */
export function scaleVerdicts(results) {
	const regular = results.regular.steps.paused.all.p50;
	const queue = results.queue2.steps.paused.all.p50;
	return [
		{
			ok: queue <= QUEUE_STEP_RATIO_TARGET * regular,
			text: `p50 de um passo no modo fila (2 workers) ${ms(queue)} ms = ${ratio(queue, regular)} o modo regular (${ms(regular)} ms), ${results.settings.contacts} clientes ao mesmo tempo (meta ≤ ${QUEUE_STEP_RATIO_TARGET}×)`,
		},
		{
			ok: results.tally.lost === 0 && results.tally.duplicated === 0,
			text: `${results.tally.lost} respostas perdidas e ${results.tally.duplicated} duplicadas em ${results.tally.expected} (meta: nenhuma)`,
		},
	];
}

/** The generated part of docs/benchmarks.md for `npm run bench:scale`. */
export function scaleSection(results) {
	const { machine, settings } = results;
	return [
		`Medido em ${machine.date} com \`npm run bench:scale\`.`,
		'',
		`- Máquina: ${machine.cpu}, ${machine.memory}, ${machine.system}; carga média (1 min) ${machine.loadAtStart} no início e ${machine.loadAtEnd} no fim.`,
		`- Software: ${machine.software}; Postgres do pacote Debian.`,
		`- Tamanhos: ${settings.contacts} clientes ao mesmo tempo, ${settings.rounds} conversas inteiras cada (2 passos por conversa), com pausa de ${settings.thinkMs} ms entre a pergunta e a resposta e de novo sem pausa; ` +
			`${settings.waiting} conversas em espera postas e retomadas com ${settings.concurrency} em andamento; ${settings.growth} conversas por fluxo para o crescimento do banco.`,
		'',
		`**Passos de conversa, ${settings.contacts} clientes ao mesmo tempo** (do POST do webhook até a resposta chegar ao simulador):`,
		'',
		stepsTable(results, settings),
		'',
		'**Onde vai a CPU no modo fila:**',
		'',
		cpuTable(results),
		'',
		`**${results.queue2.waiting.count} conversas aguardando no modo fila (2 workers):**`,
		'',
		waitingTable(results.queue2.waiting),
		'',
		waitingTimes(results.queue2.waiting),
		'',
		`**Crescimento do banco por 1.000 conversas inteiras** (modo fila; execução de boas-vindas que espera e termina; o disco inclui as execuções que o n8n marcou como apagadas (ele as remove na poda, até ~2 h depois) e o espaço de linhas apagadas, que só o VACUUM devolve; as execuções guardadas dizem o que cada escolha guarda):`,
		'',
		growthTable(results.queue2.growth),
		'',
		broadcastTable(results.queue2.broadcast),
		'',
		'Metas:',
		'',
		...scaleVerdicts(results).map((verdict) => `- ${verdict.ok ? '✅' : '❌'} ${verdict.text}`),
	].join('\n');
}

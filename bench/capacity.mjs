// The capacity plan of docs/capacidade.md, computed from one `npm run bench:scale` run: the measured cost
// of a conversation step per process, of a waiting and an ended conversation, of a broadcast send, and
// the assumptions below (each one written out in the generated text, so a reader can redo the sums).
import { markdownTable } from './report.mjs';

/** Where the generated plan lies in docs/capacidade.md. */
export const CAPACITY_MARKERS = { start: '<!-- bench:capacidade:início -->', end: '<!-- bench:capacidade:fim -->' };

/** Assumptions of the plan (docs/capacidade.md explains each). */
export const ASSUMPTIONS = {
	/** Customer messages a conversation takes (boas-vindas, menu, submenu, CPF, answer, rating). */
	stepsPerConversation: 6,
	/** Steps of a conversation of the bench flow (question + answer). */
	benchStepsPerConversation: 2,
	/** Share of a day's conversations in its busiest hour. */
	peakHourShare: 0.12,
	/** Average time a conversation spends parked at a card (answer time, abandoned ones until their deadline). */
	averageParkedSeconds: 15 * 60,
	/** CPU a process should use at the peak hour, leaving room for bursts. */
	targetCpuShare: 0.6,
	/** n8n executions per conversation (boas-vindas + one sub-flow). */
	executionsPerConversation: 2,
	/** n8n's default pruning: finished executions kept (EXECUTIONS_DATA_PRUNE_MAX_COUNT) and max age in hours. */
	pruneMaxCount: 10_000,
	pruneMaxAgeHours: 336,
	/** Hours of executions that wait for pruning (soft delete every 60 min, hard delete 1 h later). */
	pruneLagHours: 2,
	/** The pack's retention of ended conversations (ATENDIMENTO_RETENCAO_DIAS) and of broadcast rows. */
	retentionDays: 30,
	broadcastRetentionDays: 90,
	/** Postgres connections each n8n process opens (DB_POSTGRESDB_POOL_SIZE default). */
	postgresPoolSize: 2,
	/** Processar Fila's n8n CPU per send, from `npm run bench:broadcast` (kept-alive door, 2026-12-07). */
	broadcastCpuMsPerSend: 0.43,
};

const DAILY = [10_000, 100_000, 1_000_000];
const BROADCAST_RECIPIENTS = 100_000;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

function decimal(value, digits) {
	return value.toLocaleString('pt-BR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
const size = (bytes) => (bytes >= GIB ? `${decimal(bytes / GIB, 1)} GiB` : `${decimal(bytes / MIB, 0)} MiB`);
const count = (value) => Math.round(value).toLocaleString('pt-BR');

/** The measured costs the plan uses, from the 2-worker cluster of a bench:scale run. */
export function measuredCosts(results) {
	const cluster = results.queue2;
	const cpu = cluster.steps.immediate.cpuMsPerStep;
	const waiting = cluster.waiting;
	const perWaiting = (pick) => (pick(waiting.waiting) - pick(waiting.before)) / waiting.count;
	const growth = cluster.growth.padrao;
	const scale = ASSUMPTIONS.stepsPerConversation / ASSUMPTIONS.benchStepsPerConversation;
	return {
		webhookMsPerStep: cpu.webhook ?? 0,
		workerMsPerStep: Object.entries(cpu)
			.filter(([role]) => role.startsWith('worker'))
			.reduce((sum, [, ms]) => sum + ms, 0),
		mainMsPerStep: cpu.main ?? 0,
		postgresMsPerStep: cpu.postgres ?? 0,
		redisMsPerStep: cpu.redis ?? 0,
		// A waiting execution holds the run data of the steps so far: the bench flow waits after 1 step, a real
		// conversation on average halfway through its steps.
		postgresBytesPerWaiting: Math.max(0, perWaiting((h) => h.postgres.liveExecutions ?? h.postgres.executions)) * (ASSUMPTIONS.stepsPerConversation / 2),
		redisBytesPerWaiting: Math.max(0, perWaiting((h) => h.redis.used)),
		postgresBytesPerFinishedExecution: (Math.max(0, growth.liveExecutionsPer1000 ?? growth.executionsPer1000) / 1000) * scale,
		redisBytesPerEnded: Math.max(0, growth.redisPer1000) / 1000,
		redisBytesPerBroadcastSend: Math.max(0, cluster.broadcast.sentBytesPerRecipient),
	};
}

/** The plan for `daily` conversations a day. */
export function planFor(daily, costs) {
	const a = ASSUMPTIONS;
	const peakConversationsPerSecond = (daily * a.peakHourShare) / 3600;
	const peakSteps = peakConversationsPerSecond * a.stepsPerConversation;
	const processes = (msPerStep) => Math.max(1, Math.ceil((peakSteps * msPerStep) / 1000 / a.targetCpuShare));
	const waitingAtPeak = peakConversationsPerSecond * a.averageParkedSeconds;
	const executionsPerHour = (daily * a.executionsPerConversation) / 24;
	const keptExecutions = Math.min(a.pruneMaxCount, executionsPerHour * a.pruneMaxAgeHours) + executionsPerHour * a.pruneLagHours;
	const workers = processes(costs.workerMsPerStep);
	const webhooks = processes(costs.webhookMsPerStep);
	return {
		daily,
		peakSteps,
		workers,
		webhooks,
		postgresCores: (peakSteps * costs.postgresMsPerStep) / 1000,
		redisCpuShare: (peakSteps * costs.redisMsPerStep) / 1000,
		waitingAtPeak,
		redisBytes: waitingAtPeak * costs.redisBytesPerWaiting + daily * a.retentionDays * costs.redisBytesPerEnded,
		redisRetentionBytes: daily * a.retentionDays * costs.redisBytesPerEnded,
		postgresBytes: waitingAtPeak * a.executionsPerConversation * costs.postgresBytesPerWaiting + keptExecutions * costs.postgresBytesPerFinishedExecution,
		postgresConnections: (1 + webhooks + workers) * a.postgresPoolSize,
	};
}

function planTable(plans) {
	const row = (label, format) => [label, ...plans.map(format)];
	return markdownTable(
		['Conversas por dia', ...plans.map((plan) => plan.daily.toLocaleString('pt-BR'))],
		[
			row('Passos/s na hora de pico', (p) => decimal(p.peakSteps, 1)),
			row('Workers (1 núcleo cada, a 60 %)', (p) => String(p.workers)),
			row('Processos de webhook', (p) => String(p.webhooks)),
			row('CPU do Postgres (núcleos)', (p) => decimal(p.postgresCores, 2)),
			row('CPU do Redis (fração do seu único núcleo)', (p) => `${decimal(100 * p.redisCpuShare, 1)} %`),
			row('Conversas aguardando no pico', (p) => count(p.waitingAtPeak)),
			row(`Redis: conversas encerradas (${ASSUMPTIONS.retentionDays} dias)`, (p) => size(p.redisRetentionBytes)),
			row('Redis: conversas aguardando', (p) => size(p.redisBytes - p.redisRetentionBytes)),
			row('Postgres: execuções guardadas', (p) => size(p.postgresBytes)),
			row('Conexões ao Postgres (pool padrão 2)', (p) => String(p.postgresConnections)),
		],
	);
}

function broadcastTable(costs) {
	const recipients = BROADCAST_RECIPIENTS;
	const minutes = (rate) => decimal(recipients / rate / 60, 1);
	return markdownTable(
		[`Disparo de ${recipients.toLocaleString('pt-BR')} destinatários`, '80 msg/s (padrão do número)', '1.000 msg/s (número com limite ampliado)'],
		[
			['Duração', `${minutes(80)} min`, `${minutes(1000)} min`],
			['CPU do n8n no worker que roda o Processar Fila', `${decimal((80 * ASSUMPTIONS.broadcastCpuMsPerSend) / 10, 1)} % de um núcleo`, `${decimal((1000 * ASSUMPTIONS.broadcastCpuMsPerSend) / 10, 1)} % de um núcleo`],
			['Redis (jobs + log, 90 dias)', size(recipients * costs.redisBytesPerBroadcastSend), size(recipients * costs.redisBytesPerBroadcastSend)],
		],
	);
}

/** The generated part of docs/capacidade.md. */
export function capacitySection(results) {
	const costs = measuredCosts(results);
	const a = ASSUMPTIONS;
	const ms = (value) => decimal(value, 1);
	const kib = (bytes) => decimal(bytes / 1024, 1);
	return [
		`Calculado em ${results.machine.date} por \`npm run bench:scale\` (modo fila, 2 workers, ${results.settings.contacts} clientes ao mesmo tempo; números em docs/benchmarks.md, seção "Escala").`,
		'',
		'**Custos medidos** (por passo = uma mensagem do cliente e a resposta do robô):',
		'',
		markdownTable(
			['Custo', 'valor'],
			[
				['CPU nos workers por passo (ms)', ms(costs.workerMsPerStep)],
				['CPU no processo de webhook por passo (ms)', ms(costs.webhookMsPerStep)],
				['CPU no principal por passo (ms)', ms(costs.mainMsPerStep)],
				['CPU do Postgres por passo (ms)', ms(costs.postgresMsPerStep)],
				['CPU do Redis por passo (ms)', ms(costs.redisMsPerStep)],
				['Redis por conversa aguardando (KiB)', kib(costs.redisBytesPerWaiting)],
				['Redis por conversa encerrada, guardada na retenção (KiB)', kib(costs.redisBytesPerEnded)],
				[`Postgres por execução aguardando (KiB, ${a.stepsPerConversation} passos)`, kib(costs.postgresBytesPerWaiting)],
				[`Postgres por execução terminada e guardada (KiB, ${a.stepsPerConversation} passos)`, kib(costs.postgresBytesPerFinishedExecution)],
				['Redis por envio de disparo, job + linha do log (KiB)', kib(costs.redisBytesPerBroadcastSend)],
				['CPU do n8n por envio de disparo (ms, `npm run bench:broadcast`)', decimal(a.broadcastCpuMsPerSend, 2)],
			],
		),
		'',
		`**Premissas:** ${a.stepsPerConversation} mensagens do cliente por conversa; ${decimal(100 * a.peakHourShare, 0)} % das conversas do dia na hora de pico; ` +
			`cada conversa fica em média ${a.averageParkedSeconds / 60} min parada num card (tempo de resposta e as abandonadas até o prazo); ` +
			`${a.executionsPerConversation} execuções do n8n por conversa (boas-vindas + um subfluxo); cada processo a no máximo ${decimal(100 * a.targetCpuShare, 0)} % de CPU no pico; ` +
			`poda padrão do n8n (${a.pruneMaxCount.toLocaleString('pt-BR')} execuções terminadas ou ${a.pruneMaxAgeHours} h, o que vier antes, mais ~${a.pruneLagHours} h até a exclusão definitiva); ` +
			`conversas encerradas guardadas ${a.retentionDays} dias no Redis (\`ATENDIMENTO_RETENCAO_DIAS\`). Os custos do Postgres por execução são os do fluxo do bench (${a.benchStepsPerConversation} passos) ` +
			`multiplicados por ${decimal(a.stepsPerConversation / a.benchStepsPerConversation, 0)}: os dados de uma execução crescem a cada card.`,
		'',
		planTable(DAILY.map((daily) => planFor(daily, costs))),
		'',
		broadcastTable(costs),
	].join('\n');
}

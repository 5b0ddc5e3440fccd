// The measurements of `npm run bench:scale`: steps of many conversations at once (regular mode and
// queue mode with 1 and 2 workers), many conversations waiting in a cluster, and the database growth
// per 1,000 conversations under n8n's execution-data settings.
import { performance } from 'node:perf_hooks';

import { summarize } from './stats.mjs';
import { exchange, inParallel, sleep } from './traffic.mjs';

/**
 * `contacts` customers at once, each running `rounds` whole conversations of the bench flow ("oi" →
 * question, "1" → closing message, `thinkMs` between). Every step is timed from the customer's message
 * to the bot's reply at the simulator. `readCpu()` returns CPU seconds per process; the result has CPU
 * milliseconds per step for each process and in all.
 */
export async function measureSteps({ mailbox, url, nextId, contacts, rounds, thinkMs, readCpu }) {
	const first = [];
	const resumed = [];
	let lost = 0;
	const cpuBefore = readCpu();
	const startedAt = performance.now();
	await inParallel(contacts, async () => {
		for (let round = 0; round < rounds; round++) {
			const waId = nextId();
			const opened = await exchange(mailbox, url, waId, 'oi');
			if (opened === undefined) {
				lost++;
				continue;
			}
			first.push(opened);
			if (thinkMs > 0) await sleep(thinkMs);
			const answered = await exchange(mailbox, url, waId, '1');
			if (answered === undefined) lost++;
			else resumed.push(answered);
		}
	});
	const seconds = (performance.now() - startedAt) / 1000;
	const cpuAfter = readCpu();
	const steps = first.length + resumed.length;
	const cpuMsPerStep = Object.fromEntries(Object.keys(cpuAfter).map((role) => [role, (1000 * (cpuAfter[role] - (cpuBefore[role] ?? 0))) / Math.max(1, steps)]));
	return {
		contacts,
		rounds,
		thinkMs,
		steps,
		lost,
		seconds,
		stepsPerSecond: steps / seconds,
		all: summarize([...first, ...resumed]),
		first: summarize(first),
		resumed: summarize(resumed),
		cpuMsPerStep,
		cpuMsPerStepTotal: Object.values(cpuMsPerStep).reduce((sum, value) => sum + value, 0),
	};
}

/**
 * `count` conversations parked at the question at once (opened with `concurrency` in flight), then all
 * answered: what each part of the cluster holds while they wait (`readHoldings()`), the resume
 * latencies and the time to resume them all.
 */
export async function measureWaitingInCluster({ mailbox, url, nextId, count, concurrency, settleMs, readHoldings, progress }) {
	const before = await readHoldings();
	const contacts = Array.from({ length: count }, () => nextId());
	let next = 0;
	let parkedLost = 0;
	const parkStartedAt = performance.now();
	await inParallel(concurrency, async () => {
		while (next < contacts.length) {
			const index = next++;
			if ((await exchange(mailbox, url, contacts[index], 'oi')) === undefined) parkedLost++;
			if (index % 1000 === 999) progress?.(`${index + 1} conversas em espera`);
		}
	});
	const parkSeconds = (performance.now() - parkStartedAt) / 1000;
	await sleep(settleMs); // the last executions finish saving as waiting
	const waiting = await readHoldings();

	const latencies = [];
	let resumeLost = 0;
	next = 0;
	const resumeStartedAt = performance.now();
	await inParallel(concurrency, async () => {
		while (next < contacts.length) {
			const index = next++;
			const latency = await exchange(mailbox, url, contacts[index], '1');
			if (latency === undefined) resumeLost++;
			else latencies.push(latency);
			if (index % 1000 === 999) progress?.(`${index + 1} conversas retomadas`);
		}
	});
	const resumeSeconds = (performance.now() - resumeStartedAt) / 1000;
	return { count, concurrency, parkSeconds, parkedLost, resumeSeconds, resumeLost, resume: summarize(latencies), before, waiting };
}

/**
 * `count` whole conversations on each flow of `flows` ({ name: url }), `concurrency` at once, and the
 * growth of n8n's database and of Redis (`readSizes()`: { database, executions, redisUsed }) per 1,000
 * ended conversations of each (the pack keeps an ended conversation for its retention, 30 days).
 */
export async function measureGrowth({ mailbox, flows, nextId, count, concurrency, settleMs, readSizes }) {
	const growth = {};
	for (const [name, url] of Object.entries(flows)) {
		const before = await readSizes();
		let next = 0;
		await inParallel(concurrency, async () => {
			while (next++ < count) {
				const waId = nextId();
				if ((await exchange(mailbox, url, waId, 'oi')) !== undefined) await exchange(mailbox, url, waId, '1');
			}
		});
		await sleep(settleMs);
		const after = await readSizes();
		growth[name] = {
			count,
			databasePer1000: ((after.database - before.database) * 1000) / count,
			executionsPer1000: ((after.executions - before.executions) * 1000) / count,
			liveExecutionsPer1000: ((after.liveExecutions - before.liveExecutions) * 1000) / count,
			redisPer1000: ((after.redisUsed - before.redisUsed) * 1000) / count,
		};
	}
	return growth;
}

/**
 * What a broadcast costs in Redis: `count` recipients enqueued in one campaign through the pack's own
 * Redis broadcast store (`createStore()`), then each claimed, sent and logged as Processar Fila does.
 * Returns Redis bytes per queued recipient and per sent one (job + log row), from `readUsed()`.
 */
export async function measureBroadcastFootprint({ createStore, count, readUsed }) {
	const store = await createStore();
	try {
		const before = await readUsed();
		const jobs = Array.from({ length: count }, (_, n) => ({
			campaign: 'bench-escala',
			recipientKey: `cliente:${n}/login:${n}`,
			clienteId: String(n),
			login: `login${n}`,
			phone: `+55119${String(80000000 + n).padStart(8, '0')}`,
			message: { name: 'status_logins', language: 'pt_BR', bodyParameters: [`Cliente ${n}`, 'Plano 500 Mega'], previewText: `Olá, Cliente ${n}! Seu login está offline.` },
			category: 'utility',
			unitPriceBRL: 0.04,
		}));
		for (let start = 0; start < jobs.length; start += 500) await store.enqueue(jobs.slice(start, start + 500), Date.now());
		const queued = await readUsed();
		for (;;) {
			const claimed = await store.claim(Date.now(), 500, 60_000);
			if (claimed.length === 0) break;
			for (const job of claimed) {
				await store.markInFlight(job.id, Date.now());
				await store.markSent(job.id, `wamid.bench.${job.id}`, Date.now());
			}
		}
		const sent = await readUsed();
		return { count, queuedBytesPerRecipient: (queued - before) / count, sentBytesPerRecipient: (sent - before) / count };
	} finally {
		await store.close();
	}
}

// The measurements of the issue, each against an n8n that already serves both workflows. Baseline
// and ours are measured interleaved (sample by sample, window by window), so that whatever else
// the machine is doing weighs on both alike.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import { summarize } from './stats.mjs';
import { exchange, inParallel, sleep } from './traffic.mjs';

const { treeCpuSeconds, treeResidentBytes, watchPeak } = createRequire(import.meta.url)('./process-stats.cjs');

/** Messages sent before measuring, so n8n's lazy loading and JIT are not timed. */
const WARM_UP_ROUNDS = 10;
/** Throughput is measured in windows of this length, alternating baseline and ours. */
const WINDOW_SECONDS = 5;

/**
 * Latency, one message at a time: the baseline's reply, our first message (to the question) and a
 * resumed answer (to the closing message), with `thinkMs` between question and answer.
 */
export async function measureLatency({ mailbox, baselineUrl, conversationUrl, nextBaselineId, nextConversationId, samples, thinkMs }) {
	const baseline = [];
	const first = [];
	const resumed = [];
	for (let round = 0; round < WARM_UP_ROUNDS + samples; round++) {
		const measured = round >= WARM_UP_ROUNDS;
		const baselineLatency = await exchange(mailbox, baselineUrl, nextBaselineId(), 'oi');
		const waId = nextConversationId();
		const firstLatency = await exchange(mailbox, conversationUrl, waId, 'oi');
		await sleep(thinkMs);
		const resumedLatency = await exchange(mailbox, conversationUrl, waId, '1');
		if (!measured) continue;
		if (baselineLatency !== undefined) baseline.push(baselineLatency);
		if (firstLatency !== undefined) first.push(firstLatency);
		if (resumedLatency !== undefined) resumed.push(resumedLatency);
	}
	return { baseline: summarize(baseline), first: summarize(first), resumed: summarize(resumed) };
}

/** Keeps `concurrency` workers calling `step` (which returns how many messages it completed) for `seconds`. */
async function window(seconds, concurrency, pid, step) {
	const cpuBefore = treeCpuSeconds(pid);
	const startedAt = performance.now();
	const deadline = startedAt + seconds * 1000;
	let messages = 0;
	await inParallel(concurrency, async (worker) => {
		while (performance.now() < deadline) {
			const completed = await step(worker); // not `messages += await …`: that adds to a stale total
			messages += completed;
		}
	});
	return { messages, seconds: (performance.now() - startedAt) / 1000, cpuSeconds: treeCpuSeconds(pid) - cpuBefore };
}

function add(total, part) {
	return { messages: total.messages + part.messages, seconds: total.seconds + part.seconds, cpuSeconds: total.cpuSeconds + part.cpuSeconds };
}

function rates(total) {
	return { messagesPerSecond: total.messages / total.seconds, cpuMsPerMessage: (1000 * total.cpuSeconds) / total.messages };
}

/**
 * Messages/s with `concurrency` messages in flight and n8n's CPU time per message, over `seconds`
 * for each flow. In our flow each worker opens a conversation and then answers the one it opened on
 * its previous turn, so half the messages start executions and half resume them.
 */
export async function measureThroughput({ mailbox, baselineUrl, conversationUrl, nextBaselineId, nextConversationId, seconds, concurrency, pid }) {
	const empty = { messages: 0, seconds: 0, cpuSeconds: 0 };
	let baseline = empty;
	let ours = empty;
	const openByWorker = new Map();
	const baselineStep = async () => ((await exchange(mailbox, baselineUrl, nextBaselineId(), 'oi')) === undefined ? 0 : 1);
	const conversationStep = async (worker) => {
		const waId = nextConversationId();
		let completed = (await exchange(mailbox, conversationUrl, waId, 'oi')) === undefined ? 0 : 1;
		const open = openByWorker.get(worker);
		if (open && (await exchange(mailbox, conversationUrl, open, '1')) !== undefined) completed++;
		openByWorker.set(worker, waId);
		return completed;
	};
	for (let elapsed = 0; elapsed < seconds; elapsed += WINDOW_SECONDS) {
		const length = Math.min(WINDOW_SECONDS, seconds - elapsed);
		baseline = add(baseline, await window(length, concurrency, pid, baselineStep));
		ours = add(ours, await window(length, concurrency, pid, conversationStep));
	}
	await Promise.all([...openByWorker.values()].map((waId) => exchange(mailbox, conversationUrl, waId, '1')));
	return { baseline: rates(baseline), ours: rates(ours) };
}

/**
 * `count` conversations parked at the question at the same time: n8n's resident memory (process
 * tree of `pid`) before, while they wait and at the peak; then all of them answered with
 * `concurrency` in flight: resume latency and the time to resume them all.
 */
export async function measureWaiting({ mailbox, conversationUrl, nextConversationId, count, concurrency, settleMs, pid, redisPid }) {
	const residentBefore = treeResidentBytes(pid);
	const peak = watchPeak(() => treeResidentBytes(pid), 250);
	const contacts = Array.from({ length: count }, () => nextConversationId());
	let next = 0;
	const parkStartedAt = performance.now();
	await inParallel(concurrency, async () => {
		while (next < contacts.length) await exchange(mailbox, conversationUrl, contacts[next++], 'oi');
	});
	const parkSeconds = (performance.now() - parkStartedAt) / 1000;
	await sleep(settleMs); // the last executions finish saving as waiting
	const residentWaiting = treeResidentBytes(pid);
	const redisResidentWaiting = redisPid ? treeResidentBytes(redisPid) : undefined;

	const latencies = [];
	next = 0;
	const resumeStartedAt = performance.now();
	await inParallel(concurrency, async () => {
		while (next < contacts.length) {
			const latency = await exchange(mailbox, conversationUrl, contacts[next++], '1');
			if (latency !== undefined) latencies.push(latency);
		}
	});
	const resumeSeconds = (performance.now() - resumeStartedAt) / 1000;
	return {
		count,
		parkSeconds,
		resumeSeconds,
		resume: summarize(latencies),
		residentBefore,
		residentWaiting,
		residentPeak: peak.stop(),
		redisResidentWaiting,
	};
}

/** Sends `text` from every contact of `contacts`, `concurrency` in flight; resolves to the reply latencies. */
async function sendAll(mailbox, conversationUrl, contacts, text, concurrency) {
	const latencies = [];
	let next = 0;
	await inParallel(concurrency, async () => {
		while (next < contacts.length) {
			const latency = await exchange(mailbox, conversationUrl, contacts[next++], text);
			if (latency !== undefined) latencies.push(latency);
		}
	});
	return latencies;
}

/**
 * What n8n retains per conversation, read as V8's used heap after forced full collections
 * (`inspector.retainedHeap()`), with n8n under a heap cap: at the start (after `warmUp`
 * conversations, so lazy loading is not counted), after `step` conversations that ended, after
 * `step` more that wait at the question, and with `large` waiting at the same time; then the `large`
 * are answered: resume latency and the time to resume them all. RSS (process tree of `pid`) beside
 * each reading.
 */
export async function measureMemory({ mailbox, conversationUrl, nextConversationId, inspector, pid, step, large, warmUp, concurrency, settleMs }) {
	const newContacts = (count) => Array.from({ length: count }, () => nextConversationId());
	const reading = async (label) => {
		await sleep(settleMs); // the last executions finish saving
		const read = { heap: await inspector.retainedHeap(), resident: treeResidentBytes(pid) };
		process.stderr.write(`[bench] ${label}: heap retido ${(read.heap / 2 ** 20).toFixed(1)} MiB, RSS ${(read.resident / 2 ** 20).toFixed(0)} MiB\n`);
		return read;
	};
	const warm = newContacts(warmUp);
	await sendAll(mailbox, conversationUrl, warm, 'oi', concurrency);
	await sendAll(mailbox, conversationUrl, warm, '1', concurrency);
	const start = await reading('início');

	const ended = newContacts(step);
	await sendAll(mailbox, conversationUrl, ended, 'oi', concurrency);
	await sendAll(mailbox, conversationUrl, ended, '1', concurrency);
	const afterEnded = await reading(`+${step} encerradas`);

	const waiting = newContacts(step);
	await sendAll(mailbox, conversationUrl, waiting, 'oi', concurrency);
	const afterWaiting = await reading(`+${step} aguardando`);
	await sendAll(mailbox, conversationUrl, waiting, '1', concurrency);
	const afterWaitingEnded = await reading(`as ${step} aguardando encerradas`);

	const many = newContacts(large);
	const parkStartedAt = performance.now();
	await sendAll(mailbox, conversationUrl, many, 'oi', concurrency);
	const parkSeconds = (performance.now() - parkStartedAt) / 1000;
	const withLarge = await reading(`${large} aguardando (${parkSeconds.toFixed(0)} s para pôr em espera)`);
	const resumeStartedAt = performance.now();
	const latencies = await sendAll(mailbox, conversationUrl, many, '1', concurrency);
	const resumeSeconds = (performance.now() - resumeStartedAt) / 1000;
	const afterLarge = await reading(`as ${large} retomadas (${resumeSeconds.toFixed(0)} s; p99 ${summarize(latencies).p99?.toFixed(0)} ms)`);
	return { step, large, start, afterEnded, afterWaiting, afterWaitingEnded, withLarge, afterLarge, parkSeconds, resumeSeconds, resume: summarize(latencies) };
}

import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { LocalBroadcastStore } from '../shared/broadcast/local-store';
import type { BroadcastJob, BroadcastStore, NewJob } from '../shared/broadcast/types';
import { graphErrorBody } from '../../test/simulators/whatsapp-errors';
import type { SendOutcome } from './outcome';
import { AWAITING_CONFIRMATION_REASON } from './recovery';
import { runSender, type SenderProgress, type SenderSettings } from './sender';
import { summaryItem } from './summary';

const T0 = 1_780_000_000_000;

/**
 * Time that moves only when the sender sleeps (or the test says so). Before time moves, everything
 * already answered is processed: sends take no time.
 */
class FakeClock {
	constructor(public time = T0) {}
	now = () => this.time;
	sleep = async (ms: number) => {
		await new Promise((resolve) => setImmediate(resolve));
		this.time += ms;
	};
}

const SETTINGS: SenderSettings = {
	ratePerSecond: 10,
	concurrency: 20,
	maxDurationMs: 50_000,
	maxAttempts: 5,
	leaseMs: 60_000,
	inFlightGraceMs: 120_000,
	progressIntervalMs: 5_000,
	marketingLimitDelayMs: 24 * 60 * 60 * 1000,
};

function newJob(index: number): NewJob {
	return {
		campaign: 'aviso',
		recipientKey: `cliente:${index}/login:${3000 + index}`,
		clienteId: String(index),
		login: String(3000 + index),
		phone: `+55119876500${String(index).padStart(2, '0')}`,
		message: { name: 'status_logins_offline', language: 'pt_BR', bodyParameters: [`Cliente ${index}`], previewText: `Olá Cliente ${index}` },
	};
}

const jobId = (index: number) => `aviso:cliente:${index}/login:${3000 + index}`;

const opened: Array<{ store: LocalBroadcastStore; directory: string }> = [];

/** A local (journal) broadcast store in a temporary folder with `count` jobs queued at T0. */
async function queued(count: number): Promise<LocalBroadcastStore> {
	const directory = mkdtempSync(join(tmpdir(), 'processar-fila-'));
	const store = new LocalBroadcastStore(directory);
	opened.push({ store, directory });
	await store.enqueue(Array.from({ length: count }, (_, index) => newJob(index + 1)), T0);
	return store;
}

afterEach(async () => {
	for (const { store, directory } of opened.splice(0)) {
		await store.close();
		rmSync(directory, { recursive: true, force: true });
	}
});

/** The send log, oldest first. */
async function logOf(store: BroadcastStore) {
	return (await store.queryLog({})).reverse();
}

const accepted = (id: string): SendOutcome => ({ kind: 'response', statusCode: 200, body: { messaging_product: 'whatsapp', messages: [{ id }] } });
const graphError = (statusCode: number, code: number): SendOutcome => ({ kind: 'response', statusCode, body: graphErrorBody(code) });

/**
 * A WhatsApp stand-in: answers each send with `script(jobId, attempt)` (accepted by default) and
 * records when each send left, by the fake clock.
 */
function transport(clock: FakeClock, script: (id: string, attempt: number) => SendOutcome | 'hang' = (id) => accepted(`wamid.${id}`)) {
	const sends: Array<{ id: string; at: number }> = [];
	const send = async (job: BroadcastJob): Promise<SendOutcome> => {
		const attempt = sends.filter((sent) => sent.id === job.id).length + 1;
		sends.push({ id: job.id, at: clock.now() - T0 });
		const outcome = script(job.id, attempt);
		return outcome === 'hang' ? new Promise<SendOutcome>(() => undefined) : outcome;
	};
	return { sends, send, attemptsOf: (id: string) => sends.filter((sent) => sent.id === id).map((sent) => sent.at) };
}

function run(store: BroadcastStore, clock: FakeClock, send: (job: BroadcastJob) => Promise<SendOutcome>, settings: Partial<SenderSettings> = {}, random = () => 0) {
	return runSender({ store, send, clock, random }, { ...SETTINGS, ...settings });
}

test('every due job is sent once with its template and marked sent with its wamid', async () => {
	const clock = new FakeClock();
	const store = await queued(5);
	const whatsapp = transport(clock);
	const summary = await run(store, clock, whatsapp.send);
	expect(whatsapp.sends.map((sent) => sent.id)).toEqual([1, 2, 3, 4, 5].map(jobId));
	expect(await store.counts()).toEqual({ queued: 0, sending: 0, sent: 5, failed: 0 });
	expect((await store.job(jobId(3)))?.wamid).toBe(`wamid.${jobId(3)}`);
	expect((await logOf(store)).map((row) => [row.jobId, row.status])).toEqual([1, 2, 3, 4, 5].map((index) => [jobId(index), 'sucesso']));
	expect(summary).toMatchObject({ sent: 5, failed: 0, retried: 0, awaitingConfirmation: 0, remaining: 0, stoppedBy: 'emptyQueue', configuredRate: 10 });
});

test('pacing by the injected clock: 10 messages/s sends one every 100 ms; the summary gives the achieved rate', async () => {
	const clock = new FakeClock();
	const store = await queued(12);
	const whatsapp = transport(clock);
	const summary = await run(store, clock, whatsapp.send);
	expect(whatsapp.sends.map((sent) => sent.at)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]);
	expect(summary.durationMs).toBe(1100);
	expect(summary.achievedRate).toBeCloseTo(12 / 1.1);
});

test('never more than `concurrency` sends in flight', async () => {
	const clock = new FakeClock();
	const store = await queued(12);
	let inFlight = 0;
	let most = 0;
	const send = async (job: BroadcastJob): Promise<SendOutcome> => {
		inFlight++;
		most = Math.max(most, inFlight);
		await new Promise((resolve) => setImmediate(resolve));
		inFlight--;
		return accepted(`wamid.${job.id}`);
	};
	const summary = await run(store, clock, send, { ratePerSecond: 1000, concurrency: 3 });
	expect(most).toBe(3);
	expect(summary.sent).toBe(12);
});

test('5xx: the job goes back to the queue with a backoff and is sent again in the same run', async () => {
	const clock = new FakeClock();
	const store = await queued(1);
	const whatsapp = transport(clock, (id, attempt) => (attempt === 1 ? graphError(503, 2) : accepted(`wamid.${id}`)));
	const summary = await run(store, clock, whatsapp.send);
	// random() = 0: half of the first 1 s step
	expect(whatsapp.attemptsOf(jobId(1))).toEqual([0, 500]);
	expect(await store.job(jobId(1))).toMatchObject({ attempts: 1, lastError: 'WhatsApp indisponível no momento (HTTP 503) (código 2).' });
	expect(summary).toMatchObject({ sent: 1, retried: 1, failed: 0, remaining: 0 });
});

test('130429: the pace drops when the second closes, climbs back a tenth per second, and the limited job is retried later', async () => {
	const clock = new FakeClock();
	const store = await queued(70);
	const limited = new Set([jobId(1), jobId(2), jobId(3)]);
	const whatsapp = transport(clock, (id, attempt) => (limited.has(id) && attempt === 1 ? graphError(400, 130429) : accepted(`wamid.${id}`)));
	const summary = await run(store, clock, whatsapp.send);
	const times = whatsapp.sends.map((sent) => sent.at);
	const gaps = times.slice(1).map((at, index) => at - times[index]);
	// first second at the configured 10/s (one every 100 ms)
	expect(gaps.slice(0, 9).every((gap) => gap === 100)).toBe(true);
	// 3 limits among 13 answers (23 %): 10 × (1 − 1.5 × 0.23) + 1 ≈ 7.5/s in the next second, slower than configured
	expect(Math.max(...gaps.slice(10, 15))).toBeGreaterThan(120);
	// and back to the configured pace a few seconds later
	expect(gaps.slice(-5)).toEqual([100, 100, 100, 100, 100]);
	expect(summary.lowestRate).toBeLessThan(10);
	expect(summary.finalRate).toBe(10);
	for (const id of limited) expect(whatsapp.attemptsOf(id)).toHaveLength(2);
	expect(summary).toMatchObject({ sent: 70, retried: 3, failed: 0 });
});

test('a 5xx retries its own message and does not slow the campaign', async () => {
	const clock = new FakeClock();
	const store = await queued(30);
	const whatsapp = transport(clock, (id, attempt) => (Number(id.split(':')[2].split('/')[0]) % 3 === 0 && attempt === 1 ? graphError(500, 2) : accepted(`wamid.${id}`)));
	const summary = await run(store, clock, whatsapp.send);
	const times = whatsapp.sends.map((sent) => sent.at);
	// 40 sends (30 + 10 retries) one every 100 ms, as configured
	expect(times).toEqual(Array.from({ length: 40 }, (_, index) => index * 100));
	expect(summary).toMatchObject({ sent: 30, retried: 10, failed: 0 });
});

test('two jobs sent back with different waits are both sent again in the same run (not only the first one due)', async () => {
	const clock = new FakeClock();
	const store = await queued(2);
	const whatsapp = transport(clock, (id, attempt) => {
		if (attempt > 1) return accepted(`wamid.${id}`);
		return id === jobId(1) ? graphError(500, 2) : graphError(429, 131056);
	});
	const summary = await run(store, clock, whatsapp.send);
	// job 1 after 500 ms (5xx backoff, random() = 0), job 2 after 1 s (131056), each after the other is settled
	expect(whatsapp.attemptsOf(jobId(1))).toEqual([0, 500]);
	expect(whatsapp.attemptsOf(jobId(2))).toEqual([100, 1100]);
	expect(summary).toMatchObject({ sent: 2, retried: 2, remaining: 0 });
});

test('131056: only that recipient waits 1 s, then 4 s; the others keep going', async () => {
	const clock = new FakeClock();
	const store = await queued(3);
	const whatsapp = transport(clock, (id, attempt) => (id === jobId(1) && attempt <= 2 ? graphError(429, 131056) : accepted(`wamid.${id}`)));
	const summary = await run(store, clock, whatsapp.send);
	expect(whatsapp.attemptsOf(jobId(1))).toEqual([0, 1000, 5000]);
	expect(whatsapp.attemptsOf(jobId(2))).toEqual([100]);
	expect(whatsapp.attemptsOf(jobId(3))).toEqual([200]);
	expect(summary).toMatchObject({ sent: 3, retried: 2 });
});

test('131047 is not retried: failed, with the code and reason in the log', async () => {
	const clock = new FakeClock();
	const store = await queued(2);
	const whatsapp = transport(clock, (id) => (id === jobId(1) ? graphError(400, 131047) : accepted(`wamid.${id}`)));
	const summary = await run(store, clock, whatsapp.send);
	expect(whatsapp.attemptsOf(jobId(1))).toHaveLength(1);
	expect((await logOf(store)).find((row) => row.jobId === jobId(1))).toMatchObject({ status: 'falha', codigoErro: 131047, mensagem: expect.stringMatching(/^Mais de 24 horas/) });
	expect(summary).toMatchObject({ sent: 1, failed: 1, retried: 0 });
});

describe('policy codes', () => {
	const DAY = 24 * 60 * 60 * 1000;

	test('131049: not retried at once; the recipient waits the configured delay, with a "reagendado" row saying when', async () => {
		const clock = new FakeClock();
		const store = await queued(2);
		const whatsapp = transport(clock, (id, attempt) => (id === jobId(1) && attempt === 1 ? graphError(400, 131049) : accepted(`wamid.${id}`)));
		const formatDate = (epochMs: number) => `dia ${(epochMs - T0) / DAY}`;
		const summary = await runSender({ store, send: whatsapp.send, clock, random: () => 0, formatDate }, SETTINGS);
		expect(whatsapp.attemptsOf(jobId(1))).toEqual([0]);
		expect(await store.job(jobId(1))).toMatchObject({ state: 'queued', attempts: 1, notBefore: T0 + DAY });
		expect(summary).toMatchObject({ sent: 1, rescheduled: 1, failed: 0, remaining: 1 });
		expect(summaryItem(summary)).toMatchObject({ adiadasLimiteMarketing: 1, situacao: 'na fila: 1' });
		expect((await logOf(store)).find((row) => row.jobId === jobId(1))).toMatchObject({
			status: 'reagendado',
			codigoErro: 131049,
			motivo: 'Limite de marketing por usuário (131049): nova tentativa em dia 1.',
		});
		// the next day it goes out, and the log keeps both rows
		clock.time = T0 + DAY;
		await run(store, clock, whatsapp.send);
		expect(whatsapp.attemptsOf(jobId(1))).toEqual([0, DAY]);
		expect((await logOf(store)).filter((row) => row.jobId === jobId(1)).map((row) => row.status)).toEqual(['reagendado', 'sucesso']);
	});

	test('131049 with the delay at 0: failed for good, with the reason', async () => {
		const clock = new FakeClock();
		const store = await queued(1);
		const whatsapp = transport(clock, () => graphError(400, 131049));
		const summary = await run(store, clock, whatsapp.send, { marketingLimitDelayMs: 0 });
		expect(whatsapp.attemptsOf(jobId(1))).toHaveLength(1);
		expect(summary).toMatchObject({ failed: 1, rescheduled: 0 });
		expect((await logOf(store))[0]).toMatchObject({ status: 'falha', codigoErro: 131049, motivo: 'limite de marketing por usuário (131049)' });
	});

	test('131026: terminal, and the log says why ("número sem WhatsApp (131026)")', async () => {
		const clock = new FakeClock();
		const store = await queued(1);
		const whatsapp = transport(clock, () => graphError(400, 131026));
		const summary = await run(store, clock, whatsapp.send);
		expect(whatsapp.attemptsOf(jobId(1))).toHaveLength(1);
		expect(summary).toMatchObject({ failed: 1, retried: 0 });
		expect((await logOf(store))[0]).toMatchObject({
			status: 'falha',
			codigoErro: 131026,
			motivo: 'número sem WhatsApp (131026)',
			mensagem: expect.stringMatching(/^Mensagem não entregue: o número não tem WhatsApp/),
		});
	});

	test("the recipient's 24-hour window is asked right before each send and recorded in the log", async () => {
		const clock = new FakeClock();
		const store = await queued(2);
		const whatsapp = transport(clock);
		const asked: Array<[string, number]> = [];
		const windowOf = async (job: BroadcastJob, now: number) => {
			asked.push([job.id, now]);
			return job.id === jobId(1) ? ('dentro' as const) : ('desconhecido' as const);
		};
		await runSender({ store, send: whatsapp.send, clock, random: () => 0, windowOf }, SETTINGS);
		expect(asked).toEqual([
			[jobId(1), T0],
			[jobId(2), T0 + 100],
		]);
		expect((await logOf(store)).map((row) => [row.jobId, row.janela24h, row.motivo])).toEqual([
			[jobId(1), 'dentro', 'aceita pelo WhatsApp (aguardando a entrega)'],
			[jobId(2), 'desconhecido', 'aceita pelo WhatsApp (aguardando a entrega)'],
		]);
	});
});

test("another 4xx fails the job with the API's message", async () => {
	const clock = new FakeClock();
	const store = await queued(1);
	const whatsapp = transport(clock, () => graphError(400, 132001));
	await run(store, clock, whatsapp.send);
	expect((await logOf(store))[0]).toMatchObject({ status: 'falha', codigoErro: 132001, mensagem: expect.stringContaining('Template name does not exist in the translation') });
});

test('attempts exhausted: failed after `maxAttempts` sends', async () => {
	const clock = new FakeClock();
	const store = await queued(1);
	const whatsapp = transport(clock, () => graphError(500, 1));
	const summary = await run(store, clock, whatsapp.send, { maxAttempts: 3 }, () => 1);
	expect(whatsapp.attemptsOf(jobId(1))).toEqual([0, 1000, 3000]);
	expect((await logOf(store))[0]).toMatchObject({ status: 'falha', mensagem: expect.stringMatching(/Sem sucesso após 3 tentativas\.$/) });
	expect(summary).toMatchObject({ sent: 0, failed: 1, retried: 2 });
});

test('a timeout is not resent in this run: it waits for the grace period (its status callback may confirm it)', async () => {
	const clock = new FakeClock();
	const store = await queued(2);
	const whatsapp = transport(clock, (id) => (id === jobId(1) ? { kind: 'timeout' } : accepted(`wamid.${id}`)));
	const summary = await run(store, clock, whatsapp.send);
	expect(whatsapp.attemptsOf(jobId(1))).toEqual([0]);
	expect(await store.job(jobId(1))).toMatchObject({ state: 'queued', notBefore: T0 + 120_000, attempts: 1 });
	expect(summary).toMatchObject({ sent: 1, retried: 1, remaining: 1, stoppedBy: 'emptyQueue' });
});

test('an expired token stops the run: the job goes back to the queue and no other job is sent', async () => {
	const clock = new FakeClock();
	const store = await queued(3);
	const whatsapp = transport(clock, () => graphError(401, 190));
	const summary = await run(store, clock, whatsapp.send);
	expect(whatsapp.sends).toHaveLength(1);
	expect(summary).toMatchObject({ sent: 0, stoppedBy: 'halt', remaining: 3, haltReason: expect.stringMatching(/^Token de acesso do WhatsApp expirado/) });
	expect(await store.job(jobId(1))).toMatchObject({ state: 'queued', attempts: 1 });
});

test('the maximum duration stops claiming; what was claimed is still sent, the rest stays queued', async () => {
	const clock = new FakeClock();
	const store = await queued(30);
	const whatsapp = transport(clock);
	const summary = await run(store, clock, whatsapp.send, { maxDurationMs: 1000 });
	// claims of 3 jobs (250 ms at 10/s) at 0, 200, 500 and 800 ms; the claim due at 1100 ms is past the limit
	expect(whatsapp.sends.map((sent) => sent.at)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]);
	expect(summary).toMatchObject({ sent: 12, remaining: 18, stoppedBy: 'maxDuration' });
	expect(await store.counts()).toMatchObject({ queued: 18, sending: 0 });
});

test('a job whose lease ends before it can be sent is left to a later run, never sent late', async () => {
	const clock = new FakeClock();
	const store = await queued(1);
	// a store that stalls for 58 s while claiming (the lease is 60 s)
	const stalled = new Proxy(store, {
		get(target, property) {
			if (property === 'claim') {
				return async (now: number, limit: number, leaseMs: number) => {
					const jobs = await target.claim(now, limit, leaseMs);
					clock.time += 58_000;
					return jobs;
				};
			}
			const value: unknown = Reflect.get(target, property);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
	const whatsapp = transport(clock);
	const first = await run(stalled, clock, whatsapp.send);
	expect(whatsapp.sends).toHaveLength(0);
	expect(first).toMatchObject({ sent: 0, remaining: 1 });
	clock.time += 3_000;
	const second = await run(store, clock, whatsapp.send);
	expect(whatsapp.sends).toHaveLength(1);
	expect(second).toMatchObject({ sent: 1, remaining: 0 });
});

describe('crash recovery: a run killed after markInFlight', () => {
	/** Run 1 sends job 1 and never hears back (the process dies); jobs 2 and 3 were claimed, not sent. */
	async function killedRun() {
		const clock = new FakeClock();
		const store = await queued(3);
		const whatsapp = transport(clock, (id, attempt) => (id === jobId(1) && attempt === 1 ? 'hang' : accepted(`wamid.${id}`)));
		void run(store, clock, whatsapp.send, { concurrency: 1 });
		while (whatsapp.sends.length === 0) await new Promise((resolve) => setImmediate(resolve));
		await new Promise((resolve) => setImmediate(resolve));
		expect(await store.job(jobId(1))).toMatchObject({ state: 'sending', inFlightSince: T0 });
		expect(await store.job(jobId(2))).toMatchObject({ state: 'sending' });
		expect((await store.job(jobId(2)))?.inFlightSince).toBeUndefined();
		// the next scheduled run, one minute later: the leases are over, the grace period is not
		clock.time = T0 + 61_000;
		const next = await run(store, clock, whatsapp.send);
		expect(next).toMatchObject({ sent: 2, awaitingConfirmation: 1, heldForConfirmation: 1, remaining: 1 });
		expect(summaryItem(next).situacao).toBe('aguardando confirmação: 1');
		expect(whatsapp.attemptsOf(jobId(1))).toEqual([0]);
		expect(await store.job(jobId(1))).toMatchObject({ state: 'queued', notBefore: T0 + 120_000, lastError: AWAITING_CONFIRMATION_REASON });
		return { clock, store, whatsapp };
	}

	test('no status callback in the grace period: the message was lost and is sent once more', async () => {
		const { clock, store, whatsapp } = await killedRun();
		clock.time = T0 + 121_000;
		const last = await run(store, clock, whatsapp.send);
		expect(last).toMatchObject({ sent: 1, awaitingConfirmation: 0, heldForConfirmation: 0, remaining: 0 });
		expect(summaryItem(last).situacao).toBe('nada pendente');
		expect(whatsapp.attemptsOf(jobId(1))).toEqual([0, 121_000]);
		expect(whatsapp.sends.map((sent) => sent.id).sort()).toEqual([jobId(1), jobId(1), jobId(2), jobId(3)]);
		expect(await store.counts()).toEqual({ queued: 0, sending: 0, sent: 3, failed: 0 });
	});

	test('a status callback with the job id in the grace period: it was delivered, never sent again', async () => {
		const { clock, store, whatsapp } = await killedRun();
		await store.recordStatus({ wamid: 'wamid.entregue', jobId: jobId(1), status: 'sent', at: T0 + 70_000 });
		clock.time = T0 + 121_000;
		const last = await run(store, clock, whatsapp.send);
		expect(last).toMatchObject({ sent: 0, remaining: 0 });
		expect(whatsapp.attemptsOf(jobId(1))).toEqual([0]);
		expect(await store.job(jobId(1))).toMatchObject({ state: 'sent', wamid: 'wamid.entregue' });
		expect((await logOf(store)).filter((row) => row.jobId === jobId(1))).toEqual([
			expect.objectContaining({ status: 'sucesso', wamid: 'wamid.entregue', entrega: 'sent' }),
		]);
	});
});

test('a store failure ends the run with that error, after the sends in flight settle', async () => {
	const clock = new FakeClock();
	const store = await queued(3);
	const markSent = jest.spyOn(store, 'markSent').mockRejectedValueOnce(new Error('Redis indisponível'));
	const whatsapp = transport(clock);
	await expect(run(store, clock, whatsapp.send, { ratePerSecond: 1000 })).rejects.toThrow('Redis indisponível');
	expect(markSent).toHaveBeenCalledTimes(3);
	// job 1 stays in flight (crash recovery takes it); the sends already made were recorded
	expect(await store.counts()).toMatchObject({ sending: 1, sent: 2 });
});

test('progress is reported every interval and once at the end', async () => {
	const clock = new FakeClock();
	const store = await queued(25);
	const progress: SenderProgress[] = [];
	const whatsapp = transport(clock);
	await runSender(
		{ store, send: whatsapp.send, clock, random: () => 0, onProgress: (update) => progress.push(update) },
		{ ...SETTINGS, progressIntervalMs: 1000 },
	);
	expect(progress.map((update) => update.elapsedMs)).toEqual([1000, 2000, 2400]);
	expect(progress.at(-1)).toMatchObject({ sent: 25, inFlight: 0, currentRate: 10 });
});

describe('campaign control during a run', () => {
	test('a pause mid-run: nothing more of the campaign leaves, even what the run had already claimed; the summary lists it paused', async () => {
		const clock = new FakeClock();
		const store = await queued(30);
		const whatsapp = transport(clock, (id) => {
			// the operator pauses while the 5th message is on its way
			if (id === jobId(5)) void store.pauseCampaign('aviso', clock.now());
			return accepted(`wamid.${id}`);
		});
		// 80 msg/s: the run claims 20 at a time, so 15 were claimed and not sent yet when the pause came
		const summary = await run(store, clock, whatsapp.send, { ratePerSecond: 80 });
		expect(whatsapp.sends.map((sent) => sent.id)).toEqual([1, 2, 3, 4, 5].map(jobId));
		expect(await store.counts()).toEqual({ queued: 25, sending: 0, sent: 5, failed: 0 });
		expect(summary.heldByControl).toBe(15);
		expect(summary.campaigns).toEqual([expect.objectContaining({ campaign: 'aviso', state: 'paused', sent: 5, pending: 25 })]);
		expect(summaryItem(summary)).toMatchObject({ restantes: 25, situacao: 'em campanhas pausadas: 25', campanhas: [expect.objectContaining({ situacao: 'pausada', pendentes: 25 })] });

		// resumed: the next run sends the other 25, each once
		await store.resumeCampaign('aviso', clock.now());
		await run(store, clock, whatsapp.send, { ratePerSecond: 20 });
		expect(whatsapp.sends.map((sent) => sent.id).sort()).toEqual(Array.from({ length: 30 }, (_, index) => jobId(index + 1)).sort());
	});

	test('a cancel mid-run: the rest end "cancelado", none is sent', async () => {
		const clock = new FakeClock();
		const store = await queued(10);
		const whatsapp = transport(clock, (id) => {
			if (id === jobId(3)) void store.cancelCampaign('aviso', 'Campanha cancelada antes do envio.', clock.now());
			return accepted(`wamid.${id}`);
		});
		const summary = await run(store, clock, whatsapp.send);
		expect(whatsapp.sends).toHaveLength(3);
		expect(summary.campaigns).toEqual([expect.objectContaining({ state: 'cancelled', sent: 3, cancelled: 7, pending: 0 })]);
		expect((await store.queryLog({ status: 'cancelado' })).map((row) => row.motivo)).toEqual(Array(7).fill('Campanha cancelada antes do envio.'));
	});

	test('progress every 5 s gives each campaign its counts and an ETA; the job keeps the 131049 policy for a late status', async () => {
		const clock = new FakeClock();
		const store = await queued(80);
		const progress: SenderProgress[] = [];
		const summary = await runSender(
			{ store, send: transport(clock).send, clock, random: () => 0, onProgress: (report) => progress.push(report), timeZone: 'America/Sao_Paulo' },
			{ ...SETTINGS, ratePerSecond: 10 },
		);
		const first = progress[0].campaigns[0];
		expect(first).toMatchObject({ campaign: 'aviso', state: 'active', total: 80 });
		// 10 msg/s, 80 to send: the ETA at 5 s is about the 30 left at the measured pace
		expect(first.sent + first.pending).toBe(80);
		expect(first.etaMs! / 1000).toBeCloseTo(first.pending / first.recentRate!, 0);
		expect(first.recentRate).toBeGreaterThan(8);
		expect(progress[progress.length - 1].campaigns[0]).toMatchObject({ sent: 80, pending: 0, etaMs: 0 });
		expect(summary.campaigns).toEqual([expect.objectContaining({ campaign: 'aviso', sent: 80, pending: 0 })]);
		expect(await store.job(jobId(1))).toMatchObject({ marketingRetry: { delayMs: SETTINGS.marketingLimitDelayMs, maxAttempts: 5, timeZone: 'America/Sao_Paulo' } });
	});
});

import { mkdirSync } from 'fs';
import { join } from 'path';

import { Journal } from '../journal';
import { formatContato } from './phone';
import {
	BROADCAST_RETENTION_MS,
	broadcastJobId,
	byLastChange,
	describedRow,
	DELIVERY_RANK,
	deliveryMessage,
	logLimit,
	matchesLogFilter,
	newestFirst,
	roundedBRL,
	SENT_MESSAGE,
} from './rules';
import type { BroadcastJob, BroadcastStore, CampaignTotals, LogFilter, NewJob, QueueCounts, SendLogEntry, Window24h } from './types';

type JournalLine =
	| { t: 'job'; v: BroadcastJob }
	| { t: 'log'; v: SendLogEntry }
	| { t: 'wamid'; k: string; id: string }
	| { t: 'seq'; v: number };

type StatusUpdate = Parameters<BroadcastStore['recordStatus']>[0];

/**
 * The default broadcast store: queue and send log in memory, every change appended to a journal
 * file (`envios.jsonl`, JSON lines, next to the conversation store's) that is replayed at start-up
 * and compacted when it grows, so the queue survives an n8n restart or a crash mid-run. Each method
 * runs without awaiting, so two overlapping runs of one process never take the same job. For one n8n
 * process (regular mode).
 */
export class LocalBroadcastStore implements BroadcastStore {
	private readonly jobs = new Map<string, BroadcastJob>();
	/** Jobs `queued` or `sending`, roughly in the order they become due. */
	private readonly active = new Map<string, BroadcastJob>();
	private readonly jobsByCampaign = new Map<string, Set<string>>();
	private readonly jobByWamid = new Map<string, string>();
	private readonly log = new Map<number, SendLogEntry>();
	private readonly logIdByJob = new Map<string, number>();
	private nextLogId = 1;
	private readonly journal: Journal<JournalLine>;

	constructor(directory: string) {
		mkdirSync(directory, { recursive: true });
		this.journal = new Journal(join(directory, 'envios.jsonl'));
		this.journal.replay((line) => this.apply(line));
		this.compact();
	}

	async enqueue(jobs: NewJob[], now: number): Promise<{ added: number; duplicates: number }> {
		this.prune(now);
		const lines: JournalLine[] = [];
		let added = 0;
		for (const job of jobs) {
			const id = broadcastJobId(job.campaign, job.recipientKey);
			if (this.jobs.has(id)) continue;
			const created: BroadcastJob = {
				id,
				campaign: job.campaign,
				recipientKey: job.recipientKey,
				clienteId: job.clienteId,
				...(job.login !== undefined ? { login: job.login } : {}),
				phone: job.phone,
				message: structuredClone(job.message),
				...(job.category !== undefined ? { category: job.category } : {}),
				...(job.unitPriceBRL !== undefined ? { unitPriceBRL: job.unitPriceBRL } : {}),
				state: 'queued',
				attempts: 0,
				notBefore: now,
				createdAt: now,
				updatedAt: now,
			};
			this.putJob(created);
			lines.push({ t: 'job', v: created });
			added++;
		}
		this.write(lines);
		return { added, duplicates: jobs.length - added };
	}

	async logSkipped(entry: Omit<SendLogEntry, 'id' | 'status' | 'tipoComunicacao'>): Promise<void> {
		const row: SendLogEntry = { ...structuredClone(entry), id: this.nextLogId++, tipoComunicacao: 'whatsapp', status: 'ignorado' };
		this.log.set(row.id, row);
		this.write([{ t: 'log', v: row }]);
	}

	async claim(now: number, limit: number, leaseMs: number): Promise<BroadcastJob[]> {
		const claimed: BroadcastJob[] = [];
		for (const job of this.active.values()) {
			if (claimed.length >= limit) break;
			const due = job.state === 'queued' ? job.notBefore <= now : (job.leaseUntil ?? 0) <= now;
			if (due) claimed.push(job);
		}
		for (const job of claimed) {
			job.state = 'sending';
			job.leaseUntil = now + leaseMs;
			job.updatedAt = now;
		}
		this.write(claimed.map((job) => ({ t: 'job', v: job })));
		return claimed.map((job) => structuredClone(job));
	}

	async markInFlight(jobId: string, now: number, window24h?: Window24h): Promise<void> {
		const job = this.existingJob(jobId);
		if (job.state !== 'sending') return;
		job.inFlightSince = now;
		if (window24h !== undefined) job.window24h = window24h;
		job.updatedAt = now;
		this.write([{ t: 'job', v: job }]);
	}

	async markSent(jobId: string, wamid: string, now: number): Promise<void> {
		const job = this.existingJob(jobId);
		const lines: JournalLine[] = [this.indexWamid(wamid, jobId)];
		if (job.state === 'queued' || job.state === 'sending') {
			this.finish(job, 'sent', now, wamid);
			lines.push({ t: 'job', v: job }, this.outcomeRow(job, { dataEnvio: now, status: 'sucesso', mensagem: SENT_MESSAGE, wamid }));
		} else if (job.state === 'sent' && !job.wamid) {
			job.wamid = wamid;
			lines.push({ t: 'job', v: job }, this.outcomeRow(job, { wamid }));
		}
		this.write(lines);
	}

	async markFailed(jobId: string, reason: string, code: number | undefined, now: number): Promise<void> {
		const job = this.existingJob(jobId);
		if (job.state !== 'queued' && job.state !== 'sending') return;
		this.finish(job, 'failed', now);
		job.lastError = reason;
		const failure = { dataEnvio: now, status: 'falha' as const, mensagem: reason, ...(code !== undefined ? { codigoErro: code } : {}) };
		this.write([{ t: 'job', v: job }, this.outcomeRow(job, failure)]);
	}

	async retryLater(jobId: string, notBefore: number, reason: string, now: number): Promise<void> {
		const job = this.existingJob(jobId);
		if (job.state !== 'queued' && job.state !== 'sending') return;
		job.state = 'queued';
		job.attempts++;
		job.notBefore = notBefore;
		job.lastError = reason;
		job.updatedAt = now;
		delete job.leaseUntil;
		delete job.inFlightSince;
		// Moved to the end: jobs that wait for a backoff do not hold up the ones due now.
		this.active.delete(jobId);
		this.active.set(jobId, job);
		this.write([{ t: 'job', v: job }]);
	}

	async logRescheduled(jobId: string, entry: { dataEnvio: number; mensagem: string; codigoErro?: number }): Promise<void> {
		const job = this.existingJob(jobId);
		const row: SendLogEntry = { ...this.newRowOf(job), ...entry, id: this.nextLogId++, status: 'reagendado' };
		this.log.set(row.id, row);
		this.write([{ t: 'log', v: row }]);
	}

	async recordStatus(update: StatusUpdate): Promise<void> {
		const jobId = update.jobId !== undefined && this.jobs.has(update.jobId) ? update.jobId : this.jobByWamid.get(update.wamid);
		const job = jobId === undefined ? undefined : this.jobs.get(jobId);
		if (!job) return; // not a broadcast message (a conversation's reply) or a campaign already pruned
		const lines: JournalLine[] = [this.indexWamid(update.wamid, job.id)];
		const row = this.rowOf(job.id);
		const mensagem = deliveryMessage(update.status, update.errorCode, update.errorTitle);
		const delivery = { entrega: update.status, entregaEm: update.at, mensagem };
		if (update.status === 'failed') {
			if (job.state !== 'failed') this.finish(job, 'failed', update.at, update.wamid);
			job.lastError = mensagem;
			const codigoErro = update.errorCode !== undefined ? { codigoErro: update.errorCode } : {};
			lines.push({ t: 'job', v: job }, this.outcomeRow(job, { dataEnvio: row?.dataEnvio ?? update.at, status: 'falha', ...delivery, ...codigoErro }));
		} else if (job.state === 'queued' || job.state === 'sending' || (job.state === 'failed' && row?.entrega !== 'failed')) {
			// The message reached WhatsApp although the sender did not see it accepted (it died, or gave up on a timeout).
			this.finish(job, 'sent', update.at, update.wamid);
			delete job.lastError;
			const reached = { dataEnvio: row?.dataEnvio ?? update.at, status: 'sucesso' as const, wamid: job.wamid, ...delivery };
			lines.push({ t: 'job', v: job }, this.outcomeRow(job, reached, ['codigoErro']));
		} else if (job.state === 'sent' && DELIVERY_RANK[update.status] > (row?.entrega ? DELIVERY_RANK[row.entrega] : 0)) {
			lines.push(this.outcomeRow(job, delivery));
		}
		this.write(lines);
	}

	async job(jobId: string): Promise<BroadcastJob | undefined> {
		const job = this.jobs.get(jobId);
		return job ? structuredClone(job) : undefined;
	}

	async counts(campaign?: string): Promise<QueueCounts> {
		const counts: QueueCounts = { queued: 0, sending: 0, sent: 0, failed: 0 };
		const ids = campaign === undefined ? this.jobs.keys() : (this.jobsByCampaign.get(campaign) ?? new Set<string>()).values();
		for (const id of ids) counts[this.jobs.get(id)!.state]++;
		return counts;
	}

	async queryLog(filter: LogFilter): Promise<SendLogEntry[]> {
		const found: SendLogEntry[] = [];
		for (const row of this.log.values()) if (matchesLogFilter(row, filter)) found.push(row);
		return structuredClone(found.sort(newestFirst).slice(0, logLimit(filter)).map(describedRow));
	}

	async campaignTotals(): Promise<CampaignTotals[]> {
		const totals: CampaignTotals[] = [];
		for (const [campaign, ids] of this.jobsByCampaign) {
			const counts: QueueCounts = { queued: 0, sending: 0, sent: 0, failed: 0 };
			let estimatedCostBRL = 0;
			let createdAt = Infinity;
			let updatedAt = 0;
			for (const id of ids) {
				const job = this.jobs.get(id)!;
				counts[job.state]++;
				estimatedCostBRL += job.unitPriceBRL ?? 0;
				createdAt = Math.min(createdAt, job.createdAt);
				updatedAt = Math.max(updatedAt, job.updatedAt);
			}
			totals.push({ campaign, counts, estimatedCostBRL: roundedBRL(estimatedCostBRL), createdAt, updatedAt });
		}
		return totals.sort(byLastChange);
	}

	async close(): Promise<void> {
		this.journal.close();
	}

	private existingJob(jobId: string): BroadcastJob {
		const job = this.jobs.get(jobId);
		if (!job) throw new Error(`O envio ${jobId} não está na fila de envios.`);
		return job;
	}

	private putJob(job: BroadcastJob): void {
		this.jobs.set(job.id, job);
		let campaignJobs = this.jobsByCampaign.get(job.campaign);
		if (!campaignJobs) this.jobsByCampaign.set(job.campaign, (campaignJobs = new Set()));
		campaignJobs.add(job.id);
		if (job.state === 'queued' || job.state === 'sending') this.active.set(job.id, job);
		else this.active.delete(job.id);
		if (job.wamid) this.jobByWamid.set(job.wamid, job.id);
	}

	/** `sent` or `failed`: out of the queue, lease fields cleared. */
	private finish(job: BroadcastJob, state: 'sent' | 'failed', now: number, wamid?: string): void {
		job.state = state;
		job.updatedAt = now;
		if (wamid && !job.wamid) job.wamid = wamid;
		delete job.leaseUntil;
		delete job.inFlightSince;
		this.active.delete(job.id);
	}

	private indexWamid(wamid: string, jobId: string): JournalLine {
		this.jobByWamid.set(wamid, jobId);
		return { t: 'wamid', k: wamid, id: jobId };
	}

	private rowOf(jobId: string): SendLogEntry | undefined {
		const id = this.logIdByJob.get(jobId);
		return id === undefined ? undefined : this.log.get(id);
	}

	/** Creates the job's one outcome row, or changes it (fields `drop` removed). */
	private outcomeRow(job: BroadcastJob, fields: Partial<SendLogEntry>, drop: Array<keyof SendLogEntry> = []): JournalLine {
		let row = this.rowOf(job.id);
		if (!row) {
			row = { ...this.newRowOf(job), id: this.nextLogId++ };
			this.log.set(row.id, row);
			this.logIdByJob.set(job.id, row.id);
		}
		for (const field of drop) delete row[field];
		Object.assign(row, fields);
		return { t: 'log', v: row };
	}

	/** The fields a job's log row starts with (its id aside). */
	private newRowOf(job: BroadcastJob): Omit<SendLogEntry, 'id'> {
		return {
			jobId: job.id,
			campaign: job.campaign,
			clienteId: job.clienteId,
			tipoComunicacao: 'whatsapp',
			contato: formatContato(job.phone),
			dataEnvio: job.updatedAt,
			status: 'sucesso',
			mensagem: '',
			...(job.category !== undefined ? { categoria: job.category } : {}),
			...(job.unitPriceBRL !== undefined ? { precoUnitario: job.unitPriceBRL } : {}),
			...(job.window24h !== undefined ? { janela24h: job.window24h } : {}),
		};
	}

	/** Drops campaigns finished before the retention period, and log rows sent before it. */
	private prune(now: number): void {
		const cutoff = now - BROADCAST_RETENTION_MS;
		let pruned = false;
		for (const [campaign, ids] of this.jobsByCampaign) {
			const jobs = [...ids].map((id) => this.jobs.get(id)!);
			if (jobs.some((job) => job.state === 'queued' || job.state === 'sending' || job.updatedAt >= cutoff)) continue;
			for (const job of jobs) {
				this.jobs.delete(job.id);
				this.logIdByJob.delete(job.id);
			}
			this.jobsByCampaign.delete(campaign);
			pruned = true;
		}
		for (const [wamid, id] of this.jobByWamid) if (!this.jobs.has(id)) this.jobByWamid.delete(wamid);
		for (const [id, row] of this.log) {
			if (row.dataEnvio >= cutoff) continue;
			this.log.delete(id);
			pruned = true;
		}
		if (pruned) this.compact();
	}

	private write(lines: JournalLine[]): void {
		this.journal.append(...lines);
		if (this.journal.isStale(this.jobs.size + this.log.size)) this.compact();
	}

	private apply(line: JournalLine): void {
		switch (line.t) {
			case 'job':
				this.putJob(line.v);
				break;
			case 'log':
				this.log.set(line.v.id, line.v);
				if (line.v.jobId !== undefined && line.v.status !== 'ignorado' && line.v.status !== 'reagendado') this.logIdByJob.set(line.v.jobId, line.v.id);
				this.nextLogId = Math.max(this.nextLogId, line.v.id + 1);
				break;
			case 'wamid':
				this.jobByWamid.set(line.k, line.id);
				break;
			case 'seq':
				this.nextLogId = Math.max(this.nextLogId, line.v);
				break;
		}
	}

	/** Rewrites the journal as a snapshot of the live state. */
	private compact(): void {
		this.journal.rewrite(this.snapshot());
	}

	private *snapshot(): Generator<JournalLine> {
		yield { t: 'seq', v: this.nextLogId };
		for (const job of this.jobs.values()) yield { t: 'job', v: job };
		for (const row of this.log.values()) yield { t: 'log', v: row };
		for (const [k, id] of this.jobByWamid) if (this.jobs.has(id)) yield { t: 'wamid', k, id };
	}
}

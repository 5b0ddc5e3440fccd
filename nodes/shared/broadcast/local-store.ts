import { mkdirSync } from 'fs';
import { join } from 'path';

import { Journal } from '../journal';
import { formatContato } from './phone';
import {
	BROADCAST_RETENTION_MS,
	broadcastJobId,
	campaignProgressOf,
	CANCELLED_MESSAGE,
	byLastChange,
	describedRow,
	DELIVERY_RANK,
	deliveryMessage,
	lateMarketingLimitReason,
	logLimit,
	matchesLogFilter,
	newestFirst,
	rateBucket,
	recentBuckets,
	recentRate,
	roundedBRL,
	SENT_MESSAGE,
} from './rules';
import type {
	BroadcastJob,
	BroadcastStore,
	CampaignControlResult,
	CampaignProgress,
	CampaignState,
	CampaignTotals,
	LogFilter,
	MarketingRetry,
	NewJob,
	QueueCounts,
	SendLogEntry,
	Window24h,
} from './types';

/** A paused or cancelled campaign (`reason`: the cancel's text in the log). */
interface CampaignControl {
	state: Exclude<CampaignState, 'active'>;
	at: number;
	reason?: string;
}

type JournalLine =
	| { t: 'job'; v: BroadcastJob }
	| { t: 'log'; v: SendLogEntry }
	| { t: 'wamid'; k: string; id: string }
	| { t: 'seq'; v: number }
	| { t: 'campaign'; k: string; v: CampaignControl | null };

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
	private readonly campaignControls = new Map<string, CampaignControl>();
	/** Per campaign: jobs that left the queue by rate bucket (in memory: the recent rate starts over after a restart). */
	private readonly leftQueue = new Map<string, Map<number, number>>();
	private readonly journal: Journal<JournalLine>;

	constructor(directory: string) {
		mkdirSync(directory, { recursive: true });
		this.journal = new Journal(join(directory, 'envios.jsonl'));
		this.journal.replay((line) => this.apply(line));
		this.compact();
	}

	async enqueue(jobs: NewJob[], now: number): Promise<{ added: number; duplicates: number; cancelled?: number }> {
		this.prune(now);
		const lines: JournalLine[] = [];
		let added = 0;
		let cancelled = 0;
		for (const job of jobs) {
			const id = broadcastJobId(job.campaign, job.recipientKey);
			if (this.jobs.has(id)) continue;
			if (this.campaignControls.get(job.campaign)?.state === 'cancelled') {
				cancelled++;
				continue;
			}
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
		return { added, duplicates: jobs.length - added - cancelled, ...(cancelled > 0 ? { cancelled } : {}) };
	}

	async logSkipped(entry: Omit<SendLogEntry, 'id' | 'status' | 'tipoComunicacao'>): Promise<void> {
		const row: SendLogEntry = { ...structuredClone(entry), id: this.nextLogId++, tipoComunicacao: 'whatsapp', status: 'ignorado' };
		this.log.set(row.id, row);
		this.write([{ t: 'log', v: row }]);
	}

	async claim(now: number, limit: number, leaseMs: number): Promise<BroadcastJob[]> {
		const claimed: BroadcastJob[] = [];
		const lines: JournalLine[] = [];
		for (const job of this.active.values()) {
			if (claimed.length >= limit) break;
			const due = job.state === 'queued' ? job.notBefore <= now : (job.leaseUntil ?? 0) <= now;
			if (!due) continue;
			const control = this.campaignControls.get(job.campaign);
			// a paused campaign's jobs wait untouched; a cancelled one's left by a dead run end now
			if (control?.state === 'cancelled') lines.push(...this.cancelJob(job, control, now));
			else if (control?.state !== 'paused') claimed.push(job);
		}
		for (const job of claimed) {
			job.state = 'sending';
			job.leaseUntil = now + leaseMs;
			job.updatedAt = now;
			lines.push({ t: 'job', v: job });
		}
		this.write(lines);
		return claimed.map((job) => structuredClone(job));
	}

	async markInFlight(jobId: string, now: number, window24h?: Window24h, marketingRetry?: MarketingRetry): Promise<boolean> {
		const job = this.existingJob(jobId);
		if (job.state !== 'sending') return false;
		const control = this.campaignControls.get(job.campaign);
		if (control?.state === 'cancelled') {
			this.write(this.cancelJob(job, control, now));
			return false;
		}
		if (control?.state === 'paused') {
			// claimed before the pause: back to the queue as it was
			job.state = 'queued';
			job.updatedAt = now;
			delete job.leaseUntil;
			this.write([{ t: 'job', v: job }]);
			return false;
		}
		job.inFlightSince = now;
		if (window24h !== undefined) job.window24h = window24h;
		if (marketingRetry !== undefined) job.marketingRetry = { ...marketingRetry };
		job.updatedAt = now;
		this.write([{ t: 'job', v: job }]);
		return true;
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
		const control = this.campaignControls.get(job.campaign);
		if (control?.state === 'cancelled') {
			this.write(this.cancelJob(job, control, now));
			return;
		}
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
		if (job.rescheduledWamid === update.wamid) return; // a send a late 131049 put back: its row is already `reagendado`
		const lines: JournalLine[] = [this.indexWamid(update.wamid, job.id)];
		const row = this.rowOf(job.id);
		const mensagem = deliveryMessage(update.status, update.errorCode, update.errorTitle);
		const delivery = { entrega: update.status, entregaEm: update.at, mensagem };
		const lateRetry = this.lateMarketingRetry(job, update);
		if (lateRetry) {
			const reason = lateMarketingLimitReason(lateRetry.notBefore, lateRetry.timeZone);
			job.state = 'queued';
			job.attempts++;
			job.notBefore = lateRetry.notBefore;
			job.lastError = reason;
			job.rescheduledWamid = update.wamid;
			job.updatedAt = update.at;
			delete job.wamid;
			this.active.set(job.id, job);
			lines.push({ t: 'job', v: job });
			if (row) {
				Object.assign(row, { status: 'reagendado', mensagem: reason, codigoErro: 131049, entrega: 'failed', entregaEm: update.at });
				this.logIdByJob.delete(job.id);
				lines.push({ t: 'log', v: row });
			}
		} else if (update.status === 'failed') {
			if (job.state !== 'failed') this.finish(job, 'failed', update.at, update.wamid);
			job.lastError = mensagem;
			const codigoErro = update.errorCode !== undefined ? { codigoErro: update.errorCode } : {};
			lines.push({ t: 'job', v: job }, this.outcomeRow(job, { dataEnvio: row?.dataEnvio ?? update.at, status: 'falha', ...delivery, ...codigoErro }));
		} else if (job.state === 'queued' || job.state === 'sending' || job.state === 'cancelled' || (job.state === 'failed' && row?.entrega !== 'failed')) {
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

	async recordReply(jobId: string, reply: { at: number; resposta: string }): Promise<void> {
		const job = this.jobs.get(jobId);
		if (!job || !this.rowOf(jobId)) return; // pruned, or never sent (a forged payload)
		this.write([this.outcomeRow(job, { resposta: reply.resposta, respondidoEm: reply.at })]);
	}

	async job(jobId: string): Promise<BroadcastJob | undefined> {
		const job = this.jobs.get(jobId);
		return job ? structuredClone(job) : undefined;
	}

	async counts(campaign?: string): Promise<QueueCounts> {
		const counts: QueueCounts = { queued: 0, sending: 0, sent: 0, failed: 0 };
		const ids = campaign === undefined ? this.jobs.keys() : (this.jobsByCampaign.get(campaign) ?? new Set<string>()).values();
		for (const id of ids) {
			const state = this.jobs.get(id)!.state;
			if (state !== 'cancelled') counts[state]++;
		}
		return counts;
	}

	async pauseCampaign(campaign: string, now: number): Promise<CampaignControlResult> {
		const previous = await this.campaignState(campaign);
		if (previous === 'active') this.setControl(campaign, { state: 'paused', at: now });
		return { campaign, previous, state: previous === 'active' ? 'paused' : previous, cancelled: 0 };
	}

	async resumeCampaign(campaign: string, _now?: number): Promise<CampaignControlResult> {
		const previous = await this.campaignState(campaign);
		// the paused jobs never left the queue (claim skipped them): they are due again where they were
		if (previous === 'paused') this.setControl(campaign, null);
		return { campaign, previous, state: previous === 'paused' ? 'active' : previous, cancelled: 0 };
	}

	async cancelCampaign(campaign: string, reason: string, now: number): Promise<CampaignControlResult> {
		const previous = await this.campaignState(campaign);
		const existing = this.campaignControls.get(campaign);
		const control: CampaignControl = existing?.state === 'cancelled' ? existing : { state: 'cancelled', at: now, reason };
		if (previous !== 'cancelled') this.setControl(campaign, control);
		const lines: JournalLine[] = [];
		let cancelled = 0;
		for (const id of this.jobsByCampaign.get(campaign) ?? []) {
			const job = this.jobs.get(id)!;
			// a job being sent by a live run finishes as it goes (markInFlight cancels it if not yet sent)
			if (job.state === 'queued' || (job.state === 'sending' && (job.leaseUntil ?? 0) <= now)) {
				lines.push(...this.cancelJob(job, control, now));
				cancelled++;
			}
		}
		this.write(lines);
		return { campaign, previous, state: 'cancelled', cancelled };
	}

	async campaignState(campaign: string): Promise<CampaignState> {
		return this.campaignControls.get(campaign)?.state ?? 'active';
	}

	async controlledCampaigns(): Promise<Array<{ campaign: string; state: Exclude<CampaignState, 'active'> }>> {
		return [...this.campaignControls].map(([campaign, control]) => ({ campaign, state: control.state }));
	}

	async campaignProgress(campaign: string, now: number, fallbackRate?: number): Promise<CampaignProgress> {
		const counts = { sent: 0, delivered: 0, read: 0, failed: 0, pending: 0, cancelled: 0 };
		for (const id of this.jobsByCampaign.get(campaign) ?? []) {
			const state = this.jobs.get(id)!.state;
			if (state === 'queued' || state === 'sending') counts.pending++;
			else counts[state]++;
			const delivery = this.rowOf(id)?.entrega;
			if (delivery === 'delivered' || delivery === 'read') counts.delivered++;
			if (delivery === 'read') counts.read++;
		}
		const buckets = this.leftQueue.get(campaign);
		const rate = recentRate(recentBuckets(now).map((bucket) => buckets?.get(bucket) ?? 0), now);
		return campaignProgressOf(campaign, await this.campaignState(campaign), counts, rate, fallbackRate);
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
				createdAt = Math.min(createdAt, job.createdAt);
				updatedAt = Math.max(updatedAt, job.updatedAt);
				if (job.state === 'cancelled') continue; // never sent: neither counted (as in counts()) nor priced
				counts[job.state]++;
				estimatedCostBRL += job.unitPriceBRL ?? 0;
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

	/** `sent`, `failed` or `cancelled`: out of the queue, lease fields cleared. */
	private finish(job: BroadcastJob, state: 'sent' | 'failed' | 'cancelled', now: number, wamid?: string): void {
		this.leaveQueue(job.campaign, job.state, state, now);
		job.state = state;
		job.updatedAt = now;
		if (wamid && !job.wamid) job.wamid = wamid;
		delete job.leaseUntil;
		delete job.inFlightSince;
		this.active.delete(job.id);
	}

	/** Counts a job that left the queue (sent or failed) in the campaign's recent rate. */
	private leaveQueue(campaign: string, from: BroadcastJob['state'], to: BroadcastJob['state'], now: number): void {
		if ((from !== 'queued' && from !== 'sending') || (to !== 'sent' && to !== 'failed')) return;
		let buckets = this.leftQueue.get(campaign);
		if (!buckets) this.leftQueue.set(campaign, (buckets = new Map()));
		const bucket = rateBucket(now);
		buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
		const oldest = recentBuckets(now)[0];
		for (const key of buckets.keys()) if (key < oldest) buckets.delete(key);
	}

	/** Ends a job of a cancelled campaign with a `cancelado` row; returns the journal lines. */
	private cancelJob(job: BroadcastJob, control: CampaignControl, now: number): JournalLine[] {
		const reason = control.reason ?? CANCELLED_MESSAGE;
		this.finish(job, 'cancelled', now);
		job.lastError = reason;
		return [{ t: 'job', v: job }, this.outcomeRow(job, { dataEnvio: now, status: 'cancelado', mensagem: reason })];
	}

	private setControl(campaign: string, control: CampaignControl | null): void {
		if (control) this.campaignControls.set(campaign, control);
		else this.campaignControls.delete(campaign);
		this.write([{ t: 'campaign', k: campaign, v: control }]);
	}

	/** When a `failed` status with 131049 puts a sent job back in the queue (see `recordStatus`), and the log's time zone. */
	private lateMarketingRetry(job: BroadcastJob, update: StatusUpdate): { notBefore: number; timeZone: string } | undefined {
		const retry = job.marketingRetry;
		if (update.status !== 'failed' || update.errorCode !== 131049 || job.state !== 'sent' || job.wamid !== update.wamid) return undefined;
		if (!retry || retry.delayMs <= 0 || job.attempts + 1 >= retry.maxAttempts) return undefined;
		if (this.campaignControls.get(job.campaign)?.state === 'cancelled') return undefined;
		return { notBefore: update.at + retry.delayMs, timeZone: retry.timeZone };
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
			this.campaignControls.delete(campaign);
			this.leftQueue.delete(campaign);
			pruned = true;
		}
		for (const [campaign, control] of this.campaignControls) {
			// paused or cancelled before any job was queued, and never used
			if (this.jobsByCampaign.has(campaign) || control.at >= cutoff) continue;
			this.campaignControls.delete(campaign);
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
				// a job's outcome row turned `reagendado` by a late 131049: the next send gets a row of its own
				else if (line.v.jobId !== undefined && this.logIdByJob.get(line.v.jobId) === line.v.id) this.logIdByJob.delete(line.v.jobId);
				this.nextLogId = Math.max(this.nextLogId, line.v.id + 1);
				break;
			case 'wamid':
				this.jobByWamid.set(line.k, line.id);
				break;
			case 'seq':
				this.nextLogId = Math.max(this.nextLogId, line.v);
				break;
			case 'campaign':
				if (line.v) this.campaignControls.set(line.k, line.v);
				else this.campaignControls.delete(line.k);
				break;
		}
	}

	/** Rewrites the journal as a snapshot of the live state. */
	private compact(): void {
		this.journal.rewrite(this.snapshot());
	}

	private *snapshot(): Generator<JournalLine> {
		yield { t: 'seq', v: this.nextLogId };
		for (const [k, v] of this.campaignControls) yield { t: 'campaign', k, v };
		for (const job of this.jobs.values()) yield { t: 'job', v: job };
		for (const row of this.log.values()) yield { t: 'log', v: row };
		for (const [k, id] of this.jobByWamid) if (this.jobs.has(id)) yield { t: 'wamid', k, id };
	}
}

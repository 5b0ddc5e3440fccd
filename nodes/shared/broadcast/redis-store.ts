import type { Redis, RedisOptions } from 'ioredis';

import { redisClient, runCommand, type LuaCommand } from '../redis';
import { formatContato } from './phone';
import {
	BROADCAST_COMMANDS,
	CANCEL_SCRIPT,
	CLAIM_SCRIPT,
	ENQUEUE_SCRIPT,
	LOG_RESCHEDULED_SCRIPT,
	LOG_SKIPPED_SCRIPT,
	MARK_FAILED_SCRIPT,
	MARK_IN_FLIGHT_SCRIPT,
	MARK_SENT_SCRIPT,
	PAUSE_SCRIPT,
	PRUNE_SCRIPT,
	RECORD_REPLY_SCRIPT,
	RECORD_STATUS_SCRIPT,
	RESUME_SCRIPT,
	RETRY_LATER_SCRIPT,
} from './redis-scripts';
import {
	BROADCAST_RETENTION_MS,
	broadcastJobId,
	byLastChange,
	campaignProgressOf,
	CANCELLED_MESSAGE,
	deliveryMessage,
	describedRow,
	lateMarketingLimitReason,
	logLimit,
	matchesLogFilter,
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
	JobState,
	LogFilter,
	MarketingRetry,
	NewJob,
	QueueCounts,
	SendLogEntry,
	SendStatus,
	TemplateCategory,
	Window24h,
} from './types';

/** Jobs per ENQUEUE call, campaigns and rows per PRUNE call, rows read per page of `queryLog`. */
const ENQUEUE_BATCH = 200;
const PRUNE_BATCH = 500;
const LOG_PAGE = 500;

type StatusUpdate = Parameters<BroadcastStore['recordStatus']>[0];

export interface RedisBroadcastStoreOptions {
	/** Prefix of the installation's keys, as the conversation store's (default `atendimento:`); `envios:` follows it. */
	prefix?: string;
}

/**
 * The broadcast store for n8n queue mode: several n8n processes share the queue and the log in
 * Redis. Every transition is one Lua script (redis-scripts.ts), so two processes never claim the same
 * job and a status callback never races a sender's update.
 */
export class RedisBroadcastStore implements BroadcastStore {
	private readonly redis: Redis;
	private readonly ownsConnection: boolean;
	private readonly prefix: string;

	/** `connection`: an ioredis client (left open by `close`), or a URL / options to open one. */
	constructor(connection: Redis | RedisOptions | string, options: RedisBroadcastStoreOptions = {}) {
		const { client, owned } = redisClient(connection, BROADCAST_COMMANDS);
		this.redis = client;
		this.ownsConnection = owned;
		this.prefix = `${options.prefix ?? 'atendimento:'}envios:`;
	}

	async enqueue(jobs: NewJob[], now: number): Promise<{ added: number; duplicates: number; cancelled?: number }> {
		let morePruning = true;
		while (morePruning) morePruning = (await this.run(PRUNE_SCRIPT, now - BROADCAST_RETENTION_MS, PRUNE_BATCH)) === 1;
		let added = 0;
		let cancelled = 0;
		const byCampaign = new Map<string, NewJob[]>();
		for (const job of jobs) byCampaign.set(job.campaign, [...(byCampaign.get(job.campaign) ?? []), job]);
		for (const [campaign, campaignJobs] of byCampaign) {
			for (let start = 0; start < campaignJobs.length; start += ENQUEUE_BATCH) {
				const args = campaignJobs.slice(start, start + ENQUEUE_BATCH).flatMap((job) => {
					const fields = jobFields(job, now);
					return [broadcastJobId(job.campaign, job.recipientKey), fields.length, ...fields];
				});
				const [batchAdded, batchRefused] = (await this.run(ENQUEUE_SCRIPT, now, campaign, ...args)) as [number, number];
				added += batchAdded;
				cancelled += batchRefused;
			}
		}
		return { added, duplicates: jobs.length - added - cancelled, ...(cancelled > 0 ? { cancelled } : {}) };
	}

	async logSkipped(entry: Omit<SendLogEntry, 'id' | 'status' | 'tipoComunicacao'>): Promise<void> {
		const fields = Object.entries({ ...entry, status: 'ignorado' }).flatMap(([field, value]) => (value === undefined ? [] : [field, String(value)]));
		await this.run(LOG_SKIPPED_SCRIPT, BROADCAST_RETENTION_MS, ...fields);
	}

	async claim(now: number, limit: number, leaseMs: number): Promise<BroadcastJob[]> {
		if (limit <= 0) return [];
		const claimed = (await this.run(CLAIM_SCRIPT, now, limit, leaseMs, BROADCAST_RETENTION_MS, CANCELLED_MESSAGE)) as string[][];
		return claimed.map((pairs) => jobFromHash(pairsToObject(pairs)));
	}

	async markInFlight(jobId: string, now: number, window24h?: Window24h, marketingRetry?: MarketingRetry): Promise<boolean> {
		const policy = marketingRetry === undefined ? '' : JSON.stringify(marketingRetry);
		return (await this.runOnJob(jobId, MARK_IN_FLIGHT_SCRIPT, now, window24h ?? '', policy, BROADCAST_RETENTION_MS, CANCELLED_MESSAGE)) === 1;
	}

	async markSent(jobId: string, wamid: string, now: number): Promise<void> {
		await this.runOnJob(jobId, MARK_SENT_SCRIPT, wamid, now, BROADCAST_RETENTION_MS, SENT_MESSAGE);
	}

	async markFailed(jobId: string, reason: string, code: number | undefined, now: number): Promise<void> {
		await this.runOnJob(jobId, MARK_FAILED_SCRIPT, reason, code ?? '', now, BROADCAST_RETENTION_MS);
	}

	async retryLater(jobId: string, notBefore: number, reason: string, now: number): Promise<void> {
		await this.runOnJob(jobId, RETRY_LATER_SCRIPT, notBefore, reason, now, BROADCAST_RETENTION_MS, CANCELLED_MESSAGE);
	}

	async logRescheduled(jobId: string, entry: { dataEnvio: number; mensagem: string; codigoErro?: number }): Promise<void> {
		const fields = Object.entries(entry).flatMap(([field, value]) => (value === undefined ? [] : [field, String(value)]));
		await this.runOnJob(jobId, LOG_RESCHEDULED_SCRIPT, BROADCAST_RETENTION_MS, ...fields);
	}

	async recordStatus(update: StatusUpdate): Promise<void> {
		const text = deliveryMessage(update.status, update.errorCode, update.errorTitle);
		// a late 131049: the reason's date needs the job's policy (the script checks again that it applies)
		let late: { at: number; text: string } | undefined;
		if (update.status === 'failed' && update.errorCode === 131049) {
			const jobId = update.jobId || (await this.redis.get(`${this.prefix}wamid:${update.wamid}`));
			const policy = jobId ? await this.redis.hget(`${this.prefix}job:${jobId}`, 'marketingRetry') : null;
			if (policy) {
				const retry = JSON.parse(policy) as MarketingRetry;
				const at = update.at + retry.delayMs;
				late = { at, text: lateMarketingLimitReason(at, retry.timeZone) };
			}
		}
		await this.run(
			RECORD_STATUS_SCRIPT,
			update.wamid,
			update.jobId ?? '',
			update.status,
			update.at,
			update.errorCode ?? '',
			text,
			BROADCAST_RETENTION_MS,
			late?.at ?? '',
			late?.text ?? '',
		);
	}

	async recordReply(jobId: string, reply: { at: number; resposta: string }): Promise<void> {
		await this.run(RECORD_REPLY_SCRIPT, jobId, reply.resposta, reply.at);
	}

	async job(jobId: string): Promise<BroadcastJob | undefined> {
		const hash = await this.redis.hgetall(`${this.prefix}job:${jobId}`);
		return Object.keys(hash).length === 0 ? undefined : jobFromHash(hash);
	}

	async counts(campaign?: string): Promise<QueueCounts> {
		const key = campaign === undefined ? `${this.prefix}counts` : `${this.prefix}counts:${campaign}`;
		const [queued, sending, sent, failed] = await this.redis.hmget(key, 'queued', 'sending', 'sent', 'failed');
		return { queued: Number(queued ?? 0), sending: Number(sending ?? 0), sent: Number(sent ?? 0), failed: Number(failed ?? 0) };
	}

	async pauseCampaign(campaign: string, now: number): Promise<CampaignControlResult> {
		const previous = (await this.run(PAUSE_SCRIPT, campaign, now)) as CampaignState;
		return { campaign, previous, state: previous === 'active' ? 'paused' : previous, cancelled: 0 };
	}

	async resumeCampaign(campaign: string, now: number): Promise<CampaignControlResult> {
		const previous = (await this.run(RESUME_SCRIPT, campaign, now)) as CampaignState;
		return { campaign, previous, state: previous === 'paused' ? 'active' : previous, cancelled: 0 };
	}

	async cancelCampaign(campaign: string, reason: string, now: number): Promise<CampaignControlResult> {
		const [previous, cancelled] = (await this.run(CANCEL_SCRIPT, campaign, reason, now, BROADCAST_RETENTION_MS)) as [CampaignState, number];
		return { campaign, previous, state: 'cancelled', cancelled };
	}

	async campaignState(campaign: string): Promise<CampaignState> {
		return ((await this.redis.hget(`${this.prefix}campaign-state`, campaign)) as CampaignState | null) ?? 'active';
	}

	async controlledCampaigns(): Promise<Array<{ campaign: string; state: Exclude<CampaignState, 'active'> }>> {
		const states = await this.redis.hgetall(`${this.prefix}campaign-state`);
		return Object.entries(states).map(([campaign, state]) => ({ campaign, state: state as Exclude<CampaignState, 'active'> }));
	}

	async campaignProgress(campaign: string, now: number, fallbackRate?: number): Promise<CampaignProgress> {
		const fields = ['queued', 'sending', 'sent', 'failed', 'cancelled', 'delivered', 'read'] as const;
		const values = (await this.redis.hmget(`${this.prefix}counts:${campaign}`, ...fields)).map((value) => Number(value ?? 0));
		const count = Object.fromEntries(fields.map((field, index) => [field, values[index]])) as Record<(typeof fields)[number], number>;
		const buckets = recentBuckets(now);
		const left = await this.redis.mget(...buckets.map((bucket) => `${this.prefix}rate:${campaign}:${bucket}`));
		const rate = recentRate(left.map((value) => Number(value ?? 0)), now);
		const counts = { sent: count.sent, delivered: count.delivered, read: count.read, failed: count.failed, pending: count.queued + count.sending, cancelled: count.cancelled };
		return campaignProgressOf(campaign, await this.campaignState(campaign), counts, rate, fallbackRate);
	}

	async queryLog(filter: LogFilter): Promise<SendLogEntry[]> {
		const index = filter.campaign === undefined ? `${this.prefix}log-by-date` : `${this.prefix}log-campaign:${filter.campaign}`;
		const max = filter.to ?? '+inf';
		const min = filter.from ?? '-inf';
		const limit = logLimit(filter);
		const found: SendLogEntry[] = [];
		for (let offset = 0; found.length < limit; offset += LOG_PAGE) {
			const members = await this.redis.zrevrangebyscore(index, max, min, 'LIMIT', offset, LOG_PAGE);
			const pipeline = this.redis.pipeline();
			for (const member of members) pipeline.hgetall(`${this.prefix}log:${Number(member)}`);
			for (const [error, hash] of (await pipeline.exec()) ?? []) {
				if (error) throw error;
				const fields = hash as Record<string, string>;
				if (Object.keys(fields).length === 0) continue; // expired meanwhile
				const row = rowFromHash(fields);
				if (matchesLogFilter(row, filter) && found.length < limit) found.push(row);
			}
			if (members.length < LOG_PAGE) break;
		}
		return found.map(describedRow);
	}

	async campaignTotals(): Promise<CampaignTotals[]> {
		const totals: CampaignTotals[] = [];
		for (const campaign of await this.redis.zrange(`${this.prefix}campaigns`, 0, -1)) {
			const ids = await this.redis.smembers(`${this.prefix}campaign:${campaign}`);
			if (ids.length === 0) continue; // pruned meanwhile
			const pipeline = this.redis.pipeline();
			for (const id of ids) pipeline.hmget(`${this.prefix}job:${id}`, 'unitPriceBRL', 'createdAt', 'updatedAt', 'state');
			let estimatedCostBRL = 0;
			let createdAt = Infinity;
			let updatedAt = 0;
			for (const [error, fields] of (await pipeline.exec()) ?? []) {
				if (error) throw error;
				const [unitPrice, created, updated, state] = fields as Array<string | null>;
				if (created === null) continue; // pruned meanwhile
				createdAt = Math.min(createdAt, Number(created));
				updatedAt = Math.max(updatedAt, Number(updated));
				if (state !== 'cancelled') estimatedCostBRL += Number(unitPrice ?? 0); // a cancelled job is never sent
			}
			if (createdAt === Infinity) continue;
			totals.push({ campaign, counts: await this.counts(campaign), estimatedCostBRL: roundedBRL(estimatedCostBRL), createdAt, updatedAt });
		}
		return totals.sort(byLastChange);
	}

	async close(): Promise<void> {
		if (this.ownsConnection) await this.redis.quit().catch(() => this.redis.disconnect());
	}

	private async runOnJob(jobId: string, script: LuaCommand, ...args: Array<string | number>): Promise<unknown> {
		const result = await this.run(script, jobId, ...args);
		if (result === -1) throw new Error(`O envio ${jobId} não está na fila de envios.`);
		return result;
	}

	private async run(script: LuaCommand, ...args: Array<string | number>): Promise<unknown> {
		return await runCommand(this.redis, script, this.prefix, ...args);
	}
}

/** The hash fields of a new job (ENQUEUE_SCRIPT adds `updatedAt`). */
function jobFields(job: NewJob, now: number): string[] {
	const fields: Record<string, string | undefined> = {
		id: broadcastJobId(job.campaign, job.recipientKey),
		campaign: job.campaign,
		recipientKey: job.recipientKey,
		clienteId: job.clienteId,
		login: job.login,
		phone: job.phone,
		contato: formatContato(job.phone),
		message: JSON.stringify(job.message),
		category: job.category,
		unitPriceBRL: job.unitPriceBRL === undefined ? undefined : String(job.unitPriceBRL),
		state: 'queued',
		attempts: '0',
		notBefore: String(now),
		createdAt: String(now),
	};
	return Object.entries(fields).flatMap(([field, value]) => (value === undefined ? [] : [field, value]));
}

function pairsToObject(pairs: string[]): Record<string, string> {
	const object: Record<string, string> = {};
	for (let index = 0; index < pairs.length; index += 2) object[pairs[index]] = pairs[index + 1];
	return object;
}

function optionalNumber(value: string | undefined): number | undefined {
	return value === undefined ? undefined : Number(value);
}

/** Drops the keys whose value is undefined (the local backend's records have no such keys). */
function defined<T extends object>(record: T): T {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

function jobFromHash(hash: Record<string, string>): BroadcastJob {
	return defined({
		id: hash.id,
		campaign: hash.campaign,
		recipientKey: hash.recipientKey,
		clienteId: hash.clienteId,
		login: hash.login,
		phone: hash.phone,
		message: JSON.parse(hash.message) as BroadcastJob['message'],
		state: hash.state as JobState,
		attempts: Number(hash.attempts),
		notBefore: Number(hash.notBefore),
		leaseUntil: optionalNumber(hash.leaseUntil),
		inFlightSince: optionalNumber(hash.inFlightSince),
		category: hash.category as TemplateCategory | undefined,
		unitPriceBRL: optionalNumber(hash.unitPriceBRL),
		window24h: hash.window24h as Window24h | undefined,
		marketingRetry: hash.marketingRetry === undefined ? undefined : (JSON.parse(hash.marketingRetry) as MarketingRetry),
		wamid: hash.wamid,
		rescheduledWamid: hash.rescheduledWamid,
		lastError: hash.lastError,
		createdAt: Number(hash.createdAt),
		updatedAt: Number(hash.updatedAt),
	});
}

function rowFromHash(hash: Record<string, string>): SendLogEntry {
	return defined({
		id: Number(hash.id),
		jobId: hash.jobId,
		campaign: hash.campaign,
		clienteId: hash.clienteId,
		tipoComunicacao: 'whatsapp',
		contato: hash.contato,
		dataEnvio: Number(hash.dataEnvio),
		status: hash.status as SendStatus,
		mensagem: hash.mensagem,
		codigoErro: optionalNumber(hash.codigoErro),
		wamid: hash.wamid,
		entrega: hash.entrega as SendLogEntry['entrega'],
		entregaEm: optionalNumber(hash.entregaEm),
		categoria: hash.categoria as TemplateCategory | undefined,
		precoUnitario: optionalNumber(hash.precoUnitario),
		janela24h: hash.janela24h as Window24h | undefined,
		resposta: hash.resposta,
		respondidoEm: optionalNumber(hash.respondidoEm),
	});
}

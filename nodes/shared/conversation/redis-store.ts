import { randomBytes } from 'crypto';
import { EventEmitter } from 'events';
import type { Redis, RedisOptions } from 'ioredis';

import type { InboundMessage, OutboundMessage } from '../channels/types';
import { redisClient, runCommand, type LuaCommand } from '../redis';
import {
	DESK_FEED_SIZE,
	deskChangesAfter,
	isDeskListed,
	type DeskChange,
	type DeskChanges,
	type DeskChangeType,
	type DeskLoginFailures,
	type DeskPassword,
	type DeskPresence,
	type DeskSession,
	type DeskSettings,
} from './desk';
import { checkpointDueAt } from './checkpoint';
import { deadlineDueAt, type DeadlineClaim, type DueDeadlines } from './deadline-schedule';
import { KeyedMutex } from './keyed-mutex';
import { inviteTransition, takeTransition, type Invitation, type InviteResult } from './invitations';
import { migrateConversation } from './migrate';
import { addToBurstTransition, applyTagChanges, decideRoute, isBurstDue, parkOrTakeTransition, type BurstTiming } from './routing';
import {
	contactKey,
	conversationTtlMs,
	DEDUPE_TTL_MS,
	DEFAULT_RETENTION_MS,
	WEBCHAT_FILE_MAX_BYTES,
	WEBCHAT_HISTORY,
	webchatFileTooLarge,
	type Consent,
	type ConversationStore,
	type RouteOptions,
	type WebchatFile,
} from './store';
import type { ChannelRef, Conversation, PendingBurst, RouteDecision, Waiter, WebchatEntry } from './types';

/** Default lease of a `withLock` lock; renewed every third of it while the holder runs. */
const DEFAULT_LOCK_LEASE_MS = 30_000;
/** How often a process waiting for a lock asks again (it also proves it is still alive). */
const LOCK_POLL_MS = 20;
/** A waiter that has not asked for this long (crashed process) loses its place in the queue. */
const LOCK_WAITER_TTL_MS = 2_000;
/** Optimistic commits retried after this many conflicts in a row fail (never seen in practice). */
const MAX_COMMIT_ATTEMPTS = 100;
/** Records read per MGET by `listWaiting` and `listConversations`. */
const LIST_BATCH = 500;
/** Local event that wakes every long poll (subscriber reconnected, store closed). */
const WAKE_ALL = Symbol('wakeAll');
/** Local event of a desk change announced by any process. */
const DESK_CHANGE = Symbol('deskChange');
/** Presence records live a day after their last update. */
const PRESENCE_TTL_MS = 24 * 60 * 60 * 1000;
/** A session's `lastSeenAt` is written at most this often (each desk request touches it). */
const SESSION_TOUCH_EVERY_MS = 60_000;
const CONFLICT = Symbol('conflict');
const FILE_ID_PATTERN = /^[0-9a-f]{32}$/;

/** A script of this store; every call passes the number of keys first (see `runScript`). */
function lua(name: string, source: string): LuaCommand {
	return { name, source };
}

/**
 * Optimistic commit. KEYS[1..n] were read by the caller and held ARGV[2..n+1] ('' = missing); if any
 * changed since, nothing is written and 0 is returned. Every further key comes with a triple
 * (op, value, ttlMs) of ARGV: 'set' writes the value (with PX ttl when ttl > 0, else with no expiry);
 * 'ttlIfValue' sets the key's expiry (removes it when ttl is 0) only if the key holds the value;
 * 'addMember' / 'removeMember' add the value to / remove it from the set at the key; 'extendTtl'
 * makes an expiring key live at least ttl more (a key with no expiry, or missing, is left alone);
 * 'schedule' puts the value in the sorted set at the key with the score in the ttl place, or removes it
 * when that is negative.
 */
const COMMIT_SCRIPT = lua('atendimentoCommit', `
local checked = tonumber(ARGV[1])
for i = 1, checked do
	if (redis.call('GET', KEYS[i]) or '') ~= ARGV[i + 1] then return 0 end
end
local a = checked + 2
for i = checked + 1, #KEYS do
	local op, value, score, ttl = ARGV[a], ARGV[a + 1], ARGV[a + 2], tonumber(ARGV[a + 2])
	a = a + 3
	if op == 'set' then
		if ttl > 0 then redis.call('SET', KEYS[i], value, 'PX', ttl) else redis.call('SET', KEYS[i], value) end
	elseif op == 'delete' then
		redis.call('DEL', KEYS[i])
	elseif op == 'addMember' then
		redis.call('SADD', KEYS[i], value)
	elseif op == 'removeMember' then
		redis.call('SREM', KEYS[i], value)
	elseif op == 'schedule' then
		if ttl < 0 then redis.call('ZREM', KEYS[i], value) else redis.call('ZADD', KEYS[i], score, value) end
	elseif op == 'extendTtl' then
		local left = redis.call('PTTL', KEYS[i])
		if left >= 0 and left < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
	elseif redis.call('GET', KEYS[i]) == value then
		if ttl > 0 then redis.call('PEXPIRE', KEYS[i], ttl) else redis.call('PERSIST', KEYS[i]) end
	end
end
return 1
`);

/**
 * Fair lock acquisition. KEYS: lock, queue (zset token → ticket), alive (zset token → heartbeat
 * deadline), ticket counter. ARGV: token, lease ms, waiter ttl ms. Drops waiters that stopped asking;
 * grants the lock (SET NX PX lease) when it is free and the caller is first in line (or nobody waits);
 * otherwise queues the caller (keeping its ticket) and refreshes its heartbeat. 1 = granted.
 */
const ACQUIRE_SCRIPT = lua('atendimentoAcquireLock', `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, token in ipairs(gone) do
	redis.call('ZREM', KEYS[2], token)
	redis.call('ZREM', KEYS[3], token)
end
local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
if (head == nil or head == ARGV[1]) and redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
	redis.call('ZREM', KEYS[2], ARGV[1])
	redis.call('ZREM', KEYS[3], ARGV[1])
	return 1
end
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
	redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), ARGV[1])
end
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return 0
`);

/** Extends the lease (KEYS[1], ARGV: token, lease ms) only while the caller still owns the lock. */
const RENEW_SCRIPT = lua('atendimentoRenewLock', `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

/** Compare-and-delete: releases the lock (KEYS[1]) only when it is still the caller's (ARGV[1]). */
const RELEASE_SCRIPT = lua('atendimentoReleaseLock', `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * Appends a web chat entry. KEYS: sequence counter, history list, files hash. ARGV: the entry's JSON
 * without `seq` (an object, so it starts with '{'), history size, retention ms, pub/sub channel,
 * session. Numbers the entry with INCR, caps the list, renews the session's keys (its files live as
 * long as its history), and announces the session on the channel.
 */
const APPEND_WEBCHAT_SCRIPT = lua('atendimentoAppendWebchat', `
local seq = redis.call('INCR', KEYS[1])
redis.call('RPUSH', KEYS[2], '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2))
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return seq
`);

/**
 * Counts a failed login. KEYS[1]: the counter; ARGV[1]: window ms. The window opens at the first
 * failure (PEXPIRE then). Returns { count, ms left in the window }.
 */
const COUNT_FAILURE_SCRIPT = lua('atendimentoDeskFailure', `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }
`);

/**
 * Appends a desk change. KEYS: sequence counter, feed list. ARGV: conversation id, type, feed size,
 * pub/sub channel. Numbers it with INCR, caps the feed and announces it. Returns the sequence number.
 */
const PUBLISH_DESK_SCRIPT = lua('atendimentoDeskPublish', `
local seq = redis.call('INCR', KEYS[1])
redis.call('RPUSH', KEYS[2], cjson.encode({ seq = seq, conversationId = ARGV[1], tipo = ARGV[2] }))
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('PUBLISH', ARGV[4], seq)
return seq
`);

/**
 * Claims due deadlines. KEYS[1]: the schedule (sorted set, score = due time, member = conversation id).
 * ARGV: now, lease end, limit. The entries due at `now`, earliest first, move to the lease end (claimed:
 * no other process takes them until then). Returns { ids, score of the earliest entry left or false }.
 */
const CLAIM_DEADLINES_SCRIPT = lua('atendimentoClaimDeadlines', `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { due, first[2] or false }
`);

/** Drops a claimed deadline (KEYS[1]; ARGV: conversation id, lease end) if its entry still holds the lease. */
const RELEASE_DEADLINE_SCRIPT = lua('atendimentoReleaseDeadline', `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0
`);

/** The checked reads and the writes of one optimistic transaction (see COMMIT_SCRIPT). */
class Commit {
	private readonly checks: Array<{ key: string; value: string }> = [];
	private readonly writes: Array<{
		key: string;
		op: 'set' | 'delete' | 'ttlIfValue' | 'addMember' | 'removeMember' | 'extendTtl' | 'schedule';
		value: string;
		ttlMs: number;
	}> = [];

	/** The commit applies only if `key` still holds `readValue` (null = it was missing). */
	check(key: string, readValue: string | null): this {
		this.checks.push({ key, value: readValue ?? '' });
		return this;
	}

	/** Writes `value`; expires after `ttlMs`, or never when 0. */
	set(key: string, value: string, ttlMs: number): this {
		this.writes.push({ key, op: 'set', value, ttlMs });
		return this;
	}

	/** Deletes `key`. */
	delete(key: string): this {
		this.writes.push({ key, op: 'delete', value: '', ttlMs: 0 });
		return this;
	}

	/** Sets the expiry of `key` (removes it when 0) if it holds `value`. */
	ttlIfValue(key: string, value: string, ttlMs: number): this {
		this.writes.push({ key, op: 'ttlIfValue', value, ttlMs });
		return this;
	}

	/** Adds `member` to the set at `key` (present = true) or removes it. */
	member(key: string, member: string, present: boolean): this {
		this.writes.push({ key, op: present ? 'addMember' : 'removeMember', value: member, ttlMs: 0 });
		return this;
	}

	/** Makes `key`, if it expires, live at least `ttlMs` more. */
	extendTtl(key: string, ttlMs: number): this {
		this.writes.push({ key, op: 'extendTtl', value: '', ttlMs });
		return this;
	}

	/** Puts `member` in the sorted set at `key` with score `dueAt`, or removes it (undefined). */
	schedule(key: string, member: string, dueAt: number | undefined): this {
		this.writes.push({ key, op: 'schedule', value: member, ttlMs: dueAt ?? -1 });
		return this;
	}

	get keys(): string[] {
		return [...this.checks.map((check) => check.key), ...this.writes.map((write) => write.key)];
	}

	get args(): Array<string | number> {
		return [
			this.checks.length,
			...this.checks.map((check) => check.value),
			...this.writes.flatMap((write) => [write.op, write.value, write.ttlMs]),
		];
	}
}

export interface RedisStoreOptions {
	/** Prefix of every key and of the pub/sub channel (default `atendimento:`). */
	prefix?: string;
	/** Lease of a `withLock` lock, renewed every third of it while the holder runs (default 30 s). */
	lockLeaseMs?: number;
	/** See DEFAULT_RETENTION_MS. */
	retentionMs?: number;
}

/**
 * Links contact ids (linkContactIds). KEYS[1]: the alias hash; ARGV: the ids, prefixed with their
 * channel. The canonical id is the one of the first id already in the hash, else the first id's
 * (without its prefix, ARGV[#ARGV]); every id not in the hash gets it. Returns the canonical id.
 */
const LINK_CONTACT_SCRIPT = lua('atendimentoLinkContact', `
local canonical = false
for i = 1, #ARGV - 1 do
  canonical = redis.call('HGET', KEYS[1], ARGV[i])
  if canonical then break end
end
if not canonical then canonical = ARGV[#ARGV] end
for i = 1, #ARGV - 1 do redis.call('HSETNX', KEYS[1], ARGV[i], canonical) end
return canonical
`);

const COMMANDS = [
	COMMIT_SCRIPT,
	ACQUIRE_SCRIPT,
	RENEW_SCRIPT,
	RELEASE_SCRIPT,
	APPEND_WEBCHAT_SCRIPT,
	COUNT_FAILURE_SCRIPT,
	PUBLISH_DESK_SCRIPT,
	LINK_CONTACT_SCRIPT,
	CLAIM_DEADLINES_SCRIPT,
	RELEASE_DEADLINE_SCRIPT,
];

/**
 * The store for n8n queue mode: several n8n processes (main, webhook processes, workers) share one
 * Redis. Every transition is atomic across processes:
 *
 * - `routeInbound`, `update`, `parkOrTake`: optimistic transactions. Read with plain GETs, decide in
 *   TypeScript (`decideRoute`, the same routing table as the local store; `migrateConversation` on
 *   read), then commit with one Lua compare-and-set (COMMIT_SCRIPT) that writes only if every key
 *   read still holds what was read; on a conflict, read again and retry. Unlike WATCH, the check
 *   lives in the script, so it does not depend on connection state (shared by concurrent callers of
 *   one client, lost on a reconnect).
 * - `withLock`: a lease lock (SET NX PX with a random token, renewed every third of the lease while
 *   the holder runs, released by a compare-and-delete script) with a queue in Redis, so waiters of
 *   all processes get it in arrival order; within one process, callers queue locally first. A
 *   crashed holder's lock frees itself when the lease runs out; a waiter that stops polling (crashed)
 *   loses its place after LOCK_WAITER_TTL_MS.
 * - "Sem resposta" deadlines: the sorted set `prazos` (score = due time, member = conversation id),
 *   written in the commit of every record (deadline-schedule.ts); `claimDueDeadlines` leases due
 *   entries in one script, so each is fired by one process.
 * - Running steps to check (checkpoint.ts): the sorted set `em-curso`, kept the same way, claimed by
 *   `claimDueCheckpoints`; each process says it is alive in `processo:<id>` (expiring).
 * - Web chat: a capped list plus an INCR sequence per session; long polls wake up through pub/sub.
 *   Files sent to the session live in a hash of their own (not in the list), with the same expiry.
 *
 * Every key expires (consents and contact aliases excepted): a conversation and its contact's pointer after the retention
 * with no change (DEFAULT_RETENTION_MS, ATENDIMENTO_RETENCAO_DIAS), a web chat session (history,
 * files, tags) after the retention with no new message, dedupe marks after a day.
 * Not for Redis Cluster (a transition spans keys of several hash slots).
 */
export class RedisConversationStore implements ConversationStore {
	private readonly redis: Redis;
	/** Connections this store opened (closed by `close`); a client passed in is left open. */
	private readonly ownConnections: Redis[] = [];
	private readonly prefix: string;
	private readonly lockLeaseMs: number;
	private readonly retentionMs: number;
	private readonly localLocks = new KeyedMutex();
	private readonly renewals = new Set<NodeJS.Timeout>();
	private readonly webchatEvents = new EventEmitter();
	private subscribed?: Promise<void>;
	private secret?: string;
	private closed = false;
	/** Schedule entries added for waiting records written without one (before the schedule existed), once per store. */
	private deadlinesBackfilled?: Promise<void>;

	/** `connection`: an ioredis client (left open by `close`), or a URL / options to open one. */
	constructor(connection: Redis | RedisOptions | string, options: RedisStoreOptions = {}) {
		const { client, owned } = redisClient(connection, COMMANDS);
		this.redis = client;
		if (owned) this.ownConnections.push(client);
		this.prefix = options.prefix ?? 'atendimento:';
		this.lockLeaseMs = options.lockLeaseMs ?? DEFAULT_LOCK_LEASE_MS;
		this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
		this.webchatEvents.setMaxListeners(0);
	}

	async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
		// One caller per key and process goes to Redis at a time, in arrival order.
		return await this.localLocks.run(key, async () => {
			const lockKey = this.key('lock', key);
			const token = randomBytes(16).toString('hex');
			await this.acquireLock(key, token);
			const renewal = setInterval(() => {
				this.runScript(RENEW_SCRIPT, [lockKey], [token, this.lockLeaseMs]).then(
					(owned) => {
						if (owned === 0) this.stopRenewal(renewal); // lease lost (process stalled past it)
					},
					() => undefined, // Redis unreachable: try again at the next tick
				);
			}, Math.max(1, Math.floor(this.lockLeaseMs / 3)));
			renewal.unref();
			this.renewals.add(renewal);
			try {
				return await fn();
			} finally {
				this.stopRenewal(renewal);
				// If Redis cannot be reached the lease expires by itself; fn's outcome stands.
				await this.runScript(RELEASE_SCRIPT, [lockKey], [token]).catch(() => undefined);
			}
		});
	}

	async currentOf(channel: Pick<ChannelRef, 'type' | 'accountId'>, contactId: string): Promise<Conversation | undefined> {
		const id = await this.redis.get(this.key('contact', contactKey(channel, contactId)));
		return id ? await this.get(id) : undefined;
	}

	async routeInbound(channel: ChannelRef, message: InboundMessage, options: RouteOptions): Promise<RouteDecision> {
		const seenKey = this.key('seen', `${channel.type}:${channel.accountId}:${message.messageId}`);
		const pointerKey = this.key('contact', contactKey(channel, message.contactId));
		return await this.retryOnConflict(async () => {
			const [currentId, seen] = await this.redis.mget(pointerKey, seenKey);
			if (seen !== null && !options.skipDedupe) return { action: 'duplicate' } as const;
			const raw = currentId ? await this.redis.get(this.conversationKey(currentId)) : null;
			const current = raw === null ? undefined : parseConversation(raw);
			// Consent changes under the contact's lock (/bloquear) or just before the conversation ends (Opt-in).
			const blocked = (await this.consentOf(channel.type, message.contactId)) === 'out';
			const { decision, store, ended } = decideRoute(current, channel, message, options, blocked);

			// The message is marked seen in the same commit that routes it: both or neither.
			const commit = new Commit().check(pointerKey, currentId).check(seenKey, seen).set(seenKey, '1', DEDUPE_TTL_MS);
			if (currentId) commit.check(this.conversationKey(currentId), raw);
			if (ended) this.setConversation(commit, ended);
			if (store) {
				// The pointer first: setConversation gives it the conversation's expiry.
				if (store.id !== currentId) commit.set(pointerKey, store.id, 0);
				this.setConversation(commit, store);
			}
			return (await this.commit(commit)) ? decision : CONFLICT;
		});
	}

	async get(conversationId: string): Promise<Conversation | undefined> {
		const raw = await this.redis.get(this.conversationKey(conversationId));
		return raw === null ? undefined : parseConversation(raw);
	}

	async update(conversationId: string, mutate: (conversation: Conversation) => void): Promise<Conversation | undefined> {
		const key = this.conversationKey(conversationId);
		return await this.retryOnConflict(async () => {
			const raw = await this.redis.get(key);
			if (raw === null) return undefined;
			const next = parseConversation(raw);
			mutate(next);
			next.updatedAt = Date.now();
			const commit = new Commit().check(key, raw);
			this.setConversation(commit, next);
			return (await this.commit(commit)) ? next : CONFLICT;
		});
	}

	async parkOrTake(conversationId: string, waiter: Waiter): Promise<InboundMessage | undefined> {
		let taken: InboundMessage | undefined;
		await this.update(conversationId, (conversation) => {
			taken = parkOrTakeTransition(conversation, waiter); // reassigned on every retry
		});
		return taken;
	}

	async addToBurst(channel: ChannelRef, message: InboundMessage, timing: BurstTiming): Promise<PendingBurst | 'duplicate'> {
		const seenKey = this.key('seen', `${channel.type}:${channel.accountId}:${message.messageId}`);
		const key = contactKey(channel, message.contactId);
		const burstKey = this.key('burst', key);
		return await this.retryOnConflict(async () => {
			const [raw, seen] = await this.redis.mget(burstKey, seenKey);
			if (seen !== null) return 'duplicate' as const;
			const burst = addToBurstTransition(raw ? (JSON.parse(raw) as PendingBurst) : undefined, key, channel, message, timing);
			const commit = new Commit()
				.check(burstKey, raw)
				.check(seenKey, seen)
				.set(seenKey, '1', DEDUPE_TTL_MS)
				.set(burstKey, JSON.stringify(burst), 0)
				.member(this.key('bursts'), key, true);
			return (await this.commit(commit)) ? burst : CONFLICT;
		});
	}

	async takeBurst(key: string, now?: number): Promise<PendingBurst | undefined> {
		const burstKey = this.key('burst', key);
		return await this.retryOnConflict(async () => {
			const raw = await this.redis.get(burstKey);
			if (!raw) return undefined;
			const burst = JSON.parse(raw) as PendingBurst;
			if (!isBurstDue(burst, now)) return undefined;
			const commit = new Commit().check(burstKey, raw).delete(burstKey).member(this.key('bursts'), key, false);
			return (await this.commit(commit)) ? burst : CONFLICT;
		});
	}

	async listBursts(): Promise<PendingBurst[]> {
		const keys = await this.redis.smembers(this.key('bursts'));
		if (keys.length === 0) return [];
		const raws = await this.redis.mget(keys.map((key) => this.key('burst', key)));
		return raws.filter((raw): raw is string => Boolean(raw)).map((raw) => JSON.parse(raw) as PendingBurst);
	}

	async listWaiting(): Promise<Conversation[]> {
		return await this.listIndexed(this.key('waiting'), isWaiting);
	}

	async claimDueDeadlines(now: number, leaseMs: number, limit: number): Promise<DueDeadlines> {
		this.deadlinesBackfilled ??= this.backfillDeadlines().catch((error: unknown) => {
			this.deadlinesBackfilled = undefined;
			throw error;
		});
		await this.deadlinesBackfilled;
		return await this.claimDue('prazos', now, leaseMs, limit);
	}

	async releaseDeadline(claim: DeadlineClaim): Promise<void> {
		await this.releaseClaim('prazos', claim);
	}

	async claimDueCheckpoints(now: number, leaseMs: number, limit: number): Promise<DueDeadlines> {
		return await this.claimDue('em-curso', now, leaseMs, limit);
	}

	async releaseCheckpoint(claim: DeadlineClaim): Promise<void> {
		await this.releaseClaim('em-curso', claim);
	}

	/** Leases up to `limit` entries of schedule `schedule` (a sorted set by due time) that are due at `now`. */
	private async claimDue(schedule: 'prazos' | 'em-curso', now: number, leaseMs: number, limit: number): Promise<DueDeadlines> {
		const [ids, first] = (await this.runScript(CLAIM_DEADLINES_SCRIPT, [this.key(schedule)], [now, now + leaseMs, limit])) as [string[], string | null];
		return { claimed: ids.map((conversationId) => ({ conversationId, leaseUntil: now + leaseMs })), nextDueAt: first === null ? undefined : Number(first) };
	}

	/** Drops a claimed entry of schedule `schedule` if it still holds the claim's lease. */
	private async releaseClaim(schedule: 'prazos' | 'em-curso', claim: DeadlineClaim): Promise<void> {
		await this.runScript(RELEASE_DEADLINE_SCRIPT, [this.key(schedule)], [claim.conversationId, claim.leaseUntil]);
	}

	async markProcessAlive(processId: string, ttlMs: number): Promise<void> {
		await this.redis.set(this.key('processo', processId), String(Date.now()), 'PX', ttlMs);
	}

	async isProcessAlive(processId: string): Promise<boolean> {
		return (await this.redis.exists(this.key('processo', processId))) === 1;
	}

	/**
	 * Schedules the deadlines of waiting conversations that have no entry (records written by a version
	 * without the schedule); an entry present (maybe leased) is left as it is.
	 */
	private async backfillDeadlines(): Promise<void> {
		const pipeline = this.redis.pipeline();
		for (const conversation of await this.listWaiting()) {
			const dueAt = deadlineDueAt(conversation);
			if (dueAt !== undefined) pipeline.zadd(this.key('prazos'), 'NX', dueAt, conversation.id);
		}
		if (pipeline.length === 0) return;
		const failed = ((await pipeline.exec()) ?? []).find(([error]) => error);
		if (failed?.[0]) throw failed[0];
	}

	/**
	 * The live conversations of an index set (ids) that pass `keep`, read with MGET in batches. Ids whose
	 * record expired are dropped from the set: conversation ids are never reused, so they will not come back.
	 */
	private async listIndexed(setKey: string, keep: (conversation: Conversation) => boolean): Promise<Conversation[]> {
		const ids = await this.redis.smembers(setKey);
		const found: Conversation[] = [];
		const expired: string[] = [];
		for (let start = 0; start < ids.length; start += LIST_BATCH) {
			const batch = ids.slice(start, start + LIST_BATCH);
			const raws = await this.redis.mget(batch.map((id) => this.conversationKey(id)));
			raws.forEach((raw, index) => {
				if (raw === null) expired.push(batch[index]);
				else {
					const conversation = parseConversation(raw);
					if (keep(conversation)) found.push(conversation);
				}
			});
		}
		if (expired.length > 0) await this.redis.srem(setKey, ...expired);
		return found;
	}

	/** SCANs the conversation keys (no index needed: reports are rare), reading them with MGET in batches. */
	async listConversations(since: number): Promise<Conversation[]> {
		const found: Conversation[] = [];
		const pattern = `${escapeGlob(this.conversationKey(''))}*`;
		let cursor = '0';
		do {
			const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', LIST_BATCH);
			cursor = next;
			for (let start = 0; start < keys.length; start += LIST_BATCH) {
				const raws = await this.redis.mget(keys.slice(start, start + LIST_BATCH));
				for (const raw of raws) {
					if (raw === null) continue; // expired between SCAN and MGET
					const conversation = parseConversation(raw);
					if (conversation.createdAt >= since) found.push(conversation);
				}
			}
		} while (cursor !== '0');
		// SCAN may return a key more than once.
		return [...new Map(found.map((conversation) => [conversation.id, conversation])).values()];
	}

	async appendWebchat(accountId: string, sessionId: string, from: WebchatEntry['from'], message: OutboundMessage): Promise<number> {
		const session = `${accountId}:${sessionId}`;
		const entry: Omit<WebchatEntry, 'seq'> = { at: Date.now(), from, message };
		const seq = await this.runScript(
			APPEND_WEBCHAT_SCRIPT,
			[this.key('webchat-seq', session), this.key('webchat', session), this.key('webchat-files', session)],
			[JSON.stringify(entry), WEBCHAT_HISTORY, this.retentionMs, this.webchatChannel(), session],
		);
		return Number(seq);
	}

	/** Fields `<id>` (JSON: mimeType, fileName, size) and `<id>:data` (the bytes) of the session's files hash. */
	async putWebchatFile(accountId: string, sessionId: string, file: WebchatFile): Promise<string> {
		if (file.data.length > WEBCHAT_FILE_MAX_BYTES) throw webchatFileTooLarge(file.data.length, WEBCHAT_FILE_MAX_BYTES);
		const id = randomBytes(16).toString('hex');
		const key = this.key('webchat-files', `${accountId}:${sessionId}`);
		const meta = JSON.stringify({ mimeType: file.mimeType, fileName: file.fileName, size: file.data.length });
		const results = (await this.redis.multi().hset(key, id, meta, `${id}:data`, file.data).pexpire(key, this.retentionMs).exec()) ?? [];
		const failed = results.find(([error]) => error);
		if (failed?.[0]) throw failed[0];
		return id;
	}

	async getWebchatFile(accountId: string, sessionId: string, fileId: string): Promise<WebchatFile | undefined> {
		if (!FILE_ID_PATTERN.test(fileId)) return undefined;
		const key = this.key('webchat-files', `${accountId}:${sessionId}`);
		const [meta, data] = await Promise.all([this.redis.hget(key, fileId), this.redis.hgetBuffer(key, `${fileId}:data`)]);
		if (meta === null || data === null) return undefined;
		const { mimeType, fileName } = JSON.parse(meta) as { mimeType: string; fileName?: string };
		return { data, mimeType, ...(fileName ? { fileName } : {}) };
	}

	/**
	 * Long polling through pub/sub: the waiter subscribes (one subscriber connection per store, opened
	 * on the first long poll) before it reads, so an entry appended by any process in between wakes it.
	 */
	async readWebchat(accountId: string, sessionId: string, after: number, waitMs: number): Promise<WebchatEntry[]> {
		const session = `${accountId}:${sessionId}`;
		const listKey = this.key('webchat', session);
		const read = async () =>
			(await this.redis.lrange(listKey, 0, -1)).map((raw) => JSON.parse(raw) as WebchatEntry).filter((entry) => entry.seq > after);
		const deadline = Date.now() + waitMs;
		for (;;) {
			const remaining = deadline - Date.now();
			if (remaining <= 0 || this.closed) return await read();
			const wake = await this.webchatWake(session, remaining);
			try {
				const entries = await read();
				if (entries.length > 0) return entries;
				await wake.fired;
			} finally {
				wake.cancel();
			}
			if (this.closed) return [];
		}
	}

	async updateContactTags(channelType: string, contactId: string, add: string[], remove: string[]): Promise<string[]> {
		const key = this.key('contacttags', `${channelType}:${contactId}`);
		const added = applyTagChanges([], add, remove);
		const removed = remove.map((tag) => tag.trim()).filter(Boolean);
		const pipeline = this.redis.multi();
		if (added.length > 0) pipeline.sadd(key, ...added);
		if (removed.length > 0) pipeline.srem(key, ...removed);
		// Web chat tags follow the session (see setConversation); WhatsApp and Telegram tags are kept.
		if (channelType === 'webchat') pipeline.pexpire(key, this.retentionMs);
		pipeline.smembers(key);
		const results = (await pipeline.exec()) ?? [];
		return ((results.at(-1)?.[1] as string[] | undefined) ?? []).sort();
	}

	async contactTags(channelType: string, contactId: string): Promise<string[]> {
		return (await this.redis.smembers(this.key('contacttags', `${channelType}:${contactId}`))).sort();
	}

	async inviteContact(key: string, invitation: Invitation, intervalMs: number): Promise<InviteResult> {
		const redisKey = this.key('invite', key);
		return await this.retryOnConflict(async () => {
			const raw = await this.redis.get(redisKey);
			const { result, write } = inviteTransition(raw === null ? undefined : (JSON.parse(raw) as Invitation), invitation, intervalMs);
			if (!write) return result;
			const ttlMs = Math.max(1, Math.max(write.validUntil, write.sentAt + intervalMs) - Date.now());
			return (await this.commit(new Commit().check(redisKey, raw).set(redisKey, JSON.stringify(write), ttlMs))) ? result : CONFLICT;
		});
	}

	async cancelInvitation(key: string, sentAt: number): Promise<void> {
		const redisKey = this.key('invite', key);
		await this.retryOnConflict(async () => {
			const raw = await this.redis.get(redisKey);
			if (raw === null || (JSON.parse(raw) as Invitation).sentAt !== sentAt) return undefined;
			return (await this.commit(new Commit().check(redisKey, raw).delete(redisKey))) ? undefined : CONFLICT;
		});
	}

	async takeInvitation(key: string, now: number): Promise<Invitation | undefined> {
		const redisKey = this.key('invite', key);
		return await this.retryOnConflict(async () => {
			const raw = await this.redis.get(redisKey);
			const { taken, write } = takeTransition(raw === null ? undefined : (JSON.parse(raw) as Invitation), now);
			if (!write) return taken;
			const ttlMs = await this.redis.pttl(redisKey);
			// the taken record keeps counting for the interval until the key's own expiry
			return (await this.commit(new Commit().check(redisKey, raw).set(redisKey, JSON.stringify(write), Math.max(1, ttlMs)))) ? taken : CONFLICT;
		});
	}

	async setConsent(channelType: string, contactId: string, consent: Consent): Promise<void> {
		await this.redis.hset(this.key('consent'), `${channelType}:${contactId}`, consent);
	}

	async consentOf(channelType: string, contactId: string): Promise<Consent | undefined> {
		const consent = await this.redis.hget(this.key('consent'), `${channelType}:${contactId}`);
		return consent === 'in' || consent === 'out' ? consent : undefined;
	}

	async linkContactIds(channelType: string, ids: string[]): Promise<string> {
		const keys = ids.map((id) => `${channelType}:${id}`);
		return String(await this.runScript(LINK_CONTACT_SCRIPT, [this.key('alias')], [...keys, ids[0]]));
	}

	async canonicalContactId(channelType: string, id: string): Promise<string | undefined> {
		return (await this.redis.hget(this.key('alias'), `${channelType}:${id}`)) ?? undefined;
	}

	async internalSecret(): Promise<string> {
		if (!this.secret) {
			const key = this.key('secret');
			await this.redis.set(key, randomBytes(32).toString('hex'), 'NX');
			const secret = await this.redis.get(key);
			if (!secret) throw new Error(`A chave ${key} do Redis foi apagada enquanto era criada; tente de novo.`);
			this.secret = secret;
		}
		return this.secret;
	}

	async putDeskSession(key: string, session: DeskSession): Promise<void> {
		await this.setDesk(`session:${key}`, session, session.expiresAt - Date.now());
	}

	async touchDeskSession(key: string, now: number, idleMs: number): Promise<DeskSession | undefined> {
		const session = await this.getDesk<DeskSession>(`session:${key}`);
		if (!session) return undefined;
		if (session.expiresAt <= now || now - session.lastSeenAt > idleMs) {
			await this.deleteDeskSession(key);
			return undefined;
		}
		const touched = { ...session, lastSeenAt: now };
		if (now - session.lastSeenAt >= SESSION_TOUCH_EVERY_MS) await this.setDesk(`session:${key}`, touched, session.expiresAt - now);
		return touched;
	}

	async deleteDeskSession(key: string): Promise<void> {
		await this.redis.del(this.key('desk', `session:${key}`));
	}

	async countDeskLoginFailure(keys: string[], windowMs: number): Promise<DeskLoginFailures[]> {
		const now = Date.now();
		const counts: DeskLoginFailures[] = [];
		for (const key of keys) {
			const [count, left] = (await this.runScript(COUNT_FAILURE_SCRIPT, [this.key('desk', `fail:${key}`)], [windowMs])) as [number, number];
			counts.push({ count: Number(count), resetAt: now + Math.max(0, Number(left)) });
		}
		return counts;
	}

	async deskLoginFailures(keys: string[]): Promise<DeskLoginFailures[]> {
		const now = Date.now();
		return await Promise.all(
			keys.map(async (key) => {
				const redisKey = this.key('desk', `fail:${key}`);
				const [count, left] = await Promise.all([this.redis.get(redisKey), this.redis.pttl(redisKey)]);
				return count === null ? { count: 0, resetAt: 0 } : { count: Number(count), resetAt: now + Math.max(0, left) };
			}),
		);
	}

	async clearDeskLoginFailures(keys: string[]): Promise<void> {
		if (keys.length > 0) await this.redis.del(...keys.map((key) => this.key('desk', `fail:${key}`)));
	}

	async setDeskPresence(key: string, presence: DeskPresence): Promise<void> {
		await this.setDesk(`presence:${key}`, presence, PRESENCE_TTL_MS);
	}

	async deskPresence(keys: string[]): Promise<Array<DeskPresence | undefined>> {
		if (keys.length === 0) return [];
		const raws = await this.redis.mget(keys.map((key) => this.key('desk', `presence:${key}`)));
		return raws.map((raw) => (raw === null ? undefined : (JSON.parse(raw) as DeskPresence)));
	}

	async setDeskPassword(key: string, password: DeskPassword): Promise<void> {
		await this.setDesk(`password:${key}`, password, 0);
	}

	async deskPassword(key: string): Promise<DeskPassword | undefined> {
		return await this.getDesk<DeskPassword>(`password:${key}`);
	}

	async setDeskSettings(settings: DeskSettings): Promise<void> {
		await this.setDesk('settings', settings, 0);
	}

	async deskSettings(): Promise<DeskSettings | undefined> {
		return await this.getDesk<DeskSettings>('settings');
	}

	async publishDeskChange(conversationId: string, tipo: DeskChangeType): Promise<number> {
		const seq = await this.runScript(
			PUBLISH_DESK_SCRIPT,
			[this.key('desk-seq'), this.key('desk-feed')],
			[conversationId, tipo, DESK_FEED_SIZE, this.deskChannel()],
		);
		return Number(seq);
	}

	/** Long polling through pub/sub, like readWebchat: subscribed before reading, so no change is missed. */
	async waitForDeskChanges(after: number, waitMs: number): Promise<DeskChanges> {
		const read = async (): Promise<DeskChanges> => {
			const [cursor, raws] = await Promise.all([this.redis.get(this.key('desk-seq')), this.redis.lrange(this.key('desk-feed'), 0, -1)]);
			return deskChangesAfter(raws.map((raw) => JSON.parse(raw) as DeskChange), Number(cursor ?? 0), after);
		};
		const deadline = Date.now() + waitMs;
		for (;;) {
			const remaining = deadline - Date.now();
			if (remaining <= 0 || this.closed) return await read();
			const wake = await this.wakeOn(DESK_CHANGE, remaining);
			try {
				const found = await read();
				if (found.changes.length > 0 || found.reset) return found;
				await wake.fired;
			} finally {
				wake.cancel();
			}
		}
	}

	async listDeskConversations(endedSince: number): Promise<Conversation[]> {
		return await this.listIndexed(this.key('desk-conversations'), (conversation) => isDeskListed(conversation, endedSince));
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const renewal of this.renewals) clearInterval(renewal);
		this.renewals.clear();
		this.webchatEvents.emit(WAKE_ALL);
		await Promise.all(this.ownConnections.map(async (connection) => await connection.quit().catch(() => connection.disconnect())));
	}

	private key(kind: string, id?: string): string {
		return id === undefined ? `${this.prefix}${kind}` : `${this.prefix}${kind}:${id}`;
	}

	private conversationKey(conversationId: string): string {
		return this.key('conv', conversationId);
	}

	private webchatChannel(): string {
		return this.key('webchat-events');
	}

	private deskChannel(): string {
		return this.key('desk-events');
	}

	private async getDesk<T>(key: string): Promise<T | undefined> {
		const raw = await this.redis.get(this.key('desk', key));
		return raw === null ? undefined : (JSON.parse(raw) as T);
	}

	/** Writes a desk record for `ttlMs` (0 = no expiry; a negative one, already past, deletes it). */
	private async setDesk(key: string, value: unknown, ttlMs: number): Promise<void> {
		const redisKey = this.key('desk', key);
		if (ttlMs < 0) await this.redis.del(redisKey);
		else if (ttlMs === 0) await this.redis.set(redisKey, JSON.stringify(value));
		else await this.redis.set(redisKey, JSON.stringify(value), 'PX', Math.ceil(ttlMs));
	}

	/**
	 * Writes a record, which expires (and its contact's pointer, if it still points at it, and a web
	 * chat session's tags) after `conversationTtlMs`; the set of waiting conversations follows the
	 * record's state.
	 */
	private setConversation(commit: Commit, conversation: Conversation): void {
		const ttlMs = conversationTtlMs(conversation, Date.now(), this.retentionMs);
		commit.set(this.conversationKey(conversation.id), JSON.stringify(conversation), ttlMs);
		commit.ttlIfValue(this.key('contact', contactKey(conversation.channel, conversation.contact.id)), conversation.id, ttlMs);
		commit.member(this.key('waiting'), conversation.id, isWaiting(conversation));
		commit.schedule(this.key('prazos'), conversation.id, deadlineDueAt(conversation));
		commit.schedule(this.key('em-curso'), conversation.id, checkpointDueAt(conversation));
		// Members whose record expired are dropped by listDeskConversations.
		if (conversation.desk === 'painel') commit.member(this.key('desk-conversations'), conversation.id, true);
		if (conversation.channel.type === 'webchat') commit.extendTtl(this.key('contacttags', `webchat:${conversation.contact.id}`), ttlMs);
	}

	private async commit(commit: Commit): Promise<boolean> {
		return (await this.runScript(COMMIT_SCRIPT, commit.keys, commit.args)) === 1;
	}

	/** Runs `attempt` until it commits (returns something other than CONFLICT), with jittered backoff. */
	private async retryOnConflict<T>(attempt: () => Promise<T | typeof CONFLICT>): Promise<T> {
		for (let attempts = 0; attempts < MAX_COMMIT_ATTEMPTS; attempts++) {
			const result = await attempt();
			if (result !== CONFLICT) return result;
			await sleep(Math.random() * Math.min(2 ** attempts, 50));
		}
		throw new Error(`Conflito persistente no Redis: ${MAX_COMMIT_ATTEMPTS} tentativas concorrentes na mesma conversa.`);
	}

	private async runScript(script: LuaCommand, keys: string[], args: Array<string | number>): Promise<unknown> {
		return await runCommand(this.redis, script, keys.length, ...keys, ...args);
	}

	private async acquireLock(key: string, token: string): Promise<void> {
		const keys = [this.key('lock', key), this.key('lock-queue', key), this.key('lock-alive', key), this.key('lock-ticket')];
		for (;;) {
			if (this.closed) throw new Error('O armazenamento do atendimento foi fechado.');
			if ((await this.runScript(ACQUIRE_SCRIPT, keys, [token, this.lockLeaseMs, LOCK_WAITER_TTL_MS])) === 1) return;
			await sleep(LOCK_POLL_MS);
		}
	}

	private stopRenewal(renewal: NodeJS.Timeout): void {
		clearInterval(renewal);
		this.renewals.delete(renewal);
	}

	/** Resolves `fired` on the next entry of `session` (any process) or after `ms`. */
	private async webchatWake(session: string, ms: number): Promise<{ fired: Promise<void>; cancel: () => void }> {
		return await this.wakeOn(session, ms);
	}

	/** Resolves `fired` on the next local `event` (a session's entry, a desk change) or after `ms`. */
	private async wakeOn(session: string | symbol, ms: number): Promise<{ fired: Promise<void>; cancel: () => void }> {
		await this.subscribe();
		let cancel!: () => void;
		const fired = new Promise<void>((resolve) => {
			const timer = setTimeout(() => cancel(), ms);
			cancel = () => {
				clearTimeout(timer);
				this.webchatEvents.off(session, cancel);
				this.webchatEvents.off(WAKE_ALL, cancel);
				resolve();
			};
			this.webchatEvents.on(session, cancel);
			this.webchatEvents.on(WAKE_ALL, cancel);
		});
		return { fired, cancel };
	}

	private async subscribe(): Promise<void> {
		this.subscribed ??= (async () => {
			const subscriber = this.redis.duplicate();
			this.ownConnections.push(subscriber);
			const deskChannel = this.deskChannel();
			subscriber.on('message', (channel: string, session: string) => this.webchatEvents.emit(channel === deskChannel ? DESK_CHANGE : session));
			// After a reconnect, announcements sent meanwhile are lost: every waiter reads again.
			subscriber.on('ready', () => this.webchatEvents.emit(WAKE_ALL));
			try {
				await subscriber.subscribe(this.webchatChannel(), this.deskChannel());
			} catch (error) {
				this.subscribed = undefined;
				this.ownConnections.splice(this.ownConnections.indexOf(subscriber), 1);
				subscriber.disconnect();
				throw error;
			}
		})();
		await this.subscribed;
	}
}

function isWaiting(conversation: Conversation): boolean {
	return conversation.state === 'waiting' && conversation.waiter !== undefined;
}

/** `text` matched literally by a SCAN MATCH pattern (a key prefix may hold glob characters). */
function escapeGlob(text: string): string {
	return text.replace(/[*?[\]\\]/g, '\\$&');
}

function parseConversation(raw: string): Conversation {
	return migrateConversation(JSON.parse(raw) as Record<string, unknown>);
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

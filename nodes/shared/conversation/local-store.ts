import { randomBytes } from 'crypto';
import { EventEmitter } from 'events';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import type { InboundMessage, OutboundMessage } from '../channels/types';
import { Journal, RawLine, type LinePosition } from '../journal';
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
import { checkpointDueAt, PROCESS_ID } from './checkpoint';
import { DeadlineSchedule, deadlineDueAt, type DeadlineClaim, type DueDeadlines } from './deadline-schedule';
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

/** Default total size of the web chat files kept on disk (ATENDIMENTO_ARQUIVOS_MAX_MB). */
export const DEFAULT_FILES_MAX_BYTES = 500 * 1024 * 1024;
/** Ended conversations read back from the journal kept in memory (the most recently used). */
export const ENDED_CACHE_SIZE = 256;
/** Dedupe marks kept at most (the oldest go first; they also expire after DEDUPE_TTL_MS). */
export const DEDUPE_MAX_MARKS = 100_000;
/** Longest time between two sweeps of expired records (a sweep runs on the next write after it). */
const SWEEP_EVERY_MS = 60_000;
const FILE_ID_PATTERN = /^[0-9a-f]{32}$/;

/** `exp`: when the record expires (epoch ms); lines written before expiry existed have none. */
type JournalLine =
	| { t: 'conv'; v: Conversation; exp?: number }
	| { t: 'cur'; k: string; id: string | null }
	| { t: 'dedupe'; k: string; exp: number }
	| { t: 'web'; k: string; e: WebchatEntry; exp?: number }
	| { t: 'file'; id: string; k: string; m: string; n?: string; s: number; exp: number }
	| { t: 'opt'; k: string; v: Consent }
	/** A contact id (`<channel>:<id>`) and the canonical id it is an alias of. */
	| { t: 'alias'; k: string; v: string }
	| { t: 'tags'; k: string; v: string[]; exp?: number }
	| { t: 'burst'; k: string; v: PendingBurst | null }
	| { t: 'secret'; v: string }
	/** A desk record (session, login failures, presence, password, settings); `v: null` deletes it. */
	| { t: 'desk'; k: string; v: unknown; exp?: number }
	/** A WhatsApp invitation (Migrar para WhatsApp) under its `invitationKey`; `v: null` deletes it. */
	| { t: 'invite'; k: string; v: Invitation | null; exp?: number };

/** A desk record in memory; `exp` undefined = never expires. */
interface DeskRecord {
	v: unknown;
	exp?: number;
}

/** Presence records live a day after their last update. */
const PRESENCE_TTL_MS = 24 * 60 * 60 * 1000;
/** A session's `lastSeenAt` is written at most this often (each desk request touches it). */
const SESSION_TOUCH_EVERY_MS = 60_000;

interface StoredConversation {
	conversation: Conversation;
	expiresAt: number;
}

/**
 * An ended conversation, kept on disk only: where its latest journal line is, and what the sweep and
 * the lists need without reading it.
 */
interface EndedConversation extends LinePosition {
	expiresAt: number;
	createdAt: number;
	/** For the Painel's list (isDeskListed): when it left the Painel; undefined when it was never there. */
	deskEndedAt?: number;
}

interface WebchatSession {
	entries: WebchatEntry[];
	expiresAt: number;
}

/** A web chat file on disk (`<folder>/arquivos/<id>`); it lives as long as its session's history. */
interface StoredFile {
	session: string;
	mimeType: string;
	fileName?: string;
	size: number;
	expiresAt: number;
}

interface ContactTags {
	tags: string[];
	/** Web chat tags only: they follow the session. */
	expiresAt?: number;
}

export interface LocalStoreOptions {
	/** See DEFAULT_RETENTION_MS. */
	retentionMs?: number;
	/** Total size of the web chat files on disk: beyond it the oldest files are deleted. */
	filesMaxBytes?: number;
	/** Largest single web chat file (default WEBCHAT_FILE_MAX_BYTES). */
	fileMaxBytes?: number;
	/** The clock of expiry and record timestamps (tests move it forward). */
	now?: () => number;
	/** Journal lines before a compaction is considered (tests). */
	compactAfterLines?: number;
	/** See ENDED_CACHE_SIZE (tests: 0 reads every ended conversation from disk). */
	endedCacheSize?: number;
	/** See DEDUPE_MAX_MARKS. */
	dedupeMaxMarks?: number;
}

/**
 * The default store: state in memory, every change appended to a journal file (`conversas.jsonl`,
 * JSON lines) that is replayed at start-up and compacted when it grows, so conversations survive an
 * n8n restart. For one n8n process (regular mode).
 *
 * Only conversations that have not ended are kept whole in memory: an ended one (kept for the
 * retention period) is a position in the journal plus a few numbers, read back from disk on demand,
 * with the last ENDED_CACHE_SIZE read kept in memory.
 *
 * Bounded like the Redis store: a conversation with no change for the retention period is dropped
 * with its contact's pointer, a web chat session (history, files, tags) with no new message for it
 * too, and dedupe marks after a day (and beyond DEDUPE_MAX_MARKS, the oldest). Expired records are swept from memory on a write at most a
 * minute after they expire (reads already ignore them) and left out of the next compaction. Web chat
 * files live on disk under `arquivos/`, not in the journal, within a total size (oldest out first).
 */
export class LocalConversationStore implements ConversationStore {
	/** Conversations that have not ended; an id is here or in `ended`, never in both. */
	private readonly conversations = new Map<string, StoredConversation>();
	/** "Sem resposta" deadlines, kept with every stored record (so rebuilt by the journal replay). */
	private readonly deadlines = new DeadlineSchedule();
	/** Running steps to check (checkpoint.ts), kept the same way. */
	private readonly checkpoints = new DeadlineSchedule();
	private readonly ended = new Map<string, EndedConversation>();
	/** Ended conversations read back from disk, least recently used first. */
	private readonly endedCache = new Map<string, Conversation>();
	private readonly currentByContact = new Map<string, string>();
	private readonly seenMessages = new Map<string, number>();
	private readonly webchat = new Map<string, WebchatSession>();
	/** Web chat entries in `webchat` (kept up to date: the compaction check runs on every write). */
	private webchatEntries = 0;
	/** In the order they were stored: the first is the oldest. */
	private readonly files = new Map<string, StoredFile>();
	private filesBytes = 0;
	private readonly consents = new Map<string, Consent>();
	private readonly aliases = new Map<string, string>();
	private readonly tagsByContact = new Map<string, ContactTags>();
	private readonly bursts = new Map<string, PendingBurst>();
	private secret?: string;
	private readonly desk = new Map<string, DeskRecord>();
	private readonly invitations = new Map<string, { v: Invitation; exp: number }>();
	/** The desk change feed lives in memory: a restart starts a higher cursor (see constructor), clients reload. */
	private deskFeed: DeskChange[] = [];
	private deskCursor: number;
	private readonly deskEvents = new EventEmitter();
	private readonly locks = new KeyedMutex();
	private readonly webchatEvents = new EventEmitter();
	private readonly journal: Journal<JournalLine>;
	private readonly filesDirectory: string;
	private readonly retentionMs: number;
	private readonly filesMaxBytes: number;
	private readonly fileMaxBytes: number;
	private readonly now: () => number;
	private readonly endedCacheSize: number;
	private readonly dedupeMaxMarks: number;
	private nextSweepAt = 0;

	constructor(directory: string, options: LocalStoreOptions = {}) {
		mkdirSync(directory, { recursive: true });
		this.journal = new Journal(join(directory, 'conversas.jsonl'), options.compactAfterLines);
		this.filesDirectory = join(directory, 'arquivos');
		this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
		this.fileMaxBytes = options.fileMaxBytes ?? WEBCHAT_FILE_MAX_BYTES;
		this.filesMaxBytes = Math.max(options.filesMaxBytes ?? DEFAULT_FILES_MAX_BYTES, this.fileMaxBytes);
		this.now = options.now ?? Date.now;
		this.endedCacheSize = options.endedCacheSize ?? ENDED_CACHE_SIZE;
		this.dedupeMaxMarks = options.dedupeMaxMarks ?? DEDUPE_MAX_MARKS;
		this.webchatEvents.setMaxListeners(0);
		this.deskEvents.setMaxListeners(0);
		// Above any cursor a client got before a restart (fewer than one change per ms meanwhile).
		this.deskCursor = Date.now();
		this.load();
	}

	async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
		return await this.locks.run(key, fn);
	}

	async routeInbound(channel: ChannelRef, message: InboundMessage, options: RouteOptions): Promise<RouteDecision> {
		const dedupeKey = `${channel.type}:${channel.accountId}:${message.messageId}`;
		const seenUntil = this.seenMessages.get(dedupeKey);
		if (!options.skipDedupe && seenUntil !== undefined && seenUntil > options.now) return { action: 'duplicate' };
		this.markSeen(dedupeKey, options.now + DEDUPE_TTL_MS);
		const lines: JournalLine[] = [{ t: 'dedupe', k: dedupeKey, exp: options.now + DEDUPE_TTL_MS }];

		const key = contactKey(channel, message.contactId);
		const currentId = this.currentByContact.get(key);
		const current = currentId ? this.live(currentId) : undefined;
		const blocked = this.consents.get(`${channel.type}:${message.contactId}`) === 'out';
		const { decision, store, ended } = decideRoute(current, channel, message, options, blocked);
		if (ended) lines.push(this.putConversation(ended));
		if (store) {
			lines.push(this.putConversation(store));
			if (store.id !== currentId) {
				this.currentByContact.set(key, store.id);
				lines.push({ t: 'cur', k: key, id: store.id });
			}
		}
		this.write(...lines);
		return structuredClone(decision);
	}

	async get(conversationId: string): Promise<Conversation | undefined> {
		const conversation = this.live(conversationId);
		return conversation ? structuredClone(conversation) : undefined;
	}

	async currentOf(channel: Pick<ChannelRef, 'type' | 'accountId'>, contactId: string): Promise<Conversation | undefined> {
		const id = this.currentByContact.get(contactKey(channel, contactId));
		return id ? await this.get(id) : undefined;
	}

	async update(conversationId: string, mutate: (conversation: Conversation) => void): Promise<Conversation | undefined> {
		const current = this.live(conversationId);
		if (!current) return undefined;
		const next = structuredClone(current);
		mutate(next);
		next.updatedAt = this.now();
		this.write(this.putConversation(next));
		return structuredClone(next);
	}

	async parkOrTake(conversationId: string, waiter: Waiter): Promise<InboundMessage | undefined> {
		let taken: InboundMessage | undefined;
		await this.update(conversationId, (conversation) => {
			taken = parkOrTakeTransition(conversation, waiter);
		});
		return taken;
	}

	async addToBurst(channel: ChannelRef, message: InboundMessage, timing: BurstTiming): Promise<PendingBurst | 'duplicate'> {
		const dedupeKey = `${channel.type}:${channel.accountId}:${message.messageId}`;
		const seenUntil = this.seenMessages.get(dedupeKey);
		if (seenUntil !== undefined && seenUntil > timing.now) return 'duplicate';
		this.markSeen(dedupeKey, timing.now + DEDUPE_TTL_MS);
		this.write({ t: 'dedupe', k: dedupeKey, exp: timing.now + DEDUPE_TTL_MS });
		const key = contactKey(channel, message.contactId);
		const burst = addToBurstTransition(this.bursts.get(key), key, channel, message, timing);
		this.bursts.set(key, burst);
		this.write({ t: 'burst', k: key, v: burst });
		return structuredClone(burst);
	}

	async takeBurst(key: string, now?: number): Promise<PendingBurst | undefined> {
		const burst = this.bursts.get(key);
		if (!burst || !isBurstDue(burst, now)) return undefined;
		this.bursts.delete(key);
		this.write({ t: 'burst', k: key, v: null });
		return burst;
	}

	async listBursts(): Promise<PendingBurst[]> {
		return [...this.bursts.values()].map((burst) => structuredClone(burst));
	}

	async listWaiting(): Promise<Conversation[]> {
		return this.liveConversations(() => false)
			.filter((c) => c.state === 'waiting' && c.waiter)
			.map((c) => structuredClone(c));
	}

	async claimDueDeadlines(now: number, leaseMs: number, limit: number): Promise<DueDeadlines> {
		return this.deadlines.claim(now, leaseMs, limit);
	}

	async releaseDeadline(claim: DeadlineClaim): Promise<void> {
		this.deadlines.release(claim);
	}

	async claimDueCheckpoints(now: number, leaseMs: number, limit: number): Promise<DueDeadlines> {
		return this.checkpoints.claim(now, leaseMs, limit);
	}

	async releaseCheckpoint(claim: DeadlineClaim): Promise<void> {
		this.checkpoints.release(claim);
	}

	/** One process uses the local store: it is alive; nothing to write. */
	async markProcessAlive(): Promise<void> {}

	/** Only this process is alive: a checkpoint of another was written before a restart. */
	async isProcessAlive(processId: string): Promise<boolean> {
		return processId === PROCESS_ID;
	}

	async listConversations(since: number): Promise<Conversation[]> {
		return this.liveConversations((ended) => ended.createdAt >= since)
			.filter((conversation) => conversation.createdAt >= since)
			.map((conversation) => structuredClone(conversation));
	}

	async appendWebchat(accountId: string, sessionId: string, from: WebchatEntry['from'], message: OutboundMessage): Promise<number> {
		const key = `${accountId}:${sessionId}`;
		const now = this.now();
		const session = this.liveSession(key, now) ?? this.newSession(key);
		const entry: WebchatEntry = { seq: (session.entries.at(-1)?.seq ?? 0) + 1, at: now, from, message };
		this.pushEntry(session, entry);
		session.expiresAt = now + this.retentionMs;
		this.write({ t: 'web', k: key, e: entry, exp: session.expiresAt });
		this.webchatEvents.emit(key);
		return entry.seq;
	}

	async readWebchat(accountId: string, sessionId: string, after: number, waitMs: number): Promise<WebchatEntry[]> {
		const key = `${accountId}:${sessionId}`;
		const newer = () => (this.liveSession(key, this.now())?.entries ?? []).filter((entry) => entry.seq > after);
		const found = newer();
		if (found.length > 0 || waitMs <= 0) return structuredClone(found);
		await new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.webchatEvents.off(key, done);
				resolve();
			};
			const timer = setTimeout(done, waitMs);
			this.webchatEvents.on(key, done);
		});
		return structuredClone(newer());
	}

	async putWebchatFile(accountId: string, sessionId: string, file: WebchatFile): Promise<string> {
		if (file.data.length > this.fileMaxBytes) throw webchatFileTooLarge(file.data.length, this.fileMaxBytes);
		const id = randomBytes(16).toString('hex');
		mkdirSync(this.filesDirectory, { recursive: true });
		const path = join(this.filesDirectory, id);
		// Written whole before the journal names it: a crash in between leaves an orphan, removed at start-up.
		writeFileSync(`${path}.tmp`, file.data);
		renameSync(`${path}.tmp`, path);
		const stored: StoredFile = {
			session: `${accountId}:${sessionId}`,
			mimeType: file.mimeType,
			...(file.fileName ? { fileName: file.fileName } : {}),
			size: file.data.length,
			expiresAt: this.now() + this.retentionMs,
		};
		this.files.set(id, stored);
		this.filesBytes += stored.size;
		for (const [oldId, old] of this.files) {
			if (this.filesBytes <= this.filesMaxBytes || oldId === id) break;
			this.deleteFile(oldId, old);
		}
		this.write({ t: 'file', id, k: stored.session, m: stored.mimeType, n: stored.fileName, s: stored.size, exp: stored.expiresAt });
		return id;
	}

	async getWebchatFile(accountId: string, sessionId: string, fileId: string): Promise<WebchatFile | undefined> {
		const stored = FILE_ID_PATTERN.test(fileId) ? this.files.get(fileId) : undefined;
		if (!stored || stored.session !== `${accountId}:${sessionId}` || this.fileExpired(stored, this.now())) return undefined;
		let data: Buffer;
		try {
			data = readFileSync(join(this.filesDirectory, fileId));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // removed by hand
			throw error;
		}
		return { data, mimeType: stored.mimeType, ...(stored.fileName ? { fileName: stored.fileName } : {}) };
	}

	async setConsent(channelType: string, contactId: string, consent: Consent): Promise<void> {
		const key = `${channelType}:${contactId}`;
		this.consents.set(key, consent);
		this.write({ t: 'opt', k: key, v: consent });
	}

	async consentOf(channelType: string, contactId: string): Promise<Consent | undefined> {
		return this.consents.get(`${channelType}:${contactId}`);
	}

	async linkContactIds(channelType: string, ids: string[]): Promise<string> {
		const known = ids.map((id) => this.aliases.get(`${channelType}:${id}`)).find((canonical) => canonical !== undefined);
		const canonical = known ?? ids[0];
		const lines: JournalLine[] = [];
		for (const id of ids) {
			const k = `${channelType}:${id}`;
			if (this.aliases.has(k)) continue;
			this.aliases.set(k, canonical);
			lines.push({ t: 'alias', k, v: canonical });
		}
		if (lines.length > 0) this.write(...lines);
		return canonical;
	}

	async canonicalContactId(channelType: string, id: string): Promise<string | undefined> {
		return this.aliases.get(`${channelType}:${id}`);
	}

	async updateContactTags(channelType: string, contactId: string, add: string[], remove: string[]): Promise<string[]> {
		const key = `${channelType}:${contactId}`;
		const tags = applyTagChanges(this.liveTags(key)?.tags ?? [], add, remove);
		const entry: ContactTags = channelType === 'webchat' ? { tags, expiresAt: this.now() + this.retentionMs } : { tags };
		this.tagsByContact.set(key, entry);
		this.write({ t: 'tags', k: key, v: tags, ...(entry.expiresAt !== undefined ? { exp: entry.expiresAt } : {}) });
		return [...tags];
	}

	async contactTags(channelType: string, contactId: string): Promise<string[]> {
		return [...(this.liveTags(`${channelType}:${contactId}`)?.tags ?? [])];
	}

	async internalSecret(): Promise<string> {
		if (!this.secret) {
			this.secret = randomBytes(32).toString('hex');
			this.write({ t: 'secret', v: this.secret });
		}
		return this.secret;
	}

	async inviteContact(key: string, invitation: Invitation, intervalMs: number): Promise<InviteResult> {
		const { result, write } = inviteTransition(this.liveInvitation(key), invitation, intervalMs);
		if (write) this.putInvitation(key, write, Math.max(write.validUntil, write.sentAt + intervalMs));
		return result;
	}

	async cancelInvitation(key: string, sentAt: number): Promise<void> {
		if (this.liveInvitation(key)?.sentAt !== sentAt) return;
		this.invitations.delete(key);
		this.write({ t: 'invite', k: key, v: null });
	}

	async takeInvitation(key: string, now: number): Promise<Invitation | undefined> {
		const { taken, write } = takeTransition(this.liveInvitation(key), now);
		if (write) this.putInvitation(key, write, this.invitations.get(key)!.exp);
		return taken;
	}

	private liveInvitation(key: string): Invitation | undefined {
		const record = this.invitations.get(key);
		return record && record.exp > this.now() ? structuredClone(record.v) : undefined;
	}

	private putInvitation(key: string, invitation: Invitation, exp: number): void {
		this.invitations.set(key, { v: structuredClone(invitation), exp });
		this.write({ t: 'invite', k: key, v: invitation, exp });
	}

	async putDeskSession(key: string, session: DeskSession): Promise<void> {
		this.putDesk(`session:${key}`, session, session.expiresAt);
	}

	async touchDeskSession(key: string, now: number, idleMs: number): Promise<DeskSession | undefined> {
		const session = this.getDesk<DeskSession>(`session:${key}`);
		if (!session) return undefined;
		if (session.expiresAt <= now || now - session.lastSeenAt > idleMs) {
			this.putDesk(`session:${key}`, null);
			return undefined;
		}
		if (now - session.lastSeenAt >= SESSION_TOUCH_EVERY_MS) this.putDesk(`session:${key}`, { ...session, lastSeenAt: now }, session.expiresAt);
		else (this.desk.get(`session:${key}`)!.v as DeskSession).lastSeenAt = now;
		return { ...session, lastSeenAt: now };
	}

	async deleteDeskSession(key: string): Promise<void> {
		if (this.desk.has(`session:${key}`)) this.putDesk(`session:${key}`, null);
	}

	async countDeskLoginFailure(keys: string[], windowMs: number): Promise<DeskLoginFailures[]> {
		const now = this.now();
		return keys.map((key) => {
			const current = this.getDesk<DeskLoginFailures>(`fail:${key}`);
			const next = current ? { count: current.count + 1, resetAt: current.resetAt } : { count: 1, resetAt: now + windowMs };
			this.putDesk(`fail:${key}`, next, next.resetAt);
			return next;
		});
	}

	async deskLoginFailures(keys: string[]): Promise<DeskLoginFailures[]> {
		return keys.map((key) => this.getDesk<DeskLoginFailures>(`fail:${key}`) ?? { count: 0, resetAt: 0 });
	}

	async clearDeskLoginFailures(keys: string[]): Promise<void> {
		for (const key of keys) if (this.desk.has(`fail:${key}`)) this.putDesk(`fail:${key}`, null);
	}

	async setDeskPresence(key: string, presence: DeskPresence): Promise<void> {
		this.putDesk(`presence:${key}`, presence, this.now() + PRESENCE_TTL_MS);
	}

	async deskPresence(keys: string[]): Promise<Array<DeskPresence | undefined>> {
		return keys.map((key) => this.getDesk<DeskPresence>(`presence:${key}`));
	}

	async setDeskPassword(key: string, password: DeskPassword): Promise<void> {
		this.putDesk(`password:${key}`, password);
	}

	async deskPassword(key: string): Promise<DeskPassword | undefined> {
		return this.getDesk<DeskPassword>(`password:${key}`);
	}

	async setDeskSettings(settings: DeskSettings): Promise<void> {
		this.putDesk('settings', settings);
	}

	async deskSettings(): Promise<DeskSettings | undefined> {
		return this.getDesk<DeskSettings>('settings');
	}

	async publishDeskChange(conversationId: string, tipo: DeskChangeType): Promise<number> {
		const change: DeskChange = { seq: ++this.deskCursor, conversationId, tipo };
		this.deskFeed.push(change);
		if (this.deskFeed.length > DESK_FEED_SIZE) this.deskFeed.splice(0, this.deskFeed.length - DESK_FEED_SIZE);
		this.deskEvents.emit('change');
		return change.seq;
	}

	async waitForDeskChanges(after: number, waitMs: number): Promise<DeskChanges> {
		const read = () => structuredClone(deskChangesAfter(this.deskFeed, this.deskCursor, after));
		const found = read();
		if (found.changes.length > 0 || found.reset || waitMs <= 0) return found;
		await new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.deskEvents.off('change', done);
				resolve();
			};
			const timer = setTimeout(done, waitMs);
			this.deskEvents.on('change', done);
		});
		return read();
	}

	async listDeskConversations(endedSince: number): Promise<Conversation[]> {
		return this.liveConversations((ended) => ended.deskEndedAt !== undefined && ended.deskEndedAt >= endedSince)
			.filter((conversation) => isDeskListed(conversation, endedSince))
			.map((conversation) => structuredClone(conversation));
	}

	async close(): Promise<void> {
		this.deskEvents.emit('change');
		this.deskEvents.removeAllListeners();
		this.webchatEvents.removeAllListeners();
		this.journal.close();
	}

	/** Records kept, per kind (tests of the bounds); `wholeConversations`: conversations held whole in memory. */
	sizes(): Record<'conversations' | 'wholeConversations' | 'pointers' | 'dedupe' | 'webchatSessions' | 'webchatEntries' | 'files' | 'consents' | 'tags', number> {
		return {
			conversations: this.conversations.size + this.ended.size,
			wholeConversations: this.conversations.size + this.endedCache.size,
			pointers: this.currentByContact.size,
			dedupe: this.seenMessages.size,
			webchatSessions: this.webchat.size,
			webchatEntries: this.webchatEntries,
			files: this.files.size,
			consents: this.consents.size,
			tags: this.tagsByContact.size,
		};
	}

	private getDesk<T>(key: string): T | undefined {
		const record = this.desk.get(key);
		return record && (record.exp === undefined || record.exp > this.now()) ? structuredClone(record.v as T) : undefined;
	}

	/** Writes (or, with `null`, deletes) a desk record; `exp` undefined = never expires. */
	private putDesk(key: string, value: unknown, exp?: number): void {
		if (value === null) this.desk.delete(key);
		else this.desk.set(key, exp === undefined ? { v: structuredClone(value) } : { v: structuredClone(value), exp });
		this.write({ t: 'desk', k: key, v: value, ...(exp !== undefined ? { exp } : {}) });
	}

	private live(conversationId: string): Conversation | undefined {
		const stored = this.conversations.get(conversationId);
		if (stored) return stored.expiresAt > this.now() ? stored.conversation : undefined;
		const ended = this.ended.get(conversationId);
		return ended && ended.expiresAt > this.now() ? this.readEnded(conversationId, ended) : undefined;
	}

	/** Live conversations that have not ended, and the ended ones `wanted` picks (read from disk). */
	private liveConversations(wanted: (ended: EndedConversation) => boolean): Conversation[] {
		const now = this.now();
		const found: Conversation[] = [];
		for (const stored of this.conversations.values()) if (stored.expiresAt > now) found.push(stored.conversation);
		for (const [id, ended] of this.ended) if (ended.expiresAt > now && wanted(ended)) found.push(this.readEnded(id, ended));
		return found;
	}

	/** An ended conversation from the cache, or read from its journal line (and cached). */
	private readEnded(id: string, ended: EndedConversation): Conversation {
		let conversation = this.endedCache.get(id);
		if (conversation) this.endedCache.delete(id);
		else conversation = migrateConversation((JSON.parse(this.journal.readAt(ended)) as { v: Record<string, unknown> }).v);
		this.cacheEnded(id, conversation);
		return conversation;
	}

	private cacheEnded(id: string, conversation: Conversation): void {
		if (this.endedCacheSize <= 0) return;
		this.endedCache.set(id, conversation);
		if (this.endedCache.size > this.endedCacheSize) this.endedCache.delete(this.endedCache.keys().next().value!);
	}

	/** An ended conversation whose latest journal line is at `position` leaves memory (`conversation` stays in the cache). */
	private moveToDisk(conversation: Conversation, expiresAt: number, position: LinePosition, cache: boolean): void {
		this.conversations.delete(conversation.id);
		this.endedCache.delete(conversation.id);
		const deskEndedAt = conversation.desk === 'painel' ? (conversation.deskEndedAt ?? conversation.endedAt ?? 0) : undefined;
		this.ended.set(conversation.id, {
			offset: position.offset,
			length: position.length,
			expiresAt,
			createdAt: conversation.createdAt,
			...(deskEndedAt !== undefined ? { deskEndedAt } : {}),
		});
		if (cache) this.cacheEnded(conversation.id, conversation);
	}

	/** Marks a message id as seen until `until`; beyond the cap the oldest marks go. */
	private markSeen(key: string, until: number): void {
		this.seenMessages.delete(key); // re-inserted last: the map stays in order of marking
		this.seenMessages.set(key, until);
		while (this.seenMessages.size > this.dedupeMaxMarks) this.seenMessages.delete(this.seenMessages.keys().next().value!);
	}

	private liveSession(key: string, now: number): WebchatSession | undefined {
		const session = this.webchat.get(key);
		return session && session.expiresAt > now ? session : undefined;
	}

	private liveTags(key: string): ContactTags | undefined {
		const entry = this.tagsByContact.get(key);
		return entry && (entry.expiresAt === undefined || entry.expiresAt > this.now()) ? entry : undefined;
	}

	private fileExpired(file: StoredFile, now: number): boolean {
		return file.expiresAt <= now && this.liveSession(file.session, now) === undefined;
	}

	/** Stores the record with its expiry and returns its journal line. */
	private putConversation(conversation: Conversation): JournalLine {
		const now = this.now();
		const expiresAt = now + conversationTtlMs(conversation, now, this.retentionMs);
		this.storeConversation(conversation, expiresAt);
		return { t: 'conv', v: conversation, exp: expiresAt };
	}

	private storeConversation(conversation: Conversation, expiresAt: number): void {
		this.ended.delete(conversation.id);
		this.endedCache.delete(conversation.id);
		this.conversations.set(conversation.id, { conversation, expiresAt });
		this.deadlines.set(conversation.id, deadlineDueAt(conversation));
		this.checkpoints.set(conversation.id, checkpointDueAt(conversation));
		// A web chat session's tags live as long as its conversations do.
		if (conversation.channel.type === 'webchat') {
			const tags = this.tagsByContact.get(`webchat:${conversation.contact.id}`);
			if (tags?.expiresAt !== undefined) tags.expiresAt = Math.max(tags.expiresAt, expiresAt);
		}
	}

	private newSession(key: string): WebchatSession {
		this.dropSession(key);
		const session: WebchatSession = { entries: [], expiresAt: 0 };
		this.webchat.set(key, session);
		return session;
	}

	private pushEntry(session: WebchatSession, entry: WebchatEntry): void {
		session.entries.push(entry);
		this.webchatEntries++;
		if (session.entries.length > WEBCHAT_HISTORY) {
			const dropped = session.entries.length - WEBCHAT_HISTORY;
			session.entries.splice(0, dropped);
			this.webchatEntries -= dropped;
		}
	}

	private dropSession(key: string): void {
		const session = this.webchat.get(key);
		if (!session) return;
		this.webchatEntries -= session.entries.length;
		this.webchat.delete(key);
	}

	private deleteFile(id: string, file: StoredFile): void {
		this.files.delete(id);
		this.filesBytes -= file.size;
		rmSync(join(this.filesDirectory, id), { force: true });
	}

	private write(...lines: JournalLine[]): void {
		const positions = this.journal.append(...lines);
		lines.forEach((line, index) => {
			if (line.t === 'conv' && line.v.state === 'ended') this.moveToDisk(line.v, line.exp!, positions[index], true);
		});
		const now = this.now();
		if (now >= this.nextSweepAt) this.sweep(now);
		if (this.journal.isStale(this.liveRecordCount())) this.compact();
	}

	private liveRecordCount(): number {
		return (
			this.conversations.size +
			this.ended.size +
			this.currentByContact.size +
			this.seenMessages.size +
			this.webchatEntries +
			this.files.size +
			this.consents.size +
			this.aliases.size +
			this.tagsByContact.size +
			this.bursts.size +
			this.desk.size +
			this.invitations.size
		);
	}

	/** Drops every expired record from memory (and expired files from disk). Consents and contact aliases never expire. */
	private sweep(now: number): void {
		this.nextSweepAt = now + Math.min(SWEEP_EVERY_MS, this.retentionMs);
		for (const [id, stored] of this.conversations) {
			if (stored.expiresAt > now) continue;
			this.conversations.delete(id);
			this.deadlines.set(id, undefined);
			this.checkpoints.set(id, undefined);
			const pointer = contactKey(stored.conversation.channel, stored.conversation.contact.id);
			if (this.currentByContact.get(pointer) === id) this.currentByContact.delete(pointer);
		}
		for (const [id, ended] of this.ended) {
			if (ended.expiresAt > now) continue;
			this.ended.delete(id);
			this.endedCache.delete(id);
		}
		for (const [key, id] of this.currentByContact) if (!this.conversations.has(id) && !this.ended.has(id)) this.currentByContact.delete(key);
		for (const [key, until] of this.seenMessages) if (until <= now) this.seenMessages.delete(key);
		for (const [key, session] of this.webchat) if (session.expiresAt <= now) this.dropSession(key);
		for (const [id, file] of this.files) if (this.fileExpired(file, now)) this.deleteFile(id, file);
		for (const [key, entry] of this.tagsByContact) if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.tagsByContact.delete(key);
		for (const [key, record] of this.desk) if (record.exp !== undefined && record.exp <= now) this.desk.delete(key);
		for (const [key, record] of this.invitations) if (record.exp <= now) this.invitations.delete(key);
	}

	private load(): void {
		this.journal.replay((line, position) => this.apply(line, position));
		// Files the journal does not name (a crash between the two writes) or whose file is gone.
		const onDisk = new Set(existsSync(this.filesDirectory) ? readdirSync(this.filesDirectory) : []);
		for (const [id, file] of this.files) if (!onDisk.has(id)) this.deleteFile(id, file);
		for (const name of onDisk) if (!this.files.has(name)) rmSync(join(this.filesDirectory, name), { force: true });
		this.sweep(this.now());
		this.compact();
	}

	private apply(line: JournalLine, position: LinePosition): void {
		switch (line.t) {
			case 'conv': {
				const conversation = migrateConversation(line.v as unknown as Record<string, unknown>);
				// Lines from before expiry: counted from the record's last change.
				const expiresAt = line.exp ?? conversation.updatedAt + conversationTtlMs(conversation, conversation.updatedAt, this.retentionMs);
				this.storeConversation(conversation, expiresAt);
				if (conversation.state === 'ended') this.moveToDisk(conversation, expiresAt, position, false);
				break;
			}
			case 'cur':
				if (line.id) this.currentByContact.set(line.k, line.id);
				else this.currentByContact.delete(line.k);
				break;
			case 'dedupe':
				this.markSeen(line.k, line.exp);
				break;
			case 'web': {
				// A session that had expired before this entry started again (from seq 1).
				const existing = this.webchat.get(line.k);
				const session = existing && existing.expiresAt > line.e.at ? existing : this.newSession(line.k);
				this.pushEntry(session, line.e);
				session.expiresAt = line.exp ?? line.e.at + this.retentionMs;
				break;
			}
			case 'file': {
				const previous = this.files.get(line.id);
				if (previous) this.filesBytes -= previous.size;
				this.files.set(line.id, { session: line.k, mimeType: line.m, ...(line.n ? { fileName: line.n } : {}), size: line.s, expiresAt: line.exp });
				this.filesBytes += line.s;
				break;
			}
			case 'opt':
				this.consents.set(line.k, line.v);
				break;
			case 'alias':
				this.aliases.set(line.k, line.v);
				break;
			case 'tags': {
				// Web chat tags from before expiry: kept for one retention period from the restart.
				const expiresAt = line.exp ?? (line.k.startsWith('webchat:') ? this.now() + this.retentionMs : undefined);
				this.tagsByContact.set(line.k, expiresAt === undefined ? { tags: line.v } : { tags: line.v, expiresAt });
				break;
			}
			case 'secret':
				this.secret = line.v;
				break;
			case 'burst':
				if (line.v) this.bursts.set(line.k, line.v);
				else this.bursts.delete(line.k);
				break;
			case 'invite':
				if (line.v === null) this.invitations.delete(line.k);
				else this.invitations.set(line.k, { v: line.v, exp: line.exp ?? line.v.validUntil });
				break;
			case 'desk':
				if (line.v === null) this.desk.delete(line.k);
				else this.desk.set(line.k, line.exp === undefined ? { v: line.v } : { v: line.v, exp: line.exp });
				break;
		}
	}

	/** Rewrites the journal as a snapshot of the live state, leaving expired records out. */
	private compact(): void {
		this.sweep(this.now());
		this.journal.rewrite(this.snapshot(), (line, position) => {
			// Ended conversations are copied line for line from the old file: they now lie here.
			const ended = line instanceof RawLine ? this.ended.get(line.key!) : undefined;
			if (ended) Object.assign(ended, position);
		});
	}

	private *snapshot(): Generator<JournalLine | RawLine> {
		if (this.secret) yield { t: 'secret', v: this.secret };
		// Tags before conversations: replaying a web chat conversation extends its session's tags.
		for (const [k, entry] of this.tagsByContact) {
			if (entry.tags.length > 0) yield { t: 'tags', k, v: entry.tags, ...(entry.expiresAt !== undefined ? { exp: entry.expiresAt } : {}) };
		}
		for (const stored of this.conversations.values()) yield { t: 'conv', v: stored.conversation, exp: stored.expiresAt };
		for (const [id, ended] of this.ended) yield new RawLine(this.journal.readAt(ended), id);
		for (const [k, id] of this.currentByContact) yield { t: 'cur', k, id };
		for (const [k, exp] of this.seenMessages) yield { t: 'dedupe', k, exp };
		for (const [k, session] of this.webchat) for (const e of session.entries) yield { t: 'web', k, e, exp: session.expiresAt };
		for (const [id, file] of this.files) yield { t: 'file', id, k: file.session, m: file.mimeType, n: file.fileName, s: file.size, exp: file.expiresAt };
		for (const [k, v] of this.consents) yield { t: 'opt', k, v };
		for (const [k, v] of this.aliases) yield { t: 'alias', k, v };
		for (const [k, v] of this.bursts) yield { t: 'burst', k, v };
		for (const [k, record] of this.desk) yield { t: 'desk', k, v: record.v, ...(record.exp !== undefined ? { exp: record.exp } : {}) };
		for (const [k, record] of this.invitations) yield { t: 'invite', k, v: record.v, exp: record.exp };
	}
}

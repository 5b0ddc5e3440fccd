import { randomBytes } from 'crypto';
import { EventEmitter } from 'events';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';

import type { InboundMessage, OutboundMessage } from '../channels/types';
import { KeyedMutex } from './keyed-mutex';
import { migrateConversation } from './migrate';
import { addToBurstTransition, applyTagChanges, decideRoute, isBurstDue, parkOrTakeTransition, type BurstTiming } from './routing';
import {
	contactKey,
	DEDUPE_TTL_MS,
	ENDED_RETENTION_MS,
	WEBCHAT_HISTORY,
	type Consent,
	type ConversationStore,
	type RouteOptions,
} from './store';
import type { ChannelRef, Conversation, PendingBurst, RouteDecision, Waiter, WebchatEntry } from './types';

type JournalLine =
	| { t: 'conv'; v: Conversation }
	| { t: 'cur'; k: string; id: string | null }
	| { t: 'dedupe'; k: string; exp: number }
	| { t: 'web'; k: string; e: WebchatEntry }
	| { t: 'opt'; k: string; v: Consent }
	| { t: 'tags'; k: string; v: string[] }
	| { t: 'burst'; k: string; v: PendingBurst | null }
	| { t: 'secret'; v: string };

/**
 * The default store: state in memory, every change appended to a journal file (JSON lines) that is
 * replayed at start-up and compacted when it grows, so conversations survive an n8n restart.
 * For one n8n process (regular mode).
 */
export class LocalConversationStore implements ConversationStore {
	private readonly conversations = new Map<string, Conversation>();
	private readonly currentByContact = new Map<string, string>();
	private readonly seenMessages = new Map<string, number>();
	private readonly webchat = new Map<string, WebchatEntry[]>();
	private readonly consents = new Map<string, Consent>();
	private readonly tagsByContact = new Map<string, string[]>();
	private readonly bursts = new Map<string, PendingBurst>();
	private secret?: string;
	private readonly locks = new KeyedMutex();
	private readonly webchatEvents = new EventEmitter();
	private readonly journalPath: string;
	private journalLines = 0;

	constructor(directory: string) {
		mkdirSync(directory, { recursive: true });
		this.journalPath = join(directory, 'conversas.jsonl');
		this.webchatEvents.setMaxListeners(0);
		this.load();
	}

	async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
		return await this.locks.run(key, fn);
	}

	async routeInbound(channel: ChannelRef, message: InboundMessage, options: RouteOptions): Promise<RouteDecision> {
		const dedupeKey = `${channel.type}:${channel.accountId}:${message.messageId}`;
		const seenUntil = this.seenMessages.get(dedupeKey);
		if (!options.skipDedupe && seenUntil !== undefined && seenUntil > options.now) return { action: 'duplicate' };
		this.seenMessages.set(dedupeKey, options.now + DEDUPE_TTL_MS);
		this.write({ t: 'dedupe', k: dedupeKey, exp: options.now + DEDUPE_TTL_MS });

		const key = contactKey(channel, message.contactId);
		const currentId = this.currentByContact.get(key);
		const current = currentId ? this.conversations.get(currentId) : undefined;
		const blocked = this.consents.get(`${channel.type}:${message.contactId}`) === 'out';
		const { decision, store, ended } = decideRoute(current, channel, message, options, blocked);
		if (ended) this.putConversation(ended);
		if (store) {
			this.putConversation(store);
			if (store.id !== currentId) {
				this.currentByContact.set(key, store.id);
				this.write({ t: 'cur', k: key, id: store.id });
			}
		}
		return structuredClone(decision);
	}

	async get(conversationId: string): Promise<Conversation | undefined> {
		const conversation = this.conversations.get(conversationId);
		return conversation ? structuredClone(conversation) : undefined;
	}

	async currentOf(channel: Pick<ChannelRef, 'type' | 'accountId'>, contactId: string): Promise<Conversation | undefined> {
		const id = this.currentByContact.get(contactKey(channel, contactId));
		return id ? await this.get(id) : undefined;
	}

	async update(conversationId: string, mutate: (conversation: Conversation) => void): Promise<Conversation | undefined> {
		const current = this.conversations.get(conversationId);
		if (!current) return undefined;
		const next = structuredClone(current);
		mutate(next);
		next.updatedAt = Date.now();
		this.putConversation(next);
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
		this.seenMessages.set(dedupeKey, timing.now + DEDUPE_TTL_MS);
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
		return [...this.conversations.values()].filter((c) => c.state === 'waiting' && c.waiter).map((c) => structuredClone(c));
	}

	async listConversations(since: number): Promise<Conversation[]> {
		const found: Conversation[] = [];
		for (const conversation of this.conversations.values()) if (conversation.createdAt >= since) found.push(structuredClone(conversation));
		return found;
	}

	async appendWebchat(accountId: string, sessionId: string, from: WebchatEntry['from'], message: OutboundMessage): Promise<number> {
		const key = `${accountId}:${sessionId}`;
		const entries = this.webchat.get(key) ?? [];
		const entry: WebchatEntry = { seq: (entries.at(-1)?.seq ?? 0) + 1, at: Date.now(), from, message };
		entries.push(entry);
		if (entries.length > WEBCHAT_HISTORY) entries.splice(0, entries.length - WEBCHAT_HISTORY);
		this.webchat.set(key, entries);
		this.write({ t: 'web', k: key, e: entry });
		this.webchatEvents.emit(key);
		return entry.seq;
	}

	async readWebchat(accountId: string, sessionId: string, after: number, waitMs: number): Promise<WebchatEntry[]> {
		const key = `${accountId}:${sessionId}`;
		const newer = () => (this.webchat.get(key) ?? []).filter((entry) => entry.seq > after);
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

	async setConsent(channelType: string, contactId: string, consent: Consent): Promise<void> {
		const key = `${channelType}:${contactId}`;
		this.consents.set(key, consent);
		this.write({ t: 'opt', k: key, v: consent });
	}

	async consentOf(channelType: string, contactId: string): Promise<Consent | undefined> {
		return this.consents.get(`${channelType}:${contactId}`);
	}

	async updateContactTags(channelType: string, contactId: string, add: string[], remove: string[]): Promise<string[]> {
		const key = `${channelType}:${contactId}`;
		const tags = applyTagChanges(this.tagsByContact.get(key) ?? [], add, remove);
		this.tagsByContact.set(key, tags);
		this.write({ t: 'tags', k: key, v: tags });
		return [...tags];
	}

	async contactTags(channelType: string, contactId: string): Promise<string[]> {
		return [...(this.tagsByContact.get(`${channelType}:${contactId}`) ?? [])];
	}

	async internalSecret(): Promise<string> {
		if (!this.secret) {
			this.secret = randomBytes(32).toString('hex');
			this.write({ t: 'secret', v: this.secret });
		}
		return this.secret;
	}

	async close(): Promise<void> {
		this.webchatEvents.removeAllListeners();
	}

	private putConversation(conversation: Conversation): void {
		this.conversations.set(conversation.id, conversation);
		this.write({ t: 'conv', v: conversation });
	}

	private write(line: JournalLine): void {
		appendFileSync(this.journalPath, JSON.stringify(line) + '\n');
		this.journalLines++;
		if (this.journalLines > 20_000 && this.journalLines > 4 * this.liveRecordCount()) this.compact();
	}

	private liveRecordCount(): number {
		let webEntries = 0;
		for (const entries of this.webchat.values()) webEntries += entries.length;
		return (
			this.conversations.size + this.currentByContact.size + this.seenMessages.size + webEntries + this.consents.size + this.tagsByContact.size + this.bursts.size
		);
	}

	private load(): void {
		if (!existsSync(this.journalPath)) return;
		const text = readFileSync(this.journalPath, 'utf8');
		for (const raw of text.split('\n')) {
			if (!raw) continue;
			let line: JournalLine;
			try {
				line = JSON.parse(raw) as JournalLine;
			} catch {
				continue; // a line cut by a crash mid-write: every earlier line is intact
			}
			this.apply(line);
		}
		this.compact();
	}

	private apply(line: JournalLine): void {
		switch (line.t) {
			case 'conv':
				this.conversations.set(line.v.id, migrateConversation(line.v as unknown as Record<string, unknown>));
				break;
			case 'cur':
				if (line.id) this.currentByContact.set(line.k, line.id);
				else this.currentByContact.delete(line.k);
				break;
			case 'dedupe':
				this.seenMessages.set(line.k, line.exp);
				break;
			case 'web': {
				const entries = this.webchat.get(line.k) ?? [];
				entries.push(line.e);
				if (entries.length > WEBCHAT_HISTORY) entries.shift();
				this.webchat.set(line.k, entries);
				break;
			}
			case 'opt':
				this.consents.set(line.k, line.v);
				break;
			case 'tags':
				this.tagsByContact.set(line.k, line.v);
				break;
			case 'secret':
				this.secret = line.v;
				break;
			case 'burst':
				if (line.v) this.bursts.set(line.k, line.v);
				else this.bursts.delete(line.k);
				break;
		}
	}

	/** Rewrites the journal as a snapshot of the live state, dropping expired and old data. */
	private compact(): void {
		const now = Date.now();
		const current = new Set(this.currentByContact.values());
		const lines: JournalLine[] = [];
		if (this.secret) lines.push({ t: 'secret', v: this.secret });
		for (const [id, conversation] of this.conversations) {
			const expired = conversation.state === 'ended' && !current.has(id) && now - conversation.updatedAt > ENDED_RETENTION_MS;
			if (expired) this.conversations.delete(id);
			else lines.push({ t: 'conv', v: conversation });
		}
		for (const [k, id] of this.currentByContact) lines.push({ t: 'cur', k, id });
		for (const [k, exp] of this.seenMessages) {
			if (exp <= now) this.seenMessages.delete(k);
			else lines.push({ t: 'dedupe', k, exp });
		}
		for (const [k, entries] of this.webchat) for (const e of entries) lines.push({ t: 'web', k, e });
		for (const [k, v] of this.consents) lines.push({ t: 'opt', k, v });
		for (const [k, v] of this.tagsByContact) if (v.length > 0) lines.push({ t: 'tags', k, v });
		for (const [k, v] of this.bursts) lines.push({ t: 'burst', k, v });
		const temporary = `${this.journalPath}.tmp`;
		writeFileSync(temporary, lines.map((line) => JSON.stringify(line)).join('\n') + (lines.length ? '\n' : ''));
		renameSync(temporary, this.journalPath);
		this.journalLines = lines.length;
	}
}

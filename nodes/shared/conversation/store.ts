import type { InboundMessage, OutboundMessage } from '../channels/types';
import type { DeskChanges, DeskChangeType, DeskLoginFailures, DeskPassword, DeskPresence, DeskSession, DeskSettings } from './desk';
import type { Invitation, InviteResult } from './invitations';
import type { DeadlineClaim, DueDeadlines } from './deadline-schedule';
import type { BurstTiming } from './routing';
import type { ChannelRef, Conversation, PendingBurst, RouteDecision, Waiter, WebchatEntry } from './types';

/** How long a message id is remembered to drop duplicate deliveries. */
export const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
/** Web chat history kept per session. */
export const WEBCHAT_HISTORY = 300;
/**
 * Default retention (ATENDIMENTO_RETENCAO_DIAS): a conversation with no change for this long (ended or
 * not) is dropped with its contact's pointer, and so is a web chat session (history and files) with
 * no new message for this long. Consents never expire.
 */
export const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** Largest file the web chat keeps (the pack's send limit, Enviar Arquivo). */
export const WEBCHAT_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** A file sent to the web chat, kept apart from the history (which holds only its URL). */
export interface WebchatFile {
	data: Buffer;
	mimeType: string;
	fileName?: string;
}

/**
 * How long a conversation written at `now` is kept: the retention, counted from the later of now and
 * the end of a pause (Criar Delay) or of a card's deadline, so a long wait never loses its conversation.
 */
export function conversationTtlMs(conversation: Conversation, now: number, retentionMs: number): number {
	const pendingUntil = Math.max(conversation.busyUntil ?? 0, conversation.waiter?.deadline ?? 0);
	return Math.max(retentionMs, pendingUntil - now + retentionMs);
}

/** The pt-BR error of a file over the web chat's limit. */
export function webchatFileTooLarge(bytes: number, maxBytes: number): Error {
	const megabytes = (value: number) => (value / (1024 * 1024)).toLocaleString('pt-BR', { maximumFractionDigits: 1 });
	return new Error(`Arquivo grande demais para o web chat (${megabytes(bytes)} MB; o limite é ${megabytes(maxBytes)} MB). Publique-o e envie por URL.`);
}

/** Opt-in ('in') or opt-out ('out'): an opted-out contact receives no bot or broadcast message. */
export type Consent = 'in' | 'out';

/** Options of `routeInbound` that depend on the trigger's configuration. */
export interface RouteOptions {
	now: number;
	/** A conversation 'running' with no card activity for this long is treated as finished. */
	runningLeaseMs: number;
	newConversationId: () => string;
	newProtocolo: () => string;
	/** Route even a message id seen before (a re-route after a lost waiter, a joined burst whose parts were deduplicated). */
	skipDedupe?: boolean;
	/** The message is /bloquear or /desbloquear: only recorded in the history of the contact's conversation. */
	command?: boolean;
}

/**
 * The conversation store (docs/arquitetura.md §2). Every method is one atomic transition; backends: local
 * (journal file, one n8n process) and Redis (queue mode, several n8n processes).
 */
export interface ConversationStore {
	/** Runs `fn` with no other holder of the same key (serialises one contact's deliveries). */
	withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;

	/**
	 * Decides, atomically, what an inbound message does (the table of docs/arquitetura.md §3), deduplicating by message
	 * id, and records it in the conversation's history. A contact who opted out (consent 'out') starts
	 * and resumes nothing: the message is only recorded ('recorded').
	 */
	routeInbound(channel: ChannelRef, message: InboundMessage, options: RouteOptions): Promise<RouteDecision>;

	get(conversationId: string): Promise<Conversation | undefined>;

	/** The contact's current (latest) conversation on a channel account, ended or not. */
	currentOf(channel: Pick<ChannelRef, 'type' | 'accountId'>, contactId: string): Promise<Conversation | undefined>;

	/**
	 * Read-modify-write of one conversation; returns the new record, or undefined when it does not exist.
	 * `mutate` may run more than once (the Redis backend runs it again on a fresh copy when another
	 * process changed the record meanwhile): it must only change the record it is given.
	 */
	update(conversationId: string, mutate: (conversation: Conversation) => void): Promise<Conversation | undefined>;

	/**
	 * A waiting card parks: inbox messages that arrived before `waiter.askedAt` become context; if the
	 * inbox then holds a message, it is taken and returned (the card answers it now); otherwise the
	 * conversation becomes 'waiting' at `waiter` (routing.ts parkOrTakeTransition).
	 */
	parkOrTake(conversationId: string, waiter: Waiter): Promise<InboundMessage | undefined>;

	/**
	 * Adds a text message to the contact's pending burst (the trigger's "Agrupar mensagens em
	 * sequência"), atomically, deduplicating it by message id like `routeInbound`: the burst, or
	 * 'duplicate'.
	 */
	addToBurst(channel: ChannelRef, message: InboundMessage, timing: BurstTiming): Promise<PendingBurst | 'duplicate'>;

	/** Removes and returns the pending burst of contact `key` when due at `now` (undefined `now`: at once). */
	takeBurst(key: string, now?: number): Promise<PendingBurst | undefined>;

	/** Every pending burst (to re-arm their timers after a restart). */
	listBursts(): Promise<PendingBurst[]>;

	/** Conversations waiting at a card (to re-arm their deadlines after a restart). */
	listWaiting(): Promise<Conversation[]>;

	/**
	 * Claims up to `limit` "Sem resposta" deadlines due at `now` (deadline-schedule.ts, docs/arquitetura.md
	 * §5), atomically across processes: each is leased until `now + leaseMs`, so no other claim takes it
	 * meanwhile, and comes due again then unless a write of its record or `releaseDeadline` replaced it.
	 * `nextDueAt`: when the earliest entry left is due.
	 */
	claimDueDeadlines(now: number, leaseMs: number, limit: number): Promise<DueDeadlines>;

	/** Drops a claimed deadline that had nothing to fire, unless a write of its record replaced the entry since the claim. */
	releaseDeadline(claim: DeadlineClaim): Promise<void>;

	/**
	 * Claims up to `limit` running steps due for a check at `now` (checkpoint.ts `checkpointDueAt`,
	 * docs/arquitetura.md §19), leased like the deadlines: an entry left claimed is checked again when
	 * its lease ends, unless a write of its record replaced it.
	 */
	claimDueCheckpoints(now: number, leaseMs: number, limit: number): Promise<DueDeadlines>;

	/** Drops a claimed step check (the step is over), unless a write of its record replaced the entry since the claim. */
	releaseCheckpoint(claim: DeadlineClaim): Promise<void>;

	/** Says that pack process `processId` is alive for the next `ttlMs`. */
	markProcessAlive(processId: string, ttlMs: number): Promise<void>;

	/** Whether pack process `processId` said it was alive within its last ttl. */
	isProcessAlive(processId: string): Promise<boolean>;

	/** Conversations created at or after `since` (epoch ms), in any state (for the reports). */
	listConversations(since: number): Promise<Conversation[]>;

	appendWebchat(accountId: string, sessionId: string, from: WebchatEntry['from'], message: OutboundMessage): Promise<number>;
	/** Entries after `after`; waits up to `waitMs` for a new one when there is none yet. */
	readWebchat(accountId: string, sessionId: string, after: number, waitMs: number): Promise<WebchatEntry[]>;

	/**
	 * Keeps a file sent to a web chat session (at most WEBCHAT_FILE_MAX_BYTES, else a pt-BR error) for
	 * as long as the session's history; returns its id (random, unguessable).
	 */
	putWebchatFile(accountId: string, sessionId: string, file: WebchatFile): Promise<string>;
	/** A file of the session, or undefined when unknown, expired, evicted, or another session's. */
	getWebchatFile(accountId: string, sessionId: string, fileId: string): Promise<WebchatFile | undefined>;

	/** Records the contact's consent to automatic messages (Opt-in card, /bloquear, /desbloquear). */
	setConsent(channelType: string, contactId: string, consent: Consent): Promise<void>;
	/** The contact's recorded consent, or undefined when never asked. */
	consentOf(channelType: string, contactId: string): Promise<Consent | undefined>;

	/**
	 * Links the ids one message gave for a contact (WhatsApp: phone and business-scoped user id) and
	 * returns the contact's canonical id, atomically: the canonical id of the first of `ids` already
	 * known (the first id seen for a contact wins), else `ids[0]`; every id of `ids` not yet known
	 * becomes an alias of it. Aliases never expire (like consents): the contact stays one.
	 */
	linkContactIds(channelType: string, ids: string[]): Promise<string>;
	/** The canonical id an id is an alias of (itself when canonical), or undefined when never linked. */
	canonicalContactId(channelType: string, id: string): Promise<string | undefined>;

	/**
	 * Adds and removes tags of a contact (kept across conversations); returns the contact's tags.
	 * WhatsApp and Telegram tags are kept like consents; web chat tags expire with the session.
	 */
	updateContactTags(channelType: string, contactId: string, add: string[], remove: string[]): Promise<string[]>;
	contactTags(channelType: string, contactId: string): Promise<string[]>;

	/**
	 * Records a WhatsApp invitation (Migrar para WhatsApp) under `key` (`invitationKey`) unless one was sent
	 * less than `intervalMs` before it: atomic, so two invitations to one number never both go out.
	 */
	inviteContact(key: string, invitation: Invitation, intervalMs: number): Promise<InviteResult>;
	/** Drops the invitation sent at `sentAt` (its template could not be sent): the number may be invited again. */
	cancelInvitation(key: string, sentAt: number): Promise<void>;
	/** Takes the contact's invitation once, while valid (the reply that starts his conversation). */
	takeInvitation(key: string, now: number): Promise<Invitation | undefined>;

	/** A random secret, created once per installation, that authenticates the pack's internal calls. */
	internalSecret(): Promise<string>;

	// Painel do Atendente (desk.ts). Keys are the caller's; every record expires except passwords.

	/** Stores a desk session until its `expiresAt`. */
	putDeskSession(key: string, session: DeskSession): Promise<void>;
	/**
	 * The session, with `lastSeenAt` moved to `now`; undefined (and dropped) when unknown, past its
	 * `expiresAt`, or idle for longer than `idleMs`.
	 */
	touchDeskSession(key: string, now: number, idleMs: number): Promise<DeskSession | undefined>;
	deleteDeskSession(key: string): Promise<void>;
	/** Counts one failed login for each key (a window of `windowMs` opens at the first); the counts after. */
	countDeskLoginFailure(keys: string[], windowMs: number): Promise<DeskLoginFailures[]>;
	/** The current counts of the keys (0 when none or the window ended). */
	deskLoginFailures(keys: string[]): Promise<DeskLoginFailures[]>;
	clearDeskLoginFailures(keys: string[]): Promise<void>;
	/** Agent presence, kept for a day after the last update. */
	setDeskPresence(key: string, presence: DeskPresence): Promise<void>;
	deskPresence(keys: string[]): Promise<Array<DeskPresence | undefined>>;
	/** An agent's own password hash (never expires). */
	setDeskPassword(key: string, password: DeskPassword): Promise<void>;
	deskPassword(key: string): Promise<DeskPassword | undefined>;
	/** The Painel's general settings (written by the Painel, read by Transferir's inactivity timer). */
	setDeskSettings(settings: DeskSettings): Promise<void>;
	deskSettings(): Promise<DeskSettings | undefined>;
	/** Announces a change of a desk conversation on the feed (all processes); returns its sequence number. */
	publishDeskChange(conversationId: string, tipo: DeskChangeType): Promise<number>;
	/** Changes after cursor `after`; waits up to `waitMs` for one when there is none yet (long poll). */
	waitForDeskChanges(after: number, waitMs: number): Promise<DeskChanges>;
	/** Conversations on the desk: not finished, or whose human part ended at or after `endedSince`. */
	listDeskConversations(endedSince: number): Promise<Conversation[]>;

	close(): Promise<void>;
}

/** Key of the current conversation of one contact on one channel account. */
export function contactKey(channel: Pick<ChannelRef, 'type' | 'accountId'>, contactId: string): string {
	return `${channel.type}:${channel.accountId}:${contactId}`;
}

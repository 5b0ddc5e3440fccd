import type { Conversation } from './types';

/**
 * State of the Painel do Atendente kept in the conversation store (both backends), so the desk works
 * in queue mode too. Keys are chosen by the caller (the Painel prefixes them with its path).
 */

/** A logged-in agent's session (cookie `painel_sessao`). */
export interface DeskSession {
	/** 32 random bytes, base64url: the cookie value. */
	id: string;
	login: string;
	/** Random token the page sends in `X-CSRF-Token` on every change. */
	csrf: string;
	createdAt: number;
	/** Absolute expiry (session duration); the record is dropped then. */
	expiresAt: number;
	/** Last request; the session also ends after DeskSessionTouch.idleMs without one. */
	lastSeenAt: number;
}

/** Failed logins counted for one key (a login or an IP) within a window. */
export interface DeskLoginFailures {
	count: number;
	/** Epoch ms when the window (and the count) ends; 0 when there is none. */
	resetAt: number;
}

export interface DeskPresence {
	status: 'online' | 'ausente';
	lastSeen: number;
}

/** An agent's own password (changed on the desk), as a scrypt hash. */
export interface DeskPassword {
	hash: string;
	/**
	 * scrypt hash of the credential line this password replaced: when the credential's line no longer
	 * matches it, the admin reset the password and the credential applies again.
	 */
	replacedLine?: string;
	changedAt: number;
}

/** The Painel's general settings other nodes need (Transferir's inactivity timer). */
export interface DeskSettings {
	/** 0 = never. */
	inactivityMs: number;
	inactivityMessage: string;
	firstContactTeam: string;
}

export type DeskChangeType = 'nova' | 'mensagem' | 'estado' | 'atribuicao';

export interface DeskChange {
	seq: number;
	conversationId: string;
	tipo: DeskChangeType;
}

/** Changes after a cursor; `reset`: the cursor is unknown (restart) or too old: reload the queues. */
export interface DeskChanges {
	cursor: number;
	changes: DeskChange[];
	reset?: boolean;
}

/** Changes kept in the feed (older ones are dropped: a client that far behind reloads). */
export const DESK_FEED_SIZE = 1_000;

/** Records of the desk: on it and not finished, or finished on it at or after `endedSince`. */
export function isDeskListed(conversation: Conversation, endedSince: number): boolean {
	if (conversation.desk !== 'painel') return false;
	if (conversation.deskEndedAt === undefined) return conversation.state !== 'ended' || (conversation.endedAt ?? 0) >= endedSince;
	return conversation.deskEndedAt >= endedSince;
}

/** The answer of a feed read: changes after `after`, or a reset when `after` is not in the feed's range. */
export function deskChangesAfter(feed: DeskChange[], cursor: number, after: number): DeskChanges {
	if (after > cursor) return { cursor, changes: [], reset: true };
	const oldest = feed[0]?.seq ?? cursor + 1;
	if (after < oldest - 1 && after !== cursor) return { cursor, changes: [], reset: true };
	return { cursor, changes: feed.filter((change) => change.seq > after) };
}

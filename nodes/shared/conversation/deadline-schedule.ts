import type { Conversation } from './types';

/**
 * The "Sem resposta" deadline schedule (docs/arquitetura.md §5): one entry per conversation that waits at
 * a card with a deadline, due at {@link deadlineDueAt}. Each backend keeps it with every write of a record
 * (Redis: the sorted set `atendimento:prazos`, in the same commit; local: in memory, rebuilt from the
 * journal at start-up), so parking a card, answering it, ending or transferring the conversation all
 * update it atomically. Every process that loaded the pack claims due entries and fires them
 * (runtime/deadlines.ts).
 */

/** A due entry taken by one process: it stays in the schedule, leased until `leaseUntil`. */
export interface DeadlineClaim {
	conversationId: string;
	leaseUntil: number;
}

/** What one claim got: the entries due, and when the earliest entry left is due (none: undefined). */
export interface DueDeadlines {
	claimed: DeadlineClaim[];
	nextDueAt?: number;
}

/**
 * When the deadline of a conversation's waiter is due: its deadline, or the retry of a firing that could
 * not reach n8n; undefined when the conversation does not wait, waits forever, or was left to n8n.
 */
export function deadlineDueAt(conversation: Pick<Conversation, 'state' | 'waiter'>): number | undefined {
	const waiter = conversation.waiter;
	if (conversation.state !== 'waiting' || waiter?.deadline === undefined || waiter.leftToN8n) return undefined;
	return Math.max(waiter.deadline, waiter.retryAt ?? 0);
}

/**
 * The schedule of the local store (one process). A claim moves each due entry to the end of its lease
 * instead of removing it: the process that claimed it releases it when there was nothing to fire, and an
 * entry whose firing never finished comes due again. Any write of the record replaces the entry.
 */
export class DeadlineSchedule {
	private readonly entries = new Map<string, number>();

	/** The entry of a conversation follows its record: due at `dueAt`, or none. */
	set(conversationId: string, dueAt: number | undefined): void {
		if (dueAt === undefined) this.entries.delete(conversationId);
		else this.entries.set(conversationId, dueAt);
	}

	/** Up to `limit` entries due at `now`, earliest first, each leased until `now + leaseMs`. */
	claim(now: number, leaseMs: number, limit: number): DueDeadlines {
		const due = [...this.entries]
			.filter(([, dueAt]) => dueAt <= now)
			.sort(([, a], [, b]) => a - b)
			.slice(0, limit);
		const leaseUntil = now + leaseMs;
		for (const [conversationId] of due) this.entries.set(conversationId, leaseUntil);
		let nextDueAt: number | undefined;
		for (const dueAt of this.entries.values()) if (nextDueAt === undefined || dueAt < nextDueAt) nextDueAt = dueAt;
		return { claimed: due.map(([conversationId]) => ({ conversationId, leaseUntil })), nextDueAt };
	}

	/** Drops a claimed entry unless a write replaced it since the claim. */
	release(claim: DeadlineClaim): void {
		if (this.entries.get(claim.conversationId) === claim.leaseUntil) this.entries.delete(claim.conversationId);
	}

	get size(): number {
		return this.entries.size;
	}
}

import type { IHttpRequestOptions } from 'n8n-workflow';

import { contactKey, getConversationStore, onConversationStoreCreated, type ConversationStore } from '../conversation';
import { deadlineDueAt, type DeadlineClaim, type DueDeadlines } from '../conversation/deadline-schedule';
import type { Waiter } from '../conversation/types';
import { errorText, logLine } from '../log';
import { postResume, restoreWaiter } from './resume';

/** How long after a card's deadline n8n's own timeout takes over (the fallback set by startWaitingCard). */
export const N8N_FALLBACK_DELAY_MS = 60_000;

/** Wait before firing again a deadline whose resume could not reach n8n. */
export const RETRY_AFTER_FAILURE_MS = 2_000;

/** Longest time between two claims of a poller (another process may have scheduled an earlier deadline). */
export const DEADLINE_POLL_MS = 500;

/** How long a claimed deadline is kept from other processes: one that dies while firing it leaves it to them after this. */
export const DEADLINE_LEASE_MS = 15_000;

/** Deadlines claimed at most at once (more due: the next claim follows at once). */
const CLAIM_BATCH = 50;

/**
 * The subset of n8n's httpRequest that postResume uses, over fetch (a timer has no n8n context): JSON
 * body, the status and parsed body back, never a throw on an HTTP error status.
 */
export async function fetchRequest(options: IHttpRequestOptions): Promise<{ statusCode: number; body: unknown }> {
	const response = await fetch(options.url, {
		method: options.method,
		headers: { 'Content-Type': 'application/json', ...(options.headers as Record<string, string>) },
		body: JSON.stringify(options.body),
		signal: AbortSignal.timeout(options.timeout ?? 30_000),
	});
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	return { statusCode: response.status, body };
}

type FireDeadline = (store: ConversationStore, claim: DeadlineClaim) => Promise<void>;

export interface DeadlinePollerOptions {
	pollMs?: number;
	leaseMs?: number;
	/** Fires one claimed deadline (default: {@link fireNoAnswer}). */
	fire?: FireDeadline;
	/** Claims due entries (default: the "Sem resposta" deadlines; step-recovery.ts claims the running steps to check). */
	claim?: (store: ConversationStore, now: number, leaseMs: number, limit: number) => Promise<DueDeadlines>;
	/** What the log lines call the schedule. */
	label?: string;
}

/**
 * One per process and store (docs/arquitetura.md §5): claims the deadlines that are due from the store's
 * schedule and fires them. It sleeps until the earliest entry is due, at most `pollMs` (another process
 * may schedule an earlier one), on an unref'd timer. The claim is atomic across processes, so each due
 * deadline is fired by one process, whichever process parked the card.
 */
export class DeadlinePoller {
	private readonly pollMs: number;
	private readonly leaseMs: number;
	private readonly fire: FireDeadline;
	private readonly claim: NonNullable<DeadlinePollerOptions['claim']>;
	private readonly label: string;
	private timer?: NodeJS.Timeout;
	/** When the timer fires (epoch ms). */
	private wakeAt = Number.POSITIVE_INFINITY;
	private polling = false;
	private stopped = false;
	/** The store could not be read at the last claim (logged once, until it answers again). */
	private failing = false;
	private readonly firing = new Set<Promise<void>>();

	constructor(
		readonly store: ConversationStore,
		options: DeadlinePollerOptions = {},
	) {
		this.pollMs = options.pollMs ?? DEADLINE_POLL_MS;
		this.leaseMs = options.leaseMs ?? DEADLINE_LEASE_MS;
		this.fire = options.fire ?? fireNoAnswer;
		this.claim = options.claim ?? (async (store, now, leaseMs, limit) => await store.claimDueDeadlines(now, leaseMs, limit));
		this.label = options.label ?? 'prazos "Sem resposta"';
	}

	start(): void {
		this.sleep(0);
	}

	/** A card parked in this process with a deadline due at `dueAt`: claim then if sooner than planned. */
	wake(dueAt: number): void {
		if (this.stopped || this.polling || dueAt >= this.wakeAt) return;
		this.sleep(dueAt - Date.now());
	}

	/** Stops claiming; resolves once the deadlines being fired are done. */
	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		await Promise.allSettled([...this.firing]);
	}

	private sleep(ms: number): void {
		clearTimeout(this.timer);
		const delay = Math.min(Math.max(0, ms), this.pollMs);
		this.wakeAt = Date.now() + delay;
		this.timer = setTimeout(() => void this.poll(), delay);
		this.timer.unref();
	}

	private async poll(): Promise<void> {
		if (this.stopped || this.polling) return;
		this.polling = true;
		this.wakeAt = Number.POSITIVE_INFINITY;
		let next = this.pollMs;
		try {
			const { claimed, nextDueAt } = await this.claim(this.store, Date.now(), this.leaseMs, CLAIM_BATCH);
			if (this.failing) logLine(undefined, 'info', `${this.label}: o armazenamento voltou a responder`);
			this.failing = false;
			for (const claim of claimed) this.track(claim);
			if (claimed.length === CLAIM_BATCH) next = 0;
			else if (nextDueAt !== undefined) next = nextDueAt - Date.now();
		} catch (error) {
			// Redis unreachable: the deadlines stay in the schedule; claimed again once it answers.
			if (!this.failing) logLine(undefined, 'warn', `${this.label} não consultados (${errorText(error)}); nova tentativa a cada ${this.pollMs} ms`);
			this.failing = true;
		} finally {
			this.polling = false;
			if (!this.stopped) this.sleep(next);
		}
	}

	private track(claim: DeadlineClaim): void {
		const firing = this.fire(this.store, claim).catch((error: unknown) => {
			// The store failed mid-way: the claim's lease runs out and the deadline is claimed again.
			logLine(undefined, 'warn', `${this.label}: item não tratado (${errorText(error)}); nova tentativa em ${this.leaseMs / 1000} s`);
		});
		this.firing.add(firing);
		void firing.finally(() => this.firing.delete(firing));
	}
}

/**
 * Fires one claimed deadline: when the conversation still waits and its deadline (or retry) is due, it
 * takes the waiter (under the contact's lock, like a message) and posts `{ timeout: true }` to the resume
 * URL, so the card leaves by "Sem resposta" on time rather than at n8n's next minute tick. A resume that
 * cannot reach n8n puts the waiter back, due again RETRY_AFTER_FAILURE_MS later (in the schedule: any
 * process retries it), until n8n's own fallback timeout has passed.
 */
export async function fireNoAnswer(store: ConversationStore, claim: DeadlineClaim): Promise<void> {
	const { conversationId } = claim;
	const record = await store.get(conversationId);
	if (!record) return await store.releaseDeadline(claim); // expired
	await store.withLock(contactKey(record.channel, record.contact.id), async () => {
		const now = Date.now();
		const current = await store.get(conversationId);
		const dueAt = current && deadlineDueAt(current);
		// Answered, ended or parked again meanwhile: a write replaced the entry (release leaves it), or there is nothing left to fire.
		if (dueAt === undefined || dueAt > now) return await store.releaseDeadline(claim);
		let waiter: Waiter | undefined;
		const taken = await store.update(conversationId, (stored) => {
			waiter = undefined; // the Redis backend may run this again after a conflicting write
			const due = deadlineDueAt(stored);
			if (due !== undefined && due <= now) {
				waiter = stored.waiter;
				stored.state = 'running';
				stored.waiter = undefined;
				stored.checkpoint = undefined; // the card writes its settled checkpoint ("Sem resposta")
			}
		});
		if (!waiter) return; // a card's own write got there first (not under the contact's lock): its entry stands
		const facts = { node: waiter.nodeName, protocolo: taken?.protocolo, execucao: waiter.executionId };
		try {
			const outcome = await postResume(fetchRequest, { conversationId, waiter, timeout: true }, await store.internalSecret());
			if (outcome === 'resumed') logLine(undefined, 'info', 'prazo sem resposta vencido: o card segue pela saída "Sem resposta"', facts);
			else logLine(undefined, 'warn', 'prazo sem resposta vencido, mas a execução não espera mais (encerrada ou apagada)', facts);
		} catch (error) {
			// n8n unreachable (starting up, stopping): the card keeps waiting; tried again shortly, or left to n8n.
			if (Date.now() > waiter.deadline! + N8N_FALLBACK_DELAY_MS) {
				logLine(undefined, 'warn', `prazo sem resposta não entregue ao n8n (${errorText(error)}); deixado para o prazo do próprio n8n`, facts);
				await restoreWaiter(conversationId, { ...waiter, leftToN8n: true }, store);
			} else {
				logLine(undefined, 'warn', `prazo sem resposta não entregue ao n8n (${errorText(error)}); nova tentativa em ${RETRY_AFTER_FAILURE_MS / 1000} s`, facts);
				await restoreWaiter(conversationId, { ...waiter, retryAt: Date.now() + RETRY_AFTER_FAILURE_MS }, store);
			}
		}
	});
}

let processPoller: DeadlinePoller | undefined;

/**
 * Starts this process's deadline poller on `store` (the process-wide store by default); a poller on
 * another store is stopped. Runs on the first use of the process-wide store (trigger webhook, card
 * execution, trigger activation in the main process), so every n8n process that has loaded the pack polls.
 */
export function startDeadlinePoller(store: ConversationStore = getConversationStore()): DeadlinePoller {
	if (processPoller?.store === store) return processPoller;
	void processPoller?.stop();
	processPoller = new DeadlinePoller(store);
	processPoller.start();
	return processPoller;
}

/** A card parked with a deadline due at `dueAt`: this process's poller claims it on time. */
export function deadlineParked(dueAt: number | undefined): void {
	if (dueAt !== undefined) startDeadlinePoller().wake(dueAt);
}

/** Stops this process's poller (tests). */
export async function stopDeadlinePoller(): Promise<void> {
	const poller = processPoller;
	processPoller = undefined;
	await poller?.stop();
}

onConversationStoreCreated((store) => startDeadlinePoller(store));

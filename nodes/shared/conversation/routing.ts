import type { InboundMessage, OutboundMessage } from '../channels/types';
import { expectsSecretAnswer, MASKED_ANSWER } from '../runtime/sensitive';
import { checkpointHeldUntil, parkedCheckpoint } from './checkpoint';
import type { RouteOptions } from './store';
import type { ChannelRef, Conversation, HistoryAuthor, HistoryEntry, HistoryStatus, PendingBurst, RouteDecision, Waiter } from './types';

/** The most events kept on one conversation record (older ones are dropped). */
export const MAX_EVENTS_PER_CONVERSATION = 500;
/** The most history entries kept on one conversation record (older ones are dropped). */
export const MAX_HISTORY_ENTRIES = 200;
/** Longest text kept in a history entry (longer ones are cut, with "…"). */
export const MAX_HISTORY_TEXT = 2_000;
/** The most context texts kept on one conversation record (older ones are dropped). */
export const MAX_CONTEXT_ENTRIES = 20;

/** The contact of a first message (undefined fields left out). */
function contactOf(message: InboundMessage): Conversation['contact'] {
	return learnedContact({ id: message.contactId }, message);
}

/**
 * The contact with what `message` tells that it did not know: name, phone, WhatsApp username and
 * business-scoped user id (a contact first seen by one id may later bring the other).
 */
function learnedContact(contact: Conversation['contact'], message: InboundMessage): Conversation['contact'] {
	const learned = { ...contact };
	if (message.contactName && !learned.name) learned.name = message.contactName;
	if (message.contactPhone && !learned.phone) learned.phone = message.contactPhone;
	if (message.contactUsername && learned.username !== message.contactUsername) learned.username = message.contactUsername;
	if (message.contactUserId && learned.userId !== message.contactUserId) learned.userId = message.contactUserId;
	return learned;
}

/** A new conversation record for a first message. */
export function newConversation(channel: ChannelRef, message: InboundMessage, options: RouteOptions): Conversation {
	const first = contextTextOf(message);
	return {
		version: 2,
		id: options.newConversationId(),
		protocolo: options.newProtocolo(),
		channel,
		contact: contactOf(message),
		tags: [],
		variables: {},
		state: 'running',
		inbox: [],
		history: [inboundHistoryEntry(message, 'inicio', options.now)],
		context: first ? [first] : [],
		referral: message.referral,
		cardActivityAt: options.now,
		createdAt: options.now,
		updatedAt: options.now,
		events: [{ at: options.now, type: 'atendimento_iniciado', data: { canal: channel.type } }],
	};
}

/** Epoch ms of the last customer entry of a history, if any. */
function lastCustomerEntryAt(history: HistoryEntry[]): number | undefined {
	for (let index = history.length - 1; index >= 0; index--) if (history[index].from === 'cliente') return history[index].at;
	return undefined;
}

/**
 * A conversation that is over without an explicit end: running with no card activity for longer than
 * the lease (a flow that ended without "Encerrar"; customer messages do not renew it; a step whose
 * process may have died holds it a while, checkpoint.ts), or
 * transferred to a human with no message either way for longer than its inactivity timeout.
 */
export function isFinished(conversation: Conversation, now: number, runningLeaseMs: number): boolean {
	if (conversation.state === 'running') {
		const lastActivity = Math.max(conversation.cardActivityAt ?? conversation.updatedAt, conversation.busyUntil ?? 0, checkpointHeldUntil(conversation));
		return now - lastActivity > runningLeaseMs;
	}
	if (conversation.state === 'human') {
		return Boolean(conversation.humanTimeoutMs) && now - conversation.updatedAt > conversation.humanTimeoutMs!;
	}
	return false;
}

/** True for a conversation (or channel) of a test run from the editor (its test URL, a manual execution). */
export function isTestRun(channel: Pick<ChannelRef, 'test'>): boolean {
	return channel.test === true;
}

/**
 * The routing table of docs/arquitetura.md §3 as a pure function of the current record: what to do with
 * `message`, the record to store afterwards, and the conversation it replaces (ended), if any.
 * Every message is recorded in the history of the record stored. `blocked`: the contact opted out;
 * like a command (`options.command`), the message is only recorded, on the contact's current
 * conversation, or on a new ended record when there is none.
 * A test run from the editor and production never share a conversation: a message from the other side
 * ends the contact's current conversation and starts a new one (§17), so an unfinished test never
 * holds a contact in production.
 * Backends call it inside their atomic section.
 */
export function decideRoute(
	current: Conversation | undefined,
	channel: ChannelRef,
	message: InboundMessage,
	options: RouteOptions,
	blocked = false,
): { decision: RouteDecision; store?: Conversation; ended?: Conversation } {
	const at = message.receivedAt ?? options.now;
	if (blocked || options.command) {
		const status: HistoryStatus = options.command ? 'comando' : 'bloqueada';
		const conversation: Conversation = current
			? { ...current, updatedAt: options.now, history: appendHistory(current.history, inboundHistoryEntry(message, status, at)) }
			: {
					...newConversation(channel, message, options),
					state: 'ended',
					context: [],
					history: [inboundHistoryEntry(message, status, at)],
					events: [{ at: options.now, type: blocked ? 'mensagem_bloqueada' : 'comando', data: { messageId: message.messageId } }],
					endedAt: options.now,
					endReason: blocked ? 'contato_bloqueado' : 'comando',
				};
		return { decision: { action: 'recorded', conversation }, store: conversation };
	}
	const otherRun = current !== undefined && isTestRun(current.channel) !== isTestRun(channel);
	if (!current || current.state === 'ended' || otherRun || isFinished(current, options.now, options.runningLeaseMs)) {
		const conversation = newConversation(channel, message, options);
		const previousAt = current ? (lastCustomerEntryAt(current.history) ?? current.previousCustomerMessageAt) : undefined;
		if (previousAt !== undefined) conversation.previousCustomerMessageAt = previousAt;
		const ended: Conversation | undefined =
			current && current.state !== 'ended'
				? {
						...current,
						state: 'ended',
						waiter: undefined,
						checkpoint: undefined,
						endedAt: options.now,
						endReason: otherRun ? (isTestRun(current.channel) ? 'teste_substituido' : 'substituido_por_teste') : current.state === 'human' ? 'inatividade_atendente' : 'fluxo_concluido',
						updatedAt: options.now,
					}
				: undefined;
		return { decision: { action: 'start', conversation }, store: conversation, ended };
	}
	const conversation: Conversation = { ...current, updatedAt: options.now };
	conversation.contact = learnedContact(conversation.contact, message);
	switch (current.state) {
		case 'waiting': {
			const waiter = current.waiter!;
			conversation.state = 'running';
			conversation.waiter = undefined;
			// n8n runs the card's answer somewhere else now: the card writes its settled checkpoint (checkpoint.ts).
			conversation.checkpoint = undefined;
			const secret = expectsSecretAnswer(waiter.dialog);
			conversation.history = appendHistory(current.history, inboundHistoryEntry(message, 'resposta', at, secret));
			return { decision: { action: 'resume', conversation, waiter, checkpoint: current.checkpoint }, store: conversation };
		}
		case 'running':
			conversation.inbox = [...current.inbox, { ...message, receivedAt: at }];
			conversation.history = appendHistory(current.history, inboundHistoryEntry(message, 'fila', at));
			return { decision: { action: 'queued', conversation }, store: conversation };
		case 'human':
			conversation.history = appendHistory(current.history, inboundHistoryEntry(message, 'humano', at));
			conversation.events = appendEvent(conversation.events, {
				at: options.now,
				type: 'mensagem_para_humano',
				data: { messageId: message.messageId },
			});
			return { decision: { action: 'human', conversation }, store: conversation };
	}
}

/**
 * The transition of `parkOrTake` on a copy of the record: takes (and returns) the oldest inbox
 * message that arrived after the waiter's question was sent (`askedAt`), or parks the conversation at
 * `waiter`. Inbox messages that arrived before the question are moved to the conversation's context
 * (history status 'contexto'): the customer had not seen the question, so they answer nothing and
 * cost no attempt. Ended and transferred conversations do not park.
 */
export function parkOrTakeTransition(conversation: Conversation, waiter: Waiter): InboundMessage | undefined {
	const secret = expectsSecretAnswer(waiter.dialog);
	while (conversation.inbox.length > 0) {
		const next = conversation.inbox.shift()!;
		if (arrivedBefore(next, waiter.askedAt)) {
			// Typed before a password question was shown, it may still be the password: kept masked, not as context.
			const text = secret ? undefined : contextTextOf(next);
			if (text) conversation.context = appendContext(conversation.context, text);
			setHistoryStatus(conversation, next.messageId, 'contexto', secret);
			continue;
		}
		conversation.state = 'running';
		conversation.waiter = undefined;
		setHistoryStatus(conversation, next.messageId, 'resposta', secret);
		return next;
	}
	if (conversation.state !== 'ended' && conversation.state !== 'human') {
		conversation.state = 'waiting';
		conversation.waiter = waiter;
		conversation.checkpoint = parkedCheckpoint(conversation.checkpoint);
	}
	return undefined;
}

function arrivedBefore(message: InboundMessage, askedAt: number | undefined): boolean {
	return askedAt !== undefined && message.receivedAt !== undefined && message.receivedAt < askedAt;
}

/** The text a customer message adds to the context: typed text, a chosen title, a caption, a place. */
export function contextTextOf(message: InboundMessage): string | undefined {
	const content = message.content;
	const text =
		content.kind === 'text'
			? content.text
			: content.kind === 'choice'
				? content.title
				: content.kind === 'media'
					? content.caption
					: content.kind === 'location'
						? (content.name ?? content.address)
						: undefined;
	const trimmed = text?.trim();
	return trimmed ? capText(trimmed) : undefined;
}

function appendContext(context: string[], text: string): string[] {
	const next = [...context, text];
	return next.length > MAX_CONTEXT_ENTRIES ? next.slice(next.length - MAX_CONTEXT_ENTRIES) : next;
}

function capText(text: string): string {
	return text.length > MAX_HISTORY_TEXT ? `${text.slice(0, MAX_HISTORY_TEXT - 1)}…` : text;
}

/** The history entry of a customer message (`masked`: a secret answer, stored as "••••••"). */
export function inboundHistoryEntry(message: InboundMessage, status: HistoryStatus, at: number, masked = false): HistoryEntry {
	const content = message.content;
	const entry: HistoryEntry = { at, from: 'cliente', kind: content.kind, messageId: message.messageId, status };
	if (masked) return { ...entry, text: MASKED_ANSWER };
	const text =
		content.kind === 'contact'
			? [content.name, ...content.phones].join(' ')
			: content.kind === 'location'
				? [content.name, content.address, `${content.latitude},${content.longitude}`].filter(Boolean).join(' — ')
				: content.kind === 'unsupported'
					? content.originalType
					: content.kind === 'form'
						? formHistoryText(content.fields)
						: contextTextOf(message);
	if (text) entry.text = capText(text);
	if (content.kind === 'media') {
		if (content.fileName) entry.fileName = content.fileName;
		entry.kind = content.mediaType;
	}
	return entry;
}

/** A submitted form in the history: "Formulário: campo: valor; …" (lists joined, objects as JSON). */
function formHistoryText(fields: Record<string, unknown>): string {
	const shown = Object.entries(fields).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`);
	return `Formulário: ${shown.join('; ')}`;
}

/** The history entries of messages sent to the customer (files by name, never their data). */
export function outboundHistoryEntries(
	messages: OutboundMessage[],
	from: HistoryAuthor,
	at: number,
	status: Extract<HistoryStatus, 'enviada' | 'falhou'> = 'enviada',
): HistoryEntry[] {
	return messages.map((message) => {
		const entry: HistoryEntry = { at, from, kind: message.kind, status };
		const text =
			message.kind === 'text' || message.kind === 'choices'
				? message.text
				: message.kind === 'media'
					? message.caption
					: message.kind === 'flow'
						? `${message.text}\n[formulário: ${message.buttonLabel}]`
						: (message.fallbackText ?? `[modelo ${message.name}]`).replace(/\{\{(\d+)\}\}/g, (_, n: string) => message.bodyParameters[Number(n) - 1] ?? '');
		if (text?.trim()) entry.text = capText(text.trim());
		if (message.kind === 'choices') entry.choices = message.choices.map((choice) => choice.label);
		if (message.kind === 'media') {
			entry.kind = message.mediaType;
			if (message.fileName) entry.fileName = message.fileName;
		}
		return entry;
	});
}

/** Appends history entries, keeping at most MAX_HISTORY_ENTRIES. */
export function appendHistory(history: HistoryEntry[], ...entries: HistoryEntry[]): HistoryEntry[] {
	const next = [...history, ...entries];
	return next.length > MAX_HISTORY_ENTRIES ? next.slice(next.length - MAX_HISTORY_ENTRIES) : next;
}

/** Sets the status of the customer's message `messageId` in the history (masking its text when `masked`). */
export function setHistoryStatus(conversation: Conversation, messageId: string, status: HistoryStatus, masked = false): void {
	for (let index = conversation.history.length - 1; index >= 0; index--) {
		const entry = conversation.history[index];
		if (entry.from !== 'cliente' || entry.messageId !== messageId) continue;
		conversation.history = conversation.history.map((item, position) =>
			position === index ? { ...item, status, ...(masked ? { text: MASKED_ANSWER, fileName: undefined } : {}) } : item,
		);
		return;
	}
}

/** Appends an event, keeping at most MAX_EVENTS_PER_CONVERSATION. */
export function appendEvent<T>(events: T[], event: T): T[] {
	const next = [...events, event];
	return next.length > MAX_EVENTS_PER_CONVERSATION ? next.slice(next.length - MAX_EVENTS_PER_CONVERSATION) : next;
}

/** A tag list after adding and removing tags: trimmed, no empties, no duplicates, order kept. */
export function applyTagChanges(current: string[], add: string[], remove: string[]): string[] {
	const removed = new Set(remove.map((tag) => tag.trim()));
	const tags: string[] = [];
	for (const tag of [...current, ...add].map((value) => value.trim())) {
		if (tag && !removed.has(tag) && !tags.includes(tag)) tags.push(tag);
	}
	return tags;
}

/** Timing of a burst of text messages being joined (the trigger's "Agrupar mensagens em sequência"). */
export interface BurstTiming {
	now: number;
	/** Quiet time after the last part that ends the burst. */
	windowMs: number;
	/** Longest a burst is held, counted from its first part. */
	maxMs: number;
	/** The trigger's running lease, kept with the burst for routing it later. */
	runningLeaseMs: number;
}

/** The contact's pending burst with `message` added (a part already in it is not added twice). */
export function addToBurstTransition(
	current: PendingBurst | undefined,
	key: string,
	channel: ChannelRef,
	message: InboundMessage,
	timing: BurstTiming,
): PendingBurst {
	if (current?.messages.some((part) => part.messageId === message.messageId)) return current;
	const firstAt = current?.firstAt ?? timing.now;
	return {
		key,
		channel,
		runningLeaseMs: timing.runningLeaseMs,
		messages: [...(current?.messages ?? []), { ...message, receivedAt: message.receivedAt ?? timing.now }],
		firstAt,
		lastAt: timing.now,
		flushAt: Math.min(timing.now + timing.windowMs, firstAt + timing.maxMs),
	};
}

/** Whether a burst is to be routed at `now` (`now` undefined: at once, a message that is not text arrived). */
export function isBurstDue(burst: PendingBurst, now: number | undefined): boolean {
	return now === undefined || burst.flushAt <= now;
}

/**
 * The one message a burst becomes: its parts' texts, one per line, with the first part's id, contact
 * and channel, and the last part's arrival time.
 */
export function joinBurst(burst: PendingBurst): InboundMessage {
	const first = burst.messages[0];
	const last = burst.messages[burst.messages.length - 1];
	const text = burst.messages.map((part) => (part.content.kind === 'text' ? part.content.text : '')).join('\n');
	return {
		...first,
		contactName: first.contactName ?? last.contactName,
		receivedAt: last.receivedAt ?? burst.lastAt,
		content: { kind: 'text', text },
	};
}

import type { IHttpRequestOptions } from 'n8n-workflow';

import { contactKey, getConversationStore } from '../conversation';
import type { Conversation, Waiter } from '../conversation/types';
import { errorText, logLine } from '../log';
import { postResume, restoreWaiter } from './resume';

/** Longest delay setTimeout accepts; later deadlines are re-checked when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How long after a card's deadline n8n's own timeout takes over (the fallback set by startWaitingCard). */
export const N8N_FALLBACK_DELAY_MS = 60_000;

/** Wait before firing again a deadline whose resume could not reach n8n. */
const RETRY_AFTER_FAILURE_MS = 2_000;

const timers = new Map<string, NodeJS.Timeout>();
let armed = false;

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

/**
 * Arms the "Sem resposta" deadline of a parked card. When it passes and the card still waits at the
 * same resume URL, the conversation takes the waiter (under the contact's lock, like a message) and
 * the card is resumed on its "Sem resposta" output, on time rather than at n8n's next minute tick.
 */
export function scheduleNoAnswer(conversation: Pick<Conversation, 'id' | 'channel' | 'contact'>, waiter: Waiter): void {
	if (waiter.deadline === undefined) return;
	clearTimeout(timers.get(conversation.id));
	const key = contactKey(conversation.channel, conversation.contact.id);
	const delay = Math.min(Math.max(0, waiter.deadline - Date.now()), MAX_TIMER_MS);
	const timer = setTimeout(() => {
		timers.delete(conversation.id);
		if (Date.now() < waiter.deadline!) scheduleNoAnswer(conversation, waiter);
		else void fireNoAnswer(conversation.id, key, waiter).catch((error: unknown) => failedToFire(conversation.id, key, waiter, error));
	}, delay);
	timer.unref();
	timers.set(conversation.id, timer);
}

async function fireNoAnswer(conversationId: string, key: string, waiter: Waiter): Promise<void> {
	const store = getConversationStore();
	await store.withLock(key, async () => {
		let taken = false;
		const record = await store.update(conversationId, (stored) => {
			taken = false; // the Redis backend may run this again after a conflicting write
			if (stored.state === 'waiting' && stored.waiter?.resumeUrl === waiter.resumeUrl) {
				stored.state = 'running';
				stored.waiter = undefined;
				taken = true;
			}
		});
		if (!taken) return; // answered meanwhile, or n8n's own timeout got there first
		const facts = { node: waiter.nodeName, protocolo: record?.protocolo, execucao: waiter.executionId };
		try {
			const outcome = await postResume(fetchRequest, { conversationId, waiter, timeout: true }, await store.internalSecret());
			if (outcome === 'resumed') logLine(undefined, 'info', 'prazo sem resposta vencido: o card segue pela saída "Sem resposta"', facts);
			else logLine(undefined, 'warn', 'prazo sem resposta vencido, mas a execução não espera mais (encerrada ou apagada)', facts);
		} catch (error) {
			// n8n unreachable (starting up, stopping): keep waiting and try again shortly.
			logLine(undefined, 'warn', `prazo sem resposta não entregue ao n8n (${errorText(error)}); nova tentativa em ${RETRY_AFTER_FAILURE_MS / 1000} s`, facts);
			await restoreWaiter(conversationId, waiter);
			retryLater(conversationId, key, waiter);
		}
	});
}

/** A deadline whose firing failed before reaching n8n (the store could not be read or written): logged, tried again. */
function failedToFire(conversationId: string, key: string, waiter: Waiter, error: unknown): void {
	logLine(undefined, 'warn', `prazo sem resposta não disparado (${errorText(error)})`, { node: waiter.nodeName, execucao: waiter.executionId });
	retryLater(conversationId, key, waiter);
}

/** Retries a deadline n8n could not take; past n8n's own fallback timeout, n8n handles it. */
function retryLater(conversationId: string, key: string, waiter: Waiter): void {
	if (Date.now() > waiter.deadline! + N8N_FALLBACK_DELAY_MS) {
		logLine(undefined, 'warn', 'prazo sem resposta deixado para o n8n (o pacote não conseguiu entregá-lo a tempo)', { node: waiter.nodeName, execucao: waiter.executionId });
		return;
	}
	const timer = setTimeout(() => {
		timers.delete(conversationId);
		void fireNoAnswer(conversationId, key, waiter).catch((error: unknown) => failedToFire(conversationId, key, waiter, error));
	}, RETRY_AFTER_FAILURE_MS);
	timer.unref();
	timers.set(conversationId, timer);
}

/** Once per process: re-arms the deadlines of conversations that were waiting before a restart. */
export async function armPendingDeadlines(): Promise<void> {
	if (armed) return;
	armed = true;
	for (const conversation of await getConversationStore().listWaiting()) scheduleNoAnswer(conversation, conversation.waiter!);
}

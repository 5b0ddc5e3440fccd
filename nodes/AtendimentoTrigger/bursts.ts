import type { InboundMessage } from '../shared/channels/types';
import { getConversationStore } from '../shared/conversation';
import { errorText, logLine } from '../shared/log';
import type { ChannelRef, PendingBurst } from '../shared/conversation/types';
import { fetchRequest } from '../shared/runtime/deadlines';
import { BurstDeliveryError, deliverBurst, deliverJoined, OPT_IN_COMMAND, OPT_OUT_COMMAND } from '../shared/runtime/deliver';
import { startThroughTrigger, type TriggerConfig } from './handlers/inbound';

/**
 * "Agrupar mensagens em sequência": text messages a contact sends in a row are held in the conversation
 * store (both backends, atomically) and routed as one message (the texts one per line) once the contact
 * has been quiet for the window, or at most BURST_CAP_FACTOR windows after the first. The trigger
 * answers the channel's webhook at once; a timer of this process routes the burst (re-armed after a
 * restart from the store, like the "Sem resposta" deadlines).
 */
export const BURST_CAP_FACTOR = 3;

/** Tries of routing a burst whose first attempt failed (n8n unreachable), and the wait between them. */
const FLUSH_RETRIES = 5;
const RETRY_AFTER_FAILURE_MS = 2_000;

const timers = new Map<string, NodeJS.Timeout>();
let armed = false;

/** Whether a message joins a burst: typed text that is not /bloquear or /desbloquear. */
export function joinsBurst(message: InboundMessage): boolean {
	if (message.content.kind !== 'text') return false;
	const command = message.content.text.trim().toLowerCase();
	return command !== OPT_OUT_COMMAND && command !== OPT_IN_COMMAND;
}

/** Adds a text message to its contact's pending burst and (re)arms the burst's timer. */
export async function holdInBurst(config: TriggerConfig, message: InboundMessage, windowMs: number): Promise<void> {
	const now = Date.now();
	const burst = await getConversationStore().addToBurst(config.channel, { ...message, receivedAt: now }, {
		now,
		windowMs,
		maxMs: windowMs * BURST_CAP_FACTOR,
		runningLeaseMs: config.runningLeaseMs,
	});
	if (burst !== 'duplicate') scheduleBurstFlush(burst);
}

/** Arms the timer that routes `burst` at its `flushAt` (replacing the contact's earlier timer). */
export function scheduleBurstFlush(burst: PendingBurst): void {
	clearTimeout(timers.get(burst.key));
	const timer = setTimeout(() => {
		timers.delete(burst.key);
		void flushBurst(burst);
	}, Math.max(0, burst.flushAt - Date.now()));
	timer.unref();
	timers.set(burst.key, timer);
}

/** Once per process: re-arms the timers of bursts pending before a restart. */
export async function armPendingBursts(): Promise<void> {
	if (armed) return;
	armed = true;
	for (const burst of await getConversationStore().listBursts()) scheduleBurstFlush(burst);
}

/**
 * Routes the burst if it is still due (a later part may have moved its time: that part's timer routes
 * it), then starts an execution through the trigger when it opens a conversation.
 */
async function flushBurst(burst: PendingBurst): Promise<void> {
	const contactId = burst.messages[0].contactId;
	try {
		const delivered = await deliverBurst(fetchRequest, burst.channel, contactId, Date.now());
		if (delivered?.outcome.kind === 'start') await startWithRetries(delivered.outcome.conversation.channel, delivered.outcome.conversation.id, delivered.outcome.message);
	} catch (error) {
		if (error instanceof BurstDeliveryError) void redeliverJoined(burst.channel, error);
		else logLine(undefined, 'error', `mensagens agrupadas não roteadas: ${errorText(error)}`, { canal: burst.channel.type });
	}
}

/**
 * Routes again, a few times, a joined burst whose routing failed after it left the store (n8n could
 * not be reached to resume the waiting card): the card keeps waiting meanwhile.
 */
export async function redeliverJoined(channel: ChannelRef, failure: BurstDeliveryError): Promise<void> {
	const joined = failure.joined;
	let lastError: Error = failure;
	for (let attempt = 1; attempt <= FLUSH_RETRIES; attempt++) {
		logLine(undefined, 'warn', `mensagens agrupadas não entregues (${errorText(lastError)}); tentativa ${attempt}/${FLUSH_RETRIES}`, { canal: channel.type });
		await sleep(RETRY_AFTER_FAILURE_MS);
		try {
			const outcome = await deliverJoined(fetchRequest, channel, joined, failure.runningLeaseMs);
			if (outcome.kind === 'start') await startWithRetries(outcome.conversation.channel, outcome.conversation.id, outcome.message);
			return;
		} catch (error) {
			lastError = error as Error;
		}
	}
	logLine(undefined, 'error', `mensagens agrupadas não entregues após ${FLUSH_RETRIES} tentativas: ${errorText(lastError)} (ficam no histórico da conversa)`, { canal: channel.type });
}

/** Starts the execution of a conversation a burst opened, trying again a few times if the trigger cannot be reached. */
async function startWithRetries(channel: ChannelRef, conversationId: string, message: InboundMessage): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await startThroughTrigger(fetchRequest, channel.triggerUrl, conversationId, message);
			return;
		} catch (error) {
			if (attempt > FLUSH_RETRIES) {
				// The conversation stays 'running' without an execution: the running lease ends it, and the contact's next message starts over.
				logLine(undefined, 'error', `não foi possível iniciar o atendimento ${conversationId}: ${errorText(error)}`, { canal: channel.type });
				return;
			}
			await sleep(RETRY_AFTER_FAILURE_MS);
		}
	}
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

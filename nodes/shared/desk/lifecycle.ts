import type { IHttpRequestOptions } from 'n8n-workflow';

import { getConversationStore } from '../conversation';
import { appendEvent } from '../conversation/routing';
import type { Conversation, DeskOutcome } from '../conversation/types';
import { errorText, logLine } from '../log';
import { fetchRequest } from '../runtime/deadlines';
import { postResume } from '../runtime/resume';

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** Inactivity used until a Painel has written its settings to the store. */
export const DEFAULT_INACTIVITY_MS = 60 * 60 * 1000;
/** Longest delay setTimeout accepts; later checks are re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Reasons recorded on the conversation when the human part ends without a parked Transferir. */
const END_REASON: Record<DeskOutcome, string> = {
	devolvido: 'devolvido_ao_bot',
	resolvido: 'encerrado_pelo_atendente',
	inatividade: 'inatividade_atendente',
};

/** What became of an end request: the flow resumed, the conversation ended (no flow waited), or it had ended already. */
export type DeskEndResult = 'resumed' | 'ended' | 'already';

/**
 * Ends the human part of a desk conversation: records it (in the "Encerradas" queue from now on) and
 * resumes the parked Transferir Atendimento by the output of `outcome`; a conversation with no parked
 * card (older ones, or the card's execution is gone) simply ends.
 */
export async function endHumanPart(httpRequest: HttpRequest, conversationId: string, outcome: DeskOutcome, by?: string): Promise<DeskEndResult> {
	const store = getConversationStore();
	let waiter: Conversation['deskWaiter'];
	let already = false;
	const updated = await store.update(conversationId, (record) => {
		already = record.deskEndedAt !== undefined || record.state === 'ended';
		waiter = undefined;
		if (already) return;
		waiter = record.deskWaiter;
		record.deskWaiter = undefined;
		record.deskEndedAt = Date.now();
		record.deskOutcome = outcome;
		record.events = appendEvent(record.events, { at: Date.now(), type: `painel_${outcome}`, data: { por: by ?? null } });
		if (!waiter) endRecord(record, outcome);
	});
	if (!updated || already) return 'already';
	await store.publishDeskChange(conversationId, 'estado');
	if (!waiter) return 'ended';
	const result = await postResume(httpRequest, { conversationId, waiter, desk: { fim: outcome, ...(by ? { por: by } : {}) } }, await store.internalSecret());
	if (result === 'resumed') return 'resumed';
	// The parked execution is gone (deleted, n8n data pruned): the conversation just ends.
	await store.update(conversationId, (record) => endRecord(record, outcome));
	return 'ended';
}

function endRecord(record: Conversation, outcome: DeskOutcome): void {
	record.state = 'ended';
	record.checkpoint = undefined;
	record.endedAt = Date.now();
	record.endReason = END_REASON[outcome];
	record.resolved = outcome === 'resolvido' ? true : undefined;
}

/** Last message either way (or the transfer): inactivity counts from here. */
export function lastActivityOf(conversation: Conversation): number {
	return Math.max(conversation.transferredAt ?? 0, conversation.history.at(-1)?.at ?? 0);
}

const timers = new Map<string, NodeJS.Timeout>();
let armed = false;

/**
 * Arms the inactivity check of a desk conversation: when the Painel's inactivity time (its settings
 * in the store) has passed since the last message either way, the human part ends by "Encerrado por
 * inatividade". The timer re-reads the record when it fires, so messages need not re-arm it.
 */
export async function scheduleDeskInactivity(conversationId: string): Promise<void> {
	const store = getConversationStore();
	const conversation = await store.get(conversationId);
	if (!conversation || conversation.desk !== 'painel' || conversation.deskEndedAt !== undefined || conversation.state === 'ended') return;
	const inactivityMs = (await store.deskSettings())?.inactivityMs ?? DEFAULT_INACTIVITY_MS;
	if (inactivityMs <= 0) return;
	const dueAt = lastActivityOf(conversation) + inactivityMs;
	// The timer keeps only the protocol number, not the record (one timer per conversation on the Painel).
	const { protocolo } = conversation;
	clearTimeout(timers.get(conversationId));
	const timer = setTimeout(() => {
		timers.delete(conversationId);
		void fireInactivity(conversationId).catch((error: unknown) => {
			logLine(undefined, 'error', `Falha ao encerrar por inatividade: ${errorText(error)}`, { protocolo });
		});
	}, Math.min(Math.max(0, dueAt - Date.now()), MAX_TIMER_MS));
	timer.unref();
	timers.set(conversationId, timer);
}

async function fireInactivity(conversationId: string): Promise<void> {
	const store = getConversationStore();
	const conversation = await store.get(conversationId);
	if (!conversation || conversation.deskEndedAt !== undefined || conversation.state === 'ended') return;
	const inactivityMs = (await store.deskSettings())?.inactivityMs ?? DEFAULT_INACTIVITY_MS;
	if (inactivityMs <= 0) return;
	if (Date.now() < lastActivityOf(conversation) + inactivityMs) {
		await scheduleDeskInactivity(conversationId); // a message came meanwhile
		return;
	}
	await endHumanPart(fetchRequest, conversationId, 'inatividade');
}

/** Once per process: arms the inactivity checks of the conversations on the desk (after a restart). */
export async function armDeskInactivity(): Promise<void> {
	if (armed) return;
	armed = true;
	for (const conversation of await getConversationStore().listDeskConversations(Date.now())) {
		if (conversation.deskEndedAt === undefined) await scheduleDeskInactivity(conversation.id);
	}
}

import type { Conversation, HistoryEntry } from './types';
import { inboundHistoryEntry } from './routing';

/**
 * Brings a stored conversation record of any known version to the current shape.
 * 1 → 2: `history` and `context` start empty, except that messages still in the inbox are listed
 * in the history (status 'fila'), so none is left out of it.
 */
export function migrateConversation(raw: Record<string, unknown>): Conversation {
	const version = raw.version ?? 1;
	if (version !== 1 && version !== 2) {
		throw new Error(`Registro de conversa com versão desconhecida: ${String(version)}`);
	}
	const record = raw as unknown as Conversation;
	const inbox = record.inbox ?? [];
	const history: HistoryEntry[] =
		record.history ?? inbox.map((message) => inboundHistoryEntry(message, 'fila', message.receivedAt ?? message.timestamp));
	return {
		...record,
		version: 2,
		tags: record.tags ?? [],
		variables: record.variables ?? {},
		inbox,
		history,
		context: record.context ?? [],
		events: record.events ?? [],
		// Records from before the running lease counted card activity: their last update stands in.
		cardActivityAt: record.cardActivityAt ?? record.updatedAt,
	};
}

import type { Conversation } from './types';

/** Brings a stored conversation record of any known version to the current shape. */
export function migrateConversation(raw: Record<string, unknown>): Conversation {
	const version = raw.version ?? 1;
	if (version !== 1) {
		throw new Error(`Registro de conversa com versão desconhecida: ${String(version)}`);
	}
	const record = raw as unknown as Conversation;
	return {
		...record,
		version: 1,
		tags: record.tags ?? [],
		variables: record.variables ?? {},
		inbox: record.inbox ?? [],
		events: record.events ?? [],
		// Records from before the running lease counted card activity: their last update stands in.
		cardActivityAt: record.cardActivityAt ?? record.updatedAt,
	};
}

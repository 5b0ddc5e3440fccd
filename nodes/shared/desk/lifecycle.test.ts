import { storedConversation } from '../../../test/support/stored-conversation';
import { useTemporaryStore } from '../../../test/support/temporary-store';
import { getConversationStore } from '../conversation';
import { appendHistory } from '../conversation/routing';
import { scheduleDeskInactivity } from './lifecycle';

useTemporaryStore('desk-lifecycle', () => undefined);

const INACTIVITY_MS = 300;

/** A conversation on the Painel, transferred now, with no parked Transferir (it simply ends). */
async function onTheDesk(): Promise<string> {
	const store = getConversationStore();
	await store.setDeskSettings({ inactivityMs: INACTIVITY_MS, inactivityMessage: 'Encerrado por falta de resposta.', firstContactTeam: 'Atendimento' });
	const conversation = await storedConversation({ phone: '5511987654321' });
	await store.update(conversation.id, (record) => {
		record.state = 'human';
		record.desk = 'painel';
		record.deskStatus = 'nova';
		record.department = 'Atendimento';
		record.transferredAt = Date.now();
	});
	return conversation.id;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

test('with no message either way for the inactivity time, the human part ends by inactivity', async () => {
	const id = await onTheDesk();
	await scheduleDeskInactivity(id);
	await sleep(INACTIVITY_MS / 2);
	expect((await getConversationStore().get(id))?.state).toBe('human');
	await sleep(INACTIVITY_MS);
	const record = await getConversationStore().get(id);
	expect(record).toMatchObject({ state: 'ended', endReason: 'inatividade_atendente', deskOutcome: 'inatividade' });
	expect(record?.events.map((event) => event.type)).toContain('painel_inatividade');
});

test('a message in between moves the end: inactivity counts from the last message', async () => {
	const id = await onTheDesk();
	await scheduleDeskInactivity(id);
	await sleep(INACTIVITY_MS * 0.7);
	await getConversationStore().update(id, (record) => {
		record.history = appendHistory(record.history, { at: Date.now(), from: 'cliente', kind: 'text', text: 'ainda estou aqui', status: 'humano' });
	});
	await sleep(INACTIVITY_MS * 0.6); // past the first due time, not past the one counted from the message
	expect((await getConversationStore().get(id))?.state).toBe('human');
	await sleep(INACTIVITY_MS);
	expect((await getConversationStore().get(id))?.state).toBe('ended');
});

test('inactivity 0 never ends it', async () => {
	const id = await onTheDesk();
	await getConversationStore().setDeskSettings({ inactivityMs: 0, inactivityMessage: '', firstContactTeam: 'Atendimento' });
	await scheduleDeskInactivity(id);
	await sleep(INACTIVITY_MS * 2);
	expect((await getConversationStore().get(id))?.state).toBe('human');
});

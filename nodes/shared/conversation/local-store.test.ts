import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { LocalConversationStore } from './local-store';
import {
	describeConversationStoreContract,
	startedId,
	testChannel,
	testMessage,
	testRouteOptions,
	testWaiter,
} from './store.contract';

const directories = new Set<string>();

function newDirectory(): string {
	const directory = mkdtempSync(join(tmpdir(), 'store-'));
	directories.add(directory);
	return directory;
}

afterAll(() => {
	for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describeConversationStoreContract(
	'LocalConversationStore',
	(options) => new LocalConversationStore(newDirectory(), options),
	async (store) => await store.close(),
);

describe('LocalConversationStore journal', () => {
	it('survives a restart: the journal is replayed', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory);
		const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));
		await store.parkOrTake(id, testWaiter);
		await store.setConsent('webchat', 'bloqueado', 'out');
		await store.setConsent('webchat', 'aceitou', 'in');
		await store.appendWebchat('atendimento', 'sessao-1', 'bot', { kind: 'text', text: 'Olá' });
		const secret = await store.internalSecret();

		const reopened = new LocalConversationStore(directory);
		expect(await reopened.get(id)).toMatchObject({ state: 'waiting', waiter: testWaiter });
		expect((await reopened.listWaiting()).map((conversation) => conversation.id)).toEqual([id]);
		expect(await reopened.consentOf('webchat', 'bloqueado')).toBe('out');
		expect(await reopened.consentOf('webchat', 'aceitou')).toBe('in');
		expect(await reopened.readWebchat('atendimento', 'sessao-1', 0, 0)).toMatchObject([{ seq: 1, message: { text: 'Olá' } }]);
		expect(await reopened.internalSecret()).toBe(secret);
		expect((await reopened.routeInbound(testChannel, testMessage('2'), testRouteOptions())).action).toBe('resume');
	});
});

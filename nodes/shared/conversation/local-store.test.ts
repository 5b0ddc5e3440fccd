import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { LocalConversationStore } from './local-store';
import { contactKey } from './store';
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

// The same contract with no ended conversation cached: every read of one goes to the journal on disk.
describeConversationStoreContract(
	'LocalConversationStore, ended conversations read from disk',
	(options) => new LocalConversationStore(newDirectory(), { ...options, endedCacheSize: 0 }),
	async (store) => await store.close(),
);

describe('LocalConversationStore memory bounds', () => {
	async function endConversation(store: LocalConversationStore, contact: string, desk?: 'painel'): Promise<string> {
		const id = startedId(await store.routeInbound(testChannel, testMessage('oi', contact), testRouteOptions()));
		await store.update(id, (conversation) => {
			conversation.variables.setor = `setor de ${contact}`;
			if (desk) conversation.desk = desk;
			conversation.state = 'ended';
			conversation.endedAt = Date.now();
		});
		return id;
	}

	it('keeps only a few ended conversations whole in memory and reads the others back from the journal, also after a compaction and a restart', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory, { endedCacheSize: 2, compactAfterLines: 10 });
		const ids: string[] = [];
		for (let index = 0; index < 6; index++) ids.push(await endConversation(store, `c${index}`, index === 0 ? 'painel' : undefined));
		const waiting = startedId(await store.routeInbound(testChannel, testMessage('oi', 'aguarda'), testRouteOptions()));
		await store.parkOrTake(waiting, testWaiter);
		expect(store.sizes()).toMatchObject({ conversations: 7, wholeConversations: 3 });

		const check = async (reader: LocalConversationStore, opened: string[] = []) => {
			for (const [index, id] of ids.entries()) {
				expect(await reader.get(id)).toMatchObject({ id, state: 'ended', variables: { setor: `setor de c${index}` } });
			}
			expect((await reader.currentOf(testChannel, 'c0'))?.id).toBe(ids[0]);
			expect((await reader.listConversations(0)).map((conversation) => conversation.id).sort()).toEqual([...ids, waiting, ...opened].sort());
			expect((await reader.listDeskConversations(0)).map((conversation) => conversation.id)).toEqual([ids[0]]);
			expect((await reader.listWaiting()).map((conversation) => conversation.id)).toEqual([waiting]);
			expect(reader.sizes().wholeConversations).toBe(2 + 1 + opened.length); // the cache, the waiting one, new ones
		};
		await check(store);
		// Read back from disk, the ended conversation changes again: its new line is the one read next.
		await store.update(ids[1], (conversation) => {
			conversation.resolved = true;
		});
		expect(await store.get(ids[1])).toMatchObject({ resolved: true, state: 'ended' });
		// A new message from an ended conversation's contact opens a new one.
		const reopenedC2 = startedId(await store.routeInbound(testChannel, testMessage('de novo', 'c2'), testRouteOptions()));
		await store.close();

		const reopened = new LocalConversationStore(directory, { endedCacheSize: 2, compactAfterLines: 10 });
		expect(reopened.sizes().wholeConversations).toBe(2); // the waiting one and c2's new one
		await check(reopened, [reopenedC2]);
		expect(await reopened.get(ids[1])).toMatchObject({ resolved: true });
		await reopened.close();
	});

	it('drops an expired ended conversation with its pointer', async () => {
		const DAY_MS = 24 * 60 * 60 * 1000;
		let clock = Date.now();
		const store = new LocalConversationStore(newDirectory(), { now: () => clock, retentionMs: DAY_MS, endedCacheSize: 0 });
		const id = await endConversation(store, 'expira');
		clock += 2 * DAY_MS;
		await store.setConsent('webchat', 'outro', 'in'); // a write: the sweep runs
		expect(store.sizes()).toMatchObject({ conversations: 0, pointers: 0 });
		expect(await store.get(id)).toBeUndefined();
		await store.close();
	});

	it('keeps at most dedupeMaxMarks message ids: the oldest is forgotten first', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory, { dedupeMaxMarks: 2 });
		const messages = [testMessage('a', 'd1'), testMessage('b', 'd2'), testMessage('c', 'd3')];
		for (const message of messages) await store.routeInbound(testChannel, message, testRouteOptions());
		expect(store.sizes().dedupe).toBe(2);
		expect((await store.routeInbound(testChannel, messages[2], testRouteOptions())).action).toBe('duplicate');
		expect((await store.routeInbound(testChannel, messages[0], testRouteOptions())).action).not.toBe('duplicate');
		await store.close();
		const reopened = new LocalConversationStore(directory, { dedupeMaxMarks: 2 });
		expect(reopened.sizes().dedupe).toBe(2);
		await reopened.close();
	});
});

describe('LocalConversationStore journal', () => {
	it('survives a restart: the journal is replayed', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory);
		const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));
		await store.parkOrTake(id, testWaiter);
		await store.setConsent('webchat', 'bloqueado', 'out');
		await store.setConsent('webchat', 'aceitou', 'in');
		await store.appendWebchat('atendimento', 'sessao-1', 'bot', { kind: 'text', text: 'Olá' });
		await store.linkContactIds('whatsapp', ['5511977770000', 'BR.5551234']);
		const secret = await store.internalSecret();

		const reopened = new LocalConversationStore(directory);
		expect(await reopened.get(id)).toMatchObject({ state: 'waiting', waiter: testWaiter });
		expect((await reopened.listWaiting()).map((conversation) => conversation.id)).toEqual([id]);
		expect(await reopened.consentOf('webchat', 'bloqueado')).toBe('out');
		expect(await reopened.consentOf('webchat', 'aceitou')).toBe('in');
		expect(await reopened.readWebchat('atendimento', 'sessao-1', 0, 0)).toMatchObject([{ seq: 1, message: { text: 'Olá' } }]);
		expect(await reopened.internalSecret()).toBe(secret);
		expect(await reopened.canonicalContactId('whatsapp', 'BR.5551234')).toBe('5511977770000');
		expect((await reopened.routeInbound(testChannel, testMessage('2'), testRouteOptions())).action).toBe('resume');
	});

	it('rebuilds the "Sem resposta" deadline schedule from the journal: a deadline due during the stop is claimed after the restart', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory);
		const deadline = Date.now() + 60_000;
		const waiting = startedId(await store.routeInbound(testChannel, testMessage('oi', 'reinicio-a'), testRouteOptions()));
		const answered = startedId(await store.routeInbound(testChannel, testMessage('oi', 'reinicio-b'), testRouteOptions()));
		await store.parkOrTake(waiting, { ...testWaiter, deadline });
		await store.parkOrTake(answered, { ...testWaiter, deadline });
		await store.routeInbound(testChannel, testMessage('2', 'reinicio-b'), testRouteOptions());
		await store.close();

		const reopened = new LocalConversationStore(directory);
		expect(await reopened.claimDueDeadlines(deadline + 1_000, 10_000, 10)).toEqual({
			claimed: [{ conversationId: waiting, leaseUntil: deadline + 11_000 }],
			nextDueAt: deadline + 11_000,
		});
		await reopened.close();
	});

	it('keeps WhatsApp invitations across a restart (pending, taken, cancelled) and after a compaction', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory);
		const now = Date.now();
		const invitation = (sentAt: number) => ({ sentAt, validUntil: sentAt + 3_600_000, protocolo: `P-${sentAt}`, variables: { origem: 'telefonia' } });
		await store.inviteContact('PNID:5547991410001', invitation(now), 86_400_000);
		await store.inviteContact('PNID:5547991410002', invitation(now), 86_400_000);
		await store.takeInvitation('PNID:5547991410002', now + 1);
		await store.inviteContact('PNID:5547991410003', invitation(now), 86_400_000);
		await store.cancelInvitation('PNID:5547991410003', now);

		const reopened = new LocalConversationStore(directory);
		expect((await reopened.inviteContact('PNID:5547991410002', invitation(now + 2), 86_400_000)).recorded).toBe(false);
		expect(await reopened.inviteContact('PNID:5547991410003', invitation(now + 2), 86_400_000)).toEqual({ recorded: true });
		expect(await reopened.takeInvitation('PNID:5547991410002', now + 3)).toBeUndefined();
		await reopened.close();
		const compacted = new LocalConversationStore(directory);
		expect(await compacted.takeInvitation('PNID:5547991410001', now + 4)).toMatchObject({ protocolo: `P-${now}`, variables: { origem: 'telefonia' } });
	});

	it('keeps pending bursts across a restart, and forgets a taken one', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory);
		const timing = { now: Date.now(), windowMs: 1_000, maxMs: 3_000, runningLeaseMs: 60_000 };
		await store.addToBurst(testChannel, testMessage('oi', 'a'), timing);
		await store.addToBurst(testChannel, testMessage('oi', 'b'), timing);
		await store.takeBurst(contactKey(testChannel, 'b'));

		const reopened = new LocalConversationStore(directory);
		expect(await reopened.listBursts()).toMatchObject([{ key: contactKey(testChannel, 'a'), messages: [{ content: { text: 'oi' } }] }]);
	});
});

describe('LocalConversationStore web chat files', () => {
	const pdf = (fill: number, bytes = 1_000) => Buffer.alloc(bytes, fill);

	it('keeps files on disk under arquivos/, only their names in the journal, and serves them after a restart', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory);
		const id = await store.putWebchatFile('atendimento', 'sessao-1', { data: pdf(7), mimeType: 'application/pdf', fileName: 'boleto.pdf' });
		expect(readdirSync(join(directory, 'arquivos'))).toEqual([id]);
		const journal = readFileSync(join(directory, 'conversas.jsonl'), 'utf8');
		expect(journal).toContain(id);
		expect(journal).not.toContain(pdf(7).toString('base64').slice(0, 40));
		await store.close();

		const reopened = new LocalConversationStore(directory);
		expect(await reopened.getWebchatFile('atendimento', 'sessao-1', id)).toEqual({ data: pdf(7), mimeType: 'application/pdf', fileName: 'boleto.pdf' });
		await reopened.close();
	});

	it('deletes the oldest files beyond the total size', async () => {
		const store = new LocalConversationStore(newDirectory(), { filesMaxBytes: 2_500, fileMaxBytes: 1_000 });
		const ids: string[] = [];
		for (let index = 0; index < 4; index++) ids.push(await store.putWebchatFile('atendimento', 's', { data: pdf(index), mimeType: 'image/png' }));
		expect(await store.getWebchatFile('atendimento', 's', ids[0])).toBeUndefined();
		expect(await store.getWebchatFile('atendimento', 's', ids[1])).toBeUndefined();
		expect((await store.getWebchatFile('atendimento', 's', ids[3]))?.data).toEqual(pdf(3));
		expect(store.sizes().files).toBe(2);
		await expect(store.putWebchatFile('atendimento', 's', { data: pdf(9, 1_001), mimeType: 'image/png' })).rejects.toThrow(/grande demais/);
		await store.close();
	});

	it('at start-up removes files the journal does not name and forgets files removed from disk', async () => {
		const directory = newDirectory();
		const store = new LocalConversationStore(directory);
		const kept = await store.putWebchatFile('atendimento', 's', { data: pdf(1), mimeType: 'image/png' });
		const removed = await store.putWebchatFile('atendimento', 's', { data: pdf(2), mimeType: 'image/png' });
		await store.close();
		rmSync(join(directory, 'arquivos', removed));
		writeFileSync(join(directory, 'arquivos', 'f'.repeat(32)), 'órfão de uma queda');
		writeFileSync(join(directory, 'arquivos', `${'e'.repeat(32)}.tmp`), 'meio escrito');

		const reopened = new LocalConversationStore(directory);
		expect(readdirSync(join(directory, 'arquivos'))).toEqual([kept]);
		expect(await reopened.getWebchatFile('atendimento', 's', removed)).toBeUndefined();
		expect(reopened.sizes().files).toBe(1);
		await reopened.close();
	});
});

describe('LocalConversationStore expiry', () => {
	const DAY_MS = 24 * 60 * 60 * 1000;

	it('sweeps expired records on a write and leaves them out of the compacted journal; consents stay', async () => {
		const directory = newDirectory();
		let clock = Date.now();
		const store = new LocalConversationStore(directory, { now: () => clock, retentionMs: 30 * DAY_MS });
		const old = startedId(await store.routeInbound(testChannel, testMessage('oi', 'antiga'), testRouteOptions(clock)));
		await store.appendWebchat('atendimento', 'antiga', 'bot', { kind: 'text', text: 'Olá' });
		const file = await store.putWebchatFile('atendimento', 'antiga', { data: Buffer.from('%PDF'), mimeType: 'application/pdf' });
		await store.updateContactTags('webchat', 'antiga', ['lead'], []);
		await store.updateContactTags('telegram', '42', ['vip'], []);
		await store.setConsent('webchat', 'antiga', 'out');

		clock += 20 * DAY_MS;
		const recent = startedId(await store.routeInbound(testChannel, testMessage('oi', 'recente'), testRouteOptions(clock)));
		clock += 11 * DAY_MS;
		await store.appendWebchat('atendimento', 'recente', 'bot', { kind: 'text', text: 'ainda aqui' });
		expect(store.sizes()).toMatchObject({ conversations: 1, pointers: 1, dedupe: 0, webchatSessions: 1, files: 0, consents: 1, tags: 1 });
		expect(readdirSync(join(directory, 'arquivos'))).toEqual([]);
		expect(await store.get(old)).toBeUndefined();
		expect(await store.getWebchatFile('atendimento', 'antiga', file)).toBeUndefined();
		await store.close();

		const reopened = new LocalConversationStore(directory, { now: () => clock, retentionMs: 30 * DAY_MS });
		const journal = readFileSync(join(directory, 'conversas.jsonl'), 'utf8');
		expect(journal).not.toContain(old);
		expect(journal).not.toContain('"k":"atendimento:antiga"');
		expect(await reopened.get(recent)).toMatchObject({ id: recent });
		expect(await reopened.consentOf('webchat', 'antiga')).toBe('out');
		expect(await reopened.contactTags('telegram', '42')).toEqual(['vip']);
		expect(await reopened.contactTags('webchat', 'antiga')).toEqual([]);
		await reopened.close();
	});

	it('reads a journal written before expiry: conversations count from their last change, histories from their last entry', async () => {
		const directory = newDirectory();
		const now = Date.now();
		const conversation = (id: string, contact: string, updatedAt: number) => ({
			version: 1,
			id,
			protocolo: id,
			channel: testChannel,
			contact: { id: contact },
			tags: [],
			variables: {},
			state: 'ended',
			inbox: [],
			events: [],
			createdAt: updatedAt,
			updatedAt,
		});
		const lines = [
			{ t: 'conv', v: conversation('velha', 'a', now - 40 * DAY_MS) },
			{ t: 'cur', k: 'webchat:atendimento:a', id: 'velha' },
			{ t: 'conv', v: conversation('nova', 'b', now - DAY_MS) },
			{ t: 'cur', k: 'webchat:atendimento:b', id: 'nova' },
			{ t: 'web', k: 'atendimento:a', e: { seq: 1, at: now - 40 * DAY_MS, from: 'bot', message: { kind: 'text', text: 'velha' } } },
			{ t: 'web', k: 'atendimento:b', e: { seq: 1, at: now - DAY_MS, from: 'bot', message: { kind: 'text', text: 'nova' } } },
		];
		writeFileSync(join(directory, 'conversas.jsonl'), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');

		const store = new LocalConversationStore(directory);
		expect(await store.get('velha')).toBeUndefined();
		expect(await store.currentOf(testChannel, 'a')).toBeUndefined();
		expect((await store.currentOf(testChannel, 'b'))?.id).toBe('nova');
		expect(await store.readWebchat('atendimento', 'a', 0, 0)).toEqual([]);
		expect(await store.readWebchat('atendimento', 'b', 0, 0)).toMatchObject([{ message: { text: 'nova' } }]);
		expect(store.sizes()).toMatchObject({ conversations: 1, pointers: 1, webchatSessions: 1 });
		await store.close();
	});
});

describe('loading the stores', () => {
	it('does not load ioredis for the local store (only the Redis store needs it)', async () => {
		let loaded = false;
		jest.isolateModules(() => {
			jest.doMock('ioredis', () => {
				loaded = true;
				return jest.requireActual('ioredis');
			});
			require('./index');
			require('../broadcast');
			const { LocalConversationStore: Isolated } = require('./local-store') as typeof import('./local-store');
			void new Isolated(newDirectory()).close();
		});
		expect(loaded).toBe(false);
		jest.isolateModules(() => {
			const { RedisConversationStore } = require('./redis-store') as typeof import('./redis-store');
			const store = new RedisConversationStore({ host: '127.0.0.1', port: 1, lazyConnect: true }, { prefix: 'nunca-conecta:' });
			void store.close();
		});
		expect(loaded).toBe(true);
	});
});

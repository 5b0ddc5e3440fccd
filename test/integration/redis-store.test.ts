import { Redis } from 'ioredis';

import { contactKey, type ConversationStore } from '../../nodes/shared/conversation/store';
import { RedisConversationStore, type RedisStoreOptions } from '../../nodes/shared/conversation/redis-store';
import {
	describeConversationStoreContract,
	startedId,
	testChannel,
	testMessage,
	testRouteOptions,
	testWaiter,
} from '../../nodes/shared/conversation/store.contract';
import type { RouteDecision } from '../../nodes/shared/conversation/types';
import { redisServerAvailable, startRedisServer, type RedisServer } from './redis-server';

const available = redisServerAvailable();
if (!available && process.env.CI) {
	throw new Error('redis-server não está instalado, e em CI os testes do armazenamento Redis são obrigatórios: rode scripts/install-test-deps.sh.');
}
if (!available) {
	console.warn('redis-server não encontrado: testes do armazenamento Redis PULADOS. Instale com `bash scripts/install-test-deps.sh`.');
}
const describeWithRedis = available ? describe : describe.skip;

const DAY_MS = 24 * 60 * 60 * 1000;
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('RedisConversationStore against a real redis-server', () => {
	let server: RedisServer;
	/** Direct access to the keys, as an operator would inspect them. */
	let inspector: Redis;
	let prefixes = 0;
	const stores: ConversationStore[] = [];

	beforeAll(async () => {
		server = await startRedisServer();
		inspector = new Redis(server.url);
	});
	afterEach(async () => {
		await Promise.all(stores.splice(0).map(async (store) => await store.close()));
	});
	afterAll(async () => {
		await inspector?.quit();
		await server?.stop();
	});

	/** A fresh key prefix: stores made with the same one are n8n processes sharing one installation. */
	function newPrefix(): string {
		return `teste${++prefixes}:`;
	}

	/** A store with its own connection (one n8n process). */
	function newStore(prefix: string, options: Omit<RedisStoreOptions, 'prefix'> = {}): RedisConversationStore {
		const store = new RedisConversationStore(server.url, { prefix, ...options });
		stores.push(store);
		return store;
	}

	describeConversationStoreContract(
		'RedisConversationStore',
		(options) => new RedisConversationStore(server.url, { prefix: newPrefix(), ...options }),
		async (store) => await store.close(),
	);

	describe('several n8n processes', () => {
		it('a burst of 50 messages of one contact over two processes starts once and queues the rest in commit order', async () => {
			const prefix = newPrefix();
			const processes = [newStore(prefix), newStore(prefix)];
			const messages = Array.from({ length: 50 }, (_, index) => testMessage(`m${index}`, 'rajada'));
			const decisions = await Promise.all(
				messages.map(async (message, index) => await processes[index % 2].routeInbound(testChannel, message, testRouteOptions())),
			);

			const starts = decisions.filter((decision) => decision.action === 'start');
			const queued = decisions.filter((decision): decision is Extract<RouteDecision, { action: 'queued' }> => decision.action === 'queued');
			expect(starts).toHaveLength(1);
			expect(queued).toHaveLength(49);
			const id = startedId(starts[0]);
			expect(new Set(queued.map((decision) => decision.conversation.id))).toEqual(new Set([id]));

			const inbox = (await processes[0].get(id))!.inbox;
			const startMessage = messages[decisions.indexOf(starts[0])];
			expect(new Set(inbox.map((message) => message.messageId))).toEqual(
				new Set(messages.filter((message) => message !== startMessage).map((message) => message.messageId)),
			);
			// Each message sits where its own commit put it: nothing was overwritten or reordered after.
			decisions.forEach((decision, index) => {
				if (decision.action !== 'queued') return;
				const position = decision.conversation.inbox.length - 1;
				expect(decision.conversation.inbox[position].messageId).toBe(messages[index].messageId);
				expect(inbox[position].messageId).toBe(messages[index].messageId);
			});
			// And every one of them is in the history, in the same order as the inbox.
			const history = (await processes[1].get(id))!.history;
			expect(history.map((entry) => entry.messageId)).toEqual([startMessage.messageId, ...inbox.map((message) => message.messageId)]);
			expect(history.map((entry) => entry.status)).toEqual(['inicio', ...inbox.map(() => 'fila')]);
		});

		it('a burst of text parts added by two processes is held once, and taken by one of them', async () => {
			const prefix = newPrefix();
			const processes = [newStore(prefix), newStore(prefix)];
			const now = Date.now();
			const parts = Array.from({ length: 20 }, (_, index) => testMessage(`p${index}`, 'agrupa'));
			await Promise.all(
				parts.map(async (part, index) => await processes[index % 2].addToBurst(testChannel, part, { now: now + index, windowMs: 1_000, maxMs: 3_000, runningLeaseMs: 60_000 })),
			);
			const key = contactKey(testChannel, 'agrupa');
			const [burst] = await processes[0].listBursts();
			expect(new Set(burst.messages.map((part) => part.messageId))).toEqual(new Set(parts.map((part) => part.messageId)));
			const taken = await Promise.all([processes[0].takeBurst(key), processes[1].takeBurst(key)]);
			expect(taken.filter(Boolean)).toHaveLength(1);
			expect(await processes[1].listBursts()).toEqual([]);
			expect(await inspector.exists(`${prefix}burst:${key}`)).toBe(0);
		});

		it('routed under the contact lock, as the trigger does, each process keeps its arrival order', async () => {
			const prefix = newPrefix();
			const processes = [newStore(prefix), newStore(prefix)];
			const messages = Array.from({ length: 50 }, (_, index) => testMessage(`${index % 2}-${index}`, 'em-ordem'));
			const key = contactKey(testChannel, 'em-ordem');
			const decisions = await Promise.all(
				messages.map(
					async (message, index) =>
						await processes[index % 2].withLock(key, async () => await processes[index % 2].routeInbound(testChannel, message, testRouteOptions())),
				),
			);
			expect(decisions.filter((decision) => decision.action === 'start')).toHaveLength(1);
			expect(decisions.filter((decision) => decision.action === 'queued')).toHaveLength(49);

			const id = startedId(decisions.find((decision) => decision.action === 'start')!);
			const inbox = (await processes[1].get(id))!.inbox;
			for (const sender of ['0', '1']) {
				const arrived = inbox.filter((message) => message.content.kind === 'text' && message.content.text.startsWith(`${sender}-`));
				const indexes = arrived.map((message) => Number((message.content as { text: string }).text.split('-')[1]));
				expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
			}
		});

		it('parkOrTake racing routeInbound never loses the message', async () => {
			const prefix = newPrefix();
			const [card, trigger] = [newStore(prefix), newStore(prefix)];
			const outcomes = { taken: 0, resumed: 0 };
			for (let round = 0; round < 40; round++) {
				const contact = `corrida-${round}`;
				const id = startedId(await trigger.routeInbound(testChannel, testMessage('oi', contact), testRouteOptions()));
				const message = testMessage('resposta', contact);
				// Either side goes first, the other one or two event-loop turns later, so both orders race.
				const parkFirst = round % 2 === 0;
				const later = async <T>(run: () => Promise<T>) => {
					await sleep(Math.floor(Math.random() * 2));
					return await run();
				};
				const park = async () => await card.parkOrTake(id, testWaiter);
				const route = async () => await trigger.routeInbound(testChannel, message, testRouteOptions());
				const [taken, decision] = await Promise.all([parkFirst ? park() : later(park), parkFirst ? later(route) : route()]);
				if (taken) {
					expect(taken.messageId).toBe(message.messageId);
					expect(decision.action).toBe('queued');
					outcomes.taken++;
				} else {
					expect(decision).toMatchObject({ action: 'resume', waiter: testWaiter });
					outcomes.resumed++;
				}
				const record = (await card.get(id))!;
				expect(record.state).toBe('running');
				expect(record.inbox).toEqual([]);
				expect(record.waiter).toBeUndefined();
			}
			expect(outcomes.taken + outcomes.resumed).toBe(40);
			expect(outcomes.taken).toBeGreaterThan(0);
			expect(outcomes.resumed).toBeGreaterThan(0);
		});

		it('withLock excludes holders of two processes', async () => {
			const prefix = newPrefix();
			const processes = [newStore(prefix), newStore(prefix)];
			let inside = 0;
			let mostInside = 0;
			let runs = 0;
			await Promise.all(
				Array.from({ length: 20 }, async (_, index) =>
					await processes[index % 2].withLock('contato', async () => {
						inside++;
						mostInside = Math.max(mostInside, inside);
						await sleep(5);
						inside--;
						runs++;
					}),
				),
			);
			expect(runs).toBe(20);
			expect(mostInside).toBe(1);
		});

		it('extends the lease while a long holder runs', async () => {
			const prefix = newPrefix();
			const [first, second] = [newStore(prefix, { lockLeaseMs: 200 }), newStore(prefix, { lockLeaseMs: 200 })];
			const events: string[] = [];
			const holding = first.withLock('contato', async () => {
				events.push('first:in');
				await sleep(800); // four leases
				events.push('first:out');
			});
			await sleep(50);
			await second.withLock('contato', async () => {
				events.push('second:in');
			});
			await holding;
			expect(events).toEqual(['first:in', 'first:out', 'second:in']);
		});

		it("a crashed holder's lock expires after its lease", async () => {
			const prefix = newPrefix();
			const crashingConnection = new Redis(server.url);
			const crashing = new RedisConversationStore(crashingConnection, { prefix, lockLeaseMs: 300 });
			const survivor = newStore(prefix, { lockLeaseMs: 300 });

			let entered!: () => void;
			const inside = new Promise<void>((resolve) => (entered = resolve));
			let finishCrashed!: () => void;
			const never = new Promise<void>((resolve) => (finishCrashed = resolve));
			const crashed = crashing.withLock('contato', async () => {
				entered();
				await never;
			});
			await inside;
			crashingConnection.disconnect(); // the process dies: no renewal, no release

			const started = Date.now();
			expect(await survivor.withLock('contato', async () => 'assumiu')).toBe('assumiu');
			const waited = Date.now() - started;
			expect(waited).toBeGreaterThanOrEqual(150);
			expect(waited).toBeLessThan(2_000);

			finishCrashed();
			await crashed;
			await crashing.close();
		});

		it('a long poll in one process wakes on an entry appended by another', async () => {
			const prefix = newPrefix();
			const [webhookProcess, worker] = [newStore(prefix), newStore(prefix)];
			const started = Date.now();
			const poll = webhookProcess.readWebchat('atendimento', 'sessao', 0, 5_000);
			await sleep(100);
			await worker.appendWebchat('atendimento', 'sessao', 'bot', { kind: 'text', text: 'Olá!' });
			expect(await poll).toMatchObject([{ seq: 1, from: 'bot', message: { text: 'Olá!' } }]);
			expect(Date.now() - started).toBeLessThan(1_000);
		});

		it('a desk change published by one process wakes a desk long poll in another, with one shared cursor', async () => {
			const prefix = newPrefix();
			const [first, second] = [newStore(prefix), newStore(prefix)];
			const cursor = await first.publishDeskChange('c1', 'nova');
			const waiting = second.waitForDeskChanges(cursor, 5_000);
			await sleep(100);
			const started = Date.now();
			const next = await first.publishDeskChange('c1', 'mensagem');
			expect(await waiting).toEqual({ cursor: next, changes: [{ seq: next, conversationId: 'c1', tipo: 'mensagem' }] });
			expect(Date.now() - started).toBeLessThan(1_000);
		});

		it('all processes share one internal secret, one consent registry and one dedupe memory', async () => {
			const prefix = newPrefix();
			const processes = Array.from({ length: 4 }, () => newStore(prefix));
			const secrets = await Promise.all(processes.map(async (store) => await store.internalSecret()));
			expect(new Set(secrets).size).toBe(1);

			await processes[0].setConsent('whatsapp', '5511988887777', 'out');
			expect(await processes[1].consentOf('whatsapp', '5511988887777')).toBe('out');

			const message = testMessage('oi', 'duplicado', 'wamid.1');
			const decisions = await Promise.all(processes.map(async (store) => await store.routeInbound(testChannel, message, testRouteOptions())));
			expect(decisions.map((decision) => decision.action).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'start']);
		});
	});

	describe('keys in Redis', () => {
		it('a conversation and its pointer expire 30 days after their last change, in any state; dedupe marks after a day', async () => {
			const prefix = newPrefix();
			const store = newStore(prefix);
			const message = testMessage('oi', 'expira');
			const id = startedId(await store.routeInbound(testChannel, message, testRouteOptions()));
			const pointer = `${prefix}contact:${contactKey(testChannel, 'expira')}`;
			const expectThirtyDays = async (key: string) => {
				const ttl = await inspector.pttl(key);
				expect(ttl).toBeGreaterThan(30 * DAY_MS - 60_000);
				expect(ttl).toBeLessThanOrEqual(30 * DAY_MS);
			};
			expect(await inspector.get(pointer)).toBe(id);
			await expectThirtyDays(`${prefix}conv:${id}`);
			await expectThirtyDays(pointer);
			const dedupeTtl = await inspector.pttl(`${prefix}seen:webchat:atendimento:${message.messageId}`);
			expect(dedupeTtl).toBeGreaterThan(DAY_MS - 60_000);
			expect(dedupeTtl).toBeLessThanOrEqual(DAY_MS);

			await store.update(id, (record) => {
				record.state = 'ended';
			});
			for (const key of [`${prefix}conv:${id}`, pointer]) await expectThirtyDays(key);

			const next = startedId(await store.routeInbound(testChannel, testMessage('voltei', 'expira'), testRouteOptions()));
			expect(await inspector.get(pointer)).toBe(next);
			await expectThirtyDays(pointer);
			await expectThirtyDays(`${prefix}conv:${next}`);
			await expectThirtyDays(`${prefix}conv:${id}`);
		});

		it('ATENDIMENTO_RETENCAO_DIAS sets the retention; a deadline past it pushes the expiry; consents and WhatsApp tags never expire', async () => {
			const prefix = newPrefix();
			const store = newStore(prefix, { retentionMs: 7 * DAY_MS });
			const id = startedId(await store.routeInbound(testChannel, testMessage('oi', 'prazo'), testRouteOptions()));
			expect(await inspector.pttl(`${prefix}conv:${id}`)).toBeGreaterThan(7 * DAY_MS - 60_000);
			await store.parkOrTake(id, { ...testWaiter, deadline: Date.now() + 10 * DAY_MS });
			expect(await inspector.pttl(`${prefix}conv:${id}`)).toBeGreaterThan(17 * DAY_MS - 60_000);

			await store.setConsent('whatsapp', '5511966660000', 'out');
			await store.updateContactTags('whatsapp', '5511966660000', ['vip'], []);
			await store.updateContactTags('webchat', 'prazo', ['lead'], []);
			expect(await inspector.pttl(`${prefix}consent`)).toBe(-1);
			expect(await inspector.pttl(`${prefix}contacttags:whatsapp:5511966660000`)).toBe(-1);
			expect(await inspector.pttl(`${prefix}contacttags:webchat:prazo`)).toBeGreaterThan(7 * DAY_MS - 60_000);
			// A web chat conversation extends its session's tags to its own expiry.
			await store.update(id, (record) => {
				record.variables.passo = 2;
			});
			expect(await inspector.pttl(`${prefix}contacttags:webchat:prazo`)).toBeGreaterThan(17 * DAY_MS - 60_000);
		});

		it('web chat files live in a hash of their own, with the expiry of the history, and not in the history list', async () => {
			const prefix = newPrefix();
			const store = newStore(prefix);
			const session = 'atendimento:arquivos';
			const fileId = await store.putWebchatFile('atendimento', 'arquivos', { data: Buffer.from('%PDF-1.4'), mimeType: 'application/pdf', fileName: 'boleto.pdf' });
			await store.appendWebchat('atendimento', 'arquivos', 'bot', { kind: 'media', mediaType: 'document', url: `?arquivo=${fileId}&sessao=arquivos` });
			const filesKey = `${prefix}webchat-files:${session}`;
			expect((await inspector.hkeys(filesKey)).sort()).toEqual([fileId, `${fileId}:data`]);
			expect((await inspector.hgetBuffer(filesKey, `${fileId}:data`))?.toString()).toBe('%PDF-1.4');
			expect(await inspector.lrange(`${prefix}webchat:${session}`, 0, -1)).toEqual([expect.not.stringContaining('PDF')]);
			await inspector.pexpire(filesKey, 1_000);
			await store.appendWebchat('atendimento', 'arquivos', 'bot', { kind: 'text', text: 'mais uma' });
			const historyTtl = await inspector.pttl(`${prefix}webchat:${session}`);
			expect(historyTtl).toBeGreaterThan(30 * DAY_MS - 60_000);
			expect(Math.abs((await inspector.pttl(filesKey)) - historyTtl)).toBeLessThan(60_000);
		});

		it('defines its scripts as client commands: a server that lost them (SCRIPT FLUSH) still runs them', async () => {
			const prefix = newPrefix();
			const store = newStore(prefix);
			await store.appendWebchat('atendimento', 's', 'bot', { kind: 'text', text: 'antes' });
			await inspector.script('FLUSH');
			expect(await store.appendWebchat('atendimento', 's', 'bot', { kind: 'text', text: 'depois' })).toBe(2);
			expect(startedId(await store.routeInbound(testChannel, testMessage('oi', 'flush'), testRouteOptions()))).toBeTruthy();
			expect(await store.withLock('k', async () => 'ok')).toBe('ok');
		});

		it('listConversations scans only its own prefix (even one with glob characters), over several batches', async () => {
			const number = ++prefixes;
			const store = newStore(`relatorio[${number}]*:`);
			const neighbour = newStore(`relatorio${number}zz:`); // its keys match the prefix read as a glob
			await neighbour.routeInbound(testChannel, testMessage('oi', 'vizinho'), testRouteOptions());
			const ids = await Promise.all(
				Array.from({ length: 1_200 }, async (_, index) => startedId(await store.routeInbound(testChannel, testMessage('oi', `contato-${index}`), testRouteOptions()))),
			);
			const listed = await store.listConversations(0);
			expect(listed).toHaveLength(1_200);
			expect(new Set(listed.map((conversation) => conversation.id))).toEqual(new Set(ids));
		});

		it('migrates a stored record on read', async () => {
			const prefix = newPrefix();
			const store = newStore(prefix);
			const old = { id: 'antigo', protocolo: '2024010100001', channel: testChannel, contact: { id: 'antigo' }, state: 'running', createdAt: 1, updatedAt: Date.now() };
			await inspector.set(`${prefix}conv:antigo`, JSON.stringify(old));
			await inspector.set(`${prefix}contact:${contactKey(testChannel, 'antigo')}`, 'antigo');

			expect(await store.get('antigo')).toMatchObject({ version: 2, tags: [], variables: {}, inbox: [], events: [], history: [], context: [] });
			const decision = await store.routeInbound(testChannel, testMessage('oi', 'antigo'), testRouteOptions());
			expect(decision).toMatchObject({ action: 'queued', conversation: { id: 'antigo', version: 2 } });
			expect(JSON.parse((await inspector.get(`${prefix}conv:antigo`))!)).toMatchObject({ version: 2, inbox: [{ contactId: 'antigo' }] });
		});

		it('close() quits the connections it opened and leaves a client passed in open', async () => {
			const connectedClients = async () => String(await inspector.client('LIST')).trim().split('\n').length;
			const before = await connectedClients();

			const own = new RedisConversationStore(server.url, { prefix: newPrefix() });
			await own.readWebchat('atendimento', 's', 0, 10); // opens the subscriber connection too
			expect(await connectedClients()).toBe(before + 2);
			await own.close();
			for (let tries = 0; tries < 50 && (await connectedClients()) !== before; tries++) await sleep(10);
			expect(await connectedClients()).toBe(before);

			const passedIn = new Redis(server.url);
			const borrowing = new RedisConversationStore(passedIn, { prefix: newPrefix() });
			await borrowing.internalSecret();
			await borrowing.close();
			expect(await passedIn.ping()).toBe('PONG');
			await passedIn.quit();
		});
	});
});

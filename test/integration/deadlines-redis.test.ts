// "Sem resposta" deadlines in queue mode (docs/arquitetura.md §5): several n8n processes — here several
// Redis stores with one poller each, against one real redis-server — share the schedule `prazos`.
// Each due deadline is fired exactly once, whichever process parked the card, and on time even when
// that process died before it was due.
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { Redis } from 'ioredis';

import { RedisConversationStore } from '../../nodes/shared/conversation/redis-store';
import type { DeadlineClaim } from '../../nodes/shared/conversation/deadline-schedule';
import type { ConversationStore } from '../../nodes/shared/conversation/store';
import { startedId, testChannel, testMessage, testRouteOptions, testWaiter } from '../../nodes/shared/conversation/store.contract';
import { DeadlinePoller, fireNoAnswer } from '../../nodes/shared/runtime/deadlines';
import { redisServerAvailable, startRedisServer, type RedisServer } from './redis-server';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('redis-server não está instalado: rode scripts/install-test-deps.sh.');
const describeWithRedis = available ? describe : describe.skip;

const POLL_MS = 100;
const LEASE_MS = 1_500;
/** How late a deadline may fire on a busy 2-core machine (n8n's own fallback would be 60 s late). */
const LATE_TOLERANCE_MS = 1_500;
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('deadline schedule across several processes (real redis-server)', () => {
	let server: RedisServer;
	let inspector: Redis;
	let n8n: Server;
	let baseUrl: string;
	/** Resumes posted to the n8n stand-in: path → times (epoch ms). */
	const posts = new Map<string, number[]>();
	let prefixes = 0;
	const stores: RedisConversationStore[] = [];
	const pollers: DeadlinePoller[] = [];

	beforeAll(async () => {
		server = await startRedisServer();
		inspector = new Redis(server.url);
		n8n = createServer((request, response) => {
			posts.set(request.url!, [...(posts.get(request.url!) ?? []), Date.now()]);
			request.resume();
			request.on('end', () => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'));
		});
		await new Promise<void>((resolve) => n8n.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(n8n.address() as AddressInfo).port}`;
	});
	afterEach(async () => {
		await Promise.all(pollers.splice(0).map(async (poller) => await poller.stop()));
		await Promise.all(stores.splice(0).map(async (store) => await store.close()));
		posts.clear();
	});
	afterAll(async () => {
		await inspector?.quit();
		await server?.stop();
		await new Promise((resolve) => n8n?.close(resolve));
	});

	/** `count` n8n processes of one installation: a store (own connection) and its poller each, started. */
	function processes(count: number, fire?: (store: ConversationStore, claim: DeadlineClaim) => Promise<void>): Array<{ store: RedisConversationStore; poller: DeadlinePoller }> {
		const prefix = `prazos${++prefixes}:`;
		return Array.from({ length: count }, () => {
			const store = new RedisConversationStore(server.url, { prefix });
			stores.push(store);
			const poller = new DeadlinePoller(store, { pollMs: POLL_MS, leaseMs: LEASE_MS, fire });
			pollers.push(poller);
			poller.start();
			return { store, poller };
		});
	}

	/** A conversation parked by `store` at a card due at `deadline`, resumed at `<n8n>/webhook-waiting/<name>/no`. */
	async function park(store: ConversationStore, name: string, deadline: number): Promise<{ id: string; path: string }> {
		const id = startedId(await store.routeInbound(testChannel, testMessage('oi', name), testRouteOptions()));
		const path = `/webhook-waiting/${name}/no`;
		expect(await store.parkOrTake(id, { ...testWaiter, resumeUrl: `${baseUrl}${path}`, deadline })).toBeUndefined();
		return { id, path };
	}

	async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
		const limit = Date.now() + timeoutMs;
		while (!condition()) {
			if (Date.now() > limit) throw new Error(`não aconteceu a tempo: ${what}`);
			await sleep(20);
		}
	}

	it('30 deadlines parked by three processes are each fired exactly once, on time, by one of them', async () => {
		const cluster = processes(3);
		const start = Date.now();
		const parked = await Promise.all(
			Array.from({ length: 30 }, async (_, index) => ({
				...(await park(cluster[index % 3].store, `c${index}`, start + 800 + index * 40)),
				deadline: start + 800 + index * 40,
			})),
		);
		await until(() => parked.every((conversation) => posts.has(conversation.path)), 15_000, 'os 30 prazos');
		await sleep(LEASE_MS + 4 * POLL_MS); // a second firing (after a lease, or by a slower process) would come by now

		for (const conversation of parked) {
			const times = posts.get(conversation.path)!;
			expect(times).toHaveLength(1);
			expect(times[0]).toBeGreaterThanOrEqual(conversation.deadline);
			expect(times[0] - conversation.deadline).toBeLessThan(LATE_TOLERANCE_MS);
			const record = await cluster[0].store.get(conversation.id);
			expect(record?.state).toBe('running');
			expect(record?.waiter).toBeUndefined();
		}
		expect(await inspector.zcard(`prazos${prefixes}:prazos`)).toBe(0);
	}, 40_000);

	it('the process that parked the card dies before the deadline: another fires it on time', async () => {
		const [armer] = processes(3);
		const deadline = Date.now() + 1_500;
		const { path } = await park(armer.store, 'morreu', deadline);
		// The arming process dies: its poller and its connection are gone before the deadline.
		await armer.poller.stop();
		await armer.store.close();

		await until(() => posts.has(path), 10_000, 'o prazo disparado por outro processo');
		await sleep(LEASE_MS + 4 * POLL_MS);
		expect(posts.get(path)).toHaveLength(1);
		expect(posts.get(path)![0] - deadline).toBeLessThan(LATE_TOLERANCE_MS);
	}, 30_000);

	it('a process that dies after claiming a deadline, before firing it: another fires it when the claim lease ends', async () => {
		let claimedBy: string | undefined;
		// A "process" whose firing never finishes (it died right after the claim).
		const [dying] = processes(1, async (_store, claim) => {
			claimedBy = claim.conversationId;
			await new Promise(() => undefined);
		});
		const prefix = `prazos${prefixes}:`;
		const deadline = Date.now() + 300;
		const { id, path } = await park(dying.store, 'lease', deadline);
		await until(() => claimedBy !== undefined, 5_000, 'a reserva do processo que morre');
		expect(claimedBy).toBe(id);
		void dying.poller.stop(); // never settles: its firing hangs forever
		pollers.splice(pollers.indexOf(dying.poller), 1);

		const survivor = new RedisConversationStore(server.url, { prefix });
		stores.push(survivor);
		const poller = new DeadlinePoller(survivor, { pollMs: POLL_MS, leaseMs: LEASE_MS, fire: fireNoAnswer });
		pollers.push(poller);
		poller.start();
		await until(() => posts.has(path), 10_000, 'o prazo disparado depois da reserva');
		expect(posts.get(path)![0] - deadline).toBeGreaterThanOrEqual(LEASE_MS - 200);
		await sleep(LEASE_MS + 4 * POLL_MS);
		expect(posts.get(path)).toHaveLength(1);
	}, 30_000);

	it('a waiting conversation written without a schedule entry (an older version of the pack) is scheduled by the first claim of a process', async () => {
		const [writer] = processes(1);
		await writer.poller.stop();
		pollers.splice(pollers.indexOf(writer.poller), 1);
		const prefix = `prazos${prefixes}:`;
		const deadline = Date.now() + 500;
		const { id, path } = await park(writer.store, 'antigo', deadline);
		expect(await inspector.zrem(`${prefix}prazos`, id)).toBe(1);

		const upgraded = new RedisConversationStore(server.url, { prefix });
		stores.push(upgraded);
		const poller = new DeadlinePoller(upgraded, { pollMs: POLL_MS, leaseMs: LEASE_MS });
		pollers.push(poller);
		poller.start();
		await until(() => posts.has(path), 10_000, 'o prazo do registro antigo');
		expect(posts.get(path)).toHaveLength(1);
	}, 30_000);
});

import { Redis } from 'ioredis';

import { RedisBroadcastStore } from '../../nodes/shared/broadcast/redis-store';
import { BROADCAST_RETENTION_MS } from '../../nodes/shared/broadcast/rules';
import { describeBroadcastStoreContract, T0, testJob } from '../../nodes/shared/broadcast/store.contract';
import type { BroadcastStore } from '../../nodes/shared/broadcast/types';
import { redisServerAvailable, startRedisServer, type RedisServer } from './redis-server';

const available = redisServerAvailable();
if (!available && process.env.CI) {
	throw new Error('redis-server não está instalado, e em CI os testes do armazenamento Redis são obrigatórios: rode scripts/install-test-deps.sh.');
}
if (!available) {
	console.warn('redis-server não encontrado: testes da fila de envios em Redis PULADOS. Instale com `bash scripts/install-test-deps.sh`.');
}
const describeWithRedis = available ? describe : describe.skip;

describeWithRedis('RedisBroadcastStore against a real redis-server', () => {
	let server: RedisServer;
	let inspector: Redis;
	let prefixes = 0;
	const stores: BroadcastStore[] = [];

	beforeAll(async () => {
		server = await startRedisServer();
		inspector = new Redis(server.url);
	});
	afterEach(async () => {
		await Promise.all(stores.splice(0).map(async (store) => await store.close?.()));
	});
	afterAll(async () => {
		await inspector?.quit();
		await server?.stop();
	});

	function newPrefix(): string {
		return `envios${++prefixes}:`;
	}

	/** A store with its own connection: one n8n process of an installation (`prefix`). */
	function newStore(prefix: string): RedisBroadcastStore {
		const store = new RedisBroadcastStore(server.url, { prefix });
		stores.push(store);
		return store;
	}

	describeBroadcastStoreContract(
		'RedisBroadcastStore',
		() => new RedisBroadcastStore(server.url, { prefix: newPrefix() }),
		async (store) => await store.close?.(),
	);

	it('several processes claiming at once never share a job, and every job is claimed', async () => {
		const prefix = newPrefix();
		const processes = [newStore(prefix), newStore(prefix), newStore(prefix)];
		await processes[0].enqueue(Array.from({ length: 500 }, (_, index) => testJob('c1', index + 1)), T0);
		const runs = await Promise.all(
			Array.from({ length: 30 }, async (_, index) => await processes[index % 3].claim(T0, 20, 60_000)),
		);
		const ids = runs.flat().map((job) => job.id);
		expect(ids).toHaveLength(500);
		expect(new Set(ids).size).toBe(500);
		expect(await processes[1].counts('c1')).toEqual({ queued: 0, sending: 500, sent: 0, failed: 0 });
	});

	it('two processes enqueueing one campaign at once add each recipient once', async () => {
		const prefix = newPrefix();
		const [a, b] = [newStore(prefix), newStore(prefix)];
		const jobs = Array.from({ length: 300 }, (_, index) => testJob('c1', index + 1));
		const [first, second] = await Promise.all([a.enqueue(jobs, T0), b.enqueue([...jobs].reverse(), T0)]);
		expect(first.added + second.added).toBe(300);
		expect(first.duplicates + second.duplicates).toBe(300);
		expect(await a.counts()).toEqual({ queued: 300, sending: 0, sent: 0, failed: 0 });
	});

	it('keeps its keys under the installation prefix; log rows and wamid pointers expire', async () => {
		const prefix = newPrefix();
		const store = newStore(prefix);
		await store.enqueue([testJob('c1', 1)], T0);
		const [job] = await store.claim(T0, 1, 60_000);
		await store.markSent(job.id, 'wamid.1', T0 + 1);
		const keys = await inspector.keys(`${prefix}*`);
		expect(keys.length).toBeGreaterThan(0);
		expect(keys.filter((key) => !key.startsWith(`${prefix}envios:`))).toEqual([]);
		expect(await inspector.pttl(`${prefix}envios:log:1`)).toBeGreaterThan(0);
		expect(await inspector.pttl(`${prefix}envios:wamid:wamid.1`)).toBeGreaterThan(0);
		expect(await inspector.hget(`${prefix}envios:job:${job.id}`, 'contato')).toBe('+55 (11) 98765-0001');
	});

	it('prunes a long log in batches', async () => {
		const store = newStore(newPrefix());
		for (let row = 0; row < 1_200; row++) {
			await store.logSkipped({ campaign: 'antiga', clienteId: String(row), contato: '', dataEnvio: T0, mensagem: 'Sem telefone celular no cadastro.' });
		}
		await store.logSkipped({ campaign: 'nova', clienteId: 'x', contato: '', dataEnvio: T0 + BROADCAST_RETENTION_MS, mensagem: 'Sem telefone celular no cadastro.' });
		await store.enqueue([], T0 + BROADCAST_RETENTION_MS + 1);
		expect((await store.queryLog({})).map((row) => row.campaign)).toEqual(['nova']);
		expect(await store.queryLog({ campaign: 'antiga' })).toEqual([]);
	});
});

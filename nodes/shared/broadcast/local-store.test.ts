import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { LocalBroadcastStore } from './local-store';
import { describeBroadcastStoreContract, T0, testJob } from './store.contract';

const directories = new Set<string>();

function newDirectory(): string {
	const directory = mkdtempSync(join(tmpdir(), 'envios-'));
	directories.add(directory);
	return directory;
}

afterAll(() => {
	for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describeBroadcastStoreContract(
	'LocalBroadcastStore',
	() => new LocalBroadcastStore(newDirectory()),
	async (store) => await store.close?.(),
);

describe('LocalBroadcastStore journal', () => {
	const stores: LocalBroadcastStore[] = [];
	function open(directory: string): LocalBroadcastStore {
		const store = new LocalBroadcastStore(directory);
		stores.push(store);
		return store;
	}
	afterEach(async () => {
		await Promise.all(stores.splice(0).map(async (store) => await store.close()));
	});

	it('survives a crash mid-run: queue, leases, write-ahead marks, log rows and wamids are replayed', async () => {
		const directory = newDirectory();
		const store = open(directory);
		await store.enqueue([1, 2, 3].map((n) => testJob('c1', n)), T0);
		const [sent, inFlight] = await store.claim(T0, 2, 60_000);
		await store.markSent(sent.id, 'wamid.1', T0 + 1);
		await store.markInFlight(inFlight.id, T0 + 2);
		await store.logSkipped({ campaign: 'c1', clienteId: '9', contato: '', dataEnvio: T0 + 3, mensagem: 'Sem telefone celular no cadastro.' });
		// The process dies while appending a line: the cut line is ignored.
		appendFileSync(join(directory, 'envios.jsonl'), '{"t":"job","v":{"id":"c1:cor');

		const reopened = open(directory);
		expect(await reopened.job(inFlight.id)).toMatchObject({ state: 'sending', inFlightSince: T0 + 2, leaseUntil: T0 + 60_000 });
		expect(await reopened.counts()).toEqual({ queued: 1, sending: 1, sent: 1, failed: 0 });
		expect(await reopened.claim(T0 + 60_000, 5, 60_000)).toMatchObject([{ id: inFlight.id }, { recipientKey: 'cliente:3/login:3003' }]);
		await reopened.recordStatus({ wamid: 'wamid.1', status: 'read', at: T0 + 4 });
		expect((await reopened.queryLog({})).map((row) => [row.clienteId, row.status, row.entrega])).toEqual([
			['9', 'ignorado', undefined],
			['1', 'sucesso', 'read'],
		]);
		expect(await reopened.enqueue([testJob('c1', 1)], T0 + 5)).toEqual({ added: 0, duplicates: 1 });

		// Row ids keep increasing across restarts.
		await reopened.logSkipped({ campaign: 'c1', clienteId: '10', contato: '', dataEnvio: T0 + 6, mensagem: 'x' });
		const ids = (await reopened.queryLog({})).map((row) => row.id);
		expect(ids[0]).toBeGreaterThan(Math.max(...ids.slice(1)));
	});

	it('starts from a compacted snapshot: one line per live record', async () => {
		const directory = newDirectory();
		const store = open(directory);
		await store.enqueue([testJob('c1', 1), testJob('c1', 2)], T0);
		for (let round = 0; round < 50; round++) {
			const [job] = await store.claim(T0 + round, 1, 0);
			await store.retryLater(job.id, T0 + round, 'tempo esgotado', T0 + round);
		}
		const [job] = await store.claim(T0 + 100, 1, 60_000);
		await store.markSent(job.id, 'wamid.x', T0 + 101);
		await store.close();

		const reopened = open(directory);
		const lines = readFileSync(join(directory, 'envios.jsonl'), 'utf8').trim().split('\n');
		// sequence + 2 jobs + 1 log row + 1 wamid
		expect(lines).toHaveLength(5);
		expect(await reopened.job(job.id)).toMatchObject({ state: 'sent', wamid: 'wamid.x', attempts: job.attempts });
		expect(await reopened.counts()).toEqual({ queued: 1, sending: 0, sent: 1, failed: 0 });
	});

	it('replays paused and cancelled campaigns, the cancel\'s reason and a late 131049\'s detached row', async () => {
		const directory = newDirectory();
		const store = open(directory);
		await store.enqueue([1, 2].map((n) => testJob('pausada', n)), T0);
		await store.enqueue([testJob('cancelada', 1)], T0);
		await store.enqueue([testJob('c1', 1)], T0);
		await store.pauseCampaign('pausada', T0);
		await store.cancelCampaign('cancelada', 'Cancelada pelo operador.', T0);
		const [job] = await store.claim(T0, 1, 60_000);
		await store.markInFlight(job.id, T0, 'fora', { delayMs: 60_000, maxAttempts: 5, timeZone: 'America/Sao_Paulo' });
		await store.markSent(job.id, 'wamid.1', T0 + 1);
		await store.recordStatus({ wamid: 'wamid.1', status: 'failed', at: T0 + 2, errorCode: 131049 });
		await store.close();

		const reopened = open(directory);
		expect(await reopened.controlledCampaigns()).toEqual([
			{ campaign: 'pausada', state: 'paused' },
			{ campaign: 'cancelada', state: 'cancelled' },
		]);
		expect(await reopened.enqueue([testJob('cancelada', 2)], T0 + 3)).toEqual({ added: 0, duplicates: 0, cancelled: 1 });
		const [again] = await reopened.claim(T0 + 60_002, 10, 60_000);
		expect(again).toMatchObject({ id: job.id, attempts: 1 });
		await reopened.markSent(job.id, 'wamid.2', T0 + 60_003);
		expect((await reopened.queryLog({ campaign: 'c1' })).map((row) => row.status)).toEqual(['sucesso', 'reagendado']);
		expect(await reopened.claim(T0 + 60_004, 10, 60_000)).toEqual([]);
		await reopened.resumeCampaign('pausada');
		expect(await reopened.claim(T0 + 60_005, 10, 60_000)).toHaveLength(2);
	});
});

import { BROADCAST_RETENTION_MS } from './rules';
import type { BroadcastStore, NewJob } from './types';

/** A fixed clock for the contract: every method takes `now`. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;
const LEASE = 5 * MINUTE;

/** A recipient of a campaign; `n` varies the customer, login and phone. */
export function testJob(campaign: string, n: number): NewJob {
	return {
		campaign,
		recipientKey: `cliente:${n}/login:${3000 + n}`,
		clienteId: String(n),
		login: `login${n}`,
		phone: `+55119${String(87650000 + n).padStart(8, '0')}`,
		message: { name: 'status_logins', language: 'pt_BR', bodyParameters: [`Cliente ${n}`, ''], previewText: `Olá, Cliente ${n}!` },
	};
}

/**
 * The behaviour every BroadcastStore backend must have (issue 6: idempotent queue, leases, crash-safe
 * sends, send log). `makeStore` gives a fresh, empty store for each test; `cleanup` closes it.
 */
export function describeBroadcastStoreContract(
	name: string,
	makeStore: () => BroadcastStore | Promise<BroadcastStore>,
	cleanup: (store: BroadcastStore) => void | Promise<void>,
): void {
	describe(`${name} — contrato do BroadcastStore`, () => {
		let store: BroadcastStore;
		beforeEach(async () => {
			store = await makeStore();
		});
		afterEach(async () => {
			await cleanup(store);
		});

		/** Enqueues recipients 1..count of a campaign and claims them all. */
		async function claimed(campaign: string, count: number, now = T0) {
			await store.enqueue(
				Array.from({ length: count }, (_, index) => testJob(campaign, index + 1)),
				now,
			);
			return await store.claim(now, count, LEASE);
		}

		describe('enqueue', () => {
			it('queues each recipient of a campaign once, however often the campaign runs', async () => {
				const first = await store.enqueue([testJob('c1', 1), testJob('c1', 2), testJob('c1', 1)], T0);
				expect(first).toEqual({ added: 2, duplicates: 1 });
				expect(await store.enqueue([testJob('c1', 1), testJob('c1', 2), testJob('c1', 3)], T0 + MINUTE)).toEqual({ added: 1, duplicates: 2 });
				expect(await store.enqueue([testJob('c2', 1)], T0)).toEqual({ added: 1, duplicates: 0 });

				expect(await store.job('c1:cliente:1/login:3001')).toEqual({
					...testJob('c1', 1),
					id: 'c1:cliente:1/login:3001',
					state: 'queued',
					attempts: 0,
					notBefore: T0,
					createdAt: T0,
					updatedAt: T0,
				});
				expect(await store.job('c1:nobody')).toBeUndefined();
				expect(await store.counts('c1')).toEqual({ queued: 3, sending: 0, sent: 0, failed: 0 });
				expect(await store.counts()).toEqual({ queued: 4, sending: 0, sent: 0, failed: 0 });
			});

			it('keeps a recipient without login and a message with no variables as given', async () => {
				const job: NewJob = { ...testJob('c1', 1), message: { name: 'aviso', language: 'pt_BR', bodyParameters: [], previewText: 'Aviso' } };
				delete job.login;
				await store.enqueue([job], T0);
				const stored = await store.job('c1:cliente:1/login:3001');
				expect(stored).not.toHaveProperty('login');
				expect(stored?.message).toEqual({ name: 'aviso', language: 'pt_BR', bodyParameters: [], previewText: 'Aviso' });
			});
		});

		describe('claim', () => {
			it('takes due jobs in queue order under a lease, and again only when the lease runs out', async () => {
				await store.enqueue([1, 2, 3].map((n) => testJob('c1', n)), T0);
				const first = await store.claim(T0, 2, LEASE);
				expect(first.map((job) => job.recipientKey)).toEqual(['cliente:1/login:3001', 'cliente:2/login:3002']);
				expect(first[0]).toMatchObject({ state: 'sending', leaseUntil: T0 + LEASE, attempts: 0 });
				expect((await store.claim(T0 + MINUTE, 5, LEASE)).map((job) => job.recipientKey)).toEqual(['cliente:3/login:3003']);
				expect(await store.claim(T0 + 2 * MINUTE, 5, LEASE)).toEqual([]);
				expect(await store.counts()).toEqual({ queued: 0, sending: 3, sent: 0, failed: 0 });

				// The run that held jobs 1 and 2 died: after their lease another run takes them over.
				const takenOver = await store.claim(T0 + LEASE, 5, LEASE);
				expect(takenOver.map((job) => job.recipientKey)).toEqual(['cliente:1/login:3001', 'cliente:2/login:3002']);
				expect(takenOver[0].leaseUntil).toBe(T0 + 2 * LEASE);
			});

			it('never gives one job to two concurrent runs', async () => {
				await store.enqueue(Array.from({ length: 60 }, (_, index) => testJob('c1', index + 1)), T0);
				const runs = await Promise.all(Array.from({ length: 8 }, async () => await store.claim(T0, 10, LEASE)));
				const ids = runs.flat().map((job) => job.id);
				expect(ids).toHaveLength(60);
				expect(new Set(ids).size).toBe(60);
			});

			it('does not take a job before its backoff ends', async () => {
				const [job] = await claimed('c1', 1);
				await store.retryLater(job.id, T0 + 10 * MINUTE, 'Limite de envios do WhatsApp (130429).', T0);
				expect(await store.job(job.id)).toMatchObject({
					state: 'queued',
					attempts: 1,
					notBefore: T0 + 10 * MINUTE,
					lastError: 'Limite de envios do WhatsApp (130429).',
				});
				expect(await store.job(job.id)).not.toHaveProperty('leaseUntil');
				expect(await store.claim(T0 + 10 * MINUTE - 1, 5, LEASE)).toEqual([]);
				expect(await store.claim(T0 + 10 * MINUTE, 5, LEASE)).toMatchObject([{ id: job.id, attempts: 1, state: 'sending' }]);
			});
		});

		describe('sending', () => {
			it('records the write-ahead mark, then the acceptance with one success row', async () => {
				const [job] = await claimed('c1', 1);
				await store.markInFlight(job.id, T0 + 1);
				expect(await store.job(job.id)).toMatchObject({ state: 'sending', inFlightSince: T0 + 1 });

				await store.markSent(job.id, 'wamid.1', T0 + 2);
				await store.markSent(job.id, 'wamid.1', T0 + 3);
				const sent = await store.job(job.id);
				expect(sent).toMatchObject({ state: 'sent', wamid: 'wamid.1', updatedAt: T0 + 2 });
				expect(sent).not.toHaveProperty('leaseUntil');
				expect(sent).not.toHaveProperty('inFlightSince');
				expect(await store.queryLog({})).toEqual([
					{
						id: expect.any(Number),
						jobId: job.id,
						campaign: 'c1',
						clienteId: '1',
						tipoComunicacao: 'whatsapp',
						contato: '+55 (11) 98765-0001',
						dataEnvio: T0 + 2,
						status: 'sucesso',
						mensagem: 'Mensagem enviada ao WhatsApp.',
						motivo: 'aceita pelo WhatsApp (aguardando a entrega)',
						wamid: 'wamid.1',
					},
				]);
				expect(await store.claim(T0 + 2 * LEASE, 5, LEASE)).toEqual([]);
				expect(await store.counts('c1')).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0 });
			});

			it('marks in flight only a job being sent', async () => {
				await store.enqueue([testJob('c1', 1)], T0);
				await store.markInFlight('c1:cliente:1/login:3001', T0 + 1);
				expect(await store.job('c1:cliente:1/login:3001')).not.toHaveProperty('inFlightSince');
			});

			it('records a failure with its reason and code, once, and a finished job stays finished', async () => {
				const [failed, sent] = await claimed('c1', 2);
				await store.markFailed(failed.id, 'Fora da janela de 24 horas (131047).', 131047, T0 + 5);
				await store.markFailed(failed.id, 'de novo', 1, T0 + 6);
				await store.markSent(failed.id, 'wamid.tarde', T0 + 7);
				await store.retryLater(failed.id, T0 + MINUTE, 'de novo', T0 + 8);
				expect(await store.job(failed.id)).toMatchObject({ state: 'failed', attempts: 0, lastError: 'Fora da janela de 24 horas (131047).' });

				await store.markSent(sent.id, 'wamid.2', T0 + 9);
				await store.markFailed(sent.id, 'tarde demais', undefined, T0 + 10);
				await store.retryLater(sent.id, T0 + MINUTE, 'tarde demais', T0 + 11);
				expect(await store.job(sent.id)).toMatchObject({ state: 'sent', attempts: 0 });

				const rows = await store.queryLog({});
				expect(rows.map((row) => [row.jobId, row.status, row.mensagem, row.codigoErro])).toEqual([
					[sent.id, 'sucesso', 'Mensagem enviada ao WhatsApp.', undefined],
					[failed.id, 'falha', 'Fora da janela de 24 horas (131047).', 131047],
				]);
				expect(await store.counts()).toEqual({ queued: 0, sending: 0, sent: 1, failed: 1 });
			});

			it('rejects a job id that is not in the queue', async () => {
				await expect(store.markSent('c9:ninguem', 'wamid.x', T0)).rejects.toThrow('c9:ninguem');
				await expect(store.markInFlight('c9:ninguem', T0)).rejects.toThrow('c9:ninguem');
			});
		});

		describe('status callbacks', () => {
			it('moves the row forward with delivered and read, never back, and ignores unknown messages', async () => {
				const [job] = await claimed('c1', 1);
				await store.markSent(job.id, 'wamid.1', T0 + 1);
				await store.recordStatus({ wamid: 'wamid.1', status: 'sent', at: T0 + 2 });
				await store.recordStatus({ wamid: 'wamid.1', status: 'read', at: T0 + 4 });
				await store.recordStatus({ wamid: 'wamid.1', status: 'delivered', at: T0 + 3 });
				await store.recordStatus({ wamid: 'wamid.outra', status: 'delivered', at: T0 + 3 });
				await store.recordStatus({ wamid: 'wamid.outra', jobId: 'c9:ninguem', status: 'failed', at: T0 + 3 });

				expect(await store.queryLog({})).toMatchObject([
					{ jobId: job.id, status: 'sucesso', dataEnvio: T0 + 1, entrega: 'read', entregaEm: T0 + 4, mensagem: 'Mensagem lida pelo contato.' },
				]);
				expect(await store.counts()).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0 });
			});

			it('turns a failed delivery into a failure row with WhatsApp\'s code', async () => {
				const [job] = await claimed('c1', 1);
				await store.markSent(job.id, 'wamid.1', T0 + 1);
				await store.recordStatus({ wamid: 'wamid.1', status: 'failed', at: T0 + 2, errorCode: 131026, errorTitle: 'Message undeliverable' });
				await store.recordStatus({ wamid: 'wamid.1', status: 'delivered', at: T0 + 3 });

				expect(await store.job(job.id)).toMatchObject({ state: 'failed', lastError: 'Falha na entrega: Message undeliverable (código 131026).' });
				expect(await store.queryLog({})).toMatchObject([
					{
						status: 'falha',
						dataEnvio: T0 + 1,
						entrega: 'failed',
						entregaEm: T0 + 2,
						codigoErro: 131026,
						mensagem: 'Falha na entrega: Message undeliverable (código 131026).',
					},
				]);
				expect(await store.counts()).toEqual({ queued: 0, sending: 0, sent: 0, failed: 1 });
			});

			it('marks sent, by the job id it echoes, a message whose sender died before reading the answer', async () => {
				const [job] = await claimed('c1', 1);
				await store.markInFlight(job.id, T0 + 1);
				await store.recordStatus({ wamid: 'wamid.1', jobId: job.id, status: 'sent', at: T0 + 2 });
				expect(await store.job(job.id)).toMatchObject({ state: 'sent', wamid: 'wamid.1' });
				expect(await store.claim(T0 + 2 * LEASE, 5, LEASE)).toEqual([]);

				// The sender was only slow: its late calls change nothing.
				await store.markSent(job.id, 'wamid.1', T0 + 3);
				await store.retryLater(job.id, T0 + MINUTE, 'tempo esgotado', T0 + 4);
				await store.recordStatus({ wamid: 'wamid.1', status: 'delivered', at: T0 + 5 });
				expect(await store.job(job.id)).toMatchObject({ state: 'sent', attempts: 0 });
				expect(await store.queryLog({})).toMatchObject([
					{ jobId: job.id, status: 'sucesso', wamid: 'wamid.1', dataEnvio: T0 + 2, entrega: 'delivered', entregaEm: T0 + 5 },
				]);
			});

			it('marks sent a job waiting for its retry, and one the sender gave up on, when WhatsApp says it went out', async () => {
				const [waiting, givenUp] = await claimed('c1', 2);
				await store.retryLater(waiting.id, T0 + 2 * MINUTE, 'tempo esgotado', T0 + 1);
				await store.recordStatus({ wamid: 'wamid.a', jobId: waiting.id, status: 'delivered', at: T0 + 2 });
				expect(await store.claim(T0 + 3 * MINUTE, 5, LEASE)).toEqual([]);

				await store.markFailed(givenUp.id, 'Tempo esgotado 5 vezes.', undefined, T0 + 3);
				await store.recordStatus({ wamid: 'wamid.b', jobId: givenUp.id, status: 'sent', at: T0 + 4 });
				const givenUpJob = await store.job(givenUp.id);
				expect(givenUpJob).toMatchObject({ state: 'sent', wamid: 'wamid.b' });
				expect(givenUpJob).not.toHaveProperty('lastError');

				const rows = await store.queryLog({});
				expect(rows).toHaveLength(2);
				expect(rows.find((row) => row.jobId === waiting.id)).toMatchObject({ status: 'sucesso', wamid: 'wamid.a', entrega: 'delivered' });
				const givenUpRow = rows.find((row) => row.jobId === givenUp.id);
				expect(givenUpRow).toMatchObject({ status: 'sucesso', wamid: 'wamid.b', entrega: 'sent', mensagem: 'Mensagem enviada ao WhatsApp.' });
				expect(givenUpRow).not.toHaveProperty('codigoErro');
				expect(await store.counts()).toEqual({ queued: 0, sending: 0, sent: 2, failed: 0 });
			});
		});

		describe('send log', () => {
			async function fillLog(): Promise<void> {
				const [a, b] = await claimed('c1', 2, T0);
				await store.markSent(a.id, 'wamid.a', T0 + 1 * MINUTE);
				await store.markFailed(b.id, 'Número sem WhatsApp (131026).', 131026, T0 + 2 * MINUTE);
				await store.logSkipped({ campaign: 'c1', clienteId: '7', contato: '+55 (11) 3456-7890', dataEnvio: T0 + 3 * MINUTE, mensagem: 'Telefone fixo' });
				const [c] = await claimed('c2', 1, T0 + 4 * MINUTE);
				await store.markSent(c.id, 'wamid.c', T0 + 4 * MINUTE);
			}

			it('lists rows newest first, with skipped recipients', async () => {
				await fillLog();
				const rows = await store.queryLog({});
				expect(rows.map((row) => [row.campaign, row.clienteId, row.status])).toEqual([
					['c2', '1', 'sucesso'],
					['c1', '7', 'ignorado'],
					['c1', '2', 'falha'],
					['c1', '1', 'sucesso'],
				]);
				expect(rows[1]).toEqual({
					id: expect.any(Number),
					campaign: 'c1',
					clienteId: '7',
					tipoComunicacao: 'whatsapp',
					contato: '+55 (11) 3456-7890',
					dataEnvio: T0 + 3 * MINUTE,
					status: 'ignorado',
					mensagem: 'Telefone fixo',
					motivo: 'Telefone fixo',
				});
				expect(new Set(rows.map((row) => row.id)).size).toBe(4);
			});

			it('filters by campaign, customer, status, contact digits and period, up to the limit', async () => {
				await fillLog();
				const keys = async (filter: Parameters<BroadcastStore['queryLog']>[0]) =>
					(await store.queryLog(filter)).map((row) => `${row.campaign}/${row.clienteId}`);
				expect(await keys({ campaign: 'c1' })).toEqual(['c1/7', 'c1/2', 'c1/1']);
				expect(await keys({ clienteId: '1' })).toEqual(['c2/1', 'c1/1']);
				expect(await keys({ status: 'falha' })).toEqual(['c1/2']);
				expect(await keys({ contato: '(11) 98765-0001' })).toEqual(['c2/1', 'c1/1']);
				expect(await keys({ contato: '3456' })).toEqual(['c1/7']);
				expect(await keys({ from: T0 + 2 * MINUTE, to: T0 + 3 * MINUTE })).toEqual(['c1/7', 'c1/2']);
				expect(await keys({ campaign: 'c1', limit: 2 })).toEqual(['c1/7', 'c1/2']);
				expect(await keys({ campaign: 'c1', status: 'sucesso', clienteId: '2' })).toEqual([]);
				expect(await keys({ campaign: 'nenhuma' })).toEqual([]);
			});
		});

		describe('policy reschedules, reasons, prices and the 24-hour window', () => {
			it('copies the category and unit price of the job and the window of its last send into its row; queryLog gives motivo and custo', async () => {
				await store.enqueue(
					[
						{ ...testJob('c1', 1), category: 'marketing', unitPriceBRL: 0.35 },
						{ ...testJob('c1', 2), category: 'utility', unitPriceBRL: 0.04 },
						{ ...testJob('c1', 3), category: 'marketing', unitPriceBRL: 0.35 },
					],
					T0,
				);
				const [first, second, third] = await store.claim(T0, 3, LEASE);
				expect(first).toMatchObject({ category: 'marketing', unitPriceBRL: 0.35 });
				await store.markInFlight(first.id, T0, 'fora');
				await store.markInFlight(second.id, T0, 'dentro');
				await store.markInFlight(third.id, T0);
				expect(await store.job(first.id)).toMatchObject({ window24h: 'fora' });
				await store.markSent(first.id, 'wamid.1', T0 + 1);
				await store.markSent(second.id, 'wamid.2', T0 + 2);
				await store.markFailed(third.id, 'Mensagem não entregue.', 131026, T0 + 3);
				await store.recordStatus({ wamid: 'wamid.1', status: 'delivered', at: T0 + 10 });
				const rows = Object.fromEntries((await store.queryLog({})).map((row) => [row.jobId, row]));
				// delivered marketing outside the window: its price; utility inside the window: free; failed: nothing
				expect(rows[first.id]).toMatchObject({ categoria: 'marketing', precoUnitario: 0.35, custo: 0.35, janela24h: 'fora', motivo: 'entregue' });
				expect(rows[second.id]).toMatchObject({ categoria: 'utility', precoUnitario: 0.04, custo: 0, janela24h: 'dentro' });
				expect(rows[third.id]).toMatchObject({ custo: 0, motivo: 'número sem WhatsApp (131026)' });
				expect(rows[third.id].janela24h).toBeUndefined();
			});

			it('a reschedule writes a "reagendado" row of its own; the send that follows gets its own outcome row', async () => {
				const [job] = await claimed('c1', 1);
				await store.markInFlight(job.id, T0, 'desconhecido');
				await store.retryLater(job.id, T0 + 24 * 60 * MINUTE, 'Limite de marketing por usuário (131049): nova tentativa em amanhã.', T0 + 1);
				await store.logRescheduled(job.id, { dataEnvio: T0 + 1, mensagem: 'Limite de marketing por usuário (131049): nova tentativa em amanhã.', codigoErro: 131049 });
				expect(await store.queryLog({})).toEqual([
					expect.objectContaining({
						jobId: job.id,
						campaign: 'c1',
						clienteId: '1',
						contato: '+55 (11) 98765-0001',
						status: 'reagendado',
						codigoErro: 131049,
						janela24h: 'desconhecido',
						motivo: 'Limite de marketing por usuário (131049): nova tentativa em amanhã.',
					}),
				]);
				expect(await store.queryLog({ status: 'reagendado' })).toHaveLength(1);
				const [again] = await store.claim(T0 + 24 * 60 * MINUTE, 1, LEASE);
				await store.markSent(again.id, 'wamid.1', T0 + 24 * 60 * MINUTE);
				expect((await store.queryLog({})).map((row) => row.status)).toEqual(['sucesso', 'reagendado']);
				await expect(store.logRescheduled('c1:nenhum', { dataEnvio: T0, mensagem: 'x' })).rejects.toThrow('não está na fila');
			});
		});

		describe('campaign totals', () => {
			it('gives each campaign its counts, estimated cost and dates, the most recently changed first', async () => {
				expect(await store.campaignTotals()).toEqual([]);
				const priced = (campaign: string, n: number, unitPriceBRL?: number) => ({ ...testJob(campaign, n), category: 'marketing' as const, ...(unitPriceBRL !== undefined ? { unitPriceBRL } : {}) });
				await store.enqueue([priced('promo', 1, 0.3375), priced('promo', 2, 0.3375), priced('promo', 3, 0.3375)], T0);
				await store.enqueue([priced('aviso', 1)], T0 + 5 * MINUTE);
				const [first, second] = await store.claim(T0 + MINUTE, 2, LEASE);
				await store.markSent(first.id, 'wamid.promo1', T0 + 2 * MINUTE);
				await store.markFailed(second.id, 'Número sem WhatsApp.', 131026, T0 + 3 * MINUTE);
				await store.logSkipped({ campaign: 'promo', clienteId: '9', contato: '', dataEnvio: T0, mensagem: 'Sem telefone' });

				expect(await store.campaignTotals()).toEqual([
					{ campaign: 'aviso', counts: { queued: 1, sending: 0, sent: 0, failed: 0 }, estimatedCostBRL: 0, createdAt: T0 + 5 * MINUTE, updatedAt: T0 + 5 * MINUTE },
					{ campaign: 'promo', counts: { queued: 1, sending: 0, sent: 1, failed: 1 }, estimatedCostBRL: 1.0125, createdAt: T0, updatedAt: T0 + 3 * MINUTE },
				]);
				// reading changes nothing
				expect(await store.counts()).toEqual({ queued: 2, sending: 0, sent: 1, failed: 1 });
			});
		});

		describe('retention', () => {
			it('forgets finished campaigns and old rows after the retention period, never a campaign still sending', async () => {
				const [done] = await claimed('antiga', 1);
				await store.markSent(done.id, 'wamid.antiga', T0);
				await store.enqueue([testJob('pendente', 1)], T0);
				await store.logSkipped({ campaign: 'antiga', clienteId: '9', contato: '', dataEnvio: T0, mensagem: 'Sem telefone' });

				const later = T0 + BROADCAST_RETENTION_MS + 1;
				expect(await store.enqueue([testJob('antiga', 1), testJob('pendente', 1)], later)).toEqual({ added: 1, duplicates: 1 });
				expect(await store.job(done.id)).toMatchObject({ state: 'queued', createdAt: later });
				expect(await store.queryLog({})).toEqual([]);
				expect(await store.counts()).toEqual({ queued: 2, sending: 0, sent: 0, failed: 0 });
				// the finished campaign starts over; (Redis lists a campaign left queued this long again at its next change)
				expect((await store.campaignTotals()).find((totals) => totals.campaign === 'antiga')).toMatchObject({ createdAt: later, counts: { queued: 1, sent: 0 } });
			});
		});
	});
}

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

		describe('replies', () => {
			it("puts the tapped button's text on the sent job's row (a later tap replaces it), and nothing for unknown or unsent jobs", async () => {
				const [sent, unsent] = await claimed('c1', 2);
				await store.markSent(sent.id, 'wamid.1', T0 + 1);
				await store.recordStatus({ wamid: 'wamid.1', status: 'read', at: T0 + 2 });
				await store.recordReply(sent.id, { at: T0 + 3, resposta: 'Já voltou' });
				await store.recordReply(sent.id, { at: T0 + 4, resposta: 'Continua sem internet' });
				await store.recordReply(unsent.id, { at: T0 + 4, resposta: 'Já voltou' });
				await store.recordReply('c9:ninguem', { at: T0 + 4, resposta: 'Já voltou' });

				const rows = await store.queryLog({});
				expect(rows).toHaveLength(1);
				expect(rows[0]).toMatchObject({ jobId: sent.id, status: 'sucesso', entrega: 'read', resposta: 'Continua sem internet', respondidoEm: T0 + 4 });
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

		describe('campaign control (pause, resume, cancel) and progress', () => {
			const POLICY = { delayMs: 24 * 60 * MINUTE, maxAttempts: 5, timeZone: 'America/Sao_Paulo' };

			it('a paused campaign is claimed by no run, its jobs untouched; a resume continues where it stopped', async () => {
				await store.enqueue([1, 2, 3, 4].map((n) => testJob('c1', n)), T0);
				await store.enqueue([testJob('c2', 1)], T0);
				const [first] = await store.claim(T0, 1, LEASE);
				const queuedBefore = await store.job('c1:cliente:3/login:3003');

				expect(await store.pauseCampaign('c1', T0 + 1)).toEqual({ campaign: 'c1', previous: 'active', state: 'paused', cancelled: 0 });
				expect(await store.pauseCampaign('c1', T0 + 2)).toMatchObject({ previous: 'paused', state: 'paused' });
				expect(await store.campaignState('c1')).toBe('paused');
				expect(await store.controlledCampaigns()).toEqual([{ campaign: 'c1', state: 'paused' }]);
				expect((await store.claim(T0 + 3, 10, LEASE)).map((job) => job.id)).toEqual(['c2:cliente:1/login:3001']);
				expect(await store.claim(T0 + LEASE + 1, 10, LEASE)).toEqual([]); // not even the first job's run, dead meanwhile
				expect(await store.job('c1:cliente:3/login:3003')).toEqual(queuedBefore);
				// a recipient added while paused waits too
				expect(await store.enqueue([testJob('c1', 5)], T0 + 4)).toEqual({ added: 1, duplicates: 0 });
				expect(await store.claim(T0 + LEASE + 2, 10, LEASE)).toEqual([]);

				expect(await store.resumeCampaign('c1', T0 + LEASE + 3)).toEqual({ campaign: 'c1', previous: 'paused', state: 'active', cancelled: 0 });
				expect(await store.controlledCampaigns()).toEqual([]);
				const resumed = await store.claim(T0 + LEASE + 4, 10, LEASE);
				expect(resumed.map((job) => job.id).sort()).toEqual([...[1, 2, 3, 4, 5].map((n) => `c1:cliente:${n}/login:${3000 + n}`), 'c2:cliente:1/login:3001'].sort());
				expect(resumed.find((job) => job.id === first.id)).toMatchObject({ attempts: 0 });
				expect(await store.counts('c1')).toEqual({ queued: 0, sending: 5, sent: 0, failed: 0 });
			});


			it('a job claimed before the pause is not sent: markInFlight gives false and puts it back; a send already on its way finishes', async () => {
				const [onItsWay, claimedOnly, retried] = await claimed('c1', 3);
				expect(await store.markInFlight(onItsWay.id, T0 + 1, 'fora', POLICY)).toBe(true);
				expect(await store.markInFlight(retried.id, T0 + 1)).toBe(true);
				await store.pauseCampaign('c1', T0 + 2);
				expect(await store.markInFlight(claimedOnly.id, T0 + 3)).toBe(false);
				expect(await store.job(claimedOnly.id)).toMatchObject({ state: 'queued', attempts: 0, notBefore: T0 });
				expect(await store.job(claimedOnly.id)).not.toHaveProperty('leaseUntil');
				await store.markSent(onItsWay.id, 'wamid.1', T0 + 4);
				await store.retryLater(retried.id, T0 + 5, 'Erro 500 do WhatsApp.', T0 + 4);
				expect(await store.job(onItsWay.id)).toMatchObject({ state: 'sent', marketingRetry: POLICY });
				expect(await store.claim(T0 + MINUTE, 10, LEASE)).toEqual([]);

				await store.resumeCampaign('c1', T0 + MINUTE);
				expect((await store.claim(T0 + MINUTE, 10, LEASE)).map((job) => job.id).sort()).toEqual([claimedOnly.id, retried.id].sort());
				expect(await store.markInFlight(claimedOnly.id, T0 + MINUTE)).toBe(true);
				await store.markSent(claimedOnly.id, 'wamid.2', T0 + MINUTE);
				expect(await store.markInFlight(claimedOnly.id, T0 + MINUTE)).toBe(false); // no longer being sent
			});

			it('a cancel ends the pending jobs "cancelado" with its reason, for good: no claim, no resume, no new recipient', async () => {
				const [sent, onItsWay, claimedOnly] = await claimed('c1', 3);
				await store.enqueue([4, 5].map((n) => testJob('c1', n)), T0);
				await store.markSent(sent.id, 'wamid.1', T0 + 1);
				expect(await store.markInFlight(onItsWay.id, T0 + 1)).toBe(true);

				const reason = 'Campanha cancelada antes do envio: aviso enviado por engano.';
				expect(await store.cancelCampaign('c1', reason, T0 + 2)).toEqual({ campaign: 'c1', previous: 'active', state: 'cancelled', cancelled: 2 });
				expect(await store.job('c1:cliente:4/login:3004')).toMatchObject({ state: 'cancelled', lastError: reason });
				// a run that claimed before the cancel: what it has not sent yet is cancelled, what is on its way finishes
				expect(await store.markInFlight(claimedOnly.id, T0 + 3)).toBe(false);
				expect(await store.job(claimedOnly.id)).toMatchObject({ state: 'cancelled' });
				await store.markSent(onItsWay.id, 'wamid.2', T0 + 4);
				expect(await store.claim(T0 + 2 * LEASE, 10, LEASE)).toEqual([]);

				const rows = await store.queryLog({ campaign: 'c1', status: 'cancelado' });
				expect(rows.map((row) => row.jobId).sort()).toEqual([claimedOnly.id, 'c1:cliente:4/login:3004', 'c1:cliente:5/login:3005'].sort());
				expect(rows[0]).toMatchObject({ status: 'cancelado', mensagem: reason, motivo: reason, contato: expect.stringMatching(/^\+55 \(11\)/) });
				expect(await store.counts('c1')).toEqual({ queued: 0, sending: 0, sent: 2, failed: 0 });

				// running the campaign again resurrects nothing and queues no new recipient
				expect(await store.enqueue([4, 6].map((n) => testJob('c1', n)), T0 + 5)).toEqual({ added: 0, duplicates: 1, cancelled: 1 });
				expect(await store.job('c1:cliente:6/login:3006')).toBeUndefined();
				expect(await store.resumeCampaign('c1', T0 + 6)).toMatchObject({ previous: 'cancelled', state: 'cancelled' });
				expect(await store.pauseCampaign('c1', T0 + 6)).toMatchObject({ previous: 'cancelled', state: 'cancelled' });
				expect(await store.cancelCampaign('c1', 'outro motivo', T0 + 7)).toMatchObject({ previous: 'cancelled', cancelled: 0 });
				expect(await store.claim(T0 + 3 * LEASE, 10, LEASE)).toEqual([]);
				expect(await store.controlledCampaigns()).toEqual([{ campaign: 'c1', state: 'cancelled' }]);
			});

			it('a cancel ends a dead run\'s job too; if WhatsApp then says it went out, the log says so', async () => {
				const [job] = await claimed('c1', 1);
				await store.markInFlight(job.id, T0 + 1);
				expect(await store.cancelCampaign('c1', 'Campanha cancelada antes do envio.', T0 + LEASE)).toMatchObject({ cancelled: 1 });
				await store.recordStatus({ wamid: 'wamid.1', jobId: job.id, status: 'delivered', at: T0 + LEASE + 1 });
				expect(await store.job(job.id)).toMatchObject({ state: 'sent', wamid: 'wamid.1' });
				expect(await store.queryLog({})).toMatchObject([{ jobId: job.id, status: 'sucesso', entrega: 'delivered' }]);
			});

			it('a retry of a cancelled campaign\'s job ends it cancelled; a paused one\'s waits for the resume', async () => {
				const [a] = await claimed('c1', 1);
				const [b] = await claimed('c2', 1);
				await store.cancelCampaign('c1', 'cancelada', T0 + 1);
				await store.pauseCampaign('c2', T0 + 1);
				await store.retryLater(a.id, T0 + 2, 'Erro 500 do WhatsApp.', T0 + 1);
				await store.retryLater(b.id, T0 + 2, 'Erro 500 do WhatsApp.', T0 + 1);
				expect(await store.job(a.id)).toMatchObject({ state: 'cancelled', lastError: 'cancelada' });
				expect(await store.job(b.id)).toMatchObject({ state: 'queued', attempts: 1 });
				expect(await store.claim(T0 + MINUTE, 10, LEASE)).toEqual([]);
				await store.resumeCampaign('c2', T0 + MINUTE);
				expect(await store.claim(T0 + MINUTE, 10, LEASE)).toMatchObject([{ id: b.id }]);
			});

			it('gives each campaign\'s progress: sent, delivered, read, failed, pending, cancelled, recent rate and ETA', async () => {
				expect(await store.campaignProgress('nenhuma', T0)).toEqual({ campaign: 'nenhuma', state: 'active', total: 0, sent: 0, delivered: 0, read: 0, failed: 0, pending: 0, cancelled: 0, etaMs: 0 });
				const jobs = await claimed('c1', 10);
				await store.enqueue([testJob('c2', 1)], T0);
				// 6 left the queue in the 30 s since the first: 0.2 per second
				for (const [index, job] of jobs.slice(0, 5).entries()) await store.markSent(job.id, `wamid.${index}`, T0 + index * 7_500);
				await store.markFailed(jobs[5].id, 'Número sem WhatsApp (131026).', 131026, T0 + 30_000);
				await store.recordStatus({ wamid: 'wamid.0', status: 'delivered', at: T0 + 31_000 });
				await store.recordStatus({ wamid: 'wamid.1', status: 'read', at: T0 + 31_000 });
				await store.recordStatus({ wamid: 'wamid.2', status: 'delivered', at: T0 + 31_000 });
				await store.recordStatus({ wamid: 'wamid.2', status: 'read', at: T0 + 32_000 });
				await store.recordStatus({ wamid: 'wamid.3', status: 'failed', at: T0 + 32_000, errorCode: 131026 });

				const progress = await store.campaignProgress('c1', T0 + 30_000, 80);
				expect(progress).toEqual({
					campaign: 'c1',
					state: 'active',
					total: 10,
					sent: 4,
					delivered: 3,
					read: 2,
					failed: 2,
					pending: 4,
					cancelled: 0,
					recentRate: 0.2,
					etaMs: 20_000,
				});
				// no recent history: the fallback rate; none given: no ETA; paused: no ETA
				expect(await store.campaignProgress('c2', T0 + 30_000, 80)).toMatchObject({ pending: 1, etaMs: 13 });
				expect(await store.campaignProgress('c2', T0 + 30_000)).not.toHaveProperty('etaMs');
				expect(await store.campaignProgress('c1', T0 + 10 * MINUTE)).not.toHaveProperty('recentRate');
				await store.pauseCampaign('c1', T0 + 30_000);
				const paused = await store.campaignProgress('c1', T0 + 30_000, 80);
				expect(paused).toMatchObject({ state: 'paused', pending: 4, recentRate: 0.2 });
				expect(paused).not.toHaveProperty('etaMs');
				// the run that claimed them died: its leases ran out
				await store.cancelCampaign('c1', 'cancelada', T0 + LEASE);
				expect(await store.campaignProgress('c1', T0 + LEASE)).toMatchObject({ state: 'cancelled', pending: 0, cancelled: 4, total: 10, etaMs: 0 });
			});

			it('a 131049 reported later in a failed status puts the recipient back after Processar Fila\'s delay, once', async () => {
				const [job, other, noPolicy] = await claimed('c1', 3);
				await store.markInFlight(job.id, T0, 'fora', POLICY);
				await store.markInFlight(other.id, T0, 'fora', { ...POLICY, maxAttempts: 1 });
				await store.markInFlight(noPolicy.id, T0);
				for (const [index, sent] of [job, other, noPolicy].entries()) await store.markSent(sent.id, `wamid.${index}`, T0 + 1);
				await store.recordStatus({ wamid: 'wamid.0', status: 'delivered', at: T0 + 5 });
				const failed = { status: 'failed' as const, at: T0 + 10, errorCode: 131049, errorTitle: 'This message was not delivered to maintain healthy ecosystem engagement.' };
				await store.recordStatus({ wamid: 'wamid.0', jobId: job.id, ...failed });
				await store.recordStatus({ wamid: 'wamid.1', ...failed });
				await store.recordStatus({ wamid: 'wamid.2', ...failed });

				const notBefore = T0 + 10 + POLICY.delayMs;
				const reason = 'Limite de marketing por usuário (131049), informado na entrega: nova tentativa em 06/01/2026 às 09:00.';
				const rescheduled = await store.job(job.id);
				expect(rescheduled).toMatchObject({ state: 'queued', attempts: 1, notBefore, lastError: reason, rescheduledWamid: 'wamid.0' });
				expect(rescheduled).not.toHaveProperty('wamid');
				// no attempt left, or sent without the policy: a failure as before
				expect(await store.job(other.id)).toMatchObject({ state: 'failed' });
				expect(await store.job(noPolicy.id)).toMatchObject({ state: 'failed' });
				expect(await store.campaignProgress('c1', T0 + 10)).toMatchObject({ sent: 0, failed: 2, pending: 1, delivered: 0 });

				// the same status again (WhatsApp repeats webhooks) changes nothing
				await store.recordStatus({ wamid: 'wamid.0', jobId: job.id, ...failed, at: T0 + 20 });
				expect(await store.job(job.id)).toMatchObject({ state: 'queued', attempts: 1, notBefore });
				expect(await store.claim(notBefore - 1, 10, LEASE)).toEqual([]);

				const [again] = await store.claim(notBefore, 10, LEASE);
				expect(again).toMatchObject({ id: job.id, attempts: 1 });
				await store.markSent(job.id, 'wamid.novo', notBefore + 1);
				const rows = (await store.queryLog({ campaign: 'c1' })).filter((row) => row.jobId === job.id);
				expect(rows.map((row) => [row.status, row.wamid])).toEqual([
					['sucesso', 'wamid.novo'],
					['reagendado', 'wamid.0'],
				]);
				expect(rows[1]).toMatchObject({ codigoErro: 131049, entrega: 'failed', mensagem: reason, motivo: reason });
				expect(await store.job(job.id)).toMatchObject({ state: 'sent', wamid: 'wamid.novo' });
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

import type { InboundMessage } from '../channels/types';
import { contactKey, WEBCHAT_FILE_MAX_BYTES, WEBCHAT_HISTORY, type ConversationStore, type RouteOptions } from './store';
import { invitationKey, type Invitation } from './invitations';
import { CHECKPOINT_CHECK_MS, PROCESS_ID } from './checkpoint';
import type { ChannelRef, Checkpoint, RouteDecision, Waiter } from './types';

/** Fixtures shared by the contract and by backend-specific tests. */
export const testChannel: ChannelRef = { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' };

export const testWaiter: Waiter = { resumeUrl: 'http://127.0.0.1/webhook-waiting/1/node', executionId: '1', nodeName: 'Menu', attempts: 0 };

/** A card's entry checkpoint written at `savedAt` by this process. */
export function testCheckpoint(savedAt: number): Checkpoint {
	return { at: 'entrada', workflowId: 'w1', nodeName: 'Menu', items: [[{ json: { atendimento: { id: 'x' } } }]], executionId: '1', process: PROCESS_ID, savedAt, sent: 0, reruns: 0 };
}

let sequence = 0;

export function testMessage(text: string, contactId = 'sessao-1', messageId = `m-${++sequence}`): InboundMessage {
	return { channel: 'webchat', accountId: 'atendimento', contactId, messageId, timestamp: Date.now(), content: { kind: 'text', text } };
}

export function testRouteOptions(now = Date.now()): RouteOptions {
	return { now, runningLeaseMs: 60_000, newConversationId: () => `c-${++sequence}`, newProtocolo: () => `P-${sequence}` };
}

/** The conversation id of a 'start' decision (fails the test otherwise). */
export function startedId(decision: RouteDecision): string {
	expect(decision.action).toBe('start');
	return decision.action === 'start' ? decision.conversation.id : '';
}

/** Options every backend takes (`retentionMs`: see DEFAULT_RETENTION_MS). */
export interface ContractStoreOptions {
	retentionMs?: number;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every ConversationStore backend must have (docs/arquitetura.md §2–3). `makeStore` gives a
 * fresh, empty store for each test (with `options` when given); `cleanup` closes it and removes what it left.
 */
export function describeConversationStoreContract(
	name: string,
	makeStore: (options?: ContractStoreOptions) => ConversationStore | Promise<ConversationStore>,
	cleanup: (store: ConversationStore) => void | Promise<void>,
): void {
	describe(`${name} — contrato do ConversationStore`, () => {
		let store: ConversationStore;
		beforeEach(async () => {
			store = await makeStore();
		});
		afterEach(async () => {
			await cleanup(store);
		});

		describe('routing (docs/arquitetura.md §3)', () => {
			it('starts a conversation, queues while running, resumes a waiter, and starts again after the end', async () => {
				const conversationId = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));

				expect((await store.routeInbound(testChannel, testMessage('rápido'), testRouteOptions())).action).toBe('queued');
				expect(await store.parkOrTake(conversationId, testWaiter)).toMatchObject({ content: { text: 'rápido' } });
				expect(await store.parkOrTake(conversationId, testWaiter)).toBeUndefined();
				expect((await store.get(conversationId))?.state).toBe('waiting');

				const resume = await store.routeInbound(testChannel, testMessage('2'), testRouteOptions());
				expect(resume).toMatchObject({ action: 'resume', waiter: { resumeUrl: testWaiter.resumeUrl } });
				expect(await store.get(conversationId)).toMatchObject({ state: 'running' });
				expect((await store.get(conversationId))?.waiter).toBeUndefined();

				await store.update(conversationId, (record) => {
					record.state = 'ended';
				});
				const again = await store.routeInbound(testChannel, testMessage('oi de novo'), testRouteOptions());
				expect(startedId(again)).not.toBe(conversationId);
			});

			it("a new conversation keeps the time of the contact's last message in the one it replaced (Tempo sem interação)", async () => {
				const first = startedId(await store.routeInbound(testChannel, testMessage('oi', 'tempo'), testRouteOptions(50_000)));
				expect((await store.get(first))?.previousCustomerMessageAt).toBeUndefined();
				await store.update(first, (record) => {
					record.state = 'ended';
				});
				const second = startedId(await store.routeInbound(testChannel, testMessage('voltei', 'tempo'), testRouteOptions(90_000)));
				expect((await store.get(second))?.previousCustomerMessageAt).toBe(50_000);
			});

			it('keeps one current conversation per contact', async () => {
				const first = startedId(await store.routeInbound(testChannel, testMessage('oi', 'a'), testRouteOptions()));
				const second = startedId(await store.routeInbound(testChannel, testMessage('oi', 'b'), testRouteOptions()));
				expect(second).not.toBe(first);
				const queued = await store.routeInbound(testChannel, testMessage('e aí', 'a'), testRouteOptions());
				expect(queued).toMatchObject({ action: 'queued', conversation: { id: first } });
				expect((await store.currentOf(testChannel, 'a'))?.id).toBe(first);
				expect((await store.currentOf(testChannel, 'b'))?.id).toBe(second);
				expect(await store.currentOf(testChannel, 'ninguem')).toBeUndefined();
			});

			it('drops a duplicate delivery by message id, and routes it again when asked to', async () => {
				expect((await store.routeInbound(testChannel, testMessage('oi', 'a', 'same'), testRouteOptions())).action).toBe('start');
				expect((await store.routeInbound(testChannel, testMessage('oi', 'a', 'same'), testRouteOptions())).action).toBe('duplicate');
				const rerouted = await store.routeInbound(testChannel, testMessage('oi', 'a', 'same'), { ...testRouteOptions(), skipDedupe: true });
				expect(rerouted.action).toBe('queued');
			});

			it('keeps a transferred conversation silent and records the message', async () => {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));
				await store.update(id, (record) => {
					record.state = 'human';
				});
				const message = testMessage('alô?');
				expect((await store.routeInbound(testChannel, message, testRouteOptions())).action).toBe('human');
				expect((await store.get(id))?.events.at(-1)).toMatchObject({ type: 'mensagem_para_humano', data: { messageId: message.messageId } });
				expect(await store.parkOrTake(id, testWaiter)).toBeUndefined();
				expect((await store.get(id))?.state).toBe('human');
			});

			it('treats a conversation running with no card activity past the lease as finished', async () => {
				const start = Date.now();
				const stale = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions(start)));
				const fresh = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions(start + 120_000)));
				expect(fresh).not.toBe(stale);
				expect(await store.get(stale)).toMatchObject({ state: 'ended', endReason: 'fluxo_concluido' });
			});

			it('does not let customer messages renew the lease of a flow that stopped running cards', async () => {
				const start = Date.now();
				const first = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions(start)));
				expect((await store.routeInbound(testChannel, testMessage('alô'), testRouteOptions(start + 50_000))).action).toBe('queued');
				const next = await store.routeInbound(testChannel, testMessage('alguém?'), testRouteOptions(start + 100_000));
				expect(startedId(next)).not.toBe(first);
			});

			it('keeps a paused conversation (Criar Delay) running until its pause ends, then the lease applies', async () => {
				const start = Date.now();
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions(start)));
				await store.update(id, (record) => {
					record.busyUntil = start + 300_000;
				});
				expect((await store.routeInbound(testChannel, testMessage('1'), testRouteOptions(start + 200_000))).action).toBe('queued');
				expect((await store.routeInbound(testChannel, testMessage('2'), testRouteOptions(start + 400_000))).action).toBe('start');
			});

			it('ends a transferred conversation after its inactivity timeout', async () => {
				const start = Date.now();
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions(start)));
				await store.update(id, (record) => {
					record.state = 'human';
					record.humanTimeoutMs = 60_000;
				});
				const updatedAt = (await store.get(id))!.updatedAt;
				expect((await store.routeInbound(testChannel, testMessage('alô'), testRouteOptions(updatedAt + 30_000))).action).toBe('human');
				const later = await store.routeInbound(testChannel, testMessage('alô?'), testRouteOptions(updatedAt + 30_000 + 61_000));
				expect(startedId(later)).not.toBe(id);
				expect(await store.get(id)).toMatchObject({ state: 'ended', endReason: 'inatividade_atendente' });
			});
		});

		describe('history, context and opted-out contacts', () => {
			it('records every routed message in the history, atomically with its routing', async () => {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));
				await Promise.all(Array.from({ length: 19 }, async (_, index) => await store.routeInbound(testChannel, testMessage(`m${index}`), testRouteOptions())));
				const record = (await store.get(id))!;
				expect(record.history.filter((entry) => entry.from === 'cliente')).toHaveLength(20);
				expect(record.history.filter((entry) => entry.status === 'fila')).toHaveLength(19);
				expect(record.inbox).toHaveLength(19);
			});

			it('parkOrTake makes the messages sent before the question context, then parks without spending an attempt', async () => {
				const now = Date.now();
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions(now)));
				await store.routeInbound(testChannel, { ...testMessage('bom dia'), receivedAt: now + 1 }, testRouteOptions(now + 1));
				await store.routeInbound(testChannel, { ...testMessage('minha internet caiu'), receivedAt: now + 2 }, testRouteOptions(now + 2));
				expect(await store.parkOrTake(id, { ...testWaiter, askedAt: now + 10 })).toBeUndefined();
				const record = (await store.get(id))!;
				expect(record).toMatchObject({ state: 'waiting', inbox: [], context: ['oi', 'bom dia', 'minha internet caiu'], waiter: { attempts: 0, askedAt: now + 10 } });
				expect(record.history.map((entry) => entry.status)).toEqual(['inicio', 'contexto', 'contexto']);
				expect((await store.routeInbound(testChannel, testMessage('2'), testRouteOptions(now + 20))).action).toBe('resume');
				expect((await store.get(id))!.history.at(-1)).toMatchObject({ text: '2', status: 'resposta' });
			});

			it('an opted-out contact starts and resumes nothing: the message is only recorded, until consent is back', async () => {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi', 'bloq'), testRouteOptions()));
				await store.parkOrTake(id, testWaiter);
				await store.setConsent('webchat', 'bloq', 'out');
				const recorded = await store.routeInbound(testChannel, testMessage('1', 'bloq'), testRouteOptions());
				expect(recorded).toMatchObject({ action: 'recorded', conversation: { id, state: 'waiting' } });
				expect((await store.get(id))!.history.at(-1)).toMatchObject({ text: '1', status: 'bloqueada' });
				await store.update(id, (record) => {
					record.state = 'ended';
					record.waiter = undefined;
				});
				expect((await store.routeInbound(testChannel, testMessage('oi?', 'bloq'), testRouteOptions())).action).toBe('recorded');
				expect((await store.currentOf(testChannel, 'bloq'))?.id).toBe(id);

				await store.setConsent('webchat', 'bloq', 'in');
				expect(startedId(await store.routeInbound(testChannel, testMessage('oi', 'bloq'), testRouteOptions()))).not.toBe(id);
			});

			it('an opted-out contact with no conversation gets an ended record that holds the message', async () => {
				await store.setConsent('webchat', 'novo-bloq', 'out');
				const recorded = await store.routeInbound(testChannel, testMessage('oi', 'novo-bloq'), testRouteOptions());
				expect(recorded).toMatchObject({ action: 'recorded', conversation: { state: 'ended', endReason: 'contato_bloqueado' } });
				expect((await store.currentOf(testChannel, 'novo-bloq'))?.history).toMatchObject([{ text: 'oi', status: 'bloqueada' }]);
				expect((await store.routeInbound(testChannel, testMessage('alô', 'novo-bloq'), testRouteOptions())).action).toBe('recorded');
				expect((await store.currentOf(testChannel, 'novo-bloq'))?.history).toHaveLength(2);
			});

			it('a command is recorded on the current conversation and deduplicated', async () => {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));
				const command = testMessage('/bloquear');
				expect(await store.routeInbound(testChannel, command, { ...testRouteOptions(), command: true })).toMatchObject({ action: 'recorded', conversation: { id } });
				expect((await store.routeInbound(testChannel, command, { ...testRouteOptions(), command: true })).action).toBe('duplicate');
				expect((await store.get(id))!).toMatchObject({ state: 'running', inbox: [] });
				expect((await store.get(id))!.history.at(-1)).toMatchObject({ text: '/bloquear', status: 'comando' });
			});
		});

		describe('bursts (Agrupar mensagens em sequência)', () => {
			const timing = (now: number) => ({ now, windowMs: 1_000, maxMs: 3_000, runningLeaseMs: 60_000 });
			const key = contactKey(testChannel, 'sessao-1');

			it('holds the parts, deduplicated; routes nothing before the flush time; is taken once', async () => {
				const now = Date.now();
				const first = testMessage('oi');
				await store.addToBurst(testChannel, first, timing(now));
				expect(await store.addToBurst(testChannel, first, timing(now + 10))).toBe('duplicate');
				const burst = await store.addToBurst(testChannel, testMessage('bom dia'), timing(now + 500));
				expect(burst).toMatchObject({ key, flushAt: now + 1_500, messages: [{ content: { text: 'oi' } }, { content: { text: 'bom dia' } }] });
				expect(await store.listBursts()).toMatchObject([{ key, flushAt: now + 1_500 }]);

				expect(await store.takeBurst(key, now + 1_499)).toBeUndefined();
				const [taken, again] = await Promise.all([store.takeBurst(key, now + 1_500), store.takeBurst(key, now + 1_500)]);
				expect([taken, again].filter(Boolean)).toHaveLength(1);
				expect((taken ?? again)!.messages).toHaveLength(2);
				expect(await store.listBursts()).toEqual([]);
				expect(await store.takeBurst(key)).toBeUndefined();
				// A part routed in a burst is not routed again when the channel delivers it once more.
				expect((await store.routeInbound(testChannel, first, testRouteOptions())).action).toBe('duplicate');
			});

			it('a forced take (a message that is not text) takes the burst at once', async () => {
				const now = Date.now();
				await store.addToBurst(testChannel, testMessage('oi'), timing(now));
				expect(await store.takeBurst(key)).toMatchObject({ key, messages: [{ content: { text: 'oi' } }] });
				expect(await store.takeBurst(key)).toBeUndefined();
			});
		});

		describe('records', () => {
			it('returns versioned copies, and undefined for an unknown id', async () => {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi', 'a'), testRouteOptions()));
				const record = await store.get(id);
				expect(record).toMatchObject({ version: 2, id, state: 'running', contact: { id: 'a' }, channel: { type: 'webchat' } });
				record!.tags.push('alterado fora do store');
				expect((await store.get(id))?.tags).toEqual([]);
				expect(await store.get('nao-existe')).toBeUndefined();
				expect(await store.update('nao-existe', () => undefined)).toBeUndefined();
			});

			it('update returns the new record and stamps updatedAt', async () => {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions(1_000)));
				const updated = await store.update(id, (record) => {
					record.variables.plano = '300 mega';
					record.tags.push('vip');
				});
				expect(updated).toMatchObject({ variables: { plano: '300 mega' }, tags: ['vip'] });
				expect(updated!.updatedAt).toBeGreaterThan(1_000);
				expect(await store.get(id)).toEqual(updated);
			});

			it('parkOrTake hands out the inbox oldest first, then parks', async () => {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));
				await store.routeInbound(testChannel, testMessage('um'), testRouteOptions());
				await store.routeInbound(testChannel, testMessage('dois'), testRouteOptions());
				expect(await store.parkOrTake(id, testWaiter)).toMatchObject({ content: { text: 'um' } });
				expect(await store.parkOrTake(id, testWaiter)).toMatchObject({ content: { text: 'dois' } });
				expect(await store.parkOrTake(id, testWaiter)).toBeUndefined();
				expect(await store.get(id)).toMatchObject({ state: 'waiting', waiter: testWaiter, inbox: [] });
			});

			it('an ended conversation does not park', async () => {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));
				await store.update(id, (record) => {
					record.state = 'ended';
				});
				expect(await store.parkOrTake(id, testWaiter)).toBeUndefined();
				expect((await store.get(id))?.state).toBe('ended');
			});

			it('lists the conversations waiting at a card', async () => {
				const waiting = startedId(await store.routeInbound(testChannel, testMessage('oi', 'a'), testRouteOptions()));
				startedId(await store.routeInbound(testChannel, testMessage('oi', 'b'), testRouteOptions())); // stays running
				const resumed = startedId(await store.routeInbound(testChannel, testMessage('oi', 'c'), testRouteOptions()));
				await store.parkOrTake(waiting, testWaiter);
				await store.parkOrTake(resumed, testWaiter);
				await store.routeInbound(testChannel, testMessage('2', 'c'), testRouteOptions());
				const listed = await store.listWaiting();
				expect(listed.map((conversation) => conversation.id)).toEqual([waiting]);
				expect(listed[0]).toMatchObject({ state: 'waiting', waiter: testWaiter });

				await store.update(waiting, (record) => {
					record.state = 'ended';
					record.waiter = undefined;
				});
				expect(await store.listWaiting()).toEqual([]);
			});

			it('lists the conversations created since a time, in any state', async () => {
				expect(await store.listConversations(0)).toEqual([]);
				const old = startedId(await store.routeInbound(testChannel, testMessage('oi', 'antigo'), testRouteOptions(1_000)));
				const ended = startedId(await store.routeInbound(testChannel, testMessage('oi', 'a'), testRouteOptions(5_000)));
				const waiting = startedId(await store.routeInbound(testChannel, testMessage('oi', 'b'), testRouteOptions(6_000)));
				const human = startedId(await store.routeInbound(testChannel, testMessage('oi', 'c'), testRouteOptions(7_000)));
				await store.update(ended, (record) => {
					record.state = 'ended';
					record.endedAt = 8_000;
					record.resolved = true;
				});
				await store.parkOrTake(waiting, testWaiter);
				await store.update(human, (record) => {
					record.state = 'human';
				});

				const listed = await store.listConversations(5_000);
				expect(listed.map((conversation) => conversation.id).sort()).toEqual([ended, human, waiting].sort());
				expect(listed.find((conversation) => conversation.id === ended)).toMatchObject({ version: 2, state: 'ended', endedAt: 8_000, resolved: true });
				expect(listed.find((conversation) => conversation.id === waiting)).toMatchObject({ state: 'waiting', waiter: testWaiter });
				expect((await store.listConversations(0)).map((conversation) => conversation.id)).toContain(old);
				expect(await store.listConversations(7_001)).toEqual([]);

				listed[0].tags.push('alterado fora do store');
				expect((await store.get(listed[0].id))?.tags).toEqual([]);
			});
		});

		describe('running steps to check (checkpoint.ts, docs/arquitetura.md §19)', () => {
			const LEASE_MS = 5_000;
			const claimed = async (now: number) => (await store.claimDueCheckpoints(now, LEASE_MS, 10)).claimed.map((claim) => claim.conversationId);

			async function running(contact: string, savedAt: number, channel: ChannelRef = testChannel): Promise<string> {
				const id = startedId(await store.routeInbound(channel, testMessage('oi', contact), testRouteOptions()));
				await store.update(id, (record) => {
					record.checkpoint = testCheckpoint(savedAt);
				});
				return id;
			}

			it('schedules a running conversation with a checkpoint CHECKPOINT_CHECK_MS after it was written; a claim leases it', async () => {
				const base = Date.now() + 60_000;
				const id = await running('passo-a', base);
				await store.routeInbound(testChannel, testMessage('oi', 'sem-checkpoint'), testRouteOptions()); // nothing to check
				await running('passo-teste', base, { ...testChannel, test: true }); // a test run from the editor is not run again

				expect(await store.claimDueCheckpoints(base + CHECKPOINT_CHECK_MS - 1, LEASE_MS, 10)).toEqual({ claimed: [], nextDueAt: base + CHECKPOINT_CHECK_MS });
				expect(await claimed(base + CHECKPOINT_CHECK_MS)).toEqual([id]);
				expect(await claimed(base + CHECKPOINT_CHECK_MS + 1)).toEqual([]);
				// Still running at the check: claimed again when the lease ends.
				expect(await claimed(base + CHECKPOINT_CHECK_MS + LEASE_MS)).toEqual([id]);
			});

			it('a card that parks, an answer that resumes it, or the end drops the entry; a release of a claim drops it unless a write replaced it', async () => {
				const base = Date.now() + 60_000;
				const parked = await running('passo-parou', base);
				const ended = await running('passo-fim', base);
				const released = await running('passo-liberado', base);
				const rewritten = await running('passo-reescrito', base);
				expect(await store.parkOrTake(parked, testWaiter)).toBeUndefined();
				await store.update(ended, (record) => {
					record.state = 'ended';
				});
				const claims = (await store.claimDueCheckpoints(base + CHECKPOINT_CHECK_MS, LEASE_MS, 10)).claimed;
				expect(claims.map((claim) => claim.conversationId).sort()).toEqual([released, rewritten].sort());
				// The next card wrote its checkpoint after the claim.
				await store.update(rewritten, (record) => {
					record.checkpoint = testCheckpoint(base + 20_000);
				});
				for (const claim of claims) await store.releaseCheckpoint(claim);
				expect(await store.claimDueCheckpoints(base + 20_000, LEASE_MS, 10)).toEqual({ claimed: [], nextDueAt: base + 20_000 + CHECKPOINT_CHECK_MS });

				// Parked, the card keeps its checkpoint (for an answer that finds its execution dead) without a check.
				expect((await store.get(parked))?.checkpoint).toMatchObject({ nodeName: 'Menu' });
				const resumed = await store.routeInbound(testChannel, testMessage('1', 'passo-parou'), testRouteOptions());
				expect(resumed).toMatchObject({ action: 'resume', checkpoint: { nodeName: 'Menu' } });
				expect((await store.get(parked))?.checkpoint).toBeUndefined();
			});

			it('says a process is alive while it beats within its ttl', async () => {
				await store.markProcessAlive(PROCESS_ID, 300);
				expect(await store.isProcessAlive(PROCESS_ID)).toBe(true);
				expect(await store.isProcessAlive('outra-maquina/1/abcdef12')).toBe(false);
			});
		});

		describe('"Sem resposta" deadline schedule (docs/arquitetura.md §5)', () => {
			const LEASE_MS = 10_000;
			const claimed = async (now: number) => (await store.claimDueDeadlines(now, LEASE_MS, 10)).claimed.map((claim) => claim.conversationId);

			async function parked(contact: string, deadline: number | undefined): Promise<string> {
				const id = startedId(await store.routeInbound(testChannel, testMessage('oi', contact), testRouteOptions()));
				expect(await store.parkOrTake(id, { ...testWaiter, deadline })).toBeUndefined();
				return id;
			}

			it('schedules a card parked with a deadline, in the park itself; a claim takes it once it is due, once', async () => {
				const base = Date.now() + 60_000;
				const later = await parked('prazo-b', base + 5_000);
				const first = await parked('prazo-a', base);
				await parked('sem-prazo', undefined); // waits forever: nothing to fire

				expect(await store.claimDueDeadlines(base - 1, LEASE_MS, 10)).toEqual({ claimed: [], nextDueAt: base });
				expect(await store.claimDueDeadlines(base, LEASE_MS, 10)).toEqual({
					claimed: [{ conversationId: first, leaseUntil: base + LEASE_MS }],
					nextDueAt: base + 5_000,
				});
				// Claimed: no other claim takes it while the lease lasts.
				expect(await claimed(base + 5_000)).toEqual([later]);
				expect(await claimed(base + 6_000)).toEqual([]);
				// A claim never finished (its process died): due again when the lease ends.
				expect(await claimed(base + LEASE_MS)).toEqual([first]);
			});

			it('claims the earliest first, at most `limit` at a time', async () => {
				const base = Date.now() + 60_000;
				const ids = [await parked('lote-3', base + 3), await parked('lote-1', base + 1), await parked('lote-2', base + 2)];
				const { claimed: some } = await store.claimDueDeadlines(base + 10, LEASE_MS, 2);
				expect(some.map((claim) => claim.conversationId)).toEqual([ids[1], ids[2]]);
				expect(await claimed(base + 10)).toEqual([ids[0]]);
			});

			it('drops the entry when the waiter is taken by an answer, the conversation ends, or a release finds nothing to fire', async () => {
				const base = Date.now() + 60_000;
				await parked('respondeu', base);
				const ended = await parked('encerrou', base);
				const released = await parked('liberado', base);
				expect((await store.routeInbound(testChannel, testMessage('2', 'respondeu'), testRouteOptions())).action).toBe('resume');
				await store.update(ended, (record) => {
					record.state = 'ended';
					record.waiter = undefined;
				});
				const { claimed: claims } = await store.claimDueDeadlines(base, LEASE_MS, 10);
				expect(claims.map((claim) => claim.conversationId)).toEqual([released]);
				await store.releaseDeadline(claims[0]);
				expect(await store.claimDueDeadlines(base + LEASE_MS, LEASE_MS, 10)).toEqual({ claimed: [] });
			});

			it('a write of the record replaces a claimed entry, and a release then leaves it', async () => {
				const base = Date.now() + 60_000;
				const id = await parked('reestacionou', base);
				const [claim] = (await store.claimDueDeadlines(base, LEASE_MS, 10)).claimed;
				// Answered meanwhile, then parked again at the next question with a new deadline.
				expect((await store.routeInbound(testChannel, testMessage('x', 'reestacionou'), testRouteOptions())).action).toBe('resume');
				await store.parkOrTake(id, { ...testWaiter, deadline: base + 30_000 });
				await store.releaseDeadline(claim);
				expect(await store.claimDueDeadlines(base + 1_000, LEASE_MS, 10)).toEqual({ claimed: [], nextDueAt: base + 30_000 });
				expect(await claimed(base + 30_000)).toEqual([id]);
			});

			it('a retry of a firing that failed is due at its retryAt; a deadline left to n8n is not scheduled', async () => {
				const base = Date.now() + 60_000;
				const retried = await parked('nova-tentativa', base);
				const left = await parked('para-o-n8n', base);
				await store.update(retried, (record) => {
					record.waiter = { ...record.waiter!, retryAt: base + 2_000 };
				});
				await store.update(left, (record) => {
					record.waiter = { ...record.waiter!, leftToN8n: true };
				});
				expect(await store.claimDueDeadlines(base, LEASE_MS, 10)).toEqual({ claimed: [], nextDueAt: base + 2_000 });
				expect(await claimed(base + 2_000)).toEqual([retried]);
			});
		});

		describe('web chat', () => {
			it('numbers entries per session and returns those after a sequence number', async () => {
				expect(await store.appendWebchat('atendimento', 's1', 'user', { kind: 'text', text: 'oi' })).toBe(1);
				expect(await store.appendWebchat('atendimento', 's1', 'bot', { kind: 'text', text: 'Olá!' })).toBe(2);
				expect(await store.appendWebchat('atendimento', 's2', 'bot', { kind: 'text', text: 'outra sessão' })).toBe(1);
				expect(await store.appendWebchat('outra-conta', 's1', 'bot', { kind: 'text', text: 'outra conta' })).toBe(1);

				const entries = await store.readWebchat('atendimento', 's1', 0, 0);
				expect(entries).toMatchObject([
					{ seq: 1, from: 'user', message: { kind: 'text', text: 'oi' } },
					{ seq: 2, from: 'bot', message: { kind: 'text', text: 'Olá!' } },
				]);
				expect(typeof entries[0].at).toBe('number');
				expect(await store.readWebchat('atendimento', 's1', 1, 0)).toMatchObject([{ seq: 2 }]);
				expect(await store.readWebchat('atendimento', 's1', 2, 0)).toEqual([]);
				expect(await store.readWebchat('atendimento', 'nova', 0, 0)).toEqual([]);
			});

			it(`keeps the newest ${WEBCHAT_HISTORY} entries of a session`, async () => {
				for (let index = 1; index <= WEBCHAT_HISTORY + 5; index++) {
					await store.appendWebchat('atendimento', 's', 'bot', { kind: 'text', text: `m${index}` });
				}
				const entries = await store.readWebchat('atendimento', 's', 0, 0);
				expect(entries).toHaveLength(WEBCHAT_HISTORY);
				expect(entries[0].seq).toBe(6);
				expect(entries.at(-1)).toMatchObject({ seq: WEBCHAT_HISTORY + 5, message: { text: `m${WEBCHAT_HISTORY + 5}` } });
			});

			it('wakes a long poll when a bot message arrives', async () => {
				const started = Date.now();
				const poll = store.readWebchat('atendimento', 's', 0, 5_000);
				setTimeout(() => void store.appendWebchat('atendimento', 's', 'bot', { kind: 'text', text: 'oi' }), 50);
				expect(await poll).toMatchObject([{ seq: 1 }]);
				expect(Date.now() - started).toBeLessThan(2_000);
			});

			it('a long poll with nothing new ends empty after its wait', async () => {
				await store.appendWebchat('atendimento', 's', 'bot', { kind: 'text', text: 'velha' });
				setTimeout(() => void store.appendWebchat('atendimento', 'outra', 'bot', { kind: 'text', text: 'de outra sessão' }), 20);
				const started = Date.now();
				expect(await store.readWebchat('atendimento', 's', 1, 200)).toEqual([]);
				expect(Date.now() - started).toBeGreaterThanOrEqual(190);
			});
		});

		describe('web chat files', () => {
			const pdf = Buffer.from('%PDF-1.4 segunda via');

			it('keeps a file for its session only, apart from the history', async () => {
				const id = await store.putWebchatFile('atendimento', 's1', { data: pdf, mimeType: 'application/pdf', fileName: 'Segunda via.pdf' });
				expect(id).toMatch(/^[0-9a-f]{32}$/);
				const file = await store.getWebchatFile('atendimento', 's1', id);
				expect(file).toEqual({ data: pdf, mimeType: 'application/pdf', fileName: 'Segunda via.pdf' });
				expect(Buffer.isBuffer(file?.data)).toBe(true);
				expect(await store.getWebchatFile('atendimento', 's2', id)).toBeUndefined();
				expect(await store.getWebchatFile('outra-conta', 's1', id)).toBeUndefined();
				expect(await store.getWebchatFile('atendimento', 's1', '0'.repeat(32))).toBeUndefined();
				expect(await store.getWebchatFile('atendimento', 's1', `../${id}`)).toBeUndefined();
				expect(await store.readWebchat('atendimento', 's1', 0, 0)).toEqual([]);

				const binary = Buffer.from([0, 255, 10, 13, 128]);
				const other = await store.putWebchatFile('atendimento', 's1', { data: binary, mimeType: 'image/png' });
				expect(other).not.toBe(id);
				expect(await store.getWebchatFile('atendimento', 's1', other)).toEqual({ data: binary, mimeType: 'image/png' });
			});

			it(`refuses a file over ${WEBCHAT_FILE_MAX_BYTES / 1024 / 1024} MB with a pt-BR message`, async () => {
				const big = Buffer.alloc(WEBCHAT_FILE_MAX_BYTES + 1);
				await expect(store.putWebchatFile('atendimento', 's1', { data: big, mimeType: 'application/pdf' })).rejects.toThrow(/grande demais.*limite é 10 MB/);
				const limit = Buffer.alloc(WEBCHAT_FILE_MAX_BYTES, 1);
				const id = await store.putWebchatFile('atendimento', 's1', { data: limit, mimeType: 'application/pdf' });
				expect((await store.getWebchatFile('atendimento', 's1', id))?.data.length).toBe(WEBCHAT_FILE_MAX_BYTES);
			});
		});

		describe('expiry (retention)', () => {
			const RETENTION_MS = 1200;
			/** Slack on each side of an expiry (a loaded CI machine runs the store calls late). */
			const MARGIN_MS = RETENTION_MS / 4;
			let short: ConversationStore;
			beforeEach(async () => {
				short = await makeStore({ retentionMs: RETENTION_MS });
			});
			afterEach(async () => {
				await cleanup(short);
			});

			it('drops a conversation and its pointer after the retention with no change; a change renews it', async () => {
				const idle = startedId(await short.routeInbound(testChannel, testMessage('oi', 'parado'), testRouteOptions()));
				const active = startedId(await short.routeInbound(testChannel, testMessage('oi', 'ativo'), testRouteOptions()));
				await short.parkOrTake(active, testWaiter);
				await sleep(RETENTION_MS / 2);
				await short.update(active, (record) => {
					record.variables.visto = true;
				});
				await sleep(RETENTION_MS / 2 + MARGIN_MS);
				expect(await short.get(idle)).toBeUndefined();
				expect(await short.currentOf(testChannel, 'parado')).toBeUndefined();
				expect((await short.listConversations(0)).map((conversation) => conversation.id)).toEqual([active]);
				expect((await short.currentOf(testChannel, 'ativo'))?.id).toBe(active);
				expect((await short.listWaiting()).map((conversation) => conversation.id)).toEqual([active]);
				// The contact starts over.
				expect(startedId(await short.routeInbound(testChannel, testMessage('voltei', 'parado'), testRouteOptions()))).not.toBe(idle);
			});

			it('keeps a conversation waiting for a deadline past the retention until the deadline plus the retention', async () => {
				const id = startedId(await short.routeInbound(testChannel, testMessage('oi'), testRouteOptions()));
				await short.parkOrTake(id, { ...testWaiter, deadline: Date.now() + RETENTION_MS });
				await sleep(RETENTION_MS + MARGIN_MS);
				expect(await short.get(id)).toMatchObject({ state: 'waiting' });
				await sleep(RETENTION_MS);
				expect(await short.get(id)).toBeUndefined();
			});

			it('drops a web chat session (history, files, tags) after the retention with no message; a message renews it', async () => {
				await short.appendWebchat('atendimento', 'parada', 'bot', { kind: 'text', text: 'Olá' });
				const stale = await short.putWebchatFile('atendimento', 'parada', { data: Buffer.from('x'), mimeType: 'text/plain' });
				const kept = await short.putWebchatFile('atendimento', 'ativa', { data: Buffer.from('y'), mimeType: 'text/plain' });
				await short.appendWebchat('atendimento', 'ativa', 'bot', { kind: 'text', text: 'um' });
				await short.updateContactTags('webchat', 'parada', ['curioso'], []);
				await short.updateContactTags('whatsapp', '5511977770000', ['vip'], []);
				await short.setConsent('webchat', 'parada', 'out');
				await sleep(RETENTION_MS / 2);
				await short.appendWebchat('atendimento', 'ativa', 'bot', { kind: 'text', text: 'dois' });
				await sleep(RETENTION_MS / 2 + MARGIN_MS);

				expect(await short.readWebchat('atendimento', 'parada', 0, 0)).toEqual([]);
				expect(await short.getWebchatFile('atendimento', 'parada', stale)).toBeUndefined();
				expect(await short.contactTags('webchat', 'parada')).toEqual([]);
				expect((await short.readWebchat('atendimento', 'ativa', 0, 0)).map((entry) => entry.seq)).toEqual([1, 2]);
				expect((await short.getWebchatFile('atendimento', 'ativa', kept))?.data.toString()).toBe('y');
				// Kept: consents (an opted-out contact stays out) and WhatsApp/Telegram tags.
				expect(await short.consentOf('webchat', 'parada')).toBe('out');
				expect(await short.contactTags('whatsapp', '5511977770000')).toEqual(['vip']);
				// An expired session starts again from the first sequence number.
				expect(await short.appendWebchat('atendimento', 'parada', 'bot', { kind: 'text', text: 'de novo' })).toBe(1);
			});

			it("web chat tags live as long as the session's conversation", async () => {
				const id = startedId(await short.routeInbound(testChannel, testMessage('oi', 'marcada'), testRouteOptions()));
				await short.updateContactTags('webchat', 'marcada', ['lead'], []);
				await sleep(RETENTION_MS / 2);
				await short.update(id, (record) => {
					record.variables.passo = 2;
				});
				await sleep(RETENTION_MS / 2 + MARGIN_MS);
				expect(await short.contactTags('webchat', 'marcada')).toEqual(['lead']);
			});
		});

		describe('consent and secret', () => {
			it('records consent per channel and contact: unknown, out, in again', async () => {
				expect(await store.consentOf('whatsapp', '5511999990000')).toBeUndefined();
				await store.setConsent('whatsapp', '5511999990000', 'out');
				expect(await store.consentOf('whatsapp', '5511999990000')).toBe('out');
				expect(await store.consentOf('telegram', '5511999990000')).toBeUndefined();
				await store.setConsent('whatsapp', '5511999990000', 'in');
				expect(await store.consentOf('whatsapp', '5511999990000')).toBe('in');
			});

			it('keeps contact tags across conversations: added once, removed, per channel', async () => {
				expect(await store.contactTags('whatsapp', '5511988880000')).toEqual([]);
				const added = await store.updateContactTags('whatsapp', '5511988880000', ['vip', ' inadimplente ', 'vip', ''], []);
				expect([...added].sort()).toEqual(['inadimplente', 'vip']);
				expect([...(await store.updateContactTags('whatsapp', '5511988880000', ['novo'], ['inadimplente']))].sort()).toEqual(['novo', 'vip']);
				expect([...(await store.contactTags('whatsapp', '5511988880000'))].sort()).toEqual(['novo', 'vip']);
				expect(await store.contactTags('telegram', '5511988880000')).toEqual([]);
			});

			it('links the ids of one contact: the first id seen wins, a new id becomes its alias, per channel', async () => {
				expect(await store.canonicalContactId('whatsapp', 'BR.5551234')).toBeUndefined();
				// first seen by phone; then phone and BSUID together; then the BSUID alone: one contact
				expect(await store.linkContactIds('whatsapp', ['5511977770000'])).toBe('5511977770000');
				expect(await store.linkContactIds('whatsapp', ['5511977770000', 'BR.5551234'])).toBe('5511977770000');
				expect(await store.linkContactIds('whatsapp', ['BR.5551234'])).toBe('5511977770000');
				expect(await store.canonicalContactId('whatsapp', 'BR.5551234')).toBe('5511977770000');
				// first seen by BSUID alone; the phone learned later is its alias
				expect(await store.linkContactIds('whatsapp', ['BR.777'])).toBe('BR.777');
				expect(await store.linkContactIds('whatsapp', ['5511966660000', 'BR.777'])).toBe('BR.777');
				expect(await store.canonicalContactId('whatsapp', '5511966660000')).toBe('BR.777');
				// an alias never moves to another contact
				expect(await store.linkContactIds('whatsapp', ['5511955550000', 'BR.777'])).toBe('BR.777');
				expect(await store.linkContactIds('whatsapp', ['5511966660000'])).toBe('BR.777');
				expect(await store.canonicalContactId('telegram', 'BR.777')).toBeUndefined();
			});

			it('creates the internal secret once', async () => {
				const secret = await store.internalSecret();
				expect(secret).toMatch(/^[0-9a-f]{64}$/);
				expect(await store.internalSecret()).toBe(secret);
			});
		});

		describe('WhatsApp invitations (Migrar para WhatsApp)', () => {
			const HOUR = 60 * 60 * 1000;
			const invitation = (sentAt: number, overrides: Partial<Invitation> = {}): Invitation => ({
				sentAt,
				validUntil: sentAt + 72 * HOUR,
				protocolo: `P-${sentAt}`,
				variables: { origem: 'telefonia' },
				...overrides,
			});

			it('one invitation per number per interval; the reply from the wa_id without the 9th digit takes it once', async () => {
				const now = Date.now();
				const key = invitationKey('PNID', '5547991410001');
				expect(invitationKey('PNID', '554791410001')).toBe(key);
				expect(await store.inviteContact(key, invitation(now, { triggerPath: 'suporte' }), 24 * HOUR)).toEqual({ recorded: true });
				const refused = await store.inviteContact(key, invitation(now + HOUR), 24 * HOUR);
				expect(refused).toEqual({ recorded: false, previous: invitation(now, { triggerPath: 'suporte' }) });
				expect(await store.takeInvitation(invitationKey('OUTRA', '5547991410001'), now + 1)).toBeUndefined();
				expect(await store.takeInvitation(key, now + 2)).toEqual({ ...invitation(now, { triggerPath: 'suporte' }), takenAt: now + 2 });
				expect(await store.takeInvitation(key, now + 3)).toBeUndefined();
				// taken, it still counts for the interval
				expect((await store.inviteContact(key, invitation(now + 2 * HOUR), 24 * HOUR)).recorded).toBe(false);
			});

			it('an invitation whose template failed can be replaced at once; an old one no longer blocks nor is taken', async () => {
				const now = Date.now();
				const key = invitationKey('PNID', '5547991410002');
				await store.inviteContact(key, invitation(now), 24 * HOUR);
				await store.cancelInvitation(key, now - 1); // another send's: left alone
				expect((await store.inviteContact(key, invitation(now + 1), 24 * HOUR)).recorded).toBe(false);
				await store.cancelInvitation(key, now);
				expect(await store.takeInvitation(key, now + 1)).toBeUndefined();
				expect(await store.inviteContact(key, invitation(now + 1), 24 * HOUR)).toEqual({ recorded: true });

				const stale = invitationKey('PNID', '5547991410003');
				await store.inviteContact(stale, invitation(now - 30 * HOUR, { validUntil: now - HOUR }), 24 * HOUR);
				expect(await store.takeInvitation(stale, now)).toBeUndefined();
				expect(await store.inviteContact(stale, invitation(now), 24 * HOUR)).toEqual({ recorded: true });
			});
		});

		describe('desk (Painel do Atendente)', () => {
			const session = (id: string, now = Date.now()) => ({ id, login: 'ana', csrf: 'c', createdAt: now, expiresAt: now + 60_000, lastSeenAt: now });

			it('keeps a session until its expiry, touches it, drops it when idle, expired or deleted', async () => {
				const now = Date.now();
				await store.putDeskSession('painel:a', session('a', now));
				expect(await store.touchDeskSession('painel:a', now + 1_000, 10_000)).toMatchObject({ login: 'ana', lastSeenAt: now + 1_000 });
				expect(await store.touchDeskSession('painel:outra', now, 10_000)).toBeUndefined();
				// idle for longer than allowed since the last touch
				expect(await store.touchDeskSession('painel:a', now + 70_000 + 1_000, 10_000)).toBeUndefined();
				expect(await store.touchDeskSession('painel:a', now + 2_000, 10_000)).toBeUndefined(); // dropped for good

				await store.putDeskSession('painel:b', { ...session('b', now), expiresAt: now + 5_000 });
				expect(await store.touchDeskSession('painel:b', now + 6_000, 60_000)).toBeUndefined();

				await store.putDeskSession('painel:c', session('c', now));
				await store.deleteDeskSession('painel:c');
				expect(await store.touchDeskSession('painel:c', now, 60_000)).toBeUndefined();
			});

			it('counts login failures per key within a window, and clears them', async () => {
				expect(await store.deskLoginFailures(['login:ana'])).toEqual([{ count: 0, resetAt: 0 }]);
				await store.countDeskLoginFailure(['login:ana', 'ip:1'], 60_000);
				const [login, ip] = await store.countDeskLoginFailure(['login:ana', 'ip:1'], 60_000);
				expect(login.count).toBe(2);
				expect(ip.count).toBe(2);
				expect(login.resetAt).toBeGreaterThan(Date.now() + 50_000);
				await store.clearDeskLoginFailures(['login:ana']);
				expect((await store.deskLoginFailures(['login:ana', 'ip:1'])).map((failures) => failures.count)).toEqual([0, 2]);
			});

			it('a failure window ends by itself', async () => {
				await store.countDeskLoginFailure(['login:bia'], 300);
				await sleep(450);
				expect((await store.deskLoginFailures(['login:bia']))[0].count).toBe(0);
				expect((await store.countDeskLoginFailure(['login:bia'], 300))[0].count).toBe(1);
			});

			it('keeps presence, passwords and settings', async () => {
				await store.setDeskPresence('painel:ana', { status: 'ausente', lastSeen: 5 });
				expect(await store.deskPresence(['painel:ana', 'painel:bia'])).toEqual([{ status: 'ausente', lastSeen: 5 }, undefined]);
				await store.setDeskPassword('painel:ana', { hash: 'scrypt$x', replacedLine: 'scrypt$y', changedAt: 1 });
				expect(await store.deskPassword('painel:ana')).toEqual({ hash: 'scrypt$x', replacedLine: 'scrypt$y', changedAt: 1 });
				expect(await store.deskPassword('painel:bia')).toBeUndefined();
				expect(await store.deskSettings()).toBeUndefined();
				await store.setDeskSettings({ inactivityMs: 60_000, inactivityMessage: 'Tchau', firstContactTeam: 'Atendimento' });
				expect(await store.deskSettings()).toEqual({ inactivityMs: 60_000, inactivityMessage: 'Tchau', firstContactTeam: 'Atendimento' });
			});

			it('numbers desk changes, returns those after a cursor, and wakes a long poll', async () => {
				const start = (await store.waitForDeskChanges(Number.MAX_SAFE_INTEGER, 0)).cursor;
				const first = await store.publishDeskChange('c1', 'nova');
				const second = await store.publishDeskChange('c1', 'mensagem');
				expect(second).toBeGreaterThan(first);
				expect(await store.waitForDeskChanges(start, 0)).toEqual({
					cursor: second,
					changes: [
						{ seq: first, conversationId: 'c1', tipo: 'nova' },
						{ seq: second, conversationId: 'c1', tipo: 'mensagem' },
					],
				});
				const waiting = store.waitForDeskChanges(second, 5_000);
				const started = Date.now();
				await sleep(100);
				const third = await store.publishDeskChange('c2', 'estado');
				expect(await waiting).toEqual({ cursor: third, changes: [{ seq: third, conversationId: 'c2', tipo: 'estado' }] });
				expect(Date.now() - started).toBeLessThan(2_000);
				// an empty wait ends after its time; a cursor from the future (a restart) asks for a reload
				expect(await store.waitForDeskChanges(third, 200)).toEqual({ cursor: third, changes: [] });
				expect(await store.waitForDeskChanges(third + 100, 0)).toMatchObject({ cursor: third, reset: true });
			});

			it('lists desk conversations: on the desk, and ended on it since a time', async () => {
				const onDesk = startedId(await store.routeInbound(testChannel, testMessage('oi', 'mesa-1'), testRouteOptions()));
				const endedOnDesk = startedId(await store.routeInbound(testChannel, testMessage('oi', 'mesa-2'), testRouteOptions()));
				const oldOnDesk = startedId(await store.routeInbound(testChannel, testMessage('oi', 'mesa-3'), testRouteOptions()));
				startedId(await store.routeInbound(testChannel, testMessage('oi', 'bot'), testRouteOptions()));
				await store.update(onDesk, (record) => {
					record.state = 'human';
					record.desk = 'painel';
					record.deskStatus = 'nova';
				});
				await store.update(endedOnDesk, (record) => {
					record.desk = 'painel';
					record.deskEndedAt = Date.now();
				});
				await store.update(oldOnDesk, (record) => {
					record.desk = 'painel';
					record.deskEndedAt = Date.now() - 10 * 24 * 60 * 60 * 1000;
				});
				const listed = await store.listDeskConversations(Date.now() - 7 * 24 * 60 * 60 * 1000);
				expect(listed.map((conversation) => conversation.id).sort()).toEqual([onDesk, endedOnDesk].sort());
				// a message to a desk conversation is recorded for the human, in the listed record
				expect((await store.routeInbound(testChannel, testMessage('alô', 'mesa-1'), testRouteOptions())).action).toBe('human');
				const again = await store.listDeskConversations(Date.now() + 1_000);
				expect(again.map((conversation) => conversation.id)).toEqual([onDesk]);
				expect(again[0].history.at(-1)).toMatchObject({ from: 'cliente', text: 'alô', status: 'humano' });
			});
		});

		describe('withLock', () => {
			it('runs holders of one key one after the other, in arrival order', async () => {
				const order: string[] = [];
				const hold = (holder: string, ms: number) =>
					store.withLock('k', async () => {
						order.push(`${holder}:in`);
						await new Promise((resolve) => setTimeout(resolve, ms));
						order.push(`${holder}:out`);
					});
				await Promise.all([hold('a', 30), hold('b', 1), hold('c', 1)]);
				expect(order).toEqual(['a:in', 'a:out', 'b:in', 'b:out', 'c:in', 'c:out']);
			});

			it("returns fn's result, passes its error on, and frees the key either way", async () => {
				expect(await store.withLock('k', async () => 42)).toBe(42);
				await expect(store.withLock('k', async () => Promise.reject(new Error('falhou')))).rejects.toThrow('falhou');
				expect(await store.withLock('k', async () => 'livre')).toBe('livre');
			});

			it('does not serialise different keys', async () => {
				let releaseFirst!: () => void;
				const held = new Promise<void>((resolve) => (releaseFirst = resolve));
				const first = store.withLock('k1', async () => await held);
				expect(await store.withLock('k2', async () => 'k2')).toBe('k2');
				releaseFirst();
				await first;
			});
		});
	});
}

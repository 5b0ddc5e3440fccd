import { LoggerProxy, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { storedConversation } from '../../../test/support/stored-conversation';
import { useTemporaryStore } from '../../../test/support/temporary-store';
import { CHECKPOINT_CHECK_MS, MAX_STEP_RERUNS, PROCESS_ID } from '../conversation/checkpoint';
import type { LocalConversationStore } from '../conversation/local-store';
import type { Checkpoint, Conversation } from '../conversation/types';
import { enterCard } from './card';
import type { ExecutionOutcome, StepStart } from './n8n-engine';
import { sendToConversation } from './send';
import { checkStep, rerunParkedCard, rerunStep, type StepEngine } from './step-recovery';

type Line = { level: string; message: string };
const lines: Line[] = [];
const capture = (level: string) => (message: string) => void lines.push({ level, message });
beforeAll(() => LoggerProxy.init({ debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') } as never));

let store: LocalConversationStore;
useTemporaryStore('step-recovery', (created) => (store = created));
beforeEach(() => (lines.length = 0));

const DEAD_PROCESS = 'outra-maquina/4242/deadbeef';

/** An engine whose executions have the outcomes given, and that records what it was asked to start. */
function fakeEngine(outcomes: Record<string, ExecutionOutcome | undefined>, startedId = 'nova-1'): StepEngine & { started: StepStart[] } {
	const started: StepStart[] = [];
	return {
		started,
		outcome: async (id) => outcomes[id],
		start: async (step) => {
			started.push(step);
			return startedId;
		},
		runsHere: () => false,
	};
}

/** The context of card `nodeName` of workflow w1 running in execution `executionId` with the conversation's item. */
function cardContext(conversation: Conversation, executionId: string, nodeName = 'Aviso'): IExecuteFunctions {
	const node = { id: 'n1', name: nodeName, type: 'n8n-nodes-atendimento.enviarMensagem', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
	return {
		getNode: () => node,
		getExecutionId: () => executionId,
		getWorkflow: () => ({ id: 'w1', name: 'Boas-vindas', active: true }),
		getInputData: () => [{ json: { atendimento: { conversationId: conversation.id }, origem: 'menu' } }],
		customData: { setAll: () => undefined },
		logger: LoggerProxy,
	} as unknown as IExecuteFunctions;
}

const text = (value: string) => ({ kind: 'text' as const, text: value });

/** Bot texts the web chat session of `conversation` received, in order. */
async function botTexts(conversation: Conversation): Promise<string[]> {
	const entries = await store.readWebchat(conversation.channel.accountId, conversation.contact.id, 0, 0);
	return entries.filter((entry) => entry.from === 'bot').map((entry) => (entry.message.kind === 'text' ? entry.message.text : entry.message.kind));
}

async function checkpointOf(conversation: Conversation): Promise<Checkpoint | undefined> {
	return (await store.get(conversation.id))?.checkpoint;
}

/** Claims the conversation's step check as the poller would, CHECKPOINT_CHECK_MS after its checkpoint. */
async function claimStep(conversation: Conversation) {
	const checkpoint = (await checkpointOf(conversation))!;
	const { claimed } = await store.claimDueCheckpoints(checkpoint.savedAt + CHECKPOINT_CHECK_MS, 5_000, 10);
	expect(claimed.map((claim) => claim.conversationId)).toEqual([conversation.id]);
	return claimed[0];
}

async function withDeadProcess(conversation: Conversation): Promise<void> {
	await store.update(conversation.id, (record) => {
		record.checkpoint = { ...record.checkpoint!, process: DEAD_PROCESS };
	});
}

describe('a card that died with its process runs again from its entry, without sending twice', () => {
	it('enterCard writes the entry checkpoint; sends are counted; the card run again leaves them unsent and sends the rest', async () => {
		const conversation = await storedConversation();
		const first = cardContext(conversation, 'exec-10');
		const entered = await enterCard(first, 0);
		expect(entered.checkpoint).toMatchObject({
			at: 'entrada',
			workflowId: 'w1',
			nodeName: 'Aviso',
			executionId: 'exec-10',
			process: PROCESS_ID,
			sent: 0,
			reruns: 0,
			items: [[{ json: { atendimento: { conversationId: conversation.id }, origem: 'menu' } }]],
		});
		await sendToConversation(first, entered, [text('Um'), text('Dois')]);
		expect((await checkpointOf(conversation))?.sent).toBe(2);

		// The process that ran it dies while n8n still says 'running'.
		await withDeadProcess(conversation);
		const engine = fakeEngine({ 'exec-10': { status: 'running', died: false } }, 'exec-11');
		await checkStep(store, await claimStep(conversation), engine);
		expect(engine.started).toEqual([{ workflowId: 'w1', nodeName: 'Aviso', at: 'entrada', items: entered.checkpoint!.items }]);
		expect(await checkpointOf(conversation)).toMatchObject({ rerunPending: true, executionId: 'exec-11', reruns: 1, sent: 2 });
		expect((await store.get(conversation.id))?.events.at(-1)).toMatchObject({ type: 'passo_retomado', node: 'Aviso', data: { execucaoPerdida: 'exec-10' } });
		expect(lines.some((line) => line.level === 'warn' && line.message.includes('o fluxo segue do card "Aviso" na execução exec-11'))).toBe(true);

		// The new execution runs the card: it takes what to skip, sends only the third message.
		const again = cardContext(conversation, 'exec-11');
		const reentered = await enterCard(again, 0);
		expect(reentered.checkpoint).toMatchObject({ executionId: 'exec-11', skip: 2, sent: 0, reruns: 1 });
		expect(reentered.checkpoint?.rerunPending).toBeUndefined();
		await sendToConversation(again, reentered, [text('Um'), text('Dois'), text('Três')]);
		expect(await botTexts(conversation)).toEqual(['Um', 'Dois', 'Três']);
		expect(await checkpointOf(conversation)).toMatchObject({ sent: 1 });
		expect((await checkpointOf(conversation))?.skip).toBeUndefined();

		// Another card of the same execution sends everything.
		const next = await enterCard(cardContext(conversation, 'exec-11', 'Menu'), 0);
		expect(next.checkpoint).toMatchObject({ nodeName: 'Menu', reruns: 0, sent: 0 });
		await sendToConversation(cardContext(conversation, 'exec-11', 'Menu'), next, [text('Menu')]);
		expect(await botTexts(conversation)).toEqual(['Um', 'Dois', 'Três', 'Menu']);
	});

	it('n8n saying the execution crashed or stalled in a dead worker is enough, even with the process alive', async () => {
		const conversation = await storedConversation();
		await enterCard(cardContext(conversation, 'exec-20'), 0);
		const engine = fakeEngine({ 'exec-20': { status: 'error', died: true } });
		await checkStep(store, await claimStep(conversation), engine);
		expect(engine.started).toHaveLength(1);
	});

	it('a step still running in a live process stays claimed and is checked again when the lease ends; one over is dropped', async () => {
		const alive = await storedConversation();
		await enterCard(cardContext(alive, 'exec-30'), 0);
		const over = await storedConversation();
		await enterCard(cardContext(over, 'exec-31'), 0);
		await withDeadProcess(over); // dead, but n8n says the execution failed by itself: not run again
		const engine = fakeEngine({ 'exec-30': { status: 'running', died: false }, 'exec-31': { status: 'error', died: false } });
		const savedAt = (await checkpointOf(alive))!.savedAt;
		const { claimed } = await store.claimDueCheckpoints(savedAt + CHECKPOINT_CHECK_MS + 1_000, 5_000, 10);
		expect(claimed).toHaveLength(2);
		for (const claim of claimed) await checkStep(store, claim, engine);
		expect(engine.started).toEqual([]);
		const later = await store.claimDueCheckpoints(savedAt + CHECKPOINT_CHECK_MS + 6_000, 5_000, 10);
		expect(later.claimed.map((claim) => claim.conversationId)).toEqual([alive.id]);
		// The step that is over no longer holds the conversation's lease; the running one does.
		expect(await checkpointOf(over)).toBeUndefined();
		expect(await checkpointOf(alive)).toMatchObject({ executionId: 'exec-30' });
	});

	it(`gives up after ${MAX_STEP_RERUNS} reruns from one card (a step that kills its process each time), saying so`, async () => {
		const conversation = await storedConversation();
		await enterCard(cardContext(conversation, 'exec-40'), 0);
		await store.update(conversation.id, (record) => {
			record.checkpoint = { ...record.checkpoint!, reruns: MAX_STEP_RERUNS, process: DEAD_PROCESS };
		});
		const engine = fakeEngine({});
		await checkStep(store, await claimStep(conversation), engine);
		expect(engine.started).toEqual([]);
		const record = await store.get(conversation.id);
		expect(record?.checkpoint).toBeUndefined();
		expect(record?.events.at(-1)).toMatchObject({ type: 'passo_perdido', node: 'Aviso' });
		expect(lines.some((line) => line.level === 'error' && line.message.includes('não será rodado de novo'))).toBe(true);
	});

	it('a rerun n8n refuses (workflow unpublished, card removed) drops the checkpoint and says why', async () => {
		const conversation = await storedConversation();
		await enterCard(cardContext(conversation, 'exec-50'), 0);
		const checkpoint = (await checkpointOf(conversation))!;
		const engine: StepEngine = { outcome: async () => undefined, start: async () => Promise.reject(new Error('o card "Aviso" não está mais na versão publicada')), runsHere: () => false };
		expect(await rerunStep(store, conversation.id, checkpoint, engine, 'teste')).toBe(false);
		expect(await checkpointOf(conversation)).toBeUndefined();
		expect(lines.some((line) => line.level === 'error' && line.message.includes('não pôde ser rodado de novo') && line.message.includes('não está mais na versão publicada'))).toBe(true);
	});

	it('a settled checkpoint runs the flow again from the card’s outputs', async () => {
		const conversation = await storedConversation();
		const settled: Checkpoint = { at: 'saida', workflowId: 'w1', nodeName: 'Menu', items: [[], [{ json: { resposta: '2' } }]], executionId: 'exec-60', savedAt: 1_000, sent: 0, reruns: 0 };
		await store.update(conversation.id, (record) => {
			record.checkpoint = settled;
		});
		const engine = fakeEngine({}, 'exec-61');
		expect(await rerunStep(store, conversation.id, settled, engine, 'teste')).toBe(true);
		expect(engine.started).toEqual([{ workflowId: 'w1', nodeName: 'Menu', at: 'saida', items: settled.items }]);
		expect(await checkpointOf(conversation)).toMatchObject({ executionId: 'exec-61', rerunPending: true, reruns: 1 });
	});
});

describe('an answer that finds the parked card’s execution dead', () => {
	async function parkedAtMenu(executionId: string): Promise<{ conversation: Conversation; message: Parameters<typeof rerunParkedCard>[4] }> {
		const conversation = await storedConversation();
		const entered = await enterCard(cardContext(conversation, executionId, 'Menu'), 0);
		await sendToConversation(cardContext(conversation, executionId, 'Menu'), entered, [text('Escolha uma opção')]);
		const waiter = { resumeUrl: `http://127.0.0.1:9/webhook-waiting/${executionId}/n1`, executionId, nodeName: 'Menu', attempts: 0 };
		expect(await store.parkOrTake(conversation.id, waiter)).toBeUndefined();
		const message = { channel: 'webchat' as const, accountId: 'atendimento', contactId: conversation.contact.id, messageId: `r-${executionId}`, timestamp: Date.now(), content: text('2') };
		return { conversation, message };
	}

	it('runs the card again with the answer in its inbox; the question is not sent twice', async () => {
		const { conversation, message } = await parkedAtMenu('exec-70');
		const decision = await store.routeInbound(conversation.channel, message, { now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => 'x', newProtocolo: () => 'y' });
		if (decision.action !== 'resume') throw new Error(decision.action);
		expect(decision.checkpoint).toMatchObject({ at: 'entrada', nodeName: 'Menu', executionId: 'exec-70', sent: 1 });
		const engine = fakeEngine({ 'exec-70': { status: 'error', died: true } }, 'exec-71');
		expect(await rerunParkedCard(store, conversation.id, decision.waiter, decision.checkpoint, message, engine)).toBe(true);
		expect(engine.started).toMatchObject([{ nodeName: 'Menu', at: 'entrada' }]);
		const record = (await store.get(conversation.id))!;
		expect(record.inbox.map((queued) => queued.messageId)).toEqual([message.messageId]);

		// The card runs again: its question is skipped, and it takes the answer from the inbox.
		const again = await enterCard(cardContext(conversation, 'exec-71', 'Menu'), 0);
		expect(await sendToConversation(cardContext(conversation, 'exec-71', 'Menu'), again, [text('Escolha uma opção')])).toBeUndefined();
		expect(await botTexts(conversation)).toEqual(['Escolha uma opção']);
		const waiter = { resumeUrl: 'http://127.0.0.1:9/webhook-waiting/exec-71/n1', executionId: 'exec-71', nodeName: 'Menu', attempts: 0 };
		expect((await store.parkOrTake(conversation.id, waiter))?.messageId).toBe(message.messageId);
	});

	it('an execution that ended by itself (finished, failed, deleted) is not run again: the conversation starts over as before', async () => {
		for (const [index, outcome] of ([{ status: 'error', died: false }, { status: 'success', died: false }, { status: 'missing', died: false }] as ExecutionOutcome[]).entries()) {
			const { conversation, message } = await parkedAtMenu(`exec-8${index}`);
			const decision = await store.routeInbound(conversation.channel, message, { now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => 'x', newProtocolo: () => 'y' });
			if (decision.action !== 'resume') throw new Error(decision.action);
			const engine = fakeEngine({ [`exec-8${index}`]: outcome });
			expect(await rerunParkedCard(store, conversation.id, decision.waiter, decision.checkpoint, message, engine)).toBe(false);
			expect(engine.started).toEqual([]);
			expect((await store.get(conversation.id))?.inbox).toEqual([]);
		}
	});
});

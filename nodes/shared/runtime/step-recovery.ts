import type { InboundMessage } from '../channels/types';
import { getConversationStore, onConversationStoreCreated, type ConversationStore } from '../conversation';
import { MAX_STEP_RERUNS, PROCESS_ALIVE_TTL_MS, PROCESS_HEARTBEAT_MS, PROCESS_ID, checkpointDueAt, isSameCheckpoint } from '../conversation/checkpoint';
import type { DeadlineClaim } from '../conversation/deadline-schedule';
import { appendEvent } from '../conversation/routing';
import type { Checkpoint, Waiter } from '../conversation/types';
import { errorText, logLine } from '../log';
import { DeadlinePoller } from './deadlines';
import { canStartExecutions, executionOutcome, isQueueMode, startExecutionAt, type ExecutionOutcome, type StepStart } from './n8n-engine';

/**
 * Runs a conversation's flow again from its checkpoint when the n8n process running it died
 * (conversation/checkpoint.ts, docs/arquitetura.md §19): one poller per process that can start executions
 * checks the running steps the store's schedule hands it; every process that loaded the pack says it is
 * alive in the store.
 */

/** What the pack asks of n8n to judge and run a step again (n8n-engine.ts 7.); tests pass their own. */
export interface StepEngine {
	outcome(executionId: string): Promise<ExecutionOutcome | undefined>;
	start(step: StepStart): Promise<string>;
	/** Whether an execution started here also runs here (regular mode), so that this process's death says it died. */
	runsHere(): boolean;
}

export const n8nStepEngine: StepEngine = { outcome: executionOutcome, start: startExecutionAt, runsHere: () => !isQueueMode() };

/** Longest a poller sleeps between claims of steps to check. */
export const STEP_POLL_MS = 1_000;

/** A step still running is checked again this often (the claim's lease). */
export const STEP_RECHECK_MS = 5_000;

/** A rerun being started is not judged before this (its new execution id is written once n8n has it). */
const RERUN_START_GRACE_MS = 30_000;

/** Whether the step at a checkpoint still runs, died with its process, or is over (parked, finished, failed by itself, deleted). */
export type StepVerdict = 'alive' | 'died' | 'over';

/**
 * The verdict on the step at `checkpoint`: n8n's word first (crashed, or a stalled worker job: died; waiting,
 * finished, failed, deleted: over); while n8n says it runs, it died when the pack process running it
 * stopped saying it is alive.
 */
export async function stepVerdict(store: ConversationStore, checkpoint: Checkpoint, engine: StepEngine, now = Date.now()): Promise<StepVerdict> {
	if (checkpoint.rerunPending && now - checkpoint.savedAt < RERUN_START_GRACE_MS) return 'alive';
	const outcome = await engine.outcome(checkpoint.executionId);
	if (outcome?.died) return 'died';
	if (outcome && !['running', 'new', 'unknown'].includes(outcome.status)) return 'over';
	if (checkpoint.process && !(await store.isProcessAlive(checkpoint.process))) return 'died';
	return 'alive';
}

/**
 * Starts the flow of conversation `conversationId` again from `checkpoint` (still its checkpoint, the
 * conversation still running), at most MAX_STEP_RERUNS times from one card. True when a new execution
 * was started.
 */
export async function rerunStep(store: ConversationStore, conversationId: string, checkpoint: Checkpoint, engine: StepEngine, reason: string): Promise<boolean> {
	const now = Date.now();
	let marked: Checkpoint | undefined;
	let gaveUp = false;
	const record = await store.update(conversationId, (stored) => {
		marked = undefined;
		gaveUp = false;
		const current = stored.checkpoint;
		if (stored.state !== 'running' || !current || !isSameCheckpoint(current, checkpoint)) return; // moved on
		if (current.reruns >= MAX_STEP_RERUNS) {
			gaveUp = true;
			stored.checkpoint = undefined;
			stored.events = appendEvent(stored.events, { at: now, type: 'passo_perdido', node: current.nodeName, data: { execucao: current.executionId, tentativas: current.reruns } });
			return;
		}
		marked = { ...current, rerunPending: true, reruns: current.reruns + 1, savedAt: now, process: undefined };
		stored.checkpoint = marked;
		stored.cardActivityAt = now;
		stored.events = appendEvent(stored.events, { at: now, type: 'passo_retomado', node: current.nodeName, data: { execucaoPerdida: current.executionId, motivo: reason } });
	});
	const facts = { node: checkpoint.nodeName, protocolo: record?.protocolo, execucao: checkpoint.executionId };
	if (gaveUp) {
		logLine(undefined, 'error', `o passo do atendimento parou ${MAX_STEP_RERUNS + 1} vezes no card "${checkpoint.nodeName}": não será rodado de novo; a próxima mensagem do cliente recomeça o atendimento`, facts);
		return false;
	}
	if (!marked) return false;
	const rerun = marked;
	let executionId: string;
	try {
		executionId = await engine.start({ workflowId: rerun.workflowId, nodeName: rerun.nodeName, at: rerun.at, items: rerun.items });
	} catch (error) {
		logLine(undefined, 'error', `o passo do atendimento parou (${reason}) e não pôde ser rodado de novo: ${errorText(error)}; a próxima mensagem do cliente recomeça o atendimento`, facts);
		await store.update(conversationId, (stored) => {
			if (isSameCheckpoint(stored.checkpoint, rerun)) stored.checkpoint = undefined;
		});
		return false;
	}
	await store.update(conversationId, (stored) => {
		// The card may already run in the new execution and have written its own checkpoint.
		if (stored.checkpoint && isSameCheckpoint(stored.checkpoint, rerun)) {
			stored.checkpoint = { ...stored.checkpoint, executionId, process: engine.runsHere() ? PROCESS_ID : undefined };
		}
	});
	const where = rerun.at === 'entrada' ? `do card "${rerun.nodeName}"` : `da saída do card "${rerun.nodeName}"`;
	logLine(undefined, 'warn', `o passo do atendimento parou (${reason}): o fluxo segue ${where} na execução ${executionId}`, facts);
	return true;
}

/**
 * Checks one claimed running step: still running, it stays claimed (checked again when the lease ends);
 * over, the entry is dropped; died, the flow runs again from the checkpoint.
 */
export async function checkStep(store: ConversationStore, claim: DeadlineClaim, engine: StepEngine = n8nStepEngine): Promise<void> {
	const record = await store.get(claim.conversationId);
	const checkpoint = record && checkpointDueAt(record) !== undefined ? record.checkpoint : undefined;
	if (!checkpoint) return await store.releaseCheckpoint(claim);
	const verdict = await stepVerdict(store, checkpoint, engine);
	if (verdict === 'alive') return;
	if (verdict === 'died') await rerunStep(store, claim.conversationId, checkpoint, engine, 'o processo do n8n que o rodava parou');
	else await dropCheckpoint(store, claim.conversationId, checkpoint);
	await store.releaseCheckpoint(claim);
}

/** The step is over: its checkpoint no longer holds the conversation's lease (unless a card wrote another meanwhile). */
async function dropCheckpoint(store: ConversationStore, conversationId: string, checkpoint: Checkpoint): Promise<void> {
	await store.update(conversationId, (stored) => {
		if (stored.state === 'running' && isSameCheckpoint(stored.checkpoint, checkpoint)) stored.checkpoint = undefined;
	});
}

/**
 * An answer found the card's parked execution gone (runtime/deliver.ts). When the execution died with its
 * process (not finished, failed by itself or deleted) and the record kept the card's entry checkpoint,
 * the answer goes to the conversation's inbox and the card runs again (its question is not sent twice);
 * it takes the answer there. True when it did.
 */
export async function rerunParkedCard(
	store: ConversationStore,
	conversationId: string,
	waiter: Waiter,
	checkpoint: Checkpoint | undefined,
	message: InboundMessage,
	engine: StepEngine = n8nStepEngine,
): Promise<boolean> {
	if (checkpoint?.at !== 'entrada' || checkpoint.executionId !== waiter.executionId || checkpoint.nodeName !== waiter.nodeName) return false;
	if ((await stepVerdict(store, checkpoint, engine)) !== 'died') return false;
	let restored = false;
	await store.update(conversationId, (stored) => {
		restored = false;
		if (stored.state !== 'running' || stored.waiter || stored.checkpoint) return;
		stored.inbox = [...stored.inbox, message];
		stored.checkpoint = checkpoint;
		restored = true;
	});
	return restored && (await rerunStep(store, conversationId, checkpoint, engine, 'a execução que esperava a resposta parou com o seu processo'));
}

/** The poller and heartbeat of this process, on the store they were started with. */
let running: { store: ConversationStore; poller?: DeadlinePoller; heartbeat: NodeJS.Timeout } | undefined;

/**
 * Starts this process's heartbeat on `store` and, when the process can start executions (n8n's main or a
 * webhook processor, not a queue-mode worker), its poller of running steps. Runs on the first use of the
 * process-wide store, like the deadline poller.
 */
export function startStepRecovery(store: ConversationStore = getConversationStore(), engine: StepEngine = n8nStepEngine, canStart = canStartExecutions()): void {
	if (running?.store === store) return;
	void stopStepRecovery();
	const beat = () =>
		void store.markProcessAlive(PROCESS_ID, PROCESS_ALIVE_TTL_MS).catch((error: unknown) => logLine(undefined, 'debug', `sinal de vida do processo não gravado (${errorText(error)})`));
	beat();
	const heartbeat = setInterval(beat, PROCESS_HEARTBEAT_MS);
	heartbeat.unref();
	let poller: DeadlinePoller | undefined;
	if (canStart) {
		poller = new DeadlinePoller(store, {
			pollMs: STEP_POLL_MS,
			leaseMs: STEP_RECHECK_MS,
			label: 'passos em curso',
			claim: async (claimStore, now, leaseMs, limit) => await claimStore.claimDueCheckpoints(now, leaseMs, limit),
			fire: async (fireStore, claim) => await checkStep(fireStore, claim, engine),
		});
		poller.start();
		logLine(undefined, 'debug', `passos em curso: este processo (${PROCESS_ID}) roda de novo os que pararam com o seu processo`);
	}
	running = { store, poller, heartbeat };
}

/** Stops this process's heartbeat and poller (tests). */
export async function stopStepRecovery(): Promise<void> {
	const stopping = running;
	running = undefined;
	if (!stopping) return;
	clearInterval(stopping.heartbeat);
	await stopping.poller?.stop();
}

onConversationStoreCreated((store) => startStepRecovery(store));

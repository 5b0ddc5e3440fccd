import { randomUUID } from 'crypto';
import { hostname } from 'os';

import type { Checkpoint, Conversation, StepItems } from './types';

/**
 * Steps that died with their n8n process (docs/arquitetura.md §19). Every card that takes a conversation
 * writes where the flow is (`Conversation.checkpoint`): the card with its input when it starts
 * (`entrada`), the card with its outputs when an answer or "Sem resposta" settles it (`saida`). While the
 * conversation runs, the checkpoint is in a schedule like the deadlines' (Redis: the sorted set
 * `atendimento:em-curso`), due CHECKPOINT_CHECK_MS after it was written: a process that can start
 * executions claims it and asks whether the step died (runtime/step-recovery.ts). It died when n8n says
 * the execution crashed (or stalled in a dead queue-mode worker), or when the pack process running it no
 * longer beats (PROCESS_ALIVE_TTL_MS). Then n8n runs the flow again from the checkpoint in a new
 * execution; the card run again leaves unsent the messages the dead run had sent (`sent` → `skip`).
 * Parking a card keeps its `entrada` checkpoint: an answer that finds the parked execution dead runs the
 * card again with the answer in the inbox (runtime/deliver.ts).
 */

/** This process, as checkpoints and heartbeats name it: host, pid and a random part (containers reuse pids). */
export const PROCESS_ID = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

/** A running step is first checked this long after its checkpoint (most steps park or end sooner). */
export const CHECKPOINT_CHECK_MS = 5_000;

/** How often a process says it is alive. */
export const PROCESS_HEARTBEAT_MS = 5_000;

/** A process that has not said it is alive for this long is dead. */
export const PROCESS_ALIVE_TTL_MS = 20_000;

/** Times the flow is run again from one card: a step that kills its process each time is not run forever. */
export const MAX_STEP_RERUNS = 2;

/** Items larger than this (JSON) are not kept: the step is then not run again (the conversation starts over, as before). */
export const MAX_CHECKPOINT_ITEMS_BYTES = 64 * 1024;

/**
 * A running conversation whose step is not yet judged over keeps its lease this long past the checkpoint:
 * a step that died between an answer and the next card is only seen when n8n gives the worker's job up
 * (~90 s), and a message meanwhile must wait for the rerun, not start the conversation over. The poller
 * drops the checkpoint of a step that is over (finished, parked in n8n, failed by itself).
 */
export const CHECKPOINT_HOLD_MS = 2 * 60_000;

/** Until when a running conversation's checkpoint holds its lease (0: it does not; test runs never). */
export function checkpointHeldUntil(conversation: Pick<Conversation, 'checkpoint' | 'channel'>): number {
	return conversation.checkpoint && conversation.channel.test !== true ? conversation.checkpoint.savedAt + CHECKPOINT_HOLD_MS : 0;
}

/** When the store's schedule checks the step of a conversation: while it runs with a checkpoint; undefined otherwise. */
export function checkpointDueAt(conversation: Pick<Conversation, 'state' | 'checkpoint' | 'channel'>): number | undefined {
	const checkpoint = conversation.checkpoint;
	if (conversation.state !== 'running' || !checkpoint || conversation.channel.test === true) return undefined;
	return checkpoint.savedAt + CHECKPOINT_CHECK_MS;
}

/** Whether `current` is still checkpoint `checkpoint` (no card wrote another since it was read). */
export function isSameCheckpoint(current: Checkpoint | undefined, checkpoint: Checkpoint): boolean {
	return current?.savedAt === checkpoint.savedAt && current.executionId === checkpoint.executionId;
}

/**
 * A copy of the JSON of `items` (one list per input or output), detached from the items n8n goes on using,
 * or undefined when it is too large to keep.
 */
export function stepItems(items: Array<Array<{ json: unknown }>>): StepItems | undefined {
	const text = JSON.stringify(items.map((list) => list.map((item) => ({ json: item.json ?? {} }))));
	return text.length > MAX_CHECKPOINT_ITEMS_BYTES ? undefined : (JSON.parse(text) as StepItems);
}

/** Where the checkpoint is: workflow, card and side. */
type Place = Pick<Checkpoint, 'at' | 'workflowId' | 'nodeName' | 'items' | 'executionId' | 'process'>;

/**
 * The checkpoint of a card that starts (`entrada`) or was settled (`saida`) at `now`. The card that a
 * rerun starts at (the previous checkpoint's own `entrada`, `rerunPending`) takes its messages to skip
 * and its rerun count.
 */
export function nextCheckpoint(previous: Checkpoint | undefined, place: Place, now: number): Checkpoint {
	const rerunHere =
		previous?.rerunPending === true && previous.at === 'entrada' && place.at === 'entrada' && previous.workflowId === place.workflowId && previous.nodeName === place.nodeName;
	const checkpoint: Checkpoint = { ...place, savedAt: now, sent: 0, reruns: rerunHere ? previous.reruns : 0 };
	if (rerunHere && previous.sent > 0) checkpoint.skip = previous.sent;
	return checkpoint;
}

/**
 * How many of `count` messages execution `executionId` leaves unsent because its card is run again and
 * the dead run had sent them; takes them off the checkpoint's `skip`.
 */
export function takeSkippedMessages(record: Conversation, executionId: string | undefined, count: number): number {
	const checkpoint = record.checkpoint;
	if (!checkpoint?.skip || checkpoint.executionId !== executionId) return 0;
	const skipped = Math.min(checkpoint.skip, count);
	record.checkpoint = { ...checkpoint, skip: checkpoint.skip - skipped || undefined };
	return skipped;
}

/** Counts `count` bot messages sent by execution `executionId` on its checkpoint (a rerun leaves them unsent). */
export function countSentMessages(record: Conversation, executionId: string | undefined, count: number): void {
	const checkpoint = record.checkpoint;
	if (checkpoint && checkpoint.executionId === executionId) record.checkpoint = { ...checkpoint, sent: checkpoint.sent + count };
}

/** A card parked: messages it had left unsent no longer concern it (its next ones are answers to the customer). */
export function parkedCheckpoint(checkpoint: Checkpoint | undefined): Checkpoint | undefined {
	return checkpoint?.skip ? { ...checkpoint, skip: undefined } : checkpoint;
}

import { isFinished } from './routing';
import {
	CHECKPOINT_CHECK_MS,
	CHECKPOINT_HOLD_MS,
	checkpointDueAt,
	countSentMessages,
	MAX_CHECKPOINT_ITEMS_BYTES,
	nextCheckpoint,
	parkedCheckpoint,
	stepItems,
	takeSkippedMessages,
} from './checkpoint';
import { testCheckpoint, testChannel } from './store.contract';
import type { Checkpoint, Conversation } from './types';

const place = { at: 'entrada' as const, workflowId: 'w1', nodeName: 'Menu', items: [[{ json: { a: 1 } }]], executionId: 'e2', process: 'p' };

function record(checkpoint?: Checkpoint, state: Conversation['state'] = 'running'): Conversation {
	return { state, checkpoint, channel: testChannel } as Conversation;
}

describe('checkpointDueAt', () => {
	it('is due CHECKPOINT_CHECK_MS after the checkpoint while the conversation runs; never for a test run, a parked or ended one', () => {
		expect(checkpointDueAt(record(testCheckpoint(1_000)))).toBe(1_000 + CHECKPOINT_CHECK_MS);
		expect(checkpointDueAt(record(undefined))).toBeUndefined();
		expect(checkpointDueAt(record(testCheckpoint(1_000), 'waiting'))).toBeUndefined();
		expect(checkpointDueAt(record(testCheckpoint(1_000), 'human'))).toBeUndefined();
		expect(checkpointDueAt({ ...record(testCheckpoint(1_000)), channel: { ...testChannel, test: true } })).toBeUndefined();
	});
});

describe('a checkpoint holds the running lease', () => {
	const LEASE_MS = 60_000;
	const running = (checkpoint?: Checkpoint, test = false) =>
		({ state: 'running', checkpoint, channel: { ...testChannel, test }, cardActivityAt: 1_000, updatedAt: 1_000 }) as Conversation;

	it('a step not yet judged over keeps the conversation running CHECKPOINT_HOLD_MS past the checkpoint, then the lease counts', () => {
		expect(isFinished(running(), 1_000 + LEASE_MS + 1, LEASE_MS)).toBe(true);
		const held = running(testCheckpoint(1_000));
		expect(isFinished(held, 1_000 + LEASE_MS + 1, LEASE_MS)).toBe(false);
		expect(isFinished(held, 1_000 + CHECKPOINT_HOLD_MS + LEASE_MS, LEASE_MS)).toBe(false);
		expect(isFinished(held, 1_000 + CHECKPOINT_HOLD_MS + LEASE_MS + 1, LEASE_MS)).toBe(true);
	});

	it('a test run from the editor is never held (its steps are not run again)', () => {
		expect(isFinished(running(testCheckpoint(1_000), true), 1_000 + LEASE_MS + 1, LEASE_MS)).toBe(true);
	});
});

describe('nextCheckpoint', () => {
	it('a card that starts gets a fresh count', () => {
		expect(nextCheckpoint({ ...testCheckpoint(1), sent: 3, reruns: 1 }, place, 5)).toEqual({ ...place, savedAt: 5, sent: 0, reruns: 0 });
	});

	it('the card a rerun starts at takes the messages to skip and the rerun count; another card or side does not', () => {
		const pending: Checkpoint = { ...testCheckpoint(1), nodeName: 'Menu', sent: 2, reruns: 1, rerunPending: true };
		expect(nextCheckpoint(pending, place, 5)).toEqual({ ...place, savedAt: 5, sent: 0, reruns: 1, skip: 2 });
		expect(nextCheckpoint({ ...pending, sent: 0 }, place, 5)).toEqual({ ...place, savedAt: 5, sent: 0, reruns: 1 });
		expect(nextCheckpoint(pending, { ...place, nodeName: 'Outro' }, 5)).toEqual({ ...place, nodeName: 'Outro', savedAt: 5, sent: 0, reruns: 0 });
		expect(nextCheckpoint(pending, { ...place, workflowId: 'w9' }, 5).reruns).toBe(0);
		expect(nextCheckpoint(pending, { ...place, at: 'saida' }, 5)).toEqual({ ...place, at: 'saida', savedAt: 5, sent: 0, reruns: 0 });
		expect(nextCheckpoint({ ...pending, rerunPending: undefined }, place, 5).skip).toBeUndefined();
	});
});

describe('skipping and counting sends', () => {
	it('takes at most the messages asked, only for the checkpoint’s execution, and clears skip once used up', () => {
		const conversation = record({ ...testCheckpoint(1), executionId: 'e2', skip: 3 });
		expect(takeSkippedMessages(conversation, 'outra', 2)).toBe(0);
		expect(takeSkippedMessages(conversation, 'e2', 2)).toBe(2);
		expect(conversation.checkpoint?.skip).toBe(1);
		expect(takeSkippedMessages(conversation, 'e2', 5)).toBe(1);
		expect(conversation.checkpoint?.skip).toBeUndefined();
		expect(takeSkippedMessages(conversation, 'e2', 5)).toBe(0);
	});

	it('counts sends of the checkpoint’s execution only', () => {
		const conversation = record({ ...testCheckpoint(1), executionId: 'e2' });
		countSentMessages(conversation, 'e2', 2);
		countSentMessages(conversation, 'outra', 5);
		countSentMessages(conversation, undefined, 5);
		expect(conversation.checkpoint?.sent).toBe(2);
		const none = record(undefined);
		countSentMessages(none, 'e2', 1);
		expect(none.checkpoint).toBeUndefined();
	});

	it('a card that parks forgets what it had left to skip (its next messages answer the customer)', () => {
		expect(parkedCheckpoint({ ...testCheckpoint(1), skip: 2 })?.skip).toBeUndefined();
		expect(parkedCheckpoint(undefined)).toBeUndefined();
	});
});

describe('stepItems', () => {
	it('keeps the JSON of each item, drops binary and paired-item data, and refuses items too large to keep', () => {
		expect(stepItems([[{ json: { a: 1 }, binary: { data: {} }, pairedItem: { item: 0 } } as never], []])).toEqual([[{ json: { a: 1 } }], []]);
		expect(stepItems([[{ json: { texto: 'x'.repeat(MAX_CHECKPOINT_ITEMS_BYTES) } }]])).toBeUndefined();
	});

	it('is a copy: a node that changes the item afterwards does not change the checkpoint (the local store keeps it in memory)', () => {
		const json = { atendimento: { tags: ['a'] } };
		const kept = stepItems([[{ json }]]);
		json.atendimento.tags.push('b');
		expect(kept).toEqual([[{ json: { atendimento: { tags: ['a'] } } }]]);
	});
});

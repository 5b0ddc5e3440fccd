import type { IHttpRequestOptions } from 'n8n-workflow';

import type { Waiter } from '../conversation/types';
import { postResume, type ResumeDelivery } from './resume';

const waiter: Waiter = { resumeUrl: 'http://127.0.0.1:5678/webhook-waiting/77/no-1?signature=x', executionId: '77', nodeName: 'Menu', attempts: 0 };
const delivery: ResumeDelivery = { conversationId: 'c-1', waiter, timeout: true };
const RUNNING_ALREADY = { code: 409, message: 'The execution "77" is running already.' };

/** What happened, in order: status reads and posts, with the fake time of each. */
type Event = { kind: 'status' | 'post'; at: number };

function n8nWith(statuses: Array<string | undefined>, responses: Array<{ statusCode: number; body: unknown }>) {
	const events: Event[] = [];
	const statusOf = async (executionId: string) => {
		expect(executionId).toBe('77');
		events.push({ kind: 'status', at: Date.now() });
		return statuses.length > 1 ? statuses.shift() : statuses[0];
	};
	const httpRequest = async (options: IHttpRequestOptions) => {
		expect(options.url).toBe(waiter.resumeUrl);
		events.push({ kind: 'post', at: Date.now() });
		return responses.length > 1 ? responses.shift() : responses[0];
	};
	return { events, statusOf, httpRequest };
}

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

test('while n8n still runs the execution (not yet saved as waiting) the resume waits, then is posted once', async () => {
	const n8n = n8nWith(['running', 'running', 'running', 'waiting'], [{ statusCode: 200, body: {} }]);
	const outcome = postResume(n8n.httpRequest, delivery, 'segredo', n8n.statusOf);
	await jest.advanceTimersByTimeAsync(1_000);
	expect(await outcome).toBe('resumed');
	expect(n8n.events.map((event) => event.kind)).toEqual(['status', 'status', 'status', 'status', 'post']);
	// Short backoff: the post follows the save within a few tens of ms.
	expect(n8n.events.at(-1)!.at - n8n.events[0].at).toBeLessThan(200);
});

test('an execution already waiting (or a status n8n does not tell) is posted at once', async () => {
	for (const status of ['waiting', undefined]) {
		const n8n = n8nWith([status], [{ statusCode: 200, body: {} }]);
		expect(await postResume(n8n.httpRequest, delivery, 'segredo', n8n.statusOf)).toBe('resumed');
		expect(n8n.events.map((event) => event.kind)).toEqual(['status', 'post']);
	}
});

test('the wait is bounded: an execution "running" for too long gets the post anyway, and a 409 "running already" is still retried', async () => {
	const n8n = n8nWith(['running'], [{ statusCode: 409, body: RUNNING_ALREADY }, { statusCode: 200, body: {} }]);
	const outcome = postResume(n8n.httpRequest, delivery, 'segredo', n8n.statusOf);
	await jest.advanceTimersByTimeAsync(30_000);
	expect(await outcome).toBe('resumed');
	const posts = n8n.events.filter((event) => event.kind === 'post');
	expect(posts).toHaveLength(2);
	expect(posts[0].at - n8n.events[0].at).toBeGreaterThanOrEqual(10_000);
	expect(posts[0].at - n8n.events[0].at).toBeLessThanOrEqual(15_000);
});

test('a status read that fails does not hold the resume: it is posted', async () => {
	const events: string[] = [];
	const outcome = await postResume(
		async () => {
			events.push('post');
			return { statusCode: 200, body: {} };
		},
		delivery,
		'segredo',
		async () => {
			events.push('status');
			throw new Error('SQLITE_BUSY');
		},
	);
	expect(outcome).toBe('resumed');
	expect(events).toEqual(['status', 'post']);
});

test('an execution that is gone (finished, deleted) answers 404/409 without "running already": gone, posted once', async () => {
	const n8n = n8nWith(['success'], [{ statusCode: 409, body: { code: 409, message: 'The execution "77 has finished already.' } }]);
	expect(await postResume(n8n.httpRequest, delivery, 'segredo', n8n.statusOf)).toBe('gone');
	expect(n8n.events.map((event) => event.kind)).toEqual(['status', 'post']);
});

test('an execution n8n no longer has (deleted) is gone without a post: n8n would log its 404 as an error', async () => {
	const n8n = n8nWith(['missing'], [{ statusCode: 404, body: { code: 404, message: 'The execution "77" does not exist.' } }]);
	expect(await postResume(n8n.httpRequest, delivery, 'segredo', n8n.statusOf)).toBe('gone');
	expect(n8n.events.map((event) => event.kind)).toEqual(['status']);
});

import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { InboundMessage } from '../channels/types';
import { LocalConversationStore } from './local-store';
import type { RouteOptions } from './store';
import type { ChannelRef, Waiter } from './types';

const channel: ChannelRef = { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' };
let directory: string;
let sequence = 0;

function message(text: string, contactId = 'sessao-1', messageId = `m-${++sequence}`): InboundMessage {
	return { channel: 'webchat', accountId: 'atendimento', contactId, messageId, timestamp: Date.now(), content: { kind: 'text', text } };
}

function options(now = Date.now()): RouteOptions {
	return { now, runningLeaseMs: 60_000, newConversationId: () => `c-${++sequence}`, newProtocolo: () => `P-${sequence}` };
}

const waiter: Waiter = { resumeUrl: 'http://127.0.0.1/webhook-waiting/1/node', executionId: '1', nodeName: 'Menu', attempts: 0 };

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'store-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('LocalConversationStore routing (DESIGN.md §1)', () => {
	it('starts a conversation, queues while running, resumes a waiter, and starts again after the end', async () => {
		const store = new LocalConversationStore(directory);
		const first = await store.routeInbound(channel, message('oi'), options());
		expect(first.action).toBe('start');
		const conversationId = first.action === 'start' ? first.conversation.id : '';

		expect((await store.routeInbound(channel, message('rápido'), options())).action).toBe('queued');
		expect(await store.parkOrTake(conversationId, waiter)).toMatchObject({ content: { text: 'rápido' } });
		expect(await store.parkOrTake(conversationId, waiter)).toBeUndefined();
		expect((await store.get(conversationId))?.state).toBe('waiting');

		const resume = await store.routeInbound(channel, message('2'), options());
		expect(resume).toMatchObject({ action: 'resume', waiter: { resumeUrl: waiter.resumeUrl } });
		expect((await store.get(conversationId))?.state).toBe('running');

		await store.update(conversationId, (record) => {
			record.state = 'ended';
		});
		const again = await store.routeInbound(channel, message('oi de novo'), options());
		expect(again.action).toBe('start');
		expect(again.action === 'start' && again.conversation.id).not.toBe(conversationId);
	});

	it('drops a duplicate delivery by message id', async () => {
		const store = new LocalConversationStore(directory);
		expect((await store.routeInbound(channel, message('oi', 'a', 'same'), options())).action).toBe('start');
		expect((await store.routeInbound(channel, message('oi', 'a', 'same'), options())).action).toBe('duplicate');
	});

	it('keeps a transferred conversation silent', async () => {
		const store = new LocalConversationStore(directory);
		const first = await store.routeInbound(channel, message('oi'), options());
		const id = first.action === 'start' ? first.conversation.id : '';
		await store.update(id, (record) => {
			record.state = 'human';
		});
		expect((await store.routeInbound(channel, message('alô?'), options())).action).toBe('human');
	});

	it('treats a conversation running with no card activity past the lease as finished', async () => {
		const store = new LocalConversationStore(directory);
		const start = Date.now();
		await store.routeInbound(channel, message('oi'), options(start));
		expect((await store.routeInbound(channel, message('oi'), options(start + 120_000))).action).toBe('start');
	});

	it('survives a restart: the journal is replayed', async () => {
		const store = new LocalConversationStore(directory);
		const first = await store.routeInbound(channel, message('oi'), options());
		const id = first.action === 'start' ? first.conversation.id : '';
		await store.parkOrTake(id, waiter);
		await store.setOptOut('webchat', 'bloqueado', true);
		await store.appendWebchat('atendimento', 'sessao-1', 'bot', { kind: 'text', text: 'Olá' });
		const secret = await store.internalSecret();

		const reopened = new LocalConversationStore(directory);
		expect(await reopened.get(id)).toMatchObject({ state: 'waiting', waiter });
		expect(await reopened.isOptedOut('webchat', 'bloqueado')).toBe(true);
		expect(await reopened.readWebchat('atendimento', 'sessao-1', 0, 0)).toMatchObject([{ seq: 1, message: { text: 'Olá' } }]);
		expect(await reopened.internalSecret()).toBe(secret);
		expect((await reopened.routeInbound(channel, message('2'), options())).action).toBe('resume');
	});

	it('wakes a long poll when a bot message arrives', async () => {
		const store = new LocalConversationStore(directory);
		const poll = store.readWebchat('atendimento', 's', 0, 5_000);
		setTimeout(() => void store.appendWebchat('atendimento', 's', 'bot', { kind: 'text', text: 'oi' }), 20);
		expect(await poll).toMatchObject([{ seq: 1 }]);
	});
});

describe('KeyedMutex via withLock', () => {
	it('runs holders of one key one after the other, in arrival order', async () => {
		const store = new LocalConversationStore(directory);
		const order: string[] = [];
		const hold = (name: string, ms: number) =>
			store.withLock('k', async () => {
				order.push(`${name}:in`);
				await new Promise((resolve) => setTimeout(resolve, ms));
				order.push(`${name}:out`);
			});
		await Promise.all([hold('a', 30), hold('b', 1), hold('c', 1)]);
		expect(order).toEqual(['a:in', 'a:out', 'b:in', 'b:out', 'c:in', 'c:out']);
	});
});

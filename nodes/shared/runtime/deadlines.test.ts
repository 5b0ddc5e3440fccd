import { mkdtempSync, rmSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { LoggerProxy } from 'n8n-workflow';

import { storedConversation } from '../../../test/support/stored-conversation';
import { useTemporaryStore } from '../../../test/support/temporary-store';
import { getConversationStore, setConversationStore, type ConversationStore } from '../conversation';
import type { DeadlineClaim } from '../conversation/deadline-schedule';
import { LocalConversationStore } from '../conversation/local-store';
import type { Waiter } from '../conversation/types';
import { DeadlinePoller, N8N_FALLBACK_DELAY_MS, startDeadlinePoller, stopDeadlinePoller } from './deadlines';

type Line = { level: string; message: string; meta: Record<string, unknown> };
const lines: Line[] = [];
const capture = (level: string) => (message: string, meta: Record<string, unknown> = {}) => void lines.push({ level, message, meta });
beforeAll(() => LoggerProxy.init({ debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') } as never));
beforeEach(() => (lines.length = 0));

const channel = { type: 'webchat' as const, accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' };
let contacts = 0;

/** A conversation of `store` parked at a card whose deadline is `deadline`. */
async function parkedIn(store: ConversationStore, deadline: number, resumeUrl = 'http://127.0.0.1:9/webhook-waiting/1/no'): Promise<string> {
	const contactId = `prazo-${++contacts}`;
	const decision = await store.routeInbound(
		channel,
		{ channel: 'webchat', accountId: 'atendimento', contactId, messageId: `m-${contacts}`, timestamp: Date.now(), content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => `c-${contacts}`, newProtocolo: () => `P-${contacts}` },
	);
	if (decision.action !== 'start') throw new Error(decision.action);
	const waiter: Waiter = { resumeUrl, executionId: '1', nodeName: 'Menu', attempts: 0, deadline };
	expect(await store.parkOrTake(decision.conversation.id, waiter)).toBeUndefined();
	return decision.conversation.id;
}

describe('DeadlinePoller (fake clock)', () => {
	let directory: string;
	let store: LocalConversationStore;
	let poller: DeadlinePoller | undefined;
	/** Every claim the poller fired, with the (fake) time it fired at. */
	let fired: Array<{ conversationId: string; at: number }>;
	/** A firing that takes the waiter, as fireNoAnswer does; `hang` leaves it unfinished (its process died). */
	let hang: boolean;
	const fire = async (claimStore: ConversationStore, claim: DeadlineClaim) => {
		fired.push({ conversationId: claim.conversationId, at: Date.now() });
		if (hang) return;
		await claimStore.update(claim.conversationId, (record) => {
			record.state = 'running';
			record.waiter = undefined;
		});
	};

	beforeEach(() => {
		jest.useFakeTimers({ now: new Date('2026-03-02T12:00:00Z') });
		directory = mkdtempSync(join(tmpdir(), 'deadline-poller-'));
		store = new LocalConversationStore(directory);
		fired = [];
		hang = false;
	});
	afterEach(async () => {
		await poller?.stop();
		poller = undefined;
		await store.close();
		jest.useRealTimers();
		rmSync(directory, { recursive: true, force: true });
	});

	it('fires each deadline once, when it is due (within one poll), never before', async () => {
		const start = Date.now();
		const first = await parkedIn(store, start + 30_000);
		const second = await parkedIn(store, start + 90_000);
		poller = new DeadlinePoller(store, { fire, pollMs: 500, leaseMs: 15_000 });
		poller.start();

		await jest.advanceTimersByTimeAsync(29_999);
		expect(fired).toEqual([]);
		await jest.advanceTimersByTimeAsync(1);
		expect(fired).toEqual([{ conversationId: first, at: start + 30_000 }]);
		await jest.advanceTimersByTimeAsync(120_000);
		expect(fired).toEqual([
			{ conversationId: first, at: start + 30_000 },
			{ conversationId: second, at: start + 90_000 },
		]);
	});

	it('a deadline scheduled by another process is claimed within one poll of its due time', async () => {
		const start = Date.now();
		poller = new DeadlinePoller(store, { fire, pollMs: 500, leaseMs: 15_000 });
		poller.start();
		await jest.advanceTimersByTimeAsync(1_000);
		// Written by "another process": this poller was sleeping and got no wake-up.
		const id = await parkedIn(store, start + 5_200);
		await jest.advanceTimersByTimeAsync(4_199);
		expect(fired).toEqual([]);
		await jest.advanceTimersByTimeAsync(501);
		expect(fired).toHaveLength(1);
		expect(fired[0].conversationId).toBe(id);
		expect(fired[0].at - (start + 5_200)).toBeLessThanOrEqual(500);
	});

	it('wake(): a card parked in this process is fired at its deadline, not at the next poll', async () => {
		const start = Date.now();
		poller = new DeadlinePoller(store, { fire, pollMs: 60_000, leaseMs: 15_000 });
		poller.start();
		await jest.advanceTimersByTimeAsync(10);
		const id = await parkedIn(store, start + 2_000);
		poller.wake(start + 2_000);
		await jest.advanceTimersByTimeAsync(1_989);
		expect(fired).toEqual([]);
		await jest.advanceTimersByTimeAsync(1);
		expect(fired).toEqual([{ conversationId: id, at: start + 2_000 }]);
	});

	it('a firing that never finished (its process died after the claim) is claimed again when the lease ends', async () => {
		const start = Date.now();
		const id = await parkedIn(store, start + 1_000);
		hang = true;
		poller = new DeadlinePoller(store, { fire, pollMs: 500, leaseMs: 15_000 });
		poller.start();
		await jest.advanceTimersByTimeAsync(1_000);
		expect(fired).toEqual([{ conversationId: id, at: start + 1_000 }]);
		hang = false;
		await jest.advanceTimersByTimeAsync(14_999);
		expect(fired).toHaveLength(1);
		await jest.advanceTimersByTimeAsync(1);
		expect(fired).toEqual([
			{ conversationId: id, at: start + 1_000 },
			{ conversationId: id, at: start + 16_000 },
		]);
		await jest.advanceTimersByTimeAsync(60_000);
		expect(fired).toHaveLength(2);
	});

	it('an answer before the deadline removes it: nothing fires', async () => {
		const start = Date.now();
		await parkedIn(store, start + 10_000);
		poller = new DeadlinePoller(store, { fire, pollMs: 500, leaseMs: 15_000 });
		poller.start();
		await jest.advanceTimersByTimeAsync(5_000);
		const decision = await store.routeInbound(
			channel,
			{ channel: 'webchat', accountId: 'atendimento', contactId: `prazo-${contacts}`, messageId: 'resposta', timestamp: Date.now(), content: { kind: 'text', text: '2' } },
			{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => 'x', newProtocolo: () => 'x' },
		);
		expect(decision.action).toBe('resume');
		await jest.advanceTimersByTimeAsync(60_000);
		expect(fired).toEqual([]);
	});

	it('a store that cannot be read is logged once, and polled again until it answers', async () => {
		let failures = 2;
		const claim = store.claimDueDeadlines.bind(store);
		jest.spyOn(store, 'claimDueDeadlines').mockImplementation(async (...args) => {
			if (failures-- > 0) throw new Error('Connection is closed.');
			return await claim(...args);
		});
		const id = await parkedIn(store, Date.now() + 100);
		poller = new DeadlinePoller(store, { fire, pollMs: 500, leaseMs: 15_000 });
		poller.start();
		await jest.advanceTimersByTimeAsync(1_500);
		expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
			'[atendimento] prazos "Sem resposta" não consultados (Connection is closed.); nova tentativa a cada 500 ms',
		]);
		expect(fired.map((entry) => entry.conversationId)).toEqual([id]);
	});
});

describe('fireNoAnswer through the process poller (real n8n stand-in)', () => {
	useTemporaryStore('deadlines', (store) => void startDeadlinePoller(store));
	afterEach(async () => await stopDeadlinePoller());

	/** A stand-in for n8n's waiting webhook: answers every resume with `status` and counts the posts. */
	async function n8nAnswering(status: number): Promise<{ server: Server; url: string; posts: () => number }> {
		let posts = 0;
		const server = createServer((request, response) => {
			posts++;
			request.resume();
			request.on('end', () => response.writeHead(status, { 'Content-Type': 'application/json' }).end('{}'));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook-waiting/42/no-1`, posts: () => posts };
	}

	async function parkedConversation(resumeUrl: string, deadline = Date.now() + 30): Promise<{ id: string; waiter: Waiter; protocolo: string }> {
		const conversation = await storedConversation({ phone: '5511987654321' });
		const waiter: Waiter = { resumeUrl, executionId: '42', nodeName: 'Menu principal', attempts: 0, deadline };
		expect(await getConversationStore().parkOrTake(conversation.id, waiter)).toBeUndefined();
		return { id: conversation.id, waiter, protocolo: conversation.protocolo };
	}

	async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!condition()) {
			if (Date.now() > deadline) throw new Error('condição não atingida a tempo');
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	test('a fired deadline takes the waiter, resumes the card once, and is logged with the card and the protocolo, at info', async () => {
		const n8n = await n8nAnswering(200);
		try {
			const parked = await parkedConversation(n8n.url);
			await until(() => lines.some((line) => line.message.includes('Sem resposta')));
			expect(lines).toContainEqual({
				level: 'info',
				message: `[atendimento] Menu principal, protocolo ${parked.protocolo}: prazo sem resposta vencido: o card segue pela saída "Sem resposta"`,
				meta: { node: 'Menu principal', protocolo: parked.protocolo, execucao: '42' },
			});
			expect(n8n.posts()).toBe(1);
			expect(await getConversationStore().get(parked.id)).toMatchObject({ state: 'running', waiter: undefined });
			await new Promise((resolve) => setTimeout(resolve, 1_200));
			expect(n8n.posts()).toBe(1);
		} finally {
			n8n.server.close();
		}
	});

	test('a deadline n8n refuses (5xx) is not dropped without a word: logged, the card keeps waiting, tried again 2 s later', async () => {
		const n8n = await n8nAnswering(503);
		try {
			const parked = await parkedConversation(n8n.url);
			await until(() => lines.some((line) => line.level === 'warn'));
			const warning = lines.find((line) => line.level === 'warn')!;
			expect(warning.message).toMatch(/prazo sem resposta não entregue ao n8n \(Retomada recusada pelo n8n \(HTTP 503\)\); nova tentativa em 2 s/);
			expect(warning.message).toContain(parked.protocolo);
			const record = await getConversationStore().get(parked.id);
			expect(record?.state).toBe('waiting');
			expect(record?.waiter).toMatchObject({ resumeUrl: n8n.url, deadline: parked.waiter.deadline });
			expect(record!.waiter!.retryAt! - Date.now()).toBeGreaterThan(1_000);
			// the retry 2 s later reaches n8n again
			await until(() => n8n.posts() >= 2, 5000);
		} finally {
			n8n.server.close();
		}
	}, 15_000);

	test("past n8n's own fallback timeout a deadline that cannot be delivered is left to n8n: logged, not tried again", async () => {
		const n8n = await n8nAnswering(503);
		try {
			const parked = await parkedConversation(n8n.url, Date.now() - N8N_FALLBACK_DELAY_MS - 1_000);
			await until(() => lines.some((line) => line.level === 'warn'));
			expect(lines.find((line) => line.level === 'warn')!.message).toContain('deixado para o prazo do próprio n8n');
			const record = await getConversationStore().get(parked.id);
			expect(record).toMatchObject({ state: 'waiting', waiter: { resumeUrl: n8n.url, leftToN8n: true } });
			await new Promise((resolve) => setTimeout(resolve, 2_500));
			expect(n8n.posts()).toBe(1);
		} finally {
			n8n.server.close();
		}
	}, 15_000);
});

describe('the process poller starts with the process-wide store', () => {
	let directory: string;
	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), 'deadline-start-'));
		process.env.ATENDIMENTO_STORE_DIR = directory;
		setConversationStore(undefined);
	});
	afterEach(async () => {
		await stopDeadlinePoller();
		await getConversationStore().close();
		setConversationStore(undefined);
		delete process.env.ATENDIMENTO_STORE_DIR;
		rmSync(directory, { recursive: true, force: true });
	});

	test('the first use of the store in a process starts its poller: a deadline parked by another process fires with no other call', async () => {
		let posts = 0;
		const server = createServer((request, response) => {
			posts++;
			request.resume();
			request.on('end', () => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const store = getConversationStore(); // created here: the hook starts the poller
			// Parked as by another process (no wake-up of this process's poller): found by its polling.
			await parkedIn(store, Date.now() + 100, `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook-waiting/9/no`);
			const limit = Date.now() + 5_000;
			while (posts === 0 && Date.now() < limit) await new Promise((resolve) => setTimeout(resolve, 20));
			expect(posts).toBe(1);
		} finally {
			server.close();
		}
	});
});

import type { Conversation } from '../shared/conversation/types';
import { TEST_RUN_MARK, type TestWebhookRegistration, type TestWebhookStore } from '../shared/runtime/n8n-engine';
import { keepTestRunOpen, type TestRunDeps } from './test-run';

/** n8n's registrations store, in memory, keyed as n8n keys them (method|path). */
class FakeRegistrations implements TestWebhookStore {
	readonly entries = new Map<string, TestWebhookRegistration>();
	async getAllRegistrations() {
		return [...this.entries.values()];
	}
	async get(key: string) {
		return this.entries.get(key);
	}
	async register(registration: TestWebhookRegistration) {
		this.entries.set(this.toKey(registration.webhook), registration);
	}
	async deregister(key: string) {
		this.entries.delete(key);
	}
	toKey(webhook: TestWebhookRegistration['webhook']) {
		return `${webhook.httpMethod}|${webhook.path}`;
	}
	/** What n8n's executeWebhook does after the call that started an execution (deactivateWebhooks). */
	deactivate(workflowId: string) {
		for (const [key, registration] of this.entries) {
			if (registration.webhook.workflowId !== workflowId) continue;
			// n8n hangs the execution's additionalData (huge, circular) on the cached webhook object before deleting it.
			const additionalData: Record<string, unknown> = {};
			additionalData.self = additionalData;
			Object.assign(registration.webhook, { workflowExecuteAdditionalData: additionalData });
			this.entries.delete(key);
		}
	}
}

function registration(workflowId: string, httpMethod: string, path: string): TestWebhookRegistration {
	return { version: 1, pushRef: 'aba-do-editor', webhook: { workflowId, httpMethod, path, node: 'Início do Atendimento' } };
}

const waiting = (executionId: string) => ({ id: 'c1', state: 'waiting', waiter: { executionId } }) as unknown as Conversation;

function setUp(conversation: () => Conversation | undefined, status: () => string | undefined = () => 'waiting') {
	const webhooks = new FakeRegistrations();
	void webhooks.register(registration('wf1', 'POST', 'atendimento'));
	void webhooks.register(registration('wf1', 'GET', 'atendimento'));
	void webhooks.register(registration('wf2', 'POST', 'outro'));
	const ended: Array<[string, string]> = [];
	const deps: Partial<TestRunDeps> = {
		webhooks,
		executionStatus: async () => status(),
		getConversation: async () => conversation(),
		endConversation: async (id, reason) => void ended.push([id, reason]),
		pollMs: 1,
		restoreWithinMs: 200,
		watchMs: 5,
		refreshMs: 60_000,
	};
	return { webhooks, ended, deps };
}

describe('keepTestRunOpen: the test URL outlives the call that started the manual execution', () => {
	it("restores the workflow's registrations once n8n deleted them, keeps them while the conversation lives, frees them when it ends", async () => {
		let conversation: Conversation | undefined = waiting('101');
		const { webhooks, deps } = setUp(() => conversation);
		const { kept } = await keepTestRunOpen('wf1', 'c1', deps);
		webhooks.deactivate('wf1'); // n8n, right after the start
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect([...webhooks.entries.keys()].sort()).toEqual(['GET|atendimento', 'POST|atendimento', 'POST|outro']);
		expect(webhooks.entries.get('POST|atendimento')).toMatchObject({ pushRef: 'aba-do-editor', [TEST_RUN_MARK]: 'c1' });
		expect(webhooks.entries.get('POST|atendimento')!.webhook).not.toHaveProperty('workflowExecuteAdditionalData');
		conversation = { ...conversation, state: 'ended' } as Conversation;
		await kept;
		expect([...webhooks.entries.keys()]).toEqual(['POST|outro']);
	});

	it('ends the test conversation when its manual execution was stopped, and frees the test URL', async () => {
		let status = 'waiting';
		const { webhooks, ended, deps } = setUp(() => waiting('101'), () => status);
		const { kept } = await keepTestRunOpen('wf1', 'c1', deps);
		webhooks.deactivate('wf1');
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(webhooks.entries.has('POST|atendimento')).toBe(true);
		status = 'canceled';
		await kept;
		expect(ended).toEqual([['c1', 'teste_interrompido']]);
		expect(webhooks.entries.has('POST|atendimento')).toBe(false);
	});

	it('leaves a newer test run alone: registrations replaced by another "Execute workflow" are not removed', async () => {
		const { webhooks, deps } = setUp(() => waiting('101'));
		const { kept } = await keepTestRunOpen('wf1', 'c1', deps);
		webhooks.deactivate('wf1');
		await new Promise((resolve) => setTimeout(resolve, 30));
		await webhooks.register(registration('wf1', 'POST', 'atendimento')); // needsWebhook again, unmarked
		await kept;
		expect(webhooks.entries.get('POST|atendimento')?.[TEST_RUN_MARK]).toBeUndefined();
		expect(webhooks.entries.has('GET|atendimento')).toBe(true);
	});

	it('writes the kept registrations again from time to time (their expiry in Redis with several main processes)', async () => {
		let conversation: Conversation = waiting('101');
		const { webhooks, deps } = setUp(() => conversation);
		const writes: string[] = [];
		const register = webhooks.register.bind(webhooks);
		webhooks.register = async (registration) => {
			writes.push(webhooks.toKey(registration.webhook));
			await register(registration);
		};
		const { kept } = await keepTestRunOpen('wf1', 'c1', { ...deps, refreshMs: 10 });
		webhooks.deactivate('wf1');
		await new Promise((resolve) => setTimeout(resolve, 80));
		conversation = { ...conversation, state: 'ended' } as Conversation;
		await kept;
		expect(writes.filter((key) => key === 'POST|atendimento').length).toBeGreaterThan(2);
	});

	it('restores nothing when n8n never deleted them in time', async () => {
		const { webhooks, deps } = setUp(() => waiting('101'));
		const { kept } = await keepTestRunOpen('wf1', 'c1', { ...deps, restoreWithinMs: 20 });
		await kept;
		expect(webhooks.entries.get('POST|atendimento')?.[TEST_RUN_MARK]).toBeUndefined();
	});

	it('without n8n\'s registrations (another n8n version, a worker) does nothing', async () => {
		const { kept } = await keepTestRunOpen('wf1', 'c1', { webhooks: undefined });
		await expect(kept).resolves.toBeUndefined();
	});
});

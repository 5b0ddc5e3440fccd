import type { IWebhookFunctions, Logger } from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import type { Conversation } from '../shared/conversation/types';
import { errorText, logLine } from '../shared/log';
import { endConversation } from '../shared/runtime/card';
import { executionStatus, TEST_RUN_MARK, testWebhookStore, type TestWebhookRegistration, type TestWebhookStore } from '../shared/runtime/n8n-engine';

/**
 * Test runs from the editor (docs/arquitetura.md §17): n8n deletes a workflow's test webhooks right after
 * the call that starts the manual execution. The trigger copies them before it returns the start and,
 * once n8n deleted them, registers the copies again, so the test URL keeps receiving the conversation
 * (web chat page, WhatsApp, Telegram) and its messages resume that manual execution. The copies live as
 * long as the test conversation: they go when it ends, or when its manual execution is stopped (the
 * conversation then ends as `teste_interrompido`).
 */

/** What a test run needs, injectable for tests. */
export interface TestRunDeps {
	webhooks: TestWebhookStore | undefined;
	/** Status of an execution in n8n's database; undefined when unknown. */
	executionStatus: (id: string) => Promise<string | undefined>;
	getConversation: (id: string) => Promise<Conversation | undefined>;
	endConversation: (id: string, reason: string) => Promise<unknown>;
	/** How often n8n's deletion is looked for, and for how long. */
	pollMs: number;
	restoreWithinMs: number;
	/** How often a kept test run checks its conversation and execution. */
	watchMs: number;
	/**
	 * How often the kept registrations are written again: with several main processes n8n keeps them in
	 * Redis with an expiry of about 2 minutes, renewed by each write.
	 */
	refreshMs: number;
	logger?: Logger;
}

const DEFAULT_DEPS: TestRunDeps = {
	get webhooks() {
		return testWebhookStore();
	},
	executionStatus,
	getConversation: async (id) => await getConversationStore().get(id),
	endConversation: async (id, reason) => await endConversation(id, { reason }),
	pollMs: 20,
	restoreWithinMs: 15_000,
	watchMs: 2_000,
	refreshMs: 60_000,
};

/** Statuses of an execution that can still take the conversation's next message. */
const LIVE_STATUSES = new Set(['new', 'running', 'waiting']);

/**
 * Called by the trigger, in a manual execution's test call, with the conversation it starts: copies the
 * workflow's test webhook registrations now and, in the background, restores them once n8n deleted
 * them, then keeps them while the conversation lives. Resolves once the copies are taken; the returned
 * `kept` promise settles when the test run is over (for tests).
 */
export async function keepTestRunOpen(
	workflowId: string,
	conversationId: string,
	overrides: Partial<TestRunDeps> = {},
): Promise<{ kept: Promise<void> }> {
	const deps: TestRunDeps = { ...DEFAULT_DEPS, ...overrides };
	const store = deps.webhooks;
	if (!store) {
		logLine(deps.logger, 'warn', 'teste no editor: esta versão do n8n não deixa o gatilho manter a URL de teste; só a primeira mensagem chega ao fluxo');
		return { kept: Promise.resolve() };
	}
	// Copies: n8n's in-memory cache hands out its own objects, and deactivateWebhooks then hangs the
	// execution's additionalData on each webhook; n8n registers webhooks without it (needsWebhook).
	const registrations = (await store.getAllRegistrations())
		.filter((registration) => registration.webhook.workflowId === workflowId)
		.map(cacheableCopy);
	if (registrations.length === 0) return { kept: Promise.resolve() };
	const kept = restoreAndWatch(store, registrations, conversationId, deps).catch((error: unknown) => {
		logLine(deps.logger, 'error', `teste no editor: a URL de teste não foi mantida (${errorText(error)})`);
	});
	return { kept };
}

/** A registration as n8n caches it: its own webhook object, without `workflowExecuteAdditionalData`. */
function cacheableCopy(registration: TestWebhookRegistration): TestWebhookRegistration {
	const { workflowExecuteAdditionalData: _omitted, ...webhook } = registration.webhook as TestWebhookRegistration['webhook'] & { workflowExecuteAdditionalData?: unknown };
	return { ...registration, webhook };
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function restoreAndWatch(store: TestWebhookStore, registrations: TestWebhookRegistration[], conversationId: string, deps: TestRunDeps): Promise<void> {
	const keys = registrations.map((registration) => store.toKey(registration.webhook));
	const anyRegistered = async () => (await Promise.all(keys.map(async (key) => await store.get(key)))).some((found) => found !== undefined);
	const giveUpAt = Date.now() + deps.restoreWithinMs;
	while (await anyRegistered()) {
		// Still there: n8n did not delete them (another process handled it, or a new "Execute workflow" replaced them).
		if (Date.now() >= giveUpAt) return;
		await sleep(deps.pollMs);
	}
	for (const registration of registrations) await store.register({ ...cacheableCopy(registration), [TEST_RUN_MARK]: conversationId });
	logLine(deps.logger, 'debug', 'teste no editor: URL de teste mantida para a conversa');

	let executionId: string | undefined;
	let refreshedAt = Date.now();
	for (;;) {
		await sleep(deps.watchMs);
		const current = await store.get(keys[0]);
		// Removed (the editor stopped waiting) or replaced (a newer test run): no longer this run's to keep.
		if (current?.[TEST_RUN_MARK] !== conversationId) return;
		if (Date.now() - refreshedAt >= deps.refreshMs) {
			await store.register(current);
			refreshedAt = Date.now();
		}
		const conversation = await deps.getConversation(conversationId);
		if (!conversation || conversation.state === 'ended') break;
		executionId = conversation.waiter?.executionId ?? executionId;
		const status = executionId ? await deps.executionStatus(executionId) : undefined;
		if (status !== undefined && !LIVE_STATUSES.has(status)) {
			await deps.endConversation(conversationId, 'teste_interrompido');
			break;
		}
	}
	for (const key of keys) {
		if ((await store.get(key))?.[TEST_RUN_MARK] === conversationId) await store.deregister(key);
	}
	logLine(deps.logger, 'debug', 'teste no editor: conversa de teste terminada, URL de teste liberada');
}

/** In a test call (manual execution), keeps the test URL for the conversation the call starts; outside a test, nothing. */
export async function keepTestRunOpenFor(context: IWebhookFunctions, conversationId: string): Promise<void> {
	if (context.getMode() !== 'manual') return;
	await keepTestRunOpen(context.getWorkflow().id!, conversationId, { logger: context.logger });
}

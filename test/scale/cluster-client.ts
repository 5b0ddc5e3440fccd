// What scale tests need from the cluster started by global-setup.ts: its URLs and API, workflows imported and
// published through the main, processes stopped and restarted one at a time, which worker ran what, the
// conversations in the shared Redis store, and the customer-message → bot-reply latency at the simulator.
import { readFileSync } from 'fs';
import { join } from 'path';

import { RedisConversationStore } from '../../nodes/shared/conversation/redis-store';
import type { Conversation } from '../../nodes/shared/conversation/types';
import {
	WHATSAPP_TEST_ACCOUNT,
	buttonReplyMessage,
	deliver,
	listReplyMessage,
	messagesWebhook,
	textMessage,
	type SentMessage,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { SCALE_DATA_DIR } from './paths';

const cluster = require('../../scripts/lib/n8n-cluster.js');
const instance = require('../../scripts/lib/n8n-instance.js');
const templates = require('../../scripts/lib/templates.js');

export type Role = 'main' | 'webhook' | 'worker1' | 'worker2';

export interface ClusterState {
	dataDir: string;
	mainUrl: string;
	webhookUrl: string;
	redisUrl: string;
	apiKey: string;
	pids: Partial<Record<Role, number>>;
}

export interface WorkflowJson {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export function clusterState(): ClusterState {
	return cluster.readState(SCALE_DATA_DIR) as ClusterState;
}

/** One call to n8n's public API on the main. */
export async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
	const { mainUrl, apiKey } = clusterState();
	const result = await instance.request(mainUrl, method, `/api/v1${path}`, { apiKey, body });
	if (result.status !== 200) throw new Error(`${method} ${path} → ${result.status}: ${result.text}`);
	return result.json as T;
}

/** Production webhook URL of `path` on the webhook processor. */
export function webhookUrl(path: string): string {
	return `${clusterState().webhookUrl}/webhook/${path}`;
}

export async function createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
	const created = await api<{ id: string }>('POST', '/credentials', { name, type, data });
	return { id: created.id, name };
}

/** A WhatsApp credential for a simulator (its own phone number id and token when given); the trigger's `credentials` field. */
export async function whatsAppCredential(simulator: WhatsAppSimulator, name: string, account: { phoneNumberId?: string; accessToken?: string } = {}): Promise<Record<string, unknown>> {
	const credential = await createCredential(name, 'atendimentoWhatsAppApi', {
		accessToken: account.accessToken ?? WHATSAPP_TEST_ACCOUNT.accessToken,
		phoneNumberId: account.phoneNumberId ?? WHATSAPP_TEST_ACCOUNT.phoneNumberId,
		businessAccountId: WHATSAPP_TEST_ACCOUNT.wabaId,
		appSecret: WHATSAPP_TEST_ACCOUNT.appSecret,
		verifyToken: WHATSAPP_TEST_ACCOUNT.verifyToken,
		apiVersion: WHATSAPP_TEST_ACCOUNT.apiVersion,
		baseUrl: simulator.url,
	});
	return { atendimentoWhatsAppApi: credential };
}

let unreachableErp: { id: string; name: string } | undefined;

/**
 * Imports and publishes a workflow through the main (scripts/lib/n8n-instance.js importWorkflow), the shipped
 * submenus it calls first (their ids swapped in, scripts/lib/templates.js); an ERP the flows never reach
 * points at a closed port. Returns the workflow's id.
 */
export async function publish(original: WorkflowJson): Promise<string> {
	const { mainUrl, apiKey } = clusterState();
	const idByFile: Record<string, string> = {};
	for (const file of templates.referencedTemplates(original) as string[]) {
		const submenu = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson;
		submenu.name = `${submenu.name} (${original.name})`;
		idByFile[file] = await publish(submenu);
	}
	let workflow = templates.resolveTemplateReferences(original, idByFile) as WorkflowJson;
	if ((templates.templateCredentialTypes(workflow) as string[]).includes('atendimentoErpApi')) {
		unreachableErp ??= await createCredential('ERP do Provedor (sem servidor)', 'atendimentoErpApi', { system: 'ixc', baseUrl: 'http://127.0.0.1:9', ixcToken: '1:x', timeoutSeconds: 2 });
		workflow = templates.resolveTemplateCredentials(workflow, { atendimentoErpApi: unreachableErp }) as WorkflowJson;
	}
	const { id } = await instance.importWorkflow(mainUrl, apiKey, { ...workflow, settings: workflow.settings ?? { executionOrder: 'v1' } }, { activate: true });
	return id as string;
}

/** A copy of a shipped template with its trigger's parameters (channel, path) and credentials set. */
export function templateWithTrigger(file: string, name: string, triggerParameters: Record<string, unknown>, credentials?: Record<string, unknown>): WorkflowJson {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson;
	workflow.name = name;
	for (const node of workflow.nodes) {
		if (node.type !== 'n8n-nodes-atendimento.atendimentoTrigger') continue;
		node.parameters = { ...(node.parameters as Record<string, unknown>), ...triggerParameters };
		node.webhookId = `${name}-${Date.now()}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
		if (credentials) node.credentials = credentials;
	}
	return workflow;
}

/** Parameters of one node of a workflow copy changed (e.g. a shorter "Sem resposta" deadline). */
export function withNodeParameters(workflow: WorkflowJson, nodeName: string, parameters: Record<string, unknown>): WorkflowJson {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`Nó "${nodeName}" não existe em ${workflow.name}`);
	node.parameters = { ...(node.parameters as Record<string, unknown>), ...parameters };
	return workflow;
}

/** Executions of a workflow (public API; running ones are left out by n8n), newest first. */
export async function executionsOf(workflowId: string): Promise<Array<{ id: string; status: string }>> {
	const all: Array<{ id: string; status: string }> = [];
	let cursor: string | undefined;
	do {
		const page = await api<{ data: Array<{ id: string; status: string }>; nextCursor?: string }>('GET', `/executions?workflowId=${workflowId}&limit=250${cursor ? `&cursor=${cursor}` : ''}`);
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all;
}

/** SIGTERM (graceful) or SIGKILL (a crash) one process of the cluster; resolves once it is gone. */
export async function stopProcess(role: Role, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	await cluster.stopRole(clusterState(), role, { signal });
}

/** Starts a stopped process again (same folder and port); resolves when it is ready. */
export async function startProcess(role: Role): Promise<void> {
	await cluster.startRole(clusterState(), role);
}

/** Execution ids a worker's log says it started ("Worker started execution <id>"), oldest first, repeated per job. */
export function executionsStartedBy(role: Role): string[] {
	return cluster.executionsStartedBy(SCALE_DATA_DIR, role) as string[];
}

let store: RedisConversationStore | undefined;

/** The cluster's conversation store (the same Redis n8n's queue uses). */
export function conversationStore(): RedisConversationStore {
	store ??= new RedisConversationStore(clusterState().redisUrl);
	return store;
}

export async function closeConversationStore(): Promise<void> {
	await store?.close();
	store = undefined;
}

/** The WhatsApp contact's current conversation on the number `phoneNumberId`. */
export async function whatsAppConversation(waId: string, phoneNumberId = WHATSAPP_TEST_ACCOUNT.phoneNumberId): Promise<Conversation | undefined> {
	return await conversationStore().currentOf({ type: 'whatsapp', accountId: phoneNumberId }, waId);
}

/**
 * Waits until n8n has saved the current execution of each contact as waiting: the park is complete, not only
 * the question sent (the bot's question goes out before n8n saves the execution).
 */
export async function waitUntilParked(waIds: string[], timeoutMs = 30_000): Promise<void> {
	await waitFor(
		async () => {
			for (const waId of waIds) {
				const executionId = (await whatsAppConversation(waId))?.waiter?.executionId;
				if (!executionId) return undefined;
				if ((await api<{ status?: string }>('GET', `/executions/${executionId}`)).status !== 'waiting') return undefined;
			}
			return true;
		},
		timeoutMs,
		'as execuções salvas como waiting no n8n',
	);
}

export async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000, what = 'condição'): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Tempo esgotado esperando ${what}`);
		await sleep(200);
	}
}

/**
 * Customer message → first bot reply to that contact, measured at the simulator: `sent(waId)` before
 * delivering, and the first message the simulator accepts for the contact afterwards closes the step.
 */
export class LatencyRecorder {
	private readonly open = new Map<string, number>();
	readonly samples: number[] = [];
	private readonly remove: () => void;

	constructor(simulator: WhatsAppSimulator) {
		this.remove = simulator.onSent((message: SentMessage) => {
			const startedAt = this.open.get(message.waId);
			if (startedAt === undefined) return;
			this.open.delete(message.waId);
			this.samples.push(Date.now() - startedAt);
		});
	}

	sent(waId: string): void {
		this.open.set(waId, Date.now());
	}

	/** p50 and p95 in ms (nearest rank). */
	percentiles(): { n: number; p50: number; p95: number; max: number } {
		const sorted = [...this.samples].sort((a, b) => a - b);
		const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
		return { n: sorted.length, p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1] ?? NaN };
	}

	stop(): void {
		this.remove();
	}
}

/** Messages the bot sent to each contact, by wa_id. */
export function sentByContact(simulator: WhatsAppSimulator, waIds: string[]): Map<string, SentMessage[]> {
	const wanted = new Set(waIds);
	const byContact = new Map<string, SentMessage[]>(waIds.map((waId) => [waId, []]));
	for (const message of simulator.sent) if (wanted.has(message.waId)) byContact.get(message.waId)!.push(message);
	return byContact;
}

/** Waits until every contact of `waIds` has at least `count` messages from the bot. */
export async function waitForReplies(simulator: WhatsAppSimulator, waIds: string[], count: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const byContact = sentByContact(simulator, waIds);
		const behind = waIds.filter((waId) => byContact.get(waId)!.length < count);
		if (behind.length === 0) return;
		if (Date.now() > deadline) {
			throw new Error(`Tempo esgotado esperando ${count} mensagens para cada um dos ${waIds.length} contatos: ${behind.length} atrás (ex.: ${behind[0]} com ${byContact.get(behind[0])!.length})`);
		}
		await sleep(200);
	}
}

/** A short description of a bot message for order checks: its type and, for text, the first words. */
export function kindOf(message: SentMessage): string {
	if (message.type === 'text') return `text:${String((message.body.text as { body: string }).body).split(/[\s,!.]/)[0]}`;
	if (message.type === 'interactive') return `interactive:${(message.body.interactive as { type: string }).type}`;
	return message.type;
}

/** The whole Comercial conversation of the boas-vindas template, as the customer sees it (`kindOf` of each message). */
export const COMERCIAL_CONVERSATION = ['text:Olá', 'interactive:list', 'interactive:button', 'text:Combinado'];

/** What the customer sends along that conversation: "oi", the Comercial option of the menu, "Sim". */
export const customerSays = {
	hello: (waId: string) => textMessage('oi', { from: waId }),
	comercial: (waId: string) => listReplyMessage('opcao_1', 'Comercial', waId, { from: waId }),
	yes: (waId: string) => buttonReplyMessage('sim', 'Sim', waId, { from: waId }),
};

/**
 * Each contact of `waIds` says `message(waId)` to the webhook `target`, all at once (`beforeSending(waId)` just
 * before each); every message must be taken (HTTP 200).
 */
export async function everyoneSays(target: string, waIds: string[], message: (waId: string) => Record<string, unknown>, beforeSending?: (waId: string) => void): Promise<void> {
	const answers = await Promise.all(
		waIds.map(async (waId) => {
			beforeSending?.(waId);
			return (await deliver(target, messagesWebhook(message(waId)), WHATSAPP_TEST_ACCOUNT.appSecret)).status;
		}),
	);
	expect(answers.filter((status) => status !== 200)).toEqual([]);
}

/** The contacts whose messages from the bot, as kinds, differ from `expected`, with what they got. */
export function differing(simulator: WhatsAppSimulator, waIds: string[], expected: string[]): Array<{ waId: string; got: string[] }> {
	const byContact = sentByContact(simulator, waIds);
	return waIds
		.filter((waId) => JSON.stringify(byContact.get(waId)!.map(kindOf)) !== JSON.stringify(expected))
		.map((waId) => ({ waId, got: byContact.get(waId)!.map(kindOf) }));
}

// What e2e tests need from the n8n started by global-setup.ts: its URL, the public API, workflows.
import { readFileSync } from 'fs';
import { join } from 'path';

export interface E2eState {
	baseUrl: string;
	apiKey: string;
	dataDir: string;
	port: number;
	pid: number;
}

export function e2eState(): E2eState {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', '.test-data', 'e2e-state.json'), 'utf8')) as E2eState;
}

export async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
	const { baseUrl, apiKey } = e2eState();
	const response = await fetch(`${baseUrl}/api/v1${path}`, {
		method,
		headers: { 'X-N8N-API-KEY': apiKey, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
	return (text ? JSON.parse(text) : {}) as T;
}

export interface WorkflowJson {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

/** Creates and activates a workflow; returns its id. */
export async function activateWorkflow(workflow: WorkflowJson): Promise<string> {
	const created = await api<{ id: string }>('POST', '/workflows', {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? { executionOrder: 'v1' },
	});
	await api('POST', `/workflows/${created.id}/activate`);
	return created.id;
}

export async function deactivateWorkflow(id: string): Promise<void> {
	await api('POST', `/workflows/${id}/deactivate`);
}

/** Creates a credential; returns its id. */
export async function createCredential(name: string, type: string, data: Record<string, unknown>): Promise<string> {
	const created = await api<{ id: string }>('POST', '/credentials', { name, type, data });
	return created.id;
}

/** Executions of a workflow, newest first. */
export async function executionsOf(workflowId: string): Promise<Array<{ id: string; status: string; finished: boolean }>> {
	const result = await api<{ data: Array<{ id: string; status: string; finished: boolean }> }>(
		'GET',
		`/executions?workflowId=${workflowId}&limit=100`,
	);
	return result.data;
}

/**
 * How many executions a workflow has, once the count has stopped changing: n8n's public API leaves
 * out executions that are still running, so a count taken while the previous one is saving is low.
 */
export async function settledExecutionCount(workflowId: string): Promise<number> {
	let previous = (await executionsOf(workflowId)).length;
	for (;;) {
		await sleep(400);
		const current = (await executionsOf(workflowId)).length;
		if (current === previous) return current;
		previous = current;
	}
}

/** A copy of a shipped template with its webhook path (and optionally other trigger parameters) changed. */
export function templateWithTrigger(file: string, name: string, triggerParameters: Record<string, unknown>, credentials?: Record<string, unknown>): WorkflowJson {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson;
	workflow.name = name;
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-atendimento.atendimentoTrigger') {
			node.parameters = { ...(node.parameters as Record<string, unknown>), ...triggerParameters };
			node.webhookId = `${name}-${Date.now()}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
			if (credentials) node.credentials = credentials;
		}
	}
	return workflow;
}

export async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condição'): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Tempo esgotado esperando ${what}`);
		await sleep(100);
	}
}

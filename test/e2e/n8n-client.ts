// What e2e tests need from the n8n started by global-setup.ts: its URL, the public API, workflows.
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { E2E_N8N_ENV, E2E_STATE_FILE } from './paths';

export interface E2eState {
	baseUrl: string;
	apiKey: string;
	dataDir: string;
	port: number;
	pid: number;
}

export function e2eState(): E2eState {
	return JSON.parse(readFileSync(E2E_STATE_FILE, 'utf8')) as E2eState;
}

/**
 * A kept-alive connection that n8n closed while idle fails with "other side closed" before the
 * request reaches n8n (seen between test files): such a request is sent once more.
 */
async function fetchOnFreshSocketIfStale(url: string, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (error) {
		const code = (error as { cause?: { code?: string } }).cause?.code;
		if (code !== 'UND_ERR_SOCKET') throw error;
		return await fetch(url, init);
	}
}

export async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
	const { baseUrl, apiKey } = e2eState();
	const response = await fetchOnFreshSocketIfStale(`${baseUrl}/api/v1${path}`, {
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

const templates = require('../../scripts/lib/templates.js') as {
	referencedTemplates: (workflow: WorkflowJson) => string[];
	resolveTemplateReferences: (workflow: WorkflowJson, idByFile: Record<string, string>) => WorkflowJson;
	resolveTemplateCredentials: (workflow: WorkflowJson, credentialsByType: TemplateCredentials) => WorkflowJson;
	templateCredentialTypes: (workflow: WorkflowJson) => string[];
};

/** The installation's credentials for templates' `template:` credentials, by type (e.g. the ERP). */
export type TemplateCredentials = Record<string, { id: string; name: string }>;

/** Ids of the shipped submenu templates imported by this test file, by credentials used, then file name. */
const importedTemplateIds: Record<string, Record<string, string>> = {};

/** Creates and activates a workflow, importing first the shipped templates it calls (Executar Fluxo); returns its id. */
export async function activateWorkflow(original: WorkflowJson, credentials: TemplateCredentials = {}): Promise<string> {
	const credentialKey = JSON.stringify(credentials);
	const imported = (importedTemplateIds[credentialKey] ??= {});
	for (const file of templates.referencedTemplates(original)) {
		if (imported[file]) continue;
		const submenu = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson;
		submenu.name = `${submenu.name} (${original.name})`;
		imported[file] = await activateWorkflow(submenu, credentials);
	}
	const resolved = templates.resolveTemplateReferences(original, imported);
	const needed = templates.templateCredentialTypes(resolved);
	const workflow = needed.length > 0 ? templates.resolveTemplateCredentials(resolved, { ...(await unreachableErp(needed)), ...credentials }) : resolved;
	const created = await api<{ id: string }>('POST', '/workflows', {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? { executionOrder: 'v1' },
	});
	await api('POST', `/workflows/${created.id}/activate`);
	return created.id;
}

let unreachableErpCredential: TemplateCredentials | undefined;

/**
 * For tests that import a template with ERP cards but never reach them (the welcome menu): an
 * "ERP do Provedor" pointing at a closed port, created once per test file.
 */
async function unreachableErp(types: string[]): Promise<TemplateCredentials> {
	if (!types.includes('atendimentoErpApi')) return {};
	if (!unreachableErpCredential) {
		const name = 'ERP do Provedor (sem servidor)';
		const id = await createCredential(name, 'atendimentoErpApi', { system: 'ixc', baseUrl: 'http://127.0.0.1:9', ixcToken: '1:x', timeoutSeconds: 2 });
		unreachableErpCredential = { atendimentoErpApi: { id, name } };
	}
	return unreachableErpCredential;
}

export async function deactivateWorkflow(id: string): Promise<void> {
	await api('POST', `/workflows/${id}/deactivate`);
}

/** Creates a credential; returns its id. */
export async function createCredential(name: string, type: string, data: Record<string, unknown>): Promise<string> {
	const created = await api<{ id: string }>('POST', '/credentials', { name, type, data });
	return created.id;
}

/**
 * Replaces a credential's data as the editor does (n8n 2.40's REST endpoint, with the owner's session:
 * the public API key of the tests has no credential:update scope).
 */
export async function updateCredential(id: string, name: string, type: string, data: Record<string, unknown>): Promise<void> {
	await ownerRest('PATCH', `/rest/credentials/${id}`, { name, type, data });
}

/** A call to n8n's internal REST API (the editor's) as the owner, logged in for the call; returns `data` of the answer. */
export async function ownerRest<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
	const instance = require('../../scripts/lib/n8n-instance.js');
	const { baseUrl } = e2eState();
	const login = await instance.request(baseUrl, 'POST', '/rest/login', { body: { emailOrLdapLoginId: instance.OWNER.email, password: instance.OWNER.password } });
	if (login.status !== 200) throw new Error(`login do dono falhou: ${login.status} ${login.text}`);
	const cookie = (login.setCookie as string[]).map((entry) => entry.split(';')[0]).join('; ');
	const answer = await instance.request(baseUrl, method, path, { cookie, body });
	if (answer.status !== 200) throw new Error(`${method} ${path} → ${answer.status}: ${answer.text}`);
	return (answer.json as { data: T }).data;
}

/** One execution with its data (nodes' results and the error, if any). */
export async function executionWithData(id: string): Promise<{ status: string; data?: { resultData?: { error?: { message?: string; description?: string; node?: { name?: string } }; lastNodeExecuted?: string } } }> {
	return await api('GET', `/executions/${id}?includeData=true`);
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

/** Parameters of one node of a workflow copy changed (e.g. a shorter "Sem resposta" deadline). */
export function withNodeParameters(workflow: WorkflowJson, nodeName: string, parameters: Record<string, unknown>): WorkflowJson {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`Nó "${nodeName}" não existe em ${workflow.name}`);
	node.parameters = { ...(node.parameters as Record<string, unknown>), ...parameters };
	return workflow;
}

/**
 * Stops the n8n of this run (SIGTERM, as an admin would; SIGKILL for a crash, also when the test
 * already killed it) and starts it again on the same data folder and port. The new process id goes
 * to the state file, so the global teardown stops it.
 */
export async function restartN8n(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	const state = e2eState();
	try {
		process.kill(state.pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
	await waitFor(async () => {
		try {
			process.kill(state.pid, 0);
			return undefined;
		} catch {
			return true;
		}
	}, 30_000, 'o n8n parar');
	const instance = require('../../scripts/lib/n8n-instance.js');
	const n8n = await instance.startN8n({ dataDir: state.dataDir, port: state.port, logFile: join(state.dataDir, 'n8n.log'), extraEnv: E2E_N8N_ENV });
	writeFileSync(E2E_STATE_FILE, JSON.stringify({ ...state, pid: n8n.child.pid }));
}

/** A node of a small test workflow; a `type` without a package prefix is one of this pack's cards. */
export function testNode(
	index: number,
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		id: `0e2e0000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		name,
		type: type.includes('.') ? type : `n8n-nodes-atendimento.${type}`,
		typeVersion: 1,
		position: [index * 220, 0],
		parameters,
		...extra,
	};
}

/** Connections of nodes in a row, each one's output 0 to the next. */
export function chain(...names: string[]): Record<string, unknown> {
	const connections: Record<string, unknown> = {};
	for (let index = 0; index < names.length - 1; index++) {
		connections[names[index]] = { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

/** A WhatsApp credential pointed at a simulator; returns the `credentials` field for the trigger node. */
export async function whatsAppSimulatorCredential(simulatorUrl: string, name: string): Promise<Record<string, unknown>> {
	const { WHATSAPP_TEST_ACCOUNT: account } = require('../simulators/whatsapp') as typeof import('../simulators/whatsapp');
	const id = await createCredential(name, 'atendimentoWhatsAppApi', {
		accessToken: account.accessToken,
		phoneNumberId: account.phoneNumberId,
		businessAccountId: account.wabaId,
		appSecret: account.appSecret,
		verifyToken: account.verifyToken,
		apiVersion: account.apiVersion,
		baseUrl: simulatorUrl,
	});
	return { atendimentoWhatsAppApi: { id, name } };
}

/** A Messenger or Instagram credential pointed at the Messenger Platform simulator; returns the trigger node's `credentials` field. */
export async function metaSimulatorCredential(simulatorUrl: string, name: string, channel: 'messenger' | 'instagram'): Promise<Record<string, unknown>> {
	const { META_TEST_ACCOUNT: account } = require('../simulators/meta-messaging') as typeof import('../simulators/meta-messaging');
	const shared = { accessToken: account.accessToken, appSecret: account.appSecret, verifyToken: account.verifyToken, apiVersion: account.apiVersion, baseUrl: simulatorUrl };
	const type = channel === 'messenger' ? 'atendimentoMessengerApi' : 'atendimentoInstagramApi';
	const data = channel === 'messenger' ? { ...shared, pageId: account.pageId } : { ...shared, loginType: 'facebookPage', instagramAccountId: account.instagramAccountId };
	return { [type]: { id: await createCredential(name, type, data), name } };
}

/**
 * The send-log rows that a test's Webhook (GET) → Logs Omnichannel flow at `path` answers for `campaign`
 * (`status` passed on as the flow reads it, when given).
 */
export async function campaignLogRows<T>(path: string, campaign: string, status?: string): Promise<T[]> {
	const query = `campanha=${encodeURIComponent(campaign)}${status === undefined ? '' : `&status=${status}`}`;
	const response = await fetch(`${e2eState().baseUrl}/webhook/${path}?${query}`);
	expect(response.status).toBe(200);
	return (await response.json()) as T[];
}

/** POSTs `body` as JSON to the production webhook at `path` of the e2e n8n; expects 200 and returns the JSON answer. */
export async function postToWebhook<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
	const response = await fetch(`${e2eState().baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const text = await response.text();
	expect({ status: response.status, text }).toMatchObject({ status: 200 });
	return JSON.parse(text) as T;
}

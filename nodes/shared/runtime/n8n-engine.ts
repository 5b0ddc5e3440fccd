/**
 * Everything the pack relies on that n8n does not document for community nodes, in one place.
 * Verified on the n8n versions in {@link N8N_VERIFIED_VERSIONS} (with n8n-core and n8n-workflow of
 * the same release); test/e2e/n8n-engine.test.ts checks each piece against the pinned n8n, and
 * n8n-engine.test.ts fails when scripts/versions.json pins a version not listed here. Before adding a
 * version to the list, run that e2e test on it.
 *
 * 1. Parking an execution ({@link parkWithOutputs}: a waiting card, a long Criar Delay). When a wait
 *    times out, n8n runs the node
 *    again as if it were disabled (`WorkflowExecute.handleWaitingState`), which passes the node's input
 *    through (`handleDisabledNode`): input 0 to output 0, or, with the run metadata
 *    `forwardAllOutputs`, input n to output n. Replacing the node's input on the execution stack
 *    (`getExecuteData().data.main`) before `putExecutionToWait`, and setting that metadata, turns the
 *    pass-through into "this item on the Sem resposta output" (Criar Delay: its output item). Without
 *    it a timed-out card would come out of output 0 with its original input.
 * 2. The resume URL of a waiting card ({@link waitingCardResumeUrl}): `$execution.resumeUrl` +
 *    `/<nodeId>` before the query string (`/webhook-waiting/<executionId>/<nodeId>?signature=…`).
 *    n8n routes a waiting webhook to the node whose id follows the execution id and checks the
 *    signature in the query; n8n gives nodes no function that returns this URL.
 * 3. "Still being saved" ({@link isStillBeingSaved}): right after a card parks, n8n answers a resume
 *    posted before the execution is saved as waiting with HTTP 409 and a text containing "running
 *    already". n8n gives no error code for it; the text is the only way to tell it from an execution
 *    that really is running (or gone), and the pack retries only this case.
 * 4. A credential by id ({@link credentialById}). A card sends to the customer with the channel
 *    credential of the trigger that owns the conversation, which the card node itself does not
 *    reference (cards have no credential field). n8n-core keeps `additionalData` as a public field of
 *    every execution context; its `credentialsHelper.getDecrypted` is what `getCredentials` calls
 *    (`NodeExecutionContext._getCredentials`), here with the trigger's credential reference. So the
 *    credential is read fresh at each card run, in the card's own process (queue-mode workers too).
 */
import { sep } from 'path';

import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteData,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/** n8n versions on which every piece of this module was checked (test/e2e/n8n-engine.test.ts). */
export const N8N_VERIFIED_VERSIONS: readonly string[] = ['2.40.7'];

/**
 * Parks the execution until `until` (or a resume), so that n8n's own timeout comes out with `outputs`
 * (output n gets `outputs[n]`) instead of the node's input. Returns what execute() returns while parked:
 * every output empty. n8n records that as the parked run (the editor draws an edge as run when its output
 * has items) and drops it on resume (`handleWaitingState`), so returning `outputs` would paint "Sem
 * resposta" as taken while the card only waits; the timeout path reads the stack entry, not this.
 */
export async function parkWithOutputs(context: IExecuteFunctions, outputs: INodeExecutionData[][], until: Date): Promise<INodeExecutionData[][]> {
	context.getExecuteData().data.main = outputs;
	context.setMetadata({ forwardAllOutputs: true });
	await context.putExecutionToWait(until);
	return outputs.map(() => []);
}

/** The URL that resumes this waiting card: `$execution.resumeUrl` + `/<nodeId>`, query string kept. */
export function waitingCardResumeUrl(context: IExecuteFunctions): string {
	const url = new URL(context.evaluateExpression('{{ $execution.resumeUrl }}', 0) as string);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/${context.getNode().id}`;
	return url.toString();
}

/** True when n8n refused a resume only because the execution is still being saved as waiting. */
export function isStillBeingSaved(statusCode: number, body: unknown): boolean {
	return statusCode === 409 && (typeof body === 'string' ? body : JSON.stringify(body ?? '')).includes('running already');
}

/** A credential of the installation, by its id and type: `{ id, name, type }` as a node's `credentials` field holds it. */
export interface CredentialReference {
	id: string;
	name: string;
	type: string;
}

/**
 * The decrypted data of credential `reference`, read now through n8n's credentials helper (see 4.
 * above). Errors name the calling node; a deleted credential says so in pt-BR.
 */
export async function credentialById(
	context: IExecuteFunctions | IWebhookFunctions,
	reference: CredentialReference,
): Promise<ICredentialDataDecryptedObject> {
	const node = context.getNode();
	const additionalData = (context as unknown as { additionalData?: IWorkflowExecuteAdditionalData }).additionalData;
	if (typeof additionalData?.credentialsHelper?.getDecrypted !== 'function') {
		throw new NodeOperationError(node, 'Esta versão do n8n não permite ao card usar a credencial do canal', {
			description: `Versões verificadas: ${N8N_VERIFIED_VERSIONS.join(', ')}. Veja nodes/shared/runtime/n8n-engine.ts.`,
		});
	}
	const executeData: IExecuteData = 'getExecuteData' in context ? context.getExecuteData() : { data: {}, node, source: null };
	try {
		return await additionalData.credentialsHelper.getDecrypted(additionalData, { id: reference.id, name: reference.name }, reference.type, context.getMode(), executeData);
	} catch (error) {
		throw new NodeOperationError(node, `Não foi possível ler a credencial "${reference.name}" do canal`, {
			description: `A credencial usada pelo "Início do Atendimento" desta conversa foi apagada ou não pode ser usada (${(error as Error).name}). Confira a credencial do gatilho.`,
		});
	}
}

/*
 * 5. Test runs from the editor (docs/arquitetura.md §17). "Execute workflow" registers the workflow's
 *    test webhooks (`TestWebhooks.needsWebhook`: one `TestWebhookRegistrationsService` entry per
 *    webhook, in n8n's cache, key `toKey(webhook)`). `TestWebhooks.executeWebhook` deletes them
 *    (`deactivateWebhooks`) right after the call that started an execution; a call whose webhook()
 *    returns no `workflowData` starts nothing (`WebhookHelpers.executeWebhook` returns no execution id)
 *    and leaves them registered. So the trigger copies its workflow's registrations before returning
 *    the start, waits for n8n to delete them and registers the copies again, marked with
 *    {@link TEST_RUN_MARK}: the test URL keeps receiving the conversation, whose later messages resume the
 *    manual execution through its waiting URL, as in production. The services are n8n's own instances,
 *    found in n8n's DI container (`@n8n/di`) through the modules n8n already loaded (`require.cache`):
 *    the pack never loads a second copy. `ExecutionRepository.findSingleExecution` (@n8n/db) tells when
 *    the manual execution was stopped.
 */

/** The registration n8n keeps for one test webhook (`TestWebhookRegistration`, version 1), as the pack reads it. */
export interface TestWebhookRegistration {
	version: number;
	pushRef?: string;
	webhook: { workflowId: string; httpMethod: string; path: string; webhookId?: string; node: string };
	/** The pack's mark on a registration it restored: the test conversation that keeps it. */
	[TEST_RUN_MARK]?: string;
	[key: string]: unknown;
}

/** Property the pack adds to the test webhook registrations it restores. */
export const TEST_RUN_MARK = 'atendimentoTeste';

/** What the pack uses of n8n's `TestWebhookRegistrationsService`. */
export interface TestWebhookStore {
	getAllRegistrations(): Promise<TestWebhookRegistration[]>;
	get(key: string): Promise<TestWebhookRegistration | undefined>;
	register(registration: TestWebhookRegistration): Promise<void>;
	deregister(key: string): Promise<void>;
	toKey(webhook: TestWebhookRegistration['webhook']): string;
}

/** The exports of a module n8n has loaded whose file name ends with `suffix` (path segments joined with '/'). */
function loadedByN8n(suffix: string): Record<string, unknown> | undefined {
	const ending = suffix.split('/').join(sep);
	const file = Object.keys(require.cache).find((name) => name.endsWith(ending));
	return file ? (require.cache[file]?.exports as Record<string, unknown> | undefined) : undefined;
}

/** n8n's instance of the service exported as `name` by the loaded module ending with `suffix`, from n8n's DI container. */
function n8nService<T>(suffix: string, name: string): T | undefined {
	const container = loadedByN8n('@n8n/di/dist/di.js')?.Container as { get?: (type: unknown) => unknown } | undefined;
	const type = loadedByN8n(suffix)?.[name];
	if (typeof container?.get !== 'function' || typeof type !== 'function') return undefined;
	try {
		return container.get(type) as T;
	} catch {
		return undefined; // not registered in this process (e.g. a queue-mode worker)
	}
}

/** n8n's test webhook registrations; undefined outside an n8n main process (or on a version that moved them). */
export function testWebhookStore(): TestWebhookStore | undefined {
	const store = n8nService<TestWebhookStore>('n8n/dist/webhooks/test-webhook-registrations.service.js', 'TestWebhookRegistrationsService');
	return typeof store?.getAllRegistrations === 'function' && typeof store.register === 'function' ? store : undefined;
}

/*
 * 6. Resumes wait for n8n to save the execution as waiting (resume.ts `postResume`). A card parks in
 *    the pack's store before n8n saves its execution; a resume posted in between is refused by
 *    `WaitingWebhooks.executeWebhook` (n8n/dist/webhooks/waiting-webhooks.js: `execution.status ===
 *    'running'` → ConflictError "running already"), and `WebhookRequestHandler` logs every such
 *    refusal at ERROR level ("Error in handling webhook request POST /webhook-waiting/…"). The pack
 *    reads the same status first through {@link resumeStatus} (`ExecutionRepository.findSingleExecution`,
 *    @n8n/db, the row n8n reads) and posts once it is no longer 'running'. An execution n8n no longer
 *    has (deleted) gets no post at all: n8n would answer 404 "does not exist", also logged at ERROR.
 *    Checked on 2.40.7 by test/e2e/resume-while-saving.test.ts and whatsapp-inbound.test.ts (a deleted
 *    waiting execution); the 409 retry (3.) stays as the fallback.
 */

/** Execution `id` in n8n's database: null when n8n has no such execution; undefined when it cannot be read here. */
async function findExecution(id: string): Promise<{ status?: string } | null | undefined> {
	const repository = n8nService<{ findSingleExecution?: (id: string, options: object) => Promise<{ status?: string } | undefined> }>(
		'@n8n/db/dist/repositories/execution.repository.js',
		'ExecutionRepository',
	);
	if (typeof repository?.findSingleExecution !== 'function') return undefined;
	return (await repository.findSingleExecution(id, { includeData: false })) ?? null;
}

/** Status of execution `id` in n8n's database ('running', 'waiting', 'canceled'…); undefined when unknown or unreadable. */
export async function executionStatus(id: string): Promise<string | undefined> {
	return (await findExecution(id))?.status;
}

/** What a resume needs to know of execution `id`: its status, {@link EXECUTION_MISSING} when deleted, undefined when unreadable here. */
export async function resumeStatus(id: string): Promise<string | undefined> {
	const execution = await findExecution(id);
	return execution === null ? EXECUTION_MISSING : execution?.status;
}

/** {@link resumeStatus} of an execution n8n no longer has. */
export const EXECUTION_MISSING = 'missing';

/**
 * True when `url` is a test webhook URL (`<base>/webhook-test/…`, or n8n's N8N_ENDPOINT_WEBHOOK_TEST):
 * n8n hands webhook hooks the test URL for a test run's webhooks and gives them no other sign of it.
 */
export function isTestWebhookUrl(url: string | undefined): boolean {
	if (!url) return false;
	const segment = (process.env.N8N_ENDPOINT_WEBHOOK_TEST || 'webhook-test').replace(/^\/+|\/+$/g, '');
	try {
		return `${new URL(url).pathname}/`.includes(`/${segment}/`);
	} catch {
		return false;
	}
}

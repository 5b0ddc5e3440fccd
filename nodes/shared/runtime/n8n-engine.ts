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
	createRunExecutionData,
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

/** An execution as the pack reads it from n8n's database (the error only with `includeData`). */
interface StoredExecution {
	status?: string;
	data?: { resultData?: { error?: { name?: string; message?: string } } };
}

/**
 * Execution `id` in n8n's database (`ExecutionRepository.findSingleExecution`, @n8n/db): null when n8n has
 * no such execution; undefined when it cannot be read here. `includeData` also reads its run data.
 */
async function findExecution(id: string, includeData = false): Promise<StoredExecution | null | undefined> {
	const repository = n8nService<{ findSingleExecution?: (id: string, options: object) => Promise<StoredExecution | undefined> }>(
		'@n8n/db/dist/repositories/execution.repository.js',
		'ExecutionRepository',
	);
	if (typeof repository?.findSingleExecution !== 'function') return undefined;
	return (await repository.findSingleExecution(id, includeData ? { includeData: true, unflattenData: true } : { includeData: false })) ?? null;
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

/*
 * 7. Running a flow again from a card (runtime/step-recovery.ts, docs/arquitetura.md §19). When the process
 *    running an execution dies (a queue-mode worker killed, n8n itself killed), n8n does not go on with it:
 *    a worker's job that stalls is failed (`ScalingService` sets `maxStalledCount: 0`) and
 *    `WorkflowRunner.processError` saves the execution as 'error' with an empty run, the error
 *    `MaxStalledCountError` ("This execution failed to be processed too many times…", wrapping Bull's "job
 *    stalled more than maxStalledCount"); n8n marks executions running when it
 *    stopped as 'crashed'. The pack starts a new execution of the published workflow whose execution stack
 *    holds one entry, the way n8n's own webhooks start and resume executions (`WebhookHelpers.
 *    prepareExecutionData`): the card with its input (it runs), or the card disabled with its outputs and
 *    the run metadata `forwardAllOutputs` (n8n passes input n to output n: `WorkflowExecute.
 *    handleDisabledNode`), through n8n's `WorkflowRunner.run` (queued to a worker in queue mode). The
 *    published version is read by `getPublishedWorkflowData` (workflow-execute-additional-data.js), as
 *    Executar Fluxo's sub-flows are; the project by `OwnershipService.getWorkflowProjectCached`. Checked
 *    on 2.40.7 by test/scale/falhas.test.ts (queue mode) and test/e2e/step-recovery.test.ts (regular mode).
 */

/** What the pack needs to start an execution at a card. */
export interface StepStart {
	workflowId: string;
	nodeName: string;
	/** `entrada`: the card runs with `items` as its input; `saida`: the flow goes on from the card's outputs `items`. */
	at: 'entrada' | 'saida';
	items: Array<Array<{ json: Record<string, unknown> }>>;
}

interface WorkflowRunnerLike {
	run(data: Record<string, unknown>, loadStaticData?: boolean, realtime?: boolean): Promise<string>;
}

/** The type of this n8n process ('main', 'webhook', 'worker'); undefined outside n8n. */
export function n8nInstanceType(): string | undefined {
	return n8nService<{ instanceType?: string }>('n8n-core/dist/instance-settings/instance-settings.js', 'InstanceSettings')?.instanceType;
}

/** True when n8n runs executions in queue-mode workers (the process that resumes one is not known here). */
export function isQueueMode(): boolean {
	return process.env.EXECUTIONS_MODE === 'queue';
}

/** n8n's WorkflowRunner, in a process that starts executions (not a queue-mode worker); undefined otherwise. */
function workflowRunner(): WorkflowRunnerLike | undefined {
	if (n8nInstanceType() === 'worker') return undefined;
	const runner = n8nService<WorkflowRunnerLike>('n8n/dist/workflow-runner.js', 'WorkflowRunner');
	return typeof runner?.run === 'function' ? runner : undefined;
}

/** True when this process can start executions at a card ({@link startExecutionAt}). */
export function canStartExecutions(): boolean {
	return workflowRunner() !== undefined && typeof loadedByN8n('n8n/dist/workflow-execute-additional-data.js')?.getPublishedWorkflowData === 'function';
}

/**
 * Starts a new execution of the published workflow `step.workflowId` at card `step.nodeName` (see 7.);
 * returns its id. Throws when this process cannot start executions, the workflow is not published or
 * the card is no longer in it.
 */
export async function startExecutionAt(step: StepStart): Promise<string> {
	const runner = workflowRunner();
	const getPublished = loadedByN8n('n8n/dist/workflow-execute-additional-data.js')?.getPublishedWorkflowData as
		| ((info: { id: string }) => Promise<{ id: string; name?: string; nodes: Array<{ name: string }> }>)
		| undefined;
	if (!runner || typeof getPublished !== 'function') throw new Error('este processo do n8n não inicia execuções');
	const workflowData = await getPublished({ id: step.workflowId });
	const node = workflowData.nodes.find((candidate) => candidate.name === step.nodeName);
	if (!node) throw new Error(`o card "${step.nodeName}" não está mais na versão publicada do fluxo ${step.workflowId}`);
	const entry =
		step.at === 'entrada'
			? { node, data: { main: step.items }, source: null }
			: { node: { ...node, disabled: true }, data: { main: step.items }, source: null, metadata: { forwardAllOutputs: true } };
	const ownership = n8nService<{ getWorkflowProjectCached?: (id: string) => Promise<{ id?: string; name?: string } | undefined> }>(
		'n8n/dist/services/ownership.service.js',
		'OwnershipService',
	);
	const project = await ownership?.getWorkflowProjectCached?.(step.workflowId).catch(() => undefined);
	// n8n's own copy of the factory (the run data carries fields this version of n8n expects, e.g. its resume token).
	const factory = (loadedByN8n('n8n-workflow/dist/cjs/run-execution-data-factory.js')?.createRunExecutionData as typeof createRunExecutionData | undefined) ?? createRunExecutionData;
	const executionData = factory({ executionData: { nodeExecutionStack: [entry as unknown as IExecuteData] } });
	return await runner.run({ executionMode: 'webhook', executionData, workflowData, projectId: project?.id, projectName: project?.name }, true, true);
}

/** How n8n 2.40 words a queue-mode job given up because its worker died (`MaxStalledCountError`, Bull's error). */
const STALLED_JOB_TEXTS = ['failed to be processed too many times', 'stalled more than maxStalledCount'];

/** What n8n says of an execution the pack may run again: its status, and whether n8n stopped it because its process died. */
export interface ExecutionOutcome {
	status: string;
	/** n8n gave up the execution because the process running it died ('crashed', or a stalled worker job). */
	died: boolean;
}

/** {@link ExecutionOutcome} of execution `id`: {@link EXECUTION_MISSING} as status when deleted; undefined when unreadable here. */
export async function executionOutcome(id: string): Promise<ExecutionOutcome | undefined> {
	const light = await findExecution(id);
	if (light === undefined) return undefined;
	if (light === null) return { status: EXECUTION_MISSING, died: false };
	const status = light.status ?? 'unknown';
	if (status === 'crashed') return { status, died: true };
	if (status !== 'error') return { status, died: false };
	// Only a failed execution is read whole, to tell a dead worker's job from an error of the flow.
	const error = (await findExecution(id, true))?.data?.resultData?.error;
	// processError saves the error's own fields and message: MaxStalledCountError's text, or Bull's own.
	const died = error?.name === 'MaxStalledCountError' || STALLED_JOB_TEXTS.some((text) => (error?.message ?? '').includes(text));
	return { status, died };
}

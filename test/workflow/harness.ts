/**
 * In-process workflow harness on n8n-core's WorkflowExecute (docs/arquitetura.md §12).
 * Runs the pack's real node classes; between runs the execution data goes through JSON like n8n's
 * database, and resumes repeat what n8n 2.40's WaitingWebhooks / webhook-helpers / WaitTracker do.
 */
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	createRunExecutionData,
	Workflow,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { AtendimentoTrigger } from '../../nodes/AtendimentoTrigger/AtendimentoTrigger.node';
import { AdicionarEtiqueta } from '../../nodes/AdicionarEtiqueta/AdicionarEtiqueta.node';
import { Condicional } from '../../nodes/Condicional/Condicional.node';
import { CriarDelay } from '../../nodes/CriarDelay/CriarDelay.node';
import { DesbloqueioConfianca } from '../../nodes/DesbloqueioConfianca/DesbloqueioConfianca.node';
import { EncerrarAtendimento } from '../../nodes/EncerrarAtendimento/EncerrarAtendimento.node';
import { ExecutarFluxo } from '../../nodes/ExecutarFluxo/ExecutarFluxo.node';
import { GatilhosPalavraChave } from '../../nodes/GatilhosPalavraChave/GatilhosPalavraChave.node';
import { EnviarArquivo } from '../../nodes/EnviarArquivo/EnviarArquivo.node';
import { EnviarMensagem } from '../../nodes/EnviarMensagem/EnviarMensagem.node';
import { EnviarPergunta } from '../../nodes/EnviarPergunta/EnviarPergunta.node';
import { IdentificarIntencao } from '../../nodes/IdentificarIntencao/IdentificarIntencao.node';
import { NotaFiscal } from '../../nodes/NotaFiscal/NotaFiscal.node';
import { NotificarGrupo } from '../../nodes/NotificarGrupo/NotificarGrupo.node';
import { OptIn } from '../../nodes/OptIn/OptIn.node';
import { PesquisaSatisfacao } from '../../nodes/PesquisaSatisfacao/PesquisaSatisfacao.node';
import { RegistrarEvento } from '../../nodes/RegistrarEvento/RegistrarEvento.node';
import { RelatorioAtendimento } from '../../nodes/RelatorioAtendimento/RelatorioAtendimento.node';
import { RequisicaoHttp } from '../../nodes/RequisicaoHttp/RequisicaoHttp.node';
import { SegundaVia } from '../../nodes/SegundaVia/SegundaVia.node';
import { TransferirAtendimento } from '../../nodes/TransferirAtendimento/TransferirAtendimento.node';

export const WEBHOOK_WAITING_BASE_URL = 'http://127.0.0.1:5678/webhook-waiting';

/** The part of an exported workflow (workflows/*.json) the harness needs. */
export type WorkflowJson = Pick<IWorkflowBase, 'name' | 'nodes' | 'connections'> & { id?: string; settings?: IWorkflowBase['settings'] };

/** One run of an execution: n8n's IRun plus what the harness needs to resume it. */
export interface TestRun extends IRun {
	executionId: string;
	workflowJson: WorkflowJson;
	/** Nodes that ran in this run (not in earlier runs of the same execution), in order. */
	executedNodes: string[];
}

/** The pack's node classes under their full type names `n8n-nodes-atendimento.<name>`. */
export class TestNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType>();
	constructor(nodes: INodeType[] = [new AtendimentoTrigger(), new EnviarMensagem(), new EnviarArquivo(), new EnviarPergunta(), new EncerrarAtendimento(), new OptIn(), new AdicionarEtiqueta(), new CriarDelay(), new TransferirAtendimento(), new RegistrarEvento(), new ExecutarFluxo(), new IdentificarIntencao(), new Condicional(), new RequisicaoHttp(), new NotificarGrupo(), new RelatorioAtendimento(), new GatilhosPalavraChave(), new PesquisaSatisfacao(), new SegundaVia(), new DesbloqueioConfianca(), new NotaFiscal()]) {
		for (const node of nodes) this.types.set(`n8n-nodes-atendimento.${node.description.name}`, node);
	}
	getByName(type: string): INodeType {
		return this.getByNameAndVersion(type);
	}
	getByNameAndVersion(type: string): INodeType {
		const nodeType = this.types.get(type);
		if (!nodeType) throw new Error(`Tipo de nó desconhecido no harness: ${type}`);
		return nodeType;
	}
	register(type: string, nodeType: INodeType): void {
		this.types.set(type, nodeType);
	}
	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * Stand-in for n8n-nodes-base's "When Executed by Another Workflow" (not a dependency of the pack):
 * with "accept all data" it passes the caller's items on, which is all the shipped submenus use.
 */
class ExecuteWorkflowTriggerStandIn implements INodeType {
	description = {
		displayName: 'When Executed by Another Workflow',
		name: 'executeWorkflowTrigger',
		group: ['trigger'],
		version: [1, 1.1],
		description: '',
		defaults: {},
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** Stand-in for n8n-nodes-base's Sticky Note: the templates' notes on the canvas, never connected nor run. */
class StickyNoteStandIn implements INodeType {
	description = {
		displayName: 'Sticky Note',
		name: 'stickyNote',
		group: ['input'],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [
			{ displayName: 'Content', name: 'content', type: 'string', default: '' },
			{ displayName: 'Height', name: 'height', type: 'number', default: 160 },
			{ displayName: 'Width', name: 'width', type: 'number', default: 240 },
		],
	} as unknown as INodeType['description'];
}

const nodeTypes = new TestNodeTypes();
nodeTypes.register('n8n-nodes-base.executeWorkflowTrigger', new ExecuteWorkflowTriggerStandIn());
nodeTypes.register('n8n-nodes-base.stickyNote', new StickyNoteStandIn());
let executionCounter = 0;

/** Workflows Executar Fluxo may call, by id, and the runs it started (newest last). */
const subWorkflows = new Map<string, WorkflowJson>();
export const subWorkflowRuns: TestRun[] = [];

/** Makes `json` callable by Executar Fluxo under `id` (as if imported into n8n). */
export function registerSubWorkflow(id: string, json: WorkflowJson): void {
	subWorkflows.set(id, { ...json, id });
}

/** additionalData.executeWorkflow: runs the called workflow in-process from its trigger (doNotWaitToFinish). */
async function executeSubWorkflow(
	workflowInfo: { id?: string },
	_additionalData: unknown,
	options: { inputData?: INodeExecutionData[] },
): Promise<{ executionId: string; data: Array<INodeExecutionData[] | null> }> {
	const json = workflowInfo.id ? subWorkflows.get(workflowInfo.id) : undefined;
	if (!json) throw new Error(`Workflow ${workflowInfo.id} não registrado no harness (registerSubWorkflow)`);
	const trigger = json.nodes.find((node) => node.type === 'n8n-nodes-base.executeWorkflowTrigger');
	if (!trigger) throw new Error(`O workflow ${json.name} não começa com "When Executed by Another Workflow"`);
	const run = await runWorkflow(json, trigger.name, options.inputData ?? []);
	subWorkflowRuns.push(run);
	return { executionId: run.executionId, data: [null] };
}

/** A fresh Workflow, as n8n builds one from the stored JSON (the constructor fills parameter defaults in place). */
function createWorkflow(json: WorkflowJson): Workflow {
	const { nodes, connections } = structuredClone({ nodes: json.nodes, connections: json.connections });
	return new Workflow({ id: json.id ?? 'workflow-test', name: json.name, nodes, connections, active: true, nodeTypes, settings: json.settings });
}

async function execute(json: WorkflowJson, executionId: string, data: IRunExecutionData): Promise<TestRun> {
	const executedNodes: string[] = [];
	const hooks = new ExecutionLifecycleHooks('webhook', executionId, { ...json, id: json.id ?? 'workflow-test' } as IWorkflowBase);
	hooks.addHandler('nodeExecuteAfter', (nodeName) => void executedNodes.push(nodeName));
	// Only what the engine reads on this path; anything else is undefined, as when n8n leaves it unset.
	const additionalData = {
		hooks,
		executionId,
		webhookWaitingBaseUrl: WEBHOOK_WAITING_BASE_URL,
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		variables: {},
		currentNodeExecutionIndex: 0,
		executeWorkflow: executeSubWorkflow,
	} as unknown as IWorkflowExecuteAdditionalData;
	const run = await new WorkflowExecute(additionalData, 'webhook', data).processRunExecutionData(createWorkflow(json));
	return { ...run, executionId, workflowJson: json, executedNodes };
}

/** A new execution started by `startNodeName` (the trigger) with `startItems` as its output (webhook-helpers prepareExecutionData). */
export async function runWorkflow(json: WorkflowJson, startNodeName: string, startItems: INodeExecutionData[]): Promise<TestRun> {
	const node = createWorkflow(json).getNode(startNodeName);
	if (!node) throw new Error(`Nó "${startNodeName}" não existe no workflow`);
	const data = createRunExecutionData({ executionData: { nodeExecutionStack: [{ node, data: { main: [startItems] }, source: null }] } });
	return await execute(json, String(++executionCounter), data);
}

/**
 * Continues a waiting execution. With `webhookOutput` (the `workflowData` a restart webhook returned), as
 * WaitingWebhooks.getWebhookExecutionData + prepareExecutionData do: disable the waiting node, clear
 * waitTill, pop its run, make the webhook output its input and forward all outputs. Without it, as the
 * WaitTracker does on a deadline: the stored data unchanged; WorkflowExecute.handleWaitingState then
 * disables the node and pops its run, so its saved input (and metadata) pass through.
 */
export async function resumeWorkflow(previous: TestRun, webhookOutput?: INodeExecutionData[][]): Promise<TestRun> {
	if (previous.status !== 'waiting') throw new Error(`409: the execution "${previous.executionId}" is ${previous.status}, not waiting`);
	const data = JSON.parse(JSON.stringify(previous.data)) as IRunExecutionData; // saved and loaded like n8n's database
	if (webhookOutput) {
		const entry = data.executionData!.nodeExecutionStack[0];
		entry.node.disabled = true;
		data.waitTill = undefined;
		const runs = data.resultData.runData[data.resultData.lastNodeExecuted!];
		const popped = runs.pop(); // workflow-helpers preserveInputOverride
		if (popped?.inputOverride) runs.push({ startTime: 0, executionTime: 0, executionIndex: 0, source: popped.source, inputOverride: popped.inputOverride });
		entry.data.main = webhookOutput;
		entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
	}
	return await execute(previous.workflowJson, previous.executionId, data);
}

/**
 * The node a resume URL reaches, checked like n8n's `/webhook-waiting/:path/:suffix` route: the execution
 * id, the `signature` (resumeToken), and a POST restart webhook of the waiting node whose path is the suffix.
 */
export function waitingNodeForResumeUrl(run: TestRun, resumeUrl: string): string {
	const url = new URL(resumeUrl);
	const [executionId, suffix] = url.pathname.slice(new URL(WEBHOOK_WAITING_BASE_URL).pathname.length + 1).split('/');
	if (executionId !== run.executionId) throw new Error(`404: the execution "${executionId}" does not exist`);
	if (url.searchParams.get('signature') !== run.data.resumeToken) throw new Error('401: Invalid token');
	const workflow = createWorkflow(run.workflowJson);
	const node = workflow.getNode(run.data.resultData.lastNodeExecuted!)!;
	const matches = (nodeTypes.getByNameAndVersion(node.type).description.webhooks ?? []).some(
		(webhook) =>
			webhook.restartWebhook === true &&
			webhook.httpMethod === 'POST' &&
			String(workflow.expression.getSimpleParameterValue(node, webhook.path, 'internal', {})).replace(/^\/|\/$/g, '') === suffix,
	);
	if (!matches) throw new Error(`404: the workflow for execution "${executionId}" does not contain a waiting webhook with a matching path/method`);
	return node.name;
}

/** What a webhook() call answered: its result and what it wrote on the response object. */
export interface WebhookCall {
	result: IWebhookResponseData;
	response: { statusCode: number; body?: unknown; headers: Record<string, string> };
}

type HttpRequest = IWebhookFunctions['helpers']['httpRequest'];
const refuseHttp: HttpRequest = async (options) => {
	throw new Error(`HTTP inesperado no teste: ${options.method ?? 'GET'} ${options.url}`);
};

/** Calls `nodeName`'s webhook() with a mocked IWebhookFunctions (a POST with `body` and `headers`). */
export async function callNodeWebhook(
	json: WorkflowJson,
	nodeName: string,
	body: unknown,
	headers: Record<string, string> = {},
	httpRequest: HttpRequest = refuseHttp,
): Promise<WebhookCall> {
	const workflow = createWorkflow(json);
	const node: INode | null = workflow.getNode(nodeName);
	if (!node) throw new Error(`Nó "${nodeName}" não existe no workflow`);
	const nodeType = nodeTypes.getByNameAndVersion(node.type);
	const response: WebhookCall['response'] = { statusCode: 200, headers: {} };
	const res = {
		status: (code: number) => ((response.statusCode = code), res),
		json: (value: unknown) => ((response.body = value), res),
		send: (value: unknown) => ((response.body = value), res),
		end: (value?: unknown) => ((response.body = value ?? response.body), res),
		setHeader: (name: string, value: string) => ((response.headers[name.toLowerCase()] = value), res),
	};
	const req = { method: 'POST', headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), body, query: {}, params: {} };
	const implemented: Record<string, unknown> = {
		getBodyData: () => req.body,
		getHeaderData: () => req.headers,
		getQueryData: () => req.query,
		getParamsData: () => req.params,
		getRequestObject: () => req,
		getResponseObject: () => res,
		getNode: () => node,
		getWorkflow: () => ({ id: workflow.id, name: workflow.name, active: workflow.active }),
		getWebhookName: () => 'default',
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = name.split('.').reduce<unknown>((at, key) => (at as IDataObject | undefined)?.[key], node.parameters);
			return value === undefined ? fallback : workflow.expression.getSimpleParameterValue(node, value as string, 'webhook', {});
		},
		helpers: { httpRequest },
	};
	const context = new Proxy(implemented, {
		get: (target, property) => {
			if (typeof property === 'symbol' || property in target) return target[property as string];
			throw new Error(`callNodeWebhook: IWebhookFunctions.${property} não está simulado`);
		},
	}) as unknown as IWebhookFunctions;
	return { result: await nodeType.webhook!.call(context), response };
}

/** Stops n8n-core's SSH client cleanup interval, which would keep jest alive (call in afterAll). */
export function shutdownN8nCore(): void {
	Container.get(SSHClientsManager).onShutdown();
}

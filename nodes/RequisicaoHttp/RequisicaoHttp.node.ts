import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getConversationStore } from '../shared/conversation';
import { appendEvent } from '../shared/conversation/routing';
import type { Conversation } from '../shared/conversation/types';
import { authenticate, authSelectionOf, genericAuthCredentials } from '../shared/http/generic-auth';
import { hostOf, sendHttpRequest } from '../shared/http/request';
import { logLine } from '../shared/log';
import { outputItem } from '../shared/runtime/atendimento';
import { endIfLastCard, enterCard, templateVariablesOf } from '../shared/runtime/card';
import { httpCardProperties } from './description';
import { buildRequest, checkedMappings, RequestConfigError, type HttpCardParameters } from './request';
import { itemFields, resultOf, type RequestResult } from './result';
import { subtitleExpression, subtitleText } from '../shared/ui/subtitle';

/** "Sucesso" takes 2xx answers; "Erro" any other status, a timeout or a network failure. */
const OUTPUT_NAMES = ['Sucesso', 'Erro'];
const SUCCESS = 0;
const FAILURE = 1;

function readParameters(context: IExecuteFunctions, itemIndex: number): HttpCardParameters {
	const read = <T>(name: string, fallback: T): T => context.getNodeParameter(name, itemIndex, fallback) as T;
	const list = <T>(name: string): T[] => read<{ values?: T[] }>(name, {}).values ?? [];
	return {
		method: read<IHttpRequestMethods>('method', 'GET'),
		url: read('url', ''),
		queryParameters: list('queryParameters'),
		headerParameters: list('headerParameters'),
		bodyType: read('bodyType', 'json'),
		jsonBody: read('jsonBody', ''),
		formParameters: list('formParameters'),
		textBody: read('textBody', ''),
		textContentType: read('textContentType', ''),
		responseMapping: list('responseMapping'),
		timeoutSeconds: read('timeoutSeconds', 10),
	};
}

/**
 * Keeps the conversation from counting as abandoned while the request runs (the trigger's
 * "Tempo máximo entre cards" may be shorter than the time limit); returns the mark to clear.
 */
async function markBusy(conversationId: string, timeoutMs: number): Promise<number> {
	const busyUntil = Date.now() + timeoutMs + 1000;
	await getConversationStore().update(conversationId, (record) => {
		record.busyUntil = Math.max(record.busyUntil ?? 0, busyUntil);
	});
	return busyUntil;
}

interface CallRecord {
	node: string;
	method: string;
	url: string;
	result: RequestResult;
	durationMs: number;
	busyUntil: number;
}

/** Saves the mapped variables and records the call (host and status only: no URL, no credential). */
async function recordResult(conversation: Conversation, call: CallRecord): Promise<Conversation> {
	const { node, method, url, result, durationMs, busyUntil } = call;
	const updated = await getConversationStore().update(conversation.id, (record) => {
		if (record.busyUntil === busyUntil) record.busyUntil = undefined;
		if (result.ok) {
			const variables = { ...record.variables, ...result.variables };
			for (const name of result.missing) delete variables[name];
			record.variables = variables;
		}
		record.events = appendEvent(record.events, {
			at: Date.now(),
			type: 'requisicao_http',
			node,
			data: {
				metodo: method,
				host: hostOf(url),
				sucesso: result.ok,
				...(result.ok ? { status: result.status } : { erro: result.kind, ...(result.status ? { status: result.status } : {}) }),
				duracaoMs: durationMs,
			},
		});
	});
	return updated ?? conversation;
}

/** The request of item `itemIndex`, checked before any network call (a NodeOperationError in pt-BR otherwise). */
function requestFor(context: IExecuteFunctions, itemIndex: number, conversation: Conversation) {
	const parameters = readParameters(context, itemIndex);
	try {
		return {
			parameters,
			request: buildRequest(parameters, templateVariablesOf(conversation)),
			mappings: checkedMappings(parameters.responseMapping),
			timeoutSeconds: Math.min(300, Math.max(1, Number(parameters.timeoutSeconds) || 10)),
		};
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- rethrows unchanged what this catch does not handle (already a NodeApiError/NodeOperationError, or a bug worth its stack)
		if (!(error instanceof RequestConfigError)) throw error;
		throw new NodeOperationError(context.getNode(), error.message, { itemIndex, description: error.description });
	}
}

/** Sends item `itemIndex`'s request and returns its output item and whether it goes to "Sucesso". */
async function callFor(context: IExecuteFunctions, itemIndex: number, conversation: Conversation): Promise<{ ok: boolean; item: INodeExecutionData }> {
	const { parameters, request, mappings, timeoutSeconds } = requestFor(context, itemIndex, conversation);
	const prepared = await authenticate(context, itemIndex, authSelectionOf(context, itemIndex), request);
	const busyUntil = await markBusy(conversation.id, timeoutSeconds * 1000);
	const outcome = await sendHttpRequest(context, prepared, timeoutSeconds * 1000);
	const result = resultOf(outcome, mappings, timeoutSeconds);
	if (!result.ok) {
		// Host only: the path and query may carry tokens or the customer's document.
		logLine(context.logger, 'warn', `requisição ${parameters.method} a ${hostOf(request.url)} saiu por Erro: ${result.message}`, {
			node: context.getNode().name,
			protocolo: conversation.protocolo,
		});
	}
	const updated = await recordResult(conversation, {
		node: context.getNode().name,
		method: parameters.method,
		url: request.url,
		result,
		durationMs: outcome.durationMs,
		busyUntil,
	});
	const includeResponse = context.getNodeParameter('includeResponse', itemIndex, false) as boolean;
	const fields: IDataObject = { requisicaoHttp: itemFields(result, outcome.kind === 'response' ? outcome.body : undefined, includeResponse) };
	return { ok: result.ok, item: outputItem(context.getInputData()[itemIndex], updated, itemIndex, fields) };
}

/**
 * "Requisição HTTP": calls an API with the conversation's variables in the URL, query, headers and
 * body; saves chosen response fields into conversation variables; routes 2xx to "Sucesso" and any
 * other status, timeout or network failure to "Erro" (with status, message and body excerpt).
 */
export class RequisicaoHttp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Requisição HTTP',
		name: 'requisicaoHttp',
		icon: 'file:requisicaoHttp.svg',
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(`$parameter["method"] + " " + ${subtitleText('$parameter["url"]', '(sem URL)', 40)}`),
		description: 'Chama uma API com as variáveis da conversa e guarda campos da resposta em variáveis',
		defaults: { name: 'Requisição HTTP' },
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUT_NAMES.map((name) => ({ type: NodeConnectionTypes.Main, displayName: name })),
		credentials: genericAuthCredentials(),
		properties: httpCardProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], []];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const conversation = await enterCard(this, itemIndex);
				const { ok, item } = await callFor(this, itemIndex, conversation);
				outputs[ok ? SUCCESS : FAILURE].push(item);
				await endIfLastCard(this, conversation.id);
			} catch (error) {
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- n8n's continueOnFail pattern: the error is already a NodeApiError/NodeOperationError raised by the card; wrapping it again would hide its message
				if (!this.continueOnFail()) throw error;
				outputs[FAILURE].push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return outputs;
	}
}

import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { getConversationStore } from '../conversation';
import { nextCheckpoint, PROCESS_ID, stepItems } from '../conversation/checkpoint';
import { appendEvent } from '../conversation/routing';
import type { Conversation } from '../conversation/types';
import type { TemplateVariables } from '../text/template';
import { truncate } from '../channels/text';
import { logLine } from '../log';
import { conversationIdOf } from './atendimento';
// Every process that runs cards says it is alive (queue-mode workers too): step-recovery.ts.
import './step-recovery';

/** How a card reads one parameter: `getNodeParameter(name, 0, fallback)` in execute, `(name, fallback)` in its webhook. */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

/** Every parameter named in `defaults`, read with its default (the same object in execute and on resume). */
export function readParametersWithDefaults<T extends object>(defaults: Partial<Record<keyof T, unknown>>, read: ParameterReader): T {
	const parameters: Record<string, unknown> = {};
	for (const [name, fallback] of Object.entries(defaults)) parameters[name] = read(name, fallback);
	return parameters as T;
}

/**
 * A card that parks or moves one conversation takes exactly one item: another count is a setup mistake
 * (e.g. a node before it that splits items), said with the card's name.
 */
export function requireOneItem(context: IExecuteFunctions, items: INodeExecutionData[], card: string): void {
	if (items.length === 1) return;
	throw new NodeOperationError(context.getNode(), `${card} recebeu ${items.length} itens`, {
		description: 'O card atende um atendimento por vez: ligue-o ao Início do Atendimento ou a um card que entregue exatamente um item.',
	});
}

/**
 * Loads the conversation of item `itemIndex` and records that the flow entered this card: the
 * conversation is 'running' again (a card after a timed-out question clears the stale waiter), and
 * this execution's custom data names it (protocolo, canal, contato: see executionCustomDataOf).
 */
export async function enterCard(context: IExecuteFunctions, itemIndex: number): Promise<Conversation> {
	const conversationId = conversationIdOf(context, itemIndex);
	const executionId = context.getExecutionId();
	const workflowId = workflowIdOf(context);
	const items = workflowId ? stepItems([[context.getInputData()[itemIndex] ?? { json: {} }]]) : undefined;
	const conversation = await getConversationStore().update(conversationId, (record) => {
		if (record.state === 'waiting') {
			record.state = 'running';
			record.waiter = undefined;
		}
		record.executionId = executionId;
		record.cardActivityAt = Date.now();
		// Where the flow runs again from should this process die (checkpoint.ts).
		record.checkpoint =
			workflowId && items ? nextCheckpoint(record.checkpoint, { at: 'entrada', workflowId, nodeName: context.getNode().name, items, executionId, process: PROCESS_ID }, Date.now()) : undefined;
		record.events = appendEvent(record.events, { at: Date.now(), type: 'etapa', node: context.getNode().name });
	});
	if (!conversation) {
		throw new NodeOperationError(context.getNode(), `Atendimento ${conversationId} não encontrado`, {
			itemIndex,
			description: 'O registro da conversa não existe mais no armazenamento do atendimento (apagado ou expirado).',
		});
	}
	context.customData.setAll(executionCustomDataOf(conversation));
	return conversation;
}

/** The id of the workflow a card runs in; undefined when the context does not say (a test's mock context). */
export function workflowIdOf(context: Pick<IExecuteFunctions, 'getWorkflow'>): string | undefined {
	const id = typeof context.getWorkflow === 'function' ? context.getWorkflow().id : undefined;
	return id ? String(id) : undefined;
}

/** n8n keeps a custom data value up to this length (it logs an error above 255 and cuts at 512). */
const CUSTOM_DATA_VALUE_MAX = 255;

/**
 * What n8n's execution custom data holds for a conversation (docs/arquitetura.md §1): the protocolo, the
 * channel and the contact, set by every card that takes the conversation, so the welcome execution and
 * each sub-flow's execution carry the same protocolo. Keys are letters and underscores (n8n refuses
 * others) and at most 4 of n8n's 10 per execution, leaving room for the flow's own.
 */
export function executionCustomDataOf(conversation: Conversation): Record<string, string> {
	const contact = conversation.contact;
	const data: Record<string, string> = {
		protocolo: conversation.protocolo,
		canal: conversation.channel.type,
		contato: contact.phone ?? contact.username ?? contact.id,
	};
	if (contact.name) data.contato_nome = contact.name;
	for (const key of Object.keys(data)) data[key] = truncate(data[key], CUSTOM_DATA_VALUE_MAX);
	return data;
}

/** Values for `{{protocolo}}`, `{{nome_cliente}}` and the other message placeholders. */
export function templateVariablesOf(conversation: Conversation): TemplateVariables {
	return {
		protocol: conversation.protocolo,
		userName: conversation.contact.name,
		customerName: conversation.customer?.name,
		phone: conversation.contact.phone,
		companyName: conversation.channel.companyName,
		agentName: conversation.attendant,
		description: conversation.description,
		conversation: conversation.variables,
	};
}

/** Ends the conversation (Encerrar Atendimento, or a flow that has no card after this one). */
export async function endConversation(
	conversationId: string,
	details: { reason: string; resolved?: boolean; node?: string },
): Promise<Conversation | undefined> {
	const ended = await getConversationStore().update(conversationId, (record) => {
		record.state = 'ended';
		record.waiter = undefined;
		record.checkpoint = undefined;
		record.endedAt = Date.now();
		record.endReason = details.reason;
		record.resolved = details.resolved;
		record.events = appendEvent(record.events, {
			at: Date.now(),
			type: 'atendimento_encerrado',
			node: details.node,
			data: { motivo: details.reason, resolvido: details.resolved },
		});
	});
	if (ended) {
		logLine(undefined, 'info', `atendimento encerrado: ${details.reason}${details.resolved === undefined ? '' : details.resolved ? ' (resolvido)' : ' (não resolvido)'}`, {
			node: details.node,
			protocolo: ended.protocolo,
		});
	}
	return ended;
}

/**
 * When this card is the last of the flow (nothing connected after it), the conversation is over:
 * the contact's next message opens a new atendimento at once.
 */
export async function endIfLastCard(context: IExecuteFunctions, conversationId: string): Promise<void> {
	if (context.getChildNodes(context.getNode().name).length > 0) return;
	await endConversation(conversationId, { reason: 'fluxo_concluido', node: context.getNode().name });
}

/**
 * The item loop of a non-waiting card: enters the card for each item's conversation, runs `handle`,
 * and turns an item's failure into an error item when "Continue On Fail" is on, linked to its input item.
 * An item `handle` routes elsewhere itself (undefined) is left out of the output.
 */
export async function forEachConversationItem(
	context: IExecuteFunctions,
	handle: (conversation: Conversation, itemIndex: number) => Promise<INodeExecutionData | undefined>,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const handled = await handle(await enterCard(context, itemIndex), itemIndex);
			if (handled) output.push(handled);
		} catch (error) {
			if (!context.continueOnFail()) throw error;
			output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

import {
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { safeEqual } from '../shared/channels/signature';
import { getConversationStore } from '../shared/conversation';
import { appendEvent, setHistoryStatus } from '../shared/conversation/routing';
import type { Conversation, DeskOutcome, Waiter } from '../shared/conversation/types';
import { scheduleDeskInactivity } from '../shared/desk/lifecycle';
import { errorText, logLine } from '../shared/log';
import { toAtendimentoItem } from '../shared/runtime/atendimento';
import { requireOneItem, templateVariablesOf } from '../shared/runtime/card';
import { parkWithOutputs, waitingCardResumeUrl } from '../shared/runtime/n8n-engine';
import type { ResumeDelivery } from '../shared/runtime/resume';
import { INTERNAL_SECRET_HEADER, sendToConversation, type SendingContext } from '../shared/runtime/send';
import { renderTemplate } from '../shared/text/template';
import { handOverInChatwoot } from './chatwoot';
import { DESK_OUTPUT } from './outputs';

/** Messages that arrived while the bot was busy are now the human's to read. */
function handInbox(record: Conversation): void {
	for (const pending of record.inbox) {
		record.events = appendEvent(record.events, { at: pending.timestamp, type: 'mensagem_para_humano', data: { messageId: pending.messageId } });
		setHistoryStatus(record, pending.messageId, 'humano');
	}
	record.inbox = [];
}

/** Destino "API de atendentes" (version 1): the conversation goes human and the card goes on. */
export async function transferToApi(
	context: IExecuteFunctions,
	conversation: Conversation,
	itemIndex: number,
): Promise<{ transferred: Conversation; department?: string; attendant?: string }> {
	const department = (context.getNodeParameter('department', itemIndex) as string).trim() || undefined;
	const attendant = (context.getNodeParameter('attendant', itemIndex) as string).trim() || undefined;
	const inactivityMinutes = Math.max(0, context.getNodeParameter('inactivityMinutes', itemIndex, 60) as number);
	const chatwoot = conversation.channel.type === 'chatwoot';
	if (chatwoot) {
		// The human side is Chatwoot: message, note, assignment and status there; the team as Chatwoot spells it.
		const message = renderTemplate(context.getNodeParameter('message', itemIndex) as string, templateVariablesOf(conversation)).trim();
		const teamName = await handOverInChatwoot(context, conversation, { team: department, agent: attendant, message }, itemIndex);
		const transferred = await markWithChatwootAgent(context, conversation, { team: teamName ?? department, agent: attendant });
		return { transferred, department: teamName ?? department, attendant };
	}
	const transferred = (await getConversationStore().update(conversation.id, (record) => {
		record.state = 'human';
		record.waiter = undefined;
		record.department = department;
		record.attendant = attendant;
		record.humanTimeoutMs = inactivityMinutes * 60_000;
		record.events = appendEvent(record.events, {
			at: Date.now(),
			type: 'transferido',
			node: context.getNode().name,
			data: { departamento: department ?? null, atendente: attendant ?? null, mensagensPendentes: record.inbox.length },
		});
		handInbox(record);
	}))!;
	const text = renderTemplate(context.getNodeParameter('message', itemIndex) as string, templateVariablesOf(transferred)).trim();
	if (text) await sendToConversation(context, transferred, [{ kind: 'text', text }]);
	return { transferred, department, attendant };
}

function outputsWith(index: number, item: INodeExecutionData): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = [[], [], []];
	outputs[index] = [item];
	return outputs;
}

/**
 * Destino "Painel do Atendente": the conversation enters the desk (team, optional agent, status
 * "nova"), the customer gets the card's message, and the execution parks until the desk resumes it
 * (resumeFromDesk). Customer messages meanwhile go to the desk, not to this card.
 */
export async function transferToDesk(context: IExecuteFunctions, conversation: Conversation): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	requireOneItem(context, items, 'Transferir Atendimento');
	const team = (context.getNodeParameter('department', 0, '') as string).trim() || undefined;
	const agent = (context.getNodeParameter('attendant', 0, '') as string).trim().toLowerCase() || undefined;
	const reason = (context.getNodeParameter('reason', 0, '') as string).trim() || `Transferido pelo fluxo (card ${context.getNode().name})`;
	const now = Date.now();
	const waiter: Waiter = { resumeUrl: waitingCardResumeUrl(context), executionId: context.getExecutionId(), nodeName: context.getNode().name, attempts: 0 };
	if (conversation.channel.type === 'chatwoot') return await transferToChatwoot(context, conversation, { team, agent, reason }, waiter);
	const transferred = await putOnDesk(context, conversation, { team, agent, reason, waiter, message: context.getNodeParameter('message', 0, '') as string }, now);
	const item: INodeExecutionData = { json: { ...items[0].json, encerradoPorInatividade: true, atendimento: toAtendimentoItem(transferred) as unknown as IDataObject }, pairedItem: { item: 0 } };
	// The pack's timer fires inactivity; n8n itself never times the wait out.
	const outputs = outputsWith(DESK_OUTPUT.inatividade, item);
	return await parkWithOutputs(context, outputs, WAIT_INDEFINITELY);
}

/**
 * Puts the conversation in the Painel's queue of `team` (or with `agent`), hands it the messages that
 * waited, tells the agents, sends `message` (a text template) and arms the desk's inactivity timer.
 * `waiter`: the parked card the desk resumes when the human part ends; without one, that end ends
 * the conversation (lifecycle.ts). Also used by Gatilhos por Palavra-chave ("Equipe de atendimento").
 */
export async function putOnDesk(
	context: SendingContext,
	conversation: Conversation,
	parameters: { team?: string; agent?: string; reason: string; waiter?: Waiter; message: string },
	now = Date.now(),
): Promise<Conversation> {
	const { team, agent, reason, waiter } = parameters;
	const store = getConversationStore();
	const transferred = (await store.update(conversation.id, (record) => {
		record.state = 'human';
		record.waiter = undefined;
		record.humanTimeoutMs = 0; // the desk's inactivity timer ends it (by "Encerrado por inatividade")
		record.desk = 'painel';
		record.department = team;
		record.attendant = agent;
		record.attendantName = undefined;
		record.deskStatus = agent ? 'aberta' : 'nova';
		record.transferredAt = now;
		record.firstAgentReplyAt = undefined;
		record.deskEndedAt = undefined;
		record.deskOutcome = undefined;
		record.arrivalReason = reason;
		record.deskWaiter = waiter;
		record.events = appendEvent(record.events, {
			at: now,
			type: 'painel_transferida',
			node: context.getNode().name,
			data: { equipe: team ?? null, atendente: agent ?? null, motivo: reason },
		});
		handInbox(record);
	}))!;
	await store.publishDeskChange(transferred.id, 'nova');
	const text = renderTemplate(parameters.message, templateVariablesOf(transferred)).trim();
	if (text) await sendToConversation(context, transferred, [{ kind: 'text', text }]);
	await scheduleDeskInactivity(transferred.id);
	return transferred;
}

/**
 * Destino "Painel do Atendente" on a Chatwoot conversation: the agents are in Chatwoot
 * (./chatwoot.ts). The card waits the same way; the trigger resumes it when an agent sets the
 * conversation back to `pending` ("Devolvido ao bot") or resolves it ("Encerrado pelo atendente").
 */
async function transferToChatwoot(
	context: IExecuteFunctions,
	conversation: Conversation,
	parameters: { team?: string; agent?: string; reason: string },
	waiter: Waiter,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const message = renderTemplate(context.getNodeParameter('message', 0, '') as string, templateVariablesOf(conversation)).trim();
	const teamName = await handOverInChatwoot(context, conversation, { ...parameters, message });
	const transferred = await markWithChatwootAgent(context, conversation, { ...parameters, team: teamName ?? parameters.team }, waiter);
	const item: INodeExecutionData = { json: { ...items[0].json, atendimento: toAtendimentoItem(transferred) as unknown as IDataObject }, pairedItem: { item: 0 } };
	// Chatwoot's events end the wait; n8n itself never times it out.
	const outputs = outputsWith(DESK_OUTPUT.inatividade, item);
	return await parkWithOutputs(context, outputs, WAIT_INDEFINITELY);
}

/** The record after a Chatwoot handoff: with the agents in Chatwoot (desk 'chatwoot'), waiting card `waiter` if any. */
async function markWithChatwootAgent(
	context: IExecuteFunctions,
	conversation: Conversation,
	parameters: { team?: string; agent?: string; reason?: string },
	waiter?: Waiter,
): Promise<Conversation> {
	const now = Date.now();
	return (await getConversationStore().update(conversation.id, (record) => {
		record.state = 'human';
		record.waiter = undefined;
		record.humanTimeoutMs = 0; // Chatwoot's agents end it (resolved) or give it back (pending)
		record.desk = 'chatwoot';
		record.department = parameters.team;
		record.attendant = parameters.agent;
		record.transferredAt = now;
		record.firstAgentReplyAt = undefined;
		record.deskEndedAt = undefined;
		record.deskOutcome = undefined;
		record.arrivalReason = parameters.reason;
		record.deskWaiter = waiter;
		record.events = appendEvent(record.events, {
			at: now,
			type: 'chatwoot_transferida',
			node: context.getNode().name,
			data: { equipe: parameters.team ?? null, atendente: parameters.agent ?? null, motivo: parameters.reason ?? null },
		});
		handInbox(record);
	}))!;
}

/**
 * webhook() of Transferir Atendimento: the desk (with the installation's internal secret) says how
 * the human part ended; the flow continues by that output. Inactivity sends the Painel's closing
 * message first. When nothing follows this card, the conversation ends here.
 */
export async function resumeFromDesk(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const store = getConversationStore();
	const response = context.getResponseObject();
	const secret = context.getRequestObject().headers[INTERNAL_SECRET_HEADER];
	if (typeof secret !== 'string' || !safeEqual(secret, await store.internalSecret())) {
		response.status(401);
		return { webhookResponse: { error: 'Chamada interna sem o segredo do atendimento.' } };
	}
	const delivery = context.getBodyData() as unknown as ResumeDelivery;
	const outcome: DeskOutcome | undefined = delivery && 'desk' in delivery ? delivery.desk.fim : undefined;
	const conversation = delivery?.conversationId ? await store.get(delivery.conversationId) : undefined;
	if (!conversation || !outcome || !(outcome in DESK_OUTPUT)) {
		response.status(400);
		return { webhookResponse: { error: 'Retomada do Painel sem conversa ou sem o motivo do fim.' } };
	}
	if (outcome === 'inatividade') {
		const settings = await store.deskSettings();
		const text = renderTemplate(settings?.inactivityMessage ?? '', templateVariablesOf(conversation)).trim();
		try {
			if (text) await sendToConversation(context, conversation, [{ kind: 'text', text }]);
		} catch (error) {
			// The flow still continues by "Encerrado por inatividade"; the failure is in the history ('falhou').
			logLine(context.logger, 'warn', `Mensagem de encerramento por inatividade não enviada: ${errorText(error)}`, { protocolo: conversation.protocolo });
		}
	}
	const last = context.getChildNodes(context.getNode().name).length === 0;
	const updated = (await store.update(conversation.id, (record) => {
		record.state = last ? 'ended' : 'running';
		record.cardActivityAt = Date.now();
		if (last) {
			record.endedAt = Date.now();
			record.endReason = outcome === 'devolvido' ? 'devolvido_ao_bot' : outcome === 'resolvido' ? 'encerrado_pelo_atendente' : 'inatividade_atendente';
			record.resolved = outcome === 'resolvido' ? true : undefined;
		}
		record.events = appendEvent(record.events, { at: Date.now(), type: 'retomado_do_painel', node: context.getNode().name, data: { fim: outcome } });
	}))!;
	const item: INodeExecutionData = {
		json: { fim: outcome, atendente: delivery && 'desk' in delivery ? (delivery.desk.por ?? null) : null, atendimento: toAtendimentoItem(updated) as unknown as IDataObject },
		pairedItem: { item: 0 },
	};
	return { workflowData: outputsWith(DESK_OUTPUT[outcome], item), webhookResponse: { status: 'retomado' } };
}

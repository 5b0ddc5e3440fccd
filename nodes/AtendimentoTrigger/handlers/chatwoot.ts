/**
 * POST from Chatwoot to the agent bot's `outgoing_url` (docs/apis-externas.md §G). Chatwoot
 * waits 5 s for the answer, then gives up and opens the conversation to the agents; it repeats only on
 * 429/500. So the delivery is checked (signature, shape, repeat) and answered 200 AT ONCE, and only
 * then routed: a resume may take seconds while n8n saves a waiting execution.
 *
 * After the answer nothing is lost silently: routing is not repeated (the store already took the
 * message id, and a repeat could answer the customer twice); a failure is logged as an error and the
 * conversation goes to the agents in Chatwoot (a private note with the reason, status `open`), as
 * Chatwoot itself does when a bot fails, so the customer is never left without anyone.
 */
import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { chatwootApi, chatwootDoors, CHATWOOT_CREDENTIAL_TYPE, type ChatwootCredentials } from '../../shared/channels/chatwoot/api';
import { choiceFromTitle, parseChatwootEvent, type ChatwootConversationInfo, type ChatwootEvent } from '../../shared/channels/chatwoot/parse';
import { MalformedDeliveryError } from '../../shared/channels/errors';
import { verifyChatwootSignature } from '../../shared/channels/signature';
import type { InboundMessage } from '../../shared/channels/types';
import { getConversationStore } from '../../shared/conversation';
import { appendEvent, appendHistory, inboundHistoryEntry } from '../../shared/conversation/routing';
import type { Conversation } from '../../shared/conversation/types';
import { endHumanPart } from '../../shared/desk/lifecycle';
import { errorText, logLine } from '../../shared/log';
import { routeDelivery, type TriggerConfig } from './inbound';
import { respond } from './respond';

/** Delivery ids seen lately (`X-Chatwoot-Delivery`, the same on Chatwoot's repeats): a repeat is answered and dropped. */
const seenDeliveries = new Map<string, number>();
const SEEN_DELIVERY_TTL_MS = 10 * 60 * 1000;
const MAX_SEEN_DELIVERIES = 5_000;

/** True the first time `id` is seen within SEEN_DELIVERY_TTL_MS (ids only: no request data is kept). */
export function firstDelivery(id: string, now: number = Date.now()): boolean {
	for (const [seen, at] of seenDeliveries) {
		if (at > now - SEEN_DELIVERY_TTL_MS && seenDeliveries.size <= MAX_SEEN_DELIVERIES) break;
		seenDeliveries.delete(seen);
	}
	if (seenDeliveries.has(id)) return false;
	seenDeliveries.set(id, now);
	return true;
}

function header(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getHeaderData()[name];
	return typeof value === 'string' ? value : undefined;
}

/** The Chatwoot credential of the trigger, as a reference for its doors. */
function credentialReference(context: IWebhookFunctions): { id: string; name: string } {
	const reference = context.getNode().credentials?.[CHATWOOT_CREDENTIAL_TYPE];
	return { id: reference?.id ?? '', name: reference?.name ?? CHATWOOT_CREDENTIAL_TYPE };
}

export async function handleChatwootDelivery(context: IWebhookFunctions, config: TriggerConfig, credentials: ChatwootCredentials): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	const rawBody = (request as unknown as { rawBody?: Buffer }).rawBody ?? Buffer.from(JSON.stringify(request.body ?? {}));
	const signature = header(context, 'x-chatwoot-signature');
	const secret = credentials.webhookSecret?.trim();
	// Servers older than the signing (Chatwoot PR #13892, March 2026) send no signature: checked whenever there is one and a secret to check it with.
	if (secret && signature !== undefined && !verifyChatwootSignature(rawBody, header(context, 'x-chatwoot-timestamp'), signature, secret)) {
		logLine(context.logger, 'warn', 'Chamada do Chatwoot recusada: assinatura X-Chatwoot-Signature inválida ou antiga', { node: context.getNode().name });
		return respond(context, 401, { error: 'Assinatura X-Chatwoot-Signature inválida ou antiga.' });
	}
	let event: ChatwootEvent;
	try {
		event = parseChatwootEvent(context.getBodyData(), config.channel.accountId);
	} catch (error) {
		if (error instanceof MalformedDeliveryError) return respond(context, 400, { error: error.message });
		throw error;
	}
	const deliveryId = header(context, 'x-chatwoot-delivery');
	if (deliveryId && !firstDelivery(`${config.channel.accountId}:${deliveryId}`)) return respond(context, 200, { ok: true, repetida: true });
	if (event.kind !== 'ignored' && event.conversation.inboxId && event.conversation.inboxId !== String(credentials.inboxId).trim()) {
		return respond(context, 200, { ok: true, ignorado: 'outra caixa de entrada' });
	}
	respond(context, 200, { ok: true });
	try {
		const starts = await handleEvent(context, config, event);
		return starts ? { noWebhookResponse: true, workflowData: [starts] } : { noWebhookResponse: true };
	} catch (error) {
		await handOverAfterFailure(context, credentials, event, error);
		return { noWebhookResponse: true };
	}
}

/** What the trigger does with one event (after answering Chatwoot). */
async function handleEvent(context: IWebhookFunctions, config: TriggerConfig, event: ChatwootEvent): Promise<INodeExecutionData[] | undefined> {
	if (event.kind === 'ignored') return undefined;
	const channel = { ...config.channel, ...(event.conversation.channelType ? { variant: event.conversation.channelType } : {}) };
	const current = await getConversationStore().currentOf(channel, event.conversation.conversationId);
	if (event.kind === 'conversation') {
		if (current && withChatwootAgent(current)) await endByStatus(context, current, event.conversation, event.event);
		return undefined;
	}
	if (event.kind === 'other') {
		if (current) await recordOther(current, event);
		return undefined;
	}
	const status = event.conversation.status;
	if (current && withChatwootAgent(current)) {
		// An agent gave the conversation back (status pending): the bot takes it from this message on.
		if (status === 'pending') await endHumanPart(context.helpers.httpRequest, current.id, 'devolvido', 'chatwoot');
	} else if (status !== undefined && status !== 'pending') {
		// Open, resolved or snoozed in Chatwoot: the agents have it; the bot never answers.
		if (current) await recordUnanswered(current, event.message);
		return undefined;
	}
	const fresh = current ? await getConversationStore().get(current.id) : undefined;
	const message = choiceFromTitle(event.message, fresh && fresh.state !== 'ended' ? lastQuestionLabels(fresh) : undefined, event.conversation.inboxKind);
	return await routeDelivery(context, { ...config, channel }, [message]);
}

/** On Chatwoot's side with an agent: transferred by Transferir Atendimento and not given back yet. */
export function withChatwootAgent(conversation: Conversation): boolean {
	return conversation.desk === 'chatwoot' && conversation.state === 'human' && conversation.deskEndedAt === undefined;
}

/** `conversation_resolved` ends the human part; a status set back to `pending` gives the contact back to the bot. */
async function endByStatus(context: IWebhookFunctions, current: Conversation, info: ChatwootConversationInfo, event: string): Promise<void> {
	if (event === 'conversation_resolved' || info.status === 'resolved') {
		await endHumanPart(context.helpers.httpRequest, current.id, 'resolvido', 'chatwoot');
		return;
	}
	const statusChanged = info.changedAttributes === undefined || info.changedAttributes.includes('status');
	if (info.status === 'pending' && statusChanged) await endHumanPart(context.helpers.httpRequest, current.id, 'devolvido', 'chatwoot');
}

/** The options of the last question the bot sent (history), to map a WhatsApp title back to its option. */
function lastQuestionLabels(conversation: Conversation): string[] | undefined {
	for (let index = conversation.history.length - 1; index >= 0; index--) {
		const entry = conversation.history[index];
		if (entry.from === 'bot') return entry.choices;
	}
	return undefined;
}

/** A customer message the bot does not answer (the agents have the conversation): kept in the history. */
async function recordUnanswered(current: Conversation, message: InboundMessage): Promise<void> {
	await getConversationStore().update(current.id, (record) => {
		if (record.history.some((entry) => entry.messageId === message.messageId)) return;
		record.history = appendHistory(record.history, inboundHistoryEntry(message, 'humano', Date.now()));
	});
}

/** An agent's reply goes to the history; a private note or an activity line to the events; the bot's own echo nowhere (it is recorded when sent). */
async function recordOther(current: Conversation, event: Extract<ChatwootEvent, { kind: 'other' }>): Promise<void> {
	if (event.author === 'bot' || !event.text) return;
	const now = Date.now();
	await getConversationStore().update(current.id, (record) => {
		if (event.author === 'atendente' && !event.isPrivate) {
			if (record.history.some((entry) => entry.messageId === event.messageId)) return;
			record.history = appendHistory(record.history, {
				at: now,
				from: 'atendente',
				kind: 'text',
				text: event.text!.slice(0, 2_000),
				messageId: event.messageId,
				status: 'enviada',
				...(event.agentName ? { agent: event.agentName } : {}),
			});
			if (record.desk === 'chatwoot' && record.firstAgentReplyAt === undefined) record.firstAgentReplyAt = now;
			return;
		}
		const type = event.isPrivate ? 'chatwoot_nota_privada' : 'chatwoot_atividade';
		record.events = appendEvent(record.events, { at: now, type, data: { texto: event.text!.slice(0, 500), ...(event.agentName ? { por: event.agentName } : {}) } });
	});
}

/** Routing failed after Chatwoot got its 200: logged, and the conversation goes to the agents with the reason. */
async function handOverAfterFailure(context: IWebhookFunctions, credentials: ChatwootCredentials, event: ChatwootEvent, error: unknown): Promise<void> {
	const conversationId = event.kind === 'ignored' ? undefined : event.conversation.conversationId;
	logLine(context.logger, 'error', `Evento ${event.event} do Chatwoot não foi tratado: ${errorText(error)}`, {
		node: context.getNode().name,
		...(conversationId ? { conversa: conversationId } : {}),
	});
	if (!conversationId || event.kind !== 'customer') return;
	try {
		const api = chatwootApi(chatwootDoors(context, credentialReference(context), credentials as unknown as Record<string, string>), credentials);
		await api.privateNote(conversationId, `O bot do n8n não conseguiu tratar a última mensagem do cliente (${errorText(error).slice(0, 300)}). A conversa foi aberta para a equipe.`);
		await api.toggleStatus(conversationId, 'open');
	} catch (handoverError) {
		logLine(context.logger, 'error', `Não foi possível abrir a conversa ${conversationId} no Chatwoot depois da falha: ${errorText(handoverError)}`, { node: context.getNode().name });
	}
}

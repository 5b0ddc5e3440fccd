import { randomUUID } from 'crypto';
import type { IHttpRequestOptions, Logger } from 'n8n-workflow';

import type { InboundMessage } from '../channels/types';
import { contactKey, getConversationStore, type RouteOptions } from '../conversation';
import { invitationKey, triggerUrlOfPath } from '../conversation/invitations';
import { appendEvent, isTestRun, joinBurst } from '../conversation/routing';
import type { ChannelRef, Conversation, RouteDecision } from '../conversation/types';
import { errorText, logLine } from '../log';
import { newProtocol } from '../protocol';
import { postResume, restoreWaiter, type ResumeDelivery } from './resume';
import { expectsSecretAnswer, maskedMessage } from './sensitive';
import { rerunParkedCard } from './step-recovery';
import { endConversation } from './card';
import { sendToConversation, type SendingContext } from './send';

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** Text that opts the contact out at any moment (seed: "/bloquear"). */
export const OPT_OUT_COMMAND = '/bloquear';
export const OPT_OUT_CONFIRMATION = 'Pronto! Você não receberá mais mensagens automáticas nossas. Para voltar a receber, envie /desbloquear.';
export const OPT_IN_COMMAND = '/desbloquear';
export const OPT_IN_CONFIRMATION = 'Pronto! Você voltará a receber nossas mensagens.';

export interface DeliveryOptions {
	/** A conversation 'running' with no card activity for this long is treated as finished. */
	runningLeaseMs: number;
	/** Route even a message id seen before (a joined burst, whose parts were deduplicated one by one). */
	skipDedupe?: boolean;
	/**
	 * Called, without waiting, when the message resumes the bot, just before it goes to the waiting card
	 * (the trigger's "Marcar como lida e mostrar digitando").
	 */
	onBotTurn?: (message: InboundMessage) => void;
}

/** What happened to one inbound message; `start` asks the trigger to start an execution for it. */
export type DeliveryOutcome =
	| { kind: 'start'; conversation: Conversation; message: InboundMessage }
	/** blocked: the contact opted out; the message is only in the conversation's history. */
	/** testEnded: the message answered a test run from the editor whose manual execution was stopped. */
	| { kind: 'resumed' | 'queued' | 'human' | 'duplicate' | 'optOut' | 'optIn' | 'blocked' | 'testEnded' };

/**
 * Routes one inbound message by its conversation's state (docs/arquitetura.md §3), serialised per contact:
 * new/ended → start; waiting → deliver to the waiting card; running → inbox; human → recorded only;
 * a contact who opted out → recorded only. The message is stamped with its arrival time (`receivedAt`).
 */
export async function deliverInbound(
	context: SendingContext,
	channel: ChannelRef,
	message: InboundMessage,
	options: DeliveryOptions,
): Promise<DeliveryOutcome> {
	const received: InboundMessage = { ...message, receivedAt: message.receivedAt ?? Date.now() };
	return await getConversationStore().withLock(contactKey(channel, message.contactId), async () => await deliverLocked(context.helpers.httpRequest, context, channel, received, options));
}

/**
 * Routes again a joined burst whose first routing failed (deliverBurst threw BurstDeliveryError), from a
 * timer without an n8n context: its parts were each deduplicated when they joined the burst.
 */
export async function deliverJoined(
	httpRequest: HttpRequest,
	channel: ChannelRef,
	joined: InboundMessage,
	runningLeaseMs: number,
): Promise<DeliveryOutcome> {
	return await getConversationStore().withLock(
		contactKey(channel, joined.contactId),
		async () => await deliverLocked(httpRequest, undefined, channel, joined, { runningLeaseMs, skipDedupe: true }),
	);
}

/**
 * Routes the contact's pending burst of text messages (the trigger's "Agrupar mensagens em
 * sequência") as one message, if it is due at `now` (undefined: at once). Undefined when there was none.
 */
export async function deliverBurst(
	httpRequest: HttpRequest,
	channel: Pick<ChannelRef, 'type' | 'accountId'>,
	contactId: string,
	now: number | undefined,
): Promise<{ outcome: DeliveryOutcome; message: InboundMessage } | undefined> {
	const store = getConversationStore();
	const key = contactKey(channel, contactId);
	return await store.withLock(key, async () => {
		const burst = await store.takeBurst(key, now);
		if (!burst) return undefined;
		const message = joinBurst(burst);
		try {
			// Each part was deduplicated when it joined the burst.
			const outcome = await deliverLocked(httpRequest, undefined, burst.channel, message, { runningLeaseMs: burst.runningLeaseMs, skipDedupe: true });
			return { outcome, message };
		} catch (error) {
			throw new BurstDeliveryError(message, burst.runningLeaseMs, error as Error);
		}
	});
}

/** Routing a joined burst failed after it left the store: `joined` must be routed again (skipping its dedupe). */
export class BurstDeliveryError extends Error {
	constructor(
		readonly joined: InboundMessage,
		readonly runningLeaseMs: number,
		cause: Error,
	) {
		super(cause.message, { cause });
		this.name = 'BurstDeliveryError';
	}
}

/**
 * Routes one message under its contact's lock. `httpRequest` posts resumes; `context` (the trigger's)
 * sends the /bloquear and /desbloquear confirmations — a joined burst, routed by a timer without an n8n
 * context, never holds a command.
 */
async function deliverLocked(
	httpRequest: HttpRequest,
	context: SendingContext | undefined,
	channel: ChannelRef,
	message: InboundMessage,
	options: DeliveryOptions,
): Promise<DeliveryOutcome> {
	const store = getConversationStore();
	const routeOptions: RouteOptions = {
		now: Date.now(),
		runningLeaseMs: options.runningLeaseMs,
		newConversationId: () => randomUUID(),
		newProtocolo: () => newProtocol(new Date()),
		skipDedupe: options.skipDedupe,
	};
	const command = message.content.kind === 'text' ? message.content.text.trim().toLowerCase() : '';
	if (command === OPT_OUT_COMMAND || command === OPT_IN_COMMAND) {
		const recorded = await store.routeInbound(channel, message, { ...routeOptions, command: true });
		if (recorded.action === 'duplicate') return { kind: 'duplicate' };
		if (!context) throw new Error('Comando /bloquear ou /desbloquear sem o contexto do gatilho');
		return await handleOptCommand(context, recorded.conversation, command === OPT_OUT_COMMAND);
	}
	const logger = context?.logger;
	const decision = await store.routeInbound(channel, message, routeOptions);
	if (decision.action !== 'resume') return logged(logger, decision, await outcomeOf(decision, message));

	options.onBotTurn?.(message);
	const delivery: ResumeDelivery = { conversationId: decision.conversation.id, message, waiter: decision.waiter };
	const facts = { node: decision.waiter.nodeName, protocolo: decision.conversation.protocolo };
	let outcome;
	try {
		outcome = await postResume(httpRequest, delivery, await store.internalSecret());
	} catch (error) {
		logLine(logger, 'warn', `resposta do cliente não entregue ao card (${errorText(error)}); o canal vai reenviar`, facts);
		await restoreWaiter(decision.conversation.id, decision.waiter);
		throw error; // the channel gets an error and redelivers; the card still waits
	}
	if (outcome === 'resumed') {
		logLine(logger, 'debug', 'atendimento retomado com a resposta do cliente', facts);
		return { kind: 'resumed' };
	}
	if (isTestRun(channel)) {
		// A test run whose manual execution was stopped: the test is over, nothing starts on the test URL.
		logLine(logger, 'info', 'a execução de teste que esperava a resposta foi parada: o teste no editor terminou', facts);
		await endConversation(decision.conversation.id, { reason: 'teste_interrompido' });
		return { kind: 'testEnded' };
	}
	// The execution died with its process (a worker killed): the card runs again and takes the answer.
	if (await rerunParkedCard(store, decision.conversation.id, decision.waiter, decision.checkpoint, message)) return { kind: 'resumed' };
	logLine(logger, 'warn', 'a execução que esperava a resposta não existe mais: o atendimento recomeça', facts);
	// The waiting execution is gone (finished, failed or deleted): the contact starts over. A secret answer
	// (a password) starts it as "••••••": the first message is saved in the new execution's data.
	await store.update(decision.conversation.id, (record) => {
		record.state = 'ended';
		record.checkpoint = undefined;
		record.endedAt = Date.now();
		record.endReason = 'execucao_encerrada';
		record.events = appendEvent(record.events, { at: Date.now(), type: 'execucao_perdida' });
	});
	const restart = expectsSecretAnswer(decision.waiter.dialog) ? maskedMessage(message) : message;
	const again = await store.routeInbound(channel, restart, { ...routeOptions, skipDedupe: true });
	return logged(logger, again, await outcomeOf(again, restart));
}

/** One log line per routed message: a start at info, the rest at debug (one per customer message). */
function logged(logger: Logger | undefined, decision: RouteDecision, outcome: DeliveryOutcome): DeliveryOutcome {
	if (decision.action === 'duplicate') {
		logLine(logger, 'debug', 'mensagem repetida pelo canal descartada');
	} else if (decision.action === 'start') {
		logLine(logger, 'info', `atendimento iniciado (${decision.conversation.channel.type})`, { protocolo: decision.conversation.protocolo });
	} else {
		const what = { queued: 'na fila da conversa (o fluxo está rodando)', human: 'registrada para o atendente', recorded: 'registrada: contato bloqueado (/bloquear)' }[
			decision.action as 'queued' | 'human' | 'recorded'
		];
		logLine(logger, 'debug', `mensagem do cliente ${what ?? decision.action}`, { protocolo: decision.conversation.protocolo });
	}
	return outcome;
}

async function outcomeOf(decision: RouteDecision, message: InboundMessage): Promise<DeliveryOutcome> {
	if (decision.action === 'start') return { kind: 'start', conversation: await withInvitation(await withContactTags(decision.conversation)), message };
	if (decision.action === 'resume') return { kind: 'resumed' };
	if (decision.action === 'recorded') return { kind: 'blocked' };
	// A message for the Painel do Atendente: the agents' long polls pick it up.
	if (decision.action === 'human' && decision.conversation.desk === 'painel') await getConversationStore().publishDeskChange(decision.conversation.id, 'mensagem');
	return { kind: decision.action };
}

/**
 * A new WhatsApp conversation of a contact invited by Migrar para WhatsApp takes the invitation (once):
 * its protocolo and variables, and, when the card chose another flow, that flow's trigger URL, through
 * which the trigger starts the execution (docs/arquitetura.md §14).
 */
async function withInvitation(conversation: Conversation): Promise<Conversation> {
	if (conversation.channel.type !== 'whatsapp') return conversation;
	const store = getConversationStore();
	const key = invitationKey(conversation.channel.accountId, conversation.contact.phone ?? conversation.contact.id);
	const invitation = await store.takeInvitation(key, Date.now());
	if (!invitation) return conversation;
	const updated = await store.update(conversation.id, (record) => {
		record.protocolo = invitation.protocolo;
		Object.assign(record.variables, invitation.variables);
		if (invitation.triggerPath) record.channel.triggerUrl = triggerUrlOfPath(record.channel.triggerUrl, invitation.triggerPath);
		record.events = appendEvent(record.events, {
			at: Date.now(),
			type: 'convite_whatsapp',
			data: { enviadoEm: invitation.sentAt, fluxo: invitation.triggerPath ?? null },
		});
	});
	logLine(undefined, 'info', `atendimento aberto pela resposta a um convite do WhatsApp${invitation.triggerPath ? ` (fluxo do gatilho "${invitation.triggerPath}")` : ''}`, {
		protocolo: invitation.protocolo,
	});
	return updated ?? conversation;
}

/** A new conversation starts with the contact's tags (Adicionar Etiqueta on the contact). */
async function withContactTags(conversation: Conversation): Promise<Conversation> {
	const store = getConversationStore();
	const tags = await store.contactTags(conversation.channel.type, conversation.contact.id);
	if (tags.length === 0) return conversation;
	return (
		(await store.update(conversation.id, (record) => {
			record.contactTags = tags;
		})) ?? conversation
	);
}

/**
 * /bloquear or /desbloquear, already recorded in the history of the contact's conversation
 * (`conversation`): records the consent; /bloquear also ends the conversation, so that no card takes
 * the contact's next messages and nothing starts until /desbloquear.
 */
async function handleOptCommand(
	context: SendingContext,
	conversation: Conversation,
	optOut: boolean,
): Promise<DeliveryOutcome> {
	const store = getConversationStore();
	await store.setConsent(conversation.channel.type, conversation.contact.id, optOut ? 'out' : 'in');
	if (optOut && conversation.state !== 'ended') {
		// The bot stops here: a card still waiting must not take the contact's next answer.
		await endConversation(conversation.id, { reason: 'opt_out' });
	}
	await sendToConversation(context, conversation, [{ kind: 'text', text: optOut ? OPT_OUT_CONFIRMATION : OPT_IN_CONFIRMATION }], {
		ignoreOptOut: true,
	});
	return { kind: optOut ? 'optOut' : 'optIn' };
}

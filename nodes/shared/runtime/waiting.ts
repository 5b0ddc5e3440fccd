import {
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import type { InboundMessage, OutboundMessage } from '../channels/types';
import { getConversationStore } from '../conversation';
import { nextCheckpoint, PROCESS_ID, stepItems } from '../conversation/checkpoint';
import { appendEvent } from '../conversation/routing';
import type { Conversation, Waiter } from '../conversation/types';
import { safeEqual } from '../channels/signature';
import { toAtendimentoItem } from './atendimento';
import { workflowIdOf } from './card';
import { deadlineParked, N8N_FALLBACK_DELAY_MS } from './deadlines';
import type { ResumeDelivery } from './resume';
import { isQueueMode, parkWithOutputs, waitingCardResumeUrl } from './n8n-engine';
import { INTERNAL_SECRET_HEADER, sendToConversation, type SendingContext } from './send';
import { sendUnlessOutsideWindow } from './whatsapp-window';

/** What a card makes of one customer message. */
export type AnswerEvaluation =
	/**
	 * `variables`: conversation variables the answer sets besides `saveAs` (e.g. each field of a form);
	 * `record`: other changes to the conversation record, made in the same update (e.g. its description).
	 */
	| { accepted: true; output: number; result: IDataObject; variables?: Record<string, unknown>; record?: (record: Conversation) => void }
	/** Not an answer to this wait at all (e.g. a form reply with another wait's token): nothing sent, no attempt counted. */
	| { accepted: false; ignored: true }
	/** Invalid: count an attempt and wait at the same question, or at `dialog`'s when given (a multi-step card going back). */
	| { accepted: false; reason?: string; dialog?: Record<string, unknown> }
	/**
	 * The answer moved a multi-step card to its next question (already sent): keep waiting; attempts start
	 * over unless `keepAttempts` (the next question belongs to the same attempt, e.g. a password after the login).
	 */
	| { accepted: false; proceed: Record<string, unknown>; keepAttempts?: boolean };

/** Where a multi-step card is in its dialog (`Waiter.dialog`). */
export type DialogState = Record<string, unknown> | undefined;

/** How a waiting card behaves; built from its parameters in execute() and webhook() alike. */
export interface WaitingCardConfig {
	/** Number of outputs of the card. */
	outputCount: number;
	/** Output taken when attempts run out. */
	maxAttemptsOutput: number;
	/** Output taken when nobody answers before the deadline; undefined = wait forever. */
	noAnswerOutput?: number;
	/**
	 * Output taken when the question cannot reach the customer because WhatsApp's 24-hour window is
	 * closed and the trigger has no fallback template (OutsideWindowError); undefined = the card fails.
	 */
	outsideWindowOutput?: number;
	maxAttempts: number;
	/** 0 = no deadline. */
	timeoutMinutes: number;
	/** Conversation variable that receives the accepted answer's `resposta` field. */
	saveAs?: string;
	invalidMessages: (reason: string | undefined) => OutboundMessage[];
	maxAttemptsMessages: OutboundMessage[];
	/** May be async (e.g. a card that asks a model); awaited before the answer is routed. `attempts`: invalid answers so far. */
	evaluate: (message: InboundMessage, conversation: Conversation, dialog?: DialogState, attempts?: number) => AnswerEvaluation | Promise<AnswerEvaluation>;
	/** Side effects of an accepted answer (e.g. recording consent), run before the card resumes. */
	afterAnswer?: (conversation: Conversation, output: number) => Promise<void>;
}

type Outputs = INodeExecutionData[][];

function routeTo(config: WaitingCardConfig, output: number, item: INodeExecutionData): Outputs {
	const outputs: Outputs = Array.from({ length: config.outputCount }, () => []);
	outputs[output] = [item];
	return outputs;
}

function answerItem(conversation: Conversation, result: IDataObject): INodeExecutionData {
	return { json: { ...result, atendimento: toAtendimentoItem(conversation) as unknown as IDataObject }, pairedItem: { item: 0 } };
}

type Step =
	| { done: true; outputs: Outputs; conversation: Conversation }
	/** `askedAt`: when the question now awaited finished sending (a multi-step card's next question). */
	| { done: false; attempts: number; dialog: DialogState; conversation: Conversation; askedAt?: number };

/**
 * The card was settled with `outputs` (an answer, the last attempt, "Sem resposta"): the flow runs again
 * from these outputs should the process running the rest die (checkpoint.ts). In a queue-mode waiting
 * webhook n8n hands the rest to a worker not known here: no process is named.
 */
function settle(context: SendingContext, record: Conversation, waiter: Pick<Waiter, 'nodeName' | 'executionId'>, outputs: Outputs): void {
	const workflowId = workflowIdOf(context);
	const items = workflowId ? stepItems(outputs) : undefined;
	const runsHere = 'getInputData' in context || !isQueueMode();
	record.checkpoint =
		workflowId && items
			? nextCheckpoint(record.checkpoint, { at: 'saida', workflowId, nodeName: waiter.nodeName, items, executionId: waiter.executionId, process: runsHere ? PROCESS_ID : undefined }, Date.now())
			: undefined;
}

/** Applies one message to the card: accept (route), reject (count, re-ask) or exhaust (max-attempts output). */
async function handleMessage(
	context: SendingContext,
	config: WaitingCardConfig,
	waiter: Pick<Waiter, 'nodeName' | 'executionId'>,
	conversation: Conversation,
	message: InboundMessage,
	attempts: number,
	dialog: DialogState,
): Promise<Step> {
	const store = getConversationStore();
	const evaluation = await config.evaluate(message, conversation, dialog, attempts);
	if (!evaluation.accepted && 'ignored' in evaluation) return { done: false, attempts, dialog, conversation };
	if (!evaluation.accepted && 'proceed' in evaluation) {
		const updated = (await store.get(conversation.id)) ?? conversation;
		// The next question became visible when the channel took it (its history entry), not now: a quick
		// answer may already be on its way.
		const askedAt = [...updated.history].reverse().find((entry) => entry.from === 'bot' && entry.status === 'enviada')?.at ?? Date.now();
		return { done: false, attempts: evaluation.keepAttempts ? attempts : 0, dialog: evaluation.proceed, conversation: updated, askedAt };
	}
	if (evaluation.accepted) {
		await config.afterAnswer?.(conversation, evaluation.output);
		const updated = (await store.update(conversation.id, (record) => {
			if (config.saveAs && evaluation.result.resposta !== undefined) record.variables[config.saveAs] = evaluation.result.resposta;
			if (evaluation.variables) Object.assign(record.variables, evaluation.variables);
			evaluation.record?.(record);
			record.events = appendEvent(record.events, { at: Date.now(), type: 'resposta', node: waiter.nodeName, data: { saida: evaluation.output } });
			settle(context, record, waiter, routeTo(config, evaluation.output, answerItem(record, evaluation.result)));
		}))!;
		return { done: true, outputs: routeTo(config, evaluation.output, answerItem(updated, evaluation.result)), conversation: updated };
	}
	const nextAttempts = attempts + 1;
	if (nextAttempts >= config.maxAttempts) {
		await sendToConversation(context, conversation, config.maxAttemptsMessages);
		const updated = (await store.update(conversation.id, (record) => {
			record.events = appendEvent(record.events, { at: Date.now(), type: 'maximo_tentativas', node: waiter.nodeName });
			settle(context, record, waiter, routeTo(config, config.maxAttemptsOutput, answerItem(record, { maximoTentativas: true })));
		}))!;
		return { done: true, outputs: routeTo(config, config.maxAttemptsOutput, answerItem(updated, { maximoTentativas: true })), conversation: updated };
	}
	await sendToConversation(context, conversation, config.invalidMessages(evaluation.reason));
	return { done: false, attempts: nextAttempts, dialog: evaluation.dialog ?? dialog, conversation };
}

/**
 * Parks the card, or answers right away from the conversation's inbox. Returns the outputs when an
 * answer (or the max-attempts path) settled the card, or undefined when the card is now waiting.
 */
async function parkOrAnswer(
	context: SendingContext,
	config: WaitingCardConfig,
	conversation: Conversation,
	waiter: Waiter,
): Promise<Outputs | undefined> {
	const store = getConversationStore();
	let attempts = waiter.attempts;
	let dialog = waiter.dialog;
	let askedAt = waiter.askedAt;
	let current = conversation;
	for (;;) {
		const parked: Waiter = { ...waiter, attempts, dialog, askedAt };
		const taken = await store.parkOrTake(current.id, parked);
		if (!taken) {
			// The park wrote the deadline into the store's schedule; this process's poller claims it on time.
			deadlineParked(parked.deadline);
			return undefined;
		}
		// parkOrTake may have moved earlier messages to the context: the card reads the record as it is now.
		current = (await store.get(current.id)) ?? current;
		const step = await handleMessage(context, config, waiter, current, taken, attempts, dialog);
		if (step.done) return step.outputs;
		attempts = step.attempts;
		dialog = step.dialog;
		askedAt = step.askedAt ?? askedAt;
		current = step.conversation;
	}
}

/**
 * execute() of a waiting card (docs/arquitetura.md §1), after `enterCard`: sends the prompt, then either answers from the
 * inbox or parks the execution with n8n's waiting mechanism. Before parking it arranges for n8n's own
 * timeout (which passes the node's input through) to come out of the "Sem resposta" output.
 */
export async function startWaitingCard(
	context: IExecuteFunctions,
	config: WaitingCardConfig,
	conversation: Conversation,
	prompt: OutboundMessage[],
	dialog?: Record<string, unknown>,
): Promise<Outputs> {
	// Messages that arrive once the channel took the question were written with it on screen: they are
	// answers. A card that asks nothing (empty prompt) reads what is already in the inbox.
	let sentAt: number | undefined;
	const sending = async () => (sentAt = await sendToConversation(context, conversation, prompt));
	if ((await sendUnlessOutsideWindow(sending, config.outsideWindowOutput !== undefined)) === 'outsideWindow') {
		return routeTo(config, config.outsideWindowOutput!, answerItem(conversation, { foraDaJanela: true }));
	}
	const askedAt = prompt.length > 0 ? sentAt : undefined;
	const deadline = config.timeoutMinutes > 0 ? new Date(Date.now() + config.timeoutMinutes * 60_000) : WAIT_INDEFINITELY;
	// The pack fires deadlines itself, on time (deadlines.ts); n8n's own timeout, which it checks only
	// once a minute, stays as the fallback should no process of the pack fire it.
	const n8nDeadline = config.timeoutMinutes > 0 ? new Date(deadline.getTime() + N8N_FALLBACK_DELAY_MS) : WAIT_INDEFINITELY;
	const waiter: Waiter = {
		resumeUrl: waitingCardResumeUrl(context),
		executionId: context.getExecutionId(),
		nodeName: context.getNode().name,
		attempts: 0,
		deadline: config.timeoutMinutes > 0 ? deadline.getTime() : undefined,
		dialog,
		askedAt,
	};
	const settled = await parkOrAnswer(context, config, conversation, waiter);
	if (settled) return settled;

	const noAnswer = config.noAnswerOutput ?? 0;
	const noAnswerItem = answerItem(conversation, { semResposta: true });
	// n8n's own timeout passes the card's input through: it becomes "this item on the Sem resposta output";
	// while parked the card shows no output (nothing taken yet).
	return await parkWithOutputs(context, routeTo(config, noAnswer, noAnswerItem), n8nDeadline);
}

/**
 * webhook() of a waiting card: receives the message the trigger delivers; `configFor` builds the card's
 * behaviour for the delivery's conversation. A valid answer resumes the
 * execution on its output; an invalid one re-asks and keeps the execution waiting (no workflowData).
 */
export async function resumeWaitingCard(
	context: IWebhookFunctions,
	configFor: (conversation: Conversation) => WaitingCardConfig,
): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	const store = getConversationStore();
	const secret = request.headers[INTERNAL_SECRET_HEADER];
	if (typeof secret !== 'string' || !safeEqual(secret, await store.internalSecret())) {
		context.getResponseObject().status(401);
		return { webhookResponse: { error: 'Chamada interna sem o segredo do atendimento.' } };
	}
	const delivery = context.getBodyData() as unknown as ResumeDelivery;
	const conversation = delivery?.conversationId ? await store.get(delivery.conversationId) : undefined;
	if (!conversation || !delivery.waiter || !('message' in delivery || 'timeout' in delivery)) {
		context.getResponseObject().status(400);
		return { webhookResponse: { error: 'Entrega sem conversa, mensagem ou espera.' } };
	}
	const config = configFor(conversation);
	if ('timeout' in delivery) {
		const updated = (await store.update(conversation.id, (record) => {
			record.events = appendEvent(record.events, { at: Date.now(), type: 'sem_resposta', node: delivery.waiter.nodeName });
			settle(context, record, delivery.waiter, routeTo(config, config.noAnswerOutput ?? 0, answerItem(record, { semResposta: true })));
		}))!;
		const item = answerItem(updated, { semResposta: true });
		return { workflowData: routeTo(config, config.noAnswerOutput ?? 0, item), webhookResponse: { status: 'sem_resposta' } };
	}
	const step = await handleMessage(
		context,
		config,
		delivery.waiter,
		conversation,
		delivery.message,
		delivery.waiter.attempts,
		delivery.waiter.dialog,
	);
	if (step.done) return { workflowData: step.outputs, webhookResponse: { status: 'retomado' } };
	const settled = await parkOrAnswer(context, config, step.conversation, {
		...delivery.waiter,
		attempts: step.attempts,
		dialog: step.dialog,
		askedAt: step.askedAt ?? delivery.waiter.askedAt,
	});
	if (settled) return { workflowData: settled, webhookResponse: { status: 'retomado' } };
	return { webhookResponse: { status: 'aguardando', tentativas: step.attempts } };
}

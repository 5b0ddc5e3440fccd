import type { IHttpRequestOptions } from 'n8n-workflow';

import type { InboundMessage } from '../channels/types';
import { getConversationStore, type ConversationStore } from '../conversation';
import type { DeskOutcome, Waiter } from '../conversation/types';
import { errorText, logLine } from '../log';
import { EXECUTION_MISSING, isStillBeingSaved, resumeStatus } from './n8n-engine';
import { INTERNAL_SECRET_HEADER } from './send';

/** How the human part of a Painel conversation ended, posted to the parked Transferir Atendimento. */
export interface DeskEnd {
	fim: DeskOutcome;
	/** Login of the agent who ended it (none for inactivity). */
	por?: string;
}

/**
 * Body posted to a waiting card's resume URL: the customer's message, the card's deadline passing, or
 * (Transferir Atendimento only) the end of the human part on the Painel.
 */
export type ResumeDelivery = { conversationId: string; waiter: Waiter } & ({ message: InboundMessage } | { timeout: true } | { desk: DeskEnd });

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** Delays between retries of a resume that n8n refused with 409 "running already" (≈ 12 s in all). */
const RESUME_RETRY_DELAYS_MS = [10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 2500, 3000];

/**
 * Delays between reads of the execution's status while n8n has not yet saved it as waiting, before
 * posting a resume (≈ 12 s in all; then the post goes anyway, with the 409 retries as the fallback).
 */
const SAVING_POLL_DELAYS_MS = [5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 2500, 3000];

/** What became of a resume: delivered, or the execution no longer waits (finished, failed, deleted). */
export type ResumeOutcome = 'resumed' | 'gone';

/**
 * Posts a delivery to the waiting card's resume URL. A card's store says "waiting" as soon as it parks,
 * a moment before n8n saves the execution as waiting; a resume posted in between gets 409 "running
 * already", which n8n logs as an error. So the execution's status is read first (`statusOf`, n8n's
 * database through n8n-engine.ts) and the post waits, briefly and boundedly, while it is still 'running'.
 * Retries while n8n answers that the execution is still being saved as waiting (`isStillBeingSaved`).
 * Throws when n8n could not be reached or failed (5xx): the execution may still be waiting.
 */
export async function postResume(
	httpRequest: HttpRequest,
	delivery: ResumeDelivery,
	secret: string,
	statusOf: (executionId: string) => Promise<string | undefined> = resumeStatus,
): Promise<ResumeOutcome> {
	// A deleted execution would get n8n's 404 (an ERROR line in its log): it is gone without a post.
	if ((await untilSaved(delivery.waiter.executionId, statusOf)) === EXECUTION_MISSING) return 'gone';
	for (let attempt = 0; ; attempt++) {
		const response = (await httpRequest({
			method: 'POST',
			url: delivery.waiter.resumeUrl,
			headers: { [INTERNAL_SECRET_HEADER]: secret },
			body: delivery,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as { statusCode: number; body: unknown };
		if (response.statusCode < 300) return 'resumed';
		if (response.statusCode >= 500) throw new Error(`Retomada recusada pelo n8n (HTTP ${response.statusCode})`);
		const stillSaving = isStillBeingSaved(response.statusCode, response.body);
		if (!stillSaving || attempt >= RESUME_RETRY_DELAYS_MS.length) return 'gone';
		await new Promise((resolve) => setTimeout(resolve, RESUME_RETRY_DELAYS_MS[attempt]));
	}
}

/**
 * Waits while n8n still runs execution `executionId` (not yet saved as waiting), at most
 * SAVING_POLL_DELAYS_MS in all; returns the last status read (undefined: unreadable).
 */
async function untilSaved(executionId: string, statusOf: (executionId: string) => Promise<string | undefined>): Promise<string | undefined> {
	for (const delay of [...SAVING_POLL_DELAYS_MS, undefined]) {
		let status: string | undefined;
		try {
			status = await statusOf(executionId);
		} catch (error) {
			// n8n's database could not be read: post now; the 409 retries cover a resume that comes too early.
			logLine(undefined, 'debug', `situação da execução ${executionId} não lida (${errorText(error)}); retomada enviada sem esperar`);
			return undefined;
		}
		if (status !== 'running' || delay === undefined) return status;
		await new Promise((resolve) => setTimeout(resolve, delay));
	}
	return undefined;
}

/**
 * Puts a taken waiter back when its delivery failed in transit, so the card keeps waiting for it (and its
 * deadline is scheduled again, deadline-schedule.ts).
 */
export async function restoreWaiter(conversationId: string, waiter: Waiter, store: ConversationStore = getConversationStore()): Promise<void> {
	await store.update(conversationId, (record) => {
		if (record.state === 'running' && !record.waiter) {
			record.state = 'waiting';
			record.waiter = waiter;
		}
	});
}

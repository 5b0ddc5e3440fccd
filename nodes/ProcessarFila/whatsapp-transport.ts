/**
 * The sender's HTTP call inside n8n: the job's template request through the node's WhatsApp
 * credential (`httpRequestWithAuthentication`, which applies the credential's `authenticate`), with a
 * time limit; statuses, timeouts and network failures come back as a SendOutcome, never as an
 * exception. The credential is loaded once per run and handed to each call: n8n would otherwise read
 * it from its database and decrypt it again for every message (most of the cost at 1000 messages/s).
 */
import type { ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';

import type { BroadcastJob } from '../shared/broadcast/types';
import { InvalidOutboundError } from '../shared/channels/errors';
import { sendHttpRequest } from '../shared/http/request';
import type { SendOutcome } from './outcome';
import { templateSendRequest } from './template-request';

export const WHATSAPP_CREDENTIAL_TYPE = 'atendimentoWhatsAppApi';

/** Where sends go, from the credential. */
export interface WhatsAppTarget {
	baseUrl: string;
	apiVersion: string;
	phoneNumberId: string;
}

/** One send per call: `POST <baseUrl>/<version>/<phoneNumberId>/messages`. */
export function whatsAppTemplateSender(
	context: IExecuteFunctions,
	target: WhatsAppTarget,
	credentialsDecrypted: ICredentialsDecrypted,
	timeoutMs: number,
): (job: BroadcastJob) => Promise<SendOutcome> {
	const baseUrl = target.baseUrl.replace(/\/+$/, '');
	return async (job) => {
		let wire;
		try {
			wire = templateSendRequest(job, target);
		} catch (error) {
			if (error instanceof InvalidOutboundError) return { kind: 'invalid', reason: error.message };
			throw error;
		}
		// the send endpoint never redirects: no redirect-following wrapper around each request
		const request = { method: wire.method, url: `${baseUrl}${wire.path}`, body: wire.body as object, json: true, disableFollowRedirect: true };
		const outcome = await sendHttpRequest(context, { request, credentialType: WHATSAPP_CREDENTIAL_TYPE, credentialsDecrypted }, timeoutMs);
		switch (outcome.kind) {
			case 'response':
				return { kind: 'response', statusCode: outcome.statusCode, body: jsonBody(outcome.body) };
			case 'timeout':
				return { kind: 'timeout' };
			case 'network':
				return { kind: 'network', code: outcome.code };
		}
	};
}

/** Error bodies may arrive as text: parsed when they are JSON, so their error code is read. */
function jsonBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

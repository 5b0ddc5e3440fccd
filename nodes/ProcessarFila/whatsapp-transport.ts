/**
 * The sender's HTTP call inside n8n: one attempt of the job's template send with the WhatsApp API
 * module (`sendOnce`: the queue owns the retries), through the node's WhatsApp credential, with a
 * time limit; statuses, timeouts and network failures come back as a SendOutcome, never as an
 * exception. The credential is loaded once per run and handed to each call: n8n would otherwise read
 * it from its database and decrypt it again for every message (most of the cost at 1000 messages/s).
 */
import type { ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';

import type { BroadcastJob } from '../shared/broadcast/types';
import { InvalidOutboundError } from '../shared/channels/errors';
import { doorOf, parsedBody } from '../shared/channels/transport';
import { WHATSAPP_CREDENTIAL_TYPE, whatsAppApi } from '../shared/channels/whatsapp/api';
import type { SendOutcome } from './outcome';
import { templateSendRequest } from './template-request';

export { WHATSAPP_CREDENTIAL_TYPE } from '../shared/channels/whatsapp/api';

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
	const api = whatsAppApi(doorOf(context, WHATSAPP_CREDENTIAL_TYPE, credentialsDecrypted), target);
	return async (job) => {
		let wire;
		try {
			wire = templateSendRequest(job, target);
		} catch (error) {
			if (error instanceof InvalidOutboundError) return { kind: 'invalid', reason: error.message };
			throw error;
		}
		const outcome = await api.sendOnce(wire, timeoutMs);
		switch (outcome.kind) {
			case 'response':
				return { kind: 'response', statusCode: outcome.statusCode, body: parsedBody(outcome.body) };
			case 'timeout':
				return { kind: 'timeout' };
			case 'network':
				return { kind: 'network', code: outcome.code };
		}
	};
}

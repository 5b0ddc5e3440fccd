/**
 * The sender's HTTP call inside n8n: one attempt of the job's template send with the WhatsApp API
 * module (`sendOnce`: the queue owns the retries), with a time limit; statuses, timeouts and network
 * failures come back as a SendOutcome, never as an exception.
 *
 * The door ({@link processarFilaDoor}) keeps its connections to the Graph API open between sends
 * (transport.ts `keepAliveDoor`): n8n's `httpRequestWithAuthentication` opens a new connection for
 * every request, which held the node at about half of 1,000 messages/s (docs/arquitetura.md §8). The
 * credential is read through n8n once per run and handed to the door, which lives as long as the run.
 */
import type { ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';

import type { BroadcastJob } from '../shared/broadcast/types';
import { InvalidOutboundError } from '../shared/channels/errors';
import { doorOf, keepAliveDoor, parsedBody, type ChannelDoor } from '../shared/channels/transport';
import { WHATSAPP_CREDENTIAL_TYPE, whatsAppApi, whatsAppAuthentication, type WhatsAppCredentials } from '../shared/channels/whatsapp/api';
import { keepAliveAllowed } from '../shared/http/keep-alive';
import type { SendOutcome } from './outcome';
import { templateSendRequest } from './template-request';

export { WHATSAPP_CREDENTIAL_TYPE } from '../shared/channels/whatsapp/api';

/** Where sends go, from the credential. */
export interface WhatsAppTarget {
	baseUrl: string;
	apiVersion: string;
	phoneNumberId: string;
}

/**
 * The door of one run: kept-alive connections with the run's credential, or n8n's helper (with the
 * same credential) when n8n must send through a proxy or check destinations (`keepAliveAllowed`).
 */
export function processarFilaDoor(context: IExecuteFunctions, credentialsDecrypted: ICredentialsDecrypted, env: NodeJS.ProcessEnv = process.env): ChannelDoor {
	if (!keepAliveAllowed(env)) return doorOf(context, WHATSAPP_CREDENTIAL_TYPE, credentialsDecrypted);
	return keepAliveDoor(context.getNode(), whatsAppAuthentication(credentialsDecrypted.data as unknown as Pick<WhatsAppCredentials, 'accessToken'>));
}

/** One send per call: `POST <baseUrl>/<version>/<phoneNumberId>/messages`. */
export function whatsAppTemplateSender(door: ChannelDoor, target: WhatsAppTarget, timeoutMs: number): (job: BroadcastJob) => Promise<SendOutcome> {
	const api = whatsAppApi(door, target);
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

import type { IWebhookFunctions } from 'n8n-workflow';

import { instagramWebhook, META_TEST_ACCOUNT as ACCOUNT, metaTextEvent, pageWebhook } from '../../../test/simulators/meta-messaging';
import { signWebhookBody } from '../../../test/simulators/whatsapp-webhooks';
import { useTemporaryStore } from '../../../test/support/temporary-store';
import type { MessengerCredentials } from '../../shared/channels/meta-messaging/api';
import type { TriggerConfig } from './inbound';
import { handleMetaMessagingDelivery, handleMetaMessagingVerification } from './meta-messaging';

useTemporaryStore('meta-messaging-handler', () => undefined);

const credentials: MessengerCredentials = { pageId: ACCOUNT.pageId, accessToken: ACCOUNT.accessToken, appSecret: ACCOUNT.appSecret, verifyToken: ACCOUNT.verifyToken, baseUrl: 'http://127.0.0.1:1' };
const config: TriggerConfig = { channel: { type: 'messenger', accountId: ACCOUNT.pageId, triggerUrl: 'http://127.0.0.1/webhook/messenger' }, runningLeaseMs: 60_000 };

interface Answer {
	status?: number;
	body?: unknown;
}

/** Meta's request as n8n hands it to the trigger, and what the trigger answered; `sent` counts calls to Meta. */
function request(options: { query?: Record<string, string>; raw?: string; signature?: string }) {
	const answer: Answer = {};
	const calls: unknown[] = [];
	const raw = options.raw ?? '';
	let body: unknown = {};
	try {
		body = JSON.parse(raw);
	} catch {
		body = {};
	}
	const context = {
		getQueryData: () => options.query ?? {},
		getBodyData: () => body,
		getHeaderData: () => (options.signature ? { 'x-hub-signature-256': options.signature } : {}),
		getRequestObject: () => ({ method: options.raw === undefined ? 'GET' : 'POST', rawBody: Buffer.from(raw), body }),
		getResponseObject: () => ({
			status: (status: number) => void (answer.status = status),
			setHeader: () => undefined,
			send: (sent: unknown) => void (answer.body = sent),
			json: (sent: unknown) => void (answer.body = sent),
		}),
		getNode: () => ({ name: 'Início do Atendimento', credentials: {} }),
		logger: { warn: () => undefined, info: () => undefined, debug: () => undefined, error: () => undefined },
		helpers: {
			httpRequest: async (call: unknown) => void calls.push(call),
			httpRequestWithAuthentication: async (_type: string, call: unknown) => void calls.push(call),
		},
	} as unknown as IWebhookFunctions;
	return { context, answer, calls };
}

describe('handleMetaMessagingVerification', () => {
	it('answers the raw challenge as text; a wrong token or mode gets 403', () => {
		const ok = request({ query: { 'hub.mode': 'subscribe', 'hub.verify_token': ACCOUNT.verifyToken, 'hub.challenge': '1158201444' } });
		handleMetaMessagingVerification(ok.context, credentials);
		expect(ok.answer).toEqual({ status: 200, body: '1158201444' });
		const wrong = request({ query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'outro', 'hub.challenge': '1' } });
		handleMetaMessagingVerification(wrong.context, credentials);
		expect(wrong.answer.status).toBe(403);
		const mode = request({ query: { 'hub.mode': 'unsubscribe', 'hub.verify_token': ACCOUNT.verifyToken, 'hub.challenge': '1' } });
		handleMetaMessagingVerification(mode.context, credentials);
		expect(mode.answer.status).toBe(403);
	});
});

describe('handleMetaMessagingDelivery', () => {
	it('refuses a missing or wrong signature (401) before reading anything', async () => {
		const raw = JSON.stringify(pageWebhook(metaTextEvent('psid', 'oi')));
		const missing = request({ raw });
		await handleMetaMessagingDelivery(missing.context, 'messenger', config, credentials);
		expect(missing.answer.status).toBe(401);
		const wrong = request({ raw, signature: signWebhookBody(raw, 'outro-segredo') });
		await handleMetaMessagingDelivery(wrong.context, 'messenger', config, credentials);
		expect(wrong.answer.status).toBe(401);
		expect([...missing.calls, ...wrong.calls]).toEqual([]);
	});

	it('signed but not a delivery of this channel (Instagram on the Messenger trigger, no entry): 400', async () => {
		for (const payload of [instagramWebhook(metaTextEvent('igsid', 'oi')), { object: 'page' }]) {
			const raw = JSON.stringify(payload);
			const call = request({ raw, signature: signWebhookBody(raw, ACCOUNT.appSecret) });
			await handleMetaMessagingDelivery(call.context, 'messenger', config, credentials);
			expect(call.answer.status).toBe(400);
		}
	});

	it("ignores another Page's messages: 200, nothing routed, no read or typing indicator", async () => {
		const raw = JSON.stringify(pageWebhook(metaTextEvent('psid', 'oi'), '999000000000999'));
		const call = request({ raw, signature: signWebhookBody(raw, ACCOUNT.appSecret) });
		expect(await handleMetaMessagingDelivery(call.context, 'messenger', config, credentials)).toEqual({ noWebhookResponse: true });
		expect(call.answer).toEqual({ status: 200, body: { ok: true, mensagens: 0 } });
		expect(call.calls).toEqual([]);
	});
});

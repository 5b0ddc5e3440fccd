// The Messenger Platform simulator enforces the documented limits and windows itself (raw requests,
// not through the pack's adapter), so the adapter's tests against it mean something.
import { createHmac } from 'node:crypto';

import { startSimulator, textReply, type RecordedRequest } from '../../simulators/base';
import {
	instagramWebhook,
	META_TEST_ACCOUNT as ACCOUNT,
	metaEchoEvent,
	metaTextEvent,
	pageWebhook,
	startMetaMessagingSimulator,
	type MetaMessagingSimulator,
} from '../../simulators/meta-messaging';

let meta: MetaMessagingSimulator;
beforeEach(async () => {
	meta = await startMetaMessagingSimulator();
});
afterEach(async () => await meta.close());

async function post(path: string, body: unknown, token: string = ACCOUNT.accessToken): Promise<{ status: number; json: { error?: { code: number; error_subcode?: number; message: string }; message_id?: string } }> {
	const response = await fetch(`${meta.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as never };
}

const page = `/v26.0/${ACCOUNT.pageId}/messages`;
const send = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ recipient: { id: 'psid' }, messaging_type: 'RESPONSE', message, ...extra });
const quickReplies = (count: number, title = 'Opção', payload = 'p') => Array.from({ length: count }, (_, index) => ({ content_type: 'text', title, payload: `${payload}${index}` }));

describe('Messenger Platform simulator: limits as Graph error 100', () => {
	beforeEach(() => meta.customerWrote('psid'));

	it('accepts 13 quick replies with 20-character titles; refuses 14, a 21-character title and a 1001-character payload', async () => {
		expect((await post(page, send({ text: 'x', quick_replies: quickReplies(13, 'a'.repeat(20)) }))).status).toBe(200);
		expect((await post(page, send({ text: 'x', quick_replies: quickReplies(14) }))).json.error?.code).toBe(100);
		expect((await post(page, send({ text: 'x', quick_replies: quickReplies(1, 'a'.repeat(21)) }))).json.error?.code).toBe(100);
		expect((await post(page, send({ text: 'x', quick_replies: [{ content_type: 'text', title: 'a', payload: 'p'.repeat(1001) }] }))).json.error?.code).toBe(100);
	});

	it('button template: text up to 640 characters and 1 to 3 buttons', async () => {
		const template = (text: string, buttons: number) => ({ attachment: { type: 'template', payload: { template_type: 'button', text, buttons: Array.from({ length: buttons }, (_, index) => ({ type: 'postback', title: `B${index}`, payload: `b${index}` })) } } });
		expect((await post(page, send(template('a'.repeat(640), 3)))).status).toBe(200);
		expect((await post(page, send(template('a'.repeat(641), 1)))).json.error?.code).toBe(100);
		expect((await post(page, send(template('x', 0)))).json.error?.code).toBe(100);
		expect((await post(page, send(template('x', 4)))).json.error?.code).toBe(100);
	});

	it('text over 2000 (Messenger) or 1000 (Instagram) characters is refused', async () => {
		meta.customerWrote('ig');
		expect((await post(page, send({ text: 'a'.repeat(2000) }))).status).toBe(200);
		expect((await post(page, send({ text: 'a'.repeat(2001) }))).json.error?.code).toBe(100);
		expect((await post('/v26.0/me/messages', { ...send({ text: 'a'.repeat(1001) }), recipient: { id: 'ig' } })).json.error?.code).toBe(100);
	});

	it('a sender action goes without message; with one it is refused', async () => {
		expect((await post(page, { recipient: { id: 'psid' }, sender_action: 'typing_on' })).status).toBe(200);
		expect((await post(page, { recipient: { id: 'psid' }, sender_action: 'typing_on', message: { text: 'x' } })).json.error?.code).toBe(100);
		expect(meta.senderActions).toEqual([{ object: 'page', recipientId: 'psid', action: 'typing_on' }]);
	});

	it('needs messaging_type; on Instagram only the HUMAN_AGENT tag exists', async () => {
		expect((await post(page, { recipient: { id: 'psid' }, message: { text: 'x' } })).json.error?.code).toBe(100);
		meta.customerWrote('ig');
		expect((await post('/v26.0/me/messages', { recipient: { id: 'ig' }, messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE', message: { text: 'x' } })).json.error?.code).toBe(100);
	});
});

describe('Messenger Platform simulator: windows, blocked people, rate limit, token', () => {
	it('10/2018278 after 24 h, unless a HUMAN_AGENT reply within 7 days; someone who never wrote is outside', async () => {
		meta.customerWrote('old', Date.now() - 25 * 60 * 60 * 1000);
		expect((await post(page, { ...send({ text: 'x' }), recipient: { id: 'old' } })).json.error).toMatchObject({ code: 10, error_subcode: 2018278 });
		expect((await post(page, { recipient: { id: 'old' }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'x' } })).status).toBe(200);
		meta.customerWrote('older', Date.now() - 8 * 24 * 60 * 60 * 1000);
		expect((await post(page, { recipient: { id: 'older' }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'x' } })).json.error?.error_subcode).toBe(2018278);
		expect((await post(page, { ...send({ text: 'x' }), recipient: { id: 'never' } })).json.error?.error_subcode).toBe(2018278);
	});

	it('a blocked person gets 551/1545041; 613 on demand; a wrong token 190', async () => {
		meta.customerWrote('psid');
		meta.block('psid');
		expect((await post(page, send({ text: 'x' }))).json.error).toMatchObject({ code: 551, error_subcode: 1545041 });
		meta.customerWrote('other');
		meta.rateLimitNext();
		expect((await post(page, { ...send({ text: 'x' }), recipient: { id: 'other' } })).json.error?.code).toBe(613);
		expect((await post(page, { ...send({ text: 'x' }), recipient: { id: 'other' } })).status).toBe(200);
		expect((await post(page, send({ text: 'x' }), 'errado')).json.error?.code).toBe(190);
	});
});

describe('Messenger Platform simulator: webhook delivery', () => {
	it('signs the raw body with the app secret and opens the window of who wrote (not of echoes)', async () => {
		const received: RecordedRequest[] = [];
		const bot = await startSimulator((request) => {
			received.push(request);
			return textReply(200, 'EVENT_RECEIVED');
		});
		try {
			await meta.deliver(bot.url, pageWebhook([metaTextEvent('writer', 'oi'), metaEchoEvent(ACCOUNT.pageId, 'echoed', 'eco')]));
			await meta.deliver(bot.url, instagramWebhook(metaTextEvent('igwriter', 'oi')));
			const [first] = received;
			expect(first.headers['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', ACCOUNT.appSecret).update(first.rawBody).digest('hex')}`);
			expect(first.json).toMatchObject({ object: 'page', entry: [{ id: ACCOUNT.pageId }] });
			expect(received[1].json).toMatchObject({ object: 'instagram', entry: [{ id: ACCOUNT.instagramAccountId }] });
			expect((await post(page, { ...send({ text: 'x' }), recipient: { id: 'writer' } })).status).toBe(200);
			expect((await post(page, { ...send({ text: 'x' }), recipient: { id: 'echoed' } })).json.error?.error_subcode).toBe(2018278);
		} finally {
			await bot.close();
		}
	});
});

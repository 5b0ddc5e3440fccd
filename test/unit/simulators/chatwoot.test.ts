// The Chatwoot simulator's delivery side behaves as Chatwoot's AgentBots::WebhookJob + Webhooks::Trigger
// (docs/apis-externas.md §G): signed, one delivery id across repeats, repeats only on 429/500, a 5 s
// timeout, and the conversation opened with the activity message when the bot fails.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CHATWOOT_TEST, startChatwootSimulator, type ChatwootSimulator } from '../../simulators/chatwoot';

let chatwoot: ChatwootSimulator;
let bot: http.Server;
let received: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
let answers: Array<number | 'hang'>;

beforeEach(async () => {
	received = [];
	answers = [];
	bot = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			const answer = answers.shift() ?? 200;
			if (answer === 'hang') return;
			res.writeHead(answer).end();
		});
	});
	await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
	chatwoot = await startChatwootSimulator({ retryWaitMs: 50, timeoutMs: 300 });
	chatwoot.bots.find((candidate) => candidate.id === 2)!.outgoing_url = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/`;
});

afterEach(async () => {
	await chatwoot.close();
	bot.closeAllConnections();
	await new Promise((resolve) => bot.close(resolve));
});

it('signs each delivery with the bot secret over "<timestamp>.<body>" and a delivery id', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.whatsappInboxId);
	const delivery = await chatwoot.customerSays(conversation.id, 'oi');
	expect(delivery).toMatchObject({ outcome: 'ok', event: 'message_created' });
	const [{ headers, body }] = received;
	const expected = createHmac('sha256', CHATWOOT_TEST.whatsappBotSecret).update(`${String(headers['x-chatwoot-timestamp'])}.${body}`).digest('hex');
	expect(headers['x-chatwoot-signature']).toBe(`sha256=${expected}`);
	expect(headers['x-chatwoot-delivery']).toBe(delivery!.id);
	expect(JSON.parse(body)).toMatchObject({ event: 'message_created', message_type: 'incoming', conversation: { id: conversation.id, status: 'pending', channel: 'Channel::Whatsapp' } });
});

it('repeats 429 and 500 with the same delivery id, three attempts at most, then opens the conversation', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.whatsappInboxId);
	answers = [500, 429, 500];
	const delivery = await chatwoot.customerSays(conversation.id, 'oi');
	expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 429, 500]);
	expect(new Set(received.map((request) => request.headers['x-chatwoot-delivery'])).size).toBe(1);
	expect(conversation.status).toBe('open');
	expect(chatwoot.messagesOf(conversation.id).at(-1)).toMatchObject({ message_type: 'activity', content: expect.stringContaining('marked open by system') });
});

it('does not repeat other failures nor a timeout; keep_pending_on_bot_failure keeps it pending', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.whatsappInboxId);
	answers = ['hang'];
	const timedOut = await chatwoot.customerSays(conversation.id, 'oi');
	expect(timedOut?.attempts.map((attempt) => attempt.status)).toEqual(['timeout']);
	expect(conversation.status).toBe('open');
	const other = chatwoot.openConversation(CHATWOOT_TEST.whatsappInboxId);
	chatwoot.options.keepPendingOnBotFailure = true;
	answers = [502];
	expect((await chatwoot.customerSays(other.id, 'oi'))?.attempts).toHaveLength(1);
	expect(other.status).toBe('pending');
});

it('refuses endpoints a bot may not call, and labels to bots on servers before 2026-06', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId);
	const call = async (path: string, token: string, method = 'GET') =>
		await fetch(`${chatwoot.url}/api/v1/accounts/${CHATWOOT_TEST.accountId}${path}`, { method, headers: { api_access_token: token } });
	expect((await call('/teams', CHATWOOT_TEST.botToken)).status).toBe(401);
	expect((await call('/teams', CHATWOOT_TEST.userToken)).status).toBe(200);
	expect((await call(`/conversations/${conversation.id}/labels`, CHATWOOT_TEST.botToken)).status).toBe(200);
	chatwoot.options.legacyBotLabels = true;
	const refused = await call(`/conversations/${conversation.id}/labels`, CHATWOOT_TEST.botToken);
	expect(refused.status).toBe(401);
	expect(await refused.json()).toEqual({ error: 'Access to this endpoint is not authorized for bots' });
	expect((await call('/teams', 'desconhecido')).status).toBe(401);
});

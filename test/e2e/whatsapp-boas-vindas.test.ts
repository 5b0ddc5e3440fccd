// The welcome template on the WhatsApp channel, in a real n8n, against the WhatsApp Cloud API simulator.
import { readFileSync } from 'fs';
import { join } from 'path';

import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	buttonReplyMessage,
	deliver,
	listReplyMessage,
	messagesWebhook,
	startWhatsAppSimulator,
	statusObject,
	statusWebhook,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { activateWorkflow, e2eState, settledExecutionCount, sleep, templateWithTrigger, waitFor, whatsAppSimulatorCredential } from './n8n-client';

jest.setTimeout(120_000);

let simulator: WhatsAppSimulator;
let workflowId: string;
let webhookUrl: string;

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp simulador');
	const path = 'e2e-whatsapp';
	workflowId = await activateWorkflow(
		templateWithTrigger('boas-vindas.json', 'E2E WhatsApp', { channel: 'whatsapp', path }, credentials),
	);
	webhookUrl = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await verifyWebhook(webhookUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook');
});

afterAll(async () => {
	await simulator.close();
});

/** Messages the bot sent to `waId`, waiting until there are `count` of them. */
async function sentTo(waId: string, count: number) {
	return await waitFor(async () => {
		const sent = simulator.sent.filter((message) => message.to === waId);
		return sent.length >= count ? sent : undefined;
	}, 15_000, `${count} mensagens para ${waId}`);
}

test("Meta's verification handshake answers the raw challenge; a wrong token gets 403", async () => {
	const ok = await verifyWebhook(webhookUrl, ACCOUNT.verifyToken, '1158201444');
	expect(ok.status).toBe(200);
	expect(ok.body).toBe('1158201444');
	expect((await verifyWebhook(webhookUrl, 'errado', '1')).status).toBe(403);
});

test('whole menu conversation: list reply, then buttons, then text', async () => {
	const waId = '5511987650001';
	expect((await deliver(webhookUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret)).status).toBe(200);
	const [welcome, menu] = await sentTo(waId, 2);
	expect(welcome.body).toMatchObject({ messaging_product: 'whatsapp', to: waId, type: 'text' });
	expect((welcome.body.text as { body: string }).body).toMatch(/Seu protocolo é \d{8}-\d{6}-/);
	// Four options with descriptions: a list message (more than three buttons).
	expect(menu.body).toMatchObject({ type: 'interactive', interactive: { type: 'list', body: { text: 'Como podemos ajudar?' } } });
	await deliver(webhookUrl, messagesWebhook(listReplyMessage('opcao_1', 'Comercial', waId, { from: waId })), ACCOUNT.appSecret);
	const confirm = (await sentTo(waId, 3))[2];
	expect(confirm.body).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });
	await deliver(webhookUrl, messagesWebhook(buttonReplyMessage('sim', 'Sim', waId, { from: waId })), ACCOUNT.appSecret);
	const end = (await sentTo(waId, 4))[3];
	expect((end.body.text as { body: string }).body).toMatch(/^Combinado!/);
});

test('a duplicated delivery (same wamid) is handled once', async () => {
	const waId = '5511987650002';
	const payload = messagesWebhook(textMessage('oi', { from: waId, id: 'wamid.DUPLICADO-0001' }));
	const before = (await settledExecutionCount(workflowId));
	expect((await deliver(webhookUrl, payload, ACCOUNT.appSecret)).status).toBe(200);
	expect((await deliver(webhookUrl, payload, ACCOUNT.appSecret)).status).toBe(200);
	await sentTo(waId, 2);
	await sleep(1500);
	expect(simulator.sent.filter((message) => message.to === waId)).toHaveLength(2);
	expect((await settledExecutionCount(workflowId)) - before).toBe(1);
});

test('a bad or missing signature is rejected with 401 and starts nothing', async () => {
	const waId = '5511987650003';
	const before = (await settledExecutionCount(workflowId));
	const bad = await deliver(webhookUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret, { badSignature: true });
	expect(bad.status).toBe(401);
	const missing = await deliver(webhookUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret, { omitSignature: true });
	expect(missing.status).toBe(401);
	await sleep(1000);
	expect(simulator.sent.filter((message) => message.to === waId)).toHaveLength(0);
	expect((await settledExecutionCount(workflowId))).toBe(before);
});

test('status callbacks are recorded on the recipient\'s conversation and never start an execution', async () => {
	const waId = '5511987650006';
	await deliver(webhookUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret);
	const [welcome] = await sentTo(waId, 2);
	const before = (await settledExecutionCount(workflowId));
	const read = statusWebhook(statusObject({ id: welcome.wamid, recipientId: waId, status: 'read' }));
	expect((await deliver(webhookUrl, read, ACCOUNT.appSecret)).status).toBe(200);
	const journal = join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl');
	await waitFor(async () => (readFileSync(journal, 'utf8').includes(`"mensagem":"${welcome.wamid}","status":"read"`) ? true : undefined), 5_000, 'o status gravado');

	const unknownRecipient = statusWebhook([
		statusObject({ id: 'wamid.X1', recipientId: '5511987650004', status: 'delivered' }),
		statusObject({ id: 'wamid.X1', recipientId: '5511987650004', status: 'read' }),
	]);
	expect((await deliver(webhookUrl, unknownRecipient, ACCOUNT.appSecret)).status).toBe(200);
	await sleep(1000);
	expect((await settledExecutionCount(workflowId))).toBe(before);
});

test('/bloquear opts the contact out: confirmed once, then the bot stays silent', async () => {
	const waId = '5511987650005';
	await deliver(webhookUrl, messagesWebhook(textMessage('/bloquear', { from: waId })), ACCOUNT.appSecret);
	const [confirmation] = await sentTo(waId, 1);
	expect((confirmation.body.text as { body: string }).body).toMatch(/não receberá mais mensagens/);
	await deliver(webhookUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret);
	await sleep(1500);
	expect(simulator.sent.filter((message) => message.to === waId)).toHaveLength(1);
});

test('malformed JSON with a valid signature gets a 400 and n8n keeps serving', async () => {
	const response = await deliver(webhookUrl, '{"object": "whatsapp_business_account", "entry": [', ACCOUNT.appSecret);
	expect(response.status).toBeGreaterThanOrEqual(400);
	expect(response.status).toBeLessThan(500);
	expect((await verifyWebhook(webhookUrl, ACCOUNT.verifyToken, '7')).body).toBe('7');
});

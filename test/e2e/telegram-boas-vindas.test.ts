// The welcome template on the Telegram channel, in a real n8n, against the Telegram Bot API simulator.
import {
	TELEGRAM_TEST_BOT as BOT,
	TELEGRAM_TEST_USER as USER,
	callbackQueryUpdate,
	deliverUpdate,
	startTelegramSimulator,
	textUpdate,
	type TelegramSimulator,
} from '../simulators/telegram';
import { activateWorkflow, createCredential, deactivateWorkflow, e2eState, settledExecutionCount, sleep, templateWithTrigger, waitFor } from './n8n-client';

jest.setTimeout(120_000);

let simulator: TelegramSimulator;
let workflowId: string;
let webhookUrl: string;

beforeAll(async () => {
	simulator = await startTelegramSimulator();
	const credentialId = await createCredential('Telegram simulador', 'atendimentoTelegramApi', { botToken: BOT.token, baseUrl: simulator.url });
	const path = 'e2e-telegram';
	workflowId = await activateWorkflow(
		templateWithTrigger('boas-vindas.json', 'E2E Telegram', { channel: 'telegram', path }, {
			atendimentoTelegramApi: { id: credentialId, name: 'Telegram simulador' },
		}),
	);
	webhookUrl = `${e2eState().baseUrl}/webhook/${path}`;
	// n8n 2.40 publishes asynchronously: the activation call returns before the triggers are registered.
	await waitFor(async () => ((await fetch(webhookUrl)).ok && simulator.webhook ? true : undefined), 30_000, 'o registro do webhook');
});

afterAll(async () => {
	await simulator.close();
});

function sentTo(chatId: number, count: number) {
	return waitFor(async () => {
		const sent = simulator.sent.filter((message) => String(message.chatId) === String(chatId));
		return sent.length >= count ? sent : undefined;
	}, 15_000, `${count} mensagens para ${chatId}`);
}

test('activation registers the webhook with a secret token', () => {
	expect(simulator.webhook).toMatchObject({ url: webhookUrl, allowed_updates: ['message', 'callback_query'] });
	expect(simulator.webhook?.secret_token).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
});

test('whole menu conversation with inline keyboard taps', async () => {
	const secret = simulator.webhook!.secret_token!;
	const chat = { from: { ...USER, id: 2222001 }, chatId: 2222001 };
	expect((await deliverUpdate(webhookUrl, textUpdate('oi', chat), secret)).status).toBe(200);
	const [welcome, menu] = await sentTo(2222001, 2);
	expect(welcome.params.text).toMatch(/Seu protocolo é/);
	expect(menu.params).toMatchObject({
		text: 'Como podemos ajudar?',
		reply_markup: { inline_keyboard: [[{ text: 'Comercial', callback_data: 'opcao_1' }], [{ text: 'Suporte' }], [{ text: 'Financeiro' }], [{ text: 'Falar com atendente' }]] },
	});
	await deliverUpdate(webhookUrl, callbackQueryUpdate('opcao_2', 'Como podemos ajudar?', chat), secret);
	const askCpf = (await sentTo(2222001, 3))[2];
	expect(askCpf.params.text).toContain('informe o CPF');
	expect(simulator.answeredCallbacks.length).toBeGreaterThanOrEqual(1);
	await deliverUpdate(webhookUrl, textUpdate('52998224725', chat), secret);
	const messages = await sentTo(2222001, 5);
	expect(messages[4].params.text).toMatch(/^Chamado registrado/);
});

test('a wrong secret token is refused with 403 and starts nothing', async () => {
	const before = (await settledExecutionCount(workflowId));
	const response = await deliverUpdate(webhookUrl, textUpdate('oi', { chatId: 2222002, from: { ...USER, id: 2222002 } }), 'errado');
	expect(response.status).toBe(403);
	expect((await deliverUpdate(webhookUrl, textUpdate('oi', { chatId: 2222002 }))).status).toBe(403);
	await sleep(1000);
	expect((await settledExecutionCount(workflowId))).toBe(before);
});

test('deactivation deletes the webhook', async () => {
	await deactivateWorkflow(workflowId);
	await waitFor(async () => (simulator.webhook === undefined || simulator.webhook.url === '' ? true : undefined), 10_000, 'deleteWebhook');
});

// The Chatwoot channel (Agent Bot API) in a real n8n, against the Chatwoot simulator: the welcome
// template on a web widget inbox (options as input_select, answers as message_updated) and on a
// WhatsApp inbox (answers as the option's title), the answer before routing, signatures, the handoff
// to a Chatwoot team and back, labels, and the activation that registers the agent bot.
import { createHmac } from 'crypto';

import { CHATWOOT_TEST, startChatwootSimulator, type ChatwootSimulator, type SimConversation, type SimMessage } from '../simulators/chatwoot';
import { activateWorkflow, createCredential, e2eState, sleep, templateWithTrigger, waitFor, type WorkflowJson } from './n8n-client';

jest.setTimeout(180_000);

let chatwoot: ChatwootSimulator;
let widgetUrl: string;
let whatsappUrl: string;

/** The welcome template with what follows the handoff: a message on "Devolvido ao bot" and one on "Encerrado pelo atendente". */
function withHandoffOutputs(workflow: WorkflowJson): WorkflowJson {
	const node = (index: number, name: string, text: string) => ({
		id: `0e2ec000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		name,
		type: 'n8n-nodes-atendimento.enviarMensagem',
		typeVersion: 1,
		position: [1600, index * 200],
		parameters: { messageType: 'text', text },
	});
	workflow.nodes.push(node(1, 'De volta ao bot', 'Voltei! Protocolo {{protocolo}}.'), node(2, 'Encerrado pelo atendente', 'O atendente encerrou. Protocolo {{protocolo}}.'));
	(workflow.connections as Record<string, unknown>)['Transferir para atendente'] = {
		main: [[{ node: 'De volta ao bot', type: 'main', index: 0 }], [{ node: 'Encerrado pelo atendente', type: 'main', index: 0 }], []],
	};
	return workflow;
}

/** The welcome template with Adicionar Etiqueta between the welcome and the menu. */
function withLabels(workflow: WorkflowJson): WorkflowJson {
	workflow.nodes.push({
		id: '0e2ec000-0000-4000-8000-000000000010',
		name: 'Etiquetas',
		type: 'n8n-nodes-atendimento.adicionarEtiqueta',
		typeVersion: 1,
		position: [500, 300],
		parameters: { operation: 'add', tags: 'bot, whatsapp', target: 'conversation' },
	});
	const connections = workflow.connections as Record<string, { main: unknown[][] }>;
	connections['Boas-vindas'] = { main: [[{ node: 'Etiquetas', type: 'main', index: 0 }]] };
	connections.Etiquetas = { main: [[{ node: 'Menu principal', type: 'main', index: 0 }]] };
	return workflow;
}

beforeAll(async () => {
	chatwoot = await startChatwootSimulator();
	const base = { url: chatwoot.url, accountId: String(CHATWOOT_TEST.accountId) };
	const widgetCredential = await createCredential('Chatwoot site', 'atendimentoChatwootApi', {
		...base,
		inboxId: String(CHATWOOT_TEST.widgetInboxId),
		botToken: CHATWOOT_TEST.botToken,
		userToken: CHATWOOT_TEST.userToken,
		webhookSecret: CHATWOOT_TEST.botSecret,
	});
	// No administrator token and no secret: the bot is set up by hand in Chatwoot's panel.
	const whatsappCredential = await createCredential('Chatwoot WhatsApp', 'atendimentoChatwootApi', {
		...base,
		inboxId: String(CHATWOOT_TEST.whatsappInboxId),
		botToken: CHATWOOT_TEST.whatsappBotToken,
	});
	await activateWorkflow(
		withHandoffOutputs(templateWithTrigger('boas-vindas.json', 'E2E Chatwoot site', { channel: 'chatwoot', path: 'e2e-chatwoot-site' }, { atendimentoChatwootApi: { id: widgetCredential, name: 'Chatwoot site' } })),
	);
	await activateWorkflow(
		withLabels(templateWithTrigger('boas-vindas.json', 'E2E Chatwoot WhatsApp', { channel: 'chatwoot', path: 'e2e-chatwoot-whatsapp' }, { atendimentoChatwootApi: { id: whatsappCredential, name: 'Chatwoot WhatsApp' } })),
	);
	widgetUrl = `${e2eState().baseUrl}/webhook/e2e-chatwoot-site`;
	whatsappUrl = `${e2eState().baseUrl}/webhook/e2e-chatwoot-whatsapp`;
	chatwoot.bots.find((bot) => bot.id === 2)!.outgoing_url = whatsappUrl;
	await waitFor(async () => ((await fetch(whatsappUrl)).ok && (await fetch(widgetUrl)).ok && chatwoot.inboxBots.get(CHATWOOT_TEST.widgetInboxId) === 1 ? true : undefined), 30_000, 'os webhooks e o bot');
});

afterAll(async () => {
	await chatwoot.idle();
	await chatwoot.close();
});

/** Public bot messages of a conversation, waiting until there are `count`. */
async function botMessages(conversation: SimConversation, count: number): Promise<SimMessage[]> {
	return await waitFor(async () => {
		const sent = chatwoot.messagesOf(conversation.id).filter((message) => message.by === 'bot' && !message.private);
		return sent.length >= count ? sent : undefined;
	}, 20_000, `${count} mensagens do bot na conversa ${conversation.id}`);
}

test('activation points the agent bot at the trigger and attaches it to the inbox', () => {
	expect(chatwoot.bots.find((bot) => bot.id === 1)).toMatchObject({ outgoing_url: widgetUrl });
	expect(chatwoot.inboxBots.get(CHATWOOT_TEST.widgetInboxId)).toBe(1);
	expect(chatwoot.bots).toHaveLength(2); // found by its token: no new bot
});

test('web widget inbox: the whole menu with input_select, answers as message_updated + submitted_values', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId, { name: 'Visitante' });
	const first = await chatwoot.customerSays(conversation.id, 'oi');
	expect(first).toMatchObject({ outcome: 'ok', attempts: [{ status: 200 }] });
	const [welcome, menu] = await botMessages(conversation, 2);
	expect(welcome.content).toMatch(/Seu protocolo é \d{8}-\d{6}-/);
	expect(menu).toMatchObject({
		content: 'Como podemos ajudar?',
		content_type: 'input_select',
		content_attributes: { items: [{ title: 'Comercial', value: 'opcao_1' }, { title: 'Suporte' }, { title: 'Financeiro' }, { title: 'Falar com atendente' }] },
	});
	await chatwoot.widgetSubmits(menu.id, 'Comercial');
	const confirm = (await botMessages(conversation, 3))[2];
	expect(confirm).toMatchObject({ content_type: 'input_select' });
	const yes = (confirm.content_attributes.items as Array<{ title: string }>)[0].title;
	await chatwoot.widgetSubmits(confirm.id, yes);
	const end = (await botMessages(conversation, 4))[3];
	expect(end.content).toMatch(/^Combinado!/);
	// Encerrar Atendimento resolves the conversation in Chatwoot; the next message reopens it to the bot (pending) and starts over.
	await waitFor(async () => (conversation.status === 'resolved' ? true : undefined), 10_000, 'a conversa resolvida no Chatwoot');
	await chatwoot.customerSays(conversation.id, 'oi de novo');
	expect(conversation.status).toBe('pending');
	const again = (await botMessages(conversation, 6)).slice(4);
	expect(again[0].content).toMatch(/Seu protocolo é \d{8}-\d{6}-/);
	expect(again[0].content).not.toBe(welcome.content); // a new protocolo
	expect(again[1]).toMatchObject({ content: 'Como podemos ajudar?', content_type: 'input_select' });
});

test('WhatsApp inbox: options as title text, mapped back to the option; Adicionar Etiqueta merges labels', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.whatsappInboxId, { name: 'João', phone_number: '+5511988887777' });
	conversation.labels = ['antiga'];
	await chatwoot.customerSays(conversation.id, 'oi');
	const [, menu] = await botMessages(conversation, 2);
	expect(menu).toMatchObject({ content_type: 'input_select' });
	expect((menu.content_attributes.items as Array<{ title: string }>).every((item) => item.title.length <= 24)).toBe(true);
	await waitFor(async () => (conversation.labels.length === 3 ? true : undefined), 10_000, 'as etiquetas');
	expect(conversation.labels).toEqual(['antiga', 'bot', 'whatsapp']);
	await chatwoot.customerSays(conversation.id, 'COMERCIAL'); // the tapped row's title
	await botMessages(conversation, 3);
	await chatwoot.customerSays(conversation.id, 'Sim');
	const end = (await botMessages(conversation, 4))[3];
	expect(end.content).toMatch(/^Combinado!/);
});

test('the webhook is answered at once while the flow is slow (a resume whose card waits on a slow Chatwoot)', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.whatsappInboxId, { name: 'Lenta' });
	await chatwoot.customerSays(conversation.id, 'oi');
	await botMessages(conversation, 2);
	chatwoot.delayMs = 3_000; // every Chatwoot API answer takes 3 s: the card's "opção inválida" too
	try {
		const delivery = await chatwoot.customerSays(conversation.id, 'quero uma pizza');
		expect(delivery?.outcome).toBe('ok');
		expect(delivery!.attempts).toHaveLength(1);
		expect(delivery!.attempts[0].ms).toBeLessThan(500);
		const invalid = (await botMessages(conversation, 3))[2];
		expect(invalid.content).toBeTruthy();
	} finally {
		chatwoot.delayMs = 0;
	}
	expect(conversation.status).toBe('pending'); // Chatwoot never gave up on the bot
});

test('a signed delivery is accepted; a bad or old signature is refused with 401 and answers nothing', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId);
	const body = JSON.stringify({
		event: 'message_created',
		id: 990001,
		content: 'oi',
		message_type: 'incoming',
		private: false,
		sender: { id: 1, name: 'X' },
		inbox: { id: CHATWOOT_TEST.widgetInboxId },
		conversation: { id: conversation.id, inbox_id: CHATWOOT_TEST.widgetInboxId, status: 'pending', channel: 'Channel::WebWidget' },
	});
	const post = async (timestamp: number, secret: string) =>
		await fetch(widgetUrl, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-Chatwoot-Timestamp': String(timestamp),
				'X-Chatwoot-Signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
				'X-Chatwoot-Delivery': `e2e-${timestamp}-${secret}`,
			},
			body,
		});
	const now = Math.floor(Date.now() / 1000);
	expect((await post(now, 'errado')).status).toBe(401);
	expect((await post(now - 600, CHATWOOT_TEST.botSecret)).status).toBe(401);
	await sleep(1_000);
	expect(chatwoot.messagesOf(conversation.id)).toHaveLength(0);
	expect((await post(now, CHATWOOT_TEST.botSecret)).status).toBe(200);
	await botMessages(conversation, 2);
	// the simulator's own deliveries are signed with the bot's secret and were all accepted
	expect(chatwoot.deliveries.filter((delivery) => delivery.body.event === 'message_created' && delivery.outcome !== 'ok')).toEqual([]);
});

test('handoff: Transferir to a team by name, agents are not answered by the bot, pending gives it back, resolved ends it', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId, { name: 'Carla' });
	await chatwoot.customerSays(conversation.id, 'oi');
	const [welcome, menu] = await botMessages(conversation, 2);
	const protocolo = /\d{8}-\d{6}-\w+/.exec(welcome.content ?? '')![0];
	await chatwoot.widgetSubmits(menu.id, 'Falar com atendente');
	await waitFor(async () => (conversation.status === 'open' ? true : undefined), 20_000, 'a conversa aberta');
	const transfer = (await botMessages(conversation, 3))[2];
	expect(transfer.content).toMatch(/^Certo! Um atendente/);
	const note = chatwoot.messagesOf(conversation.id).find((message) => message.private);
	expect(note?.content).toContain(`protocolo ${protocolo}`);
	expect(note?.content).toContain('Motivo: Cliente pediu um atendente no menu');
	expect(conversation.teamId).toBe(1);
	// the order of the handoff: message, note, assignment, open
	const order = chatwoot.requests.filter((request) => request.path.includes(`/conversations/${conversation.id}/`) && request.method === 'POST').map((request) => request.path.split('/').pop());
	expect(order.slice(-4)).toEqual(['messages', 'messages', 'assignments', 'toggle_status']);

	await chatwoot.agentSays(conversation.id, 'Olá Carla, sou a Ana.');
	await chatwoot.customerSays(conversation.id, 'oi Ana, minha internet caiu');
	await chatwoot.agentSays(conversation.id, 'nota interna', true);
	await sleep(1_500);
	expect(chatwoot.messagesOf(conversation.id).filter((message) => message.by === 'bot' && !message.private)).toHaveLength(3);

	await chatwoot.agentSetsStatus(conversation.id, 'pending');
	const back = (await botMessages(conversation, 4))[3];
	expect(back.content).toBe(`Voltei! Protocolo ${protocolo}.`);

	// a new atendimento, transferred again, then resolved by the agent
	await chatwoot.customerSays(conversation.id, 'oi de novo');
	const again = await botMessages(conversation, 6);
	expect(again[5]).toMatchObject({ content: 'Como podemos ajudar?' });
	await chatwoot.widgetSubmits(again[5].id, 'Falar com atendente');
	await waitFor(async () => (conversation.status === 'open' ? true : undefined), 20_000, 'a conversa aberta de novo');
	await botMessages(conversation, 7);
	await chatwoot.agentSetsStatus(conversation.id, 'resolved');
	const ended = (await botMessages(conversation, 8))[7];
	expect(ended.content).toMatch(/^O atendente encerrou\. Protocolo \d{8}-/);
});

test('a repeated delivery id is answered and dropped; a body without event gets 400', async () => {
	const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId);
	const post = async (body: string, deliveryId: string) => {
		const timestamp = String(Math.floor(Date.now() / 1000));
		return await fetch(widgetUrl, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-Chatwoot-Timestamp': timestamp,
				'X-Chatwoot-Signature': `sha256=${createHmac('sha256', CHATWOOT_TEST.botSecret).update(`${timestamp}.${body}`).digest('hex')}`,
				'X-Chatwoot-Delivery': deliveryId,
			},
			body,
		});
	};
	const message = (id: number, text: string) =>
		JSON.stringify({
			event: 'message_created',
			id,
			content: text,
			message_type: 'incoming',
			private: false,
			sender: { id: 1, name: 'Repetido' },
			conversation: { id: conversation.id, inbox_id: CHATWOOT_TEST.widgetInboxId, status: 'pending', channel: 'Channel::WebWidget' },
		});
	expect((await post(message(990101, 'oi'), 'entrega-repetida')).status).toBe(200);
	await botMessages(conversation, 2);
	const repeated = await post(message(990102, 'Suporte'), 'entrega-repetida');
	expect(await repeated.json()).toEqual({ ok: true, repetida: true });
	await sleep(1_500);
	expect(chatwoot.messagesOf(conversation.id).filter((entry) => entry.by === 'bot')).toHaveLength(2);
	expect((await post(JSON.stringify({ id: 1 }), 'entrega-sem-evento')).status).toBe(400);
});

describe('servers without conversation_updated for bots (before 2026-04)', () => {
	afterEach(() => {
		chatwoot.options.sendConversationUpdated = true;
		chatwoot.options.sendStatusChanged = false;
	});

	async function transferred(): Promise<SimConversation> {
		const conversation = chatwoot.openConversation(CHATWOOT_TEST.widgetInboxId, { name: 'Dora' });
		await chatwoot.customerSays(conversation.id, 'oi');
		const [, menu] = await botMessages(conversation, 2);
		await chatwoot.widgetSubmits(menu.id, 'Falar com atendente');
		await waitFor(async () => (conversation.status === 'open' ? true : undefined), 20_000, 'a conversa aberta');
		await botMessages(conversation, 3);
		return conversation;
	}

	test('the next customer message on a pending conversation gives it back to the bot', async () => {
		chatwoot.options.sendConversationUpdated = false;
		const conversation = await transferred();
		await chatwoot.agentSetsStatus(conversation.id, 'pending');
		await sleep(1_000);
		expect(chatwoot.messagesOf(conversation.id).filter((message) => message.by === 'bot' && !message.private)).toHaveLength(3);
		await chatwoot.customerSays(conversation.id, 'voltei');
		const back = (await botMessages(conversation, 4))[3];
		expect(back.content).toMatch(/^Voltei! Protocolo/);
	});

	test("a fork's conversation_status_changed gives it back at once", async () => {
		chatwoot.options.sendConversationUpdated = false;
		chatwoot.options.sendStatusChanged = true;
		const conversation = await transferred();
		await chatwoot.agentSetsStatus(conversation.id, 'pending');
		const back = (await botMessages(conversation, 4))[3];
		expect(back.content).toMatch(/^Voltei! Protocolo/);
	});
});

// WhatsApp as it is in 2026, in a real n8n against the WhatsApp Cloud API simulator, with the shipped
// boas-vindas template: contacts known only by a business-scoped user id (BSUID, sent by `recipient`),
// one contact across phone and BSUID, /bloquear and a broadcast for a BSUID, mark-as-read with the
// typing indicator, and the 24-hour window (the trigger's fallback template, the "Fora da janela de
// 24h" output). Contacts 55119876526xx and BR.2026E2E… are this file's only.
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	bsuidMessagesWebhook,
	bsuidSender,
	buttonReplyMessage,
	deliver,
	listReplyMessage,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type SentMessage,
	type WebhookObject,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import {
	activateWorkflow,
	e2eState,
	executionWithData,
	executionsOf,
	settledExecutionCount,
	sleep,
	templateWithTrigger,
	testNode,
	waitFor,
	whatsAppSimulatorCredential,
	withNodeParameters,
	type WorkflowJson,
} from './n8n-client';

jest.setTimeout(180_000);

const DAY_MS = 24 * 60 * 60 * 1000;
const FALLBACK_TEMPLATE = { name: 'retomar_atendimento', language: 'pt_BR', bodyParameters: '{{nome_usuario}}' };

let simulator: WhatsAppSimulator;
let credentials: Record<string, unknown>;
let mainId: string;
let mainUrl: string;
let templateUrl: string;
let outputId: string;
let outputUrl: string;
let enqueueUrl: string;

async function activeTrigger(workflow: WorkflowJson, path: string): Promise<{ id: string; url: string }> {
	const id = await activateWorkflow(workflow);
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await verifyWebhook(url, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, `o webhook ${path}`);
	return { id, url };
}

/** Webhook (POST { linhas }) → Split Out → Enfileirar Envio (campaign of this file). */
function enqueueFlow(path: string): WorkflowJson {
	const hook = testNode(1, 'Receber linhas', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, { typeVersion: 2, webhookId: `${path}-hook` });
	return {
		name: 'E2E WhatsApp 2026 - enfileirar',
		nodes: [
			hook,
			testNode(2, 'Uma por linha', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.linhas', include: 'noOtherFields', options: {} }),
			testNode(3, 'Enfileirar Envio', 'enfileirarEnvio', { campaign: 'e2e-whatsapp-2026' }),
		],
		connections: {
			'Receber linhas': { main: [[{ node: 'Uma por linha', type: 'main', index: 0 }]] },
			'Uma por linha': { main: [[{ node: 'Enfileirar Envio', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

/** Webhook (POST) → Processar Fila: sends what is queued (this file's campaign and any other left in the queue). */
function senderFlow(path: string): WorkflowJson {
	const hook = testNode(1, 'Enviar fila', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} }, { typeVersion: 2, webhookId: `${path}-hook` });
	return {
		name: 'E2E WhatsApp 2026 - processar fila',
		nodes: [hook, testNode(2, 'Processar Fila', 'processarFila', { ratePerSecond: 5, maxDurationSeconds: 20 }, { credentials })],
		connections: { 'Enviar fila': { main: [[{ node: 'Processar Fila', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

/** boas-vindas whose welcome card has the "Fora da janela de 24h" output, wired to an Encerrar that sends nothing. */
function outsideWindowOutputFlow(path: string): WorkflowJson {
	const workflow = withNodeParameters(templateWithTrigger('boas-vindas.json', 'E2E WhatsApp 2026 - saída fora da janela', { channel: 'whatsapp', path }, credentials), 'Boas-vindas', {
		outsideWindowOutput: true,
	});
	workflow.nodes.push(testNode(90, 'Encerrar - fora da janela', 'encerrarAtendimento', { finalMessage: '', resolved: false, reason: 'fora_da_janela' }));
	const connections = workflow.connections as Record<string, { main: unknown[][] }>;
	connections['Boas-vindas'].main[1] = [{ node: 'Encerrar - fora da janela', type: 'main', index: 0 }];
	return workflow;
}

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp simulador 2026');
	({ id: mainId, url: mainUrl } = await activeTrigger(templateWithTrigger('boas-vindas.json', 'E2E WhatsApp 2026', { channel: 'whatsapp', path: 'e2e-wa2026' }, credentials), 'e2e-wa2026'));
	({ url: templateUrl } = await activeTrigger(
		templateWithTrigger('boas-vindas.json', 'E2E WhatsApp 2026 - modelo', { channel: 'whatsapp', path: 'e2e-wa2026-modelo', outsideWindowTemplate: FALLBACK_TEMPLATE }, credentials),
		'e2e-wa2026-modelo',
	));
	({ id: outputId, url: outputUrl } = await activeTrigger(outsideWindowOutputFlow('e2e-wa2026-saida'), 'e2e-wa2026-saida'));
	await activateWorkflow(enqueueFlow('e2e-wa2026-enfileirar'));
	enqueueUrl = `${e2eState().baseUrl}/webhook/e2e-wa2026-enfileirar`;
});

afterAll(async () => {
	await simulator.close();
});

/** Messages the bot sent to `id` (phone or BSUID), waiting until there are `count` of them. */
async function sentTo(id: string, count: number): Promise<SentMessage[]> {
	return await waitFor(async () => {
		const sent = simulator.sent.filter((message) => message.to === id);
		return sent.length >= count ? sent : undefined;
	}, 20_000, `${count} mensagens para ${id}`);
}

async function post(url: string, payload: WebhookObject): Promise<void> {
	expect((await deliver(url, payload, ACCOUNT.appSecret)).status).toBe(200);
}

const textOf = (message: SentMessage) => (message.body.text as { body: string } | undefined)?.body ?? '';

test('a contact known only by his BSUID (username, no phone) completes the menu; every send goes by recipient', async () => {
	const bsuid = 'BR.2026E2E0001';
	const sender = bsuidSender('usernameWithoutPhone', bsuid, '');
	await post(mainUrl, bsuidMessagesWebhook(textMessage('oi'), sender));
	const [welcome, menu] = await sentTo(bsuid, 2);
	expect(welcome.body).toMatchObject({ recipient: bsuid, type: 'text' });
	expect(welcome.body).not.toHaveProperty('to');
	expect(textOf(welcome)).toMatch(/Seu protocolo é \d{8}-\d{6}-/);
	expect(menu.body).toMatchObject({ recipient: bsuid, type: 'interactive', interactive: { type: 'list' } });

	await post(mainUrl, bsuidMessagesWebhook(listReplyMessage('opcao_1', 'Comercial', menu.wamid), sender));
	const confirm = (await sentTo(bsuid, 3))[2];
	expect(confirm.body).toMatchObject({ recipient: bsuid, interactive: { type: 'button' } });
	await post(mainUrl, bsuidMessagesWebhook(buttonReplyMessage('sim', 'Sim', confirm.wamid), sender));
	expect(textOf((await sentTo(bsuid, 4))[3])).toMatch(/^Combinado!/);
	expect(simulator.sent.filter((message) => message.to === bsuid).every((message) => message.by === 'recipient')).toBe(true);
	// a BSUID put in `to` would have been "accepted" and dropped
	expect(simulator.dropped).toEqual([]);
});

test('/bloquear works for a BSUID-only contact, and a broadcast to him skips him (and queues another BSUID)', async () => {
	const bsuid = 'BR.2026E2E0002';
	const sender = bsuidSender('parentBsuid', bsuid, '');
	await post(mainUrl, bsuidMessagesWebhook(textMessage('/bloquear'), sender));
	const [confirmation] = await sentTo(bsuid, 1);
	expect(confirmation.body).toMatchObject({ recipient: bsuid });
	expect(textOf(confirmation)).toMatch(/não receberá mais mensagens/);
	const ignored = textMessage('oi');
	await post(mainUrl, bsuidMessagesWebhook(ignored, sender));
	await sleep(1500);
	expect(simulator.sent.filter((message) => message.to === bsuid)).toHaveLength(1);
	// only recorded: not marked read, no "digitando"
	expect(simulator.readReceipts).not.toContain(ignored.id);

	const message = { name: 'retomar_atendimento', language: 'pt_BR', bodyParameters: ['Pablo'], previewText: 'Olá Pablo! Podemos continuar o seu atendimento?' };
	const response = await fetch(enqueueUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			linhas: [
				{ destinatario: { clienteId: 'wa2026-1', telefone: bsuid }, mensagem: message },
				{ destinatario: { clienteId: 'wa2026-2', telefone: 'BR.2026E2E0003' }, mensagem: message },
			],
		}),
	});
	expect(response.status).toBe(200);
	const [summary] = (await response.json()) as Array<Record<string, any>>;
	expect(summary).toMatchObject({ campanha: 'e2e-whatsapp-2026', recebidos: 2, adicionados: 1, ignorados: { total: 1, optOut: 1 } });
	// the queued BSUID goes out by `recipient` (a BSUID in `to` would be dropped), and nothing to the opted-out one
	const senderPath = 'e2e-wa2026-fila';
	await activateWorkflow(senderFlow(senderPath));
	const run = await waitFor(async () => {
		const response = await fetch(`${e2eState().baseUrl}/webhook/${senderPath}`, { method: 'POST' });
		return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
	}, 30_000, 'o envio da fila');
	expect(run).toMatchObject({ falhas: 0, restantes: 0 });
	const template = await waitFor(async () => simulator.sent.find((sent) => sent.to === 'BR.2026E2E0003' && sent.type === 'template'), 15_000, 'o modelo para BR.2026E2E0003');
	expect(template).toMatchObject({ by: 'recipient', body: { recipient: 'BR.2026E2E0003', template: { name: 'retomar_atendimento' } } });
	expect(template.body).not.toHaveProperty('to');
	expect(simulator.dropped).toEqual([]);
	expect(simulator.sent.filter((sent) => sent.to === bsuid && sent.type === 'template')).toEqual([]);
	// leave him able to talk to the other tests' bots: /desbloquear
	await post(mainUrl, bsuidMessagesWebhook(textMessage('/desbloquear'), sender));
	await sentTo(bsuid, 2);
});

test('a contact first seen by phone, then by BSUID and phone, then by BSUID only stays one conversation', async () => {
	const phone = '5511987652601';
	const bsuid = 'BR.2026E2E0004';
	const before = await settledExecutionCount(mainId);
	await post(mainUrl, messagesWebhook(textMessage('oi', { from: phone })));
	const [, menu] = await sentTo(phone, 2);
	await post(mainUrl, bsuidMessagesWebhook(listReplyMessage('opcao_1', 'Comercial', menu.wamid), bsuidSender('usernameWithPhone', bsuid, phone)));
	const confirm = (await sentTo(phone, 3))[2];
	expect(confirm.body).toMatchObject({ interactive: { type: 'button' } });
	// the phone is not in this one: the alias leads to the same conversation, which still answers by phone
	await post(mainUrl, bsuidMessagesWebhook(buttonReplyMessage('sim', 'Sim', confirm.wamid), bsuidSender('usernameWithoutPhone', bsuid, phone)));
	expect(textOf((await sentTo(phone, 4))[3])).toMatch(/^Combinado!/);
	expect(simulator.sent.filter((message) => message.to === bsuid)).toEqual([]);
	expect((await settledExecutionCount(mainId)) - before).toBe(1);
});

test('the message the bot starts on is marked read with the typing indicator', async () => {
	const phone = '5511987652602';
	const first = textMessage('oi', { from: phone });
	await post(mainUrl, messagesWebhook(first));
	const [, menu] = await sentTo(phone, 2);
	await waitFor(async () => (simulator.typingIndicators.includes(first.id as string) ? true : undefined), 10_000, 'o "digitando"');
	expect(simulator.readReceipts).toContain(first.id);
	// the answer that resumes the bot too
	const answer = listReplyMessage('opcao_1', 'Comercial', menu.wamid, { from: phone });
	await post(mainUrl, messagesWebhook(answer));
	const confirm = (await sentTo(phone, 3))[2];
	await waitFor(async () => (simulator.typingIndicators.includes(answer.id as string) ? true : undefined), 10_000, 'o "digitando" da resposta');
	await post(mainUrl, messagesWebhook(buttonReplyMessage('sim', 'Sim', confirm.wamid, { from: phone })));
	await sentTo(phone, 4);
});

test('outside the 24-hour window the trigger’s template goes instead of the free text', async () => {
	const phone = '5511987652603';
	// WhatsApp's own count says the window closed (131047 for free text): our count may be behind it
	simulator.customerWrote(phone, Date.now() - DAY_MS - 60_000);
	await post(templateUrl, messagesWebhook(textMessage('oi', { from: phone }), { contactName: 'Rosa' }));
	const [fallback] = await sentTo(phone, 1);
	expect(fallback.body).toMatchObject({
		to: phone,
		type: 'template',
		template: { name: 'retomar_atendimento', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Rosa' }] }] },
	});
	// the menu question too: the template again, never a free-form message WhatsApp would refuse
	const asked = (await sentTo(phone, 2))[1];
	expect(asked.body).toMatchObject({ type: 'template', template: { name: 'retomar_atendimento' } });
	// the customer answers: the window opens again and the flow goes on to its end
	simulator.customerWrote(phone);
	await post(templateUrl, messagesWebhook(listReplyMessage('opcao_1', 'Comercial', asked.wamid, { from: phone })));
	const confirm = (await sentTo(phone, 3))[2];
	expect(confirm.body).toMatchObject({ type: 'interactive' });
	await post(templateUrl, messagesWebhook(buttonReplyMessage('sim', 'Sim', confirm.wamid, { from: phone })));
	expect(textOf((await sentTo(phone, 4))[3])).toMatch(/^Combinado!/);
});

test('outside the window without a template the card leaves by "Fora da janela de 24h", sending nothing', async () => {
	const phone = '5511987652604';
	simulator.customerWrote(phone, Date.now() - DAY_MS - 60_000);
	const before = (await executionsOf(outputId)).map((execution) => execution.id);
	await post(outputUrl, messagesWebhook(textMessage('oi', { from: phone })));
	const execution = await waitFor(async () => {
		const done = (await executionsOf(outputId)).find((candidate) => !before.includes(candidate.id) && candidate.finished);
		return done;
	}, 20_000, 'a execução terminar');
	const data = await executionWithData(execution.id);
	expect(data.status).toBe('success');
	expect(data.data?.resultData?.lastNodeExecuted).toBe('Encerrar - fora da janela');
	expect(simulator.sent.filter((message) => message.to === phone)).toEqual([]);
});

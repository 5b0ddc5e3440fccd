// Enviar Pergunta "Formulário (WhatsApp Flow)" in a real n8n: the Flow round trip on the WhatsApp simulator
// (flow message shape, nfm_reply with this wait's flow_token resumes, another token is ignored, a text or a
// malformed reply is an invalid attempt) and the same card on the web chat asking the fields one by one.
import { readFileSync } from 'fs';
import { join } from 'path';

import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	flowReplyMessage,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type SentMessage,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { activateWorkflow, e2eState, executionsOf, sleep, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const FORM_CARD = {
	answerType: 'form',
	question: 'Olá {{nome_usuario}}! Preencha seu cadastro.',
	flowBy: 'id',
	flowId: '1197715005513101',
	flowCta: 'Preencher',
	flowMode: 'published',
	flowAction: 'navigate',
	flowScreen: 'CADASTRO',
	flowData: '{"plano": "500MB"}',
	formFields: {
		values: [
			{ field: 'nome', variable: 'nome_cliente', question: 'Qual é o seu nome completo?', required: true },
			{ field: 'email', variable: 'email', question: 'Qual é o seu e-mail?', required: false },
		],
	},
	maxAttempts: 3,
	invalidMessage: 'Não entendi.',
	maxAttemptsMessage: 'Vamos seguir sem o cadastro.',
};

/** Trigger → Cadastro (form) → a message with the variables → a message with the card's output item. */
function formFlow(name: string, trigger: Record<string, unknown>): WorkflowJson {
	return {
		name,
		nodes: [
			trigger,
			testNode(2, 'Cadastro', 'enviarPergunta', FORM_CARD),
			testNode(3, 'Confirmação', 'enviarMensagem', { text: 'Obrigado, {{var.nome_cliente}}! E-mail: {{var.email}}.' }),
			testNode(4, 'Item', 'enviarMensagem', { text: '=Item: {{ $("Cadastro").item.json.campos.nome_cliente }} via {{ $("Cadastro").item.json.canal }}' }),
			testNode(5, 'Sem cadastro', 'enviarMensagem', { text: 'Fim sem cadastro.' }),
		],
		connections: {
			[trigger.name as string]: { main: [[{ node: 'Cadastro', type: 'main', index: 0 }]] },
			Cadastro: { main: [[{ node: 'Confirmação', type: 'main', index: 0 }], [{ node: 'Sem cadastro', type: 'main', index: 0 }], []] },
			Confirmação: { main: [[{ node: 'Item', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

let simulator: WhatsAppSimulator;
let whatsappUrl: string;
let whatsappWorkflowId: string;
let webchatUrl: string;

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp simulador (flows)');
	const whatsappPath = 'e2e-waflows';
	const whatsappTrigger = testNode(1, 'Início', 'atendimentoTrigger', { channel: 'whatsapp', path: whatsappPath, companyName: 'Provedor Exemplo' }, { webhookId: `${whatsappPath}-hook`, credentials });
	whatsappWorkflowId = await activateWorkflow(formFlow('E2E WhatsApp Flows', whatsappTrigger));
	whatsappUrl = `${e2eState().baseUrl}/webhook/${whatsappPath}`;
	const webchatPath = 'e2e-waflows-chat';
	const webchatTrigger = testNode(1, 'Início', 'atendimentoTrigger', { channel: 'webchat', path: webchatPath, companyName: 'Provedor Exemplo' }, { webhookId: `${webchatPath}-hook` });
	await activateWorkflow(formFlow('E2E formulário no chat', webchatTrigger));
	webchatUrl = `${e2eState().baseUrl}/webhook/${webchatPath}`;
	await waitFor(async () => ((await verifyWebhook(whatsappUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook do WhatsApp');
	await waitFor(async () => ((await fetch(webchatUrl)).ok ? true : undefined), 30_000, 'o chat do site');
});

afterAll(async () => {
	await simulator.close();
});

/** Messages the bot sent to `waId`, waiting until there are `count` of them. */
async function sentTo(waId: string, count: number): Promise<SentMessage[]> {
	return await waitFor(async () => {
		const sent = simulator.sent.filter((message) => message.to === waId);
		return sent.length >= count ? sent : undefined;
	}, 20_000, `${count} mensagens para ${waId}`);
}

function textOf(message: SentMessage): string {
	return (message.body.text as { body: string }).body;
}

async function customerSays(payload: Record<string, unknown>): Promise<void> {
	expect((await deliver(whatsappUrl, messagesWebhook(payload, { contactName: 'Maria' }), ACCOUNT.appSecret)).status).toBe(200);
}

test('WhatsApp: the Flow goes out with the documented shape; only the reply with this wait\'s token resumes it', async () => {
	const waId = '5511966130001';
	await customerSays(textMessage('oi', { from: waId }));
	const [flow] = await sentTo(waId, 1);
	expect(flow.body).toEqual({
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: waId,
		type: 'interactive',
		interactive: {
			type: 'flow',
			body: { text: 'Olá Maria! Preencha seu cadastro.' },
			action: {
				name: 'flow',
				parameters: {
					flow_message_version: '3',
					flow_token: expect.stringMatching(/^[0-9a-f-]{36}\.[0-9a-f]{12}$/),
					flow_id: '1197715005513101',
					flow_cta: 'Preencher',
					mode: 'published',
					flow_action: 'navigate',
					flow_action_payload: { screen: 'CADASTRO', data: { plano: '500MB' } },
				},
			},
		},
	});

	// A reply carrying another wait's token (an old form, a forged one): ignored, nothing sent, still waiting.
	await customerSays(flowReplyMessage(flow, { nome: 'Intrusa', email: 'x@example.com' }, { flowToken: 'outra-conversa.000000000000' }));
	await sleep(2000);
	expect(simulator.sent.filter((message) => message.to === waId)).toHaveLength(1);
	const log = readFileSync(join(e2eState().dataDir, 'n8n.log'), 'utf8');
	expect(log).toContain('flow_token de outra espera ignorada');

	await customerSays(flowReplyMessage(flow, { nome: 'Maria Silva', email: 'maria@example.com' }));
	const [, confirmation, item] = await sentTo(waId, 3);
	expect(textOf(confirmation)).toBe('Obrigado, Maria Silva! E-mail: maria@example.com.');
	expect(textOf(item)).toBe('Item: Maria Silva via whatsapp');
	await waitFor(async () => ((await executionsOf(whatsappWorkflowId)).some((execution) => execution.status === 'success') ? true : undefined), 15_000, 'a execução concluída');
});

test('WhatsApp: a text or a malformed form reply is an invalid attempt that re-sends the Flow; then the form is taken', async () => {
	const waId = '5511966130002';
	await customerSays(textMessage('oi', { from: waId }));
	const [flow] = await sentTo(waId, 1);
	const token = (flow.body.interactive as { action: { parameters: { flow_token: string } } }).action.parameters.flow_token;

	await customerSays(textMessage('Maria Silva', { from: waId }));
	const [, explanation, again] = await sentTo(waId, 3);
	expect(textOf(explanation)).toBe('Não entendi.\nPara responder, toque no botão "Preencher" e preencha o formulário.');
	expect(again.body).toMatchObject({ type: 'interactive', interactive: { type: 'flow', action: { parameters: { flow_token: token } } } });

	// A malformed response_json never fails the delivery: it is an unreadable message, one more invalid attempt.
	const malformed = flowReplyMessage(again, {});
	(malformed.interactive as { nfm_reply: { response_json: string } }).nfm_reply.response_json = '{"flow_token": ';
	await customerSays(malformed);
	const fourth = (await sentTo(waId, 5))[3];
	expect(textOf(fourth)).toContain('toque no botão "Preencher"');

	// The latest Flow message answers with an already-parsed response_json and no e-mail (optional).
	await customerSays(flowReplyMessage(again, { nome: 'Maria Silva' }, { responseJson: 'object' }));
	const confirmation = (await sentTo(waId, 6))[5];
	expect(textOf(confirmation)).toBe('Obrigado, Maria Silva! E-mail: .');
	await sentTo(waId, 7);
});

test('WhatsApp: a reply without flow_token (seen from iOS) is taken for the waiting form', async () => {
	const waId = '5511966130003';
	await customerSays(textMessage('oi', { from: waId }));
	const [flow] = await sentTo(waId, 1);
	await customerSays(flowReplyMessage(flow, { nome: 'João Souza', email: 'joao@example.com' }, { flowToken: null }));
	const [, confirmation] = await sentTo(waId, 3);
	expect(textOf(confirmation)).toBe('Obrigado, João Souza! E-mail: joao@example.com.');
});

test('WhatsApp: three texts instead of the form leave by "Máximo de tentativas"', async () => {
	const waId = '5511966130004';
	await customerSays(textMessage('oi', { from: waId }));
	await sentTo(waId, 1);
	await customerSays(textMessage('não quero', { from: waId }));
	await sentTo(waId, 3);
	await customerSays(textMessage('não', { from: waId }));
	await sentTo(waId, 5);
	await customerSays(textMessage('já disse', { from: waId }));
	const sent = await sentTo(waId, 7);
	expect(sent.slice(5).map(textOf)).toEqual(['Vamos seguir sem o cadastro.', 'Fim sem cadastro.']);
});

test('web chat: the same card asks the fields one by one and saves them the same way', async () => {
	const customer = new WebchatCustomer(webchatUrl);
	await customer.say('oi');
	const [intro, firstQuestion] = WebchatCustomer.texts(await customer.next(2));
	expect(intro).toMatch(/^Olá .*! Preencha seu cadastro\.$/);
	expect(firstQuestion).toBe('Qual é o seu nome completo?');
	await customer.say('Ana Souza');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Qual é o seu e-mail?\n(Opcional: responda "pular" para deixar em branco.)']);
	await customer.say('ana@example.com');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual(['Obrigado, Ana Souza! E-mail: ana@example.com.', 'Item: Ana Souza via texto']);
});

// Cards send to WhatsApp with their own n8n context and the trigger's channel credential read at each
// send, in a real n8n against the WhatsApp Cloud API simulator: a token changed in n8n while the
// flow runs is used by the next card at once, and a refused send fails the execution on the card.
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import {
	activateWorkflow,
	chain,
	e2eState,
	executionsOf,
	executionWithData,
	testNode,
	updateCredential,
	waitFor,
	whatsAppSimulatorCredential,
} from './n8n-client';

jest.setTimeout(120_000);

const PATH = 'e2e-credenciais-canal';
const ROTATED_TOKEN = 'EAAJB-token-girado-no-painel-da-meta';
let simulator: WhatsAppSimulator;
let workflowId: string;
let webhookUrl: string;
let credential: { id: string; name: string };

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp simulador (credenciais)');
	credential = credentials.atendimentoWhatsAppApi as { id: string; name: string };
	workflowId = await activateWorkflow({
		name: 'E2E credenciais do canal',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: PATH }, { webhookId: `${PATH}-hook`, credentials }),
			testNode(2, 'Primeira mensagem', 'enviarMensagem', { messageType: 'text', text: 'Primeira mensagem' }),
			testNode(3, 'Pausa', 'criarDelay', { amount: 5, unit: 'seconds' }),
			testNode(4, 'Segunda mensagem', 'enviarMensagem', { messageType: 'text', text: 'Segunda mensagem' }),
		],
		connections: chain('Início do Atendimento', 'Primeira mensagem', 'Pausa', 'Segunda mensagem'),
	});
	webhookUrl = `${e2eState().baseUrl}/webhook/${PATH}`;
	await waitFor(async () => ((await verifyWebhook(webhookUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook');
});

afterAll(async () => {
	await simulator.close();
});

/** The bearer token of the accepted send whose text is `text`. */
function tokenOfSend(waId: string, text: string): string | undefined {
	const request = simulator.requests.find((candidate) => {
		const body = candidate.json as { to?: string; text?: { body?: string } } | undefined;
		return candidate.path.endsWith('/messages') && body?.to === waId && body.text?.body === text;
	});
	return request ? String(request.headers.authorization) : undefined;
}

async function sentText(waId: string, text: string, timeoutMs = 20_000): Promise<void> {
	await waitFor(
		async () => (simulator.sent.some((message) => message.to === waId && (message.body.text as { body: string }).body === text) ? true : undefined),
		timeoutMs,
		`"${text}" para ${waId}`,
	);
}

test('a token changed in n8n during the flow is used by the next card at once, with no inbound message in between', async () => {
	const waId = '5511987653001';
	const before = (await executionsOf(workflowId)).length;
	expect((await deliver(webhookUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret)).status).toBe(200);
	await sentText(waId, 'Primeira mensagem');
	expect(tokenOfSend(waId, 'Primeira mensagem')).toBe(`Bearer ${ACCOUNT.accessToken}`);
	const inboundBefore = simulator.requests.length;

	// Meta's panel issues a new token (the old one stops working) and the admin pastes it into n8n.
	simulator.rotateAccessToken(ROTATED_TOKEN);
	await updateCredential(credential.id, credential.name, 'atendimentoWhatsAppApi', {
		accessToken: ROTATED_TOKEN,
		phoneNumberId: ACCOUNT.phoneNumberId,
		businessAccountId: ACCOUNT.wabaId,
		appSecret: ACCOUNT.appSecret,
		verifyToken: ACCOUNT.verifyToken,
		apiVersion: ACCOUNT.apiVersion,
		baseUrl: simulator.url,
	});

	await sentText(waId, 'Segunda mensagem');
	expect(tokenOfSend(waId, 'Segunda mensagem')).toBe(`Bearer ${ROTATED_TOKEN}`);
	// only the second send reached the simulator meanwhile: no inbound message refreshed anything
	expect(simulator.requests.slice(inboundBefore).map((request) => request.path)).toEqual([`/${ACCOUNT.apiVersion}/${ACCOUNT.phoneNumberId}/messages`]);
	const execution = await waitFor(async () => {
		const executions = await executionsOf(workflowId);
		return executions.length > before && executions[0].status === 'success' ? executions[0] : undefined;
	}, 20_000, 'a execução concluída');
	expect(execution.status).toBe('success');
});

test('a send the platform refuses fails the execution on the card that sent, with the reason in pt-BR', async () => {
	const waId = '5511987653002';
	const before = (await executionsOf(workflowId)).length;
	simulator.failNextWithCode(131026, 1, 400);
	expect((await deliver(webhookUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret)).status).toBe(200);
	const failed = await waitFor(async () => {
		const executions = await executionsOf(workflowId);
		return executions.length > before && executions[0].status === 'error' ? executions[0] : undefined;
	}, 20_000, 'a execução com erro');
	const { data } = await executionWithData(failed.id);
	const error = data?.resultData?.error;
	expect(data?.resultData?.lastNodeExecuted).toBe('Primeira mensagem');
	expect(error?.node?.name).toBe('Primeira mensagem');
	expect(error?.message).toMatch(/^Mensagem não entregue: o número não tem WhatsApp/);
	expect(JSON.stringify(error)).not.toContain(ACCOUNT.accessToken);
	expect(JSON.stringify(error)).not.toContain(ROTATED_TOKEN);
	expect(simulator.sent.filter((message) => message.to === waId)).toHaveLength(0);
});

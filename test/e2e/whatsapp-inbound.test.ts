// More of the WhatsApp channel in a real n8n: batched deliveries, media and location answers, audio,
// and a waiting execution that disappeared.
import { readFileSync, statSync } from 'fs';
import { join } from 'path';

import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	locationMessage,
	mediaMessage,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import {
	activateWorkflow,
	api,
	chain,
	e2eState,
	executionsOf,
	templateWithTrigger,
	testNode,
	waitFor,
	whatsAppSimulatorCredential,
	type WorkflowJson,
} from './n8n-client';

jest.setTimeout(120_000);

const n8nLog = () => join(e2eState().dataDir, 'n8n.log');

let simulator: WhatsAppSimulator;
let credentials: Record<string, unknown>;

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp entrada');
});

afterAll(async () => {
	await simulator.close();
});

async function activate(workflow: WorkflowJson, path: string): Promise<{ id: string; url: string }> {
	const id = await activateWorkflow(workflow);
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${ACCOUNT.verifyToken}&hub.challenge=1`)).ok ? true : undefined), 30_000, 'o webhook');
	return { id, url };
}

function sentTo(waId: string, count: number) {
	return waitFor(async () => {
		const sent = simulator.sent.filter((message) => message.to === waId);
		return sent.length >= count ? sent : undefined;
	}, 20_000, `${count} mensagens para ${waId}`);
}

/** Início → Aguardar Interação (arquivo) → "Recebido: <tipo>" (audio first) → Encerrar. */
function fileQuestionFlow(path: string): WorkflowJson {
	return {
		name: 'E2E WhatsApp arquivo',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path }, { webhookId: `${path}-hook`, credentials }),
			testNode(2, 'Áudio de boas-vindas', 'enviarMensagem', { messageType: 'audio', audioUrl: 'https://exemplo.com.br/audio/boas-vindas.mp3' }),
			testNode(3, 'Pede foto', 'enviarPergunta', { answerType: 'input', question: 'Envie uma foto do seu roteador.', validation: 'file', saveAs: 'foto', invalidMessage: 'Preciso de uma imagem ou arquivo.' }),
			testNode(4, 'Recebido', 'enviarMensagem', { text: 'Recebido: {{var.foto.mediaType}} {{var.foto.mimeType}}' }),
			testNode(5, 'Fim', 'encerrarAtendimento', { finalMessage: '' }),
		],
		connections: chain('Início do Atendimento', 'Áudio de boas-vindas', 'Pede foto', 'Recebido', 'Fim'),
		settings: { executionOrder: 'v1' },
	};
}

test('audio by link, a location refused where a file is expected, then an image accepted with its media id', async () => {
	const { url } = await activate(fileQuestionFlow('e2e-wa-arquivo'), 'e2e-wa-arquivo');
	const waId = '5511987650201';
	await deliver(url, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret);
	const [audio, ask] = await sentTo(waId, 2);
	expect(audio.body).toMatchObject({ type: 'audio', audio: { link: 'https://exemplo.com.br/audio/boas-vindas.mp3' } });
	expect(ask.body).toMatchObject({ type: 'text', text: { body: 'Envie uma foto do seu roteador.' } });

	await deliver(url, messagesWebhook(locationMessage({ latitude: -23.55, longitude: -46.63 }, { from: waId })), ACCOUNT.appSecret);
	const [, , refused, askAgain] = await sentTo(waId, 4);
	expect(refused.body).toMatchObject({ text: { body: 'Preciso de uma imagem ou arquivo.\nEnvie um arquivo ou uma imagem.' } });
	expect(askAgain.body).toMatchObject({ text: { body: 'Envie uma foto do seu roteador.' } });

	await deliver(url, messagesWebhook(mediaMessage('image', { id: '1234567890', mime_type: 'image/jpeg', caption: 'meu roteador' }, { from: waId })), ACCOUNT.appSecret);
	const received = (await sentTo(waId, 5))[4];
	expect(received.body).toMatchObject({ text: { body: 'Recebido: image image/jpeg' } });
});

test('one delivery with two new contacts starts one conversation (and execution) for each', async () => {
	const { id, url } = await activate(templateWithTrigger('boas-vindas.json', 'E2E WhatsApp lote', { channel: 'whatsapp', path: 'e2e-wa-lote' }, credentials), 'e2e-wa-lote');
	const first = '5511987650301';
	const second = '5511987650302';
	const payload = messagesWebhook([textMessage('oi', { from: first }), textMessage('olá', { from: second })]) as {
		entry: Array<{ changes: Array<{ value: { contacts: unknown[] } }> }>;
	};
	payload.entry[0].changes[0].value.contacts.push({ profile: { name: 'Bruno' }, wa_id: second });
	expect((await deliver(url, payload, ACCOUNT.appSecret)).status).toBe(200);
	const [welcomeFirst] = await sentTo(first, 2);
	const [welcomeSecond] = await sentTo(second, 2);
	const protocol = (message: typeof welcomeFirst) => /protocolo é (\S+)\./.exec((message.body.text as { body: string }).body)?.[1];
	expect(protocol(welcomeFirst)).toBeDefined();
	expect(protocol(welcomeSecond)).toBeDefined();
	expect(protocol(welcomeFirst)).not.toBe(protocol(welcomeSecond));
	await waitFor(async () => ((await executionsOf(id)).length === 2 ? true : undefined), 10_000, 'duas execuções');
});

test('a waiting execution that was deleted: the next message starts a new atendimento instead of being lost', async () => {
	const { id, url } = await activate(templateWithTrigger('boas-vindas.json', 'E2E WhatsApp perdida', { channel: 'whatsapp', path: 'e2e-wa-perdida' }, credentials), 'e2e-wa-perdida');
	const waId = '5511987650401';
	await deliver(url, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret);
	const [firstWelcome] = await sentTo(waId, 2);
	const [waiting] = await waitFor(async () => {
		const executions = (await executionsOf(id)).filter((execution) => execution.status === 'waiting');
		return executions.length === 1 ? executions : undefined;
	}, 10_000, 'a execução em espera');
	await api('DELETE', `/executions/${waiting.id}`);
	const logStart = statSync(n8nLog()).size;

	await deliver(url, messagesWebhook(textMessage('2', { from: waId })), ACCOUNT.appSecret);
	const [, , newWelcome, newMenu] = await sentTo(waId, 4);
	expect((newWelcome.body.text as { body: string }).body).toMatch(/^Olá, Cliente!/);
	expect((newWelcome.body.text as { body: string }).body).not.toBe((firstWelcome.body.text as { body: string }).body);
	expect(newMenu.body).toMatchObject({ type: 'interactive' });
	// The pack saw the execution was gone before posting to it: no 404 "does not exist" ERROR in n8n's log.
	expect(readFileSync(n8nLog()).subarray(logStart).toString('utf8').match(/^.*does not exist.*$/gm) ?? []).toEqual([]);
});

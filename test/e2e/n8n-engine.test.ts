// The assumptions of nodes/shared/runtime/n8n-engine.ts, checked against the pinned n8n (a WhatsApp
// flow against the simulator): a card reads the trigger's credential by id; a parked card's resume URL
// is /webhook-waiting/<executionId>/<nodeId>?signature=…; a resume posted while the execution runs
// gets 409 "running already". The fourth one, n8n's own timeout bringing a parked card out of its
// "Sem resposta" output with the item, takes n8n's minute tick and a restart: it is the second case of
// waiting-restart.test.ts. A failure here means the installed n8n behaves differently: see
// nodes/shared/runtime/n8n-engine.ts before adding its version to N8N_VERIFIED_VERSIONS.
import { readFileSync } from 'fs';
import { join } from 'path';

import { isStillBeingSaved } from '../../nodes/shared/runtime/n8n-engine';
import type { Conversation } from '../../nodes/shared/conversation/types';
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { activateWorkflow, e2eState, executionsOf, sleep, testNode, waitFor, whatsAppSimulatorCredential } from './n8n-client';

jest.setTimeout(120_000);

const PATH = 'e2e-motor-n8n';
const QUESTION_NODE_ID = '0e2e0000-0000-4000-8000-000000000002';
let simulator: WhatsAppSimulator;
let workflowId: string;
let webhookUrl: string;
let credentialId: string;

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp simulador (motor)');
	credentialId = (credentials.atendimentoWhatsAppApi as { id: string }).id;
	workflowId = await activateWorkflow({
		name: 'E2E motor do n8n',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: PATH }, { webhookId: `${PATH}-hook`, credentials }),
			testNode(2, 'Pergunta', 'enviarPergunta', { answerType: 'choice', question: 'Tudo certo?', options: { values: [{ label: 'Sim' }, { label: 'Não' }] } }),
			testNode(3, 'Pausa', 'criarDelay', { amount: 6, unit: 'seconds' }),
			testNode(4, 'Fim', 'enviarMensagem', { messageType: 'text', text: 'Fim' }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Pergunta', type: 'main', index: 0 }]] },
			Pergunta: { main: [[{ node: 'Pausa', type: 'main', index: 0 }], []] },
			Pausa: { main: [[{ node: 'Fim', type: 'main', index: 0 }]] },
		},
	});
	webhookUrl = `${e2eState().baseUrl}/webhook/${PATH}`;
	await waitFor(async () => ((await verifyWebhook(webhookUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook');
});

afterAll(async () => {
	await simulator.close();
});

/** The last stored version of the conversation with contact `waId`. */
function storedConversation(waId: string): Conversation | undefined {
	const journal = readFileSync(join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl'), 'utf8');
	let latest: Conversation | undefined;
	for (const line of journal.split('\n')) {
		if (!line.includes(waId)) continue;
		const entry = JSON.parse(line) as { t: string; v?: Conversation };
		if (entry.t === 'conv' && entry.v?.contact.id === waId) latest = entry.v;
	}
	return latest;
}

test('credential by id, resume URL form and "running already", on the pinned n8n', async () => {
	const waId = '5511987654001';
	await deliver(webhookUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret);

	// 4. credential by id: the card (which has no credential) sent with the trigger's data, token included
	const question = await waitFor(async () => simulator.sent.find((message) => message.to === waId), 20_000, 'a pergunta');
	expect(question.body).toMatchObject({ type: 'interactive', interactive: { body: { text: 'Tudo certo?' } } });
	const request = simulator.requests.find((candidate) => (candidate.json as { to?: string } | undefined)?.to === waId)!;
	expect(request.headers.authorization).toBe(`Bearer ${ACCOUNT.accessToken}`);

	// 2. the resume URL: /webhook-waiting/<executionId>/<nodeId>?signature=…
	const waiting = await waitFor(async () => {
		const conversation = storedConversation(waId);
		return conversation?.state === 'waiting' ? conversation : undefined;
	}, 10_000, 'a conversa aguardando');
	expect(waiting.channel.credential).toEqual({ id: credentialId, name: 'WhatsApp simulador (motor)', type: 'atendimentoWhatsAppApi' });
	const executionId = waiting.waiter!.executionId;
	const resumeUrl = new URL(waiting.waiter!.resumeUrl);
	expect(`${resumeUrl.origin}${resumeUrl.pathname}`).toBe(`${e2eState().baseUrl}/webhook-waiting/${executionId}/${QUESTION_NODE_ID}`);
	expect([...resumeUrl.searchParams.keys()]).toEqual(['signature']);
	expect(resumeUrl.searchParams.get('signature')).toMatch(/^\S{16,}$/);
	const listed = await waitFor(async () => (await executionsOf(workflowId)).find((execution) => execution.id === executionId), 10_000, 'a execução na API');
	expect(listed.status).toBe('waiting');

	// 3. while the resumed execution runs (Criar Delay, in the process), the same URL gets 409 "running already"
	await deliver(webhookUrl, messagesWebhook(textMessage('Sim', { from: waId })), ACCOUNT.appSecret);
	await waitFor(async () => (storedConversation(waId)?.events.some((event) => event.node === 'Pausa') ? true : undefined), 10_000, 'a pausa');
	await sleep(500);
	const conflict = await fetch(resumeUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
	const text = await conflict.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// the text itself
	}
	expect({ status: conflict.status, body }).toMatchObject({ status: 409 });
	expect(isStillBeingSaved(conflict.status, body)).toBe(true);

	await waitFor(async () => simulator.sent.find((message) => message.to === waId && (message.body.text as { body?: string } | undefined)?.body === 'Fim'), 20_000, 'o fim');
	const finished = await waitFor(async () => {
		const execution = (await executionsOf(workflowId)).find((candidate) => candidate.id === executionId);
		return execution?.status === 'success' ? execution : undefined;
	}, 20_000, 'a execução concluída');
	expect(finished.status).toBe('success');
});

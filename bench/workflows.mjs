// The two workflows the bench compares, both answering on the WhatsApp simulator.
import { randomUUID } from 'node:crypto';

export const BASELINE_PATH = 'bench-linha-de-base';
export const CONVERSATION_PATH = 'bench-atendimento';

function node(index, name, type, typeVersion, parameters, extra = {}) {
	return {
		id: `0be4c000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [index * 240, 0],
		parameters,
		...extra,
	};
}

/** Built-in nodes only: Webhook → HTTP Request that sends one text back to the sender. */
export function baselineWorkflow(simulatorUrl, account) {
	const sendMessage = {
		method: 'POST',
		url: `${simulatorUrl}/${account.apiVersion}/${account.phoneNumberId}/messages`,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${account.accessToken}` }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody:
			'={{ JSON.stringify({ messaging_product: "whatsapp", to: $json.body.entry[0].changes[0].value.messages[0].from, type: "text", text: { body: "Olá! Recebemos sua mensagem." } }) }}',
		options: {},
	};
	return {
		name: 'Bench: linha de base (Webhook → HTTP Request)',
		nodes: [
			node(1, 'Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: BASELINE_PATH, responseMode: 'onReceived', options: {} }, { webhookId: randomUUID() }),
			node(2, 'Responder', 'n8n-nodes-base.httpRequest', 4.2, sendMessage),
		],
		connections: { Webhook: { main: [[{ node: 'Responder', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Início do Atendimento (WhatsApp) → Enviar Pergunta (two buttons) → Enviar Mensagem on the first option. */
export function conversationWorkflow(credentials) {
	const trigger = node(
		1,
		'Início do Atendimento',
		'n8n-nodes-atendimento.atendimentoTrigger',
		1,
		{ channel: 'whatsapp', path: CONVERSATION_PATH, companyName: 'Provedor Bench', options: {} },
		{ webhookId: randomUUID(), credentials },
	);
	const question = node(2, 'Enviar Pergunta', 'n8n-nodes-atendimento.enviarPergunta', 1, {
		answerType: 'choice',
		question: 'Olá! Como podemos ajudar?',
		options: { values: [{ label: 'Suporte' }, { label: 'Financeiro' }] },
		saveAs: 'setor',
		maxAttempts: 3,
		timeoutMinutes: 0,
	});
	const closing = node(3, 'Enviar Mensagem', 'n8n-nodes-atendimento.enviarMensagem', 1, {
		messageType: 'text',
		text: 'Certo, {{nome_cliente}}! Seu protocolo é {{protocolo}}.',
	});
	return {
		name: 'Bench: atendimento (Início → Enviar Pergunta → Enviar Mensagem)',
		nodes: [trigger, question, closing],
		connections: {
			[trigger.name]: { main: [[{ node: question.name, type: 'main', index: 0 }]] },
			[question.name]: { main: [[{ node: closing.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

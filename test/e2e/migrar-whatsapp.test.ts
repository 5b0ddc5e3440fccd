// Migrar para WhatsApp in a real n8n: a PBX-like body posted to an n8n Webhook → the card sends the
// approved template to the WhatsApp simulator → the customer's reply opens the atendimento in the chosen
// flow (another Início do Atendimento on the same number) with the invitation's protocolo and variables;
// a second invitation inside the interval is refused; an opted-out number gets nothing.
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { activateWorkflow, e2eState, sleep, testNode, waitFor, whatsAppSimulatorCredential } from './n8n-client';

jest.setTimeout(180_000);

const PREFIX = 'e2e-migrar';
/**
 * Numbers only this file uses (the simulator account is shared by every WhatsApp e2e). DDD 47: WhatsApp
 * answers for them a wa_id without the 9th digit, as for real accounts of that region.
 */
const INVITED = { pbx: '(47) 99141-0101', e164: '5547991410101', waId: '554791410101' };
const OPTED_OUT = { pbx: '047 99141-0102', waId: '554791410102' };
const TO_MISSING_FLOW = { pbx: '47991410103', waId: '554791410103' };

let simulator: WhatsAppSimulator;
let whatsAppUrl: string;
let pbxUrl: string;

beforeAll(async () => {
	simulator = await startWhatsAppSimulator();
	const credentials = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp migrar');
	// the trigger that receives the number's messages (Meta's webhook) and its own flow
	await activateWorkflow({
		name: 'E2E migrar recepção',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: `${PREFIX}-wa` }, { webhookId: `${PREFIX}-wa-hook`, credentials }),
			testNode(2, 'Padrão', 'enviarMensagem', { messageType: 'text', text: 'Fluxo padrão {{protocolo}}' }),
		],
		connections: { 'Início do Atendimento': { main: [[{ node: 'Padrão', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	// the flow chosen in the card: another Início do Atendimento on the same number, never called by Meta
	await activateWorkflow({
		name: 'E2E migrar suporte',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: `${PREFIX}-suporte` }, { webhookId: `${PREFIX}-suporte-hook`, credentials }),
			testNode(2, 'Suporte', 'enviarMensagem', { messageType: 'text', text: 'Suporte: protocolo {{protocolo}}, origem {{var.origem}}, ramal {{var.ramal}}' }),
		],
		connections: { 'Início do Atendimento': { main: [[{ node: 'Suporte', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	// PBX → Webhook → Migrar para WhatsApp → (both outputs) Resultado, which the webhook answers with
	await activateWorkflow({
		name: 'E2E migrar PABX',
		nodes: [
			testNode(1, 'PABX', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: `${PREFIX}-pabx`, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, { typeVersion: 2, webhookId: `${PREFIX}-pabx-hook` }),
			testNode(
				2,
				'Migrar',
				'migrarWhatsApp',
				{
					phone: '={{ $json.body.telefone }}',
					template: 'retomar_atendimento|pt_BR',
					variables: { values: [{ variable: 1, value: '={{ $json.body.nome }}' }] },
					triggerPath: `={{ $json.body.fluxo ?? '${PREFIX}-suporte' }}`,
					protocolo: '={{ $json.body.protocolo }}',
					origin: 'telefonia',
					conversationVariables: { values: [{ name: 'ramal', value: '={{ $json.body.ramal }}' }] },
					intervalHours: 24,
				},
				{ credentials },
			),
			testNode(3, 'Resultado', 'n8n-nodes-base.noOp', {}),
		],
		connections: {
			PABX: { main: [[{ node: 'Migrar', type: 'main', index: 0 }]] },
			Migrar: { main: [[{ node: 'Resultado', type: 'main', index: 0 }], [{ node: 'Resultado', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	});
	const base = e2eState().baseUrl;
	whatsAppUrl = `${base}/webhook/${PREFIX}-wa`;
	pbxUrl = `${base}/webhook/${PREFIX}-pabx`;
	await waitFor(async () => ((await verifyWebhook(whatsAppUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook do WhatsApp');
	// an empty number is refused without side effects: probes that the PBX webhook is registered
	const probe = async () => (await fetch(pbxUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"telefone":""}' })).status;
	await waitFor(async () => ((await probe()) === 200 ? true : undefined), 30_000, 'o webhook do PABX');
});

afterAll(async () => {
	await simulator?.close();
});

/** The PBX's call: what Asterisk's dialplan `curl`, Issabel's AGI or 3CX's webhook would post. */
async function pbxPost(body: Record<string, string>, form = false): Promise<Record<string, unknown>> {
	// Asterisk's CURL(url,post-data) posts a form (application/x-www-form-urlencoded); 3CX and scripts post JSON
	const response = await fetch(pbxUrl, form
		? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() }
		: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	expect(response.status).toBe(200);
	const answer = (await response.json()) as Array<Record<string, unknown>> | Record<string, unknown>;
	return (Array.isArray(answer) ? answer[0] : answer).convite as Record<string, unknown>;
}

const sentTo = (waId: string) => simulator.sent.filter((message) => message.waId === waId);

test('PBX → template on WhatsApp → the reply opens the atendimento in the chosen flow, with the protocolo and variables; a second invitation is refused', async () => {
	const convite = await pbxPost({ telefone: INVITED.pbx, nome: 'Maria', ramal: '201', protocolo: '20261206-101500-TEL1' });
	expect(convite).toMatchObject({ enviado: true, para: INVITED.e164, protocolo: '20261206-101500-TEL1', variaveis: { origem: 'telefonia', ramal: '201' }, fluxo: `${PREFIX}-suporte` });
	const [template] = sentTo(INVITED.waId);
	expect(template.body).toMatchObject({
		to: INVITED.e164,
		type: 'template',
		template: { name: 'retomar_atendimento', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Maria' }] }] },
	});

	// the customer answers from WhatsApp's wa_id (without the 9th digit)
	expect((await deliver(whatsAppUrl, messagesWebhook(textMessage('Sim, pode continuar', { from: INVITED.waId })), ACCOUNT.appSecret)).status).toBe(200);
	const reply = await waitFor(async () => sentTo(INVITED.waId).find((message) => message.type === 'text'), 20_000, 'a resposta do fluxo escolhido');
	expect((reply.body.text as { body: string }).body).toBe('Suporte: protocolo 20261206-101500-TEL1, origem telefonia, ramal 201');
	await sleep(1000);
	expect(sentTo(INVITED.waId).filter((message) => message.type === 'text')).toHaveLength(1); // the receiving trigger's own flow did not run

	// inside the interval: refused, nothing sent
	const again = await pbxPost({ telefone: INVITED.e164, nome: 'Maria', ramal: '202' });
	expect(again).toMatchObject({ enviado: false, motivo: 'intervalo', protocoloAnterior: '20261206-101500-TEL1', mensagem: expect.stringMatching(/já convidado/) });
	expect(sentTo(INVITED.waId).filter((message) => message.type === 'template')).toHaveLength(1);

	// the next conversation of this number is an ordinary one: the invitation was taken once (the flow above ended it)
	await deliver(whatsAppUrl, messagesWebhook(textMessage('oi de novo', { from: INVITED.waId })), ACCOUNT.appSecret);
	const ordinary = await waitFor(async () => sentTo(INVITED.waId).filter((message) => message.type === 'text')[1], 20_000, 'o fluxo padrão');
	expect((ordinary.body.text as { body: string }).body).toMatch(/^Fluxo padrão \d{8}-\d{6}-/);
});

test('an opted-out number (/bloquear, posted as a form like Asterisk\'s CURL) gets no template; the item says why', async () => {
	await deliver(whatsAppUrl, messagesWebhook(textMessage('/bloquear', { from: OPTED_OUT.waId })), ACCOUNT.appSecret);
	await waitFor(async () => (sentTo(OPTED_OUT.waId).length === 1 ? true : undefined), 15_000, 'a confirmação do /bloquear');
	const convite = await pbxPost({ telefone: OPTED_OUT.pbx, nome: 'João', ramal: '203' }, true);
	expect(convite).toMatchObject({ enviado: false, motivo: 'opt_out', telefone: '+55 (47) 99141-0102', mensagem: expect.stringMatching(/\/bloquear/) });
	await sleep(500);
	expect(sentTo(OPTED_OUT.waId).map((message) => message.type)).toEqual(['text']); // only the /bloquear confirmation
});

test("a chosen flow whose trigger does not answer: the reply still opens the atendimento, in the receiving trigger's flow, with the invitation's protocolo", async () => {
	const convite = await pbxPost({ telefone: TO_MISSING_FLOW.pbx, nome: 'Ana', ramal: '204', fluxo: `${PREFIX}-desativado` });
	expect(convite).toMatchObject({ enviado: true, fluxo: `${PREFIX}-desativado` });
	await deliver(whatsAppUrl, messagesWebhook(textMessage('oi', { from: TO_MISSING_FLOW.waId })), ACCOUNT.appSecret);
	const reply = await waitFor(async () => sentTo(TO_MISSING_FLOW.waId).find((message) => message.type === 'text'), 20_000, 'a resposta do fluxo padrão');
	expect((reply.body.text as { body: string }).body).toBe(`Fluxo padrão ${String(convite.protocolo)}`);
});

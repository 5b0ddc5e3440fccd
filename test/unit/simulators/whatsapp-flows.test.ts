import { parseWhatsAppDelivery } from '../../../nodes/shared/channels/whatsapp/parse';
import { renderWhatsApp } from '../../../nodes/shared/channels/whatsapp/render';
import { flowReplyMessage, messagesWebhook, startWhatsAppSimulator, WHATSAPP_TEST_ACCOUNT, type MessageTemplate, type WhatsAppSimulator } from '../../simulators/whatsapp';

const { apiVersion, accessToken, phoneNumberId } = WHATSAPP_TEST_ACCOUNT;

const FLOW_TEMPLATE: MessageTemplate = {
	id: '1000000000000009',
	name: 'cadastro_flow',
	language: 'pt_BR',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'BODY', text: 'Complete seu cadastro.' },
		{ type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Responder', flow_id: '123', navigate_screen: 'START', flow_action: 'navigate' }] },
	],
};

describe('WhatsApp simulator: Flows', () => {
	let whatsapp: WhatsAppSimulator;

	async function send(body: unknown) {
		const response = await fetch(`${whatsapp.url}/${apiVersion}/${phoneNumberId}/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	const parameters = (overrides: Record<string, unknown> = {}) => ({
		flow_message_version: '3',
		flow_token: 'conv-1.abc',
		flow_id: '1197715005513101',
		flow_cta: 'Preencher',
		mode: 'published',
		flow_action: 'navigate',
		flow_action_payload: { screen: 'CADASTRO', data: { plano: '500MB' } },
		...overrides,
	});
	const flowBody = (overrides: Record<string, unknown> = {}) => ({
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: '5511999990001',
		type: 'interactive',
		interactive: { type: 'flow', body: { text: 'Preencha seus dados' }, action: { name: 'flow', parameters: parameters(overrides) } },
	});

	beforeAll(async () => {
		whatsapp = await startWhatsAppSimulator({ templates: [FLOW_TEMPLATE] });
	});
	afterEach(() => whatsapp.reset());
	afterAll(() => whatsapp.close());

	it('accepts and records the pack\'s rendered flow message', async () => {
		const [request] = renderWhatsApp(
			'5511999990001',
			{ kind: 'flow', flow: { id: '1197715005513101' }, buttonLabel: 'Preencher', text: 'Preencha', mode: 'draft', token: 't1', action: { type: 'navigate', screen: 'CADASTRO' } },
			{ apiVersion, phoneNumberId },
		);
		const { status, body } = await send(request.body);
		expect(status).toBe(200);
		expect(whatsapp.sent).toHaveLength(1);
		expect(whatsapp.sent[0]).toMatchObject({ wamid: body.messages[0].id, type: 'interactive' });
	});

	it.each([
		['a CTA over 20 characters', { flow_cta: 'Preencher meu cadastro' }, 131009, 'flow_cta must be at most 20'],
		['a CTA with emoji', { flow_cta: 'Preencher 📝' }, 131009, 'emoji'],
		['navigate without payload', { flow_action_payload: undefined }, 100, 'flow_action_payload is required'],
		['navigate without screen', { flow_action_payload: { data: { a: 1 } } }, 100, 'screen is required'],
		['data_exchange with a payload', { flow_action: 'data_exchange' }, 100, 'must be omitted'],
		['empty data', { flow_action_payload: { screen: 'A', data: {} } }, 100, 'non-empty object'],
		['another message version', { flow_message_version: '2' }, 100, 'flow_message_version'],
		['both flow_id and flow_name', { flow_name: 'cadastro' }, 100, 'Exactly one of flow_id or flow_name'],
		['an unknown parameter', { flow_screen: 'A' }, 100, 'Unknown parameter'],
	])('refuses %s with a Graph error', async (_label, overrides, code, details) => {
		const { status, body } = await send(flowBody(overrides));
		expect(status).toBe(400);
		expect(body.error.code).toBe(code);
		expect(body.error.error_data.details).toContain(details);
		expect(whatsapp.sent).toHaveLength(0);
	});

	it('accepts data_exchange without a payload, and the minimal message without flow_action (Meta\'s defaults)', async () => {
		expect((await send(flowBody({ flow_action: 'data_exchange', flow_action_payload: undefined }))).status).toBe(200);
		expect((await send(flowBody({ flow_action: undefined, flow_action_payload: undefined, flow_token: undefined, mode: undefined }))).status).toBe(200);
		const { body } = await send(flowBody({ flow_action: undefined, flow_action_payload: { data: { a: 1 } } }));
		expect(body.error.error_data.details).toContain('screen is required');
	});

	it('builds the nfm_reply of a sent Flow: context.id = its wamid, the token echoed in a JSON string the pack parses', async () => {
		await send(flowBody());
		const [sent] = whatsapp.sent;
		const reply = flowReplyMessage(sent, { nome: 'Maria' });
		expect(reply).toMatchObject({ context: { id: sent.wamid }, from: sent.waId, type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent' } } });
		expect(typeof (reply.interactive as any).nfm_reply.response_json).toBe('string');
		const [message] = parseWhatsAppDelivery(messagesWebhook(reply)).messages;
		expect(message.content).toEqual({ kind: 'form', token: 'conv-1.abc', fields: { nome: 'Maria' }, repliesTo: sent.wamid });
		const forged = flowReplyMessage(sent, { nome: 'Maria' }, { flowToken: 'outro', responseJson: 'object' });
		expect((forged.interactive as any).nfm_reply.response_json).toEqual({ flow_token: 'outro', nome: 'Maria' });
		const tokenless = flowReplyMessage(sent, { nome: 'Maria' }, { flowToken: null });
		expect(JSON.parse((tokenless.interactive as any).nfm_reply.response_json)).toEqual({ nome: 'Maria' });
	});

	it('refuses to build a reply to a message without a Flow', async () => {
		await send({ messaging_product: 'whatsapp', to: '5511999990001', type: 'text', text: { body: 'oi' } });
		expect(() => flowReplyMessage(whatsapp.sent[0], {})).toThrow('não tem Flow');
	});

	it('validates a FLOW template button and echoes its token, "unused" by default', async () => {
		const template = (action: Record<string, unknown>) => ({
			messaging_product: 'whatsapp',
			to: '5511999990001',
			type: 'template',
			template: { name: 'cadastro_flow', language: { code: 'pt_BR' }, components: [{ type: 'button', sub_type: 'flow', index: '0', parameters: [{ type: 'action', action }] }] },
		});
		expect((await send(template({ flow_action_data: {} }))).body.error.code).toBe(100);
		expect((await send(template({ flow_token: 'tk-9', flow_action_data: { plano: 'x' } }))).status).toBe(200);
		expect((await send(template({}))).status).toBe(200);
		const [withToken, withoutToken] = whatsapp.sent;
		expect(JSON.parse((flowReplyMessage(withToken, {}).interactive as any).nfm_reply.response_json)).toEqual({ flow_token: 'tk-9' });
		expect(JSON.parse((flowReplyMessage(withoutToken, {}).interactive as any).nfm_reply.response_json)).toEqual({ flow_token: 'unused' });
	});
});

import { parseWhatsAppDelivery } from '../../../nodes/shared/channels/whatsapp/parse';
import {
	bsuidMessagesWebhook,
	bsuidSender,
	marketingLimitFailedStatus,
	startWhatsAppSimulator,
	statusWebhook,
	textMessage,
	WHATSAPP_TEST_ACCOUNT,
	type WhatsAppSimulator,
} from '../../simulators/whatsapp';

const { apiVersion, accessToken, phoneNumberId } = WHATSAPP_TEST_ACCOUNT;
const BSUID = 'BR.13491208655302741918';
const HOUR = 60 * 60 * 1000;

describe('WhatsApp simulator, 2026: BSUID, typing indicator, the 24-hour window', () => {
	let whatsapp: WhatsAppSimulator;
	beforeAll(async () => {
		whatsapp = await startWhatsAppSimulator();
	});
	afterEach(() => whatsapp.reset());
	afterAll(() => whatsapp.close());

	async function send(body: Record<string, unknown>) {
		const response = await fetch(`${whatsapp.url}/${apiVersion}/${phoneNumberId}/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
		});
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}
	const text = { type: 'text', text: { body: 'Olá' } };

	it('builds the four BSUID webhook variants, which the adapter reads', () => {
		const read = (variant: Parameters<typeof bsuidSender>[0]) =>
			parseWhatsAppDelivery(bsuidMessagesWebhook(textMessage('oi'), bsuidSender(variant, BSUID, '5511987654321'))).messages[0];
		expect(read('noUsername')).toMatchObject({ contactId: '5511987654321', contactUserId: BSUID });
		expect(read('usernameWithoutPhone')).toMatchObject({ contactId: BSUID, contactUsername: 'pablomorales' });
		expect(read('usernameWithoutPhone').contactPhone).toBeUndefined();
		expect(read('usernameWithPhone')).toMatchObject({ contactId: '5511987654321', contactUserId: BSUID, contactUsername: 'pablomorales' });
		expect(read('parentBsuid')).toMatchObject({ contactId: BSUID, contactParentUserId: 'BR.ENT.13491208655302741918' });
	});

	it('delivers a send by recipient, answering user_id, with recipient_user_id statuses', async () => {
		const { status, body } = await send({ recipient: BSUID, ...text });
		expect(status).toBe(200);
		expect(body.contacts).toEqual([{ input: BSUID, user_id: BSUID }]);
		expect(whatsapp.sent).toMatchObject([{ to: BSUID, by: 'recipient' }]);
		expect(whatsapp.statuses[0]).toMatchObject({ recipient_user_id: BSUID });
		expect(whatsapp.statuses[0]).not.toHaveProperty('recipient_id');
	});

	it('silently drops a BSUID put in to: 200 and a wamid, but nothing delivered', async () => {
		const { status, body } = await send({ to: BSUID, ...text });
		expect(status).toBe(200);
		expect(body.messages[0].id).toMatch(/^wamid\./);
		expect(whatsapp.sent).toEqual([]);
		expect(whatsapp.statuses).toEqual([]);
		expect(whatsapp.dropped).toMatchObject([{ to: BSUID, by: 'to' }]);
	});

	it('to takes precedence over recipient; recipient must be a BSUID', async () => {
		await send({ to: '5511987654321', recipient: BSUID, ...text });
		expect(whatsapp.sent).toMatchObject([{ to: '5511987654321', by: 'to' }]);
		expect((await send({ recipient: '5511987654321', ...text })).body.error.code).toBe(100);
	});

	it('refuses an authentication template to a BSUID with 131062', async () => {
		whatsapp.templates.push({
			id: '1000000000000099',
			name: 'codigo_acesso',
			language: 'pt_BR',
			status: 'APPROVED',
			category: 'AUTHENTICATION',
			parameter_format: 'POSITIONAL',
			components: [{ type: 'BODY', text: 'Seu código é {{1}}' }],
		});
		const template = { name: 'codigo_acesso', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '123456' }] }] };
		const refused = await send({ recipient: BSUID, type: 'template', template });
		expect(refused.body.error.code).toBe(131062);
		expect((await send({ to: '5511987654321', type: 'template', template })).status).toBe(200);
	});

	it('records mark-as-read with and without the typing indicator', async () => {
		await send({ status: 'read', message_id: 'wamid.A', typing_indicator: { type: 'text' } });
		await send({ status: 'read', message_id: 'wamid.B' });
		expect(whatsapp.readReceipts).toEqual(['wamid.A', 'wamid.B']);
		expect(whatsapp.typingIndicators).toEqual(['wamid.A']);
	});

	it('enforces the 24-hour window from the last inbound message, on a controllable clock', async () => {
		let now = Date.now();
		whatsapp.setClock(() => now);
		whatsapp.customerWrote(BSUID, now - 23 * HOUR);
		expect((await send({ recipient: BSUID, ...text })).status).toBe(200);
		now += 2 * HOUR;
		expect((await send({ recipient: BSUID, ...text })).body.error.code).toBe(131047);
		const template = { name: 'retomar_atendimento', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] };
		expect((await send({ recipient: BSUID, type: 'template', template })).status).toBe(200);
		whatsapp.customerWrote(BSUID, now);
		expect((await send({ recipient: BSUID, ...text })).status).toBe(200);
		// a customer the test never said wrote has no enforced window
		expect((await send({ to: '5511912340000', ...text })).status).toBe(200);
	});

	it('builds the failed 131049 status (no contacts), which the adapter reads', () => {
		const delivery = statusWebhook(marketingLimitFailedStatus('wamid.M', { userId: BSUID }));
		const [status] = parseWhatsAppDelivery(delivery).statuses;
		expect(status).toMatchObject({ status: 'failed', recipientId: BSUID, recipientUserId: BSUID, errors: [{ code: 131049 }] });
		expect(JSON.stringify(delivery)).not.toContain('"contacts"');
	});
});

describe('WhatsApp simulator: injected send failures skip mark-as-read', () => {
	it('failNextWithCode fails the next send, not a mark-as-read before it', async () => {
		const whatsapp = await startWhatsAppSimulator();
		try {
			const post = async (body: Record<string, unknown>) =>
				await fetch(`${whatsapp.url}/${apiVersion}/${phoneNumberId}/messages`, {
					method: 'POST',
					headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
					body: JSON.stringify({ messaging_product: 'whatsapp', ...body }),
				});
			whatsapp.failNextWithCode(131026, 1, 400);
			expect((await post({ status: 'read', message_id: 'wamid.R', typing_indicator: { type: 'text' } })).status).toBe(200);
			expect((await post({ to: '5511987654321', type: 'text', text: { body: 'oi' } })).status).toBe(400);
		} finally {
			await whatsapp.close();
		}
	});
});

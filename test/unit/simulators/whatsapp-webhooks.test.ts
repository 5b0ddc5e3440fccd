import { createHmac, timingSafeEqual } from 'node:crypto';

import { jsonReply, startSimulator, textReply, type RecordedRequest, type Simulator } from '../../simulators/base';
import {
	adReferral,
	buttonReplyMessage,
	contactCard,
	contactsMessage,
	deliver,
	errorsWebhook,
	listReplyMessage,
	locationMessage,
	mediaMessage,
	messagesWebhook,
	signWebhookBody,
	statusObject,
	statusWebhook,
	templateButtonMessage,
	textMessage,
	verifyWebhook,
	WHATSAPP_TEST_ACCOUNT,
} from '../../simulators/whatsapp';

/** The signature check of docs/apis-externas.md §A.2, used by the fake bot below. */
function validSignature(raw: Buffer, header: string | undefined, appSecret: string): boolean {
	if (!header?.startsWith('sha256=')) return false;
	const got = Buffer.from(header.slice(7), 'hex');
	const expected = createHmac('sha256', appSecret).update(raw).digest();
	return got.length === expected.length && timingSafeEqual(got, expected);
}

describe('WhatsApp webhook builders', () => {
	const valueOf = (payload: Record<string, any>) => payload.entry[0].changes[0].value;

	it('signs with HMAC-SHA256 of the raw body, matching a known vector', () => {
		expect(signWebhookBody('The quick brown fox jumps over the lazy dog', 'key')).toBe(
			'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
		);
	});

	it('wraps a text message in Meta’s envelope with the sender’s contact', () => {
		const payload = messagesWebhook(textMessage('Quero a segunda via', { from: '5549999991234', id: 'wamid.X1', timestamp: 1750857384 }), { contactName: 'João' });

		expect(payload).toEqual({
			object: 'whatsapp_business_account',
			entry: [
				{
					id: WHATSAPP_TEST_ACCOUNT.wabaId,
					changes: [
						{
							field: 'messages',
							value: {
								messaging_product: 'whatsapp',
								metadata: { display_phone_number: WHATSAPP_TEST_ACCOUNT.displayPhoneNumber, phone_number_id: WHATSAPP_TEST_ACCOUNT.phoneNumberId },
								contacts: [{ profile: { name: 'João' }, wa_id: '5549999991234' }],
								messages: [{ from: '5549999991234', id: 'wamid.X1', timestamp: '1750857384', type: 'text', text: { body: 'Quero a segunda via' } }],
							},
						},
					],
				},
			],
		});
	});

	it('builds button, list and template-button replies with the context of the original message', () => {
		const button = buttonReplyMessage('menu_2via', '2ª via boleto', 'wamid.BUTTONS');
		const row = listReplyMessage('fatura_145535', 'Venc. 21/11 R$26,00', 'wamid.LIST', { description: 'Contrato 2309' });
		const templateButton = templateButtonMessage('PAGAR_PIX', 'Pagar com Pix', 'wamid.TPL');

		expect(button).toMatchObject({ context: { from: WHATSAPP_TEST_ACCOUNT.displayPhoneNumber, id: 'wamid.BUTTONS' }, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'menu_2via', title: '2ª via boleto' } } });
		expect(row).toMatchObject({ context: { id: 'wamid.LIST' }, type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'fatura_145535', title: 'Venc. 21/11 R$26,00', description: 'Contrato 2309' } } });
		expect(templateButton).toMatchObject({ type: 'button', button: { payload: 'PAGAR_PIX', text: 'Pagar com Pix' } });
	});

	it('builds media, location, contacts and ad-referral messages', () => {
		const audio = mediaMessage('audio', { id: '1234567890', mime_type: 'audio/ogg; codecs=opus', voice: true });
		const document = mediaMessage('document', { id: '555', mime_type: 'application/pdf', filename: 'comprovante.pdf', caption: 'pago' });
		const location = locationMessage({ latitude: -23.55052, longitude: -46.633308 });
		const contacts = contactsMessage([contactCard('João Souza', '+55 11 98765-4321', '5511987654321')]);
		const fromAd = textMessage('Vi o anúncio', { referral: adReferral({ headline: 'Fibra 500' }) });

		expect(audio).toMatchObject({ type: 'audio', audio: { id: '1234567890', voice: true, sha256: expect.any(String) } });
		expect(document).toMatchObject({ type: 'document', document: { filename: 'comprovante.pdf', caption: 'pago' } });
		expect(location).toMatchObject({ type: 'location', location: { latitude: -23.55052, longitude: -46.633308 } });
		expect(contacts).toMatchObject({ type: 'contacts', contacts: [{ name: { formatted_name: 'João Souza', first_name: 'João', last_name: 'Souza' }, phones: [{ wa_id: '5511987654321' }] }] });
		expect(fromAd.referral).toMatchObject({ source_type: 'ad', headline: 'Fibra 500', ctwa_clid: expect.any(String), source_url: expect.any(String), source_id: expect.any(String) });
	});

	it('builds status callbacks: pricing on sent/delivered, errors on failed, nothing else on read', () => {
		const sent = statusObject({ id: 'wamid.S', status: 'sent', recipientId: '5511987654321', timestamp: 1750857384 });
		const read = statusObject({ id: 'wamid.S', status: 'read', recipientId: '5511987654321' });
		const failed = statusWebhook(statusObject({ id: 'wamid.F', status: 'failed', recipientId: '5511987654321', errorCode: 131047 }));

		expect(sent).toEqual({ id: 'wamid.S', status: 'sent', timestamp: '1750857384', recipient_id: '5511987654321', pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'service' } });
		expect(read).not.toHaveProperty('pricing');
		expect(valueOf(failed)).not.toHaveProperty('messages');
		expect(valueOf(failed).statuses[0].errors).toEqual([
			{
				code: 131047,
				title: 'Re-engagement message',
				message: 'Re-engagement message',
				error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
				href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
			},
		]);
		expect(valueOf(errorsWebhook(130429)).errors[0]).toMatchObject({ code: 130429, title: 'Rate limit hit' });
	});
});

describe('WhatsApp delivery helpers', () => {
	let bot: Simulator;
	const appSecret = 'segredo-do-app';

	/** A bot endpoint that does what Meta asks (§A.1, §A.2): GET handshake, signature check on POST. */
	function fakeBot(request: RecordedRequest) {
		if (request.method === 'GET') {
			const ok = request.query['hub.mode'] === 'subscribe' && request.query['hub.verify_token'] === 'meatyhamhock';
			return ok ? textReply(200, request.query['hub.challenge']) : textReply(403, 'Forbidden');
		}
		return validSignature(request.rawBody, request.headers['x-hub-signature-256'] as string | undefined, appSecret) ? jsonReply(200, {}) : textReply(401, 'bad signature');
	}

	beforeAll(async () => {
		bot = await startSimulator(fakeBot);
	});
	afterEach(() => bot.reset());
	afterAll(() => bot.close());

	it('delivers a signed payload that a correct verifier accepts', async () => {
		const payload = messagesWebhook(textMessage('Oi'));
		const result = await deliver(`${bot.url}/webhook`, payload, appSecret);

		expect(result.status).toBe(200);
		expect(bot.requests[0].json).toEqual(payload);
		expect(bot.requests[0].headers['content-type']).toBe('application/json');
	});

	it('delivers with a wrong or missing signature on request', async () => {
		const payload = messagesWebhook(textMessage('Oi'));
		const wrong = await deliver(`${bot.url}/webhook`, payload, appSecret, { badSignature: true });
		const missing = await deliver(`${bot.url}/webhook`, payload, appSecret, { omitSignature: true });

		expect([wrong.status, wrong.body]).toEqual([401, 'bad signature']);
		expect(missing.status).toBe(401);
		expect(bot.requests[1].headers).not.toHaveProperty('x-hub-signature-256');
	});

	it('runs the verification handshake', async () => {
		const accepted = await verifyWebhook(`${bot.url}/webhook?path=1`, 'meatyhamhock', '1158201444');
		const refused = await verifyWebhook(`${bot.url}/webhook`, 'wrong', '1158201444');

		expect([accepted.status, accepted.body]).toEqual([200, '1158201444']);
		expect(bot.requests[0].query).toEqual({ path: '1', 'hub.mode': 'subscribe', 'hub.verify_token': 'meatyhamhock', 'hub.challenge': '1158201444' });
		expect(refused.status).toBe(403);
	});
});

import { MalformedDeliveryError, parseWhatsAppDelivery, parseWhatsAppVerification } from './parse';

const METADATA = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };
const CONTACTS = [{ profile: { name: 'Maria Silva' }, wa_id: '5511987654321' }];

/** The documented envelope (reference §A.3) around one `value`. */
function envelope(value: Record<string, unknown>): unknown {
	return {
		object: 'whatsapp_business_account',
		entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: METADATA, ...value } }] }],
	};
}

/** One inbound message from Maria. */
function inbound(message: Record<string, unknown>): unknown {
	return envelope({
		contacts: CONTACTS,
		messages: [{ from: '5511987654321', id: 'wamid.HBgL1', timestamp: '1750857384', ...message }],
	});
}

function contentOf(message: Record<string, unknown>): unknown {
	const { messages } = parseWhatsAppDelivery(inbound(message));
	expect(messages).toHaveLength(1);
	return messages[0].content;
}

describe('parseWhatsAppDelivery: messages', () => {
	it('parses the text sample with account, contact and timestamp', () => {
		expect(parseWhatsAppDelivery(inbound({ type: 'text', text: { body: 'Quero a segunda via do boleto' } }))).toEqual({
			messages: [
				{
					channel: 'whatsapp',
					accountId: '106540352242922',
					contactId: '5511987654321',
					contactName: 'Maria Silva',
					contactPhone: '5511987654321',
					messageId: 'wamid.HBgL1',
					timestamp: 1750857384000,
					content: { kind: 'text', text: 'Quero a segunda via do boleto' },
				},
			],
			statuses: [],
		});
	});

	it('keeps a 12-digit wa_id (no 9th digit) exactly as received', () => {
		const body = envelope({
			contacts: [{ profile: { name: 'João' }, wa_id: '554999999999' }],
			messages: [{ from: '554999999999', id: 'wamid.X', timestamp: '1750857384', type: 'text', text: { body: 'oi' } }],
		});
		const [message] = parseWhatsAppDelivery(body).messages;
		expect(message.contactId).toBe('554999999999');
		expect(message.contactPhone).toBe('554999999999');
	});

	it('reads button_reply and list_reply as choices', () => {
		expect(
			contentOf({
				context: { from: '15550783881', id: 'wamid.buttons' },
				type: 'interactive',
				interactive: { type: 'button_reply', button_reply: { id: 'menu_2via', title: '2ª via boleto' } },
			}),
		).toEqual({ kind: 'choice', id: 'menu_2via', title: '2ª via boleto' });
		expect(
			contentOf({
				type: 'interactive',
				interactive: { type: 'list_reply', list_reply: { id: 'fatura_145535', title: 'Venc. 21/11 R$26,00', description: 'Contrato 2309' } },
			}),
		).toEqual({ kind: 'choice', id: 'fatura_145535', title: 'Venc. 21/11 R$26,00' });
	});

	it('reads a template quick-reply button as a choice', () => {
		expect(contentOf({ type: 'button', button: { payload: 'PAGAR_PIX', text: 'Pagar com Pix' } })).toEqual({
			kind: 'choice',
			id: 'PAGAR_PIX',
			title: 'Pagar com Pix',
		});
	});

	it('marks other interactive replies as unsupported', () => {
		expect(contentOf({ type: 'interactive', interactive: { type: 'call_permission_reply', call_permission_reply: {} } })).toEqual({
			kind: 'unsupported',
			originalType: 'interactive.call_permission_reply',
		});
	});

	it('reads the image sample (id, mime, caption, url)', () => {
		expect(
			contentOf({
				type: 'image',
				image: { caption: 'comprovante', mime_type: 'image/jpeg', sha256: '81d3bd8a', id: '2754859441498128', url: 'https://lookaside.example/x' },
			}),
		).toEqual({
			kind: 'media',
			mediaType: 'image',
			mediaId: '2754859441498128',
			mimeType: 'image/jpeg',
			caption: 'comprovante',
			url: 'https://lookaside.example/x',
		});
	});

	it('reads documents with filename, and audio, video and sticker without optional fields', () => {
		expect(
			contentOf({
				type: 'document',
				document: { caption: 'boleto', filename: 'boleto.pdf', mime_type: 'application/pdf', sha256: 'x', id: '1234567890' },
			}),
		).toEqual({ kind: 'media', mediaType: 'document', mediaId: '1234567890', mimeType: 'application/pdf', fileName: 'boleto.pdf', caption: 'boleto' });
		expect(contentOf({ type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', id: '1', voice: true } })).toEqual({
			kind: 'media',
			mediaType: 'audio',
			mediaId: '1',
			mimeType: 'audio/ogg; codecs=opus',
		});
		expect(contentOf({ type: 'video', video: { id: '2' } })).toEqual({ kind: 'media', mediaType: 'video', mediaId: '2' });
		expect(contentOf({ type: 'sticker', sticker: { id: '3', mime_type: 'image/webp' } })).toEqual({
			kind: 'media',
			mediaType: 'sticker',
			mediaId: '3',
			mimeType: 'image/webp',
		});
		expect(contentOf({ type: 'image' })).toEqual({ kind: 'media', mediaType: 'image' });
	});

	it('reads the location sample, named or not', () => {
		expect(
			contentOf({
				type: 'location',
				location: { address: '101 Forest Ave, Palo Alto, CA 94301', latitude: 37.44221496582, longitude: -122.1612, name: 'Casa', url: 'https://x' },
			}),
		).toEqual({ kind: 'location', latitude: 37.44221496582, longitude: -122.1612, name: 'Casa', address: '101 Forest Ave, Palo Alto, CA 94301' });
		expect(contentOf({ type: 'location', location: { latitude: -27.1, longitude: -52.6 } })).toEqual({ kind: 'location', latitude: -27.1, longitude: -52.6 });
	});

	it('reads the contacts sample (formatted name, wa_id preferred over the printed phone)', () => {
		expect(
			contentOf({
				type: 'contacts',
				contacts: [
					{
						name: { formatted_name: 'João Souza', first_name: 'João', last_name: 'Souza' },
						phones: [{ phone: '+55 11 98765-4321', wa_id: '5511987654321', type: 'CELL' }, { phone: '+55 11 3333-4444', type: 'WORK' }],
					},
				],
			}),
		).toEqual({ kind: 'contact', name: 'João Souza', phones: ['5511987654321', '+55 11 3333-4444'] });
		expect(contentOf({ type: 'contacts', contacts: [{ name: { first_name: 'Ana', last_name: 'Lima' } }] })).toEqual({ kind: 'contact', name: 'Ana Lima', phones: [] });
	});

	it.each(['reaction', 'order', 'system', 'unsupported', 'request_welcome'])('marks type %s as unsupported', (type) => {
		expect(contentOf({ type, [type]: {} })).toEqual({ kind: 'unsupported', originalType: type });
	});

	it('marks a message without type as unsupported', () => {
		expect(contentOf({})).toEqual({ kind: 'unsupported', originalType: 'unknown' });
	});

	it('keeps the click-to-WhatsApp ad referral', () => {
		const [message] = parseWhatsAppDelivery(
			inbound({
				type: 'text',
				text: { body: 'Vi o anúncio' },
				referral: { source_url: 'https://fb.me/ad', source_id: '1200', source_type: 'ad', headline: 'Fibra 500 MB', body: 'x', ctwa_clid: 'ARAkL' },
			}),
		).messages;
		expect(message.referral).toEqual({ sourceUrl: 'https://fb.me/ad', sourceId: '1200', sourceType: 'ad', headline: 'Fibra 500 MB', ctwaClid: 'ARAkL' });
	});

	it('keeps each sender of a batched delivery, even when only the first is in contacts', () => {
		const delivery = parseWhatsAppDelivery({
			object: 'whatsapp_business_account',
			entry: [{ id: 'WABA', changes: [{ field: 'messages', value: {
				messaging_product: 'whatsapp',
				metadata: { display_phone_number: '15550000000', phone_number_id: 'PNID' },
				contacts: [{ profile: { name: 'Ana' }, wa_id: '5511911110001' }],
				messages: [
					{ from: '5511911110001', id: 'wamid.A', timestamp: '1700000000', type: 'text', text: { body: 'oi' } },
					{ from: '5511922220002', id: 'wamid.B', timestamp: '1700000001', type: 'text', text: { body: 'olá' } },
				],
			} }] }],
		});
		expect(delivery.messages.map((message) => [message.contactId, message.contactName])).toEqual([
			['5511911110001', 'Ana'],
			['5511922220002', undefined],
		]);
	});

	it('works without contacts or profile name', () => {
		const body = envelope({ messages: [{ from: '5511987654321', id: 'wamid.Y', timestamp: '1', type: 'text', text: { body: 'oi' } }] });
		const [message] = parseWhatsAppDelivery(body).messages;
		expect(message.contactId).toBe('5511987654321');
		expect(message.contactName).toBeUndefined();
	});

	it('falls back to the business-scoped user id when there is no phone', () => {
		const body = envelope({
			contacts: [{ profile: { name: 'Ana' }, user_id: 'US.13491208655302741918' }],
			messages: [{ id: 'wamid.Z', timestamp: '1', type: 'text', text: { body: 'oi' } }],
		});
		const [message] = parseWhatsAppDelivery(body).messages;
		expect(message.contactId).toBe('US.13491208655302741918');
		expect(message.contactPhone).toBeUndefined();
		expect(message.contactName).toBe('Ana');
	});

	it('reads every entry, change and message of one delivery, matching each sender to its contact', () => {
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				{
					id: '1',
					changes: [
						{
							field: 'messages',
							value: {
								metadata: METADATA,
								contacts: [
									{ profile: { name: 'Ana' }, wa_id: '551100000001' },
									{ profile: { name: 'Bia' }, wa_id: '551100000002' },
								],
								messages: [
									{ from: '551100000002', id: 'm1', timestamp: '1', type: 'text', text: { body: 'a' } },
									{ from: '551100000001', id: 'm2', timestamp: '2', type: 'text', text: { body: 'b' } },
								],
							},
						},
					],
				},
				{ id: '2', changes: [{ field: 'messages', value: { metadata: { phone_number_id: '999' }, messages: [{ from: '5511', id: 'm3', timestamp: '3', type: 'text', text: { body: 'c' } }] } }] },
			],
		};
		const { messages } = parseWhatsAppDelivery(body);
		expect(messages.map((m) => [m.messageId, m.contactName, m.accountId])).toEqual([
			['m1', 'Bia', '106540352242922'],
			['m2', 'Ana', '106540352242922'],
			['m3', undefined, '999'],
		]);
	});
});

describe('parseWhatsAppDelivery: statuses', () => {
	it('parses the delivered sample without producing messages', () => {
		const delivery = parseWhatsAppDelivery(
			envelope({
				statuses: [
					{
						id: 'wamid.HBgNNTUxNjk5MjMxODIyMhUCABEYEjgxQkVFRDVBQTVDODFDOTg3MQA=',
						status: 'delivered',
						timestamp: '1750857384',
						recipient_id: '5516992318222',
						pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'service' },
					},
				],
			}),
		);
		expect(delivery).toEqual({
			messages: [],
			statuses: [
				{
					channel: 'whatsapp',
					accountId: '106540352242922',
					messageId: 'wamid.HBgNNTUxNjk5MjMxODIyMhUCABEYEjgxQkVFRDVBQTVDODFDOTg3MQA=',
					recipientId: '5516992318222',
					status: 'delivered',
					timestamp: 1750857384000,
				},
			],
		});
	});

	it('parses a failed status with its 131047 error', () => {
		const [status] = parseWhatsAppDelivery(
			envelope({
				statuses: [
					{
						id: 'wamid.F',
						status: 'failed',
						timestamp: '1750857384',
						recipient_id: '5511987654321',
						errors: [
							{
								code: 131047,
								title: 'Re-engagement message',
								message: 'Re-engagement message',
								error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
								href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
							},
						],
					},
				],
			}),
		).statuses;
		expect(status.status).toBe('failed');
		expect(status.errors).toEqual([
			{
				code: 131047,
				title: 'Re-engagement message',
				message: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
			},
		]);
	});

	it('reads sent and read, and skips statuses it does not track (played)', () => {
		const delivery = parseWhatsAppDelivery(
			envelope({
				statuses: ['sent', 'read', 'played'].map((status, index) => ({ id: `w${index}`, status, timestamp: '1', recipient_id: '55' })),
			}),
		);
		expect(delivery.statuses.map((s) => s.status)).toEqual(['sent', 'read']);
		expect(delivery.messages).toEqual([]);
	});

	it('keeps the biz_opaque_callback_data the sender attached (a broadcast job id)', () => {
		const [withData, without] = parseWhatsAppDelivery(
			envelope({
				statuses: [
					{ id: 'w1', status: 'sent', timestamp: '1', recipient_id: '5511987654321', biz_opaque_callback_data: 'status-logins:cliente:1/login:3001' },
					{ id: 'w2', status: 'sent', timestamp: '1', recipient_id: '5511987654321', biz_opaque_callback_data: '' },
				],
			}),
		).statuses;
		expect(withData.callbackData).toBe('status-logins:cliente:1/login:3001');
		expect(without).not.toHaveProperty('callbackData');
	});
});

describe('parseWhatsAppDelivery: deliveries without messages', () => {
	it('returns nothing for the top-level errors webhook and for other fields', () => {
		const errors = envelope({ errors: [{ code: 130429, title: 'Rate limit hit' }] });
		expect(parseWhatsAppDelivery(errors)).toEqual({ messages: [], statuses: [] });
		const templateUpdate = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }] };
		expect(parseWhatsAppDelivery(templateUpdate)).toEqual({ messages: [], statuses: [] });
		expect(parseWhatsAppDelivery({ object: 'whatsapp_business_account', entry: [] })).toEqual({ messages: [], statuses: [] });
	});
});

describe('parseWhatsAppDelivery: malformed input', () => {
	it.each([
		['null', null],
		['an array', [{ entry: [] }]],
		['a string', '{"entry":[]}'],
		['no entry', { object: 'whatsapp_business_account' }],
		['entry not a list', { object: 'whatsapp_business_account', entry: {} }],
		['another object type', { object: 'page', entry: [] }],
		['entry without changes', { object: 'whatsapp_business_account', entry: [{ id: '1' }] }],
		['a change that is not an object', { entry: [{ changes: [null] }] }],
		['a change without value', { entry: [{ changes: [{ field: 'messages' }] }] }],
		['messages without phone_number_id', { entry: [{ changes: [{ field: 'messages', value: { messages: [{ id: 'x' }] } }] }] }],
		['a message without id', envelope({ messages: [{ from: '55', timestamp: '1', type: 'text', text: { body: 'a' } }] })],
		['a message without sender', envelope({ messages: [{ id: 'x', timestamp: '1', type: 'text', text: { body: 'a' } }] })],
		['a message without timestamp', envelope({ messages: [{ id: 'x', from: '55', type: 'text', text: { body: 'a' } }] })],
		['a text without body', envelope({ messages: [{ id: 'x', from: '55', timestamp: '1', type: 'text' }] })],
		['a list reply without id', envelope({ messages: [{ id: 'x', from: '55', timestamp: '1', type: 'interactive', interactive: { type: 'list_reply', list_reply: { title: 'a' } } }] })],
		['a location without coordinates', envelope({ messages: [{ id: 'x', from: '55', timestamp: '1', type: 'location', location: { latitude: '1', longitude: 2 } }] })],
		['a status that is not an object', envelope({ statuses: ['delivered'] })],
		['a status without id', envelope({ statuses: [{ status: 'read', timestamp: '1' }] })],
	])('throws MalformedDeliveryError for %s', (_case, body) => {
		expect(() => parseWhatsAppDelivery(body)).toThrow(MalformedDeliveryError);
	});

	it('says what is missing', () => {
		expect(() => parseWhatsAppDelivery({ object: 'whatsapp_business_account' })).toThrow('falta a lista "entry"');
	});
});

describe('parseWhatsAppVerification', () => {
	it('reads the documented query', () => {
		expect(parseWhatsAppVerification({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': 'meatyhamhock' })).toEqual({
			mode: 'subscribe',
			token: 'meatyhamhock',
			challenge: '1158201444',
		});
	});

	it('reads underscore keys, a nested hub object and repeated values', () => {
		const expected = { mode: 'subscribe', token: 't', challenge: 'c' };
		expect(parseWhatsAppVerification({ hub_mode: 'subscribe', hub_verify_token: 't', hub_challenge: 'c' })).toEqual(expected);
		expect(parseWhatsAppVerification({ hub: { mode: 'subscribe', verify_token: 't', challenge: 'c' } })).toEqual(expected);
		expect(parseWhatsAppVerification({ 'hub.mode': ['subscribe', 'x'], 'hub.verify_token': 't', 'hub.challenge': 'c' })).toEqual(expected);
	});

	it('is undefined when a parameter is missing or the query is not an object', () => {
		expect(parseWhatsAppVerification({ 'hub.mode': 'subscribe', 'hub.verify_token': 't' })).toBeUndefined();
		expect(parseWhatsAppVerification({})).toBeUndefined();
		expect(parseWhatsAppVerification(undefined)).toBeUndefined();
		expect(parseWhatsAppVerification({ 'hub.mode': 1, 'hub.verify_token': 't', 'hub.challenge': 'c' })).toBeUndefined();
	});
});

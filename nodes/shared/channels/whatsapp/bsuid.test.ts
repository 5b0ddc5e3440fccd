import { parseWhatsAppDelivery } from './parse';
import { renderWhatsApp } from './render';
import { addressee, isBsuid } from './bsuid';
import { classifyWhatsAppError } from './errors';

const METADATA = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };
const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';

function delivery(value: Record<string, unknown>): unknown {
	return {
		object: 'whatsapp_business_account',
		entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: METADATA, ...value } }] }],
	};
}

const text = { id: 'wamid.BSUID1', timestamp: '1750857384', type: 'text', text: { body: 'oi' } };

describe('WhatsApp business-scoped user ids (BSUID): the four webhook variants Meta lists', () => {
	it('no username: phone and BSUID, the phone is the contact id', () => {
		const [message] = parseWhatsAppDelivery(
			delivery({
				contacts: [{ profile: { name: 'Pablo M.' }, wa_id: '16505551234', user_id: BSUID }],
				messages: [{ from: '16505551234', from_user_id: BSUID, ...text }],
			}),
		).messages;
		expect(message).toMatchObject({ contactId: '16505551234', contactPhone: '16505551234', contactUserId: BSUID, contactName: 'Pablo M.' });
		expect(message.contactUsername).toBeUndefined();
	});

	it('username without phone: no wa_id/from, the BSUID is the contact id, no phone', () => {
		const [message] = parseWhatsAppDelivery(
			delivery({
				contacts: [{ profile: { name: 'Pablo M.', username: 'pablomorales' }, user_id: BSUID }],
				messages: [{ from_user_id: BSUID, ...text }],
			}),
		).messages;
		expect(message).toMatchObject({ contactId: BSUID, contactUserId: BSUID, contactName: 'Pablo M.', contactUsername: 'pablomorales' });
		expect(message.contactPhone).toBeUndefined();
	});

	it('username with phone: both ids and the username', () => {
		const [message] = parseWhatsAppDelivery(
			delivery({
				contacts: [{ profile: { name: 'Pablo M.', username: 'pablomorales' }, wa_id: '16505551234', user_id: BSUID }],
				messages: [{ from: '16505551234', from_user_id: BSUID, ...text }],
			}),
		).messages;
		expect(message).toMatchObject({ contactId: '16505551234', contactPhone: '16505551234', contactUserId: BSUID, contactUsername: 'pablomorales' });
	});

	it('parent BSUID (enrolled business): read from the message or the contact', () => {
		const [fromMessage] = parseWhatsAppDelivery(
			delivery({
				contacts: [{ profile: { name: 'Pablo M.', username: 'pablomorales' }, user_id: BSUID, parent_user_id: PARENT }],
				messages: [{ from_user_id: BSUID, from_parent_user_id: PARENT, ...text }],
			}),
		).messages;
		expect(fromMessage).toMatchObject({ contactId: BSUID, contactUserId: BSUID, contactParentUserId: PARENT });
		const [fromContact] = parseWhatsAppDelivery(
			delivery({ contacts: [{ profile: { name: 'P' }, user_id: BSUID, parent_user_id: PARENT }], messages: [{ from_user_id: BSUID, ...text }] }),
		).messages;
		expect(fromContact.contactParentUserId).toBe(PARENT);
	});

	it('a batch of two BSUID senders: each message gets its own contact entry', () => {
		const other = 'BR.99887766';
		const { messages } = parseWhatsAppDelivery(
			delivery({
				contacts: [
					{ profile: { name: 'Ana', username: 'ana' }, user_id: other },
					{ profile: { name: 'Pablo', username: 'pablo' }, user_id: BSUID },
				],
				messages: [
					{ from_user_id: BSUID, ...text },
					{ from_user_id: other, ...text, id: 'wamid.BSUID2' },
				],
			}),
		);
		expect(messages.map((message) => [message.contactId, message.contactName, message.contactUsername])).toEqual([
			[BSUID, 'Pablo', 'pablo'],
			[other, 'Ana', 'ana'],
		]);
	});

	it('a message with neither phone nor BSUID is malformed', () => {
		expect(() => parseWhatsAppDelivery(delivery({ contacts: [], messages: [{ ...text }] }))).toThrow(/sem remetente/);
	});
});

describe('WhatsApp statuses of BSUID sends', () => {
	const status = (fields: Record<string, unknown>) => parseWhatsAppDelivery(delivery({ statuses: [{ id: 'wamid.S1', timestamp: '1750857384', ...fields }] })).statuses[0];

	it('recipient_user_id without recipient_id (no phone available): the BSUID is the recipient', () => {
		expect(status({ status: 'delivered', recipient_user_id: BSUID })).toMatchObject({ recipientId: BSUID, recipientUserId: BSUID });
	});

	it('both: the phone is the recipient, the BSUID kept', () => {
		expect(status({ status: 'read', recipient_id: '16505551234', recipient_user_id: BSUID })).toMatchObject({ recipientId: '16505551234', recipientUserId: BSUID });
	});

	it('failed without contacts nor recipient ids is still parsed with its error', () => {
		const failed = status({ status: 'failed', errors: [{ code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' }] });
		expect(failed).toMatchObject({ recipientId: '', status: 'failed', errors: [{ code: 131049 }] });
	});
});

describe('WhatsApp sends to a BSUID', () => {
	const opts = { apiVersion: 'v25.0', phoneNumberId: '106540352242922' };

	it('recognises BSUIDs and parent BSUIDs, not phones', () => {
		expect(isBsuid(BSUID)).toBe(true);
		expect(isBsuid(PARENT)).toBe(true);
		expect(isBsuid('5511987654321')).toBe(false);
		expect(isBsuid('+5511987654321')).toBe(false);
		expect(isBsuid('us.123')).toBe(false);
		expect(isBsuid('US.ENT.')).toBe(false);
	});

	it('a BSUID goes in recipient and never in to (Meta drops a BSUID in to silently)', () => {
		for (const id of [BSUID, PARENT]) {
			const [request] = renderWhatsApp(id, { kind: 'text', text: 'oi' }, opts);
			const body = request.body as Record<string, unknown>;
			expect(body.recipient).toBe(id);
			expect(body).not.toHaveProperty('to');
		}
		expect(addressee('5511987654321')).toEqual({ to: '5511987654321' });
	});

	it('every kind of message and the templates are addressed the same way', () => {
		const [template] = renderWhatsApp(BSUID, { kind: 'template', name: 'boas_vindas', language: 'pt_BR', bodyParameters: ['Ana'] }, opts);
		const [choice] = renderWhatsApp(BSUID, { kind: 'choices', text: 'Escolha', choices: [{ id: 'a', label: 'A' }] }, opts);
		for (const request of [template, choice]) expect(request.body).toMatchObject({ recipient: BSUID, recipient_type: 'individual' });
		expect(template.body).not.toHaveProperty('to');
	});

	it('131062 (BSUID not supported for this message) is a clear error, not retried', () => {
		const advice = classifyWhatsAppError(400, { error: { code: 131062, message: '(#131062) Business-scoped User ID (BSUID) recipients are not supported for this message' } });
		expect(advice).toMatchObject({ retry: 'never', code: 131062 });
		expect(advice.reason).toMatch(/nome de usuário \(BSUID\).*telefone/);
	});
});

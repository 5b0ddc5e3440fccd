import { MalformedDeliveryError } from '../errors';
import type { InboundMessage } from '../types';
import { choiceFromTitle, parseChatwootEvent } from './parse';

const ACCOUNT = '3:58';

/** A `message_created` body as Chatwoot's `Message#webhook_data` builds it (docs/apis-externas.md §G). */
function messageEvent(overrides: Record<string, unknown> = {}, conversation: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		event: 'message_created',
		id: 77287,
		content: 'quero a segunda via',
		content_type: 'text',
		content_attributes: {},
		message_type: 'incoming',
		private: false,
		created_at: '2025-07-10T15:36:22.262Z',
		account: { id: 3, name: 'Provedor X' },
		inbox: { id: 58, name: 'WhatsApp' },
		sender: { id: 52870, name: 'Maria', phone_number: '+5511999990000' },
		conversation: {
			id: 13098,
			inbox_id: 58,
			status: 'pending',
			channel: 'Channel::Whatsapp',
			meta: { sender: { id: 52870, name: 'Maria', phone_number: '+5511999990000' } },
			messages: [{ id: 77287, message_type: 0 }],
			...conversation,
		},
		...overrides,
	};
}

it('reads an incoming message: the conversation display id is the contact, name and phone from the sender', () => {
	const event = parseChatwootEvent(messageEvent(), ACCOUNT);
	expect(event).toEqual({
		kind: 'customer',
		event: 'message_created',
		conversation: { conversationId: '13098', inboxId: '58', status: 'pending', channelType: 'Channel::Whatsapp', inboxKind: 'whatsapp' },
		message: {
			channel: 'chatwoot',
			accountId: ACCOUNT,
			contactId: '13098',
			contactName: 'Maria',
			contactPhone: '5511999990000',
			messageId: 'cw:77287',
			timestamp: Date.parse('2025-07-10T15:36:22.262Z'),
			content: { kind: 'text', text: 'quero a segunda via' },
		},
	});
});

it('reads an image, a file and a location attachment', () => {
	const image = parseChatwootEvent(
		messageEvent({ content: null, attachments: [{ id: 911, file_type: 'image', data_url: 'https://chat.example/rails/active_storage/x/foto.jpg' }] }),
		ACCOUNT,
	);
	expect(image.kind === 'customer' && image.message.content).toEqual({ kind: 'media', mediaType: 'image', url: 'https://chat.example/rails/active_storage/x/foto.jpg', fileName: 'foto.jpg' });
	const file = parseChatwootEvent(messageEvent({ content: 'comprovante', attachments: [{ file_type: 'file', data_url: 'https://c/x/pix.pdf' }] }), ACCOUNT);
	expect(file.kind === 'customer' && file.message.content).toMatchObject({ kind: 'media', mediaType: 'document', caption: 'comprovante' });
	const location = parseChatwootEvent(messageEvent({ content: null, attachments: [{ file_type: 'location', coordinates_lat: -23.5, coordinates_long: -46.6, fallback_title: 'Casa' }] }), ACCOUNT);
	expect(location.kind === 'customer' && location.message.content).toEqual({ kind: 'location', latitude: -23.5, longitude: -46.6, name: 'Casa' });
});

it('reads a web widget answer (message_updated with submitted_values) as the choice, whoever the sender', () => {
	const event = parseChatwootEvent(
		messageEvent(
			{
				event: 'message_updated',
				id: 500,
				message_type: 'outgoing',
				content_type: 'input_select',
				content_attributes: { items: [{ title: 'Suporte', value: 'opcao_2' }], submitted_values: [{ title: 'Suporte', value: 'opcao_2' }] },
				sender: { id: 7, name: 'Bot', type: 'agent_bot' },
			},
			{ channel: 'Channel::WebWidget', meta: { sender: { id: 9, name: 'Visitante' } } },
		),
		ACCOUNT,
		1_000,
	);
	expect(event).toMatchObject({
		kind: 'customer',
		conversation: { inboxKind: 'options' },
		message: { messageId: 'cw:500:resposta', contactName: 'Visitante', timestamp: 1_000, content: { kind: 'choice', id: 'opcao_2', title: 'Suporte' } },
	});
});

it('a message_updated without an answer is a conversation event, not a message', () => {
	expect(parseChatwootEvent(messageEvent({ event: 'message_updated', message_type: 'outgoing' }), ACCOUNT)).toMatchObject({ kind: 'conversation' });
});

it('tells agents, private notes, activity lines and the bot echo apart from the customer', () => {
	expect(parseChatwootEvent(messageEvent({ message_type: 'outgoing', sender: { id: 1, name: 'Ana', type: 'user' }, content: 'Oi, sou a Ana' }), ACCOUNT)).toMatchObject({
		kind: 'other',
		author: 'atendente',
		agentName: 'Ana',
		isPrivate: false,
		text: 'Oi, sou a Ana',
	});
	expect(parseChatwootEvent(messageEvent({ message_type: 'incoming', private: true }), ACCOUNT)).toMatchObject({ kind: 'other', isPrivate: true });
	expect(parseChatwootEvent(messageEvent({ message_type: 'activity', sender: null }), ACCOUNT)).toMatchObject({ kind: 'other', author: 'sistema' });
	expect(parseChatwootEvent(messageEvent({ message_type: 'outgoing', sender: { id: 7, type: 'agent_bot' } }), ACCOUNT)).toMatchObject({ kind: 'other', author: 'bot' });
	expect(parseChatwootEvent(messageEvent({ message_type: 1, sender: { id: 7, type: 'agent_bot' } }), ACCOUNT)).toMatchObject({ kind: 'other', author: 'bot' });
});

it('reads conversation events from the conversation at the top level', () => {
	expect(parseChatwootEvent({ event: 'conversation_resolved', id: 13098, inbox_id: 58, status: 'resolved', channel: 'Channel::Sms' }, ACCOUNT)).toEqual({
		kind: 'conversation',
		event: 'conversation_resolved',
		conversation: { conversationId: '13098', inboxId: '58', status: 'resolved', channelType: 'Channel::Sms', inboxKind: 'text' },
	});
	expect(parseChatwootEvent({ event: 'conversation_status_changed', id: 5, status: 'pending' }, ACCOUNT)).toMatchObject({ kind: 'conversation', conversation: { status: 'pending' } });
	expect(parseChatwootEvent({ event: 'webwidget_triggered', id: 180 }, ACCOUNT)).toEqual({ kind: 'ignored', event: 'webwidget_triggered' });
});

it('refuses bodies without event or conversation id', () => {
	expect(() => parseChatwootEvent([], ACCOUNT)).toThrow(MalformedDeliveryError);
	expect(() => parseChatwootEvent({ id: 1 }, ACCOUNT)).toThrow(MalformedDeliveryError);
	expect(() => parseChatwootEvent({ event: 'message_created', id: 1 }, ACCOUNT)).toThrow(MalformedDeliveryError);
	expect(() => parseChatwootEvent({ event: 'conversation_resolved' }, ACCOUNT)).toThrow(MalformedDeliveryError);
	expect(() => parseChatwootEvent(messageEvent({ id: null }), ACCOUNT)).toThrow(MalformedDeliveryError);
});

describe('choiceFromTitle', () => {
	const text = (value: string): InboundMessage => ({ channel: 'chatwoot', accountId: ACCOUNT, contactId: '1', messageId: 'cw:1', timestamp: 1, content: { kind: 'text', text: value } });
	const labels = ['2ª via do boleto', 'Suporte técnico', 'Falar com atendente'];

	it('maps a tapped title back to its option, ignoring case and accents', () => {
		expect(choiceFromTitle(text('SUPORTE TECNICO'), labels, 'whatsapp').content).toEqual({ kind: 'choice', id: 'Suporte técnico', title: 'Suporte técnico' });
	});

	it('maps a title cut to the WhatsApp button limit back to the full option', () => {
		const long = ['Consultar minha fatura atual', 'Suporte'];
		expect(choiceFromTitle(text('Consultar minha fat…'), long, 'whatsapp').content).toEqual({ kind: 'choice', id: long[0], title: long[0] });
	});

	it('leaves other texts, and texts when no options were offered, as they are', () => {
		expect(choiceFromTitle(text('quero cancelar'), labels, 'whatsapp').content).toEqual({ kind: 'text', text: 'quero cancelar' });
		expect(choiceFromTitle(text('Suporte técnico'), undefined, 'whatsapp').content.kind).toBe('text');
	});
});

it('lists the attributes a conversation_updated changed', () => {
	const event = parseChatwootEvent({ event: 'conversation_updated', id: 5, status: 'pending', changed_attributes: [{ status: { previous_value: 'open', current_value: 'pending' } }, { assignee_id: {} }] }, ACCOUNT);
	expect(event).toMatchObject({ conversation: { changedAttributes: ['status', 'assignee_id'] } });
});

import { MalformedDeliveryError } from '../errors';
import {
	instagramWebhook,
	META_TEST_ACCOUNT as ACCOUNT,
	metaAttachmentEvent,
	metaEchoEvent,
	metaPostbackEvent,
	metaQuickReplyEvent,
	metaTextEvent,
	pageWebhook,
} from '../../../../test/simulators/meta-messaging';
import { parseMetaMessagingDelivery } from './parse';

const PSID = '24000000000000001';
const IGSID = '9800000000000001';

describe('parseMetaMessagingDelivery', () => {
	it('reads a Messenger text: the entry id is the account, the sender the PSID, dedupe key the mid', () => {
		const delivery = parseMetaMessagingDelivery('messenger', pageWebhook(metaTextEvent(PSID, 'oi', { mid: 'm_1', timestamp: 1458692752478 })));
		expect(delivery.messages).toEqual([
			{ channel: 'messenger', accountId: ACCOUNT.pageId, contactId: PSID, messageId: 'm_1', timestamp: 1458692752478, content: { kind: 'text', text: 'oi' } },
		]);
	});

	it('reads an Instagram message with the IG account id and the IGSID', () => {
		const [message] = parseMetaMessagingDelivery('instagram', instagramWebhook(metaTextEvent(IGSID, 'olá', { account: ACCOUNT.instagramAccountId }))).messages;
		expect(message).toMatchObject({ channel: 'instagram', accountId: ACCOUNT.instagramAccountId, contactId: IGSID, content: { kind: 'text', text: 'olá' } });
	});

	it('a quick-reply tap is the choice of its payload, titled by the text the customer saw', () => {
		const [message] = parseMetaMessagingDelivery('messenger', pageWebhook(metaQuickReplyEvent(PSID, 'Comercial', 'opcao_1'))).messages;
		expect(message.content).toEqual({ kind: 'choice', id: 'opcao_1', title: 'Comercial' });
	});

	it('a postback is the choice of its payload; one without mid gets a stable id; seconds become ms', () => {
		const [message] = parseMetaMessagingDelivery('messenger', pageWebhook(metaPostbackEvent(PSID, 'Sim', 'sim', { mid: 'm_pb' }))).messages;
		expect(message).toMatchObject({ messageId: 'm_pb', content: { kind: 'choice', id: 'sim', title: 'Sim' } });
		const bare = { sender: { id: PSID }, recipient: { id: ACCOUNT.pageId }, timestamp: 1527459824, postback: { title: 'Começar', payload: 'GET_STARTED' } };
		const [noMid] = parseMetaMessagingDelivery('messenger', pageWebhook(bare)).messages;
		expect(noMid).toMatchObject({ messageId: `postback:${PSID}:1527459824000:GET_STARTED`, timestamp: 1527459824000, content: { kind: 'choice', id: 'GET_STARTED' } });
	});

	it('attachments become media (file → document, sticker), one message each; unknown types are unsupported', () => {
		const delivery = parseMetaMessagingDelivery(
			'instagram',
			instagramWebhook(
				metaAttachmentEvent(
					IGSID,
					[
						{ type: 'image', url: 'https://cdn/1.jpg' },
						{ type: 'file', url: 'https://cdn/f.pdf' },
						{ type: 'ig_reel', url: 'https://cdn/r' },
					],
					{ mid: 'm_att', text: 'olha' },
				),
			),
		);
		expect(delivery.messages.map((message) => [message.messageId, message.content])).toEqual([
			['m_att', { kind: 'media', mediaType: 'image', url: 'https://cdn/1.jpg', caption: 'olha' }],
			['m_att#2', { kind: 'media', mediaType: 'document', url: 'https://cdn/f.pdf' }],
			['m_att#3', { kind: 'unsupported', originalType: 'ig_reel' }],
		]);
		const sticker = { sender: { id: PSID }, recipient: { id: ACCOUNT.pageId }, timestamp: 1, message: { mid: 'm_s', attachments: [{ type: 'image', payload: { url: 'https://s', sticker_id: 369239263222822 } }] } };
		expect(parseMetaMessagingDelivery('messenger', pageWebhook(sticker)).messages[0].content).toMatchObject({ kind: 'media', mediaType: 'sticker' });
	});

	it('drops echoes (Messenger message_echoes, Instagram is_echo in messages), reads, deliveries and the account itself', () => {
		const events = [
			metaEchoEvent(ACCOUNT.pageId, PSID, 'eco'),
			{ sender: { id: PSID }, recipient: { id: ACCOUNT.pageId }, timestamp: 1, read: { watermark: 1 } },
			{ sender: { id: PSID }, recipient: { id: ACCOUNT.pageId }, timestamp: 1, delivery: { mids: ['m_x'], watermark: 1 } },
			{ sender: { id: ACCOUNT.pageId }, recipient: { id: PSID }, timestamp: 1, message: { mid: 'm_own', text: 'sem flag' } },
		];
		expect(parseMetaMessagingDelivery('messenger', pageWebhook(events)).messages).toEqual([]);
		expect(parseMetaMessagingDelivery('instagram', instagramWebhook(metaEchoEvent(ACCOUNT.instagramAccountId, IGSID, 'eco'))).messages).toEqual([]);
	});

	it('keeps one message per mid within a delivery', () => {
		const event = metaTextEvent(PSID, 'oi', { mid: 'm_dup' });
		expect(parseMetaMessagingDelivery('messenger', pageWebhook([event, event])).messages).toHaveLength(1);
	});

	it('reads the entry.changes[] { field, value } form too', () => {
		const body = { object: 'page', entry: [{ id: ACCOUNT.pageId, time: 1, changes: [{ field: 'messaging_postbacks', value: metaPostbackEvent(PSID, 'Sim', 'sim', { mid: 'm_c' }) }] }] };
		expect(parseMetaMessagingDelivery('messenger', body).messages[0]).toMatchObject({ accountId: ACCOUNT.pageId, content: { kind: 'choice', id: 'sim' } });
	});

	it('refuses the other platform\'s object, a missing entry list, an entry without id and a message without mid', () => {
		expect(() => parseMetaMessagingDelivery('messenger', instagramWebhook([]))).toThrow(MalformedDeliveryError);
		expect(() => parseMetaMessagingDelivery('instagram', { object: 'instagram' })).toThrow(/entry/);
		expect(() => parseMetaMessagingDelivery('messenger', { object: 'page', entry: [{ messaging: [] }] })).toThrow(/id/);
		expect(() => parseMetaMessagingDelivery('messenger', pageWebhook({ sender: { id: PSID }, message: { text: 'x' } }))).toThrow(/mid/);
		expect(() => parseMetaMessagingDelivery('messenger', 'oi')).toThrow(MalformedDeliveryError);
	});
});

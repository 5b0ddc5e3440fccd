import { NodeApiError } from 'n8n-workflow';

import { META_ERRORS, META_TEST_ACCOUNT as ACCOUNT, startMetaMessagingSimulator, type MetaMessagingSimulator } from '../../../../test/simulators/meta-messaging';
import { fetchDoor } from '../../../../test/support/fetch-door';
import { isUnavailableRecipientError, metaAccountOf, metaMessagingApi } from './api';

let meta: MetaMessagingSimulator;
const door = () => fetchDoor({ Authorization: `Bearer ${ACCOUNT.accessToken}` });
const messenger = () => metaMessagingApi(door(), metaAccountOf('messenger', { pageId: ACCOUNT.pageId, accessToken: '', appSecret: '', verifyToken: '', baseUrl: meta.url }));
const instagram = () =>
	metaMessagingApi(door(), metaAccountOf('instagram', { instagramAccountId: ACCOUNT.instagramAccountId, accessToken: '', appSecret: '', verifyToken: '', baseUrl: meta.url, apiVersion: 'v26.0' }));

beforeEach(async () => {
	meta = await startMetaMessagingSimulator();
});
afterEach(async () => await meta.close());

describe('metaAccountOf', () => {
	it('defaults the version to v26.0 and the host by the kind of login', () => {
		expect(metaAccountOf('messenger', { pageId: '1', accessToken: '', appSecret: '', verifyToken: '' })).toEqual({ channel: 'messenger', accountId: '1', apiVersion: 'v26.0', baseUrl: 'https://graph.facebook.com' });
		expect(metaAccountOf('instagram', { loginType: 'instagramLogin', instagramAccountId: '2', accessToken: '', appSecret: '', verifyToken: '' }).baseUrl).toBe('https://graph.instagram.com');
	});
});

describe('metaMessagingApi against the simulator', () => {
	it('sends quick replies on Messenger and Instagram inside the window', async () => {
		meta.customerWrote('psid1');
		meta.customerWrote('igsid1');
		const message = { kind: 'choices' as const, text: 'Escolha', choices: [{ id: 'a', label: 'A' }] };
		await messenger().sendMessage('psid1', message);
		await instagram().sendMessage('igsid1', message);
		expect(meta.sent.map((sent) => [sent.object, sent.recipientId, sent.body.messaging_type])).toEqual([
			['page', 'psid1', 'RESPONSE'],
			['instagram', 'igsid1', 'RESPONSE'],
		]);
	});

	it('sender actions go without message', async () => {
		await messenger().senderAction('psid1', 'mark_seen');
		await messenger().senderAction('psid1', 'typing_on');
		expect(meta.senderActions.map((action) => action.action)).toEqual(['mark_seen', 'typing_on']);
	});

	it('outside 24 h the bot send fails with the window reason, once; a human agent reply within 7 days goes tagged', async () => {
		meta.customerWrote('psid2', Date.now() - 30 * 60 * 60 * 1000);
		const error = await messenger().sendMessage('psid2', { kind: 'text', text: 'Oi' }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/janela de 24 horas/);
		expect(meta.requests).toHaveLength(1);
		await messenger().sendMessage('psid2', { kind: 'text', text: 'Oi, aqui é a Ana' }, { humanAgent: true });
		expect(meta.sent[0].body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
	});

	it('a person who is unavailable (551) is not retried and the error is marked', async () => {
		meta.customerWrote('psid3');
		meta.block('psid3');
		const error = await messenger().sendMessage('psid3', { kind: 'text', text: 'Oi' }).catch((caught: unknown) => caught);
		expect((error as Error).message).toMatch(/não está disponível/);
		expect(isUnavailableRecipientError(error)).toBe(true);
		expect(meta.requests).toHaveLength(1);
	});

	it('a rate limit (613) is retried by the transport and the message goes out', async () => {
		meta.customerWrote('psid4');
		meta.rateLimitNext(1);
		await messenger().sendMessage('psid4', { kind: 'text', text: 'Oi' });
		expect(meta.requests).toHaveLength(2);
		expect(meta.sent).toHaveLength(1);
	});

	it('a bad token (190) fails at once, without the token in the error', async () => {
		meta.failNextWith(META_ERRORS.token, 1, 401);
		const error = (await messenger().senderAction('psid5', 'mark_seen').catch((caught: unknown) => caught)) as NodeApiError;
		expect(error.message).toMatch(/Token de acesso/);
		expect(`${error.message} ${error.description ?? ''}`).not.toContain(ACCOUNT.accessToken);
		expect(isUnavailableRecipientError(error)).toBe(false);
	});

	it('uploads a binary file (message_attachments, multipart filedata) and sends it by attachment_id', async () => {
		meta.customerWrote('psid6');
		await messenger().sendMessage('psid6', { kind: 'media', mediaType: 'document', data: Buffer.from('%PDF-1.4').toString('base64'), mimeType: 'application/pdf', fileName: 'fatura.pdf' });
		const [id] = [...meta.attachments.keys()];
		expect(meta.attachments.get(id)).toMatchObject({ type: 'file', fileName: 'fatura.pdf' });
		expect(meta.sent[0].message).toEqual({ attachment: { type: 'file', payload: { attachment_id: id } } });
	});
});

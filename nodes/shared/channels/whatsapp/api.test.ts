import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { startWhatsAppSimulator, WHATSAPP_TEST_ACCOUNT as ACCOUNT, type MessageTemplate, type WhatsAppSimulator } from '../../../../test/simulators/whatsapp';
import { fetchDoor, TEST_NODE } from '../../../../test/support/fetch-door';
import { BROADCAST_TEMPLATES, OFFLINE_NOTICE_TEMPLATE } from '../../../../test/support/whatsapp-broadcast-templates';
import { whatsAppApi } from './api';

let whatsapp: WhatsAppSimulator;
const account = () => ({ baseUrl: whatsapp.url, apiVersion: ACCOUNT.apiVersion, phoneNumberId: ACCOUNT.phoneNumberId, businessAccountId: ACCOUNT.wabaId });
const authorized = () => fetchDoor({ Authorization: `Bearer ${ACCOUNT.accessToken}` });

afterEach(async () => await whatsapp.close());

describe('sendMessage', () => {
	it('renders and sends to the wa_id as received', async () => {
		whatsapp = await startWhatsAppSimulator();
		await whatsAppApi(authorized(), account()).sendMessage('5511987654321', { kind: 'text', text: 'Olá' });
		expect(whatsapp.sent).toHaveLength(1);
		expect(whatsapp.sent[0].body).toMatchObject({ to: '5511987654321', type: 'text', text: { body: 'Olá' } });
	});

	it('uploads a binary file first and sends it by media id', async () => {
		whatsapp = await startWhatsAppSimulator();
		const data = Buffer.from('%PDF-1.4 fatura').toString('base64');
		await whatsAppApi(authorized(), account()).sendMessage('5511987654321', { kind: 'media', mediaType: 'document', data, mimeType: 'application/pdf', fileName: 'fatura.pdf' });
		const [sent] = whatsapp.sent;
		const mediaId = (sent.body.document as { id: string }).id;
		expect(whatsapp.media.get(mediaId)?.data.toString()).toBe('%PDF-1.4 fatura');
	});

	it('retries a 5xx, then succeeds', async () => {
		whatsapp = await startWhatsAppSimulator();
		whatsapp.failNextWithCode(1, 1, 503);
		await whatsAppApi(authorized(), account()).sendMessage('5511987654321', { kind: 'text', text: 'Olá' });
		expect(whatsapp.sent).toHaveLength(1);
	});

	it('a refusal that cannot succeed is not repeated: a NodeApiError of the door node, in pt-BR, without the token', async () => {
		whatsapp = await startWhatsAppSimulator();
		whatsapp.closeWindow('5511987654321');
		const door = authorized();
		const error = await whatsAppApi(door, account()).sendMessage('5511987654321', { kind: 'text', text: 'Olá' }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/Mais de 24 horas/);
		expect((error as NodeApiError).node).toBe(TEST_NODE);
		expect(door.requests).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain(ACCOUNT.accessToken);
	});
});

describe('listApprovedTemplates', () => {
	it('lists only approved templates, following the cursor through every page', async () => {
		const many: MessageTemplate[] = Array.from({ length: 130 }, (_, index) => ({ ...OFFLINE_NOTICE_TEMPLATE, id: String(index), name: `aviso_${index}` }));
		whatsapp = await startWhatsAppSimulator({ templates: [...BROADCAST_TEMPLATES, ...many] });
		const templates = await whatsAppApi(authorized(), account()).listApprovedTemplates();
		expect(templates.map((template) => template.name)).not.toContain('promocao_upgrade');
		expect(templates).toHaveLength(BROADCAST_TEMPLATES.length - 1 + 130);
		const listings = whatsapp.requests.filter((request) => request.path.endsWith('/message_templates'));
		expect(listings.map((request) => request.query.status)).toEqual(['APPROVED', 'APPROVED']);
		expect(listings[1].query.after).toBeTruthy();
	});

	it("fails with Meta's answer on a wrong account, and before any request without the account id", async () => {
		whatsapp = await startWhatsAppSimulator();
		const refused = await whatsAppApi(authorized(), { ...account(), businessAccountId: '999' }).listApprovedTemplates().catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(NodeApiError);
		expect((refused as NodeApiError).message).toBe('O WhatsApp recusou a listagem de templates (HTTP 400)');
		expect((refused as NodeApiError).description).toMatch(/ID da WABA/);
		const missing = await whatsAppApi(authorized(), { ...account(), businessAccountId: '' }).listApprovedTemplates().catch((error: unknown) => error);
		expect(missing).toBeInstanceOf(NodeOperationError);
		expect(whatsapp.requests).toHaveLength(1);
	});
});

describe('sendOnce', () => {
	it('one attempt, whatever the answer: the caller owns the retries', async () => {
		whatsapp = await startWhatsAppSimulator();
		whatsapp.failNextWithCode(130429, 1, 429);
		const door = authorized();
		const wire = { method: 'POST' as const, path: `/${ACCOUNT.apiVersion}/${ACCOUNT.phoneNumberId}/messages`, body: { messaging_product: 'whatsapp', to: '5511987654321', type: 'text', text: { body: 'x' } } };
		const outcome = await whatsAppApi(door, account()).sendOnce(wire, 5000);
		expect(outcome).toMatchObject({ kind: 'response', statusCode: 429, body: { error: { code: 130429 } } });
		expect(door.requests).toHaveLength(1);
	});
});

describe('markRead', () => {
	it('marks the message read with the typing indicator', async () => {
		whatsapp = await startWhatsAppSimulator();
		await whatsAppApi(authorized(), account()).markRead('wamid.HBgL1', true);
		expect(whatsapp.readReceipts).toEqual(['wamid.HBgL1']);
		expect(whatsapp.typingIndicators).toEqual(['wamid.HBgL1']);
		expect(whatsapp.sent).toEqual([]);
	});

	it('one attempt only: a refusal throws at once, in pt-BR', async () => {
		whatsapp = await startWhatsAppSimulator();
		await expect(whatsAppApi(authorized(), account()).markRead('not-a-wamid', true)).rejects.toThrow(/parâmetro inválido/i);
		expect(whatsapp.requests.filter((request) => request.path.endsWith('/messages'))).toHaveLength(1);
	});
});

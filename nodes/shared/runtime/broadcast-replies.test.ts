import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { buttonReplyMessage, messagesWebhook, templateButtonMessage, textMessage } from '../../../test/simulators/whatsapp';
import { LocalBroadcastStore } from '../broadcast/local-store';
import { encodeReplyPayload } from '../broadcast/reply-payload';
import type { NewJob } from '../broadcast/types';
import { parseWhatsAppDelivery } from '../channels/whatsapp/parse';
import { recognizeBroadcastReplies } from './broadcast-replies';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const MESSAGE = { name: 'aviso_conexao_offline', language: 'pt_BR', bodyParameters: ['Ana'], previewText: 'Aviso', quickReplies: [{ index: 0, text: 'Já voltou' }, { index: 1, text: 'Continua sem internet' }] };

let directory: string;
let store: LocalBroadcastStore;

/** A job of `campaign` for `phone`, sent (so its log row exists); returns its id. */
async function sentJob(campaign: string, clienteId: string, phone: string): Promise<string> {
	const job: NewJob = { campaign, recipientKey: `cliente:${clienteId}`, clienteId, phone, message: MESSAGE };
	await store.enqueue([job], T0);
	const [claimed] = await store.claim(T0, 1, 60_000);
	await store.markSent(claimed.id, `wamid.${clienteId}`, T0 + 1);
	return claimed.id;
}

/** The messages of one webhook delivery, as the trigger parses them. */
function parsed(...messages: Array<Record<string, unknown>>) {
	return parseWhatsAppDelivery(messagesWebhook(messages)).messages;
}

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'respostas-'));
	store = new LocalBroadcastStore(directory);
});
afterEach(async () => {
	await store.close();
	rmSync(directory, { recursive: true, force: true });
});

describe('taps on broadcast buttons', () => {
	it("reads the campaign from a template button tap and from an interactive button_reply, and records the reply on the job's row", async () => {
		const jobId = await sentJob('aviso-dezembro', '101', '+5549999991234');
		// João's wa_id comes without the 9th digit (DDD 49), as WhatsApp answers for it.
		const [tap, interactive] = await recognizeBroadcastReplies(
			parsed(
				templateButtonMessage(encodeReplyPayload(jobId, 2)!, 'Continua sem internet', 'wamid.101', { from: '554999991234', timestamp: T0 / 1000 + 60 }),
				buttonReplyMessage(encodeReplyPayload(jobId, 1)!, 'Já voltou', 'wamid.101', { from: '554999991234', timestamp: T0 / 1000 + 120 }),
			),
			store,
		);
		expect(tap.content).toEqual({ kind: 'choice', id: 'botao_2', title: 'Continua sem internet' });
		expect(tap.broadcastReply).toEqual({ status: 'confirmada', campaign: 'aviso-dezembro', jobId });
		expect(interactive.content).toEqual({ kind: 'choice', id: 'botao_1', title: 'Já voltou' });
		expect(interactive.broadcastReply).toEqual({ status: 'confirmada', campaign: 'aviso-dezembro', jobId });
		expect(await store.queryLog({ campaign: 'aviso-dezembro' })).toMatchObject([{ jobId, resposta: 'Já voltou', respondidoEm: T0 + 120_000 }]);
	});

	it("does not let a contact answer for another recipient: the button's choice stays, the campaign does not, nothing is recorded", async () => {
		const jobId = await sentJob('aviso-dezembro', '101', '+5549999991234');
		const [forged] = await recognizeBroadcastReplies(parsed(templateButtonMessage(encodeReplyPayload(jobId, 1)!, 'Já voltou', 'wamid.101', { from: '5511987650000' })), store);
		expect(forged.content).toEqual({ kind: 'choice', id: 'botao_1', title: 'Já voltou' });
		expect(forged.broadcastReply).toEqual({ status: 'outroDestinatario' });
		expect(JSON.stringify(forged)).not.toContain('aviso-dezembro');
		expect((await store.queryLog({ campaign: 'aviso-dezembro' }))[0]).not.toHaveProperty('resposta');
	});

	it('marks a payload of a job the store no longer keeps, and leaves other messages and plain payloads untouched', async () => {
		const messages = parsed(
			templateButtonMessage(encodeReplyPayload('campanha-antiga:cliente:9', 1)!, 'Já voltou', 'wamid.x'),
			templateButtonMessage('Já voltou', 'Já voltou', 'wamid.y'),
			buttonReplyMessage('botao_2', 'Continua sem internet', 'wamid.z'),
			textMessage('atd1|1|campanha:cliente:1'),
		);
		const [gone, echoed, card, text] = await recognizeBroadcastReplies(messages, store);
		expect(gone).toMatchObject({ content: { kind: 'choice', id: 'botao_1', title: 'Já voltou' }, broadcastReply: { status: 'envioDesconhecido' } });
		expect([echoed, card, text]).toEqual(messages.slice(1));
	});

	it('matches a job addressed to a business-scoped user id by that id', async () => {
		const jobId = await sentJob('aviso-bsuid', '102', 'BR.13491208655302741918');
		const [message] = parsed(templateButtonMessage(encodeReplyPayload(jobId, 1)!, 'Já voltou', 'wamid.102', { from: '5511987650000' }));
		const [own] = await recognizeBroadcastReplies([{ ...message, contactUserId: 'BR.13491208655302741918' }], store);
		expect(own.broadcastReply).toEqual({ status: 'confirmada', campaign: 'aviso-bsuid', jobId });
		const [other] = await recognizeBroadcastReplies([message], store);
		expect(other.broadcastReply).toEqual({ status: 'outroDestinatario' });
	});
});

import type { IWebhookFunctions } from 'n8n-workflow';

import { useTemporaryStore } from '../../../test/support/temporary-store';
import { SessionRateLimiter } from '../../shared/channels/webchat/session-limit';
import type { LocalConversationStore } from '../../shared/conversation/local-store';
import type { TriggerConfig } from './inbound';
import { handleWebchatGet, handleWebchatPost, setWebchatSessionLimiter } from './webchat';

let store: LocalConversationStore;
useTemporaryStore('webchat-handler', (current) => (store = current));
afterEach(() => setWebchatSessionLimiter(undefined));

const config: TriggerConfig = {
	channel: { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' },
	runningLeaseMs: 60_000,
};

interface Answer {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
}

/** The web chat request as n8n hands it to the trigger, and what the trigger answered. */
function request(options: { query?: Record<string, string>; body?: Record<string, unknown>; ip?: string }): { context: IWebhookFunctions; answer: Answer } {
	const answer: Answer = { headers: {} };
	const response = {
		status: (status: number) => void (answer.status = status),
		setHeader: (name: string, value: string) => void (answer.headers[name] = value),
		send: (body: unknown) => void (answer.body = body),
		json: (body: unknown) => void (answer.body = body),
	};
	const context = {
		getQueryData: () => options.query ?? {},
		getBodyData: () => options.body ?? {},
		getRequestObject: () => ({ method: options.body ? 'POST' : 'GET', ip: options.ip ?? '203.0.113.7', socket: {} }),
		getResponseObject: () => response,
		getNodeParameter: (_name: string, fallback: unknown) => fallback,
		getMode: () => 'webhook',
		helpers: { httpRequest: async () => undefined },
	} as unknown as IWebhookFunctions;
	return { context, answer };
}

describe('GET ?arquivo=…&sessao=…', () => {
	it("serves a file to its session, with its type, a safe file name and nosniff; another session gets 404", async () => {
		const pdf = Buffer.from('%PDF-1.4 boleto');
		const fileId = await store.putWebchatFile('atendimento', 'sessao-dona-1', { data: pdf, mimeType: 'application/pdf', fileName: 'Boleto "março".pdf' });

		const own = request({ query: { arquivo: fileId, sessao: 'sessao-dona-1' } });
		await handleWebchatGet(own.context, config);
		expect(own.answer.status).toBe(200);
		expect(own.answer.body).toEqual(pdf);
		expect(own.answer.headers).toMatchObject({
			'Content-Type': 'application/pdf',
			'Content-Disposition': `inline; filename="Boleto 'marco'.pdf"; filename*=UTF-8''Boleto%20%27mar%C3%A7o%27.pdf`,
			'X-Content-Type-Options': 'nosniff',
		});

		const other = request({ query: { arquivo: fileId, sessao: 'sessao-outra-2' } });
		await handleWebchatGet(other.context, config);
		expect(other.answer).toMatchObject({ status: 404, body: { error: 'Arquivo não encontrado ou expirado.' } });

		const invalid = request({ query: { arquivo: fileId, sessao: '../x' } });
		await handleWebchatGet(invalid.context, config);
		expect(invalid.answer).toMatchObject({ status: 400, body: { error: 'Sessão inválida.' } });
	});

	it('sends an HTML file as a download, never as a page on n8n', async () => {
		const fileId = await store.putWebchatFile('atendimento', 'sessao-dona-1', { data: Buffer.from('<script>alert(1)</script>'), mimeType: 'text/html' });
		const { context, answer } = request({ query: { arquivo: fileId, sessao: 'sessao-dona-1' } });
		await handleWebchatGet(context, config);
		expect(answer.headers['Content-Disposition']).toMatch(/^attachment; filename="arquivo"/);
		expect(answer.headers['X-Content-Type-Options']).toBe('nosniff');
	});
});

describe('POST: new sessions per IP', () => {
	const say = (session: string, ip: string) => request({ body: { session, text: 'oi' }, ip });

	it('refuses new sessions over the limit with a pt-BR 429; existing sessions and other addresses go on', async () => {
		setWebchatSessionLimiter(new SessionRateLimiter(2));
		for (const session of ['sessao-nova-1', 'sessao-nova-2']) {
			const { context, answer } = say(session, '203.0.113.7');
			expect(await handleWebchatPost(context, config)).toMatchObject({ workflowData: [[{ json: { mensagem: { contactId: session } } }]] });
			expect(answer).toMatchObject({ status: 200, body: { ok: true } });
		}

		const refused = say('sessao-nova-3', '203.0.113.7');
		expect(await handleWebchatPost(refused.context, config)).toEqual({ noWebhookResponse: true });
		expect(refused.answer).toMatchObject({
			status: 429,
			body: { error: 'Muitas conversas novas a partir do mesmo endereço. Aguarde um minuto e tente de novo.' },
		});
		expect(Number(refused.answer.headers['Retry-After'])).toBeGreaterThan(0);
		expect(await store.currentOf(config.channel, 'sessao-nova-3')).toBeUndefined();

		const existing = say('sessao-nova-1', '203.0.113.7');
		await handleWebchatPost(existing.context, config);
		expect(existing.answer.status).toBe(200);

		const elsewhere = say('sessao-nova-4', '198.51.100.9');
		await handleWebchatPost(elsewhere.context, config);
		expect(elsewhere.answer.status).toBe(200);
	});

	it('does not count requests refused for another reason', async () => {
		setWebchatSessionLimiter(new SessionRateLimiter(1));
		const empty = request({ body: { session: 'sessao-vazia-1', text: ' ' } });
		await handleWebchatPost(empty.context, config);
		expect(empty.answer.status).toBe(400);
		const first = say('sessao-nova-1', '203.0.113.7');
		await handleWebchatPost(first.context, config);
		expect(first.answer.status).toBe(200);
	});
});

describe('what the page sees besides messages', () => {
	const BCB_PIX =
		'00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';

	async function started(session: string): Promise<string> {
		const { context } = request({ body: { session, text: 'oi' } });
		await handleWebchatPost(context, config);
		return (await store.currentOf(config.channel, session))!.id;
	}

	it('GET marks a numbered question and a Pix code, and gives the status line after a transfer', async () => {
		const session = 'sessao-status-1';
		const id = await started(session);
		await store.appendWebchat('atendimento', session, 'bot', { kind: 'choices', text: '1 - Boleto\n2 - Pix', choices: [{ id: 'a', label: 'Boleto' }, { id: 'b', label: 'Pix' }] });
		await store.appendWebchat('atendimento', session, 'bot', { kind: 'text', text: BCB_PIX });

		const first = request({ query: { session, after: '0', wait: '0' } });
		await handleWebchatGet(first.context, config);
		const body = first.answer.body as { messages: Array<{ message: Record<string, unknown> }>; status?: unknown };
		expect(body.messages.map((entry) => [entry.message.numbered, entry.message.pix])).toEqual([
			[true, undefined],
			[undefined, BCB_PIX],
		]);
		expect(body.status).toBeUndefined();

		await store.update(id, (record) => {
			record.state = 'human';
			record.desk = 'painel';
			record.deskStatus = 'nova';
			record.transferredAt = Date.now();
		});
		// A long poll while the conversation is with people is short: a change of the line shows within seconds.
		const held = request({ query: { session, after: '2' } });
		const startedAt = Date.now();
		await handleWebchatGet(held.context, config);
		expect(Date.now() - startedAt).toBeLessThan(4_500);
		expect(held.answer.body).toEqual({ messages: [], status: { state: 'aguardando', text: 'Aguardando um atendente…' } });

		const waiting = request({ query: { session, after: '2', wait: '0' } });
		await handleWebchatGet(waiting.context, config);
		expect(waiting.answer.body).toEqual({ messages: [], status: { state: 'aguardando', text: 'Aguardando um atendente…' } });

		await store.update(id, (record) => {
			record.attendant = 'maria';
			record.attendantName = 'Maria';
			record.events.push({ at: Date.now(), type: 'painel_atribuida' });
		});
		const taken = request({ query: { session, after: '2', wait: '0' } });
		await handleWebchatGet(taken.context, config);
		expect(taken.answer.body).toEqual({ messages: [], status: { state: 'atendente', text: 'Maria entrou na conversa' } });
	});

	it('POST of a typed answer names the button of the last question it picks', async () => {
		const session = 'sessao-digitada-1';
		await started(session);
		const seq = await store.appendWebchat('atendimento', session, 'bot', {
			kind: 'choices',
			text: 'Como podemos ajudar?',
			choices: [{ id: 'opcao_1', label: 'Comercial' }, { id: 'opcao_2', label: 'Financeiro' }],
		});
		const typed = request({ body: { session, text: '2' } });
		await handleWebchatPost(typed.context, config);
		expect(typed.answer.body).toEqual({ ok: true, escolha: { seq, id: 'opcao_2' } });
		const other = request({ body: { session, text: 'quero falar de outra coisa' } });
		await handleWebchatPost(other.context, config);
		expect(other.answer.body).toEqual({ ok: true });
	});

	it('POST {encerrar: true} ends the conversation as the customer leaving and keeps its history', async () => {
		const session = 'sessao-nova-conversa-1';
		const id = await started(session);
		await store.update(id, (record) => {
			record.state = 'waiting';
			record.waiter = { resumeUrl: 'http://127.0.0.1/webhook-waiting/1/card', executionId: '1', nodeName: 'Menu', attempts: 0 };
		});
		const leave = request({ body: { session, encerrar: true } });
		expect(await handleWebchatPost(leave.context, config)).toEqual({ noWebhookResponse: true });
		expect(leave.answer).toMatchObject({ status: 200, body: { ok: true } });
		const ended = (await store.get(id))!;
		expect(ended).toMatchObject({ state: 'ended', endReason: 'cliente_saiu', waiter: undefined });
		expect(ended.history.map((entry) => entry.text)).toEqual(['oi']);
		expect(ended.events.at(-1)).toMatchObject({ type: 'cliente_saiu', data: { motivo: 'nova_conversa' } });
		expect(await store.currentOf(config.channel, session)).toMatchObject({ state: 'ended' });

		// Leaving a session that has no conversation (or leaving twice) is fine.
		const again = request({ body: { session, encerrar: true } });
		await handleWebchatPost(again.context, config);
		expect(again.answer.status).toBe(200);
		expect((await store.get(id))!.endedAt).toBe(ended.endedAt);
	});
});

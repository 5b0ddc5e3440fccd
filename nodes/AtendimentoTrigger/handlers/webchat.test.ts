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

// Enviar Arquivo in a real n8n: by URL and from a binary field produced by n8n's own HTTP Request node
// (which replaces the item, so the card finds its atendimento through n8n's paired items).
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { browserSkipReason, openBrowser, type BrowserSession } from './browser';
import { WHATSAPP_TEST_ACCOUNT as ACCOUNT, deliver, messagesWebhook, startWhatsAppSimulator, textMessage, type WhatsAppSimulator } from '../simulators/whatsapp';
import { activateWorkflow, chain, e2eState, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let fileServer: Server;
let fileUrl: string;
let whatsapp: WhatsAppSimulator;
const describeBrowser = browserSkipReason() ? describe.skip : describe;

beforeAll(async () => {
	fileServer = createServer((_request, response) => {
		response.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="segunda-via.pdf"' });
		response.end(PDF);
	});
	await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
	fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}/boletos/segunda-via.pdf`;
	whatsapp = await startWhatsAppSimulator();
});

afterAll(async () => {
	await new Promise((resolve) => fileServer.close(resolve));
	await whatsapp.close();
});

/** Início → Enviar Arquivo (URL) → HTTP Request (file) → Enviar Arquivo (binary) → Encerrar. */
function fileFlow(name: string, trigger: Record<string, unknown>, credentials?: Record<string, unknown>): WorkflowJson {
	const flow = [
		testNode(1, 'Início do Atendimento', 'n8n-nodes-atendimento.atendimentoTrigger', { companyName: 'Provedor Exemplo', ...trigger }, {
			webhookId: `${name}-hook`,
			...(credentials ? { credentials } : {}),
		}),
		testNode(2, 'Tabela de planos', 'n8n-nodes-atendimento.enviarArquivo', { source: 'url', url: 'https://exemplo.com.br/planos/Tabela%20de%20Planos.pdf', caption: 'Nossos planos' }),
		testNode(3, 'Baixa boleto', 'n8n-nodes-base.httpRequest', { url: fileUrl, options: { response: { response: { responseFormat: 'file' } } } }, { typeVersion: 4.2 }),
		testNode(4, 'Envia boleto', 'n8n-nodes-atendimento.enviarArquivo', { source: 'binary', binaryPropertyName: 'data', caption: 'Boleto do protocolo {{protocolo}}' }),
		testNode(5, 'Encerrar', 'n8n-nodes-atendimento.encerrarAtendimento', { finalMessage: 'Pronto!', resolved: true, reason: 'arquivos' }),
	];
	return { name, nodes: flow, connections: chain(...flow.map((entry) => entry.name as string)), settings: { executionOrder: 'v1' } };
}

test('web chat: a file by URL, then a downloaded PDF as binary (served by the trigger to that session only), then the end', async () => {
	await activateWorkflow(fileFlow('E2E arquivo webchat', { channel: 'webchat', path: 'e2e-arquivo' }));
	const url = `${e2eState().baseUrl}/webhook/e2e-arquivo`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	const customer = new WebchatCustomer(url);
	await customer.say('oi');
	const [byUrl, binary, end] = await customer.next(3);
	expect(byUrl).toEqual({
		kind: 'media',
		mediaType: 'document',
		url: 'https://exemplo.com.br/planos/Tabela%20de%20Planos.pdf',
		mimeType: 'application/pdf',
		fileName: 'Tabela de Planos.pdf',
		caption: 'Nossos planos',
	});
	expect(binary).toMatchObject({ kind: 'media', mediaType: 'document', mimeType: 'application/pdf', fileName: 'segunda-via.pdf' });
	expect((binary as { caption: string }).caption).toMatch(/^Boleto do protocolo \d{8}-\d{6}-/);
	const fileUrl = (binary as { url: string }).url;
	expect(fileUrl).toMatch(new RegExp(`^\\?arquivo=[0-9a-f]{32}&sessao=${customer.session}$`));
	const file = await customer.file(binary);
	expect(file.url.startsWith(`${url}?arquivo=`)).toBe(true);
	expect(file.status).toBe(200);
	expect(file.body).toEqual(PDF);
	expect(file.headers.get('content-type')).toBe('application/pdf');
	expect(file.headers.get('content-disposition')).toBe(`inline; filename="segunda-via.pdf"; filename*=UTF-8''segunda-via.pdf`);
	expect(file.headers.get('x-content-type-options')).toBe('nosniff');
	// Only the session the file was sent to gets it.
	const stranger = await fetch(`${url}${fileUrl.replace(customer.session, new WebchatCustomer(url).session)}`);
	expect(stranger.status).toBe(404);
	expect(await stranger.json()).toEqual({ error: 'Arquivo não encontrado ou expirado.' });
	expect(end).toEqual({ kind: 'text', text: 'Pronto!' });
});

describeBrowser('web chat page in a real browser (Chromium)', () => {
	let browser: BrowserSession | undefined;
	afterEach(async () => {
		await browser?.close();
		browser = undefined;
	});

	test('shows the binary PDF as a link to the trigger that downloads the file', async () => {
		await activateWorkflow(fileFlow('E2E arquivo webchat navegador', { channel: 'webchat', path: 'e2e-arquivo-navegador' }));
		const url = `${e2eState().baseUrl}/webhook/e2e-arquivo-navegador`;
		await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
		browser = await openBrowser();
		const page = browser.page;
		await page.goto(url, { waitUntil: 'load' });
		const input = page.locator('#chat-input');
		await input.fill('oi');
		await input.press('Enter');
		const link = page.locator('#chat-messages .msg.bot a.media-link', { hasText: 'segunda-via.pdf' });
		await link.waitFor({ state: 'visible', timeout: 20_000 });
		// The history holds a relative URL; the page resolves it against its own URL: the trigger, which serves the PDF.
		const resolved = (await link.getAttribute('href'))!;
		expect(resolved).toMatch(new RegExp(`^${url}\\?arquivo=[0-9a-f]{32}&sessao=[\\w-]+$`));
		expect(await link.getAttribute('target')).toBe('_blank');
		const fetched = await page.evaluate(async (target) => {
			const response = await fetch(target);
			return { status: response.status, type: response.headers.get('content-type'), start: (await response.text()).slice(0, 8) };
		}, resolved);
		expect(fetched).toEqual({ status: 200, type: 'application/pdf', start: '%PDF-1.4' });
		expect(browser.errors).toEqual([]);
	});
});

test('WhatsApp: the URL goes as a document link; the binary is uploaded to /media and sent by its id', async () => {
	const credentials = await whatsAppSimulatorCredential(whatsapp.url, 'WhatsApp arquivos');
	await activateWorkflow(
		fileFlow('E2E arquivo whatsapp', { channel: 'whatsapp', path: 'e2e-arquivo-wa' }, credentials),
	);
	const url = `${e2eState().baseUrl}/webhook/e2e-arquivo-wa`;
	await waitFor(async () => ((await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${ACCOUNT.verifyToken}&hub.challenge=1`)).ok ? true : undefined), 30_000, 'o webhook');
	const waId = '5511987650101';
	await deliver(url, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret);
	const sent = await waitFor(async () => {
		const messages = whatsapp.sent.filter((message) => message.to === waId);
		return messages.length >= 3 ? messages : undefined;
	}, 20_000, '3 mensagens');
	expect(sent[0].body).toMatchObject({
		type: 'document',
		document: { link: 'https://exemplo.com.br/planos/Tabela%20de%20Planos.pdf', caption: 'Nossos planos', filename: 'Tabela de Planos.pdf' },
	});
	const mediaId = (sent[1].body.document as { id: string }).id;
	expect(sent[1].body).toMatchObject({ type: 'document', document: { filename: 'segunda-via.pdf' } });
	expect(whatsapp.media.get(mediaId)?.data.equals(PDF)).toBe(true);
	expect(whatsapp.media.get(mediaId)?.mimeType).toBe('application/pdf');
	expect(sent[2].body).toMatchObject({ type: 'text', text: { body: 'Pronto!' } });
});

// What a customer sees in the web chat, in a real n8n and a real Chromium: numbered buttons, a typed
// answer marking its button, the Pix copy button (clipboard), timestamps at WCAG AA contrast, the
// reconnect banner never over a button, the status line after a transfer to the Painel (waiting, then
// "<nome> entrou na conversa"), and "Nova conversa" (a fresh session; the old conversation ends).
import { mkdirSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';

import { browserSkipReason, openBrowser, type BrowserSession } from './browser';
import { activateWorkflow, createCredential, deactivateWorkflow, e2eState, testNode, waitFor, type WorkflowJson } from './n8n-client';

jest.setTimeout(180_000);

/** Screenshots for the reviewer, outside the repository (E2E_SHOTS_DIR overrides it). */
const SHOTS = process.env.E2E_SHOTS_DIR ?? join(__dirname, '..', '..', '.test-data', 'webchat-shots');
const BOT_TIMEOUT = 20_000;
/** The Banco Central's example BR Code (Manual de Padrões para Iniciação do Pix), valid CRC. */
const PIX =
	'00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const QUESTION = 'Como podemos ajudar? Digite o número:\n1 - Financeiro\n2 - Suporte\n3 - Falar com atendente';

const skipReason = browserSkipReason();
const describeBrowser = skipReason ? describe.skip : describe;

function widgetFlow(path: string): WorkflowJson {
	const say = (index: number, name: string, text: string) => testNode(index, name, 'enviarMensagem', { messageType: 'text', text });
	return {
		name: `E2E web chat widget ${path}`,
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path }, { webhookId: `${path}-hook` }),
			testNode(2, 'Menu', 'enviarPergunta', {
				answerType: 'choice',
				question: QUESTION,
				options: { values: [{ label: 'Financeiro' }, { label: 'Suporte' }, { label: 'Falar com atendente' }] },
			}),
			say(3, 'Pix intro', 'Pix copia e cola (copie a mensagem abaixo):'),
			say(4, 'Pix', PIX),
			say(5, 'Suporte', 'Suporte: abrimos um chamado.'),
			testNode(6, 'Transferir', 'transferirAtendimento', { destination: 'painel', department: 'Atendimento', message: 'Transferindo para um atendente.' }, { typeVersion: 2 }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Menu', type: 'main', index: 0 }]] },
			Menu: {
				main: [[{ node: 'Pix intro', type: 'main', index: 0 }], [{ node: 'Suporte', type: 'main', index: 0 }], [{ node: 'Transferir', type: 'main', index: 0 }], [], []],
			},
			'Pix intro': { main: [[{ node: 'Pix', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A Painel agent over HTTP (cookie + CSRF), as the desk page does. */
class Agent {
	private cookie = '';
	private csrf = '';
	constructor(private readonly url: string) {}

	async login(login: string, senha: string): Promise<void> {
		const response = await this.call('entrar', { login, senha });
		expect(response.status).toBe(200);
		this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		this.csrf = String(((await response.json()) as { csrf: string }).csrf);
	}

	async queues(): Promise<Record<string, Array<{ id: string; contato: { id: string } }>>> {
		const response = await fetch(`${this.url}?r=filas`, { headers: { cookie: this.cookie } });
		return (await response.json()) as never;
	}

	async take(id: string): Promise<number> {
		return (await this.call('assumir', { conversa: id })).status;
	}

	private async call(r: string, body: Record<string, unknown>): Promise<Response> {
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
		return await fetch(`${this.url}?r=${r}`, { method: 'POST', headers, body: JSON.stringify(body) });
	}
}

async function typeAndEnter(page: Page, text: string): Promise<void> {
	const input = page.locator('#chat-input');
	await input.click();
	await input.pressSequentially(text);
	await input.press('Enter');
	await page.waitForFunction(() => (document.getElementById('chat-input') as HTMLTextAreaElement).value === '');
}

async function waitForBot(page: Page, count: number): Promise<string[]> {
	await page.locator('#chat-messages .msg.bot').nth(count - 1).waitFor({ state: 'visible', timeout: BOT_TIMEOUT });
	return await page.locator('#chat-messages .msg.bot > .bubble').allTextContents();
}

async function session(page: Page): Promise<string> {
	return await page.evaluate(() => {
		for (let i = 0; i < localStorage.length; i++) {
			const key = localStorage.key(i)!;
			if (key.endsWith(':session')) return localStorage.getItem(key)!;
		}
		return '';
	});
}

describeBrowser(skipReason ? `web chat widget — ignorado: ${skipReason}` : 'web chat widget in a real browser (Chromium)', () => {
	let workflowIds: string[] = [];
	let chatUrl: string;
	let deskUrl: string;
	let browser: BrowserSession | undefined;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		const base = e2eState().baseUrl;
		const credential = await createCredential('Painel widget e2e', 'atendimentoPainelApi', { senhasIniciais: 'ana: senha-da-ana-1\n' });
		workflowIds = [
			await activateWorkflow({
				name: 'E2E widget Painel',
				nodes: [
					testNode(
						1,
						'Painel',
						'painelAtendimento',
						{ path: 'e2e-widget-painel', company: 'Provedor Exemplo', teams: { values: [{ name: 'Atendimento' }] }, agents: { values: [{ name: 'Ana Lima', login: 'ana', teams: 'Atendimento', role: 'agente' }] } },
						{ webhookId: 'e2e-widget-painel-hook', credentials: { atendimentoPainelApi: { id: credential, name: 'Painel widget e2e' } } },
					),
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			}),
			await activateWorkflow(widgetFlow('e2e-widget-chat')),
		];
		chatUrl = `${base}/webhook/e2e-widget-chat`;
		deskUrl = `${base}/webhook/e2e-widget-painel`;
		await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o web chat');
		await waitFor(async () => ((await fetch(deskUrl)).ok ? true : undefined), 30_000, 'o Painel');
	});

	afterAll(async () => {
		for (const id of workflowIds) await deactivateWorkflow(id);
	});

	beforeEach(async () => {
		browser = await openBrowser({ width: 420, height: 760 });
	});

	afterEach(async () => {
		const current = browser;
		browser = undefined;
		if (current) await current.close();
	});

	async function openChat(): Promise<Page> {
		const page = browser!.page;
		expect((await page.goto(chatUrl, { waitUntil: 'load' }))?.status()).toBe(200);
		await page.locator('#chat-input').waitFor({ state: 'visible' });
		return page;
	}

	test('numbered buttons; typing "1" marks Financeiro; the Pix code gets a copy button that copies; timestamps at AA contrast', async () => {
		const page = await openChat();
		await browser!.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(chatUrl).origin });
		await typeAndEnter(page, 'oi');
		await waitForBot(page, 1);
		const menu = page.locator('#chat-messages .msg.bot[data-kind="choices"]').last();
		const buttons = menu.locator('button.choice');
		expect(await buttons.locator('.num').allTextContents()).toEqual(['1', '2', '3']);
		expect(await buttons.evaluateAll((nodes) => nodes.map((node) => [node.tagName, node.getAttribute('aria-label')]))).toEqual([
			['BUTTON', '1 - Financeiro'],
			['BUTTON', '2 - Suporte'],
			['BUTTON', '3 - Falar com atendente'],
		]);
		await page.screenshot({ path: join(SHOTS, 'after-1-numbered-menu.png') });

		// Typed, not clicked: the button of the answer is marked as chosen, the others locked.
		await typeAndEnter(page, '1');
		await page.locator('button.choice.chosen').waitFor({ state: 'visible', timeout: 10_000 });
		expect(await page.locator('button.choice.chosen .label').allTextContents()).toEqual(['Financeiro']);
		expect(await page.locator('button.choice.chosen').getAttribute('aria-pressed')).toBe('true');
		expect(await buttons.evaluateAll((nodes) => nodes.map((node) => (node as HTMLButtonElement).disabled))).toEqual([true, true, true]);

		const texts = await waitForBot(page, 3);
		expect(texts.slice(1)).toEqual(['Pix copia e cola (copie a mensagem abaixo):', PIX]);
		const copy = page.locator('#chat-messages .msg.bot').last().locator('button.pix-copy');
		expect(await copy.textContent()).toBe('Copiar código Pix');
		await copy.click();
		await waitFor(async () => ((await copy.textContent()) === 'Copiado!' ? true : undefined), 5_000, 'o "Copiado!"');
		expect(await page.evaluate(async () => await navigator.clipboard.readText())).toBe(PIX);
		const announced = page.locator('#chat-messages .msg.bot').last().locator('.pix-done');
		expect(await announced.getAttribute('aria-live')).toBe('polite');
		expect(await announced.textContent()).toBe('Código Pix copiado. Cole no app do seu banco.');

		// Every time label: WCAG contrast of its colour against the first opaque background behind it.
		const ratios = await page.locator('#chat-messages .meta').evaluateAll((nodes) => {
			const rgb = (value: string): number[] => (value.match(/[\d.]+/g) ?? []).map(Number);
			const luminance = ([r, g, b]: number[]): number => {
				const channel = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : Math.pow((c / 255 + 0.055) / 1.055, 2.4));
				return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
			};
			return nodes.map((node) => {
				let back: Element | null = node;
				let background = [255, 255, 255];
				while (back) {
					const color = rgb(getComputedStyle(back).backgroundColor);
					if (color.length === 3 || (color.length === 4 && color[3] === 1)) {
						background = color.slice(0, 3);
						break;
					}
					back = back.parentElement;
				}
				const style = getComputedStyle(node);
				const fore = rgb(style.color);
				const [l1, l2] = [luminance(fore), luminance(background)].sort((a, b) => b - a);
				return { text: node.textContent, opacity: style.opacity, ratio: (l1 + 0.05) / (l2 + 0.05) };
			});
		});
		expect(ratios.length).toBeGreaterThanOrEqual(5);
		for (const { ratio, opacity } of ratios) {
			expect(opacity).toBe('1');
			expect(ratio).toBeGreaterThanOrEqual(4.5);
		}
		await page.screenshot({ path: join(SHOTS, 'after-2-typed-answer-and-pix.png') });
		expect(browser!.errors).toEqual([]);
	});

	test('the reconnect banner sits between the messages and the composer: it never covers a button', async () => {
		const page = await openChat();
		// A short window: the question's buttons end right above the composer, where the banner appears.
		await page.setViewportSize({ width: 420, height: 470 });
		await typeAndEnter(page, 'oi');
		await waitForBot(page, 1);
		// The server becomes unreachable for the polls.
		await page.route(/\?session=/, (route) => route.abort('connectionrefused'));
		await page.locator('#chat-error').waitFor({ state: 'visible', timeout: 20_000 });
		const boxes = await page.evaluate(() => {
			const rect = (el: Element) => el.getBoundingClientRect();
			const banner = rect(document.getElementById('chat-error')!);
			const scroller = rect(document.getElementById('chat-scroll')!);
			return Array.from(document.querySelectorAll('button'))
				.filter((button) => (button as HTMLElement).offsetParent !== null && button.closest('#chat-error') === null)
				.map((button) => {
					const box = rect(button);
					// What the customer can see of it: a button in the message list is clipped by the list.
					const inList = button.closest('#chat-scroll') !== null;
					const top = inList ? Math.max(box.top, scroller.top) : box.top;
					const bottom = inList ? Math.min(box.bottom, scroller.bottom) : box.bottom;
					const overlaps = bottom > top && top < banner.bottom && bottom > banner.top && box.left < banner.right && box.right > banner.left;
					const center = document.elementFromPoint(box.left + box.width / 2, (top + bottom) / 2);
					return { label: button.textContent, overlaps, visible: bottom > top, hit: bottom > top ? button.contains(center) : true };
				});
		});
		expect(boxes.length).toBeGreaterThanOrEqual(5); // 3 choices, Nova conversa and Enviar (the banner's own is left out)
		for (const box of boxes) {
			expect({ label: box.label, overlaps: box.overlaps, hit: box.hit }).toEqual({ label: box.label, overlaps: false, hit: true });
		}
		// The newest question stays in view above the banner.
		const last = page.locator('#chat-messages button.choice').last();
		expect(await last.evaluate((el) => el.getBoundingClientRect().bottom <= document.getElementById('chat-error')!.getBoundingClientRect().top)).toBe(true);
		await page.screenshot({ path: join(SHOTS, 'after-3-reconnect-banner.png') });
		await page.unroute(/\?session=/);
		await page.locator('#chat-error').waitFor({ state: 'hidden', timeout: 20_000 });
	});

	test('after "Falar com atendente" the status line waits, then shows who joined; "Nova conversa" starts over and ends the old one', async () => {
		const page = await openChat();
		const polls: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('session=')) polls.push(`${Date.now() % 100000} > ${request.url().slice(-30)}`);
		});
		page.on('response', (response) => {
			if (response.url().includes('session=')) void response.text().then((text) => polls.push(`${Date.now() % 100000} < ${response.url().slice(-30)} ${text.slice(-100)}`)).catch(() => undefined);
		});
		page.on('requestfailed', (request) => polls.push(`${Date.now() % 100000} X ${request.url().slice(-30)} ${request.failure()?.errorText}`));
		await typeAndEnter(page, 'oi');
		await waitForBot(page, 1);
		const oldSession = await session(page);
		await page.locator('#chat-messages button.choice', { hasText: 'Falar com atendente' }).click();
		const status = page.locator('#chat-status');
		await waitFor(async () => ((await status.textContent()) === 'Aguardando um atendente…' ? true : undefined), BOT_TIMEOUT, 'a linha "Aguardando"');
		expect(await status.isVisible()).toBe(true);
		expect(await status.getAttribute('role')).toBe('status');
		expect(await status.getAttribute('aria-live')).toBe('polite');
		await page.screenshot({ path: join(SHOTS, 'after-4-status-waiting.png') });

		const ana = new Agent(deskUrl);
		await ana.login('ana', 'senha-da-ana-1');
		const row = await waitFor(async () => (await ana.queues()).novas?.find((candidate) => candidate.contato.id === oldSession), 10_000, 'a conversa em Novas');
		expect(await ana.take(row.id)).toBe(200);
		const started = Date.now();
		const direct = await waitFor(async () => {
			const answer = (await (await fetch(`${chatUrl}?session=${oldSession}&after=99&wait=0`)).json()) as { status?: { text: string } };
			return answer.status?.text === 'Ana Lima entrou na conversa' ? answer : undefined;
		}, 10_000, 'o estado "entrou" na API').catch(async (error: unknown) => {
			console.log(JSON.stringify(await ana.queues()).slice(0, 1500));
			throw error;
		});
		expect(direct.status).toEqual({ state: 'atendente', text: 'Ana Lima entrou na conversa' });
		// With people, a poll is held ~3 s (not 15 s), so a change of the line shows even when no message comes.
		const t0 = Date.now();
		const held = (await (await fetch(`${chatUrl}?session=${oldSession}&after=99`)).json()) as unknown;
		expect(Date.now() - t0).toBeLessThan(6_000);
		expect(held).toEqual({ messages: [], status: { state: 'atendente', text: 'Ana Lima entrou na conversa' } });
		await waitFor(async () => ((await status.textContent()) === 'Ana Lima entrou na conversa' ? true : undefined), 10_000, 'a linha "entrou"').catch(async (error: unknown) => {
			console.log('linha de estado:', await status.textContent(), 'consultas do navegador:', polls.join('\n'));
			throw error;
		});
		expect(Date.now() - started).toBeLessThan(8_000);
		await page.screenshot({ path: join(SHOTS, 'after-5-status-agent-joined.png') });

		// Nova conversa: an empty page, a new session; the old conversation leaves the desk.
		const newChat = page.getByRole('button', { name: 'Nova conversa' });
		await newChat.click();
		expect(await page.locator('#chat-messages .msg').count()).toBe(0);
		expect(await status.isHidden()).toBe(true);
		const newSession = await session(page);
		expect(newSession).not.toBe(oldSession);
		await waitFor(async () => ((await ana.queues()).encerradas?.some((candidate) => candidate.contato.id === oldSession) ? true : undefined), 10_000, 'a conversa antiga em Encerradas');
		const queues = await ana.queues();
		expect([...(queues.novas ?? []), ...(queues.minhas ?? [])].some((candidate) => candidate.contato.id === oldSession)).toBe(false);

		await typeAndEnter(page, 'oi');
		const texts = await waitForBot(page, 1);
		expect(texts[0]).toBe(QUESTION);
		expect(await page.locator('#chat-messages .msg.user > .bubble').allTextContents()).toEqual(['oi']);
		// The old session's stream is untouched by the new one; the old conversation was not lost.
		const old = (await (await fetch(`${chatUrl}?session=${oldSession}&after=0&wait=0`)).json()) as { messages: Array<{ message: { text?: string } }> };
		expect(old.messages.map((entry) => entry.message.text)).toContain('Transferindo para um atendente.');
		await page.screenshot({ path: join(SHOTS, 'after-6-nova-conversa.png') });
		expect(browser!.errors).toEqual([]);
		expect(browser!.dialogs).toEqual([]);
	});
});

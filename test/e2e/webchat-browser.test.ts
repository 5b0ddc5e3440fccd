// The shipped welcome template, in a real n8n, used by a customer in a real Chromium: the page
// served by the trigger, its script, its CSP and its localStorage session.
import { mkdirSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';

import { browserSkipReason, openBrowser, type BrowserSession } from './browser';
import { activateWorkflow, deactivateWorkflow, e2eState, templateWithTrigger, waitFor } from './n8n-client';

jest.setTimeout(120_000);

const SCREENSHOT = join(__dirname, '..', '..', '.test-data', 'webchat.png');
const PROTOCOL = /Seu protocolo é (\d{8}-\d{6}-[0-9A-Z]{4})\./;
const MENU = ['Comercial', 'Suporte', 'Financeiro', 'Falar com atendente'];
const BOT_TIMEOUT = 20_000;

const skipReason = browserSkipReason();
if (skipReason) {
	console.warn(`webchat-browser: testes de navegador ignorados — ${skipReason}`);
}
const describeBrowser = skipReason ? describe.skip : describe;

/** Texts of the bot bubbles (without the time line). */
async function botTexts(page: Page): Promise<string[]> {
	return await page.locator('#chat-messages .msg.bot > .bubble').allTextContents();
}

async function userTexts(page: Page): Promise<string[]> {
	return await page.locator('#chat-messages .msg.user > .bubble').allTextContents();
}

/** Waits until the page shows at least `count` bot bubbles; returns all bot texts. */
async function waitForBot(page: Page, count: number): Promise<string[]> {
	await page.locator('#chat-messages .msg.bot').nth(count - 1).waitFor({ state: 'visible', timeout: BOT_TIMEOUT });
	return await botTexts(page);
}

/** Types like a person and presses Enter. */
async function typeAndEnter(page: Page, text: string): Promise<void> {
	const input = page.locator('#chat-input');
	await input.click();
	await input.pressSequentially(text);
	await input.press('Enter');
	await page.waitForFunction(() => (document.getElementById('chat-input') as HTMLTextAreaElement).value === '');
}

/** The choice buttons of the newest bot bubble, as labels. */
async function lastChoiceLabels(page: Page): Promise<string[]> {
	return await page.locator('#chat-messages .msg.bot').last().locator('button.choice[data-choice-id] .label').allTextContents();
}

function choiceButton(page: Page, label: string) {
	return page
		.locator('#chat-messages .msg.bot')
		.last()
		.locator('button.choice[data-choice-id]')
		.filter({ has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
}

/** Sequence of bubbles in DOM order: "bot"/"user". */
async function bubbleKinds(page: Page): Promise<string[]> {
	return await page.locator('#chat-messages > .msg').evaluateAll((nodes) =>
		nodes.map((node) => (node.classList.contains('bot') ? 'bot' : node.classList.contains('user') ? 'user' : '?')),
	);
}

describeBrowser(skipReason ? `web chat in a real browser — ignorado: ${skipReason}` : 'web chat in a real browser (Chromium)', () => {
	let workflowId: string;
	let chatUrl: string;
	let browser: BrowserSession | undefined;

	beforeAll(async () => {
		const path = 'e2e-webchat-browser';
		workflowId = await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E Web chat navegador', { path }));
		chatUrl = `${e2eState().baseUrl}/webhook/${path}`;
		await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o webhook do web chat');
	});

	afterAll(async () => {
		if (workflowId) await deactivateWorkflow(workflowId);
	});

	beforeEach(async () => {
		browser = await openBrowser();
	});

	afterEach(async () => {
		const session = browser;
		browser = undefined;
		if (session) await session.close();
	});

	async function openChat(): Promise<Page> {
		const page = browser!.page;
		const response = await page.goto(chatUrl, { waitUntil: 'load' });
		expect(response?.status()).toBe(200);
		await page.locator('#chat-input').waitFor({ state: 'visible' });
		return page;
	}

	/** "oi" + Enter; checks the welcome bubble and the menu; returns the protocol. */
	async function startConversation(page: Page): Promise<string> {
		await typeAndEnter(page, 'oi');
		expect(await userTexts(page)).toEqual(['oi']);
		const [welcome, menu] = await waitForBot(page, 2);
		const protocol = PROTOCOL.exec(welcome)?.[1];
		expect(protocol).toBeDefined();
		expect(welcome).toMatch(/^Olá, .*Bem-vindo\(a\) ao atendimento da Provedor Exemplo\./);
		expect(menu).toBe('Como podemos ajudar?');
		expect(await lastChoiceLabels(page)).toEqual(MENU);
		expect(await page.locator('#chat-messages .msg.bot').last().locator('button.choice:enabled').count()).toBe(4);
		return protocol!;
	}

	test('Suporte by button, an invalid then a valid CPF, ends with "Chamado registrado"', async () => {
		const page = await openChat();
		await expect(page.title()).resolves.toBe('Atendimento');
		expect(await page.locator('#chat-greeting').textContent()).toBe('Olá! Envie uma mensagem para começar o atendimento.');
		expect(await page.locator('#chat-company').textContent()).toBe('Provedor Exemplo');

		const protocol = await startConversation(page);

		await choiceButton(page, 'Suporte').click();
		await waitFor(async () => ((await userTexts(page)).length === 2 ? true : undefined), 5_000, 'a bolha do cliente');
		expect(await userTexts(page)).toEqual(['oi', 'Suporte']);
		expect(await page.locator('#chat-messages .msg.user').last().getAttribute('data-choice-id')).toBeTruthy();
		// The answered menu is locked, with the picked option highlighted.
		const menuButtons = page.locator('#chat-messages .msg.bot[data-kind="choices"] button.choice');
		expect(await menuButtons.evaluateAll((buttons) => buttons.map((b) => (b as HTMLButtonElement).disabled))).toEqual([true, true, true, true]);
		expect(await page.locator('button.choice.chosen .label').allTextContents()).toEqual(['Suporte']);

		const [, , askCpf] = await waitForBot(page, 3);
		expect(askCpf).toContain('informe o CPF');

		await typeAndEnter(page, '123.456.789-00');
		const afterInvalid = await waitForBot(page, 5);
		expect(afterInvalid[3]).toMatch(/^Não consegui validar esse CPF\.\n.*CPF/);
		expect(afterInvalid[4]).toContain('informe o CPF');

		await typeAndEnter(page, '529.982.247-25');
		const all = await waitForBot(page, 7);
		expect(all[5]).toBe('Obrigado! Registramos o CPF 52998224725. Um técnico vai analisar sua conexão.');
		expect(all[6]).toBe(`Chamado registrado. Protocolo ${protocol}. Obrigado!`);

		expect(await userTexts(page)).toEqual(['oi', 'Suporte', '123.456.789-00', '529.982.247-25']);
		expect(await bubbleKinds(page)).toEqual(['user', 'bot', 'bot', 'user', 'bot', 'user', 'bot', 'bot', 'user', 'bot', 'bot']);
		await page.locator('#chat-typing').waitFor({ state: 'hidden' });
		expect(await page.locator('#chat-error').isHidden()).toBe(true);
		expect(await page.locator('#chat-messages .msg.user.failed').count()).toBe(0);
		expect(browser!.errors).toEqual([]);
		expect(browser!.dialogs).toEqual([]);

		// The log followed the conversation down to the last bubble.
		expect(await page.locator('#chat-scroll').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(5);

		// Tall enough for the whole conversation in the screenshot.
		await page.setViewportSize({ width: 480, height: 1400 });
		mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
		await page.screenshot({ path: SCREENSHOT });
	});

	test('markup typed by the customer is shown as text: no element, no script', async () => {
		const page = await openChat();
		await startConversation(page);
		const payload = '<img src=x onerror=alert(1)>';

		await typeAndEnter(page, payload);
		const texts = await waitForBot(page, 4);
		expect(texts[2]).toContain('Opção inválida');

		const bubble = page.locator('#chat-messages .msg.user > .bubble').last();
		expect(await bubble.textContent()).toBe(payload);
		expect(await bubble.innerHTML()).toBe('&lt;img src=x onerror=alert(1)&gt;');
		expect(await page.locator('img').count()).toBe(0);

		// Rebuilt from localStorage after a reload: still text.
		await page.reload({ waitUntil: 'load' });
		await waitForBot(page, 4);
		expect(await userTexts(page)).toEqual(['oi', payload]);
		expect(await page.locator('img').count()).toBe(0);
		await page.waitForTimeout(300); // room for an onerror that should never run
		expect(browser!.dialogs).toEqual([]);
		expect(browser!.errors).toEqual([]);
	});

	test('a reload mid-conversation restores the history and keeps the same session', async () => {
		const page = await openChat();
		const sessions = new Set<string>();
		page.on('request', (request) => {
			if (!request.url().startsWith(chatUrl)) return;
			const fromQuery = new URL(request.url()).searchParams.get('session');
			if (fromQuery) sessions.add(fromQuery);
			const body = request.postData();
			if (body) sessions.add((JSON.parse(body) as { session: string }).session);
		});

		const protocol = await startConversation(page);
		await choiceButton(page, 'Comercial').click();
		const before = await waitForBot(page, 3);
		expect(before[2]).toContain('time comercial entre em contato');
		expect(await lastChoiceLabels(page)).toEqual(['Sim', 'Não']);
		const seqsBefore = await page.locator('#chat-messages .msg.bot').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-seq')));

		await page.reload({ waitUntil: 'load' });
		const after = await waitForBot(page, 3);
		expect(after).toEqual(before);
		expect(await page.locator('#chat-messages .msg.bot').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-seq')))).toEqual(seqsBefore);
		expect(await userTexts(page)).toEqual(['oi', 'Comercial']);
		expect(await bubbleKinds(page)).toEqual(['user', 'bot', 'bot', 'user', 'bot']);
		// The answered menu stays locked on "Comercial"; the pending question is still clickable.
		expect(await page.locator('button.choice.chosen .label').allTextContents()).toEqual(['Comercial']);
		expect(await page.locator('#chat-messages .msg.bot').last().locator('button.choice:enabled').count()).toBe(2);

		await choiceButton(page, 'Sim').click();
		const end = await waitForBot(page, 4);
		expect(end[3]).toBe(`Combinado! Nosso time comercial vai falar com você. Protocolo ${protocol}.`);
		expect(await userTexts(page)).toEqual(['oi', 'Comercial', 'Sim']);

		// One session for the whole visit, before and after the reload, and the server agrees.
		expect(sessions.size).toBe(1);
		const [session] = [...sessions];
		const history = (await (await fetch(`${chatUrl}?session=${session}&after=0&wait=0`)).json()) as { messages: unknown[] };
		expect(history.messages).toHaveLength(4);
		expect(browser!.errors).toEqual([]);
		expect(browser!.dialogs).toEqual([]);
	});
});

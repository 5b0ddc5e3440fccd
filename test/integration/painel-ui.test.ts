// The Painel do Atendente in a real Chromium, against the in-memory mock of its HTTP contract
// (test/support/painel-mock-server.ts), not n8n: it lives in the integration project, whose tests
// start the services they need themselves and which has no global setup, so it runs in seconds
// without the pinned n8n (the e2e project's global setup would start one for nothing). When the real
// server side exists, an e2e test drives the same page through n8n.
//
// Screenshots of every screen go to /tmp/painel-shots/ (PAINEL_SHOTS overrides the folder).
import { mkdirSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';

import { browserSkipReason, openBrowser, type BrowserSession } from '../e2e/browser';
import { HOSTIL_ARQUIVO, HOSTIL_NOME, HOSTIL_TEXTO, startPainelMock, type PainelMock } from '../support/painel-mock-server';

jest.setTimeout(120_000);

const SHOTS = process.env.PAINEL_SHOTS ?? '/tmp/painel-shots';
const skipReason = browserSkipReason();
if (skipReason) console.warn(`painel-ui: testes de navegador ignorados — ${skipReason}`);
const describeBrowser = skipReason ? describe.skip : describe;

async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function login(page: Page, usuario: string, senha: string): Promise<void> {
	await page.locator('#login-usuario').fill(usuario);
	await page.locator('#login-senha').fill(senha);
	await page.locator('#login-entrar').click();
}

async function entrarComo(page: Page, usuario: string, senha: string): Promise<void> {
	await login(page, usuario, senha);
	await page.locator('#tela-painel').waitFor({ state: 'visible' });
	await page.locator('#lista-conversas .linha').first().waitFor();
}

/** Names of the rows of the visible queue, in order. */
async function linhas(page: Page): Promise<string[]> {
	return await page.locator('#lista-conversas .linha .nome').allTextContents();
}

async function abrir(page: Page, fila: string, id: string): Promise<void> {
	await page.locator(`#aba-${fila}`).click();
	await page.locator(`.linha[data-id="${id}"]`).click();
	await page.waitForFunction((conversa) => document.querySelector(`#historico [data-id]`) !== null && document.querySelector(`.linha[data-id="${conversa}"][aria-current=true]`) !== null, id);
}

describeBrowser(skipReason ? `painel in a real browser — ignorado: ${skipReason}` : 'Painel do Atendente in a real browser (Chromium, mock server)', () => {
	let mock: PainelMock;
	let browser: BrowserSession;
	let page: Page;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		mock = await startPainelMock({ longPollMs: 20_000, maxTentativas: 3 });
		browser = await openBrowser({ width: 1366, height: 820 });
		page = browser.page;
	});

	afterAll(async () => {
		await browser?.close();
		await mock?.close();
	});

	afterEach(() => {
		// No hostile string ever ran as code, and the CSP blocked nothing of the page's own.
		// (The expected HTTP errors the tests provoke are logged by Chromium as resource errors.)
		const dialogs = browser.dialogs.splice(0);
		const errors = browser.errors.splice(0).filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|409|429|503)/.test(e));
		expect({ dialogs, errors }).toEqual({ dialogs: [], errors: [] });
	});

	it('shows the server errors on login ("incorretos", "Muitas tentativas"), then enters', async () => {
		await page.goto(mock.url);
		await page.locator('#tela-login').waitFor({ state: 'visible' });
		await expect(page.locator('#login-usuario').evaluate((e) => e === document.activeElement)).resolves.toBe(true);
		await login(page, 'ana', 'errada');
		await page.locator('#login-erro', { hasText: 'Login ou senha incorretos.' }).waitFor();
		for (let i = 0; i < 4; i++) await login(page, 'bruno', `errada-${i}`);
		await page.locator('#login-erro', { hasText: 'Muitas tentativas. Tente de novo em 15 minutos.' }).waitFor();
		await expect(page.locator('#login-entrar').isEnabled()).resolves.toBe(true);
		await shot(page, '01-login-erro');
		await entrarComo(page, 'ana', 'senha-da-ana');
		await expect(page.locator('#quem').textContent()).resolves.toContain('Ana Lima');
		await expect(page.locator('#btn-supervisao').isVisible()).resolves.toBe(false);
	});

	it('renders the queues with counts, unread badges and the oldest waiting first; the title counts unread', async () => {
		await expect(page.locator('#num-novas').textContent()).resolves.toBe('2');
		await expect(page.locator('#num-minhas').textContent()).resolves.toBe('1');
		await expect(page.locator('#num-pendentes').textContent()).resolves.toBe('1');
		await expect(page.locator('#num-encerradas').textContent()).resolves.toBe('1');
		// Maria waits 12 min, the hostile contact 5 min; Financeiro's conversation is not Ana's team.
		expect(await linhas(page)).toEqual(['Maria Souza', HOSTIL_NOME]);
		await expect(page.locator('.linha[data-id="c-maria"] .espera').textContent()).resolves.toBe('há 12 min');
		await expect(page.locator('.linha[data-id="c-maria"] .canal').textContent()).resolves.toBe('Web chat');
		await expect(page.locator('.linha[data-id="c-hostil"] .canal').textContent()).resolves.toBe('WhatsApp');
		const naoLidas = Number(await page.locator('#nao-lidas-novas').textContent());
		expect(naoLidas).toBeGreaterThan(0);
		expect(await page.title()).toMatch(/^\(\d+\) Painel$/);
		await page.locator('#busca').fill('1988887');
		expect(await linhas(page)).toEqual([HOSTIL_NOME]);
		await page.locator('#busca').fill('');
		await page.locator('#aba-minhas').click();
		expect(await linhas(page)).toEqual(['José Pereira']);
		await page.locator('#aba-novas').click();
		await shot(page, '02-filas');
	});

	it('keeps hostile names, messages and file names as text; shows image, PDF link and audio player', async () => {
		await abrir(page, 'novas', 'c-hostil');
		await expect(page.locator('#conversa-nome').textContent()).resolves.toBe(HOSTIL_NOME);
		await expect(page.locator('#historico .msg.cliente .texto').first().textContent()).resolves.toBe(HOSTIL_TEXTO);
		await page.locator('#historico img.arquivo-img').waitFor();
		const imagens = await page.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).getAttribute('src') ?? ''));
		expect(imagens).toHaveLength(1);
		expect(imagens[0]).toContain('?r=arquivo&conversa=c-hostil');
		expect(await page.locator('[onerror]').count()).toBe(0);
		await expect(page.locator('#historico a', { hasText: `${HOSTIL_ARQUIVO} (PDF)` }).count()).resolves.toBe(1);
		await expect(page.locator('#historico audio').count()).resolves.toBe(1);
		await expect(page.locator('#cliente-dados').textContent()).resolves.toContain(HOSTIL_TEXTO);
		await expect(page.locator('#cliente-dados').textContent()).resolves.toContain('Erro do bot (card Consultar fatura)');
		// The image really loaded from the mock (same origin, allowed by img-src 'self').
		await page.waitForFunction(() => (document.querySelector('img.arquivo-img') as HTMLImageElement | null)?.naturalWidth === 24);
		await expect(page.locator('#btn-assumir').isVisible()).resolves.toBe(true);
		await shot(page, '03-conversa-hostil');
	});

	it('shows a new customer message live, without reload (latency printed)', async () => {
		await abrir(page, 'novas', 'c-maria');
		// Let the long poll settle on the new cursor (it is re-issued after each answer).
		await page.waitForTimeout(300);
		const texto = `Mensagem ao vivo ${Date.now()}`;
		const t0 = Date.now();
		mock.adicionarMensagemCliente('c-maria', texto);
		await page.locator('#historico .msg.cliente', { hasText: texto }).waitFor({ timeout: 10_000 });
		const latencia = Date.now() - t0;
		console.log(`painel-ui: mensagem do cliente apareceu em ${latencia} ms (long poll, sem recarregar)`);
		expect(latencia).toBeLessThan(3_000);
		await expect(page.locator('#historico').getAttribute('aria-live')).resolves.toBe('polite');
		// A new conversation transferred by the flow enters the Novas queue live too.
		const t1 = Date.now();
		mock.novaConversa({ nome: 'Renata Nova', telefone: '5511933332222', canal: 'whatsapp', equipe: 'Suporte', texto: 'Oi, preciso de ajuda' });
		await page.locator('.linha', { hasText: 'Renata Nova' }).waitFor({ timeout: 10_000 });
		console.log(`painel-ui: conversa nova apareceu na fila em ${Date.now() - t1} ms`);
		await expect(page.locator('#num-novas').textContent()).resolves.toBe('3');
	});

	it('sends replies: quick reply after "/", Enter sends, Shift+Enter breaks the line, attachments; auto-assigns', async () => {
		const caixa = page.locator('#resposta-texto');
		await caixa.click();
		await caixa.pressSequentially('/rein');
		await page.locator('#rapidas li', { hasText: '/reiniciar' }).waitFor();
		await shot(page, '04-respostas-rapidas');
		await caixa.press('Enter');
		await expect(caixa.inputValue()).resolves.toBe('Desligue o roteador da tomada por 30 segundos e ligue de novo, por favor.');
		await caixa.press('Enter');
		await page.waitForFunction(() => (document.getElementById('resposta-texto') as HTMLTextAreaElement).value === '');
		expect(mock.respostas.at(-1)).toEqual({ login: 'ana', conversa: 'c-maria', texto: 'Desligue o roteador da tomada por 30 segundos e ligue de novo, por favor.' });
		await caixa.pressSequentially('linha 1');
		await caixa.press('Shift+Enter');
		await caixa.pressSequentially('linha 2');
		await caixa.press('Enter');
		await page.locator('#historico .msg.atendente', { hasText: 'linha 2' }).waitFor();
		expect(mock.respostas.at(-1)?.texto).toBe('linha 1\nlinha 2');
		// The delivery status arrives live (the mock marks it delivered 0.4 s later).
		await page.locator('#historico .msg.atendente', { hasText: 'linha 2' }).locator('.meta', { hasText: 'entregue' }).waitFor({ timeout: 10_000 });
		// Answering assigned the conversation to Ana: it left Novas for Minhas.
		await expect(page.locator('#conversa-info').textContent()).resolves.toContain('com Ana Lima');
		await expect(page.locator('#btn-assumir').isVisible()).resolves.toBe(false);
		await page.locator('#arquivo').setInputFiles({ name: 'comprovante.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.1 teste') });
		await page.locator('#anexo-nome', { hasText: 'comprovante.pdf' }).waitFor();
		await page.locator('#btn-enviar').click();
		await page.locator('#historico a', { hasText: 'comprovante.pdf (PDF)' }).waitFor();
		expect(mock.respostas.at(-1)?.arquivo).toEqual({ nome: 'comprovante.pdf', tipo: 'application/pdf', base64: Buffer.from('%PDF-1.1 teste').toString('base64') });
		await expect(page.locator('#num-minhas').textContent()).resolves.toBe('2');
	});

	it('hides team-transfer lines on request and opens a ticket from selected messages', async () => {
		const transferencias = page.locator('#historico .sistema.transferencia');
		await expect(transferencias.first().isVisible()).resolves.toBe(true);
		await page.locator('#mostrar-transferencias').uncheck();
		await expect(transferencias.first().isVisible()).resolves.toBe(false);
		await page.locator('#mostrar-transferencias').check();
		await page.locator('#btn-chamado').click();
		const caixas = page.locator('#historico .msg.cliente input[type=checkbox]');
		await caixas.nth(0).check();
		await caixas.nth(1).check();
		await page.locator('#selecao-continuar').click();
		await page.locator('#chamado-departamento option', { hasText: 'Suporte técnico' }).waitFor({ state: 'attached' });
		await page.locator('#chamado-departamento').selectOption({ label: 'Suporte técnico' });
		await page.locator('#chamado-assunto').fill('Sem sinal (LOS vermelho)');
		await shot(page, '05-chamado');
		await page.locator('#chamado-enviar').click();
		await page.locator('#historico .sistema', { hasText: 'Chamado aberto: protocolo 70001' }).waitFor();
		expect(mock.chamados).toHaveLength(1);
		expect(mock.chamados[0]).toMatchObject({ conversa: 'c-maria', departamento: '10', assunto: 'Sem sinal (LOS vermelho)', protocolo: '70001' });
		expect(mock.chamados[0].mensagens).toHaveLength(2);
		await expect(page.locator('#cliente-dados').textContent()).resolves.toContain('70001');
	});

	it('outside the 24 h window offers only the template picker, with a live preview, and sends a template', async () => {
		await abrir(page, 'minhas', 'c-jose');
		await page.locator('#template-form').waitFor({ state: 'visible' });
		await expect(page.locator('#resposta').isVisible()).resolves.toBe(false);
		await expect(page.locator('#janela-texto').textContent()).resolves.toContain('há 1 dia');
		await page.locator('#template-nome option', { hasText: 'retomar_atendimento' }).waitFor({ state: 'attached' });
		await page.locator('#template-nome').selectOption({ label: 'retomar_atendimento (pt_BR) — UTILITY' });
		await page.locator('#template-var-1').fill('José');
		await expect(page.locator('#template-previa').textContent()).resolves.toBe('Olá, José! Aqui é {{2}}, do suporte. Podemos continuar seu atendimento? Responda esta mensagem.');
		await page.locator('#template-var-2').fill('Ana');
		await expect(page.locator('#template-previa').textContent()).resolves.toBe('Olá, José! Aqui é Ana, do suporte. Podemos continuar seu atendimento? Responda esta mensagem.');
		await shot(page, '06-janela-24h-template');
		await page.locator('#btn-template').click();
		await page.locator('#historico .msg.atendente', { hasText: 'Aqui é Ana, do suporte' }).waitFor();
		expect(mock.templatesEnviados).toEqual([{ login: 'ana', conversa: 'c-jose', nome: 'retomar_atendimento', idioma: 'pt_BR', variaveis: ['José', 'Ana'] }]);
		expect(mock.respostas.filter((r) => r.conversa === 'c-jose')).toEqual([]);
	});

	it('moves between conversations with Alt+↑/↓, focuses the reply with "/", closes dialogs with Esc', async () => {
		await page.locator('#aba-novas').click();
		const ordem = await page.locator('#lista-conversas .linha').evaluateAll((ls) => ls.map((l) => (l as HTMLElement).dataset.id));
		expect(ordem.length).toBeGreaterThanOrEqual(2);
		await page.locator('#busca').focus();
		await page.keyboard.press('Escape');
		await page.locator('#aba-novas').focus();
		await page.keyboard.press('Alt+ArrowDown');
		await page.waitForFunction((id) => document.querySelector(`.linha[data-id="${id}"][aria-current=true]`) !== null, ordem[0]);
		await page.keyboard.press('Alt+ArrowDown');
		await page.waitForFunction((id) => document.querySelector(`.linha[data-id="${id}"][aria-current=true]`) !== null, ordem[1]);
		await page.keyboard.press('Alt+ArrowUp');
		await page.waitForFunction((id) => document.querySelector(`.linha[data-id="${id}"][aria-current=true]`) !== null, ordem[0]);
		await page.locator('#historico').focus();
		await page.keyboard.press('/');
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('resposta-texto');
		await expect(page.locator('#resposta-texto').inputValue()).resolves.toBe('');
		await page.locator('#btn-encaminhar').click();
		await page.locator('#dlg-encaminhar').waitFor({ state: 'visible' });
		await shot(page, '07-encaminhar');
		await page.keyboard.press('Escape');
		await page.locator('#dlg-encaminhar').waitFor({ state: 'hidden' });
		// Focus is visible (the outline of :focus-visible) on keyboard focus.
		await page.locator('#aba-novas').focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('aba-minhas');
		await expect(page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).resolves.toBe('solid');
		await page.keyboard.press('ArrowLeft');
	});

	it('shows "Reconectando…" without covering any button while the long poll fails, and recovers', async () => {
		mock.indisponivel(true);
		await page.locator('#reconectando').waitFor({ state: 'visible', timeout: 10_000 });
		for (const id of ['btn-sair', 'btn-senha', 'btn-enviar', 'btn-resolver']) {
			const alvo = await page.locator(`#${id}`).evaluate((b) => {
				const r = b.getBoundingClientRect();
				const topo = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
				return topo === b || b.contains(topo);
			});
			expect({ id, clicavel: alvo }).toEqual({ id, clicavel: true });
		}
		await shot(page, '08-reconectando');
		mock.indisponivel(false);
		await page.locator('#reconectando').waitFor({ state: 'hidden', timeout: 15_000 });
		const texto = `Depois da queda ${Date.now()}`;
		const aberta = await page.locator('.linha[aria-current=true]').getAttribute('data-id');
		mock.adicionarMensagemCliente(aberta ?? '', texto);
		await page.locator('#historico .msg', { hasText: texto }).waitFor({ timeout: 10_000 });
	});

	it('reloads the queues when the server answers the long poll with recarregar (it lost the changes, e.g. a restart)', async () => {
		await page.waitForTimeout(300); // the long poll is held again after the reconnection
		const antes = Number(await page.locator('#num-novas').textContent());
		mock.recarregarTudo({ nome: 'Otávio Recarregado', canal: 'webchat', equipe: 'Suporte', texto: 'Oi, voltou?' });
		await page.locator('#aba-novas').click();
		await page.locator('.linha', { hasText: 'Otávio Recarregado' }).waitFor({ timeout: 10_000 });
		await expect(page.locator('#num-novas').textContent()).resolves.toBe(String(antes + 1));
	});

	it('enforces the CSRF header and answers an expired session with the login screen', async () => {
		const semCsrf = await page.evaluate(async () => {
			const r = await fetch('/webhook/painel?r=pendente', { method: 'POST', body: JSON.stringify({ conversa: 'c-maria' }), headers: { 'Content-Type': 'application/json' } });
			return { status: r.status, corpo: (await r.json()) as unknown };
		});
		expect(semCsrf).toEqual({ status: 403, corpo: { erro: 'Sessão inválida: recarregue a página.' } });
		expect(mock.conversas.get('c-maria')?.estado).not.toBe('pendente');
		mock.expirarSessoes();
		await page.locator('#btn-pendente').click();
		await page.locator('#tela-login').waitFor({ state: 'visible' });
		await expect(page.locator('#login-erro').textContent()).resolves.toBe('Sessão expirada. Entre de novo.');
		await expect(page.title()).resolves.toBe('Painel');
	});

	it('gives the supervisor agents, teams, metrics (CSAT "—" when absent) and reassignment', async () => {
		await entrarComo(page, 'carla', 'senha-da-carla');
		await page.locator('#btn-supervisao').click();
		await page.locator('#sup-agentes td', { hasText: 'Bruno Reis' }).waitFor();
		await page.locator('#metricas table').first().waitFor();
		const bruno = await page.locator('#metricas table').first().locator('tr', { hasText: 'Bruno Reis' }).locator('td').allTextContents();
		expect(bruno).toEqual(['Bruno Reis', '7', '3 min 30 s', '21 min', '—']);
		const ana = await page.locator('#metricas table').first().locator('tr', { hasText: 'Ana Lima' }).locator('td').allTextContents();
		expect(ana[4]).toBe('66,7% (3 · média 3,67)');
		await page.locator('#metricas-periodo').selectOption('7');
		await page.locator('#metricas table').first().locator('tr', { hasText: 'Bruno Reis' }).locator('td', { hasText: '49' }).waitFor();
		expect(mock.requisicoes.filter((r) => r === 'GET metricas')).toHaveLength(2);
		await shot(page, '09-supervisao');
		await page.locator('#sup-conversas tr', { hasText: 'Paulo (Financeiro)' }).getByRole('button', { name: /Encaminhar/ }).click();
		await page.locator('#encaminhar-equipe').selectOption('Financeiro');
		await page.locator('#encaminhar-atendente').selectOption('bruno');
		await page.locator('#encaminhar-form button[type=submit]').click();
		await page.locator('#dlg-encaminhar').waitFor({ state: 'hidden' });
		expect(mock.conversas.get('c-financeiro')).toMatchObject({ atendente: 'bruno', estado: 'aberta', equipe: 'Financeiro' });
		await page.locator('#sup-conversas tr', { hasText: 'Paulo (Financeiro)' }).locator('td', { hasText: 'Bruno Reis' }).waitFor();
		// Alterar senha: the rule (≥ 8) is checked before sending; the server's answer is shown.
		await page.locator('#btn-senha').click();
		await page.locator('#senha-atual').fill('errada-123');
		await page.locator('#senha-nova').fill('curta');
		await page.locator('#senha-confirmar').fill('curta');
		await page.locator('#senha-salvar').click();
		await page.locator('#senha-erro', { hasText: 'pelo menos 8 caracteres' }).waitFor();
		await page.locator('#senha-nova').fill('nova-senha-da-carla');
		await page.locator('#senha-confirmar').fill('nova-senha-da-carla');
		await page.locator('#senha-salvar').click();
		await page.locator('#senha-erro', { hasText: 'Senha atual incorreta.' }).waitFor();
		await page.locator('#senha-atual').fill('senha-da-carla');
		await page.locator('#senha-salvar').click();
		await page.locator('#senha-ok', { hasText: 'Senha alterada.' }).waitFor();
		await shot(page, '10-alterar-senha');
		await page.keyboard.press('Escape');
		await page.locator('#dlg-senha').waitFor({ state: 'hidden' });
		await page.locator('#btn-sair').click();
		await page.locator('#tela-login').waitFor({ state: 'visible' });
		await entrarComo(page, 'carla', 'nova-senha-da-carla');
		await page.locator('#btn-sair').click();
		await page.locator('#tela-login').waitFor({ state: 'visible' });
	});

	it('works at 375 px: list → conversation → customer panel, with back buttons and no sideways scroll', async () => {
		const celular = await openBrowser({ width: 375, height: 740 });
		try {
			const p = celular.page;
			await p.goto(mock.url);
			await p.locator('#tela-login').waitFor({ state: 'visible' });
			await shot(p, '11-celular-login');
			await login(p, 'ana', 'senha-da-ana');
			await p.locator('#lista-conversas .linha').first().waitFor();
			const largura = async (): Promise<number> => await p.evaluate(() => document.documentElement.scrollWidth);
			expect(await largura()).toBeLessThanOrEqual(375);
			await expect(p.locator('.col-conversa').isVisible()).resolves.toBe(false);
			await shot(p, '12-celular-lista');
			await p.locator('#aba-minhas').click();
			await p.locator('.linha[data-id="c-maria"]').click();
			await p.locator('#historico .msg').first().waitFor();
			await expect(p.locator('.col-filas').isVisible()).resolves.toBe(false);
			await expect(p.locator('#voltar-lista').isVisible()).resolves.toBe(true);
			expect(await largura()).toBeLessThanOrEqual(375);
			await shot(p, '13-celular-conversa');
			await p.locator('#ver-cliente').click();
			await expect(p.locator('.col-conversa').isVisible()).resolves.toBe(false);
			await p.locator('#cliente-dados', { hasText: 'Fibra 300 Mega' }).waitFor();
			await shot(p, '14-celular-cliente');
			await p.locator('#voltar-conversa').click();
			await p.locator('#voltar-lista').click();
			await expect(p.locator('.col-filas').isVisible()).resolves.toBe(true);
			expect(celular.dialogs).toEqual([]);
			expect(celular.errors).toEqual([]);
		} finally {
			await celular.close();
		}
	});

	it('Messenger and Instagram: after 24 h the reply goes as a human agent; after 7 days the box gives way to a notice', async () => {
		const dia = 24 * 60 * 60 * 1000;
		const recuar = (c: { historico: Array<{ de: string; em: number }> }, ms: number) => {
			for (const entrada of c.historico) entrada.em -= ms;
		};
		recuar(mock.novaConversa({ nome: 'Paula Messenger', canal: 'messenger', equipe: 'Suporte', texto: 'Alguém aí?' }), 3 * dia);
		const antiga = mock.novaConversa({ nome: 'Igor Instagram', canal: 'instagram', equipe: 'Suporte', texto: 'Oi' });
		recuar(antiga, 8 * dia);
		const sessao = await openBrowser({ width: 1366, height: 820 });
		try {
			const p = sessao.page;
			await p.goto(mock.url);
			await entrarComo(p, 'ana', 'senha-da-ana');
			await p.locator('#aba-novas').click();
			await p.locator('.linha', { hasText: 'Paula Messenger' }).click();
			await p.locator('#conversa-info', { hasText: 'Messenger' }).waitFor();
			await expect(p.locator('#resposta').isVisible()).resolves.toBe(true);
			await expect(p.locator('#janela-meta').isVisible()).resolves.toBe(false);
			await expect(p.locator('#resposta-dica').textContent()).resolves.toBe('Fora das 24 h: a resposta vai como agente humano (HUMAN_AGENT); o prazo termina em 3 dias · Enter envia');
			await p.locator('#resposta-texto').fill('Oi Paula, aqui é a Ana.');
			await p.locator('#resposta-texto').press('Enter');
			await p.waitForFunction(() => (document.getElementById('resposta-texto') as HTMLTextAreaElement).value === '');
			expect(mock.respostas.at(-1)).toMatchObject({ login: 'ana', texto: 'Oi Paula, aqui é a Ana.' });
			await shot(p, '15-messenger-agente-humano');

			await p.locator('#aba-novas').click();
			await p.locator('.linha', { hasText: 'Igor Instagram' }).click();
			await p.locator('#janela-meta').waitFor({ state: 'visible' });
			await expect(p.locator('#janela-meta').textContent()).resolves.toMatch(/^Mais de 7 dias desde a última mensagem do cliente: o Instagram só permite responder quando ele escrever de novo\. A última mensagem do cliente foi há 8 dias/);
			await expect(p.locator('#resposta').isVisible()).resolves.toBe(false);
			await expect(p.locator('#template-form').isVisible()).resolves.toBe(false);
			await shot(p, '16-instagram-7-dias');
			expect(sessao.errors).toEqual([]);
		} finally {
			await sessao.close();
		}
		expect(mock.respostas.filter((r) => r.conversa === antiga.id)).toEqual([]);
	});
});

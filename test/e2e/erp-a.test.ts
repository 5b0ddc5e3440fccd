// ERP cards of group A in a real n8n, against ERP simulators: Validar Cadastro, Gerenciar Contas and
// Autenticação em Duas Etapas on the web chat, Auto Vincular Contato on the WhatsApp simulator (the web
// chat has no phone). Each card runs on two ERPs; failures end on "Erro" with the customer told; the
// portal password never reaches execution data, the conversation store or the n8n log.
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import type { OutboundMessage } from '../../nodes/shared/channels/types';
import { MASKED_ANSWER } from '../../nodes/shared/runtime/sensitive';
import { ERP_CUSTOMER } from '../simulators/erp-dataset';
import type { HubsoftSimulator } from '../simulators/hubsoft';
import type { Simulator } from '../simulators/base';
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { browserSkipReason, openBrowser } from './browser';
import { simulatedErp, type SimulatedErp } from './erp-client';
import { activateWorkflow, api, e2eState, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(180_000);

const MARIA_CPF = '529.982.247-25';
const SOUZA_CNPJ = '11.222.333/0001-81';
const NOT_A_CUSTOMER_CPF = '111.444.777-35';
const ERROR_MESSAGE = /Não consegui consultar o sistema agora/;

const textOf = (message: OutboundMessage | undefined) => (message && 'text' in message ? message.text : '');
const texts = (messages: OutboundMessage[]) => messages.map(textOf);

/** Card → one Encerrar Atendimento per output ("FIM: <saída>"), in the card's output order. */
function cardFlow(path: string, card: Record<string, unknown>, endings: string[], trigger?: Record<string, unknown>): WorkflowJson {
	const cardName = card.name as string;
	const ends = endings.map((ending, index) => testNode(3 + index, `Fim ${ending}`, 'encerrarAtendimento', { finalMessage: `FIM: ${ending}` }));
	return {
		name: `E2E ${cardName} ${path}`,
		nodes: [trigger ?? testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path }, { webhookId: `${path}-hook` }), card, ...ends],
		connections: {
			'Início do Atendimento': { main: [[{ node: cardName, type: 'main', index: 0 }]] },
			[cardName]: { main: ends.map((end) => [{ node: end.name as string, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function activateWebchat(workflow: WorkflowJson, path: string): Promise<{ url: string; workflowId: string }> {
	const workflowId = await activateWorkflow(workflow);
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	return { url, workflowId };
}

/** A customer who said "oi" and got the card's first question. */
async function started(url: string): Promise<{ customer: WebchatCustomer; first: OutboundMessage }> {
	const customer = new WebchatCustomer(url);
	await customer.say('oi');
	const [first] = await customer.next();
	return { customer, first };
}

/** Everything the run's n8n keeps about its executions of `workflowId`, as text. */
async function executionDataOf(workflowId: string): Promise<string> {
	const finished = await waitFor(async () => {
		const list = await api<{ data: Array<{ id: string; finished: boolean; status: string }> }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=100`);
		return list.data.length > 0 && list.data.every((execution) => execution.status !== 'running' && execution.status !== 'waiting') ? list : undefined;
	}, 30_000, 'as execuções terminadas');
	return JSON.stringify(finished);
}

/** The conversation store's journal and the n8n log of the run, as text. */
function storeAndLog(): string {
	const { dataDir } = e2eState();
	const files = [join(dataDir, '.n8n', 'atendimento', 'conversas.jsonl'), join(dataDir, 'n8n.log')];
	expect(existsSync(files[0])).toBe(true);
	return files.filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8')).join('\n');
}

describe.each<SimulatedErp>(['ixc', 'sgp'])('Validar Cadastro e Gerenciar Contas no ERP %s', (system) => {
	let simulator: Simulator;
	let validateUrl: string;
	let accountsUrl: string;

	beforeAll(async () => {
		const erp = await simulatedErp(system);
		simulator = erp.simulator;
		const validate = `e2e-validar-${system}`;
		validateUrl = (
			await activateWebchat(
				cardFlow(validate, testNode(2, 'Validar Cadastro', 'validarCadastro', { maxAttempts: 2, maxAttemptsMessage: 'Vou te passar para um atendente.' }, { credentials: erp.credentials }), [
					'identificado {{nome_cliente}}',
					'máximo',
					'erro',
				]),
				validate,
			)
		).url;
		// Validar Cadastro → Gerenciar Contas (menu) → Conta adicionada → Gerenciar Contas (Trocar conta).
		const accounts = `e2e-contas-${system}`;
		const end = (index: number, ending: string) => testNode(index, `Fim ${ending}`, 'encerrarAtendimento', { finalMessage: `FIM: ${ending}` });
		const to = (node: string) => [{ node, type: 'main', index: 0 }];
		accountsUrl = (
			await activateWebchat(
				{
					name: `E2E Gerenciar Contas ${system}`,
					nodes: [
						testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path: accounts }, { webhookId: `${accounts}-hook` }),
						testNode(2, 'Validar Cadastro', 'validarCadastro', { successMessage: '' }, { credentials: erp.credentials }),
						testNode(3, 'Contas', 'gerenciarContas', { account: 'menu', maxAttempts: 2 }, { credentials: erp.credentials }),
						testNode(4, 'Trocar', 'gerenciarContas', { account: 'switchAccount' }, { credentials: erp.credentials }),
						end(5, 'trocada para {{nome_cliente}}'),
						end(6, 'sem outras contas'),
						end(7, 'máximo'),
						end(8, 'erro'),
					],
					connections: {
						'Início do Atendimento': { main: [to('Validar Cadastro')] },
						'Validar Cadastro': { main: [to('Contas')] },
						Contas: { main: [to('Trocar'), to('Fim trocada para {{nome_cliente}}'), to('Fim sem outras contas'), to('Fim máximo'), to('Fim erro')] },
						Trocar: { main: [[], to('Fim trocada para {{nome_cliente}}'), to('Fim sem outras contas'), to('Fim máximo'), to('Fim erro')] },
					},
					settings: { executionOrder: 'v1' },
				},
				accounts,
			)
		).url;
	});
	afterAll(async () => await simulator?.close());
	beforeEach(() => simulator.reset());

	test('Validar Cadastro: the CPF of a customer links it and leaves by "Cliente identificado"', async () => {
		const { customer, first } = await started(validateUrl);
		expect(textOf(first)).toMatch(/CPF ou CNPJ/);
		await customer.say(MARIA_CPF);
		expect(texts(await customer.next(2, 20_000))).toEqual(['Obrigado, MARIA SILVA! Encontrei o seu cadastro.', 'FIM: identificado MARIA SILVA']);
	});

	test('Validar Cadastro: someone who is not a customer leaves by "Máximo de tentativas"', async () => {
		const { customer } = await started(validateUrl);
		await customer.say(NOT_A_CUSTOMER_CPF);
		expect(textOf((await customer.next())[0])).toMatch(/Não encontrei cadastro/);
		await customer.say(NOT_A_CUSTOMER_CPF);
		expect(texts(await customer.next(2, 20_000))).toEqual(['Vou te passar para um atendente.', 'FIM: máximo']);
	});

	test('Validar Cadastro: an ERP failure ends on "Erro" and the customer is told', async () => {
		const { customer } = await started(validateUrl);
		simulator.failNext(20, { status: 503, body: 'Service Unavailable' });
		await customer.say(MARIA_CPF);
		const [error, end] = await customer.next(2, 30_000);
		expect(textOf(error)).toMatch(ERROR_MESSAGE);
		expect(textOf(end)).toBe('FIM: erro');
	});

	test('Gerenciar Contas: adds the company by CNPJ, then switches the conversation to it', async () => {
		const { customer } = await started(accountsUrl);
		await customer.say(MARIA_CPF);
		const [menu] = await customer.next(1, 20_000);
		expect(menu).toMatchObject({ kind: 'choices', text: 'O que você deseja fazer?', choices: [{ label: 'Adicionar conta' }, { label: 'Trocar conta' }] });
		await customer.click('conta_adicionar', 'Adicionar conta');
		expect(textOf((await customer.next())[0])).toBe('Digite o CPF ou CNPJ da conta que deseja adicionar (só os números).');
		await customer.say(MARIA_CPF);
		expect(textOf((await customer.next())[0])).toMatch(/conta que você já está usando/);
		await customer.say(SOUZA_CNPJ);
		const [added, switchMenu] = await customer.next(2, 20_000);
		expect(textOf(added)).toBe('Pronto! A conta de COMERCIAL SOUZA LTDA foi adicionada. Para usá-la, escolha Trocar conta.');
		expect(switchMenu).toMatchObject({ kind: 'choices', text: 'Para qual conta você deseja trocar?', choices: [{ id: `conta_${ERP_CUSTOMER.comercialSouza.id}`, label: 'COMERCIAL SOUZA LTDA' }] });
		await customer.say('1');
		expect(texts(await customer.next(2, 20_000))).toEqual(['Pronto! Agora o atendimento está na conta de COMERCIAL SOUZA LTDA.', 'FIM: trocada para COMERCIAL SOUZA LTDA']);
	});

	test('Gerenciar Contas: "Trocar conta" with no other account leaves by "Sem outras contas"', async () => {
		const { customer } = await started(accountsUrl);
		await customer.say(MARIA_CPF);
		await customer.next(1, 20_000);
		await customer.say('trocar');
		expect(texts(await customer.next(2, 20_000))).toEqual(['Você ainda não tem outras contas vinculadas a este atendimento.', 'FIM: sem outras contas']);
	});
});

/** The subscriber-portal login of maria in each simulator, and how to give her a password of the test's own. */
const PORTAL: Record<'ixc' | 'hubsoft', { login: string; password: (simulator: Simulator) => string }> = {
	// IXC keeps `hotsite_email` / `senha` ("123" for every customer of the simulator).
	ixc: { login: ERP_CUSTOMER.maria.email, password: () => '123' },
	// Hubsoft's portal user is the CPF/CNPJ digits; the simulator's passwords can be changed.
	hubsoft: {
		login: '52998224725',
		password: (simulator) => {
			const password = 'Central-Maria-7391';
			(simulator as HubsoftSimulator).centralPasswords[ERP_CUSTOMER.maria.id] = password;
			return password;
		},
	},
};
const WRONG_PASSWORD = 'Errada-Secreta-5521';

describe.each<'ixc' | 'hubsoft'>(['ixc', 'hubsoft'])('Autenticação em Duas Etapas no ERP %s', (system) => {
	let simulator: Simulator;
	let url: string;
	let workflowId: string;

	beforeAll(async () => {
		const erp = await simulatedErp(system);
		simulator = erp.simulator;
		const path = `e2e-2fa-${system}`;
		const card = testNode(2, 'Autenticação', 'autenticacaoDuasEtapas', { maxAttempts: 2, maxAttemptsMessage: 'Não foi possível confirmar a sua identidade.' }, { credentials: erp.credentials });
		({ url, workflowId } = await activateWebchat(cardFlow(path, card, ['autenticado ({{var.central_autenticada}})', 'máximo', 'erro']), path));
	});
	afterAll(async () => await simulator?.close());
	beforeEach(() => simulator.reset());

	/** CPF, then login: returns the customer facing the password question (which the chat must hide). */
	async function atPassword(login = PORTAL[system].login): Promise<WebchatCustomer> {
		const { customer } = await started(url);
		await customer.say(MARIA_CPF);
		expect(textOf((await customer.next(1, 20_000))[0])).toMatch(/login da Central do Assinante/);
		await customer.say(login);
		const [ask] = await customer.next();
		expect(ask).toMatchObject({ kind: 'text', text: expect.stringMatching(/senha da Central do Assinante/), secretAnswer: true });
		return customer;
	}

	test('CPF, portal login and password: "Autenticado"; the password is nowhere n8n or the pack keep data', async () => {
		const password = PORTAL[system].password(simulator);
		const customer = await atPassword();
		await customer.say(password);
		expect(texts(await customer.next(2, 20_000))).toEqual(['Pronto, MARIA SILVA! Sua identidade foi confirmada.', 'FIM: autenticado (sim)']);
		// The journal lines of this customer's session only: IXC's "123" may also be another test's answer to another question.
		const ownLines = storeAndLog()
			.split('\n')
			.filter((line) => line.includes(customer.session))
			.join('\n');
		expect(ownLines).toContain('Sua identidade foi confirmada');
		const kept = [await executionDataOf(workflowId), ownLines, JSON.stringify(await customer.history())].join('\n');
		expect(kept).not.toContain(`"text":"${password}"`);
		if (password.length > 8) expect([kept, storeAndLog()].join('\n')).not.toContain(password);
	});

	test('a wrong pair counts one attempt and asks the login again; the second wrong pair ends on "Máximo de tentativas"', async () => {
		const customer = await atPassword();
		await customer.say(WRONG_PASSWORD);
		const [wrong, login] = await customer.next(2, 20_000);
		expect(textOf(wrong)).toBe('Login ou senha incorretos. Vamos tentar de novo.');
		expect(login).toMatchObject({ text: expect.stringMatching(/login da Central do Assinante/) });
		expect(login).not.toHaveProperty('secretAnswer');
		await customer.say('login-que-nao-existe');
		expect((await customer.next())[0]).toMatchObject({ secretAnswer: true });
		await customer.say(WRONG_PASSWORD);
		expect(texts(await customer.next(2, 20_000))).toEqual(['Não foi possível confirmar a sua identidade.', 'FIM: máximo']);
		const kept = [await executionDataOf(workflowId), storeAndLog()].join('\n');
		expect(kept).not.toContain(WRONG_PASSWORD);
	});

	test('an ERP failure while checking the password ends on "Erro" and the customer is told', async () => {
		const customer = await atPassword();
		simulator.failNext(20, { status: 503, body: 'Service Unavailable' });
		await customer.say(WRONG_PASSWORD);
		const [error, end] = await customer.next(2, 30_000);
		expect(textOf(error)).toMatch(ERROR_MESSAGE);
		expect(textOf(end)).toBe('FIM: erro');
	});
});

test('Autenticação em Duas Etapas on an ERP without the portal check (MK-Auth): "Erro" at once, with the message', async () => {
	const erp = await simulatedErp('mkauth');
	try {
		const path = 'e2e-2fa-mkauth';
		const card = testNode(2, 'Autenticação', 'autenticacaoDuasEtapas', {}, { credentials: erp.credentials });
		const { url } = await activateWebchat(cardFlow(path, card, ['autenticado', 'máximo', 'erro']), path);
		const customer = new WebchatCustomer(url);
		await customer.say('oi');
		const [error, end] = await customer.next(2, 20_000);
		expect(textOf(error)).toMatch(ERROR_MESSAGE);
		expect(textOf(end)).toBe('FIM: erro');
		expect(erp.simulator.requests).toHaveLength(0);
	} finally {
		await erp.simulator.close();
	}
});

const skipBrowser = browserSkipReason();
(skipBrowser ? test.skip : test)('the web chat page hides the password as it is typed and keeps only "••••••" in its history', async () => {
	const erp = await simulatedErp('ixc');
	const browser = await openBrowser();
	try {
		const path = 'e2e-2fa-navegador';
		const card = testNode(2, 'Autenticação', 'autenticacaoDuasEtapas', {}, { credentials: erp.credentials });
		const { url } = await activateWebchat(cardFlow(path, card, ['autenticado', 'máximo', 'erro']), path);
		const page = browser.page;
		await page.goto(url, { waitUntil: 'load' });
		const input = page.locator('#chat-input');
		const bot = page.locator('#chat-messages .msg.bot');
		const secretInput = async () => await page.locator('#chat-input.secret').count();
		const send = async (text: string, botCount: number) => {
			await input.fill(text);
			await input.press('Enter');
			await bot.nth(botCount - 1).waitFor({ state: 'visible', timeout: 20_000 });
		};
		await send('oi', 1);
		await send(MARIA_CPF, 2);
		expect(await secretInput()).toBe(0);
		await send(ERP_CUSTOMER.maria.email, 3);
		expect(await secretInput()).toBe(1);
		expect(await input.getAttribute('placeholder')).toBe('Digite a senha…');
		await send('123', 5);
		expect(await bot.nth(4).textContent()).toContain('FIM: autenticado');
		const userBubbles = await page.locator('#chat-messages .msg.user > .bubble').allTextContents();
		expect(userBubbles).toEqual(['oi', MARIA_CPF, ERP_CUSTOMER.maria.email, MASKED_ANSWER]);
		expect(await secretInput()).toBe(0);
		const stored = await page.evaluate(() => JSON.stringify(Object.entries(window.localStorage)));
		expect(stored).toContain(MASKED_ANSWER);
		expect(stored).not.toContain('"t":"123"');
		expect(browser.errors).toEqual([]);
	} finally {
		await browser.close();
		await erp.simulator.close();
	}
});

describe.each<SimulatedErp>(['ixc', 'sgp'])('Auto Vincular Contato no ERP %s', (system) => {
	let erpSimulator: Simulator;
	let whatsapp: WhatsAppSimulator;
	let whatsappUrl: string;
	let webchatUrl: string;
	// João's registered phone is (49) 99999-1234: his WhatsApp ID may or may not have the 9th digit.
	const joaoWaId = system === 'ixc' ? '554999991234' : '5549999991234';

	beforeAll(async () => {
		const erp = await simulatedErp(system);
		erpSimulator = erp.simulator;
		whatsapp = await startWhatsAppSimulator();
		const whatsappCredentials = await whatsAppSimulatorCredential(whatsapp.url, `WhatsApp simulador (auto vincular ${system})`);
		const card = testNode(2, 'Auto Vincular', 'autoVincularContato', {}, { credentials: erp.credentials });
		const endings = ['vinculado a {{nome_cliente}}', 'não vinculado', 'máximo', 'erro'];
		const path = `e2e-auto-vincular-${system}`;
		const trigger = testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path }, { webhookId: `${path}-hook`, credentials: whatsappCredentials });
		await activateWorkflow(cardFlow(path, card, endings, trigger));
		whatsappUrl = `${e2eState().baseUrl}/webhook/${path}`;
		await waitFor(async () => ((await verifyWebhook(whatsappUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook');
		const webchatPath = `e2e-auto-vincular-web-${system}`;
		webchatUrl = (await activateWebchat(cardFlow(webchatPath, card, endings), webchatPath)).url;
	});
	afterAll(async () => {
		await erpSimulator?.close();
		await whatsapp?.close();
	});
	beforeEach(() => erpSimulator.reset());

	/** Texts the bot sent to `waId`, once there are `count`. */
	async function sentTo(waId: string, count: number): Promise<string[]> {
		const sent = await waitFor(async () => {
			const found = whatsapp.sent.filter((message) => message.to === waId);
			return found.length >= count ? found : undefined;
		}, 20_000, `${count} mensagens para ${waId}`);
		return sent.map((message) => (message.body.text as { body?: string } | undefined)?.body ?? message.type);
	}

	test('the WhatsApp number of a customer (DDD + last 8 digits) links him without a question', async () => {
		await deliver(whatsappUrl, messagesWebhook(textMessage('oi', { from: joaoWaId })), ACCOUNT.appSecret);
		expect(await sentTo(joaoWaId, 1)).toEqual(['FIM: vinculado a JOAO PEREIRA']);
	});

	test('a number no customer has leaves by "Não vinculado"', async () => {
		const stranger = system === 'ixc' ? '5561912340001' : '5561912340002';
		await deliver(whatsappUrl, messagesWebhook(textMessage('oi', { from: stranger })), ACCOUNT.appSecret);
		expect(await sentTo(stranger, 1)).toEqual(['FIM: não vinculado']);
	});

	test('an ERP failure ends on "Erro" and the customer is told', async () => {
		const waId = system === 'ixc' ? '5511987650101' : '5511987650102';
		erpSimulator.failNext(40, { status: 503, body: 'Service Unavailable' });
		await deliver(whatsappUrl, messagesWebhook(textMessage('oi', { from: waId })), ACCOUNT.appSecret);
		const [error, end] = await sentTo(waId, 2);
		expect(error).toMatch(ERROR_MESSAGE);
		expect(end).toBe('FIM: erro');
	});

	test('the web chat has no number: "Não vinculado" at once, without calling the ERP', async () => {
		const customer = new WebchatCustomer(webchatUrl);
		await customer.say('oi');
		expect(texts(await customer.next())).toEqual(['FIM: não vinculado']);
		expect(erpSimulator.requests).toHaveLength(0);
	});
});

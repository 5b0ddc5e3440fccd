// ERP cards of group C in a real n8n, on the web chat, against ERP simulators:
// - Aceite de Contrato on IXC and Hubsoft (SGP's and MK-Auth's APIs have no electronic acceptance):
//   on the web chat, without a linked customer it leaves by "Contato não vinculado" without asking the
//   CPF/CNPJ, and a link made by the typed CPF/CNPJ (Validar Cadastro) is refused too, with the reason;
//   on WhatsApp, Auto Vincular Contato links by the phone and the Aceite card sends the PDF and the two
//   confirmations.
// - Abrir Atendimento no ERP on IXC (department menu), SGP (no department listing: no menu) and ISPFY
//   (ticket topics as departments, the bare ticket id as protocol); on Controllr (its support categories as
//   the menu) and MK Solutions (process and classification from the credential: no menu).
// - Alterar Senha Wi-Fi on SGP, the only simulated ERP whose API changes the Wi-Fi password (IXC's
//   ACS call is undocumented, Hubsoft and MK-Auth have none: the card goes to "Erro" at once). The
//   password must not be anywhere in n8n's data folder, log or executions, nor in the chat transcript.
// Each output leads to an Enviar Mensagem "Saída: <output>", so the transcript shows the way taken.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

import type { OutboundMessage } from '../../nodes/shared/channels/types';
import { ERP_COMMON_DEFAULTS } from '../../nodes/shared/erp/card/properties';
import type { Simulator } from '../simulators/base';
import { ERP_CUSTOMER } from '../simulators/erp-dataset';
import type { ControllrSimulator } from '../simulators/controllr';
import { MKSOLUTIONS_TEST_CREDENTIALS, type MkSolutionsSimulator } from '../simulators/mksolutions';
import type { ErpCustomer } from '../simulators/erp-dataset';
import type { IspfySimulator } from '../simulators/ispfy';
import type { SgpSimulator } from '../simulators/sgp';
import {
	WHATSAPP_TEST_ACCOUNT as ACCOUNT,
	buttonReplyMessage,
	deliver,
	messagesWebhook,
	startWhatsAppSimulator,
	textMessage,
	verifyWebhook,
	type SentMessage,
	type WhatsAppSimulator,
} from '../simulators/whatsapp';
import { simulatedErp, type SimulatedErp } from './erp-client';
import { activateWorkflow, api, e2eState, executionsOf, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(180_000);

const COMMON_OUTPUTS = ['Máximo de tentativas', 'Erro', 'Sem resposta'];
const MAX_ATTEMPTS_MESSAGE = 'Não consegui concluir. Vou te passar para um atendente.';
const DOCUMENT = { maria: '529.982.247-25', alfa: '12.ABC.345/01DE-35' };
const texts = (messages: OutboundMessage[]) => WebchatCustomer.texts(messages);

type Connection = Array<{ node: string; type: string; index: number }>;
const to = (node: string): Connection => [{ node, type: 'main', index: 0 }];
const outputMessages = (outputs: string[]) => outputs.map((output, index) => testNode(10 + index, `Saída ${output}`, 'enviarMensagem', { text: `Saída: ${output}` }));
const trigger = (path: string) => testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path, companyName: 'Provedor Exemplo' }, { webhookId: `${path}-hook` });
const attempts = { maxAttempts: 2, maxAttemptsMessage: MAX_ATTEMPTS_MESSAGE };

const ACCEPTANCE_OUTPUTS = ['Aceito', 'Recusado', 'Nada pendente', 'Contato não vinculado', ...COMMON_OUTPUTS];

/**
 * Web chat: Início → Aceite de Contrato (no customer yet) → "Contato não vinculado" → Validar Cadastro
 * (CPF/CNPJ) → "Aceite vinculado", whose outputs say "Vinculado: …".
 */
function acceptanceFlow(path: string, credentials: Record<string, unknown>): WorkflowJson {
	return {
		name: `E2E ERP C aceite ${path}`,
		nodes: [
			trigger(path),
			testNode(2, 'Aceite de Contrato', 'aceiteContrato', attempts, { credentials }),
			testNode(3, 'Validar Cadastro', 'validarCadastro', attempts, { credentials }),
			testNode(4, 'Aceite vinculado', 'aceiteContrato', attempts, { credentials }),
			...outputMessages(ACCEPTANCE_OUTPUTS),
			...ACCEPTANCE_OUTPUTS.map((output, index) => testNode(40 + index, `Vinculado ${output}`, 'enviarMensagem', { text: `Vinculado: ${output}` })),
		],
		connections: {
			'Início do Atendimento': { main: [to('Aceite de Contrato')] },
			'Aceite de Contrato': { main: ACCEPTANCE_OUTPUTS.map((output) => to(`Saída ${output}`)) },
			'Saída Contato não vinculado': { main: [to('Validar Cadastro')] },
			'Validar Cadastro': { main: [to('Aceite vinculado')] },
			'Aceite vinculado': { main: ACCEPTANCE_OUTPUTS.map((output) => to(`Vinculado ${output}`)) },
		},
		settings: { executionOrder: 'v1' },
	};
}

const AUTO_LINK_OUTPUTS = ['Vinculado', 'Não vinculado', ...COMMON_OUTPUTS];

/** WhatsApp: Início → Auto Vincular Contato (by the phone) → "Vinculado" → Aceite de Contrato → "Saída: …". */
function phoneAcceptanceFlow(path: string, credentials: Record<string, unknown>, whatsappCredentials: Record<string, unknown>): WorkflowJson {
	return {
		name: `E2E ERP C aceite pelo telefone ${path}`,
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path, companyName: 'Provedor Exemplo' }, { webhookId: `${path}-hook`, credentials: whatsappCredentials }),
			testNode(2, 'Auto Vincular', 'autoVincularContato', { linkedMessage: '', notLinkedMessage: '' }, { credentials }),
			testNode(3, 'Aceite de Contrato', 'aceiteContrato', attempts, { credentials }),
			...outputMessages(ACCEPTANCE_OUTPUTS),
			...AUTO_LINK_OUTPUTS.slice(1).map((output, index) => testNode(60 + index, `Auto ${output}`, 'enviarMensagem', { text: `Auto Vincular: ${output}` })),
		],
		connections: {
			'Início do Atendimento': { main: [to('Auto Vincular')] },
			'Auto Vincular': { main: AUTO_LINK_OUTPUTS.map((output) => to(output === 'Vinculado' ? 'Aceite de Contrato' : `Auto ${output}`)) },
			'Aceite de Contrato': { main: ACCEPTANCE_OUTPUTS.map((output) => to(`Saída ${output}`)) },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Início → the card → "Saída: …" per output. */
function cardFlow(path: string, type: string, name: string, outputs: string[], parameters: Record<string, unknown>, credentials: Record<string, unknown>): WorkflowJson {
	const all = [...outputs, ...COMMON_OUTPUTS];
	return {
		name: `E2E ERP C ${name} ${path}`,
		nodes: [trigger(path), testNode(2, name, type, { ...attempts, ...parameters }, { credentials }), ...outputMessages(all)],
		connections: { 'Início do Atendimento': { main: [to(name)] }, [name]: { main: all.map((output) => to(`Saída ${output}`)) } },
		settings: { executionOrder: 'v1' },
	};
}

type Card = 'aceite' | 'aceiteTelefone' | 'atendimento' | 'wifi';

/** The WhatsApp simulator and its credential in n8n (the phone-linked Aceite flows). */
let whatsapp: WhatsAppSimulator;
let whatsappCredentials: Record<string, unknown>;

function flowOf(card: Card, path: string, credentials: Record<string, unknown>): WorkflowJson {
	switch (card) {
		case 'aceite':
			return acceptanceFlow(path, credentials);
		case 'aceiteTelefone':
			return phoneAcceptanceFlow(path, credentials, whatsappCredentials);
		case 'atendimento':
			return cardFlow(path, 'abrirAtendimentoErp', 'Abrir Atendimento no ERP', ['Aberto'], { subject: 'Sem conexão' }, credentials);
		case 'wifi':
			return cardFlow(path, 'alterarSenhaWifi', 'Alterar Senha Wi-Fi', ['Alterada', 'Não alterada'], {}, credentials);
	}
}

interface ErpUnderTest {
	simulator: Simulator;
	urls: Map<Card, { url: string; workflowId: string }>;
}

const erps = new Map<SimulatedErp, ErpUnderTest>();

async function startErp(system: SimulatedErp, cards: Card[]): Promise<void> {
	const { simulator, credentials } = await simulatedErp(system);
	const urls = new Map<Card, { url: string; workflowId: string }>();
	for (const card of cards) {
		const path = `e2e-erp-c-${card}-${system}`;
		const workflowId = await activateWorkflow(flowOf(card, path, credentials));
		const url = `${e2eState().baseUrl}/webhook/${path}`;
		if (card === 'aceiteTelefone') await waitFor(async () => ((await verifyWebhook(url, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook');
		else await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
		urls.set(card, { url, workflowId });
	}
	erps.set(system, { simulator, urls });
}

beforeAll(async () => {
	whatsapp = await startWhatsAppSimulator();
	whatsappCredentials = await whatsAppSimulatorCredential(whatsapp.url, 'WhatsApp simulador (aceite de contrato)');
	await startErp('ixc', ['aceite', 'aceiteTelefone', 'atendimento', 'wifi']);
	await startErp('hubsoft', ['aceite', 'aceiteTelefone', 'atendimento']);
	await startErp('sgp', ['atendimento', 'wifi']);
	await startErp('controllr', ['atendimento']);
	await startErp('mksolutions', ['atendimento']);
	await startErp('ispfy', ['atendimento']);
});

afterAll(async () => {
	for (const { simulator } of erps.values()) await simulator.close();
	await whatsapp?.close();
});

beforeEach(() => {
	for (const { simulator } of erps.values()) simulator.reset();
});

function erp(system: SimulatedErp): ErpUnderTest {
	const found = erps.get(system);
	if (!found) throw new Error(`simulador ${system} não iniciado`);
	return found;
}

function flow(system: SimulatedErp, card: Card): { url: string; workflowId: string } {
	const found = erp(system).urls.get(card);
	if (!found) throw new Error(`fluxo ${card} não criado para ${system}`);
	return found;
}

/** Starts a conversation at the card's flow, gives the document, returns the next `count` bot messages. */
async function identifyAs(system: SimulatedErp, card: Card, document: string, count: number): Promise<{ customer: WebchatCustomer; messages: OutboundMessage[] }> {
	const customer = new WebchatCustomer(flow(system, card).url);
	await customer.say('oi');
	expect(texts(await customer.next())).toEqual([ERP_COMMON_DEFAULTS.documentPrompt]);
	await customer.say(document);
	return { customer, messages: await customer.next(count) };
}

const NOT_LINKED =
	'Para aceitar o contrato por aqui, precisamos confirmar que você é o titular: fale com a gente pelo número de WhatsApp cadastrado no contrato. Se o seu número mudou, peça a um atendente para atualizar o cadastro.';
const CONFIRMATION_1 = 'Você leu o contrato e concorda com todas as cláusulas e condições?';

/** The acceptance request each ERP receives (IXC "Liberar manualmente", Hubsoft "aceitar_contrato"). */
const ACCEPTANCE_PATH: Partial<Record<SimulatedErp, string>> = { ixc: 'cliente_contrato_15464', hubsoft: 'aceitar_contrato' };
const acceptanceRequests = (system: SimulatedErp) => erp(system).simulator.requests.filter((request) => request.path.endsWith(ACCEPTANCE_PATH[system]!));

const NOT_PHONE_VERIFIED =
	'Para aceitar o contrato por aqui, precisamos confirmar que você é o titular pelo telefone cadastrado no contrato, e não foi possível: o cadastro foi identificado pelo CPF/CNPJ digitado, sem confirmar o telefone desta conversa no cadastro. Fale com a gente pelo número de WhatsApp cadastrado, ou peça a um atendente para atualizar o cadastro.';

describe.each(['ixc', 'hubsoft'] as SimulatedErp[])('Aceite de Contrato on the web chat, %s', (system) => {
	test('unlinked: "Contato não vinculado" without a CPF question; linked by the typed CPF/CNPJ: refused with the reason, nothing sent to the ERP', async () => {
		const customer = new WebchatCustomer(flow(system, 'aceite').url);
		await customer.say('oi');
		expect(texts(await customer.next(3))).toEqual([NOT_LINKED, 'Saída: Contato não vinculado', ERP_COMMON_DEFAULTS.documentPrompt]);
		await customer.say(DOCUMENT.alfa);
		expect(texts(await customer.next(3, 30_000))).toEqual(['Obrigado, ALFA TECNOLOGIA LTDA! Encontrei o seu cadastro.', NOT_PHONE_VERIFIED, 'Vinculado: Contato não vinculado']);
		expect(acceptanceRequests(system)).toHaveLength(0);
	});
});

/** A WhatsApp contact of the phone-linked Aceite flow; every test gets its own number, registered on a customer of the ERP. */
class WhatsAppContact {
	private seen = 0;

	constructor(
		private readonly url: string,
		readonly waId: string,
	) {}

	async say(text: string): Promise<void> {
		await deliver(this.url, messagesWebhook(textMessage(text, { from: this.waId })), ACCOUNT.appSecret);
	}

	/** Taps a reply button of the last message sent to the contact. */
	async tap(id: string, title: string): Promise<void> {
		const last = whatsapp.sent.filter((message) => message.to === this.waId).at(-1);
		await deliver(this.url, messagesWebhook(buttonReplyMessage(id, title, last?.wamid ?? '', { from: this.waId })), ACCOUNT.appSecret);
	}

	/** The next `count` messages sent to the contact. */
	async next(count = 1, timeoutMs = 30_000): Promise<SentMessage[]> {
		const sent = await waitFor(async () => {
			const found = whatsapp.sent.filter((message) => message.to === this.waId);
			return found.length >= this.seen + count ? found : undefined;
		}, timeoutMs, `${count} mensagens para ${this.waId}`);
		const fresh = sent.slice(this.seen, this.seen + count);
		this.seen += count;
		return fresh;
	}
}

/** What a sent WhatsApp message shows: its text, or the body of its interactive, or its type. */
function shown(message: SentMessage): string {
	const body = message.body as { text?: { body?: string }; interactive?: { body?: { text?: string } } };
	return body.text?.body ?? body.interactive?.body?.text ?? message.type;
}
const buttonsOf = (message: SentMessage) =>
	((message.body as { interactive?: { action?: { buttons?: Array<{ reply: { id: string; title: string } }> } } }).interactive?.action?.buttons ?? []).map((button) => button.reply);

describe.each(['ixc', 'hubsoft'] as SimulatedErp[])('Aceite de Contrato linked by the phone (WhatsApp), %s', (system) => {
	let nextNumber = system === 'ixc' ? 10 : 50;

	/** A contact whose WhatsApp number is now the only phone of `customer` in the ERP. */
	function contactOf(customer: 'alfaTecnologia' | 'maria'): WhatsAppContact {
		const suffix = String(nextNumber++).padStart(2, '0');
		const record = (erp(system).simulator as Simulator & { customers: ErpCustomer[] }).customers.find((candidate) => candidate.id === ERP_CUSTOMER[customer].id)!;
		record.phones = [`(27) 99911-00${suffix}`];
		return new WhatsAppContact(flow(system, 'aceiteTelefone').url, `55279991100${suffix}`);
	}

	/** alfa, linked by the phone, at the first confirmation. */
	async function atFirstConfirmation(): Promise<WhatsAppContact> {
		const contact = contactOf('alfaTecnologia');
		await contact.say('oi');
		const [pdf, help, confirmation] = await contact.next(3);
		expect(pdf.type).toBe('document');
		expect(shown(help)).toMatch(/^Acima está o seu contrato de prestação de serviços/);
		expect(shown(confirmation)).toBe(CONFIRMATION_1);
		expect(buttonsOf(confirmation)).toEqual([
			{ id: 'aceite_sim', title: 'Sim' },
			{ id: 'aceite_nao', title: 'Não' },
		]);
		return contact;
	}

	test('alfa (awaiting signature): PDF, help text, two confirmations, acceptance recorded, "Aceito"', async () => {
		const contact = await atFirstConfirmation();
		const plan = ERP_CUSTOMER.alfaTecnologia.contracts[0].planName;
		await contact.tap('aceite_sim', 'Sim');
		const [second] = await contact.next();
		expect(shown(second)).toBe(`Para concluir: você, titular do cadastro, aceita eletronicamente o contrato ${plan}, com a mesma validade da sua assinatura?`);
		expect(acceptanceRequests(system)).toHaveLength(0);
		await contact.tap('aceite_sim', 'Sim');
		const [success, output] = (await contact.next(2)).map(shown);
		expect(success).toMatch(new RegExp(`^Aceite registrado em \\d{2}/\\d{2}/\\d{4} às \\d{2}:\\d{2}\\. Seu contrato ${plan} foi ativado`));
		expect(output).toBe('Saída: Aceito');
		expect(acceptanceRequests(system)).toHaveLength(1);
	});

	test('maria (nothing awaiting signature): "Nada pendente"', async () => {
		const contact = contactOf('maria');
		await contact.say('oi');
		expect((await contact.next(2)).map(shown)).toEqual(['Não há contrato aguardando aceite no seu cadastro, MARIA SILVA.', 'Saída: Nada pendente']);
	});

	test('Não at the first confirmation: "Recusado", nothing recorded in the ERP', async () => {
		const contact = await atFirstConfirmation();
		await contact.tap('aceite_nao', 'Não');
		expect((await contact.next(2)).map(shown)).toEqual([
			'Tudo bem, o contrato não foi aceito e nada foi alterado. Se tiver dúvidas sobre as cláusulas, fale com um dos nossos atendentes.',
			'Saída: Recusado',
		]);
		expect(acceptanceRequests(system)).toHaveLength(0);
	});

	test('answers that are neither Sim nor Não, twice: "Máximo de tentativas"', async () => {
		const contact = await atFirstConfirmation();
		await contact.say('talvez');
		expect((await contact.next(2)).map(shown)).toEqual(['Responda Sim ou Não, por favor.', CONFIRMATION_1]);
		await contact.say('depois eu vejo');
		expect((await contact.next(2)).map(shown)).toEqual([MAX_ATTEMPTS_MESSAGE, 'Saída: Máximo de tentativas']);
	});

	test('the ERP fails on the acceptance itself: the error message, then "Erro"', async () => {
		const contact = await atFirstConfirmation();
		await contact.tap('aceite_sim', 'Sim');
		await contact.next();
		erp(system).simulator.failNext(1, { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, (request) =>
			request.path.endsWith(ACCEPTANCE_PATH[system]!),
		);
		await contact.tap('aceite_sim', 'Sim');
		expect((await contact.next(2)).map(shown)).toEqual([ERP_COMMON_DEFAULTS.errorMessage, 'Saída: Erro']);
	});
});

describe('Abrir Atendimento no ERP', () => {
	const DESCRIPTION = 'Internet caindo toda noite desde segunda-feira';

	test('IXC: menu of the departments that serve customers, the description asked, the protocol sent, "Aberto"', async () => {
		const { customer, messages } = await identifyAs('ixc', 'atendimento', DOCUMENT.maria, 1);
		expect(messages).toEqual([
			{
				kind: 'choices',
				text: 'Para qual setor é o seu atendimento?',
				buttonLabel: 'Setores',
				choices: [
					{ id: 'departamento_1', label: 'Suporte Técnico' },
					{ id: 'departamento_2', label: 'Financeiro' },
				],
			},
		]);
		await customer.click('departamento_1', 'Suporte Técnico');
		expect(texts(await customer.next())).toEqual(['Descreva o problema ou a sua solicitação em uma única mensagem, com o máximo de detalhes.']);
		await customer.say(DESCRIPTION);
		const [opened, output] = texts(await customer.next(2, 30_000));
		const protocol = /^Seu atendimento foi aberto com o protocolo (\S+)\. Nossa equipe vai analisar e retornar em breve\.$/.exec(opened)?.[1];
		expect(protocol).toBeTruthy();
		expect(output).toBe('Saída: Aberto');
		const insert = erp('ixc').simulator.requests.find((request) => request.path.endsWith('/su_ticket') && request.headers.ixcsoft !== 'listar');
		expect(insert?.json).toMatchObject({ id_cliente: ERP_CUSTOMER.maria.id, id_ticket_setor: '1', titulo: 'Sem conexão', menssagem: expect.stringContaining(DESCRIPTION) });
	});

	test('Hubsoft on the web chat (no contact phone): the ticket carries the phone registered in the ERP, "Aberto"', async () => {
		const { customer, messages } = await identifyAs('hubsoft', 'atendimento', DOCUMENT.maria, 1);
		if (messages[0].kind === 'choices') {
			const [first] = (messages[0] as { choices: Array<{ id: string; label: string }> }).choices;
			await customer.click(first.id, first.label);
			await customer.next();
		}
		await customer.say(DESCRIPTION);
		const [opened, output] = texts(await customer.next(2, 30_000));
		expect(opened).toMatch(/^Seu atendimento foi aberto com o protocolo \S+\./);
		expect(output).toBe('Saída: Aberto');
		const insert = erp('hubsoft').simulator.requests.find((request) => request.method === 'POST' && request.path.endsWith('/integracao/atendimento'));
		expect(insert?.json).toMatchObject({ telefone: '11987654321', descricao: expect.stringContaining(DESCRIPTION) });
	});

	test('SGP (no department listing): straight to the description, ticket on the contract, "Aberto"', async () => {
		const { customer, messages } = await identifyAs('sgp', 'atendimento', DOCUMENT.maria, 1);
		expect(texts(messages)).toEqual(['Descreva o problema ou a sua solicitação em uma única mensagem, com o máximo de detalhes.']);
		await customer.say(DESCRIPTION);
		const [opened, output] = texts(await customer.next(2, 30_000));
		expect(opened).toMatch(/^Seu atendimento foi aberto com o protocolo \S+\./);
		expect(output).toBe('Saída: Aberto');
		const occurrences = (erp('sgp').simulator as SgpSimulator).openedOccurrences;
		expect(occurrences).toHaveLength(1);
		expect(occurrences[0].content).toBe(`Sem conexão\n${DESCRIPTION}`);
		expect(opened).toContain(occurrences[0].protocol);
	});

	test('SGP: two descriptions too short to say anything: "Máximo de tentativas"', async () => {
		const { customer } = await identifyAs('sgp', 'atendimento', DOCUMENT.maria, 1);
		await customer.say('ok');
		expect(texts(await customer.next())).toEqual(['Escreva em uma mensagem de texto o que aconteceu, por favor.']);
		await customer.say('?');
		expect(texts(await customer.next(2))).toEqual([MAX_ATTEMPTS_MESSAGE, 'Saída: Máximo de tentativas']);
		expect((erp('sgp').simulator as SgpSimulator).openedOccurrences).toHaveLength(0);
	});

	test('controllr: menu of the support categories, the description asked, ticket in the category with the protocol, "Aberto"', async () => {
		const { customer, messages } = await identifyAs('controllr', 'atendimento', DOCUMENT.maria, 1);
		expect(messages[0]).toMatchObject({
			kind: 'choices',
			choices: [
				{ id: 'departamento_2', label: 'Financeiro' },
				{ id: 'departamento_1', label: 'Suporte Técnico' },
			],
		});
		await customer.click('departamento_1', 'Suporte Técnico');
		expect(texts(await customer.next())).toEqual(['Descreva o problema ou a sua solicitação em uma única mensagem, com o máximo de detalhes.']);
		await customer.say(DESCRIPTION);
		const [opened, output] = texts(await customer.next(2, 30_000));
		const { tickets } = erp('controllr').simulator as ControllrSimulator;
		expect(tickets).toHaveLength(1);
		expect(tickets[0].fields).toMatchObject({ client_pk: ERP_CUSTOMER.maria.id, category_pk: '1', ticket_title: 'Sem conexão', ticket_desc: expect.stringContaining(DESCRIPTION) });
		expect(opened).toBe(`Seu atendimento foi aberto com o protocolo ${tickets[0].protocol}. Nossa equipe vai analisar e retornar em breve.`);
		expect(output).toBe('Saída: Aberto');
	});

	test('mksolutions (no department listing): straight to the description, ticket with the credential\'s process and classification, "Aberto"', async () => {
		const { customer, messages } = await identifyAs('mksolutions', 'atendimento', DOCUMENT.maria, 1);
		expect(texts(messages)).toEqual(['Descreva o problema ou a sua solicitação em uma única mensagem, com o máximo de detalhes.']);
		await customer.say(DESCRIPTION);
		const [opened, output] = texts(await customer.next(2, 30_000));
		const { openedTickets } = erp('mksolutions').simulator as MkSolutionsSimulator;
		expect(openedTickets).toHaveLength(1);
		expect(openedTickets[0].params).toMatchObject({ cd_cliente: ERP_CUSTOMER.maria.id, cd_processo: '12', cd_classificacao_ate: '3', cd_contrato: '2001', info: expect.stringContaining(DESCRIPTION) });
		expect(opened).toBe(`Seu atendimento foi aberto com o protocolo ${openedTickets[0].protocol}. Nossa equipe vai analisar e retornar em breve.`);
		expect(output).toBe('Saída: Aberto');
		// MK takes its secrets in the query string: neither the contra-senha nor the session token may reach executions or n8n's files.
		const sessionToken = erp('mksolutions').simulator.requests.find((request) => request.path === '/mk/WSMKNovoAtendimento.rule')?.query.token;
		expect(sessionToken).toMatch(/^[0-9a-f]{32}$/);
		for (const secret of [MKSOLUTIONS_TEST_CREDENTIALS.password, MKSOLUTIONS_TEST_CREDENTIALS.userToken, sessionToken!]) await expectNoTraceOf(secret, flow('mksolutions', 'atendimento').workflowId);
	});

	test('ISPFY: the ticket topics as the department menu (all 12, through the paginated object route), the bare ticket id as protocol, "Aberto"', async () => {
		const { customer, messages } = await identifyAs('ispfy', 'atendimento', DOCUMENT.maria, 1);
		const [menu] = messages;
		expect(menu).toMatchObject({ kind: 'choices', text: 'Para qual setor é o seu atendimento?' });
		const choices = (menu as { choices: Array<{ id: string; label: string }> }).choices;
		expect(choices).toHaveLength(12);
		expect(choices[8]).toEqual({ id: 'departamento_68', label: 'SEM CONEXÃO' });
		await customer.click('departamento_68', 'SEM CONEXÃO');
		expect(texts(await customer.next())).toEqual(['Descreva o problema ou a sua solicitação em uma única mensagem, com o máximo de detalhes.']);
		await customer.say(DESCRIPTION);
		const [opened, output] = texts(await customer.next(2, 30_000));
		const tickets = (erp('ispfy').simulator as IspfySimulator).openedTickets;
		expect(tickets).toEqual([{ id: '42186', customerId: ERP_CUSTOMER.maria.id, topicId: '68', pointId: ERP_CUSTOMER.maria.contracts[0].login.id, request: `Sem conexão\n${DESCRIPTION}` }]);
		expect(opened).toBe('Seu atendimento foi aberto com o protocolo 42186. Nossa equipe vai analisar e retornar em breve.');
		expect(output).toBe('Saída: Aberto');
		// The CPF travels in ISPFY's query strings: the simulator's own log masks it.
		expect((erp('ispfy').simulator as IspfySimulator).accessLog.join('\n')).not.toContain('529.982.247-25');
	});

	test('IXC answers its HTML error page when the ticket is inserted: the error message, then "Erro"', async () => {
		const { customer } = await identifyAs('ixc', 'atendimento', DOCUMENT.maria, 1);
		await customer.click('departamento_2', 'Financeiro');
		await customer.next();
		erp('ixc').simulator.failNext(1, { status: 504, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>504 Gateway Time-out</h1></body></html>' }, (request) =>
			request.path.endsWith('/su_ticket'),
		);
		await customer.say(DESCRIPTION);
		expect(texts(await customer.next(2, 30_000))).toEqual([ERP_COMMON_DEFAULTS.errorMessage, 'Saída: Erro']);
	});
});

/** Every file n8n wrote (database, its WAL, event log, the conversation store, n8n.log), without the installed pack. */
function n8nDataFiles(folder = e2eState().dataDir): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		if (name === 'node_modules' || name === '.cache') return [];
		return statSync(path).isDirectory() ? n8nDataFiles(path) : [path];
	});
}

/**
 * `secret` is in none of the workflow's executions (with their data) and in no file n8n wrote. Control:
 * maria's CPF digits, which the conversation store keeps with her link, are found in those files.
 */
async function expectNoTraceOf(secret: string, workflowId: string): Promise<void> {
	const executions = await waitFor(
		async () => {
			const list = await executionsOf(workflowId);
			return list.length > 0 && list.every((execution) => execution.finished) ? list : undefined;
		},
		30_000,
		'as execuções terminadas',
	);
	for (const { id } of executions) {
		expect(JSON.stringify(await api('GET', `/executions/${id}?includeData=true`))).not.toContain(secret);
	}
	const files = n8nDataFiles();
	expect(files.some((file) => file.endsWith('database.sqlite'))).toBe(true);
	const control = ERP_CUSTOMER.maria.document.replace(/\D/g, '');
	expect(files.some((file) => readFileSync(file).includes(control))).toBe(true);
	for (const file of files) expect({ file, found: readFileSync(file).includes(secret) }).toEqual({ file, found: false });
}

describe('Alterar Senha Wi-Fi', () => {
	const PROMPT =
		'Digite a nova senha do Wi-Fi, com mais de 8 caracteres (letras sem acento, números e símbolos). Confira antes de enviar: ao trocar a senha, todos os aparelhos conectados precisarão da nova senha. Não compartilhe sua senha com ninguém.';
	const NEW_PASSWORD = 'Segredo-E2E-Wifi-7319';

	test('SGP: a short password is refused, a valid one is applied, "Alterada"; the password is nowhere in n8n or the transcript', async () => {
		const { customer, messages } = await identifyAs('sgp', 'wifi', DOCUMENT.maria, 1);
		expect(messages).toEqual([{ kind: 'text', text: PROMPT, secretAnswer: true }]);
		await customer.say('curta123');
		expect(await customer.next()).toEqual([{ kind: 'text', text: 'A senha precisa ter mais de 8 caracteres (a enviada tem 8). Digite outra senha.', secretAnswer: true }]);
		await customer.say(NEW_PASSWORD);
		expect(texts(await customer.next(2, 30_000))).toEqual([
			'Pronto, MARIA SILVA! A senha do Wi-Fi foi alterada. Em alguns instantes o roteador aplica a mudança: conecte novamente seus aparelhos usando a nova senha.',
			'Saída: Alterada',
		]);
		const simulator = erp('sgp').simulator as SgpSimulator;
		const maria = simulator.customers.find((candidate) => candidate.id === ERP_CUSTOMER.maria.id)!;
		expect(maria.contracts[0].wifi.password).toBe(NEW_PASSWORD);

		for (const secret of [NEW_PASSWORD, 'curta123']) {
			await expectNoTraceOf(secret, flow('sgp', 'wifi').workflowId);
			expect(JSON.stringify(await customer.history())).not.toContain(secret);
		}
	});

	test('SGP: two passwords of 8 characters or fewer: "Máximo de tentativas", nothing sent to the ERP', async () => {
		const { customer } = await identifyAs('sgp', 'wifi', DOCUMENT.maria, 1);
		await customer.say('1234');
		await customer.next();
		await customer.say('abcdefgh');
		expect(texts(await customer.next(2))).toEqual([MAX_ATTEMPTS_MESSAGE, 'Saída: Máximo de tentativas']);
		expect(erp('sgp').simulator.requests.some((request) => request.path.includes('cpemanage'))).toBe(false);
	});

	test('SGP fails on the change: the error message, then "Erro"', async () => {
		const { customer } = await identifyAs('sgp', 'wifi', DOCUMENT.maria, 1);
		erp('sgp').simulator.failNext(1, { status: 503, body: 'Service Unavailable' }, (request) => request.path.includes('cpemanage'));
		await customer.say(NEW_PASSWORD);
		expect(texts(await customer.next(2, 30_000))).toEqual([ERP_COMMON_DEFAULTS.errorMessage, 'Saída: Erro']);
		await expectNoTraceOf(NEW_PASSWORD, flow('sgp', 'wifi').workflowId);
	});

	test('IXC, whose API does not change the Wi-Fi password: the error message at once (no CPF asked), "Erro"', async () => {
		const customer = new WebchatCustomer(flow('ixc', 'wifi').url);
		await customer.say('oi');
		expect(texts(await customer.next(2))).toEqual([ERP_COMMON_DEFAULTS.errorMessage, 'Saída: Erro']);
	});
});

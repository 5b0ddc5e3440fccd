// Pesquisa de Satisfação in a real n8n: the card on the WhatsApp simulator (list of scores in
// decrescente order, a typed "6" refused and asked again, a tapped and a typed score, maximum
// attempts, no answer by the deadline) and on the web chat after the Painel do Atendente resolves a
// conversation (Ambos: company then agent, then a free questionnaire). Three web chat conversations
// rated with different agents and teams, then the shipped report template (JSON and HTML) and the
// supervisor's metrics show CSAT with the exact figures. The shipped welcome template rates the
// conversation after "Falar com atendente" once the agent resolves it.
import { readFileSync } from 'fs';
import { join } from 'path';

import { WHATSAPP_TEST_ACCOUNT as ACCOUNT, deliver, listReplyMessage, messagesWebhook, startWhatsAppSimulator, textMessage, verifyWebhook, type WhatsAppSimulator } from '../simulators/whatsapp';
import { activateWorkflow, createCredential, e2eState, templateWithTrigger, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(300_000);

const PREFIX = 'e2e-csat';
const CHAT_PATH = `${PREFIX}-chat`;
const WELCOME_PATH = `${PREFIX}-boas-vindas`;
const PASSWORDS = 'ana: senha-da-ana-1\nbruno: senha-do-bruno-1\ncarla: senha-da-carla-1\n';
/** WhatsApp: the survey gives up after this long without an answer (0.25 min). */
const NO_ANSWER_MS = 15_000;

/** An agent on the Painel, over its HTTP contract (session cookie + CSRF token), as the page does. */
class DeskAgent {
	private cookie = '';
	private csrf = '';
	constructor(private readonly url: string) {}

	async login(login: string, senha: string): Promise<void> {
		const response = await fetch(`${this.url}?r=entrar`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, senha }) });
		expect(response.status).toBe(200);
		this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		this.csrf = String(((await response.json()) as { csrf: string }).csrf);
	}

	async get(r: string, query: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
		const response = await fetch(`${this.url}?${new URLSearchParams({ r, ...query })}`, { headers: { cookie: this.cookie } });
		return { status: response.status, json: (await response.json()) as Record<string, unknown> };
	}

	async post(r: string, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
		const response = await fetch(`${this.url}?r=${r}`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie: this.cookie, 'X-CSRF-Token': this.csrf }, body: JSON.stringify(body) });
		return { status: response.status, json: (await response.json()) as Record<string, unknown> };
	}

	/** The id of the customer's conversation once it is in this agent's Novas. */
	async newConversationOf(session: string): Promise<string> {
		const row = await waitFor(
			async () => ((await this.get('filas')).json.novas as Array<{ id: string; contato: { id: string } }>).find((candidate) => candidate.contato.id === session),
			15_000,
			'a conversa em Novas',
		);
		return row.id;
	}
}

function painelWorkflow(credentialId: string): WorkflowJson {
	return {
		name: 'E2E CSAT painel',
		nodes: [
			testNode(
				1,
				'Painel',
				'painelAtendimento',
				{
					path: `${PREFIX}-painel`,
					company: 'Provedor CSAT',
					teams: { values: [{ name: 'Atendimento' }, { name: 'Financeiro' }] },
					agents: {
						values: [
							{ name: 'Ana', login: 'ana', teams: 'Atendimento', role: 'agente' },
							{ name: 'Bruno', login: 'bruno', teams: 'Financeiro', role: 'agente' },
							{ name: 'Carla', login: 'carla', teams: 'Atendimento', role: 'supervisor' },
						],
					},
					settings: { closeMessage: 'Atendimento encerrado.' },
				},
				{ webhookId: `${PREFIX}-painel-hook`, credentials: { atendimentoPainelApi: { id: credentialId, name: 'Painel CSAT' } } },
			),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** Web chat → Transferir (Painel) → Encerrado pelo atendente → Pesquisa (Ambos) → Pesquisa livre → "Obrigado pela avaliação!". */
function webchatFlow(): WorkflowJson {
	return {
		name: 'E2E CSAT web chat',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path: CHAT_PATH }, { webhookId: `${CHAT_PATH}-hook` }),
			testNode(2, 'Transferir', 'transferirAtendimento', { destination: 'painel', department: 'Atendimento', message: 'Transferindo.' }, { typeVersion: 2 }),
			testNode(3, 'Pesquisa', 'pesquisaSatisfacao', {
				mode: 'rating',
				target: 'ambos',
				question: 'De 1 a 5, como você avalia a empresa?',
				agentQuestion: 'E o atendimento de {{nome_atendente}}?',
			}),
			testNode(4, 'Indicaria', 'pesquisaSatisfacao', {
				mode: 'free',
				questionnaire: 'Indicaria a empresa',
				freeQuestion: 'Você indicaria a empresa a um amigo?',
				options: { values: [{ label: 'Sim' }, { label: 'Não' }, { label: 'Talvez' }] },
				saveAs: 'indicaria',
			}),
			testNode(5, 'Obrigado', 'enviarMensagem', { messageType: 'text', text: 'Obrigado pela avaliação!' }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Transferir', type: 'main', index: 0 }]] },
			Transferir: { main: [[], [{ node: 'Pesquisa', type: 'main', index: 0 }], []] },
			Pesquisa: { main: [[{ node: 'Indicaria', type: 'main', index: 0 }], [], []] },
			Indicaria: { main: [[{ node: 'Obrigado', type: 'main', index: 0 }], [], []] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** WhatsApp → Pesquisa (Empresa, decrescente, 2 tentativas, 15 s) → "Obrigado!" | (the card's own message) | "Sem avaliação.". */
function whatsAppFlow(credentials: Record<string, unknown>): WorkflowJson {
	return {
		name: 'E2E CSAT WhatsApp',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'whatsapp', path: `${PREFIX}-wa` }, { webhookId: `${PREFIX}-wa-hook`, credentials }),
			testNode(2, 'Pesquisa', 'pesquisaSatisfacao', {
				mode: 'rating',
				target: 'empresa',
				question: 'Como você avalia nosso atendimento?',
				order: 'decrescente',
				maxAttempts: 2,
				invalidMessage: 'Não entendi.',
				maxAttemptsMessage: 'Tudo bem, obrigado mesmo assim.',
				timeoutMinutes: NO_ANSWER_MS / 60_000,
			}),
			testNode(3, 'Obrigado', 'enviarMensagem', { messageType: 'text', text: 'Obrigado! Nota {{var.avaliacao}}.' }),
			testNode(4, 'Sem avaliação', 'enviarMensagem', { messageType: 'text', text: 'Sem avaliação.' }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Pesquisa', type: 'main', index: 0 }]] },
			Pesquisa: { main: [[{ node: 'Obrigado', type: 'main', index: 0 }], [], [{ node: 'Sem avaliação', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A copy of the shipped report template on its own path, limited to one channel account. */
function reportCopy(path: string, format: 'html' | 'json', accountId: string): WorkflowJson {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'relatorio.json'), 'utf8')) as WorkflowJson;
	workflow.name = `E2E CSAT relatório ${path}`;
	for (const node of workflow.nodes) {
		const parameters = node.parameters as Record<string, unknown>;
		if (node.type === 'n8n-nodes-base.webhook') {
			parameters.path = path;
			node.webhookId = `${path}-hook`;
		}
		if (node.type === 'n8n-nodes-atendimento.relatorioAtendimento') {
			parameters.outputFormat = format;
			parameters.options = { ...(parameters.options as Record<string, unknown>), accountId };
		}
		if (node.type === 'n8n-nodes-base.respondToWebhook' && format === 'json') node.parameters = { respondWith: 'firstIncomingItem', options: {} };
	}
	return workflow;
}

interface Csat {
	respostas: number;
	csat: number | null;
	media: number | null;
	distribuicao: Array<{ nota: number; total: number }>;
}

interface Satisfaction {
	empresa: Csat;
	porAtendente: Array<{ atendente: string } & Csat>;
	porEquipe: Array<{ equipe: string } & Csat>;
	questionarios: Array<{ questionario: string; respostas: number; opcoes: Array<{ resposta: string; total: number }> }>;
}

/** Counts per score 1…5. */
function distribution(...totals: number[]): Array<{ nota: number; total: number }> {
	return totals.map((total, index) => ({ nota: index + 1, total }));
}

let simulator: WhatsAppSimulator;
let baseUrl: string;
let whatsAppUrl: string;
let deskUrl: string;

beforeAll(async () => {
	baseUrl = e2eState().baseUrl;
	simulator = await startWhatsAppSimulator();
	const whatsApp = await whatsAppSimulatorCredential(simulator.url, 'WhatsApp CSAT');
	const painelCredential = await createCredential('Painel CSAT', 'atendimentoPainelApi', { senhasIniciais: PASSWORDS });
	await activateWorkflow(painelWorkflow(painelCredential));
	await activateWorkflow(webchatFlow());
	await activateWorkflow(whatsAppFlow(whatsApp));
	await activateWorkflow(reportCopy(`${PREFIX}-relatorio-chat`, 'json', CHAT_PATH));
	await activateWorkflow(reportCopy(`${PREFIX}-relatorio-chat-html`, 'html', CHAT_PATH));
	await activateWorkflow(reportCopy(`${PREFIX}-relatorio-wa`, 'json', ACCOUNT.phoneNumberId));
	await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E CSAT boas-vindas', { path: WELCOME_PATH }));
	await activateWorkflow(reportCopy(`${PREFIX}-relatorio-boas-vindas`, 'json', WELCOME_PATH));
	deskUrl = `${baseUrl}/webhook/${PREFIX}-painel`;
	whatsAppUrl = `${baseUrl}/webhook/${PREFIX}-wa`;
	await waitFor(async () => ((await fetch(deskUrl)).ok ? true : undefined), 30_000, 'o Painel');
	for (const path of [CHAT_PATH, WELCOME_PATH]) await waitFor(async () => ((await fetch(`${baseUrl}/webhook/${path}`)).ok ? true : undefined), 30_000, `o web chat ${path}`);
	await waitFor(async () => ((await verifyWebhook(whatsAppUrl, ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook do WhatsApp');
});

afterAll(async () => {
	await simulator?.close();
});

async function report(path: string): Promise<{ satisfacao: Satisfaction }> {
	const response = await fetch(`${baseUrl}/webhook/${path}`);
	expect(response.status).toBe(200);
	return (await response.json()) as { satisfacao: Satisfaction };
}

/** Messages the bot sent to `waId`, once there are `count`. */
async function sentTo(waId: string, count: number, timeoutMs = 15_000) {
	return await waitFor(async () => {
		const sent = simulator.sent.filter((message) => message.to === waId);
		return sent.length >= count ? sent : undefined;
	}, timeoutMs, `${count} mensagens para ${waId}`);
}

const bodyText = (message: { body: Record<string, unknown> }) => (message.body.text as { body: string } | undefined)?.body;

test('WhatsApp: the scores as a list (5 to 1); "6" is refused and asked again; a tap or a typed number counts; max attempts; no answer', async () => {
	const tapped = '5511987652001';
	await deliver(whatsAppUrl, messagesWebhook(textMessage('oi', { from: tapped })), ACCOUNT.appSecret);
	const [question] = await sentTo(tapped, 1, 20_000);
	expect(question.body).toMatchObject({ type: 'interactive', interactive: { type: 'list', body: { text: 'Como você avalia nosso atendimento?' } } });
	const rows = (question.body.interactive as { action: { sections: Array<{ rows: Array<{ id: string; title: string }> }> } }).action.sections.flatMap((section) => section.rows);
	expect(rows.map((row) => [row.id, row.title])).toEqual([
		['nota_5', '5 - Muito satisfeito'],
		['nota_4', '4 - Satisfeito'],
		['nota_3', '3 - Regular'],
		['nota_2', '2 - Insatisfeito'],
		['nota_1', '1 - Muito insatisfeito'],
	]);
	await deliver(whatsAppUrl, messagesWebhook(textMessage('6', { from: tapped })), ACCOUNT.appSecret);
	const [, refused, again] = await sentTo(tapped, 3);
	expect(bodyText(refused)).toBe('Não entendi.\nA nota vai de 1 a 5.');
	expect(again.body).toMatchObject({ type: 'interactive', interactive: { type: 'list', body: { text: 'Como você avalia nosso atendimento?' } } });
	await deliver(whatsAppUrl, messagesWebhook(listReplyMessage('nota_4', '4 - Satisfeito', tapped, { from: tapped })), ACCOUNT.appSecret);
	expect(bodyText((await sentTo(tapped, 4))[3])).toBe('Obrigado! Nota 4.');

	const typed = '5511987652002';
	await deliver(whatsAppUrl, messagesWebhook(textMessage('oi', { from: typed })), ACCOUNT.appSecret);
	await sentTo(typed, 1, 20_000);
	await deliver(whatsAppUrl, messagesWebhook(textMessage('5', { from: typed })), ACCOUNT.appSecret);
	expect(bodyText((await sentTo(typed, 2))[1])).toBe('Obrigado! Nota 5.');

	const lost = '5511987652003';
	await deliver(whatsAppUrl, messagesWebhook(textMessage('oi', { from: lost })), ACCOUNT.appSecret);
	await sentTo(lost, 1, 20_000);
	await deliver(whatsAppUrl, messagesWebhook(textMessage('9', { from: lost })), ACCOUNT.appSecret);
	await sentTo(lost, 3);
	await deliver(whatsAppUrl, messagesWebhook(textMessage('não sei', { from: lost })), ACCOUNT.appSecret);
	const afterMax = await sentTo(lost, 4);
	expect(bodyText(afterMax[3])).toBe('Tudo bem, obrigado mesmo assim.');

	const silent = '5511987652004';
	await deliver(whatsAppUrl, messagesWebhook(textMessage('oi', { from: silent })), ACCOUNT.appSecret);
	await sentTo(silent, 1, 20_000);
	expect(bodyText((await sentTo(silent, 2, NO_ANSWER_MS + 20_000))[1])).toBe('Sem avaliação.');

	// Only the two answered surveys count: 4 and 5 → CSAT 100%, average 4.5.
	const whatsAppReport = await waitFor(async () => {
		const current = await report(`${PREFIX}-relatorio-wa`);
		return current.satisfacao.empresa.respostas >= 2 ? current : undefined;
	}, 15_000, 'as avaliações do WhatsApp no relatório');
	expect(whatsAppReport.satisfacao.empresa).toEqual({ respostas: 2, csat: 100, media: 4.5, distribuicao: distribution(0, 0, 0, 1, 1) });
	expect(whatsAppReport.satisfacao.porAtendente).toEqual([]);
});

test('web chat after the Painel: three conversations rated (Ambos) with different agents and teams; the report and the supervisor show CSAT', async () => {
	const ana = new DeskAgent(deskUrl);
	const bruno = new DeskAgent(deskUrl);
	const carla = new DeskAgent(deskUrl);
	await ana.login('ana', 'senha-da-ana-1');
	await bruno.login('bruno', 'senha-do-bruno-1');
	await carla.login('carla', 'senha-da-carla-1');

	/** A customer transferred, handled by `handle`, resolved by `resolver`; then he rates. */
	async function ratedConversation(
		handle: (id: string) => Promise<DeskAgent>,
		answers: { company: (customer: WebchatCustomer) => Promise<unknown>; agent: (customer: WebchatCustomer) => Promise<unknown>; recommend: string },
		agentName: string,
	): Promise<void> {
		const customer = new WebchatCustomer(`${baseUrl}/webhook/${CHAT_PATH}`);
		await customer.say('quero falar com alguém');
		expect(WebchatCustomer.texts(await customer.next(1, 20_000))).toEqual(['Transferindo.']);
		const id = await ana.newConversationOf(customer.session);
		const resolver = await handle(id);
		expect((await resolver.post('resolver', { conversa: id })).json).toMatchObject({ ok: true, resultado: 'resumed' });
		const [closing, question] = await customer.next(2, 20_000);
		expect(closing).toEqual({ kind: 'text', text: 'Atendimento encerrado.' });
		expect(question).toMatchObject({ kind: 'choices', text: 'De 1 a 5, como você avalia a empresa?' });
		expect((question as { choices: Array<{ id: string }> }).choices.map((choice) => choice.id)).toEqual(['nota_1', 'nota_2', 'nota_3', 'nota_4', 'nota_5']);
		await answers.company(customer);
		const [agentQuestion] = await customer.next(1, 20_000);
		expect(agentQuestion).toMatchObject({ kind: 'choices', text: `E o atendimento de ${agentName}?` });
		await answers.agent(customer);
		expect(await customer.next(1, 20_000)).toEqual([
			expect.objectContaining({ kind: 'choices', text: 'Você indicaria a empresa a um amigo?' }),
		]);
		await customer.say(answers.recommend);
		expect(WebchatCustomer.texts(await customer.next(1, 20_000))).toEqual(['Obrigado pela avaliação!']);
	}

	// 1: Ana (Atendimento). The company score is first typed out of range, refused and asked again.
	await ratedConversation(
		async (id) => {
			expect((await ana.post('assumir', { conversa: id })).status).toBe(200);
			return ana;
		},
		{
			company: async (customer) => {
				await customer.say('6');
				expect(await customer.next(2)).toEqual([
					{ kind: 'text', text: 'Não entendi sua resposta.\nA nota vai de 1 a 5.' },
					expect.objectContaining({ kind: 'choices', text: 'De 1 a 5, como você avalia a empresa?' }),
				]);
				await customer.say('5');
			},
			agent: async (customer) => await customer.click('nota_4', '4 - Satisfeito'),
			recommend: 'Sim',
		},
		'ana',
	);
	// 2: forwarded to Financeiro, Bruno resolves.
	await ratedConversation(
		async (id) => {
			expect((await ana.post('encaminhar', { conversa: id, equipe: 'Financeiro' })).status).toBe(200);
			await waitFor(async () => ((await bruno.get('filas')).json.novas as Array<{ id: string }>).some((row) => row.id === id) || undefined, 10_000, 'a conversa com o Bruno');
			expect((await bruno.post('assumir', { conversa: id })).status).toBe(200);
			return bruno;
		},
		{ company: async (customer) => await customer.click('nota_3', '3 - Regular'), agent: async (customer) => await customer.say('5'), recommend: '1' },
		'bruno',
	);
	// 3: Ana again.
	await ratedConversation(
		async (id) => {
			expect((await ana.post('assumir', { conversa: id })).status).toBe(200);
			return ana;
		},
		{ company: async (customer) => await customer.say('2'), agent: async (customer) => await customer.say('1'), recommend: 'não' },
		'ana',
	);

	// Company: 5, 3, 2 → one of three in 4–5 = 33.3%, average 3.33. Ana: 4, 1 → 50%, 2.5. Bruno: 5 → 100%, 5.
	const { satisfacao } = await waitFor(async () => {
		const current = await report(`${PREFIX}-relatorio-chat`);
		return current.satisfacao.questionarios[0]?.respostas === 3 ? current : undefined;
	}, 15_000, 'as três avaliações no relatório');
	expect(satisfacao).toEqual({
		empresa: { respostas: 3, csat: 33.3, media: 3.33, distribuicao: distribution(0, 1, 1, 0, 1) },
		porAtendente: [
			{ atendente: 'ana', respostas: 2, csat: 50, media: 2.5, distribuicao: distribution(1, 0, 0, 1, 0) },
			{ atendente: 'bruno', respostas: 1, csat: 100, media: 5, distribuicao: distribution(0, 0, 0, 0, 1) },
		],
		porEquipe: [
			{ equipe: 'Atendimento', respostas: 2, csat: 50, media: 2.5, distribuicao: distribution(1, 0, 0, 1, 0) },
			{ equipe: 'Financeiro', respostas: 1, csat: 100, media: 5, distribuicao: distribution(0, 0, 0, 0, 1) },
		],
		questionarios: [{ questionario: 'Indicaria a empresa', respostas: 3, opcoes: [{ resposta: 'Sim', total: 2 }, { resposta: 'Não', total: 1 }] }],
	});

	const page = await (await fetch(`${baseUrl}/webhook/${PREFIX}-relatorio-chat-html`)).text();
	const summary = (label: string) => new RegExp(`<div class="valor">([^<]*)</div><div class="rotulo">${label}</div>`).exec(page)?.[1];
	expect(summary('CSAT da empresa')).toBe('33,3%');
	expect(summary('Média da empresa')).toBe('3,33');
	expect(page).toContain('CSAT = respostas com nota 4 ou 5 ÷ total de respostas × 100 (escala de 1 a 5).');
	expect(page).toContain('<tr><th scope="row">ana</th><td>2</td><td>50%</td><td>2,50</td><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>');
	expect(page).toContain('<h3>Indicaria a empresa (3)</h3>');

	// The supervisor's metrics (Painel, last 7 days): CSAT per agent and team from the agents' ratings.
	expect((await ana.get('metricas')).status).toBe(403);
	const metrics = (await carla.get('metricas')).json as { porAtendente: Array<Record<string, unknown>>; porEquipe: Array<Record<string, unknown>> };
	expect(metrics.porAtendente.find((row) => row.login === 'ana')).toMatchObject({ csat: 50, csatRespostas: 2, csatMedia: 2.5 });
	expect(metrics.porAtendente.find((row) => row.login === 'bruno')).toMatchObject({ csat: 100, csatRespostas: 1, csatMedia: 5 });
	expect(metrics.porAtendente.find((row) => row.login === 'carla')).not.toHaveProperty('csat');
	expect(metrics.porEquipe.find((row) => row.equipe === 'Atendimento')).toMatchObject({ csat: 50, csatRespostas: 2 });
	expect(metrics.porEquipe.find((row) => row.equipe === 'Financeiro')).toMatchObject({ csat: 100, csatRespostas: 1 });
});

test('the shipped welcome template: after "Falar com atendente" and the agent resolving it, the customer rates the company and the agent', async () => {
	const ana = new DeskAgent(deskUrl);
	await ana.login('ana', 'senha-da-ana-1');
	const customer = new WebchatCustomer(`${baseUrl}/webhook/${WELCOME_PATH}`);
	await customer.say('oi');
	await customer.next(2, 20_000);
	await customer.click('opcao_4', 'Falar com atendente');
	expect(WebchatCustomer.texts(await customer.next(1, 20_000))[0]).toMatch(/^Certo! Um atendente vai continuar/);
	const id = await ana.newConversationOf(customer.session);
	expect((await ana.post('assumir', { conversa: id })).status).toBe(200);
	expect((await ana.post('resolver', { conversa: id })).json).toMatchObject({ ok: true, resultado: 'resumed' });
	expect(await customer.next(2, 20_000)).toEqual([
		{ kind: 'text', text: 'Atendimento encerrado.' },
		expect.objectContaining({ kind: 'choices', text: 'De 1 a 5, como você avalia o atendimento da Provedor Exemplo?' }),
	]);
	await customer.click('nota_4', '4 - Satisfeito');
	expect(await customer.next(1, 20_000)).toEqual([expect.objectContaining({ kind: 'choices', text: 'E de 1 a 5, como foi o atendimento de ana?' })]);
	await customer.say('5');
	expect(WebchatCustomer.texts(await customer.next(1, 20_000))).toEqual(['Obrigado pela sua avaliação!']);

	const { satisfacao } = await waitFor(async () => {
		const current = await report(`${PREFIX}-relatorio-boas-vindas`);
		return current.satisfacao.porAtendente.length > 0 ? current : undefined;
	}, 15_000, 'a avaliação no relatório');
	expect(satisfacao.empresa).toEqual({ respostas: 1, csat: 100, media: 4, distribuicao: distribution(0, 0, 0, 1, 0) });
	expect(satisfacao.porAtendente).toEqual([{ atendente: 'ana', respostas: 1, csat: 100, media: 5, distribuicao: distribution(0, 0, 0, 0, 1) }]);
	expect(satisfacao.porEquipe).toEqual([{ equipe: 'Atendimento', respostas: 1, csat: 100, media: 5, distribuicao: distribution(0, 0, 0, 0, 1) }]);
	// The flow ended after the survey: the next message opens a new atendimento with the menu.
	await customer.say('oi de novo');
	expect(WebchatCustomer.texts(await customer.next(2, 20_000))[0]).toMatch(/Seu protocolo é/);
});

// The Agente Virtual (IA) card in a real n8n, with n8n's own "OpenAI Chat Model" sub-node (connection
// ai_languageModel, Responses API on, as the node's default) pointed at the OpenAI simulator; and
// Identificar Intenção with the same sub-node instead of its credential.
import { OPENAI_TEST_ACCOUNT, startOpenAiSimulator, type ChatCompletionCall, type OpenAiSimulator } from '../simulators/openai';
import { WHATSAPP_TEST_ACCOUNT, deliver, messagesWebhook, startWhatsAppSimulator, textMessage, verifyWebhook, type WhatsAppSimulator } from '../simulators/whatsapp';
import { activateWorkflow, api, createCredential, e2eState, executionsOf, testNode, waitFor, whatsAppSimulatorCredential, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const GREETING = 'Olá! Sou o assistente virtual. Pergunte o que quiser; digite menu para voltar.';
const FALLBACK = 'Desculpe, não consegui responder agora. Vou te encaminhar.';
const COMPANY_INFO = 'Plano 300 Mega: R$ 99,90 por mês. Instalação gratuita em até 5 dias úteis.';
const OUTPUTS = ['Menu', 'Transferir', 'Máximo', 'Sem resposta', 'Erro'];

let openai: OpenAiSimulator;
let whatsapp: WhatsAppSimulator;
let openAiCredential: Record<string, unknown>;
let webchatFlow: { id: string; url: string };

/** n8n's OpenAI Chat Model v1.3 with the simulator's credential; the Responses API on (its default). */
function chatModelNode(index: number): Record<string, unknown> {
	return testNode(
		index,
		'OpenAI Chat Model',
		'@n8n/n8n-nodes-langchain.lmChatOpenAi',
		{ model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, responsesApiEnabled: true, options: { maxRetries: 0 } },
		{ typeVersion: 1.3, credentials: openAiCredential },
	);
}

/** Início → Agente Virtual (+ OpenAI Chat Model) → Menu / Transferir / Máximo / Sem resposta / Erro. */
function agentFlow(name: string, trigger: Record<string, unknown>, triggerExtra: Record<string, unknown> = {}, agent: Record<string, unknown> = {}): WorkflowJson {
	return {
		name,
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { companyName: 'Provedor Exemplo', ...trigger }, { webhookId: `${String(trigger.path)}-hook`, ...triggerExtra }),
			testNode(2, 'Agente Virtual', 'agenteVirtual', {
				greeting: GREETING,
				companyInfo: COMPANY_INFO,
				exits: { values: [{ name: 'Menu', words: 'menu, voltar' }] },
				handoffWords: 'atendente, falar com uma pessoa',
				maxTurns: 5,
				fallbackMessage: FALLBACK,
				modelTimeoutSeconds: 3,
				...agent,
			}),
			chatModelNode(3),
			testNode(4, 'Menu', 'enviarMensagem', { text: 'Voltando ao menu.' }),
			testNode(5, 'Transferir', 'transferirAtendimento', { department: 'Suporte', attendant: 'Ana', message: 'Transferindo para um atendente.', inactivityMinutes: 30 }),
			testNode(6, 'Máximo', 'encerrarAtendimento', { finalMessage: 'Limite de perguntas atingido.' }),
			testNode(7, 'Sem resposta', 'encerrarAtendimento', { finalMessage: 'Atendimento encerrado por falta de resposta.' }),
			testNode(8, 'Erro', 'enviarMensagem', { text: 'Erro registrado.' }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Agente Virtual', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'Agente Virtual', type: 'ai_languageModel', index: 0 }]] },
			'Agente Virtual': { main: OUTPUTS.map((output) => [{ node: output, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function activate(workflow: WorkflowJson, path: string): Promise<{ id: string; url: string }> {
	const id = await activateWorkflow(workflow);
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	return { id, url };
}

type RunData = Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;

async function executionIds(workflowId: string): Promise<Set<string>> {
	return new Set((await executionsOf(workflowId)).map((execution) => execution.id));
}

/** The items `nodeName` routed, by output, in the newest execution started since `before` once it finished. */
/**
 * The outputs of `nodeName` in the finished execution (started after `before`) in which the card took
 * `customerText`: other conversations of earlier tests may finish meanwhile, so the newest one is not enough.
 */
async function cardOutputs(workflowId: string, before: Set<string>, nodeName: string, customerText: string): Promise<Array<Array<Record<string, unknown>>>> {
	return await waitFor(
		async () => {
			const finished = (await executionsOf(workflowId)).filter((execution) => execution.finished && !before.has(execution.id));
			for (const candidate of finished.sort((a, b) => Number(b.id) - Number(a.id))) {
				const execution = await api<{ data: { resultData: { runData: RunData } } }>('GET', `/executions/${candidate.id}?includeData=true`);
				const main = execution.data.resultData.runData[nodeName]?.at(-1)?.data?.main;
				const outputs = (main ?? []).map((items) => (items ?? []).map((item) => item.json));
				if (outputs.some((items) => items.some((json) => json.textoOriginal === customerText))) return outputs;
			}
			return undefined;
		},
		20_000,
		`a execução em que o card recebeu "${customerText}" terminar`,
	);
}

async function customerAtGreeting(url: string): Promise<WebchatCustomer> {
	const customer = new WebchatCustomer(url);
	await customer.say('oi');
	expect(WebchatCustomer.texts(await customer.next())).toEqual([GREETING]);
	return customer;
}

/** The answers the scripted "model" gives, by the customer's last text. */
function scriptedAnswers(call: ChatCompletionCall) {
	if (/instala/.test(call.text)) return { content: 'A instalação é gratuita e leva até 5 dias úteis.' };
	if (/complicad/.test(call.text)) return { content: '[TRANSFERIR]' };
	return { content: 'O plano de 300 Mega custa R$ 99,90 por mês.' };
}

beforeAll(async () => {
	openai = await startOpenAiSimulator();
	whatsapp = await startWhatsAppSimulator();
	const id = await createCredential('OpenAI simulada', 'openAiApi', { apiKey: OPENAI_TEST_ACCOUNT.apiKey, url: `${openai.url}/v1` });
	openAiCredential = { openAiApi: { id, name: 'OpenAI simulada' } };
	webchatFlow = await activate(agentFlow('E2E agente virtual', { channel: 'webchat', path: 'e2e-agente' }), 'e2e-agente');
});

beforeEach(() => {
	openai.reset();
	openai.responder = scriptedAnswers;
});

afterAll(async () => {
	await openai.close();
	await whatsapp.close();
});

test('two turns answered by the OpenAI Chat Model sub-node; the second request carries the first turn; "menu" goes out through Saída escolhida', async () => {
	const before = await executionIds(webchatFlow.id);
	const customer = await customerAtGreeting(webchatFlow.url);
	await customer.say('quanto custa o plano de 300 mega?');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['O plano de 300 Mega custa R$ 99,90 por mês.']);
	await customer.say('e a instalação?');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['A instalação é gratuita e leva até 5 dias úteis.']);

	expect(openai.completions.map((call) => call.endpoint)).toEqual(['responses', 'responses']);
	expect(openai.requests[0].headers.authorization).toBe(`Bearer ${OPENAI_TEST_ACCOUNT.apiKey}`);
	const [first, second] = openai.completions;
	expect(first.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining(COMPANY_INFO) });
	expect(first.messages.slice(1)).toEqual([
		{ role: 'assistant', content: GREETING },
		{ role: 'user', content: 'quanto custa o plano de 300 mega?' },
	]);
	expect(second.messages.slice(1)).toEqual([
		{ role: 'assistant', content: GREETING },
		{ role: 'user', content: 'quanto custa o plano de 300 mega?' },
		{ role: 'assistant', content: 'O plano de 300 Mega custa R$ 99,90 por mês.' },
		{ role: 'user', content: 'e a instalação?' },
	]);

	await customer.say('menu');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Voltando ao menu.']);
	expect(openai.completions).toHaveLength(2);
	const outputs = await cardOutputs(webchatFlow.id, before, 'Agente Virtual', 'menu');
	expect(outputs[0]).toEqual([expect.objectContaining({ saida: 'Menu', resposta: 'Menu', textoOriginal: 'menu', interacoes: 2 })]);
});

test('CPF, e-mail and phone are masked before the request leaves n8n', async () => {
	const customer = await customerAtGreeting(webchatFlow.url);
	await customer.say('meu cpf é 529.982.247-25, email joao.silva@exemplo.com.br e celular (11) 98765-4321: quanto custa?');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['O plano de 300 Mega custa R$ 99,90 por mês.']);
	expect(openai.completions[0].text).toBe('meu cpf é 529.***.***-25, email [e-mail] e celular [telefone]: quanto custa?');
	const raw = openai.requests.map((request) => request.rawBody.toString('utf8')).join('\n');
	expect(raw).not.toContain('529.982.247-25');
	expect(raw).not.toContain('joao.silva@exemplo.com.br');
	expect(raw).not.toContain('98765-4321');
});

test('"quero falar com um atendente" goes out through Transferir without asking the model; the model can hand over too', async () => {
	const before = await executionIds(webchatFlow.id);
	const customer = await customerAtGreeting(webchatFlow.url);
	await customer.say('quero falar com um atendente');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Transferindo para um atendente.']);
	expect(openai.requests).toHaveLength(0);
	const outputs = await cardOutputs(webchatFlow.id, before, 'Agente Virtual', 'quero falar com um atendente');
	expect(outputs[1]).toEqual([expect.objectContaining({ transferir: true, motivo: 'pedido_do_cliente', textoOriginal: 'quero falar com um atendente' })]);

	const byModel = await customerAtGreeting(webchatFlow.url);
	await byModel.say('tenho um problema complicado com meu contrato');
	expect(WebchatCustomer.texts(await byModel.next())).toEqual(['Transferindo para um atendente.']);
	expect(openai.completions).toHaveLength(1);
});

test('a model error (500) or a model that does not answer in time: the fallback message and the Erro output', async () => {
	const before = await executionIds(webchatFlow.id);
	const customer = await customerAtGreeting(webchatFlow.url);
	openai.errorNext(1, 500);
	await customer.say('quanto custa?');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual([FALLBACK, 'Erro registrado.']);
	expect(openai.requests.map((request) => request.path)).toEqual(['/v1/responses']);
	const outputs = await cardOutputs(webchatFlow.id, before, 'Agente Virtual', 'quanto custa?');
	expect(outputs[4]).toEqual([expect.objectContaining({ erro: expect.stringMatching(/500/), textoOriginal: 'quanto custa?' })]);

	const slow = await customerAtGreeting(webchatFlow.url);
	openai.hangNext(1);
	await slow.say('e a instalação?');
	expect(WebchatCustomer.texts(await slow.next(2, 20_000))).toEqual([FALLBACK, 'Erro registrado.']);
});

test('the turn limit goes out through Máximo de interações; a customer who goes quiet, through Sem resposta', async () => {
	const limited = await activate(
		agentFlow('E2E agente virtual limite', { channel: 'webchat', path: 'e2e-agente-limite' }, {}, { maxTurns: 1, maxTurnsMessage: 'Chegamos ao limite de perguntas.', timeoutMinutes: 0.03 }),
		'e2e-agente-limite',
	);
	const customer = await customerAtGreeting(limited.url);
	await customer.say('quanto custa?');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['O plano de 300 Mega custa R$ 99,90 por mês.']);
	await customer.say('e a instalação?');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual(['Chegamos ao limite de perguntas.', 'Limite de perguntas atingido.']);
	expect(openai.completions).toHaveLength(1);

	const quiet = await customerAtGreeting(limited.url);
	expect(WebchatCustomer.texts(await quiet.next(1, 20_000))).toEqual(['Atendimento encerrado por falta de resposta.']);
});

test('on WhatsApp (simulator): the greeting and an answer reach the customer', async () => {
	const credentials = await whatsAppSimulatorCredential(whatsapp.url, 'WhatsApp simulador agente');
	const path = 'e2e-agente-whatsapp';
	await activateWorkflow(agentFlow('E2E agente virtual WhatsApp', { channel: 'whatsapp', path }, { credentials }));
	const url = `${e2eState().baseUrl}/webhook/${path}`;
	await waitFor(async () => ((await verifyWebhook(url, WHATSAPP_TEST_ACCOUNT.verifyToken, '1')).status === 200 ? true : undefined), 30_000, 'o webhook');
	const waId = '5511987650777';
	const textsTo = async (count: number) =>
		await waitFor(async () => {
			const texts = whatsapp.sent.filter((message) => message.to === waId && message.type === 'text').map((message) => (message.body as { text: { body: string } }).text.body);
			return texts.length >= count ? texts : undefined;
		}, 20_000, `${count} mensagens para ${waId}`);
	await deliver(url, messagesWebhook(textMessage('oi', { from: waId })), WHATSAPP_TEST_ACCOUNT.appSecret);
	expect(await textsTo(1)).toEqual([GREETING]);
	await deliver(url, messagesWebhook(textMessage('qual o valor do plano?', { from: waId })), WHATSAPP_TEST_ACCOUNT.appSecret);
	expect(await textsTo(2)).toEqual([GREETING, 'O plano de 300 Mega custa R$ 99,90 por mês.']);
	expect(openai.completions.at(-1)).toMatchObject({ endpoint: 'responses', text: 'qual o valor do plano?' });
});

test('a tool sub-node (n8n\'s Calculator) connected on ai_tool: the model calls it, the card runs it and the model answers with its result', async () => {
	const path = 'e2e-agente-ferramenta';
	const workflow = agentFlow('E2E agente virtual com ferramenta', { channel: 'webchat', path });
	workflow.nodes.push(testNode(9, 'Calculadora', '@n8n/n8n-nodes-langchain.toolCalculator', {}));
	(workflow.connections as Record<string, unknown>).Calculadora = { ai_tool: [[{ node: 'Agente Virtual', type: 'ai_tool', index: 0 }]] };
	const flow = await activate(workflow, path);
	openai.responder = (call) => {
		const toolOutput = call.messages.find((message) => message.role === 'tool');
		if (toolOutput) return { content: `Três meses saem por R$ ${toolOutput.content}.` };
		return { toolCalls: [{ name: 'Calculadora', arguments: { input: '3 * 100' } }] };
	};
	const customer = await customerAtGreeting(flow.url);
	await customer.say('quanto pago por três meses do plano de 300 mega?');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Três meses saem por R$ 300.']);
	expect(openai.completions).toHaveLength(2);
	expect(openai.completions[0].tools).toEqual(['Calculadora']);
	expect(openai.completions[1].messages.slice(-2)).toEqual([
		{ role: 'assistant', content: '[function_call Calculadora {"input":"3 * 100"}]' },
		{ role: 'tool', content: '300' },
	]);
});

test('Identificar Intenção with the OpenAI Chat Model sub-node (no credential): the model routes; a 500 falls back to keywords', async () => {
	const path = 'e2e-intencao-subno';
	const outputs = ['Financeiro', 'Suporte', 'Comercial', 'Máximo', 'Sem resposta'];
	const flow = await activate(
		{
			name: 'E2E intenção com sub-nó',
			nodes: [
				testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path }, { webhookId: `${path}-hook` }),
				testNode(2, 'Identificar Intenção', 'identificarIntencao', {
					question: 'Como podemos ajudar?',
					intents: {
						values: [
							{ name: 'Financeiro', keywords: 'boleto, fatura' },
							{ name: 'Suporte', keywords: 'sem internet, internet caiu' },
							{ name: 'Comercial', keywords: 'planos, contratar' },
						],
					},
				}),
				chatModelNode(3),
				...outputs.map((output, index) => testNode(4 + index, output, 'enviarMensagem', { text: `${output}: {{var.intencao}}` })),
			],
			connections: {
				'Início do Atendimento': { main: [[{ node: 'Identificar Intenção', type: 'main', index: 0 }]] },
				'OpenAI Chat Model': { ai_languageModel: [[{ node: 'Identificar Intenção', type: 'ai_languageModel', index: 0 }]] },
				'Identificar Intenção': { main: outputs.map((output) => [{ node: output, type: 'main', index: 0 }]) },
			},
			settings: { executionOrder: 'v1' },
		},
		path,
	);
	openai.responder = () => ({ content: '{"intent":"Comercial","secondary_intents":[],"confidence":0.8}' });
	const customer = new WebchatCustomer(flow.url);
	await customer.say('oi');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Como podemos ajudar?']);
	await customer.say('quero trocar meu pacote');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Comercial: Comercial']);
	expect(openai.completions).toHaveLength(1);
	expect(openai.completions[0]).toMatchObject({ endpoint: 'responses', text: 'quero trocar meu pacote' });
	expect(openai.completions[0].messages[0].content).toContain('- "Suporte"');

	const second = new WebchatCustomer(flow.url);
	await second.say('oi');
	await second.next();
	openai.errorNext(1, 500);
	await second.say('preciso do boleto');
	expect(WebchatCustomer.texts(await second.next())).toEqual(['Financeiro: Financeiro']);
});

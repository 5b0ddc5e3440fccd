// The Identificar Intenção card in a real n8n, on the web chat: classified by an OpenAI-compatible
// model (the local simulator) through the card's credential, and by keywords without one.
import { keywordResponder, OPENAI_TEST_ACCOUNT, startOpenAiSimulator, type OpenAiSimulator } from '../simulators/openai';
import { activateWorkflow, api, createCredential, e2eState, executionsOf, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const QUESTION = 'Olá! Conte em poucas palavras como podemos ajudar.';
const NOT_UNDERSTOOD = 'Desculpe, não entendi. Pode me explicar de outro jeito?';
const AFTER_MAX = 'Não consegui entender. Vou te passar para um atendente.';

let openai: OpenAiSimulator;
let modelFlow: { id: string; url: string };
let offlineFlow: { id: string; url: string };

/**
 * Início → Identificar Intenção → one message per output ("Financeiro: <var.intencao>", …,
 * "Máximo", "Sem resposta"), each the last card of the flow.
 */
function intentFlow(name: string, path: string, credentials?: Record<string, unknown>, timeoutMinutes = 0): WorkflowJson {
	const outputs = ['Financeiro', 'Suporte', 'Comercial', 'Máximo', 'Sem resposta'];
	return {
		name,
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path, companyName: 'Provedor Exemplo' }, { webhookId: `${path}-hook` }),
			testNode(
				2,
				'Identificar Intenção',
				'identificarIntencao',
				{
					question: QUESTION,
					intents: {
						values: [
							{ name: 'Financeiro', description: 'Boletos, segunda via, faturas e pagamentos', keywords: 'boleto, segunda via, fatura, pagamento, pix' },
							{ name: 'Suporte', description: 'Internet sem funcionar, lenta ou caindo', keywords: 'sem internet, internet caiu, internet lenta, sem sinal, roteador' },
							{ name: 'Comercial', description: 'Contratar ou mudar de plano', keywords: 'contratar, planos, mudar de plano' },
						],
					},
					maxAttempts: 3,
					maxAttemptsMessage: AFTER_MAX,
					timeoutMinutes,
				},
				credentials ? { credentials } : {},
			),
			...outputs.map((output, index) => testNode(3 + index, output, 'enviarMensagem', { text: ['Máximo', 'Sem resposta'].includes(output) ? output : `${output}: {{var.intencao}}` })),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Identificar Intenção', type: 'main', index: 0 }]] },
			'Identificar Intenção': { main: outputs.map((output) => [{ node: output, type: 'main', index: 0 }]) },
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

/** A customer who has said "oi" and received the card's question. */
async function customerAtQuestion(url: string): Promise<WebchatCustomer> {
	const customer = new WebchatCustomer(url);
	await customer.say('oi');
	expect(WebchatCustomer.texts(await customer.next())).toEqual([QUESTION]);
	return customer;
}

type RunData = Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;

/** Ids of a workflow's executions so far, to tell the ones a test starts afterwards. */
async function executionIds(workflowId: string): Promise<Set<string>> {
	return new Set((await executionsOf(workflowId)).map((execution) => execution.id));
}

/**
 * The items the card routed, by output index, in the newest of the `count` executions started since
 * `before` once they have all finished.
 */
async function cardOutputs(workflowId: string, before: Set<string>, count = 1): Promise<Array<Array<Record<string, unknown>>>> {
	const fresh = await waitFor(
		async () => {
			const finished = (await executionsOf(workflowId)).filter((execution) => execution.finished && !before.has(execution.id));
			return finished.length >= count ? finished : undefined;
		},
		20_000,
		`${count} execução(ões) terminarem`,
	);
	const newest = fresh.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
	const execution = await api<{ data: { resultData: { runData: RunData } } }>('GET', `/executions/${newest.id}?includeData=true`);
	const main = execution.data.resultData.runData['Identificar Intenção'].at(-1)!.data!.main;
	return main.map((items) => (items ?? []).map((item) => item.json));
}

beforeAll(async () => {
	openai = await startOpenAiSimulator();
	const credentialId = await createCredential('IA simulada', 'atendimentoOpenAiApi', {
		apiKey: OPENAI_TEST_ACCOUNT.apiKey,
		baseUrl: `${openai.url}/v1`,
		model: 'gpt-4o-mini',
	});
	modelFlow = await activate(intentFlow('E2E intenção com IA', 'e2e-intencao-ia', { atendimentoOpenAiApi: { id: credentialId, name: 'IA simulada' } }), 'e2e-intencao-ia');
	offlineFlow = await activate(intentFlow('E2E intenção sem IA', 'e2e-intencao-offline'), 'e2e-intencao-offline');
});

afterEach(() => openai.reset());

afterAll(async () => {
	await openai.close();
});

test('the model routes the answer to its intent; the intent is saved in the conversation variable', async () => {
	// Words no keyword covers: only the model can tell this is Comercial.
	const before = await executionIds(modelFlow.id);
	openai.responder = (call) => (call.text.includes('pacote') ? { intent: 'Comercial', secondary_intents: [], confidence: 0.8 } : keywordResponder(call));
	const customer = await customerAtQuestion(modelFlow.url);
	await customer.say('quero trocar meu pacote por um mais rápido');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Comercial: Comercial']);

	expect(openai.completions).toHaveLength(1);
	const [call] = openai.completions;
	expect(call).toMatchObject({ model: 'gpt-4o-mini', text: 'quero trocar meu pacote por um mais rápido', temperature: 0 });
	expect(call.intents).toEqual(['Financeiro', 'Suporte', 'Comercial', 'nenhuma']);
	expect(call.messages[0].content).toContain('- "Suporte": Internet sem funcionar, lenta ou caindo; exemplos: sem internet');
	expect(openai.requests[0].headers.authorization).toBe(`Bearer ${OPENAI_TEST_ACCOUNT.apiKey}`);

	const outputs = await cardOutputs(modelFlow.id, before);
	expect(outputs[2]).toEqual([
		expect.objectContaining({ intencao: 'Comercial', origem: 'modelo', confianca: 0.8, textoOriginal: 'quero trocar meu pacote por um mais rápido' }),
	]);
	expect((outputs[2][0].atendimento as { variaveis: Record<string, unknown> }).variaveis.intencao).toBe('Comercial');
});

test('an answer the model cannot classify is asked again, then goes out through Máximo de tentativas', async () => {
	const customer = await customerAtQuestion(modelFlow.url);
	await customer.say('bom dia');
	expect(WebchatCustomer.texts(await customer.next())).toEqual([NOT_UNDERSTOOD]);
	await customer.say('qual a cor do céu?');
	expect(WebchatCustomer.texts(await customer.next())).toEqual([NOT_UNDERSTOOD]);
	await customer.say('hmm');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual([AFTER_MAX, 'Máximo']);
	// The first answer not understood is tried once more with what the customer wrote before the question ("oi").
	expect(openai.completions.map((call) => call.text)).toEqual(['bom dia', 'oi\nbom dia', 'qual a cor do céu?', 'hmm']);
});

test('an unusable model answer (invalid JSON) counts as not understood, and a valid answer still routes', async () => {
	openai.responder = (call) => (call.text === 'boleto' ? keywordResponder(call) : { content: 'Financeiro, com certeza!' });
	const customer = await customerAtQuestion(modelFlow.url);
	await customer.say('o da cobrança');
	expect(WebchatCustomer.texts(await customer.next())).toEqual([NOT_UNDERSTOOD]);
	await customer.say('boleto');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Financeiro: Financeiro']);
});

test('the model answering 500: keywords route "boleto" to Financeiro and the item says why', async () => {
	const before = await executionIds(modelFlow.id);
	openai.errorNext(1, 500);
	const customer = await customerAtQuestion(modelFlow.url);
	await customer.say('preciso do boleto');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Financeiro: Financeiro']);
	expect(openai.requests.map((request) => request.path)).toEqual(['/v1/chat/completions']);
	expect(openai.completions).toHaveLength(0);

	const outputs = await cardOutputs(modelFlow.id, before);
	expect(outputs[0]).toEqual([expect.objectContaining({ intencao: 'Financeiro', origem: 'palavras_chave', motivoSemModelo: expect.stringMatching(/^HTTP 500/) })]);
});

test('without a credential the card matches keywords offline: accents, ordinals, typos and ties', async () => {
	const before = await executionIds(offlineFlow.id);
	const customer = await customerAtQuestion(offlineFlow.url);
	await customer.say('A internet caiu de novo 😡');
	expect(WebchatCustomer.texts(await customer.next())).toEqual(['Suporte: Suporte']);

	const second = await customerAtQuestion(offlineFlow.url);
	await second.say('boleto e roteador');
	expect(WebchatCustomer.texts(await second.next())).toEqual(['Você falou de mais de um assunto: Financeiro ou Suporte. Qual deles você quer resolver agora?']);
	await second.say('a 2ª via, por favor');
	expect(WebchatCustomer.texts(await second.next())).toEqual(['Financeiro: Financeiro']);

	const third = await customerAtQuestion(offlineFlow.url);
	await third.say('quais os plnaos?');
	expect(WebchatCustomer.texts(await third.next())).toEqual(['Comercial: Comercial']);

	expect(openai.requests).toHaveLength(0);
	const outputs = await cardOutputs(offlineFlow.id, before, 3);
	expect(outputs[2]).toEqual([expect.objectContaining({ intencao: 'Comercial', origem: 'palavras_chave' })]);
});

test('no answer before the deadline goes out through Sem resposta', async () => {
	const quick = await activate(intentFlow('E2E intenção prazo', 'e2e-intencao-prazo', undefined, 0.03), 'e2e-intencao-prazo');
	const customer = await customerAtQuestion(quick.url);
	expect(WebchatCustomer.texts(await customer.next(1, 20_000))).toEqual(['Sem resposta']);
});

// The conversation as a new user finds it, in a real n8n, over the web chat: an opted-out contact starts
// nothing, messages sent before a question are context (not wrong answers), no message vanishes from
// the history, and "Agrupar mensagens em sequência" joins a burst into one start.
import { readFileSync } from 'fs';
import { join } from 'path';

import type { Conversation, HistoryEntry } from '../../nodes/shared/conversation/types';
import { activateWorkflow, e2eState, settledExecutionCount, sleep, templateWithTrigger, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const PATH = 'e2e-historico';
const GROUPED_PATH = 'e2e-historico-agrupado';
let workflowId: string;
let groupedWorkflowId: string;
let chatUrl: string;
let groupedChatUrl: string;

/**
 * The welcome template with a 1 s pause (Criar Delay) before the welcome, so that a burst sent with the
 * first message surely arrives before the menu is shown (n8n runs the template in a few milliseconds).
 */
function withPauseBeforeWelcome(workflow: WorkflowJson): WorkflowJson {
	const trigger = 'Início do Atendimento';
	return {
		...workflow,
		nodes: [...workflow.nodes, testNode(90, 'Pausa', 'criarDelay', { amount: 1, unit: 'seconds' })],
		connections: {
			...workflow.connections,
			[trigger]: { main: [[{ node: 'Pausa', type: 'main', index: 0 }]] },
			Pausa: (workflow.connections as Record<string, unknown>)[trigger],
		},
	};
}

beforeAll(async () => {
	workflowId = await activateWorkflow(withPauseBeforeWelcome(templateWithTrigger('boas-vindas.json', 'E2E Histórico', { path: PATH })));
	groupedWorkflowId = await activateWorkflow(
		templateWithTrigger('boas-vindas.json', 'E2E Histórico agrupado', { path: GROUPED_PATH, options: { groupMessagesSeconds: 1.5 } }),
	);
	chatUrl = `${e2eState().baseUrl}/webhook/${PATH}`;
	groupedChatUrl = `${e2eState().baseUrl}/webhook/${GROUPED_PATH}`;
	for (const url of [chatUrl, groupedChatUrl]) await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook do web chat');
});

/** The contact's current conversation, as n8n's local store journal holds it (the last line about it wins). */
function currentConversation(path: string, session: string): Conversation | undefined {
	const journal = readFileSync(join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl'), 'utf8');
	let currentId: string | undefined;
	const records = new Map<string, Conversation>();
	for (const raw of journal.split('\n')) {
		if (!raw) continue;
		const line = JSON.parse(raw) as { t: string; k?: string; id?: string; v?: Conversation };
		if (line.t === 'cur' && line.k === `webchat:${path}:${session}`) currentId = line.id ?? undefined;
		if (line.t === 'conv' && line.v!.contact.id === session) records.set(line.v!.id, line.v!);
	}
	return currentId ? records.get(currentId) : undefined;
}

const fromCustomer = (history: HistoryEntry[]) => history.filter((entry) => entry.from === 'cliente');

async function customerHistoryOf(path: string, session: string, count: number): Promise<HistoryEntry[]> {
	return await waitFor(
		async () => {
			const entries = fromCustomer(currentConversation(path, session)?.history ?? []);
			return entries.length >= count ? entries : undefined;
		},
		15_000,
		`${count} mensagens do cliente no histórico`,
	);
}

async function expectWelcomeAndMenu(customer: WebchatCustomer): Promise<void> {
	const [welcome, menu] = await customer.next(2);
	expect((welcome as { text: string }).text).toMatch(/Seu protocolo é/);
	expect(menu).toMatchObject({ kind: 'choices', text: 'Como podemos ajudar?' });
}

test('/bloquear: the next message starts no execution and is kept in the history; after /desbloquear "oi" gets the welcome', async () => {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	await expectWelcomeAndMenu(customer);
	await customer.say('/bloquear');
	const [confirmation] = await customer.next();
	expect((confirmation as { text: string }).text).toMatch(/não receberá mais mensagens automáticas/);
	const executions = await settledExecutionCount(workflowId);

	await customer.say('minha internet caiu');
	await customer.say('1');
	await sleep(1_500);
	expect(await settledExecutionCount(workflowId)).toBe(executions);
	expect(await customer.history()).toHaveLength(3);
	const blocked = currentConversation(PATH, customer.session)!;
	expect(blocked).toMatchObject({ state: 'ended', endReason: 'opt_out' });
	expect(fromCustomer(blocked.history).map((entry) => [entry.text, entry.status])).toEqual([
		['oi', 'inicio'],
		['/bloquear', 'comando'],
		['minha internet caiu', 'bloqueada'],
		['1', 'bloqueada'],
	]);
	expect(blocked.history.filter((entry) => entry.from === 'bot').map((entry) => entry.kind)).toEqual(['text', 'choices', 'text']);

	await customer.say('/desbloquear');
	expect(((await customer.next())[0] as { text: string }).text).toMatch(/voltará a receber/);
	await customer.say('oi');
	await expectWelcomeAndMenu(customer);
	const fresh = currentConversation(PATH, customer.session)!;
	expect(fresh.id).not.toBe(blocked.id);
	expect(fresh).toMatchObject({ state: 'waiting' });
	expect(await settledExecutionCount(workflowId)).toBe(executions + 1);
});

test('a burst sent before the menu is context: one execution, the menu keeps its attempts and is answered normally', async () => {
	const before = await settledExecutionCount(workflowId);
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	await customer.say('x');
	await customer.say('minha internet caiu');
	await expectWelcomeAndMenu(customer);
	await sleep(1_000);
	expect(await customer.history()).toHaveLength(2); // no "Opção inválida"

	await customer.say('suporte');
	expect(WebchatCustomer.texts(await customer.next())).toEqual([expect.stringContaining('informe o CPF')]);
	await customer.say('529.982.247-25');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual([
		'Obrigado! Registramos o CPF 52998224725. Um técnico vai analisar sua conexão.',
		expect.stringMatching(/^Chamado registrado/),
	]);
	const history = await customerHistoryOf(PATH, customer.session, 5);
	expect(history.map((entry) => [entry.text, entry.status])).toEqual([
		['oi', 'inicio'],
		['x', 'contexto'],
		['minha internet caiu', 'contexto'],
		['suporte', 'resposta'],
		['529.982.247-25', 'resposta'],
	]);
	expect(currentConversation(PATH, customer.session)!.context).toEqual(['oi', 'x', 'minha internet caiu']);
	await sleep(500);
	expect((await settledExecutionCount(workflowId)) - before).toBe(1);
});

test('20 concurrent messages: all 20 are in the history, none counted against the menu', async () => {
	const customer = new WebchatCustomer(chatUrl);
	const responses = await Promise.all(Array.from({ length: 20 }, async (_, index) => await customer.say(`mensagem ${index + 1}`)));
	expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 200));
	await expectWelcomeAndMenu(customer);
	await sleep(1_000);
	expect(await customer.history()).toHaveLength(2);
	const history = await customerHistoryOf(PATH, customer.session, 20);
	expect(new Set(history.map((entry) => entry.text))).toEqual(new Set(Array.from({ length: 20 }, (_, index) => `mensagem ${index + 1}`)));
	expect(history.filter((entry) => entry.status === 'inicio')).toHaveLength(1);
	expect(history.filter((entry) => entry.status === 'contexto')).toHaveLength(19);
	expect(currentConversation(PATH, customer.session)).toMatchObject({ state: 'waiting', inbox: [], waiter: { attempts: 0 } });
});

test('"Agrupar mensagens em sequência": 3 quick messages start one execution with the joined text', async () => {
	const before = await settledExecutionCount(groupedWorkflowId);
	const customer = new WebchatCustomer(groupedChatUrl);
	for (const text of ['oi', 'bom dia', 'minha internet caiu']) {
		expect((await customer.say(text)).status).toBe(200);
		await sleep(200);
	}
	expect(currentConversation(GROUPED_PATH, customer.session)).toBeUndefined(); // still being grouped
	await expectWelcomeAndMenu(customer);
	expect(await settledExecutionCount(groupedWorkflowId)).toBe(before + 1);
	const conversation = currentConversation(GROUPED_PATH, customer.session)!;
	expect(fromCustomer(conversation.history).map((entry) => [entry.text, entry.status])).toEqual([['oi\nbom dia\nminha internet caiu', 'inicio']]);

	// The answer to the menu is grouped too, and resumes the waiting card.
	await customer.say('Comercial');
	const [confirm] = await customer.next(1, 20_000);
	expect(confirm).toMatchObject({ kind: 'choices', choices: [{ label: 'Sim' }, { label: 'Não' }] });
	expect(await settledExecutionCount(groupedWorkflowId)).toBe(before + 1);
});

// Ferramentas do sistema in a real n8n, on the web chat: Registrar Evento, Adicionar Etiqueta (contact
// tags carried into the next atendimento), Criar Delay (messages sent meanwhile wait in the inbox),
// Transferir Atendimento and the attendant API (message, wrong token, close), back to the bot after.
import { readFileSync } from 'fs';
import { join } from 'path';

import { activateWorkflow, api, e2eState, sleep, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const TOKEN = 'segredo-dos-atendentes';
let chatUrl: string;
let workflowId: string;

function toolsFlow(path: string): WorkflowJson {
	return {
		name: 'E2E ferramentas',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path, options: { attendantApiToken: TOKEN } }, { webhookId: `${path}-hook` }),
			testNode(2, 'Registra demanda', 'registrarEvento', { eventType: 'demanda', data: { values: [{ name: 'setor', value: 'suporte' }] } }),
			testNode(3, 'Etiqueta VIP', 'adicionarEtiqueta', { operation: 'add', tags: 'vip, fibra', target: 'both' }),
			testNode(4, 'Pausa', 'criarDelay', { amount: 2, unit: 'seconds' }),
			testNode(5, 'Menu', 'enviarPergunta', { answerType: 'choice', question: 'Como posso ajudar?', options: { values: [{ label: 'Falar com humano' }, { label: 'Encerrar' }] } }),
			testNode(6, 'Transferir', 'transferirAtendimento', { department: 'Suporte', attendant: 'Ana', message: 'Transferindo para {{nome_atendente}}. Protocolo {{protocolo}}.', inactivityMinutes: 30 }),
			testNode(7, 'Fim', 'encerrarAtendimento', { finalMessage: 'Até logo!' }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Registra demanda', type: 'main', index: 0 }]] },
			'Registra demanda': { main: [[{ node: 'Etiqueta VIP', type: 'main', index: 0 }]] },
			'Etiqueta VIP': { main: [[{ node: 'Pausa', type: 'main', index: 0 }]] },
			Pausa: { main: [[{ node: 'Menu', type: 'main', index: 0 }]] },
			Menu: { main: [[{ node: 'Transferir', type: 'main', index: 0 }], [{ node: 'Fim', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

beforeAll(async () => {
	workflowId = await activateWorkflow(toolsFlow('e2e-ferramentas'));
	chatUrl = `${e2eState().baseUrl}/webhook/e2e-ferramentas`;
	await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o webhook');
});

async function attendant(body: Record<string, unknown>, token = TOKEN): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(chatUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
		body: JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function journal(): string {
	return readFileSync(join(e2eState().dataDir, '.n8n', 'atendimento', 'conversas.jsonl'), 'utf8');
}

test('Criar Delay: a message typed during the pause is context, not an answer: the next question waits for one', async () => {
	const customer = new WebchatCustomer(chatUrl);
	const started = Date.now();
	await customer.say('oi');
	await customer.say('2'); // during the 2 s pause, before the question is shown
	const [menu] = await customer.next(1, 20_000);
	expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
	expect(menu).toMatchObject({ kind: 'choices', text: 'Como posso ajudar?' });
	await customer.say('2'); // with the question on screen
	const [end] = await customer.next(1, 20_000);
	expect(end).toEqual({ kind: 'text', text: 'Até logo!' });
	expect(journal()).toMatch(new RegExp(`"type":"demanda","node":"Registra demanda","data":\\{"setor":"suporte"\\}`));
	expect(journal()).toMatch(/"status":"contexto","text":"2"/);
});

test('Transferir: the bot goes silent, the attendant talks and closes through the API, and the contact returns to the bot with its tags', async () => {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	await customer.next(1, 20_000);
	await customer.click('opcao_1', 'Falar com humano');
	const [transferred] = await customer.next();
	expect((transferred as { text: string }).text).toMatch(/^Transferindo para Ana\. Protocolo \d{8}-/);

	await customer.say('alô, tem alguém?');
	await sleep(1000);
	expect(await customer.history()).toHaveLength(2);

	expect((await attendant({ acao: 'mensagem', contato: customer.session, texto: 'Oi! Aqui é a Ana.' }, 'errado')).status).toBe(401);
	const sent = await attendant({ acao: 'mensagem', contato: customer.session, texto: 'Oi! Aqui é a Ana.', atendente: 'Ana' });
	expect(sent).toMatchObject({ status: 200, json: { ok: true, estado: 'human' } });
	expect(await customer.next()).toEqual([{ kind: 'text', text: 'Oi! Aqui é a Ana.' }]);

	const closed = await attendant({ acao: 'encerrar', contato: customer.session, texto: 'Resolvido. Até mais!' });
	expect(closed).toMatchObject({ status: 200, json: { ok: true, estado: 'ended' } });
	expect(await customer.next()).toEqual([{ kind: 'text', text: 'Resolvido. Até mais!' }]);
	expect((await attendant({ acao: 'mensagem', contato: customer.session, texto: 'ainda aí?' })).status).toBe(409);

	// Back to the bot: a new atendimento, whose items carry the contact's tags from the first one.
	await customer.say('oi de novo');
	const [menuAgain] = await customer.next(1, 20_000);
	expect(menuAgain).toMatchObject({ kind: 'choices' });
	const executions = await waitFor(async () => {
		const list = (await api<{ data: Array<{ id: string; status: string }> }>('GET', `/executions?workflowId=${workflowId}&status=waiting&limit=10`)).data;
		return list.length > 0 ? list : undefined;
	}, 10_000, 'a execução em espera');
	const execution = await api<{ data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: { atendimento: { etiquetas: string[] } } }>> } }>> } } }>(
		'GET',
		`/executions/${executions[0].id}?includeData=true`,
	);
	const pausa = execution.data.resultData.runData['Registra demanda'][0].data.main[0][0].json;
	expect(pausa.atendimento.etiquetas).toEqual(expect.arrayContaining(['vip', 'fibra']));
});

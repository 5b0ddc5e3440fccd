// Executar Fluxo in a real n8n: the welcome menu hands the conversation to a submenu workflow, whose
// own question waits for the customer and ends the atendimento.
import { activateWorkflow, api, e2eState, ownerRest, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

let chatUrl: string;
let mainMenuId: string;
let submenuId: string;

function submenu(): WorkflowJson {
	return {
		name: 'E2E submenu financeiro',
		nodes: [
			testNode(1, 'Chamado por outro fluxo', 'n8n-nodes-base.executeWorkflowTrigger', { inputSource: 'passthrough' }, { typeVersion: 1.1 }),
			testNode(2, 'Menu financeiro', 'enviarPergunta', { answerType: 'choice', question: 'Financeiro do protocolo {{protocolo}}: o que deseja?', options: { values: [{ label: 'Segunda via' }, { label: 'Voltar' }] } }),
			testNode(3, 'Envia segunda via', 'enviarMensagem', { text: 'Sua segunda via foi enviada.' }),
			testNode(4, 'Fim financeiro', 'encerrarAtendimento', { finalMessage: 'Atendimento financeiro encerrado.' }),
		],
		connections: {
			'Chamado por outro fluxo': { main: [[{ node: 'Menu financeiro', type: 'main', index: 0 }]] },
			'Menu financeiro': { main: [[{ node: 'Envia segunda via', type: 'main', index: 0 }]] },
			'Envia segunda via': { main: [[{ node: 'Fim financeiro', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function mainMenu(path: string, submenuId: string): WorkflowJson {
	return {
		name: 'E2E menu com submenu',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path }, { webhookId: `${path}-hook` }),
			testNode(2, 'Menu', 'enviarPergunta', { answerType: 'choice', question: 'Menu principal', options: { values: [{ label: 'Financeiro' }, { label: 'Sair' }] } }),
			testNode(3, 'Vai para o financeiro', 'executarFluxo', { workflowId: { __rl: true, mode: 'id', value: submenuId } }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Menu', type: 'main', index: 0 }]] },
			Menu: { main: [[{ node: 'Vai para o financeiro', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

beforeAll(async () => {
	submenuId = await activateWorkflow(submenu());
	mainMenuId = await activateWorkflow(mainMenu('e2e-executar-fluxo', submenuId));
	chatUrl = `${e2eState().baseUrl}/webhook/e2e-executar-fluxo`;
	await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o webhook');
});

test('the submenu workflow takes over the conversation: its question waits and its answer ends the atendimento', async () => {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	const [menu] = await customer.next();
	expect(menu).toMatchObject({ kind: 'choices', text: 'Menu principal' });
	await customer.say('financeiro');
	const [submenuQuestion] = await customer.next(1, 20_000);
	expect(submenuQuestion).toMatchObject({ kind: 'choices', choices: [{ label: 'Segunda via' }, { label: 'Voltar' }] });
	expect((submenuQuestion as { text: string }).text).toMatch(/^Financeiro do protocolo \d{8}-\d{6}-[0-9A-Z]{4}: o que deseja\?$/);
	await customer.say('xyz');
	expect(WebchatCustomer.texts(await customer.next(2))[0]).toContain('Não entendi');
	await customer.say('1');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual(['Sua segunda via foi enviada.', 'Atendimento financeiro encerrado.']);
	// Ended: the next message starts over at the main menu.
	await customer.say('oi');
	expect(await customer.next()).toMatchObject([{ kind: 'choices', text: 'Menu principal' }]);
});

interface PublicExecution {
	id: string;
	workflowId: string;
	status: string;
	customData?: Record<string, string>;
}

/** The README's recipe ("Encontrar todas as execuções de um atendimento"): the public API with includeData, kept by customData.protocolo. */
async function executionsOfProtocolo(protocolo: string): Promise<PublicExecution[]> {
	const { data } = await api<{ data: PublicExecution[] }>('GET', '/executions?includeData=true&limit=250');
	return data.filter((execution) => execution.customData?.protocolo === protocolo);
}

test('the welcome execution and the sub-flow execution carry the same protocolo, channel and contact in n8n’s custom data', async () => {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	await customer.next();
	await customer.say('financeiro');
	const [submenuQuestion] = await customer.next(1, 20_000);
	const protocolo = /(\d{8}-\d{6}-[0-9A-Z]{4})/.exec((submenuQuestion as { text: string }).text)![1];
	await customer.say('1');
	await customer.next(2);

	const trail = await waitFor(async () => {
		const found = await executionsOfProtocolo(protocolo);
		const done = found.filter((execution) => execution.status === 'success');
		return done.some((execution) => execution.workflowId === mainMenuId) && done.some((execution) => execution.workflowId === submenuId) ? found : undefined;
	}, 30_000, 'as duas execuções do atendimento');
	expect(trail.map((execution) => execution.workflowId).sort()).toEqual([mainMenuId, submenuId].sort());
	const [welcome, sub] = [mainMenuId, submenuId].map((workflowId) => trail.find((execution) => execution.workflowId === workflowId)!);
	expect(sub.customData).toEqual(welcome.customData);
	expect(welcome.customData).toEqual({ protocolo, canal: 'webchat', contato: expect.stringMatching(/\S/) });

	// The item leaving Executar Fluxo names the sub-flow's execution (the README's "Dentro da execução").
	const welcomeRun = await api<{ data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: { subfluxo?: { execucao?: string } } }>> } }>> } } }>('GET', `/executions/${welcome.id}?includeData=true`);
	expect(welcomeRun.data.resultData.runData['Vai para o financeiro'][0].data.main[0][0].json.subfluxo?.execucao).toBe(sub.id);

	// The editor's REST API shows the same custom data on each execution.
	for (const execution of trail) {
		expect((await ownerRest<{ customData: Record<string, string> }>('GET', `/rest/executions/${execution.id}`)).customData).toEqual(welcome.customData);
	}

	// Without a licence, n8n drops the Executions list's custom data filter ("Highlighted data"): another atendimento's
	// execution of the same workflow is still listed (the README says so).
	await customer.say('oi');
	await customer.next();
	const other = await waitFor(async () => {
		const { data } = await api<{ data: PublicExecution[] }>('GET', `/executions?workflowId=${mainMenuId}&includeData=true&limit=250`);
		return data.find((execution) => execution.customData?.protocolo !== protocolo && execution.customData?.contato === welcome.customData!.contato);
	}, 30_000, 'a execução do atendimento seguinte');
	const filter = JSON.stringify({ workflowId: mainMenuId, metadata: [{ key: 'protocolo', value: protocolo, exactMatch: true }] });
	const listed = await ownerRest<{ results: Array<{ id: string }> }>('GET', `/rest/executions?filter=${encodeURIComponent(filter)}`);
	expect(listed.results.map((execution) => execution.id)).toEqual(expect.arrayContaining([welcome.id, other.id]));
});

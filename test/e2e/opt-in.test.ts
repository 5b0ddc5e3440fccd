// The Opt-in / Opt-out card and the /bloquear, /desbloquear commands, in a real n8n, on the web chat.
import { activateWorkflow, e2eState, settledExecutionCount, sleep, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

let chatUrl: string;
let workflowId: string;

/** Início → Opt-in → Aceitou: "Bem-vindo!" → Encerrar; Recusou → Encerrar. */
function optInFlow(path: string): WorkflowJson {
	return {
		name: 'E2E opt-in',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path, companyName: 'Provedor Exemplo' }, { webhookId: `${path}-hook` }),
			testNode(2, 'Opt-in', 'optIn', {}),
			testNode(3, 'Bem-vindo', 'enviarMensagem', { text: 'Bem-vindo!' }),
			testNode(4, 'Fim', 'encerrarAtendimento', { finalMessage: 'Até logo.' }),
			testNode(5, 'Fim recusado', 'encerrarAtendimento', { finalMessage: 'Esta mensagem nunca sai.', resolved: false, reason: 'opt_out' }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Opt-in', type: 'main', index: 0 }]] },
			'Opt-in': { main: [[{ node: 'Bem-vindo', type: 'main', index: 0 }], [{ node: 'Fim recusado', type: 'main', index: 0 }]] },
			'Bem-vindo': { main: [[{ node: 'Fim', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

beforeAll(async () => {
	workflowId = await activateWorkflow(optInFlow('e2e-opt-in'));
	chatUrl = `${e2eState().baseUrl}/webhook/e2e-opt-in`;
	await waitFor(async () => ((await fetch(chatUrl)).ok ? true : undefined), 30_000, 'o webhook');
});

test('accepting records the consent: the next atendimento does not ask again', async () => {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	const [question] = await customer.next();
	expect(question).toMatchObject({ kind: 'choices', choices: [{ id: 'optin_sim' }, { id: 'optin_nao' }] });
	expect((question as { text: string }).text).toContain('autorização');
	await customer.say('talvez');
	const [invalid, again] = await customer.next(2);
	expect(invalid).toEqual({ kind: 'text', text: 'Responda Sim ou Não, por favor.' });
	expect(again).toMatchObject({ kind: 'choices' });
	await customer.click('optin_sim', 'Sim, aceito');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual(['Bem-vindo!', 'Até logo.']);

	await customer.say('oi de novo');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual(['Bem-vindo!', 'Até logo.']);
});

test('refusing works as /bloquear: the opt-out message once, then no flow runs until /desbloquear', async () => {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	await customer.next();
	await customer.say('não');
	const [goodbye] = await customer.next();
	expect((goodbye as { text: string }).text).toMatch(/^Tudo bem\. Você não receberá mais mensagens/);
	const executions = await settledExecutionCount(workflowId);

	await customer.say('oi?');
	await sleep(1500);
	expect(await customer.history()).toHaveLength(2);
	expect(await settledExecutionCount(workflowId)).toBe(executions);

	await customer.say('/desbloquear');
	const [back] = await customer.next();
	expect((back as { text: string }).text).toMatch(/voltará a receber/);
	await customer.say('oi');
	expect(WebchatCustomer.texts(await customer.next(2))).toEqual(['Bem-vindo!', 'Até logo.']);
});

test('/bloquear at any moment: confirmed; the pending question is dropped and nothing more is sent', async () => {
	const customer = new WebchatCustomer(chatUrl);
	await customer.say('oi');
	await customer.next();
	await customer.say('/bloquear');
	const [confirmation] = await customer.next();
	expect((confirmation as { text: string }).text).toMatch(/não receberá mais mensagens automáticas/);
	await customer.say('sim');
	await sleep(1500);
	expect(await customer.history()).toHaveLength(2);
});

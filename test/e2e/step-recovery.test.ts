// A step that dies with n8n (regular mode, local store; docs/arquitetura.md §19): n8n killed (SIGKILL)
// while a card waits on a slow API. After the restart the pack runs the flow again from that card, once,
// in a new execution: the customer gets the rest of the conversation exactly once, and what was sent
// before the death is not sent again.
import { readFileSync } from 'fs';
import { join } from 'path';

import { startSimulator, type Simulator } from '../simulators/base';
import { activateWorkflow, e2eState, restartN8n, sleep, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(240_000);

const PATH = 'e2e-passo-morto';
let api: Simulator;
/** Requests to /fatura so far: the first never gets an answer (n8n dies waiting for it). */
let invoiceRequests = 0;

beforeAll(async () => {
	api = await startSimulator(async (request) => {
		if (request.path !== '/fatura') return { status: 404, body: { erro: 'rota desconhecida' } };
		if (++invoiceRequests === 1) await new Promise((resolve) => setTimeout(resolve, 120_000).unref());
		return { status: 200, body: { valor: 89.9 } };
	});
});

afterAll(async () => {
	await api?.close();
});

/** Início → Aviso → Consultar (slow API) → Fatura → Fim, on the web chat. */
function flow(): WorkflowJson {
	return {
		name: 'E2E passo que morre com o n8n',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path: PATH, companyName: 'NetRápida' }, { webhookId: `${PATH}-hook` }),
			testNode(2, 'Aviso', 'enviarMensagem', { text: 'Vou consultar sua fatura.' }),
			testNode(3, 'Consultar', 'requisicaoHttp', {
				method: 'GET',
				url: `${api.url}/fatura`,
				responseMapping: { values: [{ variable: 'valor', path: 'valor' }] },
				timeoutSeconds: 200,
			}),
			testNode(4, 'Fatura', 'enviarMensagem', { text: 'Fatura de R$ {{var.valor}}.' }),
			testNode(5, 'Fim', 'encerrarAtendimento', { finalMessage: 'Até logo.' }),
			testNode(6, 'Desculpa', 'encerrarAtendimento', { finalMessage: 'Não consegui consultar.', resolved: false }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Aviso', type: 'main', index: 0 }]] },
			Aviso: { main: [[{ node: 'Consultar', type: 'main', index: 0 }]] },
			Consultar: { main: [[{ node: 'Fatura', type: 'main', index: 0 }], [{ node: 'Desculpa', type: 'main', index: 0 }]] },
			Fatura: { main: [[{ node: 'Fim', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Lines of the e2e n8n's log written since `from` characters. */
function logSince(from: number): string {
	return readFileSync(join(e2eState().dataDir, 'n8n.log'), 'utf8').slice(from);
}

test('n8n killed while a card waits on an API: after the restart the flow goes on from that card, once, without repeating what was sent', async () => {
	await activateWorkflow(flow());
	const url = `${e2eState().baseUrl}/webhook/${PATH}`;
	await waitFor(async () => ((await fetch(url)).ok ? true : undefined), 30_000, 'o webhook');
	const logStart = readFileSync(join(e2eState().dataDir, 'n8n.log'), 'utf8').length;

	const customer = new WebchatCustomer(url);
	await customer.say('oi');
	expect(WebchatCustomer.texts(await customer.next(1))).toEqual(['Vou consultar sua fatura.']);
	await waitFor(async () => (invoiceRequests === 1 ? true : undefined), 15_000, 'a consulta à API');

	await restartN8n('SIGKILL');
	// The restarted n8n's poller finds the step of a process that no longer exists and runs it again.
	const rest = await customer.next(2, 90_000);
	expect(WebchatCustomer.texts(rest)).toEqual(['Fatura de R$ 89.9.', 'Até logo.']);
	expect(invoiceRequests).toBe(2);

	// Nothing more comes: the step ran again once, and "Vou consultar" (before the death) was not repeated.
	await sleep(8_000);
	expect(WebchatCustomer.texts((await customer.history()).map((entry) => entry.message))).toEqual(['Vou consultar sua fatura.', 'Fatura de R$ 89.9.', 'Até logo.']);
	const log = logSince(logStart);
	// The line is JSON-escaped or plain, depending on N8N_LOG_FORMAT.
	expect(log.match(/o passo do atendimento parou \([^)]*\): o fluxo segue do card \\?"Consultar\\?"/g) ?? []).toHaveLength(1);
});

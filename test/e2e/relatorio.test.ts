// Relatório de Atendimento in a real n8n: three web chat conversations (one resolved by the bot, one
// transferred, one still waiting at the menu), then the shipped template workflows/relatorio.json
// serves the HTML page, and a copy of it in JSON mode returns the same numbers.
import { readFileSync } from 'fs';
import { join } from 'path';

import { activateWorkflow, e2eState, templateWithTrigger, testNode, waitFor, type WorkflowJson } from './n8n-client';
import { WebchatCustomer } from './webchat-client';

jest.setTimeout(120_000);

const CHAT_PATH = 'e2e-relatorio-chat';
/** The shipped welcome template's web chat, for the demo tour's report. */
const TOUR_PATH = 'e2e-relatorio-tour';

function conversationFlow(): WorkflowJson {
	return {
		name: 'E2E relatório - conversa',
		nodes: [
			testNode(1, 'Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path: CHAT_PATH }, { webhookId: `${CHAT_PATH}-hook` }),
			testNode(2, 'Boas-vindas', 'enviarMensagem', { text: 'Olá! Protocolo {{protocolo}}.' }),
			testNode(3, 'Menu', 'enviarPergunta', { answerType: 'choice', question: 'Qual o assunto?', options: { values: [{ label: 'Financeiro' }, { label: 'Suporte' }] } }),
			testNode(4, 'Demanda <financeiro>', 'registrarEvento', { eventType: 'demanda', data: { values: [{ name: 'setor', value: 'financeiro & cobrança' }] } }),
			testNode(5, 'Fim', 'encerrarAtendimento', { finalMessage: 'Até logo!', resolved: true, reason: 'segunda_via_enviada' }),
			testNode(6, 'Demanda suporte', 'registrarEvento', { eventType: 'demanda', data: { values: [{ name: 'setor', value: 'suporte' }] } }),
			testNode(7, 'Transferir', 'transferirAtendimento', { department: 'Suporte', attendant: 'Ana', message: 'Transferindo.', inactivityMinutes: 30 }),
		],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Boas-vindas', type: 'main', index: 0 }]] },
			'Boas-vindas': { main: [[{ node: 'Menu', type: 'main', index: 0 }]] },
			Menu: { main: [[{ node: 'Demanda <financeiro>', type: 'main', index: 0 }], [{ node: 'Demanda suporte', type: 'main', index: 0 }]] },
			'Demanda <financeiro>': { main: [[{ node: 'Fim', type: 'main', index: 0 }]] },
			'Demanda suporte': { main: [[{ node: 'Transferir', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A copy of the shipped report template on its own path, limited to one web chat of this test. */
function reportCopy(path: string, format: 'html' | 'json', accountId = CHAT_PATH): WorkflowJson {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows', 'relatorio.json'), 'utf8')) as WorkflowJson;
	workflow.name = `E2E relatório - ${format}`;
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
		if (node.type === 'n8n-nodes-base.respondToWebhook' && format === 'json') {
			node.parameters = { respondWith: 'firstIncomingItem', options: {} };
		}
	}
	return workflow;
}

interface ReportJson {
	atendimentos: number;
	resolvidosPeloBot: number;
	transferidos: number;
	naoResolvidos: number;
	emAndamento: number;
	tempoMedioSegundos: number | null;
	visitasPorEtapa: Array<{ etapa: string; visitas: number }>;
	demandas: Array<{ demanda: string; atendimentos: number; tempoMedioSegundos: number | null }>;
	motivosDeEncerramento: Array<{ motivo: string; rotulo: string; total: number }>;
	html?: string;
}

let baseUrl: string;

beforeAll(async () => {
	baseUrl = e2eState().baseUrl;
	await activateWorkflow(conversationFlow());
	await activateWorkflow(reportCopy('e2e-relatorio-html', 'html'));
	await activateWorkflow(reportCopy('e2e-relatorio-json', 'json'));
	await activateWorkflow(templateWithTrigger('boas-vindas.json', 'E2E relatório - boas-vindas', { path: TOUR_PATH }));
	await activateWorkflow(reportCopy('e2e-relatorio-tour-json', 'json', TOUR_PATH));
	for (const path of [CHAT_PATH, 'e2e-relatorio-json', TOUR_PATH, 'e2e-relatorio-tour-json']) {
		await waitFor(async () => ((await fetch(`${baseUrl}/webhook/${path}`)).ok ? true : undefined), 30_000, `o webhook ${path}`);
	}
});

async function reportJson(path = 'e2e-relatorio-json'): Promise<ReportJson> {
	const response = await fetch(`${baseUrl}/webhook/${path}`);
	expect(response.status).toBe(200);
	return (await response.json()) as ReportJson;
}

test('the shipped report page and its JSON mode count the conversations of the period', async () => {
	expect(await reportJson()).toMatchObject({ atendimentos: 0, transferidos: 0, tempoMedioSegundos: null, demandas: [] });

	const resolved = new WebchatCustomer(`${baseUrl}/webhook/${CHAT_PATH}`);
	await resolved.say('oi');
	await resolved.next(2, 20_000);
	await resolved.click('opcao_1', 'Financeiro');
	expect(await resolved.next()).toEqual([{ kind: 'text', text: 'Até logo!' }]);

	const transferred = new WebchatCustomer(`${baseUrl}/webhook/${CHAT_PATH}`);
	await transferred.say('oi');
	await transferred.next(2, 20_000);
	await transferred.click('opcao_2', 'Suporte');
	expect(await transferred.next()).toEqual([{ kind: 'text', text: 'Transferindo.' }]);

	const waiting = new WebchatCustomer(`${baseUrl}/webhook/${CHAT_PATH}`);
	await waiting.say('oi');
	await waiting.next(2, 20_000);

	// The last card's store update lands just after its message: wait until the record says ended.
	const report = await waitFor(async () => {
		const current = await reportJson();
		return current.resolvidosPeloBot === 1 && current.atendimentos === 3 ? current : undefined;
	}, 15_000, 'o relatório com os três atendimentos');
	expect(report).toMatchObject({ atendimentos: 3, resolvidosPeloBot: 1, transferidos: 1, naoResolvidos: 0, emAndamento: 1 });
	expect(report.html).toBeUndefined();
	expect(report.tempoMedioSegundos).toEqual(expect.any(Number));
	expect(report.visitasPorEtapa).toEqual(
		expect.arrayContaining([
			{ etapa: 'Boas-vindas', visitas: 3 },
			{ etapa: 'Menu', visitas: 3 },
			{ etapa: 'Demanda <financeiro>', visitas: 1 },
			{ etapa: 'Fim', visitas: 1 },
			{ etapa: 'Demanda suporte', visitas: 1 },
			{ etapa: 'Transferir', visitas: 1 },
		]),
	);
	expect(report.visitasPorEtapa).toHaveLength(6);
	expect(report.demandas.map((entry) => [entry.demanda, entry.atendimentos])).toEqual([
		['financeiro & cobrança', 1],
		['sem demanda', 1],
		['suporte', 1],
	]);
	expect(report.demandas[0].tempoMedioSegundos).toEqual(expect.any(Number));
	expect(report.motivosDeEncerramento).toEqual([{ motivo: 'segunda_via_enviada', rotulo: 'Segunda via enviada', total: 1 }]);

	const page = await fetch(`${baseUrl}/webhook/e2e-relatorio-html`);
	expect(page.status).toBe(200);
	expect(page.headers.get('content-type')).toMatch(/^text\/html/);
	const html = await page.text();
	expect(html).toMatch(/^<!DOCTYPE html>/);
	expect(html).toContain('<title>Relatório de Atendimento</title>');
	const summary = (label: string) => new RegExp(`<div class="valor">([^<]*)</div><div class="rotulo">${label}</div>`).exec(html)?.[1];
	expect(summary('Atendimentos')).toBe('3');
	expect(summary('Resolvidos pelo bot')).toBe('1');
	expect(summary('Transferidos')).toBe('1');
	expect(summary('Não resolvidos')).toBe('0');
	expect(summary('Em andamento')).toBe('1');
	for (const name of ['financeiro &#38; cobrança', 'suporte', 'sem demanda', 'Demanda &#60;financeiro&#62;', 'Boas-vindas', 'Menu', 'Transferir', 'Segunda via enviada']) {
		expect(html).toContain(`<th scope="row">${name}</th>`);
	}
	expect(html).not.toContain('segunda_via_enviada');
	expect(html).not.toContain('<financeiro>');
	expect(html).not.toMatch(/<script/i);
});

test('the demo tour: a choice in the shipped welcome menu is a demand of the report, its end reason in words', async () => {
	expect(await reportJson('e2e-relatorio-tour-json')).toMatchObject({ atendimentos: 0, demandas: [] });
	const customer = new WebchatCustomer(`${baseUrl}/webhook/${TOUR_PATH}`);
	await customer.say('oi');
	await customer.next(2, 20_000);
	await customer.click('opcao_1', 'Comercial');
	await customer.next();
	await customer.say('sim');
	const [end] = await customer.next();
	expect((end as { text: string }).text).toMatch(/^Combinado! /);

	const report = await waitFor(async () => {
		const current = await reportJson('e2e-relatorio-tour-json');
		return current.motivosDeEncerramento.length === 1 ? current : undefined;
	}, 15_000, 'o relatório com o atendimento encerrado');
	expect(report.demandas.map((entry) => [entry.demanda, entry.atendimentos])).toEqual([['comercial', 1]]);
	expect(report.motivosDeEncerramento).toEqual([{ motivo: 'contato_comercial', rotulo: 'Contato comercial solicitado', total: 1 }]);
	expect(report.visitasPorEtapa).toEqual(expect.arrayContaining([{ etapa: 'Demanda - Comercial', visitas: 1 }]));
});

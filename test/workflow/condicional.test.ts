// The Condicional card run in-process on n8n-core: Tipo de cadastro and Diagnóstico (no card writes
// their data yet, so the test writes it in the store), several items at once, errors, and the end of
// a flow that has nothing after the card.
import { randomUUID } from 'crypto';
import type { INode, INodeExecutionData } from 'n8n-workflow';

import { startItem } from '../../nodes/AtendimentoTrigger/handlers/inbound';
import type { InboundMessage } from '../../nodes/shared/channels/types';
import { LocalConversationStore } from '../../nodes/shared/conversation/local-store';
import type { ChannelRef, Conversation } from '../../nodes/shared/conversation/types';
import type { DiagnosticResult } from '../../nodes/shared/erp/diagnostic';
import { newProtocol } from '../../nodes/shared/protocol';
import { runWorkflow, shutdownN8nCore, type TestRun, type WorkflowJson } from './harness';
import { useTemporaryStore } from '../support/temporary-store';

const channel: ChannelRef = { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1:1/webhook/atendimento' };

let store: LocalConversationStore;

useTemporaryStore('atendimento-condicional', (created) => {
	store = created;
});

afterAll(() => shutdownN8nCore());

let nodeCounter = 0;
function node(name: string, type: string, parameters: INode['parameters'], extra: Partial<INode> = {}): INode {
	nodeCounter++;
	return {
		id: `0c0d0000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`,
		name,
		type: `n8n-nodes-atendimento.${type}`,
		typeVersion: 1,
		position: [nodeCounter * 200, 0],
		parameters,
		...extra,
	};
}

/** Início → Condicional → one "Enviar Mensagem" per output, saying the output's name. */
function routingFlow(conditionParameters: INode['parameters'], outputNames: string[], conditionExtra: Partial<INode> = {}): WorkflowJson {
	const messages = outputNames.map((name) => node(`Msg ${name}`, 'enviarMensagem', { text: `Saída: ${name}` }));
	return {
		name: 'Condicional em processo',
		nodes: [node('Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path: 'atendimento' }), node('Condicional', 'condicional', conditionParameters, conditionExtra), ...messages],
		connections: {
			'Início do Atendimento': { main: [[{ node: 'Condicional', type: 'main', index: 0 }]] },
			Condicional: { main: messages.map((message) => [{ node: message.name, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A new conversation in the store, with `changes` applied (what ERP cards will write). */
async function conversationWith(changes: (record: Conversation) => void = () => {}): Promise<{ conversation: Conversation; item: INodeExecutionData }> {
	const message: InboundMessage = {
		channel: 'webchat',
		accountId: channel.accountId,
		contactId: `sessao-${randomUUID().slice(0, 8)}`,
		messageId: randomUUID(),
		timestamp: Date.now(),
		content: { kind: 'text', text: 'oi' },
	};
	const decision = await store.routeInbound(channel, message, {
		now: Date.now(),
		runningLeaseMs: 60_000,
		newConversationId: () => randomUUID(),
		newProtocolo: () => newProtocol(new Date()),
	});
	if (decision.action !== 'start') throw new Error(`esperava start, veio ${decision.action}`);
	const conversation = (await store.update(decision.conversation.id, changes))!;
	return { conversation, item: startItem(conversation, message) };
}

async function botTexts(conversation: Conversation): Promise<string[]> {
	const entries = await store.readWebchat(channel.accountId, conversation.contact.id, 0, 0);
	return entries.filter((entry) => entry.from === 'bot').map((entry) => (entry.message as { text: string }).text);
}

function outputsOf(run: TestRun, nodeName = 'Condicional'): INodeExecutionData[][] {
	return run.data.resultData.runData[nodeName][0].data!.main.map((items) => items ?? []);
}

const PERSON_TYPE_OUTPUTS = ['Pessoa física', 'Pessoa jurídica', 'Sem cadastro'];

test('Tipo de cadastro: física by the ERP type, jurídica by the CNPJ, none without a linked customer', async () => {
	const flow = routingFlow({ conditionType: 'personType' }, PERSON_TYPE_OUTPUTS);
	const cases: Array<[(record: Conversation) => void, string]> = [
		[(record) => void (record.customer = { erp: 'ixc', id: '10', personType: 'fisica' }), 'Pessoa física'],
		[(record) => void (record.customer = { erp: 'sgp', id: '11', document: '11.222.333/0001-81' }), 'Pessoa jurídica'],
		[() => {}, 'Sem cadastro'],
	];
	for (const [link, expected] of cases) {
		const { conversation, item } = await conversationWith(link);
		const run = await runWorkflow(flow, 'Início do Atendimento', [item]);
		expect(run.status).toBe('success');
		expect(run.executedNodes).toEqual(['Início do Atendimento', 'Condicional', `Msg ${expected}`]);
		const outputs = outputsOf(run);
		expect(outputs).toHaveLength(3);
		const routed = outputs[PERSON_TYPE_OUTPUTS.indexOf(expected)];
		expect(routed).toHaveLength(1);
		expect(routed[0].pairedItem).toEqual({ item: 0 });
		expect(routed[0].json.condicional).toMatchObject({ tipo: 'personType', saida: expected });
		expect(await botTexts(conversation)).toEqual([`Saída: ${expected}`]);
	}
});

test('Diagnóstico: the first output that applies, from the variable the ERP card will write', async () => {
	const names = ['Inativo', 'Bloqueado', 'Desbloqueio de confiança ativo', 'Financeiro em atraso', 'Offline', 'Online', 'Ativo', 'Sem diagnóstico'];
	const flow = routingFlow({ conditionType: 'diagnostic' }, names);
	const overdueOnline: DiagnosticResult = { status: 'ativo', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: false, online: true };
	const cases: Array<[unknown, string]> = [
		[overdueOnline, 'Financeiro em atraso'],
		[{ ...overdueOnline, financeiroEmAtraso: false, online: false }, 'Offline'],
		[{ status: 'bloqueado', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: false }, 'Bloqueado'],
		[undefined, 'Sem diagnóstico'],
	];
	for (const [diagnosis, expected] of cases) {
		const { conversation, item } = await conversationWith((record) => {
			if (diagnosis !== undefined) record.variables.diagnostico = diagnosis;
		});
		const run = await runWorkflow(flow, 'Início do Atendimento', [item]);
		expect(run.executedNodes).toEqual(['Início do Atendimento', 'Condicional', `Msg ${expected}`]);
		expect(outputsOf(run)[names.indexOf(expected)][0].json.condicional).toEqual({
			tipo: 'diagnostic',
			saida: expected,
			diagnostico: diagnosis ?? null,
		});
		expect(await botTexts(conversation)).toEqual([`Saída: ${expected}`]);
	}
});

test('several items in one run: each leaves by its own output, paired with its input', async () => {
	const flow = routingFlow({ conditionType: 'personType' }, PERSON_TYPE_OUTPUTS);
	const none = await conversationWith();
	const company = await conversationWith((record) => void (record.customer = { erp: 'ixc', id: '1', document: '11222333000181' }));
	const person = await conversationWith((record) => void (record.customer = { erp: 'ixc', id: '2', document: '52998224725' }));
	const run = await runWorkflow(flow, 'Início do Atendimento', [none.item, company.item, person.item]);
	const [fisica, juridica, semCadastro] = outputsOf(run);
	expect(fisica.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
	expect(juridica.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	expect(semCadastro.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	expect(fisica[0].json.atendimento).toMatchObject({ conversationId: person.conversation.id });
});

test('a parameter it cannot use stops the run with the item and how to fix it', async () => {
	const flow = routingFlow({ conditionType: 'businessHours', weeklyHours: { values: [{ day: 'monday', start: '8h', end: '18:00' }] } }, ['Dentro', 'Fora']);
	const { item } = await conversationWith();
	const run = await runWorkflow(flow, 'Início do Atendimento', [item]);
	expect(run.status).toBe('error');
	const error = run.data.resultData.error as unknown as { message: string; description: string; context: { itemIndex: number } };
	expect(error.message).toBe('Horário 1 (início): horário "8h" inválido');
	expect(error.description).toMatch(/^Use HH:mm/);
	expect(error.context.itemIndex).toBe(0);
});

test('a "Variável" rule saved without its output name does not run: n8n refuses an empty required field, the card a blank one', async () => {
	const flowWith = (secondName: string) =>
		routingFlow({ conditionType: 'variable', rules: { values: [{ outputName: 'Sim', compareTo: 'sim' }, { outputName: secondName, compareTo: 'não' }] } }, ['Sim', 'Regra 2', 'Nenhuma regra']);
	const { item } = await conversationWith();
	// Empty: n8n-core's own check of required fields (the editor shows the same issue on the card).
	await expect(runWorkflow(flowWith(''), 'Início do Atendimento', [item])).rejects.toThrow(/'Condicional' node has issues:\s+- Parameter "Nome da saída" is required/);
	// Only spaces pass n8n's check: the card stops with the rule's number, in pt-BR.
	const run = await runWorkflow(flowWith('   '), 'Início do Atendimento', [item]);
	expect(run.status).toBe('error');
	const error = run.data.resultData.error as unknown as { message: string; description: string; context: { itemIndex: number } };
	expect(error.message).toBe('Regra 2 do Condicional sem "Nome da saída"');
	expect(error.description).toMatch(/preencha "Nome da saída"/);
	expect(error.context.itemIndex).toBe(0);
});

test('with "continue on fail", the failed item leaves by the first output, paired; the others are routed', async () => {
	const flow = routingFlow(
		{ conditionType: 'variable', rules: { values: [{ outputName: 'Maior', valueSource: 'expression', value: '={{ $json.plano }}', comparison: 'greaterThan', compareTo: '={{ $json.limite }}' }] } },
		['Maior', 'Nenhuma regra'],
		{ onError: 'continueRegularOutput' },
	);
	const good = await conversationWith();
	const bad = await conversationWith();
	const items = [
		{ ...good.item, json: { ...good.item.json, plano: '600', limite: '500' } },
		{ ...bad.item, json: { ...bad.item.json, plano: '600', limite: 'quinhentos' } },
	];
	const run = await runWorkflow(flow, 'Início do Atendimento', items);
	expect(run.status).toBe('success');
	const [greater, none] = outputsOf(run);
	expect(greater).toEqual([
		expect.objectContaining({ pairedItem: { item: 0 }, json: expect.objectContaining({ condicional: expect.objectContaining({ saida: 'Maior', valor: '600' }) }) }),
		{ json: { error: 'Regra 1: "quinhentos" não é um número' }, pairedItem: { item: 1 } },
	]);
	expect(none).toEqual([]);
});

test('a Condicional with nothing connected ends the atendimento', async () => {
	const flow: WorkflowJson = {
		name: 'Condicional final',
		nodes: [node('Início do Atendimento', 'atendimentoTrigger', { channel: 'webchat', path: 'atendimento' }), node('Condicional', 'condicional', { conditionType: 'origin' })],
		connections: { 'Início do Atendimento': { main: [[{ node: 'Condicional', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
	const { conversation, item } = await conversationWith();
	const run = await runWorkflow(flow, 'Início do Atendimento', [item]);
	expect(outputsOf(run)[1]).toHaveLength(1);
	expect((await store.get(conversation.id))!).toMatchObject({ state: 'ended', endReason: 'fluxo_concluido' });
});

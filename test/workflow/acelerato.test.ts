// The shipped template workflows/acelerato.json (Gatilhos por Palavra-chave, Acelerato's example) run
// in-process on n8n-core over the web chat: each customer message against the rules, the answers that
// keep the card waiting, the outputs that end it, and the Painel hand-over.
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INodeExecutionData } from 'n8n-workflow';

import { startItem } from '../../nodes/AtendimentoTrigger/handlers/inbound';
import type { InboundMessage, OutboundMessage } from '../../nodes/shared/channels/types';
import type { LocalConversationStore } from '../../nodes/shared/conversation/local-store';
import type { ChannelRef, Conversation, RouteDecision } from '../../nodes/shared/conversation/types';
import { newProtocol } from '../../nodes/shared/protocol';
import { INTERNAL_SECRET_HEADER } from '../../nodes/shared/runtime/send';
import type { ResumeDelivery } from '../../nodes/shared/runtime/resume';
import { useTemporaryStore } from '../support/temporary-store';
import { callNodeWebhook, registerSubWorkflow, resumeWorkflow, runWorkflow, shutdownN8nCore, subWorkflowRuns, waitingNodeForResumeUrl, type TestRun, type WorkflowJson } from './harness';

const { resolveTemplateReferences } = require('../../scripts/lib/templates.js') as {
	resolveTemplateReferences: (workflow: WorkflowJson, idByFile: Record<string, string>) => WorkflowJson;
};

const loadTemplate = (file: string) => JSON.parse(readFileSync(join(__dirname, '../../workflows', file), 'utf8')) as WorkflowJson;
const template = resolveTemplateReferences(loadTemplate('acelerato.json'), { 'suporte.json': 'wf-suporte' });
registerSubWorkflow('wf-suporte', loadTemplate('suporte.json'));
const channel: ChannelRef = { type: 'webchat', accountId: 'acelerato', triggerUrl: 'http://127.0.0.1:1/webhook/acelerato', companyName: 'Provedor Exemplo' };

let store: LocalConversationStore;
let session: string;
let seenSeq: number;

useTemporaryStore('atendimento-acelerato', (created) => {
	store = created;
	session = `sessao-${randomUUID().slice(0, 8)}`;
	seenSeq = 0;
});

afterAll(() => shutdownN8nCore());

function customerMessage(text: string): InboundMessage {
	return { channel: 'webchat', accountId: channel.accountId, contactId: session, messageId: randomUUID(), timestamp: Date.now(), content: { kind: 'text', text } };
}

async function route(message: InboundMessage): Promise<RouteDecision> {
	return await store.routeInbound(channel, message, { now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => randomUUID(), newProtocolo: () => newProtocol(new Date()) });
}

async function botTexts(): Promise<string[]> {
	const entries = await store.readWebchat(channel.accountId, session, seenSeq, 0);
	seenSeq = entries.at(-1)?.seq ?? seenSeq;
	return entries.filter((entry) => entry.from === 'bot').map((entry) => (entry.message as Extract<OutboundMessage, { kind: 'text' }>).text);
}

async function start(text: string): Promise<{ run: TestRun; conversation: Conversation }> {
	const message = customerMessage(text);
	const decision = await route(message);
	if (decision.action !== 'start') throw new Error(`esperava start, veio ${decision.action}`);
	return { run: await runWorkflow(template, 'Início do Atendimento', [startItem(decision.conversation, message)]), conversation: decision.conversation };
}

/** The customer's next message delivered to the waiting card (as the trigger does). */
async function say(run: TestRun, text: string) {
	const message = customerMessage(text);
	const decision = await route(message);
	if (decision.action !== 'resume') throw new Error(`esperava resume, veio ${decision.action}`);
	const body: ResumeDelivery = { conversationId: decision.conversation.id, message, waiter: decision.waiter };
	return (await callNodeWebhook(run.workflowJson, waitingNodeForResumeUrl(run, decision.waiter.resumeUrl), body, { [INTERNAL_SECRET_HEADER]: await store.internalSecret() })).result;
}

function outputsOf(run: TestRun, nodeName: string): INodeExecutionData[][] {
	return run.data.resultData.runData[nodeName].at(-1)!.data!.main as INodeExecutionData[][];
}

test('greeting, Comercial menu (team kept with the bot), prices, then "Atendimento" to the Painel\'s Comercial team', async () => {
	const { run, conversation } = await start('Olá');
	expect(run.status).toBe('waiting');
	expect(await botTexts()).toEqual([expect.stringMatching(/^Olá! Bem-vindo\(a\) ao atendimento da Provedor Exemplo\. Seu protocolo é /)]);

	const comercial = await say(run, 'quero VENDAS');
	expect(comercial.workflowData).toBeUndefined();
	expect(await botTexts()).toEqual([expect.stringMatching(/^Comercial: digite \*Atendimento\*/)]);
	expect((await store.get(conversation.id))!.department).toBe('Comercial');

	await say(run, 'Preços?');
	expect(await botTexts()).toEqual([expect.stringMatching(/^Planos: 300 Mega/)]);

	const desk = await say(run, 'Atendimento');
	expect(desk.workflowData).toBeDefined();
	expect(desk.workflowData!.map((items) => items.length)).toEqual([1, 0, 0, 0]);
	expect(desk.workflowData![0][0].json).toMatchObject({ transferido: true, gatilho: { regra: 5, descricao: 'Comercial - Atendimento', palavraChave: 'atendimento', equipeAtual: 'Comercial', equipe: 'Comercial' } });
	expect(await botTexts()).toEqual([expect.stringMatching(/^Um consultor da equipe Comercial vai te atender/)]);
	const onDesk = (await store.get(conversation.id))!;
	expect(onDesk).toMatchObject({ state: 'human', desk: 'painel', department: 'Comercial', deskStatus: 'nova', arrivalReason: 'Gatilho "Comercial - Atendimento" (palavra-chave "atendimento")' });
	expect(onDesk.deskWaiter).toBeUndefined();
	const end = await resumeWorkflow(run, desk.workflowData);
	expect(end.status).toBe('success');
	expect(end.executedNodes).toEqual(['Gatilhos Conversas']);
});

test('no rule → "Nenhum gatilho": the template answers and the looped-back card waits for the next message; "Chamado" runs the Suporte flow', async () => {
	const { run, conversation } = await start('oi');
	await botTexts();
	const none = await say(run, 'bom dia');
	expect(none.workflowData!.map((items) => items.length)).toEqual([0, 0, 0, 1]);
	expect(none.workflowData![3][0].json).toMatchObject({ gatilho: null, mensagem: { content: { text: 'bom dia' } } });
	const looped = await resumeWorkflow(run, none.workflowData);
	expect(looped.status).toBe('waiting');
	expect(looped.executedNodes).toEqual(['Gatilhos Conversas', 'Não entendi', 'Gatilhos Conversas']);
	expect(await botTexts()).toEqual([expect.stringMatching(/^Não encontrei essa opção/)]);

	await say(looped, 'suporte');
	expect(await botTexts()).toEqual([expect.stringMatching(/^Suporte: digite \*Chamado\*/)]);
	const ticket = await say(looped, 'abrir chamado');
	expect(ticket.workflowData!.map((items) => items.length)).toEqual([0, 1, 0, 0]);
	const flow = await resumeWorkflow(looped, ticket.workflowData);
	expect(flow.executedNodes).toEqual(['Gatilhos Conversas', 'Demanda - Suporte', 'Vai para Suporte']);
	expect(subWorkflowRuns.at(-1)!.executedNodes).toEqual(['Chamado pelo menu principal', 'Pede CPF']);
	// The report's "Demandas mais solicitadas" counts it.
	const demands = (await store.get(conversation.id))!.events.filter((event) => event.type === 'demanda');
	expect(demands).toEqual([expect.objectContaining({ node: 'Demanda - Suporte', data: { demanda: 'suporte' } })]);
	expect(outputsOf(flow, 'Gatilhos Conversas')[1][0].json).toMatchObject({ gatilho: { descricao: 'Suporte - Chamado', acao: 'flow' } });
});

test('a first message within the hour of the previous atendimento skips the greeting', async () => {
	const first = await start('oi');
	await botTexts();
	await store.update(first.conversation.id, (record) => {
		record.state = 'ended';
	});
	const { run } = await start('comercial');
	expect(run.status).toBe('waiting');
	expect(await botTexts()).toEqual([expect.stringMatching(/^Comercial: digite/)]);
});

import type { IExecuteFunctions } from 'n8n-workflow';

import type { ChatwootApi } from '../shared/channels/chatwoot/api';
import type { Conversation } from '../shared/conversation/types';
import { TEST_NODE } from '../../test/support/fetch-door';
import { handoffNote, resolveChatwootTarget } from './chatwoot';
import { ourBot } from '../AtendimentoTrigger/chatwoot-webhook';
import { firstDelivery } from '../AtendimentoTrigger/handlers/chatwoot';

const conversation = {
	version: 2,
	id: 'c1',
	protocolo: '20260101-120000-ABCD',
	channel: { type: 'chatwoot', accountId: '7:10', triggerUrl: 'http://n8n/webhook/cw' },
	contact: { id: '1001', name: 'Maria', phone: '5511999990000' },
	customer: { erp: 'ixc', id: '42', name: 'Maria Silva', document: '12345678909' },
	tags: ['financeiro'],
	variables: { plano: '300 Mega', objeto: { a: 1 } },
	state: 'running',
	inbox: [],
	history: [
		{ at: 1, from: 'cliente', kind: 'text', text: 'oi', status: 'inicio' },
		{ at: 2, from: 'bot', kind: 'choices', text: 'Escolha:\nBoleto ou Suporte', choices: ['Boleto', 'Suporte'], status: 'enviada' },
		{ at: 3, from: 'cliente', kind: 'document', fileName: 'conta.pdf', status: 'resposta' },
	],
	context: [],
	events: [],
	createdAt: 1,
	updatedAt: 3,
} as unknown as Conversation;

it('sums the bot part up for the agents: protocol, contact, masked customer, tags, answers, reason and the messages', () => {
	const note = handoffNote(conversation, 'Cliente pediu um atendente');
	expect(note).toContain('protocolo 20260101-120000-ABCD');
	expect(note).toContain('Contato: Maria — 5511999990000');
	expect(note).toContain('Cliente: Maria Silva');
	expect(note).not.toContain('12345678909');
	expect(note).toContain('Etiquetas: financeiro');
	expect(note).toContain('Respostas: plano: 300 Mega');
	expect(note).not.toContain('objeto');
	expect(note).toContain('Motivo: Cliente pediu um atendente');
	expect(note).toContain('Cliente: oi\nBot: Escolha: Boleto ou Suporte\nCliente: [document: conta.pdf]');
});

it("carries the customer's description (Solicitar Descrição) in the note, and no line without one", () => {
	const described = { ...conversation, description: 'Sem internet desde ontem à noite' } as Conversation;
	expect(handoffNote(described)).toContain('Descrição do cliente: Sem internet desde ontem à noite');
	expect(handoffNote(conversation)).not.toContain('Descrição do cliente');
});

it('finds the bot of the credential by its token, else by the URL', () => {
	const bots = [
		{ id: 1, outgoing_url: 'https://n8n/webhook/cw', access_token: 'outro' },
		{ id: 2, outgoing_url: 'https://antigo', access_token: 'meu-token' },
	];
	expect(ourBot(bots, 'meu-token', 'https://n8n/webhook/cw')?.id).toBe(2);
	expect(ourBot([{ id: 3, outgoing_url: 'https://n8n/webhook/cw' }], 'meu-token', 'https://n8n/webhook/cw')?.id).toBe(3);
	expect(ourBot([{ id: 4, outgoing_url: 'https://x' }], 'meu-token', 'https://n8n/webhook/cw')).toBeUndefined();
});

it('takes a delivery id once (Chatwoot repeats keep X-Chatwoot-Delivery)', () => {
	expect(firstDelivery('d-1', 1_000)).toBe(true);
	expect(firstDelivery('d-1', 2_000)).toBe(false);
	expect(firstDelivery('d-1', 1_000 + 11 * 60_000)).toBe(true);
});

describe('resolveChatwootTarget', () => {
	const context = { getNode: () => TEST_NODE } as unknown as IExecuteFunctions;
	const api = (hasUserToken: boolean): ChatwootApi =>
		({
			hasUserToken: () => hasUserToken,
			teams: async () => [
				{ id: 3, name: 'Suporte Técnico' },
				{ id: 4, name: 'Financeiro' },
			],
		}) as unknown as ChatwootApi;

	it('finds the team by name, ignoring case and accents', async () => {
		expect(await resolveChatwootTarget(context, api(true), 'suporte tecnico', undefined)).toEqual({ teamId: 3, teamName: 'Suporte Técnico' });
	});

	it('an agent id wins over the team; nothing to assign without either', async () => {
		expect(await resolveChatwootTarget(context, api(false), 'Financeiro', '12')).toEqual({ assigneeId: 12 });
		expect(await resolveChatwootTarget(context, api(false), undefined, undefined)).toBeUndefined();
	});

	it('explains in pt-BR a missing team, a missing administrator token and an agent that is not an id', async () => {
		await expect(resolveChatwootTarget(context, api(true), 'Vendas', undefined)).rejects.toThrow('A equipe "Vendas" não existe no Chatwoot');
		await expect(resolveChatwootTarget(context, api(true), 'Vendas', undefined)).rejects.toMatchObject({ description: expect.stringContaining('Suporte Técnico, Financeiro') });
		await expect(resolveChatwootTarget(context, api(false), 'Financeiro', undefined)).rejects.toThrow('token de usuário administrador');
		await expect(resolveChatwootTarget(context, api(true), undefined, 'ana')).rejects.toThrow('não é um ID de agente');
	});
});

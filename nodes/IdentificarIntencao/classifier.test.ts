import { mkdtempSync, rmSync } from 'fs';
import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { tmpdir } from 'os';
import { join } from 'path';

import { setConversationStore } from '../shared/conversation';
import { LocalConversationStore } from '../shared/conversation/local-store';
import type { ChannelRef, Conversation } from '../shared/conversation/types';
import type { ModelAccess } from '../shared/intent/classify';
import type { Intent } from '../shared/intent/types';
import { classifierFor, modelAccessOf, OPENAI_CREDENTIAL } from './classifier';

const channel: ChannelRef = { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1:1/webhook/atendimento' };
const INTENTS: Intent[] = [
	{ name: 'Financeiro', keywords: ['boleto'] },
	{ name: 'Suporte', keywords: ['internet'] },
];
let directory: string;
let store: LocalConversationStore;
let conversation: Conversation;

beforeEach(async () => {
	directory = mkdtempSync(join(tmpdir(), 'intencao-'));
	store = new LocalConversationStore(directory);
	setConversationStore(store);
	const decision = await store.routeInbound(
		channel,
		{ channel: 'webchat', accountId: 'atendimento', contactId: 'ana', messageId: 'm1', timestamp: 1, content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => 'c1', newProtocolo: () => 'P1' },
	);
	if (decision.action !== 'start') throw new Error(decision.action);
	conversation = decision.conversation;
});
afterEach(async () => {
	await store.close();
	setConversationStore(undefined);
	rmSync(directory, { recursive: true, force: true });
});

function model(request: ModelAccess['request']): ModelAccess {
	return { settings: async () => ({ baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' }), request };
}

const eventsOf = async (type: string) => (await store.get('c1'))!.events.filter((event) => event.type === type);

describe('classifierFor', () => {
	it('records nothing when keywords or the model answer normally', async () => {
		expect(await classifierFor(undefined, INTENTS, 'Intenção')('boleto', conversation)).toMatchObject({ intent: 'Financeiro' });
		const answering = model(async () => ({ choices: [{ message: { content: '{"intent":"Suporte","secondary_intents":[],"confidence":1}' } }] }));
		expect(await classifierFor(answering, INTENTS, 'Intenção')('internet', conversation)).toMatchObject({ intent: 'Suporte', source: 'modelo' });
		expect((await store.get('c1'))!.events.filter((event) => event.type.startsWith('intencao'))).toEqual([]);
	});

	it('records the fallback to keywords with its reason', async () => {
		const failing = model(async () => {
			throw Object.assign(new Error('Service unavailable'), { httpCode: '503' });
		});
		expect(await classifierFor(failing, INTENTS, 'Intenção')('boleto', conversation)).toMatchObject({ intent: 'Financeiro', source: 'palavras_chave' });
		expect(await eventsOf('intencao_sem_modelo')).toEqual([
			{ at: expect.any(Number), type: 'intencao_sem_modelo', node: 'Intenção', data: { motivo: 'HTTP 503: Service unavailable', intencao: 'Financeiro' } },
		]);
	});

	it('records an unusable model answer', async () => {
		const garbled = model(async () => ({ choices: [{ message: { content: 'hmm' } }] }));
		expect((await classifierFor(garbled, INTENTS, 'Intenção')('boleto', conversation)).intent).toBeUndefined();
		expect(await eventsOf('intencao_resposta_invalida')).toMatchObject([{ node: 'Intenção', data: { motivo: 'conteúdo não é um JSON válido' } }]);
	});
});

describe('modelAccessOf', () => {
	function context(credentials: INode['credentials'], stored: Record<string, unknown> = {}) {
		const calls: Array<{ type: string; options: IHttpRequestOptions }> = [];
		const fake = {
			getNode: () => ({ id: 'n1', name: 'Intenção', type: 't', typeVersion: 1, position: [0, 0], parameters: {}, credentials }),
			getCredentials: async () => stored,
			helpers: {
				async httpRequestWithAuthentication(this: unknown, type: string, options: IHttpRequestOptions) {
					expect(this).toBe(fake);
					calls.push({ type, options });
					return { ok: true };
				},
			},
		};
		return { fake: fake as unknown as IExecuteFunctions, calls };
	}

	it('is undefined without a credential on the node: keywords only', () => {
		expect(modelAccessOf(context(undefined).fake)).toBeUndefined();
		expect(modelAccessOf(context({ outraApi: { id: '1', name: 'x' } }).fake)).toBeUndefined();
	});

	it("reads the credential's base URL and model, with defaults, and calls through n8n's authentication", async () => {
		const { fake, calls } = context({ [OPENAI_CREDENTIAL]: { id: '1', name: 'IA' } }, { apiKey: 'sk', baseUrl: 'http://sim/v1', model: '' });
		const access = modelAccessOf(fake)!;
		expect(await access.settings()).toEqual({ baseUrl: 'http://sim/v1', model: 'gpt-4o-mini' });
		expect(await access.request({ url: 'http://sim/v1/chat/completions' })).toEqual({ ok: true });
		expect(calls).toEqual([{ type: OPENAI_CREDENTIAL, options: { url: 'http://sim/v1/chat/completions' } }]);
		const blank = modelAccessOf(context({ [OPENAI_CREDENTIAL]: { id: '1', name: 'IA' } }, {}).fake)!;
		expect(await blank.settings()).toEqual({ baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' });
	});
});

import type { InboundMessage } from '../channels/types';
import { MASKED_ANSWER, SENSITIVE_ANSWER_FLAG } from '../runtime/sensitive';
import { migrateConversation } from './migrate';
import {
	addToBurstTransition,
	appendHistory,
	decideRoute,
	isBurstDue,
	joinBurst,
	MAX_CONTEXT_ENTRIES,
	MAX_HISTORY_ENTRIES,
	MAX_HISTORY_TEXT,
	outboundHistoryEntries,
	parkOrTakeTransition,
	setHistoryStatus,
} from './routing';
import { testChannel, testMessage, testRouteOptions, testWaiter } from './store.contract';
import type { Conversation, Waiter } from './types';

const T0 = 1_000_000;

function started(text = 'oi', now = T0): Conversation {
	const { decision } = decideRoute(undefined, testChannel, testMessage(text), testRouteOptions(now));
	if (decision.action !== 'start') throw new Error(decision.action);
	return decision.conversation;
}

function received(text: string, at: number): InboundMessage {
	return { ...testMessage(text), receivedAt: at };
}

const customerEntries = (conversation: Conversation) =>
	conversation.history.filter((entry) => entry.from === 'cliente').map((entry) => [entry.text, entry.status]);

describe('decideRoute — the routing table, with the history it records', () => {
	it('new contact → start: the first message opens the history (inicio) and the context', () => {
		const conversation = started('minha internet caiu');
		expect(conversation).toMatchObject({ version: 2, state: 'running', inbox: [], context: ['minha internet caiu'] });
		expect(conversation.history).toEqual([
			{ at: T0, from: 'cliente', kind: 'text', text: 'minha internet caiu', messageId: expect.any(String), status: 'inicio' },
		]);
	});

	it("a new conversation remembers when the contact last wrote in the one it replaces (Tempo sem interação)", () => {
		expect(started().previousCustomerMessageAt).toBeUndefined();
		const previous: Conversation = { ...started('oi', T0), state: 'ended' };
		previous.history = appendHistory(previous.history, { at: T0 + 500, from: 'cliente', kind: 'text', text: 'obrigado', status: 'resposta' }, {
			at: T0 + 900,
			from: 'bot',
			kind: 'text',
			text: 'até logo',
			status: 'enviada',
		});
		const { decision } = decideRoute(previous, testChannel, testMessage('de novo'), testRouteOptions(T0 + 10_000));
		expect(decision).toMatchObject({ action: 'start', conversation: { previousCustomerMessageAt: T0 + 500 } });
		// A replaced conversation without customer entries passes its own remembered time on.
		const empty: Conversation = { ...previous, history: [], previousCustomerMessageAt: T0 - 7 };
		expect(decideRoute(empty, testChannel, testMessage('oi'), testRouteOptions(T0 + 20_000)).store!.previousCustomerMessageAt).toBe(T0 - 7);
	});

	it('a test run from the editor and production never share a conversation: either side replaces the other', () => {
		const testRun = { ...testChannel, test: true as const, triggerUrl: 'http://127.0.0.1/webhook-test/atendimento' };
		const waitingInTest: Conversation = { ...started(), channel: testRun, state: 'waiting', waiter: testWaiter };
		// A production message does not resume the test's (manual) execution: it ends the test conversation.
		const fromProduction = decideRoute(waitingInTest, testChannel, testMessage('2'), testRouteOptions(T0 + 10));
		expect(fromProduction.decision.action).toBe('start');
		expect(fromProduction.store!.channel.test).toBeUndefined();
		expect(fromProduction.ended).toMatchObject({ id: waitingInTest.id, state: 'ended', waiter: undefined, endReason: 'teste_substituido' });
		// A test message does not resume a production execution: the new conversation is the test's.
		const waitingInProduction: Conversation = { ...started(), state: 'waiting', waiter: testWaiter };
		const fromTest = decideRoute(waitingInProduction, testRun, testMessage('oi'), testRouteOptions(T0 + 20));
		expect(fromTest.decision.action).toBe('start');
		expect(fromTest.store!.channel).toMatchObject({ test: true, triggerUrl: testRun.triggerUrl });
		expect(fromTest.ended).toMatchObject({ id: waitingInProduction.id, endReason: 'substituido_por_teste' });
		// Within the same side, routing is unchanged: the test conversation's next message resumes it.
		const sameSide = decideRoute(waitingInTest, testRun, testMessage('2'), testRouteOptions(T0 + 30));
		expect(sameSide.decision).toMatchObject({ action: 'resume', waiter: testWaiter });
	});

	it('running → queued: inbox (stamped with its arrival) and history (fila)', () => {
		const { decision, store } = decideRoute(started(), testChannel, testMessage('bom dia'), testRouteOptions(T0 + 10));
		expect(decision.action).toBe('queued');
		expect(store!.inbox).toMatchObject([{ content: { text: 'bom dia' }, receivedAt: T0 + 10 }]);
		expect(customerEntries(store!)).toEqual([
			['oi', 'inicio'],
			['bom dia', 'fila'],
		]);
	});

	it('keeps the arrival time the trigger stamped', () => {
		const { store } = decideRoute(started(), testChannel, received('bom dia', T0 + 3), testRouteOptions(T0 + 50));
		expect(store!.inbox[0].receivedAt).toBe(T0 + 3);
		expect(store!.history.at(-1)!.at).toBe(T0 + 3);
	});

	it('waiting → resume: history (resposta); a secret answer is recorded masked', () => {
		const waiting: Conversation = { ...started(), state: 'waiting', waiter: testWaiter };
		const { decision, store } = decideRoute(waiting, testChannel, testMessage('2'), testRouteOptions(T0 + 10));
		expect(decision).toMatchObject({ action: 'resume', waiter: testWaiter });
		expect(store!.history.at(-1)).toMatchObject({ text: '2', status: 'resposta' });

		const secret: Conversation = { ...started(), state: 'waiting', waiter: { ...testWaiter, dialog: { [SENSITIVE_ANSWER_FLAG]: true } } };
		const masked = decideRoute(secret, testChannel, testMessage('minhaSenha123'), testRouteOptions(T0 + 10)).store!;
		expect(masked.history.at(-1)).toMatchObject({ text: MASKED_ANSWER, status: 'resposta' });
		expect(JSON.stringify(masked.history)).not.toContain('minhaSenha123');
	});

	it('human → recorded for the attendant (humano)', () => {
		const human: Conversation = { ...started(), state: 'human' };
		const { decision, store } = decideRoute(human, testChannel, testMessage('alô'), testRouteOptions(T0 + 10));
		expect(decision.action).toBe('human');
		expect(store!.history.at(-1)).toMatchObject({ text: 'alô', status: 'humano' });
	});

	describe('a contact who opted out (blocked) starts and resumes nothing', () => {
		it('ended conversation → recorded on it (bloqueada), no new conversation', () => {
			const ended: Conversation = { ...started(), state: 'ended', endReason: 'opt_out' };
			const { decision, store, ended: replaced } = decideRoute(ended, testChannel, testMessage('oi?'), testRouteOptions(T0 + 10), true);
			expect(decision).toMatchObject({ action: 'recorded', conversation: { id: ended.id, state: 'ended' } });
			expect(replaced).toBeUndefined();
			expect(store!.history.at(-1)).toMatchObject({ text: 'oi?', status: 'bloqueada' });
		});

		it('a card still waiting is not resumed', () => {
			const waiting: Conversation = { ...started(), state: 'waiting', waiter: testWaiter };
			const { decision, store } = decideRoute(waiting, testChannel, testMessage('1'), testRouteOptions(T0 + 10), true);
			expect(decision.action).toBe('recorded');
			expect(store).toMatchObject({ state: 'waiting', waiter: testWaiter, inbox: [] });
		});

		it('no conversation yet → an ended record that holds the message', () => {
			const { decision, store } = decideRoute(undefined, testChannel, testMessage('oi'), testRouteOptions(T0), true);
			expect(decision.action).toBe('recorded');
			expect(store).toMatchObject({ state: 'ended', endReason: 'contato_bloqueado', context: [], endedAt: T0 });
			expect(customerEntries(store!)).toEqual([['oi', 'bloqueada']]);
		});
	});

	it('a command (/bloquear, /desbloquear) is only recorded (comando)', () => {
		const running = started();
		const { decision, store } = decideRoute(running, testChannel, testMessage('/bloquear'), { ...testRouteOptions(T0 + 1), command: true });
		expect(decision.action).toBe('recorded');
		expect(store).toMatchObject({ state: 'running', inbox: [] });
		expect(store!.history.at(-1)).toMatchObject({ text: '/bloquear', status: 'comando' });
	});
});

describe('parkOrTakeTransition — messages sent before the question are context', () => {
	const asked = (askedAt: number | undefined, extra: Partial<Waiter> = {}): Waiter => ({ ...testWaiter, askedAt, ...extra });

	function withInbox(...messages: InboundMessage[]): Conversation {
		let conversation = started();
		for (const message of messages) conversation = decideRoute(conversation, testChannel, message, testRouteOptions(T0 + 1)).store!;
		return conversation;
	}

	it('moves what arrived before askedAt to the context, then parks: no attempt spent', () => {
		const conversation = withInbox(received('bom dia', T0 + 1), received('minha internet caiu', T0 + 2));
		expect(parkOrTakeTransition(conversation, asked(T0 + 5))).toBeUndefined();
		expect(conversation).toMatchObject({ state: 'waiting', waiter: { askedAt: T0 + 5, attempts: 0 }, inbox: [], context: ['oi', 'bom dia', 'minha internet caiu'] });
		expect(customerEntries(conversation)).toEqual([
			['oi', 'inicio'],
			['bom dia', 'contexto'],
			['minha internet caiu', 'contexto'],
		]);
	});

	it('takes the first message that arrived after the question as the answer', () => {
		const conversation = withInbox(received('bom dia', T0 + 1), received('2', T0 + 9), received('3', T0 + 10));
		expect(parkOrTakeTransition(conversation, asked(T0 + 5))).toMatchObject({ content: { text: '2' } });
		expect(conversation).toMatchObject({ state: 'running', inbox: [{ content: { text: '3' } }], context: ['oi', 'bom dia'] });
		expect(customerEntries(conversation)).toEqual([
			['oi', 'inicio'],
			['bom dia', 'contexto'],
			['2', 'resposta'],
			['3', 'fila'],
		]);
	});

	it('a waiter with no askedAt (stored before it existed, or a card that asks nothing) takes the inbox as answers', () => {
		const conversation = withInbox(received('bom dia', T0 + 1));
		expect(parkOrTakeTransition(conversation, asked(undefined))).toMatchObject({ content: { text: 'bom dia' } });
		const legacy = withInbox(testMessage('sem hora'));
		legacy.inbox[0].receivedAt = undefined;
		expect(parkOrTakeTransition(legacy, asked(T0 + 100))).toMatchObject({ content: { text: 'sem hora' } });
	});

	it('before a secret question, earlier messages are kept masked and out of the context', () => {
		const conversation = withInbox(received('minhaSenha123', T0 + 1));
		parkOrTakeTransition(conversation, asked(T0 + 5, { dialog: { [SENSITIVE_ANSWER_FLAG]: true } }));
		expect(conversation.context).toEqual(['oi']);
		expect(conversation.history.at(-1)).toMatchObject({ text: MASKED_ANSWER, status: 'contexto' });
		expect(JSON.stringify(conversation.history)).not.toContain('minhaSenha123');
	});

	it(`keeps the last ${MAX_CONTEXT_ENTRIES} context texts`, () => {
		const conversation = withInbox(...Array.from({ length: MAX_CONTEXT_ENTRIES + 5 }, (_, index) => received(`m${index}`, T0 + 1)));
		parkOrTakeTransition(conversation, asked(T0 + 5));
		expect(conversation.context).toHaveLength(MAX_CONTEXT_ENTRIES);
		expect(conversation.context.at(-1)).toBe(`m${MAX_CONTEXT_ENTRIES + 4}`);
		expect(conversation.history.filter((entry) => entry.status === 'contexto')).toHaveLength(MAX_CONTEXT_ENTRIES + 5);
	});

	it('an ended or transferred conversation does not park (the context still moves)', () => {
		const ended = { ...withInbox(received('tchau', T0 + 1)), state: 'ended' as const };
		expect(parkOrTakeTransition(ended, asked(T0 + 5))).toBeUndefined();
		expect(ended).toMatchObject({ state: 'ended', context: ['oi', 'tchau'] });
		expect(ended.waiter).toBeUndefined();
	});
});

describe('history entries', () => {
	it(`keeps the last ${MAX_HISTORY_ENTRIES} entries and caps long texts`, () => {
		let history = started().history;
		for (let index = 0; index < MAX_HISTORY_ENTRIES + 10; index++) history = appendHistory(history, ...outboundHistoryEntries([{ kind: 'text', text: `b${index}` }], 'bot', T0));
		expect(history).toHaveLength(MAX_HISTORY_ENTRIES);
		expect(history.at(-1)!.text).toBe(`b${MAX_HISTORY_ENTRIES + 9}`);
		const long = decideRoute(undefined, testChannel, testMessage('x'.repeat(MAX_HISTORY_TEXT + 100)), testRouteOptions()).store!;
		expect(long.history[0].text).toHaveLength(MAX_HISTORY_TEXT);
		expect(long.history[0].text!.endsWith('…')).toBe(true);
	});

	it('records bot messages without file data: text, options, file name, template text', () => {
		const entries = outboundHistoryEntries(
			[
				{ kind: 'choices', text: 'Como podemos ajudar?', choices: [{ id: 'a', label: 'Suporte' }, { id: 'b', label: 'Financeiro' }] },
				{ kind: 'media', mediaType: 'document', data: 'JVBERi0xLjQK', mimeType: 'application/pdf', fileName: 'boleto.pdf', caption: 'Seu boleto' },
				{ kind: 'template', name: 'fatura', language: 'pt_BR', bodyParameters: ['Ana', '10/07'], fallbackText: 'Olá {{1}}, vence em {{2}}.' },
			],
			'atendente',
			T0,
		);
		expect(entries).toEqual([
			{ at: T0, from: 'atendente', kind: 'choices', text: 'Como podemos ajudar?', choices: ['Suporte', 'Financeiro'], status: 'enviada' },
			{ at: T0, from: 'atendente', kind: 'document', text: 'Seu boleto', fileName: 'boleto.pdf', status: 'enviada' },
			{ at: T0, from: 'atendente', kind: 'template', text: 'Olá Ana, vence em 10/07.', status: 'enviada' },
		]);
		expect(JSON.stringify(entries)).not.toContain('JVBERi0');
	});

	it('records customer files by kind and name, locations and contacts as text', () => {
		const conversation = started();
		const file: InboundMessage = { ...testMessage(''), content: { kind: 'media', mediaType: 'image', mediaId: 'wamid.1', fileName: 'roteador.jpg', caption: 'luz vermelha' } };
		const place: InboundMessage = { ...testMessage(''), content: { kind: 'location', latitude: -23.5, longitude: -46.6, name: 'Casa' } };
		let next = decideRoute(conversation, testChannel, file, testRouteOptions(T0 + 1)).store!;
		next = decideRoute(next, testChannel, place, testRouteOptions(T0 + 2)).store!;
		expect(next.history.slice(1)).toMatchObject([
			{ kind: 'image', text: 'luz vermelha', fileName: 'roteador.jpg', status: 'fila' },
			{ kind: 'location', text: 'Casa — -23.5,-46.6', status: 'fila' },
		]);
	});

	it('setHistoryStatus changes the entry of that message only', () => {
		const conversation = decideRoute(started(), testChannel, testMessage('um'), testRouteOptions(T0 + 1)).store!;
		setHistoryStatus(conversation, conversation.inbox[0].messageId, 'humano');
		expect(customerEntries(conversation)).toEqual([
			['oi', 'inicio'],
			['um', 'humano'],
		]);
		setHistoryStatus(conversation, 'desconhecida', 'resposta');
		expect(customerEntries(conversation)).toEqual([
			['oi', 'inicio'],
			['um', 'humano'],
		]);
	});
});

describe('bursts (Agrupar mensagens em sequência)', () => {
	const timing = (now: number) => ({ now, windowMs: 2_000, maxMs: 6_000, runningLeaseMs: 60_000 });

	it('each part moves the flush to a window after it, never past the cap after the first', () => {
		let burst = addToBurstTransition(undefined, 'k', testChannel, testMessage('oi'), timing(T0));
		expect(burst).toMatchObject({ key: 'k', firstAt: T0, lastAt: T0, flushAt: T0 + 2_000, runningLeaseMs: 60_000 });
		burst = addToBurstTransition(burst, 'k', testChannel, testMessage('bom dia'), timing(T0 + 1_500));
		expect(burst.flushAt).toBe(T0 + 3_500);
		burst = addToBurstTransition(burst, 'k', testChannel, testMessage('tudo bem?'), timing(T0 + 5_000));
		expect(burst.flushAt).toBe(T0 + 6_000);
		expect(isBurstDue(burst, T0 + 5_999)).toBe(false);
		expect(isBurstDue(burst, T0 + 6_000)).toBe(true);
		expect(isBurstDue(burst, undefined)).toBe(true);
	});

	it('does not add the same message twice', () => {
		const message = testMessage('oi');
		const burst = addToBurstTransition(undefined, 'k', testChannel, message, timing(T0));
		expect(addToBurstTransition(burst, 'k', testChannel, message, timing(T0 + 100))).toBe(burst);
	});

	it('joins the parts one per line, with the first id and the last arrival', () => {
		let burst = addToBurstTransition(undefined, 'k', testChannel, testMessage('oi'), timing(T0));
		burst = addToBurstTransition(burst, 'k', testChannel, testMessage('bom dia'), timing(T0 + 500));
		burst = addToBurstTransition(burst, 'k', testChannel, testMessage('minha internet caiu'), timing(T0 + 900));
		expect(joinBurst(burst)).toMatchObject({
			messageId: burst.messages[0].messageId,
			contactId: 'sessao-1',
			receivedAt: T0 + 900,
			content: { kind: 'text', text: 'oi\nbom dia\nminha internet caiu' },
		});
	});
});

describe('migrateConversation', () => {
	it('version 1 → 2: empty context; messages left in the inbox are listed in the history', () => {
		const { version, history, context, ...old } = { ...started(), inbox: [received('alô', T0 + 5)] };
		expect([version, history.length, context.length]).toEqual([2, 1, 1]);
		const migrated = migrateConversation({ ...old, version: 1 });
		expect(migrated).toMatchObject({ version: 2, context: [], history: [{ from: 'cliente', text: 'alô', status: 'fila', at: T0 + 5 }] });
	});

	it('keeps a version 2 record as it is, and refuses an unknown version', () => {
		const current = started();
		expect(migrateConversation(current as unknown as Record<string, unknown>)).toEqual(current);
		expect(() => migrateConversation({ ...current, version: 3 })).toThrow('versão desconhecida: 3');
	});
});

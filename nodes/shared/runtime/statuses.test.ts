import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { setBroadcastStore } from '../broadcast';
import { LocalBroadcastStore } from '../broadcast/local-store';
import { testJob, T0 } from '../broadcast/store.contract';
import { LocalConversationStore } from '../conversation/local-store';
import type { ChannelRef } from '../conversation/types';
import { recordStatuses } from './statuses';
import { useTemporaryStore } from '../../../test/support/temporary-store';

const channel: ChannelRef = { type: 'whatsapp', accountId: 'PNID', triggerUrl: 'http://127.0.0.1/webhook/wa' };
let store: LocalConversationStore;

useTemporaryStore('statuses', (created) => {
	store = created;
});

it('adds each status to the recipient\'s current conversation and drops unknown recipients', async () => {
	const decision = await store.routeInbound(
		channel,
		{ channel: 'whatsapp', accountId: 'PNID', contactId: '5511900000001', messageId: 'wamid.in', timestamp: 1, content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => 'c1', newProtocolo: () => 'P1' },
	);
	expect(decision.action).toBe('start');
	const recorded = await recordStatuses(channel, [
		{ channel: 'whatsapp', accountId: 'PNID', messageId: 'wamid.out', recipientId: '5511900000001', status: 'read', timestamp: 1000 },
		{
			channel: 'whatsapp',
			accountId: 'PNID',
			messageId: 'wamid.x',
			recipientId: '5511900000001',
			status: 'failed',
			timestamp: 2000,
			errors: [{ code: 131047, title: 'Re-engagement message' }],
		},
		{ channel: 'whatsapp', accountId: 'PNID', messageId: 'wamid.y', recipientId: '5511999999999', status: 'delivered', timestamp: 3000 },
	]);
	expect(recorded).toBe(2);
	const events = (await store.get('c1'))!.events.filter((event) => event.type === 'status_entrega');
	expect(events).toEqual([
		{ at: 1000, type: 'status_entrega', data: { mensagem: 'wamid.out', status: 'read' } },
		{ at: 2000, type: 'status_entrega', data: { mensagem: 'wamid.x', status: 'failed', erros: [{ code: 131047, title: 'Re-engagement message' }] } },
	]);
	expect((await store.get('c1'))!.state).toBe('running');
});

it('finds the conversation of a contact known by phone and BSUID whichever id the status names', async () => {
	await store.linkContactIds('whatsapp', ['5511900000002', 'BR.777']);
	await store.routeInbound(
		channel,
		{ channel: 'whatsapp', accountId: 'PNID', contactId: '5511900000002', messageId: 'wamid.in2', timestamp: 1, content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => 'c2', newProtocolo: () => 'P2' },
	);
	const recorded = await recordStatuses(channel, [
		// a BSUID send without an available phone: only recipient_user_id
		{ channel: 'whatsapp', accountId: 'PNID', messageId: 'wamid.a', recipientId: 'BR.777', recipientUserId: 'BR.777', status: 'delivered', timestamp: 1000 },
		{ channel: 'whatsapp', accountId: 'PNID', messageId: 'wamid.b', recipientId: '5511900000002', recipientUserId: 'BR.777', status: 'read', timestamp: 2000 },
	]);
	expect(recorded).toBe(2);
	expect((await store.get('c2'))!.events.filter((event) => event.type === 'status_entrega').map((event) => event.data?.mensagem)).toEqual(['wamid.a', 'wamid.b']);
});

describe('broadcast send log', () => {
	let directory: string;
	let broadcasts: LocalBroadcastStore;
	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), 'statuses-envios-'));
		broadcasts = new LocalBroadcastStore(directory);
		setBroadcastStore(broadcasts);
	});
	afterEach(async () => {
		await broadcasts.close();
		setBroadcastStore(undefined);
		rmSync(directory, { recursive: true, force: true });
	});

	const status = (messageId: string, value: 'sent' | 'delivered' | 'read' | 'failed', extra: object = {}) => ({
		channel: 'whatsapp' as const,
		accountId: 'PNID',
		messageId,
		recipientId: '5511987650001',
		status: value,
		timestamp: T0 + 10,
		...extra,
	});

	it('updates the row of a broadcast message, and marks sent by its echoed job id one whose sender died', async () => {
		await broadcasts.enqueue([testJob('c1', 1), testJob('c1', 2)], T0);
		const [sent, inFlight] = await broadcasts.claim(T0, 2, 60_000);
		await broadcasts.markSent(sent.id, 'wamid.sent', T0 + 1);
		await broadcasts.markInFlight(inFlight.id, T0 + 2);

		// Nobody of these contacts ever wrote: no conversation records them.
		const recorded = await recordStatuses(channel, [
			status('wamid.sent', 'failed', { errors: [{ code: 131026, title: 'Message undeliverable', message: 'details' }] }),
			status('wamid.lost', 'sent', { callbackData: inFlight.id }),
			status('wamid.other', 'read'),
		]);
		expect(recorded).toBe(0);
		expect(await broadcasts.job(inFlight.id)).toMatchObject({ state: 'sent', wamid: 'wamid.lost' });
		expect((await broadcasts.queryLog({})).map((row) => [row.jobId, row.status, row.entrega, row.mensagem])).toEqual([
			[inFlight.id, 'sucesso', 'sent', 'Mensagem enviada ao WhatsApp.'],
			[sent.id, 'falha', 'failed', 'Falha na entrega: Message undeliverable (código 131026).'],
		]);
	});

	it('a 131049 in a later failed status reschedules the recipient after the delay Processar Fila kept on the job', async () => {
		await broadcasts.enqueue([testJob('c1', 1)], T0);
		const [job] = await broadcasts.claim(T0, 1, 60_000);
		await broadcasts.markInFlight(job.id, T0 + 1, 'fora', { delayMs: 60 * 60_000, maxAttempts: 5, timeZone: 'America/Sao_Paulo' });
		await broadcasts.markSent(job.id, 'wamid.mkt', T0 + 2);
		await recordStatuses(channel, [status('wamid.mkt', 'failed', { callbackData: job.id, errors: [{ code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.', message: '' }] })]);
		expect(await broadcasts.job(job.id)).toMatchObject({ state: 'queued', attempts: 1, notBefore: T0 + 10 + 60 * 60_000 });
		expect(await broadcasts.queryLog({})).toMatchObject([{ status: 'reagendado', codigoErro: 131049, motivo: expect.stringMatching(/^Limite de marketing por usuário \(131049\), informado na entrega: nova tentativa em 05\/01\/2026 às 10:00\.$/) }]);
	});

	it('leaves the send log alone for other channels', async () => {
		await broadcasts.enqueue([testJob('c1', 1)], T0);
		const [job] = await broadcasts.claim(T0, 1, 60_000);
		await recordStatuses({ ...channel, type: 'telegram' }, [{ ...status('x', 'sent', { callbackData: job.id }), channel: 'telegram' }]);
		expect(await broadcasts.job(job.id)).toMatchObject({ state: 'sending' });
	});
});

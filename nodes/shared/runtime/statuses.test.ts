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

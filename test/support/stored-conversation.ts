// A conversation kept in the process-wide store (see temporary-store.ts), for ERP card actions that
// link customers, and an ErpStep over it whose customer is the conversation's linked one.
import { randomUUID } from 'crypto';

import { getConversationStore } from '../../nodes/shared/conversation';
import type { ChannelRef, Conversation, LinkedCustomer } from '../../nodes/shared/conversation/types';
import type { ErpStep } from '../../nodes/shared/erp/card/types';
import type { ErpAdapter } from '../../nodes/shared/erp/types';
import { fakeStep } from './fake-erp';

const WHATSAPP: ChannelRef = { type: 'whatsapp', accountId: '123456', triggerUrl: 'http://127.0.0.1/webhook/whatsapp' };
const WEBCHAT: ChannelRef = { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' };

/** A new conversation: on WhatsApp when `phone` is given (the wa_id), on the web chat otherwise. */
export async function storedConversation(options: { phone?: string; customer?: LinkedCustomer } = {}): Promise<Conversation> {
	const store = getConversationStore();
	const contactId = options.phone ?? `sessao-${randomUUID()}`;
	const decision = await store.routeInbound(
		options.phone ? WHATSAPP : WEBCHAT,
		{ channel: options.phone ? 'whatsapp' : 'webchat', accountId: 'teste', contactId, contactPhone: options.phone, messageId: randomUUID(), timestamp: Date.now(), content: { kind: 'text', text: 'oi' } },
		{ now: Date.now(), runningLeaseMs: 60_000, newConversationId: () => randomUUID(), newProtocolo: () => '20260101-000001' },
	);
	if (decision.action !== 'start') throw new Error(`conversa de teste não criada (${decision.action})`);
	if (!options.customer) return decision.conversation;
	return (await store.update(decision.conversation.id, (record) => {
		record.customer = options.customer;
	}))!;
}

/** A fakeStep over the stored conversation (read fresh), whose `cliente` is the linked customer, as the engine builds it. */
export async function storedStep(adapter: ErpAdapter, conversationId: string): Promise<ErpStep & { variables: Record<string, unknown> }> {
	const conversation = (await getConversationStore().get(conversationId))!;
	const link = conversation.customer;
	const step = fakeStep(adapter, undefined);
	const cliente = link
		? { id: link.id, nome: link.name ?? '', documento: link.document ?? '', tipoPessoa: link.personType ?? 'fisica', telefones: [], codigo: link.code }
		: step.cliente;
	return { ...step, conversation, cliente };
}

import type { Conversation } from '../shared/conversation/types';
import { WHATSAPP_WINDOW_MS } from '../shared/runtime/whatsapp-window';
import { detailOf, summaryOf, windowOf } from './view';

function conversation(contact: Conversation['contact'], lastCustomerAt = 1_000): Conversation {
	return {
		version: 2,
		id: 'c1',
		protocolo: 'P1',
		channel: { type: 'whatsapp', accountId: 'PNID', triggerUrl: 'http://127.0.0.1/webhook/wa' },
		contact,
		tags: [],
		variables: {},
		state: 'human',
		inbox: [],
		history: [{ at: lastCustomerAt, from: 'cliente', kind: 'text', text: 'oi', status: 'inicio' }],
		context: [],
		events: [],
		createdAt: 0,
		updatedAt: 0,
	} as unknown as Conversation;
}

describe('Painel view of a WhatsApp contact', () => {
	it('a contact known only by his username: name and @usuario, no phone', () => {
		const summary = summaryOf(conversation({ id: 'BR.123', name: 'Pablo M.', username: 'pablomorales', userId: 'BR.123' }), 'ana', 'Atendimento');
		expect(summary.contato).toEqual({ id: 'BR.123', nome: 'Pablo M.', usuario: 'pablomorales' });
	});

	it('a contact with a phone keeps it', () => {
		expect(summaryOf(conversation({ id: '5511987654321', phone: '5511987654321' }), 'ana', 'Atendimento').contato).toEqual({ id: '5511987654321', telefone: '5511987654321' });
	});

	it('the 24 h window comes from the shared count (the customer’s last message)', () => {
		expect(windowOf(conversation({ id: 'BR.123' }, 1_000), 1_000 + WHATSAPP_WINDOW_MS - 1)).toMatchObject({ aberta: true, fechaEm: 1_000 + WHATSAPP_WINDOW_MS });
		expect(windowOf(conversation({ id: 'BR.123' }, 1_000), 1_000 + WHATSAPP_WINDOW_MS)).toMatchObject({ aberta: false });
	});

	it("the detail carries the customer's description (Solicitar Descrição), else an older flow's variable descricao", () => {
		const described = { ...conversation({ id: '5511987654321' }), description: 'Roteador piscando vermelho' };
		expect(detailOf(described, 'ana', 'Atendimento', 2_000).descricao).toBe('Roteador piscando vermelho');
		const older = { ...conversation({ id: '5511987654321' }), variables: { descricao: 'via variável' } };
		expect(detailOf(older, 'ana', 'Atendimento', 2_000).descricao).toBe('via variável');
		expect(detailOf(conversation({ id: '5511987654321' }), 'ana', 'Atendimento', 2_000)).not.toHaveProperty('descricao');
	});
});

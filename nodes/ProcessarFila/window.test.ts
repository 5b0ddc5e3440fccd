import type { Conversation } from '../shared/conversation/types';
import { recipientWindow, windowAt } from './window';

const HOUR = 60 * 60 * 1000;
const NOW = 1_780_000_000_000;

test('inside the window under 24 h after the customer wrote; outside from 24 h; unknown without a message of his', () => {
	expect(windowAt(NOW - 23 * HOUR, NOW)).toBe('dentro');
	expect(windowAt(NOW - 24 * HOUR, NOW)).toBe('fora');
	expect(windowAt(undefined, NOW)).toBe('desconhecido');
});

/** A conversation store that knows one conversation per contact id on account `123`, and one linked BSUID. */
function storeWith(histories: Record<string, Array<{ from: 'cliente' | 'bot'; at: number }>>, canonical: Record<string, string> = {}) {
	const asked: string[] = [];
	return {
		asked,
		store: {
			canonicalContactId: async (_channel: string, id: string) => canonical[id],
			currentOf: async (channel: { type: string; accountId: string }, contactId: string) => {
				asked.push(contactId);
				const history = channel.accountId === '123' ? histories[contactId] : undefined;
				return history ? ({ history } as unknown as Conversation) : undefined;
			},
		},
	};
}

test("the contact's conversation on this number decides, with or without the 9th digit", async () => {
	const { store, asked } = storeWith({ '551187650001': [{ from: 'cliente', at: NOW - 2 * HOUR }, { from: 'bot', at: NOW - HOUR }] });
	expect(await recipientWindow(store, '123', '+5511987650001', NOW)).toBe('dentro');
	expect(asked).toEqual(expect.arrayContaining(['5511987650001', '551187650001']));
	expect(await recipientWindow(store, '999', '+5511987650001', NOW)).toBe('desconhecido');
});

test('a contact known by his BSUID is found through the canonical id; old or no customer message', async () => {
	const { store } = storeWith({ 'BR.abc': [{ from: 'cliente', at: NOW - 30 * HOUR }], '5511987650002': [{ from: 'bot', at: NOW - HOUR }] }, { '5511987650003': 'BR.abc' });
	expect(await recipientWindow(store, '123', '+5511987650003', NOW)).toBe('fora');
	expect(await recipientWindow(store, '123', '+5511987650002', NOW)).toBe('desconhecido');
	expect(await recipientWindow(store, '123', 'BR.abc', NOW)).toBe('fora');
});

import { invitationKey, triggerUrlOfPath } from './invitations';

describe('invitations', () => {
	it('keys a number by account and normalised phone: with or without the 9th digit, +55 or not', () => {
		const key = invitationKey('PNID', '5547991410001');
		expect(key).toBe('PNID:5547991410001');
		expect(invitationKey('PNID', '554791410001')).toBe(key);
		expect(invitationKey('PNID', '+55 (47) 99141-0001')).toBe(key);
		expect(invitationKey('OUTRA', '5547991410001')).not.toBe(key);
		expect(invitationKey('PNID', 'BR.1234')).toBe('PNID:BR.1234');
	});

	it("builds the chosen trigger's production URL on the receiving trigger's n8n", () => {
		expect(triggerUrlOfPath('https://n8n.provedor.com.br/webhook/whatsapp', 'suporte-telefonia')).toBe('https://n8n.provedor.com.br/webhook/suporte-telefonia');
		expect(triggerUrlOfPath('http://127.0.0.1:5678/sub/webhook/a/b?x=1', '/suporte/')).toBe('http://127.0.0.1:5678/sub/webhook/suporte');
	});
});

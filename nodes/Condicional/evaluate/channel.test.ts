import { matchChannel } from './channel';

describe('matchChannel', () => {
	const rules = [
		{ channel: 'whatsapp', accountId: '1111' },
		{ channel: 'whatsapp', accountId: '' },
		{ channel: 'webchat' },
	];

	it('matches the first rule of the channel type whose account is blank or equal', () => {
		expect(matchChannel(rules, { type: 'whatsapp', accountId: '1111' })).toBe(0);
		expect(matchChannel(rules, { type: 'whatsapp', accountId: '2222' })).toBe(1);
		expect(matchChannel(rules, { type: 'webchat', accountId: 'atendimento' })).toBe(2);
		expect(matchChannel([{ channel: 'whatsapp', accountId: ' 1111 ' }], { type: 'whatsapp', accountId: '1111' })).toBe(0);
	});

	it('gives -1 ("Outros") for a channel that is not listed', () => {
		expect(matchChannel(rules, { type: 'telegram', accountId: '42' })).toBe(-1);
		expect(matchChannel([], { type: 'webchat', accountId: 'x' })).toBe(-1);
	});
});

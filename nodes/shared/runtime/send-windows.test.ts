import { needsHumanAgentTag } from './send';

const HOUR = 60 * 60 * 1000;
const now = 1_800_000_000_000;

describe('needsHumanAgentTag (Messenger / Instagram reply windows)', () => {
	it('the bot never tags, even after 24 h', () => {
		expect(needsHumanAgentTag({ from: 'bot', lastCustomerMessageAt: now - 30 * HOUR }, now)).toBe(false);
	});

	it('an attendant inside 24 h answers as a plain RESPONSE', () => {
		expect(needsHumanAgentTag({ from: 'atendente', lastCustomerMessageAt: now - 23 * HOUR }, now)).toBe(false);
	});

	it('an attendant after 24 h tags HUMAN_AGENT', () => {
		expect(needsHumanAgentTag({ from: 'atendente', lastCustomerMessageAt: now - 24 * HOUR }, now)).toBe(true);
		expect(needsHumanAgentTag({ from: 'atendente', lastCustomerMessageAt: now - 6 * 24 * HOUR }, now)).toBe(true);
	});

	it('without a customer message on record there is no window to extend: no tag', () => {
		expect(needsHumanAgentTag({ from: 'atendente' }, now)).toBe(false);
	});
});

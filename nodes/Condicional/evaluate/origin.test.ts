import { isAdReferral } from './origin';

describe('isAdReferral', () => {
	it('is true for a click-to-WhatsApp referral (ad or post)', () => {
		expect(isAdReferral({ sourceType: 'ad', sourceId: '120208964327630012', ctwaClid: 'ARAk' })).toBe(true);
		expect(isAdReferral({ sourceType: 'post', sourceUrl: 'https://fb.me/x' })).toBe(true);
	});

	it('is false without a referral or with an empty one', () => {
		expect(isAdReferral(undefined)).toBe(false);
		expect(isAdReferral({})).toBe(false);
		expect(isAdReferral({ sourceType: '' })).toBe(false);
	});
});

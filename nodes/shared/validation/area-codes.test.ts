import { isValidAreaCode } from './area-codes';

describe('isValidAreaCode', () => {
	it.each(['11', '19', '21', '27', '31', '41', '49', '51', '55', '61', '69', '71', '79', '81', '89', '91', '99'])('accepts %p', (ddd) => {
		expect(isValidAreaCode(ddd)).toBe(true);
	});

	it.each(['00', '10', '20', '23', '25', '26', '29', '30', '36', '39', '40', '50', '52', '56', '60', '70', '72', '76', '78', '80', '90', '1', '111'])(
		'rejects %p',
		(ddd) => {
			expect(isValidAreaCode(ddd)).toBe(false);
		},
	);

	it('knows the 67 DDDs of the national numbering plan', () => {
		const assigned = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0')).filter(isValidAreaCode);
		expect(assigned).toHaveLength(67);
	});
});

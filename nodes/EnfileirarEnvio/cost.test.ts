import { DEFAULT_PRICES_USD, estimateCost, InvalidPricingError, messagePricing } from './cost';

test("Meta's Brazil rates (USD, since 2026-01-01) are the defaults, converted at the editable rate", () => {
	expect(DEFAULT_PRICES_USD).toEqual({ marketing: 0.0625, utility: 0.0068, authentication: 0.0068, service: 0 });
	expect(messagePricing({})).toEqual({ category: 'marketing', unitPriceBRL: 0.3375 });
	expect(messagePricing({ templateCategory: 'utility' })).toEqual({ category: 'utility', unitPriceBRL: 0.0367 });
	expect(messagePricing({ templateCategory: 'authentication', usdToBrl: 6 })).toEqual({ category: 'authentication', unitPriceBRL: 0.0408 });
	expect(messagePricing({ templateCategory: 'service' })).toEqual({ category: 'service', unitPriceBRL: 0 });
	expect(messagePricing({ templateCategory: 'marketing', priceMarketingUsd: 0.1, usdToBrl: 5 })).toEqual({ category: 'marketing', unitPriceBRL: 0.5 });
});

test('unknown categories, negative prices and non-positive rates are refused with the fix', () => {
	expect(() => messagePricing({ templateCategory: 'promo' })).toThrow(InvalidPricingError);
	expect(() => messagePricing({ priceMarketingUsd: -0.01 })).toThrow('Preço Marketing (USD) inválido');
	expect(() => messagePricing({ usdToBrl: 0 })).toThrow('Cotação do dólar inválida');
});

test('the estimate counts only the messages added, per category, in BRL to the cent', () => {
	const marketing = { category: 'marketing' as const, unitPriceBRL: 0.3375 };
	const utility = { category: 'utility' as const, unitPriceBRL: 0.0367 };
	expect(estimateCost([marketing, marketing, marketing], 3)).toMatchObject({ total: 1.01, porCategoria: { marketing: { mensagens: 3, precoPorMensagem: 0.3375 } } });
	expect(estimateCost([marketing, marketing, marketing], 0)).toMatchObject({ total: 0, porCategoria: {} });
	expect(estimateCost([marketing, utility, utility, utility], 4)).toMatchObject({
		total: 0.45,
		porCategoria: { marketing: { mensagens: 1 }, utility: { mensagens: 3 } },
	});
	expect(estimateCost([], 0)).toMatchObject({ total: 0 });
});

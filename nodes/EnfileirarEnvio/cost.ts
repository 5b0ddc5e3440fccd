/**
 * What a campaign costs before it is sent: Meta charges each delivered template by its category
 * (per-message pricing since July 2025, docs/apis-externas.md §A.12). Meta publishes the Brazil rates
 * in USD only, so the table is in USD with a conversion rate to BRL, all editable in Enfileirar Envio.
 */
import type { TemplateCategory } from '../shared/broadcast/types';

/** Meta's rates for Brazil in effect since 2026-01-01, USD per delivered message (docs/apis-externas.md §A.12). */
export const DEFAULT_PRICES_USD: Record<TemplateCategory, number> = {
	marketing: 0.0625,
	utility: 0.0068,
	authentication: 0.0068,
	service: 0,
};

/** A default to edit: the BRL per USD rate of the day. */
export const DEFAULT_USD_TO_BRL = 5.4;

export const TEMPLATE_CATEGORIES: TemplateCategory[] = ['marketing', 'utility', 'authentication', 'service'];

/** The pricing options of Enfileirar Envio (all optional: the defaults above fill the gaps). */
export interface PricingOptions {
	templateCategory?: string;
	priceMarketingUsd?: number;
	priceUtilityUsd?: number;
	priceAuthenticationUsd?: number;
	priceServiceUsd?: number;
	usdToBrl?: number;
}

/** A bad price or rate, with the fix in pt-BR. */
export class InvalidPricingError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InvalidPricingError';
	}
}

const PRICE_FIELDS: Record<TemplateCategory, { option: keyof PricingOptions; label: string }> = {
	marketing: { option: 'priceMarketingUsd', label: 'Preço Marketing (USD)' },
	utility: { option: 'priceUtilityUsd', label: 'Preço Utilidade (USD)' },
	authentication: { option: 'priceAuthenticationUsd', label: 'Preço Autenticação (USD)' },
	service: { option: 'priceServiceUsd', label: 'Preço Serviço (USD)' },
};

/** The item's template category and the price of one delivered message in BRL (4 decimals). */
export function messagePricing(options: PricingOptions): { category: TemplateCategory; unitPriceBRL: number } {
	const category = (options.templateCategory ?? 'marketing') as TemplateCategory;
	if (!TEMPLATE_CATEGORIES.includes(category)) {
		throw new InvalidPricingError(`Categoria de template desconhecida: ${String(options.templateCategory)}`, 'Escolha Marketing, Utilidade, Autenticação ou Serviço em "Categoria do Template".');
	}
	const { option, label } = PRICE_FIELDS[category];
	const usd = (options[option] as number | undefined) ?? DEFAULT_PRICES_USD[category];
	const rate = options.usdToBrl ?? DEFAULT_USD_TO_BRL;
	if (!Number.isFinite(usd) || usd < 0) throw new InvalidPricingError(`${label} inválido: ${usd}`, `Use um número maior ou igual a 0 em "${label}".`);
	if (!Number.isFinite(rate) || rate <= 0) throw new InvalidPricingError(`Cotação do dólar inválida: ${rate}`, 'Use a cotação do dia (R$ por US$ 1,00), maior que 0, em "Cotação do Dólar (R$)".');
	return { category, unitPriceBRL: Math.round(usd * rate * 10_000) / 10_000 };
}

/** The campaign summary's estimate: what the newly queued messages cost if all are delivered. */
export interface CostEstimate {
	moeda: 'BRL';
	/** Category → messages queued now and their price each. */
	porCategoria: Partial<Record<TemplateCategory, { mensagens: number; precoPorMensagem: number }>>;
	/** Upper bound: every new message delivered and charged. */
	total: number;
	observacao: string;
}

const NOTE =
	'Estimativa pelas mensagens adicionadas agora, se todas forem entregues: a Meta cobra só o template entregue, e um de utilidade enviado dentro da janela de 24 horas sai grátis. O custo de cada mensagem fica no Logs Omnichannel.';

/**
 * The price of the `added` messages among the campaign's `queued` ones (those given to the queue this
 * run, duplicates included): exact when the campaign has one category and price (one template), else
 * each category's share of `added` in proportion.
 */
export function estimateCost(queued: Array<{ category: TemplateCategory; unitPriceBRL: number }>, added: number): CostEstimate {
	const byCategory = new Map<TemplateCategory, { count: number; priceSum: number }>();
	for (const { category, unitPriceBRL } of queued) {
		const entry = byCategory.get(category) ?? { count: 0, priceSum: 0 };
		entry.count++;
		entry.priceSum += unitPriceBRL;
		byCategory.set(category, entry);
	}
	const porCategoria: CostEstimate['porCategoria'] = {};
	let total = 0;
	for (const [category, { count, priceSum }] of byCategory) {
		const mensagens = Math.round((count * added) / queued.length);
		const price = priceSum / count;
		if (mensagens === 0) continue;
		porCategoria[category] = { mensagens, precoPorMensagem: Math.round(price * 10_000) / 10_000 };
		total += mensagens * price;
	}
	return { moeda: 'BRL', porCategoria, total: Math.round(total * 100) / 100, observacao: NOTE };
}

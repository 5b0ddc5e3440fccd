/**
 * Reading ISPFY's values (docs/apis-externas.md §D.9). The same kind of value comes in several
 * shapes depending on the route:
 * - lists inside `assinante/info` (`cobrancas`, `pontos`) come as JSON arrays or as objects keyed by
 *   position (`{"27": {...}, "28": {...}}`, a PHP array with holes), so both are read;
 * - money in the boleto JSON is Brazilian text (`"566,00"`, `"1.123,53"`); `info` writes integer
 *   cents (`"valor_mensal": "8100"` = R$ 81,00) or reais with a dot (`"395.06"`), so amounts are
 *   read from the boleto JSON only;
 * - dates in `info` are `YYYY-MM-DD HH:MM:SS`, in the boleto JSON `DD/MM/YYYY`.
 */

import { asRecord, toText, type JsonRecord } from '../values';

export { asRecord, toIsoDate, toText, unmaskDocument } from '../values';

/** A plain JSON object. */
export type IspfyRecord = JsonRecord;

/** The records of a list given as an array or as an object keyed by position; `[]` otherwise. */
export function recordsOf(value: unknown): IspfyRecord[] {
	const entries = Array.isArray(value) ? value : (asRecord(value) ? Object.values(value as IspfyRecord) : []);
	return entries.map(asRecord).filter((entry): entry is IspfyRecord => entry !== undefined);
}

/** `true` for ISPFY's yes values (`"s"`, `"1"`, `true`). */
export function isYes(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	return ['s', 'sim', '1', 'true'].includes(String(value ?? '').trim().toLowerCase());
}

/** Money as text in reais: `"566,00"`, `"1.123,53"`, `"R$1.123,53"` or `"395.06"`. */
export function brazilianMoney(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	const text = toText(value)?.replace(/^R\$\s*/i, '');
	if (!text) return undefined;
	const normalized = text.includes(',') ? text.replace(/\./g, '').replace(',', '.') : text;
	if (!/^-?\d+(\.\d+)?$/.test(normalized)) return undefined;
	return Math.round(Number(normalized) * 100) / 100;
}

/** ISO date-time (`YYYY-MM-DDTHH:MM:SS`) from ISPFY's `YYYY-MM-DD HH:MM:SS`. */
export function toIsoDateTime(value: unknown): string | undefined {
	const text = toText(value);
	const match = text ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(text) : null;
	return match ? `${match[1]}T${match[2]}` : undefined;
}


/**
 * Reading ERPs' loosely typed values: the same field comes as `1`, `"1"`, `true`, `"true"` or
 * `"True"` depending on the ERP and its version (SGP, docs/apis-externas.md §D.1; RBX, Voalle,
 * Controllr, MK Solutions, ISPFY), ids as numbers or strings, dates as `AAAA-MM-DD` or `DD/MM/AAAA`,
 * bodies as text or bytes.
 */

/** A plain JSON object. */
export type JsonRecord = Record<string, unknown>;

/** `value` when it is a non-array object. */
export function asRecord(value: unknown): JsonRecord | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value) ? (value as JsonRecord) : undefined;
}

/** The records of an array field (other entries dropped); `[]` when the field is not an array. */
export function recordsOf(value: unknown): JsonRecord[] {
	return Array.isArray(value) ? value.map(asRecord).filter((entry): entry is JsonRecord => entry !== undefined) : [];
}

/** `true` for `true`, `1`, `"1"`, `"true"`, `"True"`, `"sim"`; `false` otherwise. */
export function toFlag(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	return ['1', 'true', 'sim', 's'].includes(String(value ?? '').trim().toLowerCase());
}

/** A finite number from a number or numeric string (`"89.90"`, `"89,90"`); `undefined` otherwise. */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const number = Number(value.trim().replace(',', '.'));
	return Number.isFinite(number) ? number : undefined;
}

/** A trimmed non-empty string from a string or number; `undefined` otherwise. */
export function toText(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' ? undefined : text;
}

/** `YYYY-MM-DD` from `AAAA-MM-DD[ HH:MM…]` or `DD/MM/AAAA`; `undefined` for anything else. */
export function toIsoDate(value: unknown): string | undefined {
	const text = toText(value);
	if (!text) return undefined;
	const iso = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text);
	if (iso) return iso[1];
	const br = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
	return br ? `${br[3]}-${br[2]}-${br[1]}` : undefined;
}

/** CPF/CNPJ without mask: digits and upper-case letters (alphanumeric CNPJ). */
export function unmaskDocument(document: string): string {
	return document.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Only the digits of `value`. */
export function digitsOf(value: string): string {
	return value.replace(/\D/g, '');
}

/** The bytes of a response body read as a Buffer, ArrayBuffer, typed array or Latin-1 text. */
export function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	return Buffer.from(typeof body === 'string' ? body : '', 'latin1');
}

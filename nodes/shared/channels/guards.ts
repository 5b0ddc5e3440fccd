/** Small type guards for reading untrusted JSON without casts. */

/** A plain JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

/** True when `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is a non-empty string, else undefined. */
export function optionalString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `value` as a string when it is a non-empty string or a finite number (ids), else undefined. */
export function optionalId(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return optionalString(value);
}

/** `value` when it is a finite number, else undefined. */
export function optionalNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `value` when it is a JSON object, else undefined. */
export function optionalObject(value: unknown): JsonObject | undefined {
	return isObject(value) ? value : undefined;
}

/** `value` when it is an array, else an empty array. */
export function arrayOrEmpty(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** A copy of `value` without its undefined properties (keeps payloads free of `undefined` keys). */
export function compact<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

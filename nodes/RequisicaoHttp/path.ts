/**
 * Paths into a JSON response, as flow authors write them: `data.fatura.valor`, `items[0].id`,
 * `[0].id` (the body is an array), `items[-1].id` (last element), `data["nome completo"]`.
 * An empty path is the whole body.
 */

/** One step of a path: an object key or an array index (negative counts from the end). */
export type PathStep = { key: string } | { index: number };

/** A path that cannot be parsed; `message` is pt-BR, for the node's error. */
export class InvalidPathError extends Error {
	constructor(readonly path: string, reason: string) {
		super(`Caminho "${path}" inválido: ${reason}`);
		this.name = 'InvalidPathError';
	}
}

const IDENTIFIER = /^[^.[\]"\s]+/;
const INDEX = /^\[\s*(-?\d+)\s*\]/;
const QUOTED_KEY = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/;

/** Parses a path into steps; throws InvalidPathError on a malformed one. */
export function parsePath(path: string): PathStep[] {
	const steps: PathStep[] = [];
	let rest = path.trim();
	let expectKey = true;
	while (rest !== '') {
		const index = INDEX.exec(rest);
		const quoted = index ? null : QUOTED_KEY.exec(rest);
		if (index) {
			steps.push({ index: Number(index[1]) });
			rest = rest.slice(index[0].length);
		} else if (quoted) {
			steps.push({ key: JSON.parse(`"${quoted[1]}"`) as string });
			rest = rest.slice(quoted[0].length);
		} else if (rest.startsWith('.')) {
			if (expectKey) throw new InvalidPathError(path, 'ponto sem nome de campo antes ou depois.');
			rest = rest.slice(1);
			expectKey = true;
			if (rest === '') throw new InvalidPathError(path, 'termina em ponto.');
			continue;
		} else {
			const key = expectKey ? IDENTIFIER.exec(rest) : null;
			if (!key) throw new InvalidPathError(path, `não entendi o trecho "${rest}". Use campo.subcampo, lista[0] ou ["nome com espaço"].`);
			steps.push({ key: key[0] });
			rest = rest.slice(key[0].length);
		}
		expectKey = false;
	}
	return steps;
}

/** The value at `path` in `root` (own properties only), or `found: false` when any step is missing. */
export function readPath(root: unknown, path: string | PathStep[]): { found: boolean; value?: unknown } {
	let current = root;
	for (const parsed of typeof path === 'string' ? parsePath(path) : path) {
		// `items.0.id` reads like `items[0].id`
		const step = 'key' in parsed && Array.isArray(current) && /^\d+$/.test(parsed.key) ? { index: Number(parsed.key) } : parsed;
		if ('index' in step) {
			if (!Array.isArray(current)) return { found: false };
			const position = step.index < 0 ? current.length + step.index : step.index;
			if (position < 0 || position >= current.length) return { found: false };
			current = current[position];
			continue;
		}
		const isObject = current !== null && typeof current === 'object' && !Array.isArray(current);
		if (!isObject || !Object.prototype.hasOwnProperty.call(current, step.key)) return { found: false };
		current = (current as Record<string, unknown>)[step.key];
	}
	return { found: true, value: current };
}

import { validateNumber } from '../../shared/validation/number';
import { ConditionConfigError } from './errors';

/** Comparisons a Variável rule can make. */
export const VARIABLE_COMPARISONS = [
	'equals',
	'notEquals',
	'contains',
	'notContains',
	'startsWith',
	'endsWith',
	'regex',
	'numberEquals',
	'numberNotEquals',
	'greaterThan',
	'greaterThanOrEqual',
	'lessThan',
	'lessThanOrEqual',
	'isEmpty',
	'isNotEmpty',
] as const;
export type VariableComparison = (typeof VARIABLE_COMPARISONS)[number];

/** One rule with its value already resolved (a conversation variable, or the n8n expression's result). */
export interface VariableRule {
	value: unknown;
	comparison: string;
	compareTo: string;
	/** Text comparisons ignore upper/lower case and accents (`Não` equals `nao`). */
	ignoreCase: boolean;
}

/**
 * A conversation variable by name, with dotted paths into objects (`fatura.valor`). Accepts the
 * way messages write it (`var.plano`, `{{var.plano}}`). `undefined` when any step is missing.
 */
export function readVariable(variables: Record<string, unknown>, name: string): unknown {
	const path = name
		.trim()
		.replace(/^\{\{\s*(.*?)\s*\}\}$/, '$1')
		.replace(/^var\./, '');
	let current: unknown = variables;
	for (const key of path.split('.')) {
		if (key === '' || current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function textOf(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

function fold(text: string, ignoreCase: boolean): string {
	const trimmed = text.trim();
	return ignoreCase ? trimmed.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '') : trimmed;
}

function isEmpty(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value).length === 0;
	return false;
}

/** A number from a JavaScript number or Brazilian-typed text (`1.234,56`, `R$ 50`, `3.5`); else undefined. */
function numberOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const result = validateNumber(value);
	return result.valid ? result.value : undefined;
}

/** `/pattern/flags` or a bare pattern; case-insensitive when the rule ignores case. */
function regexOf(pattern: string, ignoreCase: boolean, position: number): RegExp {
	const literal = /^\/(.+)\/([dgimsuvy]*)$/s.exec(pattern.trim());
	const source = literal ? literal[1] : pattern.trim();
	const flags = new Set([...(literal?.[2] ?? '').replace(/[gy]/g, ''), ...(ignoreCase ? 'i' : '')]);
	try {
		return new RegExp(source, [...flags].join(''));
	} catch (error) {
		throw new ConditionConfigError(
			`Regra ${position}: expressão regular inválida`,
			`"${pattern}" não é uma expressão regular válida (${(error as Error).message}). Exemplo: ^\\d{8}$ para 8 dígitos.`,
		);
	}
}

function compareNumbers(rule: VariableRule, position: number): boolean {
	const expected = numberOf(rule.compareTo);
	if (expected === undefined) {
		throw new ConditionConfigError(
			`Regra ${position}: "${rule.compareTo}" não é um número`,
			'Em comparações numéricas, "Comparar com" precisa ser um número (ex.: 500 ou 99,90).',
		);
	}
	const actual = numberOf(rule.value);
	if (actual === undefined) return false; // a value that is not a number matches no numeric rule
	switch (rule.comparison as VariableComparison) {
		case 'numberEquals':
			return actual === expected;
		case 'numberNotEquals':
			return actual !== expected;
		case 'greaterThan':
			return actual > expected;
		case 'greaterThanOrEqual':
			return actual >= expected;
		case 'lessThan':
			return actual < expected;
		default:
			return actual <= expected;
	}
}

/** Whether an array value holds an element equal (as text) to the expected one. */
function arrayHolds(values: unknown[], expected: string, ignoreCase: boolean): boolean {
	return values.some((element) => fold(textOf(element), ignoreCase) === expected);
}

/**
 * Whether one rule matches. Text comparisons compare trimmed text (objects as JSON); "contém" on a
 * list checks its elements. Numeric comparisons read numbers typed the Brazilian way; a value that
 * is not a number matches none of them. Throws a {@link ConditionConfigError} for a malformed regular
 * expression or a comparison value that is not a number.
 */
export function ruleMatches(rule: VariableRule, position: number): boolean {
	const actual = fold(textOf(rule.value), rule.ignoreCase);
	const expected = fold(rule.compareTo, rule.ignoreCase);
	switch (rule.comparison as VariableComparison) {
		case 'equals':
			return actual === expected;
		case 'notEquals':
			return actual !== expected;
		case 'contains':
			return Array.isArray(rule.value) ? arrayHolds(rule.value, expected, rule.ignoreCase) : actual.includes(expected);
		case 'notContains':
			return Array.isArray(rule.value) ? !arrayHolds(rule.value, expected, rule.ignoreCase) : !actual.includes(expected);
		case 'startsWith':
			return actual.startsWith(expected);
		case 'endsWith':
			return actual.endsWith(expected);
		case 'regex':
			return regexOf(rule.compareTo, rule.ignoreCase, position).test(textOf(rule.value));
		case 'isEmpty':
			return isEmpty(rule.value);
		case 'isNotEmpty':
			return !isEmpty(rule.value);
		case 'numberEquals':
		case 'numberNotEquals':
		case 'greaterThan':
		case 'greaterThanOrEqual':
		case 'lessThan':
		case 'lessThanOrEqual':
			return compareNumbers(rule, position);
		default:
			throw new ConditionConfigError(`Regra ${position}: comparação "${rule.comparison}" desconhecida`, 'Escolha uma comparação da lista.');
	}
}

const NUMERIC_COMPARISONS: readonly string[] = ['numberEquals', 'numberNotEquals', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual'];

/** Throws for a rule no value could ever be compared with (so a bad rule shows even when an earlier one matches). */
function checkRule(rule: VariableRule, position: number): void {
	if (!(VARIABLE_COMPARISONS as readonly string[]).includes(rule.comparison)) {
		throw new ConditionConfigError(`Regra ${position}: comparação "${rule.comparison}" desconhecida`, 'Escolha uma comparação da lista.');
	}
	if (rule.comparison === 'regex') regexOf(rule.compareTo, rule.ignoreCase, position);
	if (NUMERIC_COMPARISONS.includes(rule.comparison)) compareNumbers({ ...rule, value: undefined }, position);
}

/**
 * Index of the first matching rule, or -1. Every rule is checked first, so a malformed one is
 * reported whatever the value. Rules are numbered from 1 in messages.
 */
export function firstMatchingRule(rules: VariableRule[]): number {
	rules.forEach((rule, index) => checkRule(rule, index + 1));
	return rules.findIndex((rule, index) => ruleMatches(rule, index + 1));
}

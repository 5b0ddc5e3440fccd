/**
 * IXC's listing semantics (docs/apis-externas.md §C.1): `qtype`/`query`/`oper`, `grid_param` as a
 * JSON-encoded string of ANDed `{TB, OP, P[, P2]}` filters, `sortname`/`sortorder`, paging with
 * `page`/`rp`, and the answer `{ page: "1", total: "<n>", registros: [...] }` with strings.
 */
import type { SimulatorReply } from './base';
import { isoFromBrDate } from './brazil-formats';
import type { IxcRow } from './ixc-records';

/** The HTML body IXC answers on server-side errors (C.1, "504 and others"). */
export const IXC_HTML_ERROR =
	'<div style="margin:40px; padding:20px; background:#FF0000; color:#FFFFFF; font-family:Arial; border-radius:5px">Ocorreu um erro ao processar. Contate o suporte IXC Soft.</div>';

/** An HTML error answer with `status`. */
export function ixcHtmlError(status: number): SimulatorReply {
	return { status, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: IXC_HTML_ERROR };
}

/** How an empty result is answered: without `registros` (default, as many clients must expect) or with `[]`. */
export type EmptyListShape = 'absent' | 'emptyArray';

interface Filter {
	field: string;
	operator: string;
	value: string;
	value2?: string;
}

const OPERATORS = new Set(['=', '!=', '>', '<', '>=', '<=', 'L', 'NL', 'IN', 'NI', 'BE', 'NBE']);

function isNumeric(value: string): boolean {
	return value.trim() !== '' && !Number.isNaN(Number(value));
}

function compare(left: string, right: string): number {
	if (isNumeric(left) && isNumeric(right)) return Number(left) - Number(right);
	return left < right ? -1 : left > right ? 1 : 0;
}

/** Compares a row value with a filter value; a date filter compares only the date part of a datetime. */
function compareValue(rowValue: string, filterValue: string): number {
	const normalized = isoFromBrDate(filterValue);
	const comparable = /^\d{4}-\d{2}-\d{2}$/.test(normalized) && /^\d{4}-\d{2}-\d{2} /.test(rowValue) ? rowValue.slice(0, 10) : rowValue;
	return compare(comparable, normalized);
}

function matches(row: IxcRow, filter: Filter): boolean {
	const value = row[filter.field] ?? '';
	const list = () => filter.value.split(',').map((item) => item.trim());
	const between = () => compareValue(value, filter.value) >= 0 && compareValue(value, filter.value2 ?? filter.value) <= 0;
	switch (filter.operator) {
		case '=':
			return value === filter.value;
		case '!=':
			return value !== filter.value;
		case '>':
			return compareValue(value, filter.value) > 0;
		case '<':
			return compareValue(value, filter.value) < 0;
		case '>=':
			return compareValue(value, filter.value) >= 0;
		case '<=':
			return compareValue(value, filter.value) <= 0;
		case 'L':
			return value.toLowerCase().includes(filter.value.toLowerCase());
		case 'NL':
			return !value.toLowerCase().includes(filter.value.toLowerCase());
		case 'IN':
			return list().includes(value);
		case 'NI':
			return !list().includes(value);
		case 'BE':
			return between();
		default:
			return !between();
	}
}

/** `table.field` → `field`, or `undefined` when the prefix is missing or wrong (IXC answers 500). */
function fieldOf(qualified: string, prefix: string, columns: Set<string>): string | undefined {
	if (!qualified.startsWith(`${prefix}.`)) return undefined;
	const field = qualified.slice(prefix.length + 1);
	return columns.size === 0 || columns.has(field) ? field : undefined;
}

function readFilters(params: Record<string, unknown>, prefix: string, columns: Set<string>): Filter[] | 'invalid' {
	const filters: Filter[] = [];
	const qtype = String(params.qtype ?? '');
	if (qtype !== '') {
		const field = fieldOf(qtype, prefix, columns);
		const operator = String(params.oper ?? '=');
		if (!field || !OPERATORS.has(operator)) return 'invalid';
		filters.push({ field, operator, value: String(params.query ?? '') });
	}
	if (params.grid_param === undefined || params.grid_param === '') return filters;
	// IXC takes grid_param only as a JSON-encoded string; an array sent as-is is a client bug.
	if (typeof params.grid_param !== 'string') return 'invalid';
	let grid: unknown;
	try {
		grid = JSON.parse(params.grid_param);
	} catch {
		return 'invalid';
	}
	if (!Array.isArray(grid)) return 'invalid';
	for (const entry of grid as Array<Record<string, unknown>>) {
		const field = fieldOf(String(entry.TB ?? ''), prefix, columns);
		const operator = String(entry.OP ?? '=');
		if (!field || !OPERATORS.has(operator)) return 'invalid';
		filters.push({ field, operator, value: String(entry.P ?? ''), value2: entry.P2 === undefined ? undefined : String(entry.P2) });
	}
	return filters;
}

/** Answers a listing of `rows` (the table behind `prefix`) for the request parameters. */
export function listRows(rows: IxcRow[], prefix: string, params: Record<string, unknown>, emptyShape: EmptyListShape): SimulatorReply {
	const columns = new Set(rows.flatMap((row) => Object.keys(row)));
	const filters = readFilters(params, prefix, columns);
	if (filters === 'invalid') return ixcHtmlError(500);
	let result = rows.filter((row) => filters.every((filter) => matches(row, filter)));
	const sortname = String(params.sortname ?? '');
	if (sortname !== '') {
		const sortField = fieldOf(sortname, prefix, columns);
		if (!sortField) return ixcHtmlError(500);
		const direction = String(params.sortorder ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
		result = [...result].sort((a, b) => direction * compare(a[sortField] ?? '', b[sortField] ?? ''));
	}
	const page = Math.max(1, Number(params.page) || 1);
	const rowsPerPage = Math.max(1, Number(params.rp) || 20);
	const pageRows = result.slice((page - 1) * rowsPerPage, page * rowsPerPage);
	const body: Record<string, unknown> = { page: String(page), total: String(result.length) };
	if (pageRows.length > 0 || emptyShape === 'emptyArray') body.registros = pageRows;
	return { status: 200, body };
}

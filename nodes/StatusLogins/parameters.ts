import { DateTime } from 'luxon';

import { LOGIN_SORT_FIELDS, type LoginSortField, type OnlineState, type StatusLoginsQuery } from '../shared/erp/ixc/logins';

/** The node's parameters as n8n hands them over (collections hold only the fields the user added). */
export interface StatusLoginsParameters {
	loginFilters: {
		online?: OnlineState | 'offlineOrNoStatus' | 'all';
		ativo?: 'S' | 'N' | 'all';
		concentradorId?: string;
		connectedAfter?: unknown;
		connectedBefore?: unknown;
		disconnectedAfter?: unknown;
		disconnectedBefore?: unknown;
	};
	customerFilters: {
		clienteAtivo?: 'S' | 'N' | 'all';
		cidadeId?: string;
		contratoStatus?: string;
		statusInternet?: string;
		plano?: string;
	};
	sortBy: string;
	sortOrder: string;
	options: { rowsPerPage?: number; maxLogins?: number };
}

/** A parameter problem, reported by the node as a NodeOperationError. */
export class StatusLoginsParameterError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'StatusLoginsParameterError';
	}
}

/** `all` and empty values mean "no filter". */
function chosen<T extends string>(value: T | 'all' | undefined): T | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	return text === '' || text === 'all' ? undefined : (text as T);
}

function numericId(value: string | undefined, label: string): string | undefined {
	const id = value?.trim();
	if (!id) return undefined;
	if (!/^\d+$/.test(id)) throw new StatusLoginsParameterError(`${label} inválido: "${id}"`, `Informe o código numérico do IXC em "${label}".`);
	return id;
}

/**
 * A date parameter (the picker's `2026-01-10T12:00:00`, an ISO string with offset, a JS Date or a
 * Luxon DateTime from an expression) as IXC's `YYYY-MM-DD HH:MM:SS` in the workflow's time zone
 * (IXC stores local times). `undefined` when empty.
 */
export function ixcDateTime(value: unknown, timeZone: string, label: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: DateTime;
	if (value instanceof Date) parsed = DateTime.fromJSDate(value, { zone: timeZone });
	else if (DateTime.isDateTime(value)) parsed = value.setZone(timeZone);
	else parsed = DateTime.fromISO(String(value).trim().replace(' ', 'T'), { zone: timeZone });
	if (!parsed.isValid) {
		throw new StatusLoginsParameterError(`Data inválida em "${label}": ${String(value)}`, 'Escolha a data no calendário ou use uma expressão como {{ $now.minus(2, "hours") }}.');
	}
	return parsed.toFormat('yyyy-LL-dd HH:mm:ss');
}

/** The two ends of a period, refusing one that ends before it starts. */
function period(after: unknown, before: unknown, timeZone: string, labels: [string, string]): [string | undefined, string | undefined] {
	const from = ixcDateTime(after, timeZone, labels[0]);
	const to = ixcDateTime(before, timeZone, labels[1]);
	if (from && to && from > to) throw new StatusLoginsParameterError(`Período invertido entre "${labels[0]}" e "${labels[1]}"`, `"${labels[0]}" precisa ser anterior a "${labels[1]}".`);
	return [from, to];
}

/** The report query of the parameters; throws {@link StatusLoginsParameterError} on bad values. */
export function statusLoginsQuery(parameters: StatusLoginsParameters, timeZone: string): StatusLoginsQuery {
	const login = parameters.loginFilters ?? {};
	const customer = parameters.customerFilters ?? {};
	const options = parameters.options ?? {};
	const [connectedAfter, connectedBefore] = period(login.connectedAfter, login.connectedBefore, timeZone, ['Conectou Depois De', 'Conectou Antes De']);
	const [disconnectedAfter, disconnectedBefore] = period(login.disconnectedAfter, login.disconnectedBefore, timeZone, ['Desconectou Depois De', 'Desconectou Antes De']);
	if (!(LOGIN_SORT_FIELDS as readonly string[]).includes(parameters.sortBy)) {
		throw new StatusLoginsParameterError(`Ordenação desconhecida: ${parameters.sortBy}`, 'Escolha uma opção em "Ordenar Por".');
	}
	const rowsPerPage = Math.floor(Number(options.rowsPerPage ?? 500));
	const limit = Math.floor(Number(options.maxLogins ?? 0));
	if (!(rowsPerPage >= 1) || !(limit >= 0)) {
		throw new StatusLoginsParameterError('Paginação inválida', '"Logins Por Página" deve ser 1 ou mais e "Máximo De Logins" 0 (todos) ou mais.');
	}
	return {
		login: {
			online: chosen(login.online),
			ativo: chosen(login.ativo),
			concentradorId: numericId(login.concentradorId, 'ID Do Concentrador'),
			connectedAfter,
			connectedBefore,
			disconnectedAfter,
			disconnectedBefore,
		},
		cliente: { ativo: chosen(customer.clienteAtivo), cidadeId: numericId(customer.cidadeId, 'ID Da Cidade') },
		contrato: { status: chosen(customer.contratoStatus), statusInternet: chosen(customer.statusInternet), plano: customer.plano?.trim() || undefined },
		sortBy: parameters.sortBy as LoginSortField,
		sortOrder: parameters.sortOrder === 'desc' ? 'desc' : 'asc',
		rowsPerPage,
		limit,
	};
}

import { DateTime } from 'luxon';

import type { LogFilter, SendStatus } from '../shared/broadcast/types';

/** The node's filter parameters as read (empty strings = no filter). */
export interface FilterParameters {
	campaign: string;
	clienteId: string;
	status: SendStatus | 'all';
	contato: string;
	from: string;
	to: string;
	limit: number;
}

/** A parameter the user must fix: message and fix-it description, pt-BR. */
export class FilterParameterError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

/** A date-time parameter (ISO, no zone: the workflow's time zone) as epoch ms. */
function epochMs(value: string, label: string, timeZone: string): number {
	const parsed = DateTime.fromISO(value.trim(), { zone: timeZone });
	if (!parsed.isValid) throw new FilterParameterError(`Data inválida em "${label}": ${value}`, 'Escolha a data e a hora no seletor do campo, ou deixe vazio.');
	return parsed.toMillis();
}

/** Turns the node's parameters into the store's LogFilter. */
export function logFilterOf(parameters: FilterParameters, timeZone: string): LogFilter {
	if (!Number.isInteger(parameters.limit) || parameters.limit < 1) {
		throw new FilterParameterError(`Máximo de registros inválido: ${parameters.limit}`, 'Informe em "Máximo de Registros" quantos registros trazer, a partir de 1.');
	}
	const filter: LogFilter = { limit: parameters.limit };
	if (parameters.campaign.trim()) filter.campaign = parameters.campaign.trim();
	if (parameters.clienteId.trim()) filter.clienteId = parameters.clienteId.trim();
	if (parameters.status !== 'all') filter.status = parameters.status;
	if (parameters.contato.replace(/\D/g, '')) filter.contato = parameters.contato.replace(/\D/g, '');
	if (parameters.from.trim()) filter.from = epochMs(parameters.from, 'De', timeZone);
	if (parameters.to.trim()) filter.to = epochMs(parameters.to, 'Até', timeZone);
	if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
		throw new FilterParameterError('O período termina antes de começar', 'A data em "Até" deve ser igual ou posterior à data em "De".');
	}
	return filter;
}

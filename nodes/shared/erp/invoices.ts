import type { Fatura } from './types';

/** Order of open invoices every adapter returns: overdue first, then by due date. */
export function compareOpenInvoices(a: Fatura, b: Fatura): number {
	return Number(b.vencida) - Number(a.vencida) || a.vencimento.localeCompare(b.vencimento);
}

/** A sorted copy (see `compareOpenInvoices`); equal invoices keep their order. */
export function sortOpenInvoices(invoices: Fatura[]): Fatura[] {
	return [...invoices].sort(compareOpenInvoices);
}

/**
 * Matching a conversation's phone to the phones an ERP has on file (docs/apis-externas.md §F.3): the same
 * DDD and the same last 8 digits, so a WhatsApp ID without the 9th digit (`554999991234`) matches
 * `(49) 99999-1234`, and formats (`+55`, masks, trunk prefix `0`) do not matter.
 */
import { parsePhone, samePhone } from '../validation';
import type { Cliente } from './types';

/** The number to search the ERP with: DDD + subscriber digits (`49999991234`); undefined when it is not a Brazilian phone. */
export function phoneSearchTerm(phone: string): string | undefined {
	const parsed = parsePhone(phone);
	return parsed ? `${parsed.ddd}${parsed.subscriber}` : undefined;
}

/** The customers with a registered phone that is `phone` (same DDD and last 8 digits), in the given order, each once. */
export function customersWithPhone(candidates: Cliente[], phone: string): Cliente[] {
	const found = new Map<string, Cliente>();
	for (const cliente of candidates) {
		if (!found.has(cliente.id) && cliente.telefones.some((registered) => samePhone(registered, phone))) found.set(cliente.id, cliente);
	}
	return [...found.values()];
}

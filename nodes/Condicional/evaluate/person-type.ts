import type { LinkedCustomer } from '../../shared/conversation/types';
import { detectDocumentType } from '../../shared/validation/document';

/** Pessoa física or jurídica. */
export type PersonType = 'fisica' | 'juridica';

/**
 * The kind of the linked customer: the ERP's `personType` when given, else the length of the
 * document (11 characters: CPF → física; 14, numeric or alphanumeric: CNPJ → jurídica).
 * `undefined` when no customer is linked or neither tells ("Sem cadastro").
 */
export function personTypeOf(customer: LinkedCustomer | undefined): PersonType | undefined {
	if (!customer) return undefined;
	if (customer.personType === 'fisica' || customer.personType === 'juridica') return customer.personType;
	const documentType = customer.document ? detectDocumentType(customer.document) : undefined;
	if (documentType === 'cpf') return 'fisica';
	if (documentType === 'cnpj') return 'juridica';
	return undefined;
}

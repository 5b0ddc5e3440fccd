import { publicCliente } from '../shared/erp/card/engine';
import type { ErpCardAction } from '../shared/erp/card/types';

/** Parameters of the card's own step. */
export interface ValidateCustomerParameters {
	/** Sent once the customer is identified; empty = nothing is sent. */
	successMessage: string;
}

export const VALIDATE_CUSTOMER_OUTPUTS = ['Cliente identificado'];
const IDENTIFIED = 0;

/**
 * "Validar Cadastro": the engine asks the CPF/CNPJ (unless the conversation already has a customer),
 * treats a document the ERP does not know as an invalid answer and links the customer; the card only
 * confirms. A contact who is not a customer leaves by "Máximo de tentativas".
 */
export function validateCustomerAction(parameters: ValidateCustomerParameters): ErpCardAction {
	return {
		outputs: VALIDATE_CUSTOMER_OUTPUTS,
		requires: 'customer',
		uses: [],
		async run(step) {
			const text = step.render(parameters.successMessage);
			return {
				kind: 'finish',
				output: IDENTIFIED,
				result: { cliente: publicCliente(step.cliente) },
				messages: text ? [{ kind: 'text', text }] : [],
			};
		},
	};
}

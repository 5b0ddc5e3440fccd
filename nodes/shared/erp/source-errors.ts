import { NodeApiError, NodeOperationError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { ErpError } from './types';

/** What to tell the user for each kind of ERP failure, by source card. */
export type ErpErrorHints = Record<ErpError['kind'], string>;

/**
 * The error n8n shows for a broadcast source card that reads the ERP (Status Logins, Clientes por Filtro):
 * a parameter mistake of the card (`parameterError`, with its own description), an ERP failure with the
 * card's hint for its kind (an unsupported action is the flow's setup, not the ERP's answer), or the error
 * as it came.
 */
export function erpSourceNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	hints: ErpErrorHints,
	isParameterError: (error: unknown) => error is Error & { description: string },
): NodeOperationError | NodeApiError {
	if (isParameterError(error)) return new NodeOperationError(context.getNode(), error.message, { itemIndex, description: error.description });
	if (error instanceof ErpError) {
		if (error.kind === 'nao_suportado') return new NodeOperationError(context.getNode(), error.message, { itemIndex, description: hints.nao_suportado });
		const httpCode = error.details.httpCode === undefined ? undefined : String(error.details.httpCode);
		return new NodeApiError(context.getNode(), { message: error.message, tipo: error.kind } as JsonObject, {
			message: error.message,
			description: hints[error.kind],
			itemIndex,
			...(httpCode ? { httpCode } : {}),
		});
	}
	return error instanceof NodeOperationError || error instanceof NodeApiError ? error : new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

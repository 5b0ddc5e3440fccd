import type { IDataObject } from 'n8n-workflow';

import { publicCliente, publicContrato } from '../shared/erp/card/engine';
import type { ErpCardAction } from '../shared/erp/card/types';
import { toDiagnosticResult } from './diagnosis';

export const DIAGNOSTIC_OUTPUTS = ['Concluído'];
const DONE = 0;

/**
 * "Diagnóstico": reads the contract's status, overdue invoices, trust unlock and connection from the
 * ERP and stores the result in a conversation variable for the Condicional "Diagnóstico". Sends
 * nothing to the customer: the Condicional after it decides what to say.
 */
export function diagnosticAction(variableName: string): ErpCardAction {
	return {
		outputs: DIAGNOSTIC_OUTPUTS,
		requires: 'contract',
		uses: ['diagnostico'],
		async run(step) {
			const contrato = step.contrato;
			if (!contrato) throw new Error('Diagnóstico sem contrato escolhido');
			const contact = step.conversation.contact;
			const dados = await step.adapter.diagnostico(step.cliente, contrato, { nome: contact.name, telefone: contact.phone });
			const diagnostico = toDiagnosticResult(dados);
			await step.setVariables({ [variableName]: diagnostico });
			return {
				kind: 'finish',
				output: DONE,
				result: {
					diagnostico: { ...diagnostico },
					faturasVencidas: dados.faturasVencidas,
					conexao: dados.conexao ? ({ ...dados.conexao } as IDataObject) : null,
					pontoDeAcesso: dados.pontoDeAcesso ? ({ ...dados.pontoDeAcesso } as IDataObject) : null,
					cliente: publicCliente(step.cliente),
					contrato: publicContrato(dados.contrato),
				},
			};
		},
	};
}

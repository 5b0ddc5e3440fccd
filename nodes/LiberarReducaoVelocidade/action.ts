import type { IDataObject } from 'n8n-workflow';

import { publicCliente, publicContrato } from '../shared/erp/card/engine';
import type { ErpCardAction, ErpStep, ErpTurn } from '../shared/erp/card/types';
import type { Contrato } from '../shared/erp/types';

/** Customer messages of the card. */
export interface SpeedReleaseParameters {
	successMessage: string;
	/** `{{motivo}}`: the ERP's reason. */
	refusedMessage: string;
	notReducedMessage: string;
}

export const SPEED_RELEASE_OUTPUTS = ['Liberado', 'Recusado'];
const RELEASED = 0;
const REFUSED = 1;

function releaseResult(step: ErpStep, contrato: Contrato, liberacao: IDataObject): IDataObject {
	return { liberacao, cliente: publicCliente(step.cliente), contrato: publicContrato(contrato) };
}

function finish(output: number, text: string, result: IDataObject): ErpTurn {
	return { kind: 'finish', output, result, messages: [{ kind: 'text', text }] };
}

/**
 * "Liberar Redução de Velocidade": lifts the speed reduction the ERP applied to the contract
 * (usually for overdue invoices). A contract the ERP lists as active at full speed is not sent to
 * the ERP: "Recusado" with `liberacao.semReducao` and its own message. Every other refusal tells
 * the ERP's reason.
 */
export function speedReleaseAction(parameters: SpeedReleaseParameters): ErpCardAction {
	return {
		outputs: SPEED_RELEASE_OUTPUTS,
		requires: 'contract',
		uses: ['liberarReducaoVelocidade'],
		async run(step) {
			const contrato = step.contrato;
			if (!contrato) throw new Error('Liberar redução de velocidade sem contrato escolhido');
			if (contrato.status === 'ativo') {
				const detail = { sucesso: false, semReducao: true, motivo: 'O contrato não está com a velocidade reduzida.' };
				return finish(REFUSED, step.render(parameters.notReducedMessage), releaseResult(step, contrato, detail));
			}
			const answer = await step.adapter.liberarReducaoVelocidade(step.cliente, contrato);
			if (answer.sucesso) {
				const detail = { sucesso: true, ate: answer.ate ?? null, protocolo: answer.protocolo ?? null, mensagem: answer.mensagem ?? null };
				return finish(RELEASED, step.render(parameters.successMessage), releaseResult(step, contrato, detail));
			}
			const detail = { sucesso: false, semReducao: false, motivo: answer.motivo };
			return finish(REFUSED, step.render(parameters.refusedMessage, { motivo: answer.motivo }), releaseResult(step, contrato, detail));
		},
	};
}

import type { IDataObject } from 'n8n-workflow';

import { publicCliente, publicContrato } from '../shared/erp/card/engine';
import type { ErpCardAction, ErpStep, ErpTurn } from '../shared/erp/card/types';
import { formatDateBr, formatReais } from '../shared/erp/format';
import type { Contrato } from '../shared/erp/types';

/** Customer messages of the card; placeholders besides the usual ones are listed per field. */
export interface TrustUnlockParameters {
	/** `{{desbloqueado_ate}}`: the date (DD/MM/AAAA) until which the release holds. */
	successMessage: string;
	/** Used when the ERP does not say until when the release holds. */
	successWithoutDateMessage: string;
	/** Used when the ERP lifted the block for good, with no trust window (RBX's unblock). */
	fullUnlockMessage: string;
	/**
	 * Used when the ERP released specific invoices ("pagamento em observação", Controllr):
	 * `{{faturas_em_observacao}}` lists them, `{{desbloqueado_ate}}` says until when.
	 */
	successInvoicesOnHoldMessage: string;
	/** `{{disponivel_em}}`: the date (DD/MM/AAAA) the unlock can be used again. */
	alreadyUsedMessage: string;
	/** `{{motivo}}`: the ERP's reason. */
	refusedMessage: string;
	alreadyActiveMessage: string;
}

export const TRUST_UNLOCK_OUTPUTS = ['Desbloqueado', 'Recusado', 'Já ativo'];
const UNLOCKED = 0;
const REFUSED = 1;
const ALREADY_ACTIVE = 2;

function unlockResult(step: ErpStep, contrato: Contrato, desbloqueio: IDataObject): IDataObject {
	return { desbloqueio, cliente: publicCliente(step.cliente), contrato: publicContrato(contrato) };
}

/** `R$ 79,90 vencida em 17/11/2026; R$ 89,90 vencida em 17/10/2026`. */
function invoicesOnHold(faturas: Array<{ vencimento: string; valor: number }>): string {
	return faturas.map((fatura) => `${formatReais(fatura.valor)} vencida em ${formatDateBr(fatura.vencimento)}`).join('; ');
}

function finish(output: number, text: string, result: IDataObject): ErpTurn {
	return { kind: 'finish', output, result, messages: [{ kind: 'text', text }] };
}

/**
 * "Desbloqueio de Confiança": releases a contract blocked for debt for the days the ISP allows.
 * - An active contract is not sent to the ERP: "Já ativo" with its own message (the flow can offer
 *   technical support there, which a refusal would not suggest).
 * - A refusal with the date it can be used again (already used this month) tells that date;
 *   any other refusal tells the ERP's reason. Both leave by "Recusado" with `desbloqueio.jaUtilizado`.
 */
export function trustUnlockAction(parameters: TrustUnlockParameters): ErpCardAction {
	return {
		outputs: TRUST_UNLOCK_OUTPUTS,
		requires: 'contract',
		uses: ['desbloqueioConfianca'],
		async run(step) {
			const contrato = step.contrato;
			if (!contrato) throw new Error('Desbloqueio de confiança sem contrato escolhido');
			if (contrato.status === 'ativo') {
				return finish(ALREADY_ACTIVE, step.render(parameters.alreadyActiveMessage), unlockResult(step, contrato, { sucesso: false, motivo: 'O contrato já está ativo.' }));
			}
			const contact = step.conversation.contact;
			const answer = await step.adapter.desbloqueioConfianca(step.cliente, contrato, { nome: contact.name, telefone: contact.phone });
			if (answer.sucesso) {
				const onHold = answer.faturasEmObservacao ?? [];
				// Some ERPs release the payment of given invoices, not the contract (Controllr): the message names them.
				// Others lift the block for good, with no trust window (RBX): the message says so.
				let text: string;
				if (answer.desbloqueioTotal) {
					text = step.render(parameters.fullUnlockMessage);
				} else if (onHold.length > 0 && answer.ate) {
					text = step.render(parameters.successInvoicesOnHoldMessage, { desbloqueado_ate: formatDateBr(answer.ate), faturas_em_observacao: invoicesOnHold(onHold) });
				} else if (answer.ate) {
					text = step.render(parameters.successMessage, { desbloqueado_ate: formatDateBr(answer.ate) });
				} else {
					text = step.render(parameters.successWithoutDateMessage);
				}
				const detail: IDataObject = {
					sucesso: true,
					tipo: answer.desbloqueioTotal ? 'total' : 'confianca',
					ate: answer.ate ?? null,
					protocolo: answer.protocolo ?? null,
					mensagem: answer.mensagem ?? null,
				};
				if (onHold.length > 0) detail.faturasEmObservacao = onHold.map((fatura) => ({ ...fatura }));
				return finish(UNLOCKED, text, unlockResult(step, contrato, detail));
			}
			const detail = { sucesso: false, motivo: answer.motivo, disponivelEm: answer.disponivelEm ?? null, jaUtilizado: Boolean(answer.disponivelEm) };
			const text = answer.disponivelEm
				? step.render(parameters.alreadyUsedMessage, { disponivel_em: formatDateBr(answer.disponivelEm), motivo: answer.motivo })
				: step.render(parameters.refusedMessage, { motivo: answer.motivo });
			return finish(REFUSED, text, unlockResult(step, contrato, detail));
		},
	};
}

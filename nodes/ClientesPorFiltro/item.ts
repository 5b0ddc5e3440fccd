import type { IDataObject } from 'n8n-workflow';

import { broadcastPhone, isBroadcastPhone } from '../shared/broadcast/phone';
import { formatDateBr, formatReais } from '../shared/erp/format';
import type { ClienteFiltrado, Fatura } from '../shared/erp/types';

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function invoiceJson(fatura: Fatura, hoje: string): IDataObject {
	return {
		id: fatura.id,
		valor: fatura.valor,
		valorFormatado: formatReais(fatura.valor),
		vencimento: fatura.vencimento,
		vencimentoFormatado: formatDateBr(fatura.vencimento),
		diasParaVencer: daysBetween(hoje, fatura.vencimento),
		vencida: fatura.vencimento < hoje,
		...(fatura.contratoId ? { contratoId: fatura.contratoId } : {}),
		...(fatura.linhaDigitavel ? { linhaDigitavel: fatura.linhaDigitavel } : {}),
		...(fatura.codigoBarras ? { codigoBarras: fatura.codigoBarras } : {}),
		...(fatura.pixCopiaECola ? { pixCopiaECola: fatura.pixCopiaECola } : {}),
		...(fatura.pdfUrl ? { pdfUrl: fatura.pdfUrl } : {}),
	};
}

/** `+55…` of every mobile among the customer's numbers, without repeats. */
export function mobilePhones(telefones: string[]): string[] {
	const found = telefones.map((telefone) => broadcastPhone(telefone)).filter(isBroadcastPhone);
	return [...new Set(found.map((phone) => phone.e164))];
}

/**
 * One customer as the node's output item: `destinatario` as "Enfileirar Envio" reads it (the first
 * mobile in E.164, or the numbers as registered when there is none, so the queue logs why it skipped
 * him), the customer, the contract and the first invoice (and all of them) ready for template
 * variables: amount and due date formatted in pt-BR, digitable line, Pix, link.
 */
export function customerItem(entry: ClienteFiltrado, hoje: string): IDataObject {
	const { cliente, contrato, faturas } = entry;
	const celulares = mobilePhones(cliente.telefones);
	const chosen = broadcastPhone(cliente.telefones);
	const total = Number(faturas.reduce((sum, fatura) => sum + fatura.valor, 0).toFixed(2));
	return {
		destinatario: { clienteId: cliente.id, telefone: celulares[0] ?? cliente.telefones },
		contato: isBroadcastPhone(chosen) ? chosen.contato : '',
		cliente: {
			id: cliente.id,
			nome: cliente.nome,
			primeiroNome: cliente.nome.trim().split(/\s+/)[0] ?? '',
			telefones: cliente.telefones,
			celulares,
			...(cliente.email ? { email: cliente.email } : {}),
			...(entry.cidade ? { cidade: entry.cidade } : {}),
		},
		...(contrato ? { contrato: { id: contrato.id, plano: contrato.plano, status: contrato.status, ...(contrato.login ? { login: contrato.login } : {}) } } : {}),
		...(faturas.length > 0 ? { fatura: invoiceJson(faturas[0], hoje) } : {}),
		faturas: faturas.map((fatura) => invoiceJson(fatura, hoje)),
		totalEmAberto: total,
		totalEmAbertoFormatado: formatReais(total),
	};
}

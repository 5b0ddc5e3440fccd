import { DateTime } from 'luxon';

import type { SendLogEntry } from '../shared/broadcast/types';

/** One send-log row as "Logs Omnichannel" outputs it (pt-BR field names; dates ISO 8601 in the workflow's time zone). */
export interface LogRow {
	id: number;
	idCliente: string;
	tipoComunicacao: 'WhatsApp';
	contato: string;
	dataEnvio: string;
	status: SendLogEntry['status'];
	mensagem: string;
	campanha: string;
	codigoErro?: number;
	entrega?: NonNullable<SendLogEntry['entrega']>;
	entregaEm?: string;
	idMensagemWhatsApp?: string;
	idEnvio?: string;
	/** Why the row ended as it did (pt-BR). */
	motivo?: string;
	categoria?: SendLogEntry['categoria'];
	/** What the message costs (BRL). */
	custo?: number;
	janela24h?: SendLogEntry['janela24h'];
	/** The text of the template button the recipient tapped, and when. */
	resposta?: string;
	respondidoEm?: string;
}

function isoIn(epochMs: number, timeZone: string): string {
	return DateTime.fromMillis(epochMs, { zone: timeZone }).toISO() ?? new Date(epochMs).toISOString();
}

/** The output row of a log entry. */
export function logRow(entry: SendLogEntry, timeZone: string): LogRow {
	return {
		id: entry.id,
		idCliente: entry.clienteId,
		tipoComunicacao: 'WhatsApp',
		contato: entry.contato,
		dataEnvio: isoIn(entry.dataEnvio, timeZone),
		status: entry.status,
		mensagem: entry.mensagem,
		campanha: entry.campaign,
		...(entry.codigoErro !== undefined ? { codigoErro: entry.codigoErro } : {}),
		...(entry.entrega !== undefined ? { entrega: entry.entrega } : {}),
		...(entry.entregaEm !== undefined ? { entregaEm: isoIn(entry.entregaEm, timeZone) } : {}),
		...(entry.wamid !== undefined ? { idMensagemWhatsApp: entry.wamid } : {}),
		...(entry.jobId !== undefined ? { idEnvio: entry.jobId } : {}),
		...(entry.motivo !== undefined ? { motivo: entry.motivo } : {}),
		...(entry.categoria !== undefined ? { categoria: entry.categoria } : {}),
		...(entry.custo !== undefined ? { custo: entry.custo } : {}),
		...(entry.janela24h !== undefined ? { janela24h: entry.janela24h } : {}),
		...(entry.resposta !== undefined ? { resposta: entry.resposta } : {}),
		...(entry.respondidoEm !== undefined ? { respondidoEm: isoIn(entry.respondidoEm, timeZone) } : {}),
	};
}

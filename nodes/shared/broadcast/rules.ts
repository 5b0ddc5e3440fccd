import type { CampaignTotals, LogFilter, SendLogEntry } from './types';

/**
 * Finished campaigns (no job queued or being sent) and send-log rows are kept this long after their
 * last change; after that a campaign may queue the same recipients again.
 */
export const BROADCAST_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/** Rows `queryLog` returns when the filter sets no limit. */
export const DEFAULT_LOG_LIMIT = 1000;

/** The log's confirmation when WhatsApp accepted the message. */
export const SENT_MESSAGE = 'Mensagem enviada ao WhatsApp.';

type Delivery = NonNullable<SendLogEntry['entrega']>;

/** Progress of a delivery: a callback never moves a row back (read before delivered arrives out of order). */
export const DELIVERY_RANK: Record<Delivery, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/** The log's text for a delivery status from WhatsApp. */
export function deliveryMessage(status: Delivery, errorCode?: number, errorTitle?: string): string {
	switch (status) {
		case 'sent':
			return SENT_MESSAGE;
		case 'delivered':
			return 'Mensagem entregue ao contato.';
		case 'read':
			return 'Mensagem lida pelo contato.';
		case 'failed': {
			const title = errorTitle?.trim() || 'erro não informado pelo WhatsApp';
			return errorCode === undefined ? `Falha na entrega: ${title}.` : `Falha na entrega: ${title} (código ${errorCode}).`;
		}
	}
}

/** The job id of a campaign's recipient (`BroadcastJob.id`). */
export function broadcastJobId(campaign: string, recipientKey: string): string {
	return `${campaign}:${recipientKey}`;
}

/** Whether a log row passes the filter's fields (the limit aside). */
export function matchesLogFilter(entry: SendLogEntry, filter: LogFilter): boolean {
	if (filter.campaign !== undefined && entry.campaign !== filter.campaign) return false;
	if (filter.clienteId !== undefined && entry.clienteId !== filter.clienteId) return false;
	if (filter.status !== undefined && entry.status !== filter.status) return false;
	if (filter.from !== undefined && entry.dataEnvio < filter.from) return false;
	if (filter.to !== undefined && entry.dataEnvio > filter.to) return false;
	const digits = filter.contato?.replace(/\D/g, '');
	return !digits || entry.contato.replace(/\D/g, '').includes(digits);
}

/** Newest first: by send date, then by id. */
export function newestFirst(a: SendLogEntry, b: SendLogEntry): number {
	return b.dataEnvio - a.dataEnvio || b.id - a.id;
}

/** The filter's limit, or the default; at least 1. */
export function logLimit(filter: LogFilter): number {
	return Math.max(1, Math.floor(filter.limit ?? DEFAULT_LOG_LIMIT));
}

/** Short pt-BR reasons of the WhatsApp codes a broadcast meets most (docs/apis-externas.md §A.8). */
const CODE_REASONS: Record<number, string> = {
	131026: 'número sem WhatsApp',
	131049: 'limite de marketing por usuário',
	131047: 'fora da janela de 24 horas',
	131056: 'muitas mensagens para o mesmo número',
	130429: 'limite de ritmo do número',
	131048: 'limitado por denúncias de spam',
	131050: 'o contato pediu para não receber marketing',
	132001: 'template inexistente neste idioma',
};

/**
 * Why a log row ended as it did, short and in pt-BR: "entregue", "lida", "número sem WhatsApp (131026)",
 * or the row's own text when no shorter form says it (skips, reschedules, unknown codes).
 */
export function rowReason(row: SendLogEntry): string {
	if (row.status === 'ignorado' || row.status === 'reagendado') return row.mensagem;
	if (row.status === 'sucesso') {
		if (row.entrega === 'read') return 'lida';
		if (row.entrega === 'delivered') return 'entregue';
		return 'aceita pelo WhatsApp (aguardando a entrega)';
	}
	const known = row.codigoErro === undefined ? undefined : CODE_REASONS[row.codigoErro];
	if (known) return `${row.entrega === 'failed' ? 'falha na entrega: ' : ''}${known} (${row.codigoErro})`;
	return row.mensagem;
}

/**
 * What a row's message costs (BRL): its unit price when WhatsApp accepted it and did not report a
 * failed delivery (Meta charges delivered templates), 0 otherwise and for a utility template inside the
 * 24-hour window (free since July 2025, docs/apis-externas.md §A.12); undefined without a price.
 */
export function rowCost(row: SendLogEntry): number | undefined {
	if (row.precoUnitario === undefined) return undefined;
	if (row.status !== 'sucesso' || row.entrega === 'failed') return 0;
	if (row.categoria === 'utility' && row.janela24h === 'dentro') return 0;
	return row.precoUnitario;
}

/** The row as `queryLog` gives it: with its `motivo` and, when priced, its `custo`. */
export function describedRow(row: SendLogEntry): SendLogEntry {
	const cost = rowCost(row);
	return { ...row, motivo: rowReason(row), ...(cost !== undefined ? { custo: cost } : {}) };
}

/** Sums of prices, to 4 decimals (the unit prices' precision) without float dust. */
export function roundedBRL(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

/** The most recently changed campaign first, then by name. */
export function byLastChange(a: CampaignTotals, b: CampaignTotals): number {
	return b.updatedAt - a.updatedAt || a.campaign.localeCompare(b.campaign);
}

import { DateTime } from 'luxon';

import type { CampaignProgress, CampaignState, CampaignTotals, LogFilter, SendLogEntry } from './types';

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
	if (row.status === 'ignorado' || row.status === 'reagendado' || row.status === 'cancelado') return row.mensagem;
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

/** The log's reason of the jobs a cancel ended, when the user gave none. */
export const CANCELLED_MESSAGE = 'Campanha cancelada antes do envio.';

/** The pt-BR label of Meta's per-user marketing limit, in the log's reasons. */
export const MARKETING_LIMIT_LABEL = 'Limite de marketing por usuário (131049)';

/** A date of the log's reasons ("08/12/2026 às 14:30") in `timeZone`. */
export function logDate(epochMs: number, timeZone: string): string {
	return DateTime.fromMillis(epochMs, { zone: timeZone }).setLocale('pt-BR').toFormat("dd/MM/yyyy 'às' HH:mm");
}

/** The `reagendado` row of a 131049 that WhatsApp reported in a `failed` status after accepting the message. */
export function lateMarketingLimitReason(notBefore: number, timeZone: string): string {
	return `${MARKETING_LIMIT_LABEL}, informado na entrega: nova tentativa em ${logDate(notBefore, timeZone)}.`;
}

/** Progress counts by throughput bucket: a job leaving the queue adds 1 to the bucket of its time. */
export const RATE_BUCKET_MS = 5_000;
/** The recent rate looks this far back. */
export const RATE_WINDOW_MS = 60_000;

/** The bucket of an epoch ms. */
export function rateBucket(epochMs: number): number {
	return Math.floor(epochMs / RATE_BUCKET_MS);
}

/** The buckets the recent rate at `now` reads, oldest first. */
export function recentBuckets(now: number): number[] {
	const last = rateBucket(now);
	const count = RATE_WINDOW_MS / RATE_BUCKET_MS;
	return Array.from({ length: count }, (_, index) => last - count + 1 + index);
}

/**
 * Jobs per second that left the queue lately: the jobs counted in the window's buckets (`counts`, in
 * `recentBuckets(now)` order) over the time since the first bucket that has any (at least one bucket), or
 * undefined without any.
 */
export function recentRate(counts: number[], now: number): number | undefined {
	const buckets = recentBuckets(now);
	const first = counts.findIndex((count) => count > 0);
	if (first < 0) return undefined;
	const total = counts.reduce((sum, count) => sum + count, 0);
	const spanMs = Math.max(RATE_BUCKET_MS, now - buckets[first] * RATE_BUCKET_MS);
	return (total * 1000) / spanMs;
}

/** A campaign's progress from its counts, with the ETA (see `CampaignProgress.etaMs`). */
export function campaignProgressOf(
	campaign: string,
	state: CampaignState,
	counts: Pick<CampaignProgress, 'sent' | 'delivered' | 'read' | 'failed' | 'pending' | 'cancelled'>,
	rate: number | undefined,
	fallbackRate: number | undefined,
): CampaignProgress {
	const total = counts.sent + counts.failed + counts.pending + counts.cancelled;
	const pace = rate ?? (fallbackRate !== undefined && fallbackRate > 0 ? fallbackRate : undefined);
	let etaMs: number | undefined;
	if (counts.pending === 0) etaMs = 0;
	else if (state === 'active' && pace !== undefined) etaMs = Math.round((counts.pending / pace) * 1000);
	return {
		campaign,
		state,
		total,
		...counts,
		...(rate !== undefined ? { recentRate: rate } : {}),
		...(etaMs !== undefined ? { etaMs } : {}),
	};
}

/** Sums of prices, to 4 decimals (the unit prices' precision) without float dust. */
export function roundedBRL(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

/** The most recently changed campaign first, then by name. */
export function byLastChange(a: CampaignTotals, b: CampaignTotals): number {
	return b.updatedAt - a.updatedAt || a.campaign.localeCompare(b.campaign);
}

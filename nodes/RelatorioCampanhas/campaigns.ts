import { roundedBRL } from '../shared/broadcast/rules';
import type { CampaignTotals, SendLogEntry } from '../shared/broadcast/types';

/** One point of the rates chart: the shares of the accepted messages delivered and read up to `em`. */
export interface RatePoint {
	/** Epoch ms: the end of the interval (everything up to it counts). */
	em: number;
	/** Messages accepted by WhatsApp up to `em`. */
	aceitas: number;
	/** % of those delivered (or read) up to `em`; null while none was accepted. */
	taxaEntrega: number | null;
	/** % of those read up to `em`; null while none was accepted. */
	taxaLeitura: number | null;
}

/** A failure or skip reason and how many messages ended with it. */
export interface FailureReason {
	motivo: string;
	/** `falha`: WhatsApp refused or did not deliver; `ignorado`: not queued (opt-out, landline, no phone…). */
	situacao: 'falha' | 'ignorado';
	total: number;
}

/** One campaign as the "Relatório de Campanhas" shows it (pt-BR fields: the JSON output is read by users). */
export interface CampaignReport {
	campanha: string;
	/** Epoch ms of the first enqueue and of the last change. */
	inicio: number;
	ultimaAtualizacao: number;
	/** Messages queued in the campaign (every state). */
	enfileiradas: number;
	/** Accepted by WhatsApp (with a message id), including those whose delivery failed afterwards. */
	enviadas: number;
	/** Delivered to the phone (the read ones included). */
	entregues: number;
	lidas: number;
	/** Given up: refused by WhatsApp, attempts exhausted or delivery failed. */
	falhas: number;
	/** Still in the queue: waiting or being sent. */
	pendentes: number;
	/** Recipients not queued (opt-out, landline, invalid or missing number). */
	ignoradas: number;
	/** entregues ÷ enviadas × 100 and lidas ÷ enviadas × 100, one decimal; null before any acceptance. */
	taxaEntrega: number | null;
	taxaLeitura: number | null;
	/** BRL: every queued message delivered at its unit price; and the log's `custo` summed. */
	custoEstimado: number;
	custoReal: number;
	evolucao: RatePoint[];
	falhasPorMotivo: FailureReason[];
	/** The log had more rows than were read: the numbers from the log cover the newest ones only. */
	logIncompleto?: true;
}

const MINUTE = 60_000;
/** Chart intervals, the shortest that keeps a campaign within MAX_POINTS points. */
const STEPS = [1, 5, 15, 30, 60, 180, 360, 720, 1440].map((minutes) => minutes * MINUTE);
const MAX_POINTS = 24;

/** WhatsApp accepted the message: it got a message id (a failed delivery keeps it). */
function accepted(row: SendLogEntry): boolean {
	return row.wamid !== undefined && (row.status === 'sucesso' || row.status === 'falha');
}

function delivered(row: SendLogEntry): boolean {
	return row.status === 'sucesso' && (row.entrega === 'delivered' || row.entrega === 'read');
}

function rate(part: number, whole: number): number | null {
	return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/**
 * The delivery and read rates over time, cumulative: a point at the first acceptance, then one at the
 * end of each interval (1 min … 1 day, aligned on the clock) until the last status, the last point
 * covering all (at least two points, so the chart draws lines). The log keeps only a message's latest status time, so a read message counts as
 * delivered when it was read.
 */
export function rateTimeline(rows: SendLogEntry[]): RatePoint[] {
	const sends = rows.filter(accepted).map((row) => row.dataEnvio);
	if (sends.length === 0) return [];
	// WhatsApp's status timestamps are in whole seconds: a status may look up to 1 s older than the send (ms).
	const statusTime = (row: SendLogEntry) => Math.max(row.entregaEm ?? row.dataEnvio, row.dataEnvio);
	const deliveries = rows.filter(delivered).map(statusTime);
	const reads = rows.filter((row) => row.status === 'sucesso' && row.entrega === 'read').map(statusTime);
	const start = Math.min(...sends);
	const end = Math.max(...sends, ...deliveries);
	const step = STEPS.find((candidate) => (end - start) / candidate < MAX_POINTS) ?? STEPS[STEPS.length - 1];
	const pointAt = (at: number): RatePoint => {
		const aceitas = sends.filter((time) => time <= at).length;
		return {
			em: at,
			aceitas,
			taxaEntrega: rate(deliveries.filter((time) => time <= at).length, aceitas),
			taxaLeitura: rate(reads.filter((time) => time <= at).length, aceitas),
		};
	};
	const points = [pointAt(start)];
	for (let at = Math.floor(start / step) * step + step; points.length < 2 || points[points.length - 1].em < end; at += step) points.push(pointAt(at));
	return points;
}

/** Failures and skips grouped by their `motivo`, the most frequent first. */
export function failureReasons(rows: SendLogEntry[]): FailureReason[] {
	const byReason = new Map<string, FailureReason>();
	for (const row of rows) {
		if (row.status !== 'falha' && row.status !== 'ignorado') continue;
		const motivo = (row.motivo ?? row.mensagem).trim() || 'motivo não informado';
		const key = `${row.status}\u0000${motivo}`;
		const entry = byReason.get(key);
		if (entry) entry.total++;
		else byReason.set(key, { motivo, situacao: row.status, total: 1 });
	}
	return [...byReason.values()].sort((a, b) => b.total - a.total || a.motivo.localeCompare(b.motivo, 'pt-BR'));
}

/**
 * A campaign's report from its queue totals (store `campaignTotals`) and its send-log rows (store
 * `queryLog`, with `motivo` and `custo`). `logIncompleto`: `rows` was cut by the query's limit.
 */
export function campaignReport(totals: CampaignTotals, rows: SendLogEntry[], logIncompleto = false): CampaignReport {
	const enviadas = rows.filter(accepted).length;
	const entregues = rows.filter(delivered).length;
	const lidas = rows.filter((row) => row.status === 'sucesso' && row.entrega === 'read').length;
	const { queued, sending, sent, failed } = totals.counts;
	return {
		campanha: totals.campaign,
		inicio: totals.createdAt,
		ultimaAtualizacao: Math.max(totals.updatedAt, ...rows.map((row) => row.entregaEm ?? row.dataEnvio)),
		enfileiradas: queued + sending + sent + failed,
		enviadas,
		entregues,
		lidas,
		falhas: failed,
		pendentes: queued + sending,
		ignoradas: rows.filter((row) => row.status === 'ignorado').length,
		taxaEntrega: rate(entregues, enviadas),
		taxaLeitura: rate(lidas, enviadas),
		custoEstimado: totals.estimatedCostBRL,
		custoReal: roundedBRL(rows.reduce((sum, row) => sum + (row.custo ?? 0), 0)),
		evolucao: rateTimeline(rows),
		falhasPorMotivo: failureReasons(rows),
		...(logIncompleto ? { logIncompleto: true as const } : {}),
	};
}

/** The run's summary item and progress log line, in the pack's pt-BR field names. */
import type { IDataObject } from 'n8n-workflow';

import { campaignProgressItem, campaignProgressLine } from '../shared/broadcast/progress';
import type { SenderProgress, SenderSummary } from './sender';

const ENDINGS: Record<SenderSummary['stoppedBy'], string> = {
	emptyQueue: 'semEnviosPendentes',
	maxDuration: 'duracaoMaxima',
	halt: 'interrompida',
};

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** The output item of a run. */
export function summaryItem(summary: SenderSummary): IDataObject {
	return {
		enviadas: summary.sent,
		falhas: summary.failed,
		reagendadas: summary.retried,
		adiadasLimiteMarketing: summary.rescheduled,
		aguardandoConfirmacao: summary.awaitingConfirmation,
		...(summary.heldByControl > 0 ? { naoEnviadasPausaOuCancelamento: summary.heldByControl } : {}),
		restantes: summary.remaining,
		taxaAlcancada: oneDecimal(summary.achievedRate),
		taxaConfigurada: summary.configuredRate,
		ritmoMinimo: oneDecimal(summary.lowestRate),
		ritmoFinal: oneDecimal(summary.finalRate),
		duracaoSegundos: oneDecimal(summary.durationMs / 1000),
		encerradaPor: ENDINGS[summary.stoppedBy],
		situacao: situation(summary),
		campanhas: summary.campaigns.map(campaignProgressItem),
	};
}

/**
 * What is left, in words: "nada pendente" only when nothing is queued and no interrupted send of a
 * killed run still waits for its confirmation (those are queued, but not due before their grace period ends).
 */
export function situation(summary: Pick<SenderSummary, 'remaining' | 'heldForConfirmation'> & Partial<Pick<SenderSummary, 'campaigns'>>): string {
	const parts: string[] = [];
	if (summary.heldForConfirmation > 0) parts.push(`aguardando confirmação: ${summary.heldForConfirmation}`);
	const paused = (summary.campaigns ?? []).reduce((sum, campaign) => sum + (campaign.state === 'paused' ? campaign.pending : 0), 0);
	const queued = summary.remaining - summary.heldForConfirmation - paused;
	if (queued > 0) parts.push(`na fila: ${queued}`);
	if (paused > 0) parts.push(`em campanhas pausadas: ${paused}`);
	return parts.length > 0 ? parts.join('; ') : 'nada pendente';
}

/** The log lines every few seconds while the run sends: the run's, then one per campaign with its ETA. */
export function progressLines(progress: SenderProgress): string[] {
	return [progressLine(progress), ...progress.campaigns.map(campaignProgressLine)];
}

/** The run's own progress line. */
export function progressLine(progress: SenderProgress): string {
	return (
		`${progress.sent} enviadas, ${progress.failed} falhas, ${progress.retried} reagendadas, ` +
		(progress.rescheduled > 0 ? `${progress.rescheduled} adiadas (131049), ` : '') +
		`${progress.inFlight} em andamento após ${oneDecimal(progress.elapsedMs / 1000)} s (ritmo ${oneDecimal(progress.currentRate)} msg/s)`
	);
}

/** The run's summary item and progress log line, in the pack's pt-BR field names. */
import type { IDataObject } from 'n8n-workflow';

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
		aguardandoConfirmacao: summary.awaitingConfirmation,
		restantes: summary.remaining,
		taxaAlcancada: oneDecimal(summary.achievedRate),
		taxaConfigurada: summary.configuredRate,
		duracaoSegundos: oneDecimal(summary.durationMs / 1000),
		encerradaPor: ENDINGS[summary.stoppedBy],
	};
}

/** One log line every few seconds while the run sends. */
export function progressLine(progress: SenderProgress): string {
	return (
		`${progress.sent} enviadas, ${progress.failed} falhas, ${progress.retried} reagendadas, ` +
		`${progress.inFlight} em andamento após ${oneDecimal(progress.elapsedMs / 1000)} s (ritmo ${oneDecimal(progress.currentRate)} msg/s)`
	);
}

import { progressLine, summaryItem } from './summary';

test('the summary item in pt-BR, rates and seconds to one decimal', () => {
	expect(
		summaryItem({
			sent: 950,
			failed: 3,
			retried: 7,
			awaitingConfirmation: 1,
			remaining: 8,
			achievedRate: 79.4567,
			configuredRate: 80,
			durationMs: 12_345,
			stoppedBy: 'emptyQueue',
		}),
	).toEqual({
		enviadas: 950,
		falhas: 3,
		reagendadas: 7,
		aguardandoConfirmacao: 1,
		restantes: 8,
		taxaAlcancada: 79.5,
		taxaConfigurada: 80,
		duracaoSegundos: 12.3,
		encerradaPor: 'semEnviosPendentes',
	});
	expect(summaryItem({ sent: 0, failed: 0, retried: 0, awaitingConfirmation: 0, remaining: 5, achievedRate: 0, configuredRate: 80, durationMs: 50_000, stoppedBy: 'maxDuration' })).toMatchObject({
		encerradaPor: 'duracaoMaxima',
	});
});

test('the progress line', () => {
	expect(progressLine({ sent: 400, failed: 1, retried: 2, awaitingConfirmation: 0, inFlight: 20, elapsedMs: 5012, currentRate: 40 })).toBe(
		'400 enviadas, 1 falhas, 2 reagendadas, 20 em andamento após 5 s (ritmo 40 msg/s)',
	);
});

import { progressLine, situation, summaryItem } from './summary';

test('the summary item in pt-BR, rates and seconds to one decimal', () => {
	expect(
		summaryItem({
			sent: 950,
			failed: 3,
			retried: 7,
			rescheduled: 2,
			awaitingConfirmation: 1,
			remaining: 8,
			heldForConfirmation: 1,
			achievedRate: 79.4567,
			configuredRate: 80,
			lowestRate: 41.25,
			finalRate: 80,
			durationMs: 12_345,
			stoppedBy: 'emptyQueue',
		}),
	).toEqual({
		enviadas: 950,
		falhas: 3,
		reagendadas: 7,
		adiadasLimiteMarketing: 2,
		aguardandoConfirmacao: 1,
		restantes: 8,
		taxaAlcancada: 79.5,
		taxaConfigurada: 80,
		ritmoMinimo: 41.3,
		ritmoFinal: 80,
		duracaoSegundos: 12.3,
		encerradaPor: 'semEnviosPendentes',
		situacao: 'aguardando confirmação: 1; na fila: 7',
	});
	expect(summaryItem({ sent: 0, failed: 0, retried: 0, rescheduled: 0, awaitingConfirmation: 0, remaining: 5, heldForConfirmation: 0, achievedRate: 0, configuredRate: 80, lowestRate: 80, finalRate: 80, durationMs: 50_000, stoppedBy: 'maxDuration' })).toMatchObject({
		encerradaPor: 'duracaoMaxima',
		situacao: 'na fila: 5',
	});
});

test('the progress line', () => {
	expect(progressLine({ sent: 400, failed: 1, retried: 2, rescheduled: 0, awaitingConfirmation: 0, inFlight: 20, elapsedMs: 5012, currentRate: 40 })).toBe(
		'400 enviadas, 1 falhas, 2 reagendadas, 20 em andamento após 5 s (ritmo 40 msg/s)',
	);
});

test('"nada pendente" only when nothing is queued nor waiting for the confirmation of an interrupted send', () => {
	expect(situation({ remaining: 0, heldForConfirmation: 0 })).toBe('nada pendente');
	expect(situation({ remaining: 2, heldForConfirmation: 2 })).toBe('aguardando confirmação: 2');
	expect(situation({ remaining: 3, heldForConfirmation: 0 })).toBe('na fila: 3');
});

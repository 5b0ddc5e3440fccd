import type { CampaignProgress } from '../shared/broadcast/types';
import { progressLine, progressLines, situation, summaryItem } from './summary';

const ACTIVE: CampaignProgress = { campaign: 'aviso', state: 'active', total: 1000, sent: 950, delivered: 900, read: 400, failed: 3, pending: 40, cancelled: 7, recentRate: 79.46, etaMs: 503_000 };
const PAUSED: CampaignProgress = { campaign: 'cobranca', state: 'paused', total: 10, sent: 4, delivered: 0, read: 0, failed: 0, pending: 6, cancelled: 0 };

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
			heldByControl: 0,
			campaigns: [ACTIVE],
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
		campanhas: [
			{
				campanha: 'aviso',
				situacao: 'em andamento',
				total: 1000,
				enviadas: 950,
				entregues: 900,
				lidas: 400,
				falhas: 3,
				pendentes: 40,
				canceladas: 7,
				ritmoRecente: 79.5,
				etaSegundos: 503,
				previsao: 'cerca de 8 min',
			},
		],
	});
	expect(summaryItem({ sent: 0, failed: 0, retried: 0, rescheduled: 0, awaitingConfirmation: 0, remaining: 5, heldForConfirmation: 0, achievedRate: 0, configuredRate: 80, lowestRate: 80, finalRate: 80, durationMs: 50_000, stoppedBy: 'maxDuration', heldByControl: 2, campaigns: [] })).toMatchObject({
		encerradaPor: 'duracaoMaxima',
		naoEnviadasPausaOuCancelamento: 2,
		situacao: 'na fila: 5',
	});
});

test('the progress line', () => {
	expect(progressLine({ sent: 400, failed: 1, retried: 2, rescheduled: 0, awaitingConfirmation: 0, heldByControl: 0, inFlight: 20, elapsedMs: 5012, currentRate: 40, campaigns: [] })).toBe(
		'400 enviadas, 1 falhas, 2 reagendadas, 20 em andamento após 5 s (ritmo 40 msg/s)',
	);
});

test('the progress lines: the run\'s, then each campaign\'s counts and ETA', () => {
	const lines = progressLines({ sent: 400, failed: 1, retried: 2, rescheduled: 0, awaitingConfirmation: 0, heldByControl: 0, inFlight: 20, elapsedMs: 5012, currentRate: 40, campaigns: [ACTIVE, PAUSED, { ...PAUSED, state: 'active', pending: 3, etaMs: undefined }] });
	expect(lines.slice(1)).toEqual([
		'campanha "aviso" (em andamento): 950 enviadas, 900 entregues, 400 lidas, 3 falhas, 40 pendentes, 7 canceladas; previsão: cerca de 8 min',
		'campanha "cobranca" (pausada): 4 enviadas, 0 entregues, 0 lidas, 0 falhas, 6 pendentes, 0 canceladas; previsão: pausada: retome para continuar',
		'campanha "cobranca" (em andamento): 4 enviadas, 0 entregues, 0 lidas, 0 falhas, 3 pendentes, 0 canceladas; previsão: sem ritmo medido ainda',
	]);
});

test('a paused campaign\'s jobs are told apart from the queue', () => {
	expect(situation({ remaining: 8, heldForConfirmation: 0, campaigns: [ACTIVE, PAUSED] })).toBe('na fila: 2; em campanhas pausadas: 6');
});

test('"nada pendente" only when nothing is queued nor waiting for the confirmation of an interrupted send', () => {
	expect(situation({ remaining: 0, heldForConfirmation: 0 })).toBe('nada pendente');
	expect(situation({ remaining: 2, heldForConfirmation: 2 })).toBe('aguardando confirmação: 2');
	expect(situation({ remaining: 3, heldForConfirmation: 0 })).toBe('na fila: 3');
});

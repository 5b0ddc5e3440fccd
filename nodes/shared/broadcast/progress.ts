/** A campaign's progress in the pack's pt-BR words: the output item's fields and the log line (Processar Fila, Controlar Campanha). */
import type { IDataObject } from 'n8n-workflow';

import type { CampaignProgress, CampaignState } from './types';

const STATE_WORDS: Record<CampaignState, string> = { active: 'ativa', paused: 'pausada', cancelled: 'cancelada' };

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Where the campaign is: "pausada", "cancelada", "concluída" (nothing pending) or "em andamento". */
export function campaignSituation(progress: Pick<CampaignProgress, 'state' | 'pending'>): string {
	if (progress.state !== 'active') return STATE_WORDS[progress.state];
	return progress.pending === 0 ? 'concluída' : 'em andamento';
}

/** An ETA in words: "menos de 1 min", "cerca de 12 min", "cerca de 2 h 5 min". */
export function durationWords(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	if (minutes < 1) return 'menos de 1 min';
	if (minutes < 60) return `cerca de ${minutes} min`;
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return rest === 0 ? `cerca de ${hours} h` : `cerca de ${hours} h ${rest} min`;
}

/** What the ETA says: the duration, 0 → "nada pendente", none → why there is none. */
function etaWords(progress: CampaignProgress): string {
	if (progress.etaMs === 0) return 'nada pendente';
	if (progress.etaMs !== undefined) return durationWords(progress.etaMs);
	if (progress.state === 'paused') return 'pausada: retome para continuar';
	return 'sem ritmo medido ainda';
}

/** The campaign's progress as an output item (or part of one). */
export function campaignProgressItem(progress: CampaignProgress): IDataObject {
	return {
		campanha: progress.campaign,
		situacao: campaignSituation(progress),
		total: progress.total,
		enviadas: progress.sent,
		entregues: progress.delivered,
		lidas: progress.read,
		falhas: progress.failed,
		pendentes: progress.pending,
		canceladas: progress.cancelled,
		...(progress.recentRate !== undefined ? { ritmoRecente: oneDecimal(progress.recentRate) } : {}),
		...(progress.etaMs !== undefined ? { etaSegundos: Math.round(progress.etaMs / 1000) } : {}),
		previsao: etaWords(progress),
	};
}

/** One log line: `campanha "x" (em andamento): 120 enviadas, 80 entregues, 30 lidas, 2 falhas, 300 pendentes, 0 canceladas; termina em cerca de 4 min`. */
export function campaignProgressLine(progress: CampaignProgress): string {
	return (
		`campanha "${progress.campaign}" (${campaignSituation(progress)}): ${progress.sent} enviadas, ${progress.delivered} entregues, ` +
		`${progress.read} lidas, ${progress.failed} falhas, ${progress.pending} pendentes, ${progress.cancelled} canceladas; previsão: ${etaWords(progress)}`
	);
}

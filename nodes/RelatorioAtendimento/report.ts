import type { Conversation } from '../shared/conversation/types';
import { questionnaireAnswersOf, ratingsOf, summarizeBy, summarizeRatings, type CsatSummary, type Rating } from '../shared/satisfaction/ratings';
import { endReasonLabel } from './labels';

export interface ReportOptions {
	/** Type of the Registrar Evento event that names the conversation's demand. */
	demandEvent?: string;
	/** End of the period (epoch ms). */
	now: number;
	/** Start of the period (epoch ms), shown in the report; the caller lists conversations from it. */
	since?: number;
	/** Only conversations of this channel account (web chat path, WhatsApp phone number id, Telegram bot id). */
	accountId?: string;
}

export interface StepVisits {
	etapa: string;
	visitas: number;
}

export interface DemandStats {
	demanda: string;
	atendimentos: number;
	/** Average handling time of the demand's ended conversations (null when none ended). */
	tempoMedioSegundos: number | null;
}

export interface EndReasonCount {
	/** The reason as recorded (Encerrar Atendimento's slug, e.g. "financeiro_resolvido"). */
	motivo: string;
	/** The reason in words, as the report shows it (e.g. "Resolvido no financeiro"). */
	rotulo: string;
	total: number;
}

/**
 * Satisfaction (Pesquisa de Satisfação): CSAT = % of the answers scored 4 or 5 on the 1–5 scale.
 * `empresa` counts the ratings of the company; `porAtendente` and `porEquipe` the ratings of the agent,
 * by the agent and the team the conversation had when the customer answered.
 */
export interface SatisfactionReport {
	empresa: CsatSummary;
	porAtendente: Array<{ atendente: string } & CsatSummary>;
	porEquipe: Array<{ equipe: string } & CsatSummary>;
	/** Free questionnaires: answers counted per option, most given first. */
	questionarios: Array<{ questionario: string; respostas: number; opcoes: Array<{ resposta: string; total: number }> }>;
}

/**
 * The attendance report. Every conversation falls in exactly one of: transferidos (a Transferir
 * Atendimento happened), resolvidosPeloBot (ended as resolved, never transferred), naoResolvidos
 * (ended otherwise, never transferred), emAndamento (not ended, never transferred).
 */
export interface AttendanceReport {
	periodo: { inicio: string | null; fim: string };
	atendimentos: number;
	resolvidosPeloBot: number;
	transferidos: number;
	naoResolvidos: number;
	emAndamento: number;
	/** Average of endedAt − createdAt over the ended conversations (null when none ended). */
	tempoMedioSegundos: number | null;
	visitasPorEtapa: StepVisits[];
	demandas: DemandStats[];
	motivosDeEncerramento: EndReasonCount[];
	satisfacao: SatisfactionReport;
}

/** Label of conversations that registered no demand event. */
export const NO_DEMAND = 'sem demanda';

/** Builds the report of `conversations` (already limited to the period by the caller). */
export function buildReport(conversations: Conversation[], options: ReportOptions): AttendanceReport {
	const demandEvent = options.demandEvent ?? 'demanda';
	const selected = options.accountId === undefined ? conversations : conversations.filter((c) => c.channel.accountId === options.accountId);
	const counts = { resolvidosPeloBot: 0, transferidos: 0, naoResolvidos: 0, emAndamento: 0 };
	const durations: number[] = [];
	const visits = new Map<string, number>();
	const demands = new Map<string, { atendimentos: number; durations: number[] }>();
	const endReasons = new Map<string, number>();
	const ratings: Rating[] = [];
	const questionnaires = new Map<string, Map<string, number>>();

	for (const conversation of selected) {
		const ended = conversation.state === 'ended';
		const transferred = conversation.events.some((event) => event.type === 'transferido');
		if (transferred) counts.transferidos++;
		else if (ended && conversation.resolved === true) counts.resolvidosPeloBot++;
		else if (ended) counts.naoResolvidos++;
		else counts.emAndamento++;

		const duration = ended ? durationSeconds(conversation) : undefined;
		if (duration !== undefined) durations.push(duration);
		if (ended) increment(endReasons, conversation.endReason || 'nao_informado');

		for (const event of conversation.events) if (event.type === 'etapa' && event.node) increment(visits, event.node);
		ratings.push(...ratingsOf(conversation));
		for (const answer of questionnaireAnswersOf(conversation)) {
			const counts = questionnaires.get(answer.questionario) ?? new Map<string, number>();
			increment(counts, answer.resposta);
			questionnaires.set(answer.questionario, counts);
		}

		const demand = demandOf(conversation, demandEvent);
		const stats = demands.get(demand) ?? { atendimentos: 0, durations: [] };
		stats.atendimentos++;
		if (duration !== undefined) stats.durations.push(duration);
		demands.set(demand, stats);
	}

	return {
		periodo: { inicio: options.since === undefined ? null : new Date(options.since).toISOString(), fim: new Date(options.now).toISOString() },
		atendimentos: selected.length,
		...counts,
		tempoMedioSegundos: average(durations),
		visitasPorEtapa: sortedByCount(visits).map(([etapa, visitas]) => ({ etapa, visitas })),
		demandas: [...demands]
			.sort(([nameA, a], [nameB, b]) => b.atendimentos - a.atendimentos || nameA.localeCompare(nameB, 'pt-BR'))
			.map(([demanda, stats]) => ({ demanda, atendimentos: stats.atendimentos, tempoMedioSegundos: average(stats.durations) })),
		motivosDeEncerramento: sortedByCount(endReasons).map(([motivo, total]) => ({ motivo, rotulo: endReasonLabel(motivo), total })),
		satisfacao: satisfactionOf(ratings, questionnaires),
	};
}

function satisfactionOf(ratings: Rating[], questionnaires: Map<string, Map<string, number>>): SatisfactionReport {
	const ofAgents = ratings.filter((rating) => rating.alvo === 'atendente');
	return {
		empresa: summarizeRatings(ratings.filter((rating) => rating.alvo === 'empresa')),
		porAtendente: summarizeBy(ofAgents, (rating) => rating.atendente).map(({ chave, ...summary }) => ({ atendente: chave, ...summary })),
		porEquipe: summarizeBy(ofAgents, (rating) => rating.equipe).map(({ chave, ...summary }) => ({ equipe: chave, ...summary })),
		questionarios: [...questionnaires.keys()]
			.sort((a, b) => a.localeCompare(b, 'pt-BR'))
			.map((questionario) => {
				const opcoes = sortedByCount(questionnaires.get(questionario)!).map(([resposta, total]) => ({ resposta, total }));
				return { questionario, respostas: opcoes.reduce((sum, option) => sum + option.total, 0), opcoes };
			}),
	};
}

/**
 * The conversation's demand: the first non-empty string value in the data of its last `demandEvent`
 * event (a later Registrar Evento corrects an earlier one), or NO_DEMAND.
 */
export function demandOf(conversation: Conversation, demandEvent: string): string {
	for (let index = conversation.events.length - 1; index >= 0; index--) {
		const event = conversation.events[index];
		if (event.type !== demandEvent) continue;
		const value = Object.values(event.data ?? {}).find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
		return value?.trim() ?? NO_DEMAND;
	}
	return NO_DEMAND;
}

function durationSeconds(conversation: Conversation): number | undefined {
	if (conversation.endedAt === undefined || conversation.endedAt < conversation.createdAt) return undefined;
	return (conversation.endedAt - conversation.createdAt) / 1000;
}

function average(values: number[]): number | null {
	if (values.length === 0) return null;
	return Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

function increment(counts: Map<string, number>, key: string): void {
	counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Entries by count, largest first; ties by name, so the order is stable. */
function sortedByCount(counts: Map<string, number>): Array<[string, number]> {
	return [...counts].sort(([nameA, a], [nameB, b]) => b - a || nameA.localeCompare(nameB, 'pt-BR'));
}

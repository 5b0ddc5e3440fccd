import type { Conversation } from '../conversation/types';

/**
 * Satisfaction answers recorded on the conversation by Pesquisa de Satisfação, read by Relatório de
 * Atendimento and the Painel's supervision. A rating is an event `avaliacao` (one per question: Ambos
 * records two); a free questionnaire answer is an event `questionario`.
 */
export const RATING_EVENT = 'avaliacao';
export const QUESTIONNAIRE_EVENT = 'questionario';

/** The rating scale: 1 to 5. CSAT counts the answers in its top two scores (4 and 5). */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** What a rating is about: the company, or the agent who handled the conversation. */
export type RatingTarget = 'empresa' | 'atendente';

/** Data of an `avaliacao` event. `atendente`: the agent's login (Painel) or name (attendant API); `equipe`: the team/department. */
export interface RatingData {
	alvo: RatingTarget;
	nota: number;
	escala: number;
	atendente: string | null;
	equipe: string | null;
}

/** Data of a `questionario` event. */
export interface QuestionnaireData {
	questionario: string;
	resposta: string;
	atendente: string | null;
	equipe: string | null;
}

export interface Rating extends RatingData {
	at: number;
}

/** CSAT figures of a set of ratings. */
export interface CsatSummary {
	respostas: number;
	/** % of the answers in the top two scores (4 or 5), one decimal; null without answers. */
	csat: number | null;
	/** Average score, two decimals; null without answers. */
	media: number | null;
	/** Count per score, lowest first (every score of the scale, zeros included). */
	distribuicao: Array<{ nota: number; total: number }>;
}

/** The event data of a rating given now in `conversation` (agent and team as the record keeps them). */
export function ratingData(conversation: Conversation, alvo: RatingTarget, nota: number): RatingData {
	return { alvo, nota, escala: SCALE_MAX, atendente: conversation.attendant ?? null, equipe: conversation.department ?? null };
}

/** The event data of a free questionnaire answer given now in `conversation`. */
export function questionnaireData(conversation: Conversation, questionario: string, resposta: string): QuestionnaireData {
	return { questionario, resposta, atendente: conversation.attendant ?? null, equipe: conversation.department ?? null };
}

function isRating(data: Record<string, unknown> | undefined): data is Record<string, unknown> & RatingData {
	if (!data) return false;
	const { alvo, nota, escala } = data;
	return (alvo === 'empresa' || alvo === 'atendente') && escala === SCALE_MAX && Number.isInteger(nota) && (nota as number) >= SCALE_MIN && (nota as number) <= SCALE_MAX;
}

/** The ratings recorded in a conversation, oldest first; malformed events are skipped. */
export function ratingsOf(conversation: Conversation): Rating[] {
	return conversation.events
		.filter((event) => event.type === RATING_EVENT && isRating(event.data))
		.map((event) => {
			const data = event.data as unknown as RatingData;
			return { at: event.at, alvo: data.alvo, nota: data.nota, escala: data.escala, atendente: stringOrNull(data.atendente), equipe: stringOrNull(data.equipe) };
		});
}

/** The free questionnaire answers recorded in a conversation, oldest first. */
export function questionnaireAnswersOf(conversation: Conversation): QuestionnaireData[] {
	return conversation.events
		.filter((event) => event.type === QUESTIONNAIRE_EVENT && typeof event.data?.questionario === 'string' && typeof event.data?.resposta === 'string')
		.map((event) => ({
			questionario: String(event.data!.questionario),
			resposta: String(event.data!.resposta),
			atendente: stringOrNull(event.data!.atendente),
			equipe: stringOrNull(event.data!.equipe),
		}));
}

function stringOrNull(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value : null;
}

/**
 * CSAT = answers with score 4 or 5 ÷ all answers × 100 (one decimal); média = sum of scores ÷ answers
 * (two decimals); distribuição = answers per score 1…5.
 */
export function summarizeRatings(ratings: Array<Pick<Rating, 'nota'>>): CsatSummary {
	const distribuicao = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, index) => ({ nota: SCALE_MIN + index, total: 0 }));
	for (const rating of ratings) distribuicao[rating.nota - SCALE_MIN].total++;
	if (ratings.length === 0) return { respostas: 0, csat: null, media: null, distribuicao };
	const satisfied = ratings.filter((rating) => rating.nota >= SCALE_MAX - 1).length;
	const sum = ratings.reduce((total, rating) => total + rating.nota, 0);
	return {
		respostas: ratings.length,
		csat: Math.round((satisfied / ratings.length) * 1000) / 10,
		media: Math.round((sum / ratings.length) * 100) / 100,
		distribuicao,
	};
}

/** Ratings grouped by a key (agent or team), keys sorted; ratings without the key are left out. */
export function summarizeBy(ratings: Rating[], keyOf: (rating: Rating) => string | null): Array<{ chave: string } & CsatSummary> {
	const groups = new Map<string, Rating[]>();
	for (const rating of ratings) {
		const key = keyOf(rating);
		if (key === null) continue;
		groups.set(key, [...(groups.get(key) ?? []), rating]);
	}
	return [...groups.keys()].sort((a, b) => a.localeCompare(b, 'pt-BR')).map((chave) => ({ chave, ...summarizeRatings(groups.get(chave)!) }));
}

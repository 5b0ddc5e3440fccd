import type { Conversation } from '../conversation/types';

/** An agent of the Painel (node parameter "Atendentes"). */
export interface DeskAgent {
	login: string;
	nome: string;
	equipes: string[];
	papel: 'agente' | 'supervisor';
}

export type DeskQueue = 'novas' | 'minhas' | 'pendentes' | 'encerradas';

/** How long an ended conversation stays in "Encerradas". */
export const ENDED_QUEUE_MS = 7 * 24 * 60 * 60 * 1000;

/** The conversation's team: its own, or the Painel's "Equipe do primeiro contato" when the flow set none. */
export function teamOf(conversation: Pick<Conversation, 'department'>, firstContactTeam: string): string {
	return conversation.department || firstContactTeam;
}

/**
 * Whether `agent` may see and act on `conversation`: a supervisor on every desk conversation; an
 * agent on those of his teams and those assigned to him.
 */
export function canSee(agent: DeskAgent, conversation: Conversation, firstContactTeam: string): boolean {
	if (conversation.desk !== 'painel') return false;
	if (agent.papel === 'supervisor') return true;
	return conversation.attendant === agent.login || agent.equipes.includes(teamOf(conversation, firstContactTeam));
}

/** Where the human part of a desk conversation is: 'encerrada' once it ended, else its desk status. */
export function deskStateOf(conversation: Conversation): 'nova' | 'aberta' | 'pendente' | 'encerrada' {
	if (conversation.deskEndedAt !== undefined || conversation.state === 'ended') return 'encerrada';
	if (conversation.deskStatus === 'pendente') return 'pendente';
	return conversation.attendant ? 'aberta' : 'nova';
}

/**
 * The queue `conversation` shows in for `agent` (undefined: none of his):
 * Novas = no agent, in his teams (supervisor: all); Minhas = assigned to him, not pending;
 * Pendentes = pending, his or unassigned in his teams (supervisor: all); Encerradas = ended on the
 * desk in the last 7 days, his or his teams' (supervisor: all).
 */
export function queueOf(agent: DeskAgent, conversation: Conversation, firstContactTeam: string, now: number): DeskQueue | undefined {
	if (!canSee(agent, conversation, firstContactTeam)) return undefined;
	const mine = conversation.attendant === agent.login;
	const supervisor = agent.papel === 'supervisor';
	const inMyTeams = supervisor || agent.equipes.includes(teamOf(conversation, firstContactTeam));
	switch (deskStateOf(conversation)) {
		case 'encerrada': {
			const endedAt = conversation.deskEndedAt ?? conversation.endedAt ?? 0;
			return now - endedAt <= ENDED_QUEUE_MS && (mine || inMyTeams) ? 'encerradas' : undefined;
		}
		case 'pendente':
			return mine || (!conversation.attendant && inMyTeams) || supervisor ? 'pendentes' : undefined;
		case 'aberta':
			return mine ? 'minhas' : undefined;
		case 'nova':
			return inMyTeams ? 'novas' : undefined;
	}
}

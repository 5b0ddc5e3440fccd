import type { IdleOperator, TeamOperator, TriggerConditions } from '../shared/keyword-triggers/rules';
import type { RuleOutputParameters } from './outputs';

export type TriggerAction = 'message' | 'team' | 'flow';

/** One rule as configured. */
export interface TriggerRule extends TriggerConditions {
	description: string;
	action: TriggerAction;
	/** Team of the "Equipe de atendimento" action. */
	actionTeam: string;
	/** "Equipe de atendimento": to the Painel (true) or only the current team (false). */
	handToDesk: boolean;
	/** Text sent ("Mensagem inteligente", and the optional message of "Equipe de atendimento"). */
	message: string;
}

interface RawRule extends RuleOutputParameters {
	teamOperator?: string;
	team?: string;
	idleOperator?: string;
	idleHours?: number;
	keywords?: string;
	actionTeam?: string;
	message?: string;
}

const TEAM_OPERATORS: TeamOperator[] = ['any', 'none', 'is', 'isNot'];
const IDLE_OPERATORS: IdleOperator[] = ['any', 'moreThan', 'lessThan'];
const ACTIONS: TriggerAction[] = ['message', 'team', 'flow'];

function oneOf<T extends string>(value: unknown, allowed: T[], fallback: T): T {
	return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The rules of the `rules` fixedCollection, with defaults for what n8n leaves out. */
export function readTriggerRules(collection: unknown): TriggerRule[] {
	const values = (collection as { values?: unknown } | undefined)?.values;
	return (Array.isArray(values) ? (values as RawRule[]) : []).map((raw) => ({
		description: String(raw.description ?? '').trim(),
		team: { operator: oneOf(raw.teamOperator, TEAM_OPERATORS, 'any'), team: String(raw.team ?? '') },
		idle: { operator: oneOf(raw.idleOperator, IDLE_OPERATORS, 'any'), hours: Number(raw.idleHours ?? 1) },
		keywords: String(raw.keywords ?? ''),
		action: oneOf(raw.ruleAction, ACTIONS, 'message'),
		actionTeam: String(raw.actionTeam ?? '').trim(),
		handToDesk: raw.handToDesk !== false,
		message: String(raw.message ?? ''),
	}));
}

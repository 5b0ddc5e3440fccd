import type { IWebhookFunctions } from 'n8n-workflow';

import type { DeskAgent } from '../shared/desk/rules';

/** The Painel's configuration, read from the node's parameters at each request. */
export interface PainelSettings {
	empresa: string;
	equipes: string[];
	atendentes: DeskAgent[];
	firstContactTeam: string;
	inactivityMinutes: number;
	inactivityMessage: string;
	closeMessage: string;
	autoAssign: boolean;
	quickReplies: Array<{ atalho: string; texto: string }>;
	sessionHours: number;
	erp: boolean;
}

interface RawSettings {
	firstContactTeam?: string;
	inactivityMinutes?: number;
	inactivityMessage?: string;
	closeMessage?: string;
	autoAssign?: boolean;
	quickReplies?: { values?: Array<{ shortcut?: string; text?: string }> };
	sessionHours?: number;
}

export const DEFAULT_SETTINGS = {
	firstContactTeam: 'Atendimento',
	inactivityMinutes: 60,
	inactivityMessage: 'Encerramos este atendimento por falta de interação. Se precisar, é só mandar uma nova mensagem. Protocolo {{protocolo}}.',
	closeMessage: 'Atendimento encerrado. Obrigado pelo contato! Protocolo {{protocolo}}.',
	sessionHours: 12,
};

function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

/** Reads and normalises the node's parameters (logins lower-cased; teams named by agents are teams too). */
export function readSettings(context: IWebhookFunctions): PainelSettings {
	const raw = context.getNodeParameter('settings', {}) as RawSettings;
	const teams = ((context.getNodeParameter('teams', {}) as { values?: Array<{ name?: string }> }).values ?? [])
		.map((team) => (team.name ?? '').trim())
		.filter(Boolean);
	const agents: DeskAgent[] = ((context.getNodeParameter('agents', {}) as { values?: Array<Record<string, unknown>> }).values ?? [])
		.map((agent) => ({
			login: String(agent.login ?? '').trim().toLowerCase(),
			nome: String(agent.name ?? '').trim() || String(agent.login ?? ''),
			equipes: splitList(agent.teams),
			papel: agent.role === 'supervisor' ? ('supervisor' as const) : ('agente' as const),
		}))
		.filter((agent) => agent.login);
	const firstContactTeam = (raw.firstContactTeam ?? '').trim() || DEFAULT_SETTINGS.firstContactTeam;
	const equipes = [...new Set([firstContactTeam, ...teams, ...agents.flatMap((agent) => agent.equipes)])];
	return {
		empresa: (context.getNodeParameter('company', '') as string).trim() || 'Atendimento',
		equipes,
		atendentes: agents,
		firstContactTeam,
		inactivityMinutes: Math.max(0, Number(raw.inactivityMinutes ?? DEFAULT_SETTINGS.inactivityMinutes)),
		inactivityMessage: raw.inactivityMessage ?? DEFAULT_SETTINGS.inactivityMessage,
		closeMessage: raw.closeMessage ?? DEFAULT_SETTINGS.closeMessage,
		autoAssign: raw.autoAssign ?? true,
		quickReplies: (raw.quickReplies?.values ?? [])
			.map((reply) => ({ atalho: (reply.shortcut ?? '').trim(), texto: reply.text ?? '' }))
			.filter((reply) => reply.atalho && reply.texto),
		sessionHours: Number(raw.sessionHours ?? DEFAULT_SETTINGS.sessionHours) > 0 ? Number(raw.sessionHours ?? DEFAULT_SETTINGS.sessionHours) : DEFAULT_SETTINGS.sessionHours,
		erp: context.getNodeParameter('erpIntegration', false) as boolean,
	};
}

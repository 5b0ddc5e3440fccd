import type { Conversation } from '../conversation/types';
import { canSee, queueOf, type DeskAgent } from './rules';

const NOW = Date.UTC(2025, 5, 1, 12);
const DAY = 24 * 60 * 60 * 1000;
const ana: DeskAgent = { login: 'ana', nome: 'Ana', equipes: ['Atendimento'], papel: 'agente' };
const bruno: DeskAgent = { login: 'bruno', nome: 'Bruno', equipes: ['Financeiro'], papel: 'agente' };
const chefe: DeskAgent = { login: 'chefe', nome: 'Chefe', equipes: [], papel: 'supervisor' };

function conversation(fields: Partial<Conversation>): Conversation {
	return { desk: 'painel', state: 'human', department: 'Atendimento', ...fields } as Conversation;
}

describe('queueOf / canSee (the desk queue table)', () => {
	test.each<[string, Partial<Conversation>, DeskAgent, string | undefined]>([
		['new, my team', {}, ana, 'novas'],
		['new, no team = first-contact team', { department: undefined }, ana, 'novas'],
		['new, other team', {}, bruno, undefined],
		['new, supervisor sees every team', { department: 'Financeiro' }, chefe, 'novas'],
		['assigned to me', { attendant: 'ana', deskStatus: 'aberta' }, ana, 'minhas'],
		['assigned to a colleague of my team', { attendant: 'carla', deskStatus: 'aberta' }, ana, undefined],
		['assigned to me in another team (forwarded to me)', { attendant: 'bruno', deskStatus: 'aberta' }, bruno, 'minhas'],
		['pending, mine', { attendant: 'ana', deskStatus: 'pendente' }, ana, 'pendentes'],
		['pending, unassigned, my team', { deskStatus: 'pendente' }, ana, 'pendentes'],
		["pending, a colleague's", { attendant: 'carla', deskStatus: 'pendente' }, ana, undefined],
		['pending, supervisor', { attendant: 'carla', deskStatus: 'pendente' }, chefe, 'pendentes'],
		['ended on the desk yesterday, my team', { deskEndedAt: NOW - DAY, state: 'running' }, ana, 'encerradas'],
		['ended on the desk 8 days ago', { deskEndedAt: NOW - 8 * DAY, state: 'ended' }, ana, undefined],
		['ended, another team', { deskEndedAt: NOW - DAY, department: 'Financeiro' }, ana, undefined],
		['not on the desk (attendant API)', { desk: undefined }, chefe, undefined],
	])('%s', (_, fields, agent, expected) => {
		expect(queueOf(agent, conversation(fields), 'Atendimento', NOW)).toBe(expected);
	});

	test.each<[string, Partial<Conversation>, DeskAgent, boolean]>([
		["another team's conversation, by id", { department: 'Financeiro' }, ana, false],
		["another team's, but assigned to me", { department: 'Financeiro', attendant: 'ana' }, ana, true],
		["my team's, assigned to a colleague", { attendant: 'carla' }, ana, true],
		['supervisor, any team', { department: 'Financeiro' }, chefe, true],
		['not a desk conversation', { desk: undefined }, ana, false],
	])('canSee: %s', (_, fields, agent, expected) => {
		expect(canSee(agent, conversation(fields), 'Atendimento')).toBe(expected);
	});
});

import { containsKeyword, firstMatchingTrigger, idleMatches, matchedKeyword, parseKeywords, teamMatches, type TriggerConditions } from './rules';
import { currentTeamOf, idleMsBefore } from './interaction';
import type { HistoryEntry } from '../conversation/types';

const HOUR = 60 * 60 * 1000;

describe('keywords', () => {
	it('splits a comma list with spaces (and ; or line breaks), dropping empty and punctuation-only entries', () => {
		expect(parseKeywords(' Comercial ,vendas,, planos ; segunda via\n , !')).toEqual(['Comercial', 'vendas', 'planos', 'segunda via']);
		expect(parseKeywords('')).toEqual([]);
	});

	it('matches whole words, ignoring case, accents and punctuation', () => {
		expect(containsKeyword('Quero ATENDIMENTO!', 'atendimento')).toBe(true);
		expect(containsKeyword('Atendimento.', 'Atendimento')).toBe(true);
		expect(containsKeyword('técnico', 'TECNICO')).toBe(true);
		expect(containsKeyword('preciso de suporte tecnico', 'Suporte Técnico')).toBe(true);
		expect(containsKeyword('suporte', 'suporte técnico')).toBe(false);
	});

	it('does not match a word inside another word: "atendimentos", "teleatendimento"', () => {
		expect(containsKeyword('atendimentos', 'atendimento')).toBe(false);
		expect(containsKeyword('teleatendimento', 'atendimento')).toBe(false);
		expect(containsKeyword('comerciais', 'comercial')).toBe(false);
	});

	it('the first keyword of the list found wins; an empty list matches anything; nothing found is undefined', () => {
		expect(matchedKeyword('quero falar com vendas', 'comercial, vendas')).toBe('vendas');
		expect(matchedKeyword('qualquer coisa', ' ')).toBe('');
		expect(matchedKeyword('oi', 'comercial, vendas')).toBeUndefined();
		expect(matchedKeyword('', 'comercial')).toBeUndefined();
	});
});

describe('current team', () => {
	it('any, none, is, is not — case and accents do not matter', () => {
		expect(teamMatches({ operator: 'any' }, undefined)).toBe(true);
		expect(teamMatches({ operator: 'none' }, undefined)).toBe(true);
		expect(teamMatches({ operator: 'none' }, '  ')).toBe(true);
		expect(teamMatches({ operator: 'none' }, 'Comercial')).toBe(false);
		expect(teamMatches({ operator: 'is', team: 'comercial' }, 'Comercial')).toBe(true);
		expect(teamMatches({ operator: 'is', team: 'Técnico' }, 'tecnico')).toBe(true);
		expect(teamMatches({ operator: 'is', team: 'Comercial' }, 'Suporte')).toBe(false);
		expect(teamMatches({ operator: 'is', team: 'Comercial' }, undefined)).toBe(false);
		expect(teamMatches({ operator: 'isNot', team: 'Comercial' }, 'Suporte')).toBe(true);
		expect(teamMatches({ operator: 'isNot', team: 'Comercial' }, undefined)).toBe(true);
		expect(teamMatches({ operator: 'isNot', team: 'Comercial' }, 'COMERCIAL')).toBe(false);
	});
});

describe('time without interaction', () => {
	it('more than N hours is strict: exactly N hours is not more', () => {
		expect(idleMatches({ operator: 'moreThan', hours: 1 }, HOUR + 1)).toBe(true);
		expect(idleMatches({ operator: 'moreThan', hours: 1 }, HOUR)).toBe(false);
		expect(idleMatches({ operator: 'moreThan', hours: 1 }, HOUR - 1)).toBe(false);
	});

	it('less than N hours is strict: exactly N hours is not less', () => {
		expect(idleMatches({ operator: 'lessThan', hours: 23 }, 23 * HOUR - 1)).toBe(true);
		expect(idleMatches({ operator: 'lessThan', hours: 23 }, 23 * HOUR)).toBe(false);
		expect(idleMatches({ operator: 'lessThan', hours: 0.5 }, 29 * 60 * 1000)).toBe(true);
	});

	it('a contact who never wrote before has been silent forever', () => {
		expect(idleMatches({ operator: 'moreThan', hours: 1 }, undefined)).toBe(true);
		expect(idleMatches({ operator: 'lessThan', hours: 23 }, undefined)).toBe(false);
		expect(idleMatches({ operator: 'any' }, undefined)).toBe(true);
	});
});

describe('rules in order, first match wins (Acelerato example)', () => {
	const rules: TriggerConditions[] = [
		{ team: { operator: 'none' }, idle: { operator: 'moreThan', hours: 1 }, keywords: '' },
		{ team: { operator: 'none' }, idle: { operator: 'lessThan', hours: 23 }, keywords: 'comercial, vendas' },
		{ team: { operator: 'none' }, idle: { operator: 'lessThan', hours: 23 }, keywords: 'suporte, técnico' },
		{ team: { operator: 'is', team: 'Comercial' }, idle: { operator: 'any' }, keywords: 'atendimento' },
	];

	it('first contact after more than 1 h: the greeting, whatever the words', () => {
		expect(firstMatchingTrigger(rules, { idleMs: 2 * HOUR, text: 'comercial' })).toEqual({ index: 0, keyword: '' });
		expect(firstMatchingTrigger(rules, { text: 'oi' })).toEqual({ index: 0, keyword: '' });
	});

	it('within the hour, keywords pick Comercial or Suporte', () => {
		expect(firstMatchingTrigger(rules, { idleMs: 60_000, text: 'Quero falar com VENDAS' })).toEqual({ index: 1, keyword: 'vendas' });
		expect(firstMatchingTrigger(rules, { idleMs: 60_000, text: 'suporte técnico' })).toEqual({ index: 2, keyword: 'suporte' });
	});

	it('in the Comercial team, "Atendimento" matches; elsewhere nothing does', () => {
		expect(firstMatchingTrigger(rules, { team: 'Comercial', idleMs: 60_000, text: 'Atendimento!' })).toEqual({ index: 3, keyword: 'atendimento' });
		expect(firstMatchingTrigger(rules, { team: 'Suporte', idleMs: 60_000, text: 'Atendimento' })).toBeUndefined();
		expect(firstMatchingTrigger(rules, { idleMs: 60_000, text: 'bom dia' })).toBeUndefined();
		expect(firstMatchingTrigger([], { text: 'oi' })).toBeUndefined();
	});
});

describe('idleMsBefore and currentTeamOf', () => {
	const entry = (at: number, from: HistoryEntry['from'], messageId?: string): HistoryEntry => ({ at, from, kind: 'text', text: 'x', status: 'enviada', ...(messageId ? { messageId } : {}) });

	it('counts from the contact\'s previous message in the conversation, bot messages do not count', () => {
		const history = [entry(1_000, 'cliente', 'a'), entry(2_000, 'bot'), entry(5_000, 'cliente', 'b'), entry(9_000, 'cliente', 'c')];
		expect(idleMsBefore({ history })).toBe(4_000);
		expect(idleMsBefore({ history }, 'b')).toBe(4_000);
		expect(idleMsBefore({ history }, 'a')).toBeUndefined();
	});

	it('the first message counts from the previous atendimento; a contact seen never before: undefined', () => {
		expect(idleMsBefore({ history: [entry(10 * HOUR, 'cliente', 'a')], previousCustomerMessageAt: 8 * HOUR }, 'a')).toBe(2 * HOUR);
		expect(idleMsBefore({ history: [entry(10 * HOUR, 'cliente', 'a')] })).toBeUndefined();
		expect(idleMsBefore({ history: [] , previousCustomerMessageAt: 1 })).toBeUndefined();
	});

	it('an unknown message id falls back to the latest customer message', () => {
		expect(idleMsBefore({ history: [entry(1_000, 'cliente', 'a'), entry(3_000, 'cliente', 'b')] }, 'zzz')).toBe(2_000);
	});

	it('the current team is the department, blank = none', () => {
		expect(currentTeamOf({ department: ' Comercial ' })).toBe('Comercial');
		expect(currentTeamOf({ department: '  ' })).toBeUndefined();
		expect(currentTeamOf({})).toBeUndefined();
	});
});

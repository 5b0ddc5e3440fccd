import { DateTime } from 'luxon';

import type { Conversation } from '../shared/conversation/types';
import { readConditionParameters, type ConditionParameters } from './parameters';
import { routeCondition } from './route';

function conversation(overrides: Partial<Conversation> = {}): Conversation {
	return {
		version: 2,
		id: 'c1',
		protocolo: '20250602000001',
		channel: { type: 'webchat', accountId: 'atendimento', triggerUrl: 'http://127.0.0.1/webhook/atendimento' },
		contact: { id: 'sessao-1' },
		tags: [],
		variables: {},
		state: 'running',
		inbox: [],
		history: [],
		context: [],
		createdAt: 0,
		updatedAt: 0,
		events: [],
		...overrides,
	};
}

const mondayNoon = DateTime.fromISO('2025-06-02T12:00', { zone: 'America/Sao_Paulo' }).toMillis();

function route(parameters: ConditionParameters, overrides: Partial<Conversation> = {}, itemTags: string[] = []) {
	return routeCondition(parameters, { conversation: conversation(overrides), itemTags, now: mondayNoon });
}

/** Parameters as n8n hands them (`read` falls back to the default for anything not given). */
function parameters(values: Record<string, unknown>): ConditionParameters {
	return readConditionParameters((name, fallback) => (name in values ? values[name] : fallback));
}

describe('routeCondition', () => {
	it('Canal: the matching channel output, or "Outros"; the item says which', () => {
		const channels = { values: [{ channel: 'whatsapp' }, { channel: 'webchat', outputName: 'Site' }] };
		expect(route(parameters({ conditionType: 'channel', channels }))).toEqual({
			output: 1,
			detail: { tipo: 'channel', saida: 'Site', canal: 'webchat', conta: 'atendimento' },
		});
		const telegram = route(parameters({ conditionType: 'channel', channels }), { channel: { type: 'telegram', accountId: '42', triggerUrl: '' } });
		expect(telegram).toMatchObject({ output: 2, detail: { saida: 'Outros' } });
	});

	it('Filial: the branch the trigger stored on the channel', () => {
		const branches = ['Centro', 'Zona Norte'];
		const channel = { type: 'webchat' as const, accountId: 'a', triggerUrl: '', branch: 'zona norte' };
		expect(route(parameters({ conditionType: 'branch', branches }), { channel })).toEqual({
			output: 1,
			detail: { tipo: 'branch', saida: 'Zona Norte', filial: 'zona norte' },
		});
		expect(route(parameters({ conditionType: 'branch', branches }))).toMatchObject({ output: 2, detail: { saida: 'Outras', filial: null } });
	});

	it('Período de atendimento: inside, outside, and a holiday', () => {
		const weeklyHours = { values: [{ day: 'mondayToFriday', start: '08:00', end: '18:00' }] };
		expect(route(parameters({ conditionType: 'businessHours', weeklyHours }))).toEqual({
			output: 0,
			detail: { tipo: 'businessHours', saida: 'Dentro do horário', horarioLocal: '02/06/2025 12:00', fusoHorario: 'America/Sao_Paulo', feriado: null },
		});
		expect(route(parameters({ conditionType: 'businessHours', weeklyHours, holidays: '02/06' }))).toMatchObject({
			output: 1,
			detail: { saida: 'Fora do horário', feriado: '02/06' },
		});
		expect(route(parameters({ conditionType: 'businessHours', weeklyHours, timeZone: 'Asia/Tokyo' }))).toMatchObject({
			output: 1,
			detail: { horarioLocal: '03/06/2025 00:00' },
		});
	});

	it('Período de atendimento uses the card defaults when nothing is set (Monday to Friday, 08:00–18:00)', () => {
		expect(route(parameters({ conditionType: 'businessHours' }))).toMatchObject({ output: 0 });
		expect(route(parameters({ conditionType: 'businessHours', holidays: '02/06/2025' }))).toMatchObject({ output: 1 });
		expect(() => route(parameters({ conditionType: 'businessHours', weeklyHours: {} }))).toThrow('Nenhum horário de atendimento configurado');
	});

	it('Turno', () => {
		expect(route(parameters({ conditionType: 'shift' }))).toEqual({
			output: 1,
			detail: { tipo: 'shift', saida: 'Tarde', turno: 'tarde', horarioLocal: '02/06/2025 12:00', fusoHorario: 'America/Sao_Paulo' },
		});
		expect(route(parameters({ conditionType: 'shift', afternoonStart: '13:00' }))).toMatchObject({ output: 0, detail: { saida: 'Manhã' } });
	});

	it('Etiqueta: the conversation tags and the tags the item carries', () => {
		const tag = parameters({ conditionType: 'tag', tags: ['VIP', 'Cobrança'] });
		expect(route(tag, { tags: ['cobranca'] })).toEqual({
			output: 0,
			detail: { tipo: 'tag', saida: 'Tem etiqueta', etiquetasEncontradas: ['Cobrança'] },
		});
		expect(route(tag, {}, ['VIP'])).toMatchObject({ output: 0, detail: { etiquetasEncontradas: ['VIP'] } });
		expect(route(tag, { tags: ['Suporte'] })).toMatchObject({ output: 1, detail: { saida: 'Não tem etiqueta', etiquetasEncontradas: [] } });
	});

	it('Variável: conversation variables or expression values, first match wins, else "Nenhuma regra"', () => {
		const rules = {
			values: [
				{ outputName: 'Plano alto', valueSource: 'variable', variableName: 'plano', comparison: 'greaterThanOrEqual', compareTo: '500' },
				{ outputName: 'Web', valueSource: 'expression', value: 'webchat', comparison: 'equals', compareTo: 'WEBCHAT' },
			],
		};
		expect(route(parameters({ conditionType: 'variable', rules }), { variables: { plano: '600' } })).toEqual({
			output: 0,
			detail: { tipo: 'variable', saida: 'Plano alto', regra: 1, valor: '600' },
		});
		expect(route(parameters({ conditionType: 'variable', rules }), { variables: { plano: '100' } })).toMatchObject({
			output: 1,
			detail: { saida: 'Web', regra: 2, valor: 'webchat' },
		});
		const onlyVariable = { values: [rules.values[0]] };
		expect(route(parameters({ conditionType: 'variable', rules: onlyVariable }))).toEqual({
			output: 1,
			detail: { tipo: 'variable', saida: 'Nenhuma regra', regra: null, valor: null },
		});
	});

	it('Variável: a rule left with its defaults compares the variable "resposta", ignoring case', () => {
		const rules = { values: [{ compareTo: 'sim' }] };
		expect(route(parameters({ conditionType: 'variable', rules }), { variables: { resposta: 'Sim' } })).toMatchObject({ output: 0 });
		expect(route(parameters({ conditionType: 'variable', rules: { values: [{ compareTo: 5 }] } }), { variables: { resposta: 5 } })).toMatchObject({
			output: 0,
		});
	});

	it('Tipo de cadastro', () => {
		const personType = parameters({ conditionType: 'personType' });
		expect(route(personType, { customer: { erp: 'ixc', id: '1', document: '529.982.247-25' } })).toEqual({
			output: 0,
			detail: { tipo: 'personType', saida: 'Pessoa física', tipoCadastro: 'fisica' },
		});
		expect(route(personType, { customer: { erp: 'ixc', id: '1', personType: 'juridica' } })).toMatchObject({ output: 1, detail: { saida: 'Pessoa jurídica' } });
		expect(route(personType)).toMatchObject({ output: 2, detail: { saida: 'Sem cadastro', tipoCadastro: null } });
	});

	it('Origem do atendimento', () => {
		const origin = parameters({ conditionType: 'origin' });
		const referral = { sourceType: 'ad', sourceId: '1202', headline: 'Fibra 500 Mega' };
		expect(route(origin, { referral })).toEqual({
			output: 0,
			detail: { tipo: 'origin', saida: 'Anúncio (click-to-WhatsApp)', anuncio: referral },
		});
		expect(route(origin)).toMatchObject({ output: 1, detail: { saida: 'Orgânico', anuncio: null } });
	});

	it('Diagnóstico: reads the variable (diagnostico by default, or the one configured)', () => {
		const diagnosis = { status: 'ativo', financeiroEmAtraso: true, desbloqueioConfiancaAtivo: false, online: true };
		expect(route(parameters({ conditionType: 'diagnostic' }), { variables: { diagnostico: diagnosis } })).toEqual({
			output: 3,
			detail: { tipo: 'diagnostic', saida: 'Financeiro em atraso', diagnostico: diagnosis },
		});
		expect(route(parameters({ conditionType: 'diagnostic', diagnosticVariable: 'diag2' }), { variables: { diag2: { status: 'bloqueado' } } })).toMatchObject({
			output: 1,
			detail: { saida: 'Bloqueado' },
		});
		expect(route(parameters({ conditionType: 'diagnostic' }))).toMatchObject({ output: 7, detail: { saida: 'Sem diagnóstico', diagnostico: null } });
	});

	it('Equipe atual: the listed team (case and accents do not matter), "Outra equipe", or "Sem equipe"', () => {
		const teams = parameters({ conditionType: 'team', teams: ['Comercial', 'Suporte Técnico'] });
		expect(route(teams, { department: 'comercial' })).toMatchObject({ output: 0, detail: { tipo: 'team', saida: 'Comercial', equipe: 'comercial' } });
		expect(route(teams, { department: 'SUPORTE TECNICO' }).output).toBe(1);
		expect(route(teams, { department: 'Financeiro' })).toMatchObject({ output: 2, detail: { saida: 'Outra equipe', equipe: 'Financeiro' } });
		expect(route(teams, {})).toMatchObject({ output: 3, detail: { saida: 'Sem equipe', equipe: null } });
		expect(route(teams, { department: '  ' }).output).toBe(3);
	});

	it('Tempo sem interação: more than N hours before the latest message (or never wrote) → "Mais de N h", else "Até N h"', () => {
		const HOUR = 3_600_000;
		const idle = parameters({ conditionType: 'idleTime', idleHours: 1 });
		const entry = (at: number) => ({ at, from: 'cliente' as const, kind: 'text', text: 'oi', status: 'resposta' as const });
		expect(route(idle, { history: [entry(0), entry(2 * HOUR)] })).toMatchObject({ output: 0, detail: { saida: 'Mais de 1 h', horasSemInteracao: 2 } });
		expect(route(idle, { history: [entry(0), entry(HOUR)] })).toMatchObject({ output: 1, detail: { saida: 'Até 1 h', horasSemInteracao: 1 } });
		// The first message of an atendimento counts from the contact's previous one.
		expect(route(idle, { history: [entry(10 * HOUR)], previousCustomerMessageAt: 9.5 * HOUR }).output).toBe(1);
		expect(route(idle, { history: [entry(10 * HOUR)] })).toMatchObject({ output: 0, detail: { horasSemInteracao: null } });
		expect(route(parameters({ conditionType: 'idleTime' }), { history: [entry(0), entry(HOUR + 1)] }).output).toBe(0);
	});

	it('refuses an unknown condition type', () => {
		expect(() => route(parameters({ conditionType: 'clima' }))).toThrow('Tipo de condição "clima" desconhecido');
	});
});
